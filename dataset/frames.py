"""The validated models as pandas DataFrames with proper dtypes.

One row per claim, flat columns (``start``/``end`` rather than ``span``,
``period_*`` rather than a nested mapping) so that charts and filters work
on plain columns; ``equivalents`` stays a list per row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from dataset.schema import KINDS, MEASURES, QUALIFIERS, STATUSES

if TYPE_CHECKING:
    from dataset.load import Models
    from dataset.schema import Claim

CLAIM_COLUMNS: dict[str, str | pd.CategoricalDtype] = {
    "id": "string",
    "source": "string",
    "status": pd.CategoricalDtype(STATUSES),
    "quote": "string",
    "start": "Int64",
    "end": "Int64",
    "value": "float64",
    "kind": pd.CategoricalDtype(KINDS),
    "unit": "string",
    "currency": "string",
    "qualifier": pd.CategoricalDtype(QUALIFIERS),
    "low": "float64",
    "high": "float64",
    "measure": pd.CategoricalDtype(MEASURES),
    "base_period": "string",
    "metric": "string",
    "subject": "string",
    "entity": "string",
    "period": "string",
    "period_as_of": "string",
    "period_start": "string",
    "period_end": "string",
    "date": "string",
    "category": "string",
    "attributed_to": "string",
    "equivalents": "object",
    "note": "string",
    "file": "string",
    "line": "Int64",
}
"""Column -> dtype of the claims frame; ``category`` becomes categorical below."""

SOURCE_COLUMNS: dict[str, str] = {
    "id": "string",
    "title": "string",
    "publisher": "string",
    "authors": "object",
    "published": "datetime64[ns]",
    "url": "string",
    "language": "string",
    "note": "string",
    "attribution": "string",
    "text": "string",
}

CATEGORY_COLUMNS: dict[str, str] = {
    "id": "string",
    "label": "string",
    "description": "string",
    "colour": "string",
    "keywords": "object",
}


def _typed(rows: list[dict], columns: dict) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows, columns=list(columns))
    return frame.astype(columns)


def claim_row(c: Claim, published: str, file: str, line: int) -> dict[str, object]:
    """One claim as a flat row of ``CLAIM_COLUMNS`` (``published``: its source's ISO date).

    The claims frame and the derived store (``dataset/store.py``) both build their
    rows here, so the two agree column for column.
    """
    period = c.period
    return {
        **c.model_dump(exclude={"span", "period", "base_period", "equivalents"}),
        "base_period": c.base_period.label() if c.base_period else None,
        "start": c.span[0],
        "end": c.span[1],
        "period": period.label() if period else None,
        "period_as_of": period.as_of if period else None,
        "period_start": period.start if period else None,
        "period_end": period.end if period else None,
        "date": (period.date() if period else None) or published,
        "equivalents": [e.model_dump() for e in c.equivalents],
        "file": file,
        "line": line,
    }


def claims_frame(models: Models) -> pd.DataFrame:
    """All valid claims, one row each, in file order."""
    rows = []
    for claims in models.claims.values():
        for c in claims:
            published = models.sources[c.source].published.isoformat()
            file, line = models.claim_lines.get(c.id, ("", 0))
            rows.append(claim_row(c, published, file, line))
    frame = _typed(rows, CLAIM_COLUMNS)
    frame["category"] = frame["category"].astype(pd.CategoricalDtype(list(models.categories)))
    return frame


def sources_frame(models: Models) -> pd.DataFrame:
    """One row per source, with its text and its chart attribution line."""
    rows = [
        {**s.model_dump(), "attribution": s.attribution(), "text": models.texts[s.id]}
        for s in models.sources.values()
    ]
    return _typed(rows, SOURCE_COLUMNS)


def categories_frame(models: Models) -> pd.DataFrame:
    """One row per category, in the order of categories.yaml."""
    return _typed([c.model_dump() for c in models.categories.values()], CATEGORY_COLUMNS)
