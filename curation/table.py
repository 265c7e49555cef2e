"""Claims as an editable table and back: what the curation pages show and save.

The table has one row per claim; the columns a person may change are
`EDITABLE`, the others are there to read.  `apply_table` turns an edited
table back into claim mappings, which `curation.writes` validates before any
write, so a bad edit comes back as a `Problem`, never as a broken file.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence

import pandas as pd

from dataset.schema import Claim

EDITABLE: tuple[str, ...] = (
    "status",
    "value",
    "low",
    "high",
    "qualifier",
    "kind",
    "currency",
    "measure",
    "base_period",
    "metric",
    "subject",
    "unit",
    "entity",
    "period",
    "category",
)
"""Columns of the editor a person may change: every field but the id, source and offsets."""

COLUMNS: tuple[str, ...] = ("id", "figure", *EDITABLE, "quote")
"""Editor columns in display order."""

NUMBERS: tuple[str, ...] = ("value", "low", "high")
REQUIRED: tuple[str, ...] = ("status", "qualifier", "kind", "measure", "category")
"""Columns a claim always has: an emptied cell keeps the old value."""
OPTIONAL: tuple[str, ...] = ("metric", "subject", "unit", "entity")
"""Text columns an emptied cell sets to null."""
PERIODS: tuple[str, ...] = ("period", "base_period")


def period_label(period: dict | None) -> str:
    """A period as one editable text: ``2015-12-20`` or ``2015-01 to 2015-10``.

    >>> period_label({"start": "2015-01", "end": "2015-10"}), period_label(None)
    ('2015-01 to 2015-10', '')
    >>> period_label({"end": "2015"})
    'to 2015'
    """
    if not period:
        return ""
    if period.get("as_of"):
        return period["as_of"]
    start, end = period.get("start") or "", period.get("end") or ""
    return f"{start} to {end}".strip()


def parse_period(label: object) -> dict | None:
    """The inverse of `period_label`; the schema then checks the dates.

    >>> parse_period("2015-01 to 2015-10"), parse_period(" 2015-12-20 "), parse_period("")
    ({'start': '2015-01', 'end': '2015-10'}, {'as_of': '2015-12-20'}, None)
    >>> parse_period("to 2015"), parse_period("2014 to")
    ({'end': '2015'}, {'start': '2014'})
    """
    text = _text(label)
    if text is None:
        return None
    if " to " in f" {text} ":
        start, _, end = f" {text} ".partition(" to ")
        bounds = {"start": start.strip() or None, "end": end.strip() or None}
        return {k: v for k, v in bounds.items() if v}
    return {"as_of": text}


def _text(value: object) -> str | None:
    """Cell text, None for empty or missing cells."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    text = str(value).strip()
    return text or None


def _number(value: object) -> object:
    """A numeric cell as float, None when empty; anything else is left for pydantic to refuse."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if hasattr(value, "item"):
        return float(value.item())
    return value


def editor_frame(
    claims: Sequence[Claim],
    text: str,
    suggested: Mapping[str, str] | None = None,
    statuses: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """One row per claim for ``st.data_editor``; ``figure`` is the text as written.

    ``suggested`` (claim id -> metric id) fills the metric of candidates that
    have none, so a person accepts a suggestion by saving.  ``statuses``
    (claim id -> status) overrides the stored status: the pages' "Approve
    these figures" lists.

    >>> t = "It has 670 million users."
    >>> c = Claim(id="s-7", source="s", quote=t, span=(7, 18), value=670e6, kind="count")
    >>> frame = editor_frame([c], t, {"s-7": "users"}, {"s-7": "approved"})
    >>> frame.loc[0, ["figure", "status", "period", "metric"]].tolist()
    ['670 million', 'approved', '', 'users']
    """
    suggested, statuses = suggested or {}, statuses or {}
    rows = []
    for claim in claims:
        data = claim.model_dump(mode="python")
        data["figure"] = text[claim.start : claim.end]
        for column in PERIODS:
            data[column] = period_label(data[column])
        if claim.metric is None and claim.status == "candidate":
            data["metric"] = suggested.get(claim.id)
        data["status"] = statuses.get(claim.id, claim.status)
        rows.append({c: data.get(c) for c in COLUMNS})
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for column in NUMBERS:
        frame[column] = frame[column].astype("float64")
    return frame


def apply_table(claims: Sequence[Claim], table: pd.DataFrame) -> list[dict]:
    """The claims with the editable columns of ``table`` applied, as mappings to validate.

    Rows are matched by ``id``; claims missing from the table are kept unchanged.

    >>> t = "It has 670 million users."
    >>> c = Claim(id="s-7", source="s", quote=t, span=(7, 18), value=670e6, kind="count")
    >>> table = editor_frame([c], t).assign(status="approved", period="2015")
    >>> row = apply_table([c], table)[0]
    >>> row["status"], row["period"], row["value"]
    ('approved', {'as_of': '2015'}, 670000000.0)
    >>> table = table.assign(kind="money", currency=" cny", measure="change", base_period="2014")
    >>> row = apply_table([c], table)[0]
    >>> row["kind"], row["currency"], row["measure"], row["base_period"]
    ('money', 'CNY', 'change', {'as_of': '2014'})
    """
    edited = {row["id"]: row for row in table.to_dict(orient="records")}
    out = []
    for claim in claims:
        data = claim.model_dump(mode="python")
        row = edited.get(claim.id)
        if row is not None:
            for column in NUMBERS:
                data[column] = _number(row.get(column))
            for column in REQUIRED:
                data[column] = _text(row.get(column)) or data[column]
            for column in OPTIONAL:
                data[column] = _text(row.get(column))
            currency = _text(row.get("currency"))
            data["currency"] = currency.upper() if currency else None
            for column in PERIODS:
                data[column] = parse_period(row.get(column))
        out.append(data)
    return out


def quote_span(claim: Claim, text: str) -> tuple[int, int] | None:
    """Where the claim's figure sits inside its quote (offsets in the quote), or None.

    >>> t = "First. It has 670 million users."
    >>> c = Claim(id="s-14", source="s", quote="It has 670 million users.", span=(14, 25),
    ...           value=670e6, kind="count")
    >>> quote_span(c, t)
    (7, 18)
    """
    size = len(claim.quote)
    at = text.find(claim.quote, max(0, claim.end - size), claim.start + size)
    if at < 0 or not at <= claim.start < claim.end <= at + len(claim.quote):
        return None
    return claim.start - at, claim.end - at


def counts(claims: Sequence[Claim]) -> dict[str, int]:
    """How many claims have each status.

    >>> counts([])
    {'candidate': 0, 'approved': 0, 'rejected': 0}
    """
    found = {"candidate": 0, "approved": 0, "rejected": 0}
    for claim in claims:
        found[claim.status] += 1
    return found


def table_counts(table: pd.DataFrame) -> dict[str, int]:
    """How many rows of an edited table have each status: what Save would write.

    >>> table_counts(pd.DataFrame({"status": ["approved", "candidate", "approved"]}))
    {'candidate': 1, 'approved': 2, 'rejected': 0}
    """
    found = {"candidate": 0, "approved": 0, "rejected": 0}
    for status in table["status"]:
        if status in found:
            found[status] += 1
    return found


def tally_line(found: dict[str, int]) -> str:
    """``{'candidate': 1, 'approved': 2, 'rejected': 0}`` as words for the pages.

    >>> tally_line({"candidate": 1, "approved": 2, "rejected": 0})
    '2 approved, 0 rejected, 1 candidate(s)'
    """
    return (
        f"{found['approved']} approved, {found['rejected']} rejected, "
        f"{found['candidate']} candidate(s)"
    )


def marked_quote(claim: Claim, text: str) -> str:
    """The claim's quote as HTML-escaped text with its figure in ``<mark>``: safe to render.

    Everything from the article is escaped before the one tag is added, so
    markup in an article shows as text and never runs.

    >>> t = "<b>It</b> has 670 million users."
    >>> c = Claim(id="s-14", source="s", quote=t, span=(14, 25), value=670e6, kind="count")
    >>> marked_quote(c, t)
    '&lt;b&gt;It&lt;/b&gt; has <mark>670 million</mark> users.'
    """
    where = quote_span(claim, text)
    if where is None:
        return html.escape(claim.quote)
    start, end = where
    quote = claim.quote
    return (
        html.escape(quote[:start])
        + f"<mark>{html.escape(quote[start:end])}</mark>"
        + html.escape(quote[end:])
    )


def chosen_statuses(
    approve: Sequence[str], reject: Sequence[str]
) -> tuple[dict[str, str], set[str]]:
    """Claim id -> status from the pages' "Approve/Reject these figures" lists; ids in both.

    An id chosen in both lists gets neither: the grid's own Status stays.

    >>> chosen_statuses(["a", "b"], ["b", "c"])
    ({'a': 'approved', 'c': 'rejected'}, {'b'})
    """
    both = set(approve) & set(reject)
    chosen = {i: "approved" for i in approve if i not in both}
    chosen |= {i: "rejected" for i in reject if i not in both}
    return chosen, both


def figure_label(claim: Claim, text: str) -> str:
    """How a figure is named in a list: as written, then its id.

    >>> t = "It has 670 million users."
    >>> c = Claim(id="s-7", source="s", quote=t, span=(7, 18), value=6.7e8, kind="count")
    >>> figure_label(c, t)
    '670 million · s-7'
    """
    return f"{' '.join(text[claim.start : claim.end].split())} · {claim.id}"
