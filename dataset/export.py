"""The filtered claims as CSV and JSON, safe to open in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return) is read as a formula by Excel, LibreOffice and Google Sheets; text
from news articles and curators is untrusted, so such cells get a leading
apostrophe (OWASP's advice).  Numbers stay numbers: ``-3.2`` in the value
column is a float, not text, and is left alone.
"""

from __future__ import annotations

import json

import pandas as pd

FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

EXPORT_COLUMNS: tuple[str, ...] = (
    "id",
    "subject",
    "value",
    "kind",
    "unit",
    "currency",
    "qualifier",
    "low",
    "high",
    "measure",
    "base_period",
    "metric",
    "entity",
    "period",
    "date",
    "category",
    "status",
    "source",
    "attribution",
    "quote",
    "start",
    "end",
    "equivalents",
    "attributed_to",
    "note",
)
"""Columns written, in order; ``attribution`` is joined from the sources frame."""


def neutralise(cell: object) -> object:
    """``cell`` with a leading apostrophe if a spreadsheet would run it as a formula.

    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-3 users"), neutralise(-3.2)
    ('\\'=HYPERLINK("http://x")', "'-3 users", -3.2)
    >>> neutralise("670 million")
    '670 million'
    """
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def equivalents_text(equivalents: object) -> str:
    """Stated conversions in one cell: ``455000000000 USD; 416000000000 EUR``.

    >>> equivalents_text([{"value": 455e9, "currency": "USD", "span": [1, 2]}])
    '455000000000 USD'
    """
    if not isinstance(equivalents, list):
        return ""
    return "; ".join(f"{e['value']:.15g} {e['currency']}" for e in equivalents)


def export_frame(claims: pd.DataFrame, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """The claims in export shape: fixed columns, attribution joined, cells neutralised."""
    frame = claims.copy()
    if sources is not None and len(sources):
        lookup = dict(zip(sources["id"], sources["attribution"], strict=True))
        frame["attribution"] = frame["source"].map(lookup)
    else:
        frame["attribution"] = None
    frame["equivalents"] = frame["equivalents"].map(equivalents_text)
    frame = frame[[c for c in EXPORT_COLUMNS if c in frame.columns]].astype("object")
    frame = frame.where(frame.notna(), None)
    for column in frame.columns:
        if column not in ("value", "low", "high", "start", "end"):
            frame[column] = frame[column].map(neutralise)
    return frame


def to_csv(claims: pd.DataFrame, sources: pd.DataFrame | None = None) -> bytes:
    """UTF-8 CSV (with BOM, so Excel reads the ¥ and quotes right) of the claims."""
    return export_frame(claims, sources).to_csv(index=False).encode("utf-8-sig")


def to_json(claims: pd.DataFrame, sources: pd.DataFrame | None = None) -> bytes:
    """A JSON list of claim records, with the same neutralised cells as the CSV."""
    records = export_frame(claims, sources).to_dict(orient="records")
    return json.dumps(records, ensure_ascii=False, indent=1, default=_plain).encode("utf-8")


def _plain(value: object) -> object:
    """numpy scalars and pandas NA in a record, as JSON values."""
    if hasattr(value, "item"):
        return value.item()
    return None
