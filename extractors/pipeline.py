"""The public ``extract``: text in, candidate claims in the dataset's schema out.

Pure: no file or network access (the default categories come from
``dataset.load_categories``, read once and cached).

>>> claims = extract("China has 670 million Internet users.", source_id="demo")
>>> [(c.id, c.value, c.kind, c.unit, c.category) for c in claims]
[('demo-10', 670000000.0, 'count', 'Internet users', 'users')]
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Sequence

from dataset import Category, Claim, Equivalent, Period, load_categories
from dataset.validate import looks_like_figure
from extractors import context
from extractors.figures import Figure, scan
from extractors.sentences import SentenceIndex

HEDGES = (
    r"(?:(?:about|around|roughly|some|approximately|nearly|almost|or|equivalent\s+to|"
    r"the\s+equivalent\s+of|worth)\s+)*"
)
EQUIVALENT_GAPS = [
    re.compile(rf"\s*[(\[]\s*{HEDGES}", re.IGNORECASE),
    re.compile(r"\s*,?\s*(?:or|equivalent\s+to|the\s+equivalent\s+of)\s+"
               r"(?:(?:about|around|roughly|some|approximately|nearly|almost)\s+)?", re.IGNORECASE),
    re.compile(r"\s*\(?\s*(?:equivalent\s+to|the\s+equivalent\s+of)\s+", re.IGNORECASE),
]  # fmt: skip
"""Text between an amount and a stated conversion of it: " (", ", or about "."""
NEXT_IN_BRACKET = re.compile(rf"\s*[;,/]\s*{HEDGES}", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def default_categories() -> tuple[Category, ...]:
    """The categories of ``data/categories.yaml``, read once."""
    return tuple(load_categories()[0])


def attach_equivalents(text: str, figures: list[Figure]) -> list[Figure]:
    """Fold stated conversions into the amount they convert; they are not claims of their own.

    >>> from extractors.figures import scan
    >>> t = "made 2.95 trillion yuan ($455 billion; 416 billion euros) in all"
    >>> [(f.written, len(f.equivalents)) for f in attach_equivalents(t, scan(t))]
    [('2.95 trillion yuan', 2)]
    """
    kept: list[Figure] = []
    i = 0
    while i < len(figures):
        main = figures[i]
        i += 1
        if main.kind != "money" or main.qualifier == "range":
            kept.append(main)
            continue
        gaps = EQUIVALENT_GAPS
        while i < len(figures):
            other = figures[i]
            gap = text[
                main.end if not main.equivalents else main.equivalents[-1][2][1] : other.start
            ]
            if other.kind != "money" or other.currency == main.currency or len(gap) > 30:
                break
            if not any(g.fullmatch(gap) for g in gaps):
                break
            main.equivalents.append((other.value, other.currency, (other.start, other.end)))
            gaps = [NEXT_IN_BRACKET]
            i += 1
        kept.append(main)
    return kept


def _finite(figure: Figure) -> bool:
    """Whether every number of the figure is a finite float (the schema rejects inf)."""
    isfinite = math.isfinite
    if not (
        isfinite(figure.value) and isfinite(figure.low or 0.0) and isfinite(figure.high or 0.0)
    ):
        return False
    return all(isfinite(value) for value, _, _ in figure.equivalents)


def _published(published: dt.date | str | None) -> dt.date | None:
    if published is None or isinstance(published, dt.date):
        return published
    try:
        return dt.date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def _subject(unit: str | None, entity: str | None) -> str | None:
    if unit and entity:
        return f"{unit} in {entity}"
    return unit


def extract(
    text: str,
    *,
    source_id: str | None = None,
    published: dt.date | str | None = None,
    categories: Sequence[Category] | None = None,
) -> list[Claim]:
    """Every numeric claim of ``text`` as a candidate ``Claim``, in text order."""
    if not text:
        return []
    date = _published(published)
    key = context.category_key(categories if categories is not None else default_categories())
    sentences = SentenceIndex(text)
    source = source_id or "text"
    claims: list[Claim] = []
    per_sentence: dict[int, tuple[str | None, Period | None, str | None, list]] = {}
    for figure in attach_equivalents(text, scan(text, sentences)):
        if not looks_like_figure(figure.written) or not _finite(figure):
            continue  # "999...9" (400 digits) overflows a float: no figure a person wrote
        s_start, s_end = sentences.around(figure.start)
        s_start, s_end = min(s_start, figure.start), max(s_end, figure.end)
        sentence = text[s_start:s_end]
        unit = figure.unit
        if figure.kind == "percent" and unit == "percent":
            of = context.of_phrase(text, figure.end)
            unit = f"percent of {of}" if of else unit
        elif figure.kind in ("count", "other", "money") and not unit:
            unit = figure.phrase if figure.phrase_read else context.unit_phrase(text, figure.end)
        if s_start not in per_sentence:  # sentence-level context, computed once per sentence
            per_sentence[s_start] = (
                context.entity_near(sentence, figure.start - s_start),
                context.period_of(sentence, date),
                context.attribution(sentence),
                context.keyword_hits(key, sentence),
            )
        entity, period, attributed_to, hits = per_sentence[s_start]
        claims.append(
            Claim(
                id=f"{source}-{figure.start}",
                source=source,
                status="candidate",
                quote=sentence,
                span=(figure.start, figure.end),
                value=float(figure.value),
                kind=figure.kind,
                unit=unit,
                currency=figure.currency,
                qualifier=figure.qualifier,
                low=figure.low,
                high=figure.high,
                change=figure.change,
                subject=_subject(unit, entity),
                entity=entity,
                period=period,
                category="other"
                if figure.kind == "duration"
                else context.category_of(key, unit, hits, figure.start - s_start),
                attributed_to=attributed_to,
                equivalents=[
                    Equivalent(value=v, currency=c, span=span) for v, c, span in figure.equivalents
                ],
            )
        )
    return claims
