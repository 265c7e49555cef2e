"""The filtered claims as CSV and JSON, safe to open in a spreadsheet, and self-describing.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` is read as a formula by
Excel, LibreOffice and Google Sheets, and so is one that starts with a tab,
carriage return or line break, or that reaches such a sign after leading
spaces or invisible characters (a zero-width space, a BOM), or starts with
its full-width twin (``＝``, ``＋``, ``－``, ``＠``), which some spreadsheets
fold to ASCII.  Text from news articles and curators is untrusted, so such
cells get a leading apostrophe (OWASP's advice).  Numbers stay numbers:
``-3.2`` in the value column is a float, not text, and is left alone.

Metadata travels in every row, as columns (CSV) and keys (JSON), so that no
tool separates it from the figures: each row's ``unit``, ``currency``,
``source``, ``attribution`` (publisher, date), ``source_title`` and
``source_url``, and for the whole download ``title`` (what was exported)
and ``data_as_of`` (the newest publication date among the rows' sources).
The CSV keeps one header row, so every spreadsheet and CSV reader opens it
as it is; the JSON is a list of those records, with ``null`` for a missing
value (never ``NaN``, which standard JSON parsers reject).
"""

from __future__ import annotations

import json
import math
import unicodedata

import pandas as pd

FORMULA_SIGNS = "=+-@"
"""What starts a formula, once spaces, invisible characters and full width are set aside."""
CONTROL_STARTS: tuple[str, ...] = ("\t", "\r", "\n")
"""Characters that make a spreadsheet treat a cell's start specially on their own."""
DEFAULT_TITLE = "Statistics reported in the news"
"""The ``title`` of a download when the page gives none."""

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
    "source_title",
    "source_url",
    "title",
    "data_as_of",
)
"""Columns written, in order; ``attribution``, ``source_title``, ``source_url`` and
``data_as_of`` come from the sources frame, ``title`` from the caller."""


def formula_like(cell: str) -> bool:
    """True when a spreadsheet could run ``cell`` as a formula.

    >>> [formula_like(c) for c in (" =1", "\\u200b=1", "＝1", "\\r", "a=1", "")]
    [True, True, True, True, False, False]
    """
    if cell.startswith(CONTROL_STARTS):
        return True
    for char in cell:
        if char.isspace() or unicodedata.category(char) == "Cf":
            continue  # spaces, zero-width characters, BOMs are skipped by some spreadsheets
        return unicodedata.normalize("NFKC", char)[:1] in FORMULA_SIGNS
    return False


def neutralise(cell: object) -> object:
    """``cell`` with a leading apostrophe if a spreadsheet would run it as a formula.

    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-3 users"), neutralise(-3.2)
    ('\\'=HYPERLINK("http://x")', "'-3 users", -3.2)
    >>> neutralise("670 million")
    '670 million'
    """
    if isinstance(cell, str) and formula_like(cell):
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


def export_frame(
    claims: pd.DataFrame, sources: pd.DataFrame | None = None, title: str = DEFAULT_TITLE
) -> pd.DataFrame:
    """The claims in export shape: fixed columns, metadata joined, cells neutralised."""
    frame = claims.copy()
    has_sources = sources is not None and len(sources) > 0
    for column, source_column in (
        ("attribution", "attribution"),
        ("source_title", "title"),
        ("source_url", "url"),
    ):
        if has_sources and source_column in sources.columns:
            lookup = dict(zip(sources["id"], sources[source_column], strict=True))
            frame[column] = frame["source"].map(lookup)
        else:
            frame[column] = None
    frame["title"] = title
    frame["data_as_of"] = data_as_of(frame["source"], sources)
    frame["equivalents"] = frame["equivalents"].map(equivalents_text)
    frame = frame[[c for c in EXPORT_COLUMNS if c in frame.columns]].astype("object")
    frame = frame.where(frame.notna(), None)
    for column in frame.columns:
        if column not in NUMBER_COLUMNS:
            frame[column] = frame[column].map(neutralise)
    return frame


NUMBER_COLUMNS = frozenset({"value", "low", "high", "start", "end"})


def data_as_of(source_ids: pd.Series, sources: pd.DataFrame | None) -> str | None:
    """The newest publication date (ISO) among the sources of the exported rows."""
    if sources is None or not len(sources) or "published" not in sources.columns:
        return None
    used = sources[sources["id"].isin(set(source_ids.dropna()))]["published"].dropna()
    if not len(used):
        return None
    return pd.Timestamp(used.max()).date().isoformat()


def to_csv(
    claims: pd.DataFrame, sources: pd.DataFrame | None = None, title: str = DEFAULT_TITLE
) -> bytes:
    """UTF-8 CSV (with BOM, so Excel reads the ¥ and quotes right) of the claims."""
    return export_frame(claims, sources, title).to_csv(index=False).encode("utf-8-sig")


def to_json(
    claims: pd.DataFrame, sources: pd.DataFrame | None = None, title: str = DEFAULT_TITLE
) -> bytes:
    """A JSON list of claim records, with the same neutralised cells as the CSV.

    Strict JSON: a missing or non-finite number is ``null`` (``allow_nan=False``
    would raise rather than write ``NaN``).
    """
    records = [
        {key: _plain(value) for key, value in record.items()}
        for record in export_frame(claims, sources, title).to_dict(orient="records")
    ]
    return json.dumps(records, ensure_ascii=False, indent=1, allow_nan=False).encode("utf-8")


def _plain(value: object) -> object:
    """A record's value as a JSON value: numpy scalars unwrapped, NA and NaN as None."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
