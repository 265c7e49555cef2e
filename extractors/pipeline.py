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
from collections.abc import Iterable, Iterator, Sequence
from typing import cast

from dataset import Category, Claim, Equivalent, Period, load_categories
from dataset.schema import Kind, Measure, Qualifier
from dataset.validate import looks_like_figure
from extractors import context
from extractors.scanner import Figure, iter_scan
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


LOOK_BACK = 200
"""How far before a bare count ``context.unit_before`` looks for what it counts.

Bounded so that the work per figure is, however many figures a sentence holds.
"""

ONE_IN = re.compile(r"\s(?:in|out\s+of)\s", re.IGNORECASE)
"""A share written "one in five" or "nine out of 10": the noun after it is the whole."""


@functools.lru_cache(maxsize=1)
def default_categories() -> tuple[Category, ...]:
    """The categories of ``data/categories.yaml``, read once."""
    return tuple(load_categories()[0])


def attach_equivalents(text: str, figures: Iterable[Figure]) -> list[Figure]:
    """Fold stated conversions into the amount they convert; they are not claims of their own.

    >>> from extractors.scanner import scan
    >>> t = "made 2.95 trillion yuan ($455 billion; 416 billion euros) in all"
    >>> [(f.written, len(f.equivalents)) for f in attach_equivalents(t, scan(t))]
    [('2.95 trillion yuan', 2)]
    """
    return list(iter_equivalents(text, figures))


def iter_equivalents(text: str, figures: Iterable[Figure]) -> Iterator[Figure]:
    """``attach_equivalents`` one figure at a time, so no list of every figure is kept.

    A money figure is held back until the next figure shows whether it states a
    conversion of it; each figure is yielded once, in order.
    """
    main: Figure | None = None  # a money amount that may still gain equivalents
    gaps = EQUIVALENT_GAPS
    for figure in figures:
        if main is not None and figure.currency and _converts(text, main, figure, gaps):
            main.equivalents.append((figure.value, figure.currency, (figure.start, figure.end)))
            gaps = [NEXT_IN_BRACKET]
            continue
        if main is not None:
            yield main
            main = None
        if figure.kind != "money" or figure.qualifier == "range":
            yield figure
        else:
            main, gaps = figure, EQUIVALENT_GAPS
    if main is not None:
        yield main


def _converts(text: str, main: Figure, other: Figure, gaps: list[re.Pattern[str]]) -> bool:
    """Whether ``other`` states ``main`` (or its last equivalent) in another currency."""
    gap = text[main.end if not main.equivalents else main.equivalents[-1][2][1] : other.start]
    if other.kind != "money" or other.currency == main.currency or len(gap) > 30:
        return False
    return any(g.fullmatch(gap) for g in gaps)


def _finite(figure: Figure) -> bool:
    """Whether every number of the figure is a finite float (the schema rejects inf)."""
    isfinite = math.isfinite
    if not (
        isfinite(figure.value) and isfinite(figure.low or 0.0) and isfinite(figure.high or 0.0)
    ):
        return False
    return all(isfinite(value) for value, _, _ in figure.equivalents)


def _looks_like_figure(written: str) -> bool:
    """``dataset.validate.looks_like_figure``, answered at once for the usual "670 million".

    Digits first and no white space last is what it checks the long way.
    """
    if written[:1].isdigit() and not written[-1].isspace():
        return True
    return looks_like_figure(written)


def _published(published: dt.date | str | None) -> dt.date | None:
    if published is None or isinstance(published, dt.date):
        return published
    try:
        return dt.date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


SentenceContext = tuple[str | None, Period | None, str | None]
_NO_CONTEXT: SentenceContext = (None, None, None)


def _context(sentence: str, offset: int, date: dt.date | None) -> SentenceContext:
    """Entity, period and attribution of a sentence: read once per sentence.

    Its category keywords are read once too, but only when a figure's unit
    names no category (``context.unit_category``), as most units do.
    """
    return (
        context.entity_near(sentence, offset),
        context.period_of(sentence, date),
        context.attribution(sentence),
    )


def _measure(figure: Figure) -> Measure:
    """A signed figure is a change, or growth when it is a percent change."""
    if not figure.change:
        return "level"
    return "growth" if figure.kind == "percent" else "change"


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
    keywords = context.keywords_of(key)  # compiled once; no figure hashes the categories again
    sentences = SentenceIndex(text)
    source = source_id or "text"
    claims: list[Claim] = []
    last_start, around = -1, _NO_CONTEXT  # sentence start of the previous figure, its context
    counted: tuple[int, str | None] = (-1, None)  # sentence start and unit of the last count
    quoted, sentence = (-1, -1), ""  # the last quote's bounds and text
    hits: list[tuple[int, int, str]] | None = None  # the sentence's category keywords, once read
    read_in = ""
    category: str | None
    for figure in iter_equivalents(text, iter_scan(text, sentences)):
        if not _looks_like_figure(figure.written) or not _finite(figure):
            continue  # "999...9" (400 digits) overflows a float: no figure a person wrote
        s_start, s_end = sentences.around(figure.start)
        # The quote holds the figure and its stated conversions, also across a line break
        # ("2.95 trillion yuan\n($455 billion)"); one string per sentence, shared by its claims.
        end = figure.end
        for _, _, span in figure.equivalents:
            end = max(end, span[1])
        if end > s_end:
            end = max(end, sentences.around(end - 1)[1])  # to the end of the conversion's line
        s_start, s_end = min(s_start, figure.start), max(s_end, end)
        if (s_start, s_end) != quoted:
            quoted, sentence = (s_start, s_end), text[s_start:s_end]
        unit = figure.unit
        if figure.kind == "percent" and unit == "percent":
            of = context.of_phrase(text, figure.end)
            if of is None and ONE_IN.search(figure.written):
                of = context.unit_phrase(text, figure.end)  # "one in five adults"
            unit = f"percent of {of}" if of else unit
        elif figure.kind in ("count", "other", "money") and not unit:
            unit = figure.phrase if figure.phrase_read else context.unit_phrase(text, figure.end)
        phrase = unit  # where category keywords are looked for first
        if figure.kind in ("count", "other", "money") and not figure.unit:
            phrase = context.words_after(text, figure.end)
        if figure.kind == "money" and not unit:
            unit = context.money_unit(sentence, figure.start - s_start, figure.end - s_start)
        if figure.kind == "count" and not unit:
            # "412 of the 650 seats": the whole's unit; "3,412,870 residents, up from
            # 3,102,455": the earlier count's; else one named before ("the number of
            # unemployed people fell by 12,000").
            # or the subject of the verb before it ("Internet users reached 731 million").
            before = text[max(s_start, figure.start - LOOK_BACK) : figure.start]
            unit = (
                context.part_of_unit(text, figure.end)
                or (counted[1] if counted[0] == s_start else None)
                or context.unit_before(before)
                or context.subject_of_verb(before)
            )
        if figure.kind == "count" and unit:
            counted = (s_start, unit)
        if s_start != last_start:  # figures come in text order: sentence starts never go back
            last_start, around = s_start, _context(sentence, figure.start - s_start, date)
            hits, read_in = None, sentence  # keywords are read in the quote the context was
        entity, period, attributed_to = around
        if figure.kind == "duration":
            category = "other"
        elif (category := keywords.unit_category(phrase or unit)) is None:
            if hits is None:
                hits = keywords.hits(read_in)
            category = context.nearest_category(hits, figure.start - s_start)
        claims.append(
            Claim(
                id=f"{source}-{figure.start}",
                source=source,
                status="candidate",
                quote=sentence,
                span=(figure.start, figure.end),
                value=float(figure.value),
                kind=cast(Kind, figure.kind),  # the scanner's words; Claim checks them
                unit=unit,
                currency=figure.currency,
                qualifier=cast(Qualifier, figure.qualifier),
                low=figure.low,
                high=figure.high,
                measure=_measure(figure),
                base_period=context.base_period(sentence, period) if figure.change else None,
                subject=_subject(unit, entity),
                entity=entity,
                period=period,
                category=category,
                attributed_to=attributed_to,
                equivalents=[
                    Equivalent(value=v, currency=c, span=span) for v, c, span in figure.equivalents
                ],
            )
        )
    return claims
