"""Percentages, percentage points, basis points and shares of a whole.

``PERCENT_SUFFIXES`` maps each way of writing "percent" after a figure to the
kind and unit stored: percentage points and basis points are kinds of
their own (the schema's), valued as written: "25 basis points" is 25
``basis_points``.  Fractions are shares only when they are of something ("a third of
voters", "half of them") or scale a figure ("half a million").

>>> percent_after(" per cent of GDP")
(' per cent', 'percent', 'percent')
>>> percent_after("bps")
('bps', 'basis_points', 'basis points')
"""

from __future__ import annotations

import re

PP, BP = "percentage_points", "basis_points"
PERCENT_SUFFIXES: list[tuple[str, str, str]] = [
    (r"[ \u00a0]?%(?![0-9A-Fa-f]{2})", "percent", "percent"),
    (r"[ \u00a0]+per[ \u00a0]?cent\b", "percent", "percent"),
    (r"[ \u00a0]+percent\b", "percent", "percent"),
    (r"[ \u00a0]?pct\b", "percent", "percent"),
    (r"[ \u00a0]?pc\b", "percent", "percent"),
    (r"[ \u00a0]+percentage[ \u00a0]+points?\b", PP, "percentage points"),
    (r"[ \u00a0]?pp\b", PP, "percentage points"),
    (r"[ \u00a0]?ppts?\b", PP, "percentage points"),
    (r"[ \u00a0]+basis[ \u00a0]+points?\b", BP, "basis points"),
    (r"[ \u00a0]?bps\b", BP, "basis points"),
]
"""(pattern after the figure, kind, unit).  A "%" before two hex digits is a URL escape."""

_PERCENT = re.compile("|".join(f"({p})" for p, _, _ in PERCENT_SUFFIXES), re.IGNORECASE)

MARKER_STARTS = frozenset("%pPbB")
"""Every percent marker starts, after its spaces, with one of these (no other letter matches
them under ``re.IGNORECASE``): a quick test before the alternation."""

SHARE_OF = re.compile(r"\s+of\b|(?<=[Hh]alf)\s+the\b")
"""A fraction must be "of" something to be a share ("half the homes" too)."""

ONE_IN = re.compile(r"\s+(?:in|out\s+of)(?:\s+every)?\s+", re.IGNORECASE)
""""one in five", "nine out of 10", "one out of every four"."""


def percent_after(after: str) -> tuple[str, str, str] | None:
    """(text matched, kind, unit) of a percent marker at the start of ``after``."""
    if after.lstrip(" \u00a0")[:1] not in MARKER_STARTS:
        return None
    match = _PERCENT.match(after)
    if match is None:
        return None
    index = (match.lastindex or 1) - 1
    _, kind, unit = PERCENT_SUFFIXES[index]
    return match[0], kind, unit


def share_in(numerator: float, denominator: float) -> float | None:
    """ "one in five" as percent; None when it cannot be a share.

    >>> share_in(1, 5)
    20.0
    >>> share_in(1, 2015) is None
    True
    """
    if denominator <= 0 or numerator > denominator or denominator > 1000:
        return None
    return numerator / denominator * 100
