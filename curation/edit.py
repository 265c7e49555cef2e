"""Edits of one claim's fields, written ``field=value`` as on the command line.

``python -m dataset edit ID kind=percent measure=growth period.as_of=2015-12``
becomes ``{"kind": "percent", "measure": "growth", "period.as_of": "2015-12"}``
(`parse_assignments`), is merged into the claim (`apply_updates`) and goes
through the same locked, validated, stale-checked write as every other edit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from curation.table import EDITABLE, parse_period
from curation.writes import change_claims
from dataset.problems import Problem
from dataset.schema import Claim

FIELDS: tuple[str, ...] = (*EDITABLE, "attributed_to", "note")
"""Fields an edit may set: all but the id, source, quote, offsets and equivalents."""

NUMBERS = ("value", "low", "high")
PERIODS = ("period", "base_period")
BOUNDS = ("as_of", "start", "end")
NULLS = ("", "null", "none")
"""Values that clear a field (case-insensitive)."""


def parse_assignments(pairs: Sequence[str]) -> tuple[dict[str, object], list[Problem]]:
    """``["kind=percent", "value=1,300", "period=2015-01 to 2015-10"]`` as field -> value.

    >>> parse_assignments(["kind=percent", "value=1,300", "metric=", "period.as_of=2015-12"])
    ({'kind': 'percent', 'value': 1300.0, 'metric': None, 'period.as_of': '2015-12'}, [])
    >>> [(p.field, p.message[:26]) for p in parse_assignments(["colour=red", "value=lots"])[1]]
    [('colour', 'not a field you can edit; '), ('value', "expected a number, got 'lo")]
    """
    updates: dict[str, object] = {}
    problems: list[Problem] = []
    dotted = [f"{p}.{b}" for p in PERIODS for b in BOUNDS]
    for pair in pairs:
        name, sep, text = pair.partition("=")
        name, text = name.strip(), text.strip()
        if not sep:
            problems.append(Problem("(command)", 1, name, f"expected field=value, got {pair!r}"))
            continue
        head, _, bound = name.partition(".")
        if head not in FIELDS or (bound and (head not in PERIODS or bound not in BOUNDS)):
            known = f"{', '.join(FIELDS)} (or {', '.join(dotted)})"
            problems.append(
                Problem("(command)", 1, name, f"not a field you can edit; expected one of {known}")
            )
            continue
        value: object = None if text.lower() in NULLS else text
        if value is not None and name in NUMBERS:
            try:
                value = float(text.replace(",", "").replace("_", ""))
            except ValueError:
                problems.append(Problem("(command)", 1, name, f"expected a number, got {text!r}"))
                continue
        elif value is not None and name == "currency":
            value = text.upper()
        elif name in PERIODS:
            value = parse_period(text)
        updates[name] = value
    return updates, problems


def apply_updates(claim: Claim, updates: Mapping[str, object]) -> dict:
    """The claim as a mapping with ``updates`` applied; ``period.start`` sets one bound.

    Setting ``as_of`` replaces the period; setting ``start`` or ``end`` keeps
    the other bound and drops an ``as_of``.

    >>> t = "It had 670 million users."
    >>> c = Claim(id="s-7", source="s", quote=t, span=(7, 18), value=6.7e8, kind="count",
    ...           period={"as_of": "2015"})
    >>> apply_updates(c, {"period.end": "2015-10", "unit": "users"})["period"]
    {'end': '2015-10'}
    """
    data = claim.model_dump(mode="python")
    for name, value in updates.items():
        head, _, bound = name.partition(".")
        if not bound:
            data[head] = value
            continue
        current = {k: v for k, v in (data.get(head) or {}).items() if v is not None}
        if bound == "as_of":
            current = {"as_of": value}
        else:
            current.pop("as_of", None)
            current[bound] = value
        current = {k: v for k, v in current.items() if v is not None}
        data[head] = current or None
    return data


def edit_claim(root: Path | str, claim_id: str, updates: Mapping[str, object]) -> list[Problem]:
    """Set fields of one claim; [] when saved.  Validated, locked and stale-checked."""
    return change_claims(root, {claim_id: lambda claim: apply_updates(claim, updates)})[1]
