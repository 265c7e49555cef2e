"""Percentages, percentage points, basis points and shares of a whole.

``PERCENT_SUFFIXES`` maps each way of writing "percent" after a figure to the
unit stored and the factor to percent: "25 basis points" is 0.25 percentage
points.  Fractions are shares only when they are of something ("a third of
voters", "half of them") or scale a figure ("half a million").

>>> percent_after(" per cent of GDP")
(' per cent', 'percent', 1.0)
>>> percent_after("bps")
('bps', 'percentage points', 0.01)
"""

from __future__ import annotations

import re

PERCENT_SUFFIXES: list[tuple[str, str, float]] = [
    (r"[ \u00a0]?%", "percent", 1.0),
    (r"[ \u00a0]+per[ \u00a0]?cent\b", "percent", 1.0),
    (r"[ \u00a0]+percent\b", "percent", 1.0),
    (r"[ \u00a0]?pct\b", "percent", 1.0),
    (r"[ \u00a0]?pc\b", "percent", 1.0),
    (r"[ \u00a0]+percentage[ \u00a0]+points?\b", "percentage points", 1.0),
    (r"[ \u00a0]?pp\b", "percentage points", 1.0),
    (r"[ \u00a0]?ppts?\b", "percentage points", 1.0),
    (r"[ \u00a0]+basis[ \u00a0]+points?\b", "percentage points", 0.01),
    (r"[ \u00a0]?bps\b", "percentage points", 0.01),
]
"""(pattern after the figure, unit, factor to percent)."""

_PERCENT = re.compile("|".join(f"({p})" for p, _, _ in PERCENT_SUFFIXES), re.IGNORECASE)

MARKER_STARTS = frozenset("%pPbB")
"""Every percent marker starts, after its spaces, with one of these (no other letter matches
them under ``re.IGNORECASE``): a quick test before the alternation."""

SHARE_OF = re.compile(r"\s+of\b", re.IGNORECASE)
"""A fraction must be "of" something to be a share."""

ONE_IN = re.compile(r"\s+(?:in|out\s+of)(?:\s+every)?\s+", re.IGNORECASE)
""""one in five", "nine out of 10", "one out of every four"."""


def percent_after(after: str) -> tuple[str, str, float] | None:
    """(text matched, unit, factor) of a percent marker at the start of ``after``."""
    if after.lstrip(" \u00a0")[:1] not in MARKER_STARTS:
        return None
    match = _PERCENT.match(after)
    if match is None:
        return None
    index = match.lastindex - 1
    _, unit, factor = PERCENT_SUFFIXES[index]
    return match[0], unit, factor


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
