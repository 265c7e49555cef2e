"""Reported figures set against official ones: a deviation and a verdict for each claim.

A claim with a ``metric`` and ``measure: level`` meets the metric's official
series (``data/reference/<metric>.yaml``):

* a **stock** or a **share** meets the official value *at the same date*.  Dates
  are intervals at the precision they are written in (``2015-12`` is the whole
  of December), and two dates are the same when their intervals overlap: a
  claim of 2015-12-20 meets CNNIC's "as of December 2015".  Otherwise the
  nearest official date counts only within ``TOLERANCE_DAYS`` (the claim is
  then said to be compared with a figure so many days before or after it); a
  claim further from every official date gets ``no_reference``, naming the
  official figures either side.  Nothing is ever interpolated.
* a **flow** meets only an official value over the *same period* (same first
  and last day), and only when that period is of the metric's period type
  (January to October is year to date; March to October is not).

A claim without a period of its own is dated by its article (the claims
frame's ``date`` column), and the message says so.

``deviation = reported / official - 1``; the verdict reads the figure as
written.  Its precision is the last significant digit of the figure's own
text ("1.3 billion": a step of 0.1 billion; trailing zeros of a whole number
are not taken as significant, so "670 million" has a step of 10 million), and
its qualifier says which side of the official value it may fall:

====================  ===================================================
qualifier             consistent when the official value is
====================  ===================================================
exact                 what the figure rounds from: within half a step
                      ("1.3 billion": 1.25 to 1.35 billion, the last
                      excluded)
approximate           within one step either side ("about 670 million":
                      660 to 680 million)
more_than, at_least   at least the figure
less_than, at_most    at most the figure
range                 between the bounds, each widened by half a step
====================  ===================================================

An exact figure that is the official value cut after its last digit ("1.3
billion" for 1.37462 billion) is ``rounded_down``; raised, ``rounded_up``.
The vocabulary is ``VERDICTS``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import pandas as pd

from analysis.format import CURRENCY_SYMBOLS, QUALIFIER_WORDS, SCALES, plain_number
from dataset.schema import Metric, Observation, ReferenceSeries

TOLERANCE_DAYS = 31
"""How far (in days) a stock claim's date may be from the official date it is compared with.

A month: official series give their dates to the month ("as of December
2015"), and a claim dated inside that month is the same date.  A claim of
2015-12-20 meets a year-end figure dated 2015-12-31 (11 days); a claim of
2015-09 meets neither June nor December 2015 in a semi-annual series.
"""

VERDICTS: dict[str, str] = {
    "consistent": "the official value is what the figure says, at its stated precision",
    "rounded_down": "the figure is the official value cut after its last written digit",
    "rounded_up": "the figure is the official value raised at its last written digit",
    "understated": "the figure is lower than the official value, beyond its precision",
    "overstated": "the figure is higher than the official value, beyond its precision",
    "no_reference": "no official value for the claim's metric, date or period",
    "not_comparable": "the claim is not a level in the metric's unit, so it is not compared",
}
"""Verdict -> what it means; every row's ``message`` says it for that claim."""

COLUMNS: tuple[str, ...] = (
    "claim", "metric", "subject", "source", "figure", "quote", "reported", "reported_text",
    "qualifier", "reference", "reference_text", "reference_date", "deviation", "verdict", "message",
    "citation_publisher", "citation_title", "citation_published", "citation_url",
    "citation_note", "neighbours",
)  # fmt: skip
"""Columns of ``compare_claims``'s frame, in order.

``figure`` is the figure as written (its span), ``reported_text`` the same with its
qualifier's words ("more than 250 million"), ``reference_text`` the official value
as people read it ("386.225 million").
"""

REFERENCE_COLUMNS: tuple[str, ...] = (
    "date", "value", "publisher", "title", "published", "url", "note",
    "period_start", "period_end", "period",
)  # fmt: skip
"""Columns of ``reference_frame``'s frame, in order."""

CLAIM_COLUMNS: tuple[str, ...] = (
    "id", "source", "quote", "subject", "value", "kind", "currency", "qualifier", "low",
    "high", "measure", "metric", "start", "end", "period_as_of", "period_start",
    "period_end", "date",
)  # fmt: skip
"""The columns of the claims frame the comparison reads: a page copies only these."""

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
"""The first number written in a figure's text: "1.3" of "1.3 billion", "41,30,000"."""

EPSILON = 1e-9
"""Relative slack of every comparison: 1.3e9 - 0.05e9 may land a hair off 1.25e9."""


class HasReferences(Protocol):
    """What the comparison reads of the loaded models (``dataset.load.Models`` has it)."""

    @property
    def metrics(self) -> Mapping[str, Metric]: ...

    @property
    def references(self) -> Mapping[str, ReferenceSeries]: ...


@dataclass(frozen=True)
class Officials:
    """Metrics and their official series, without the claims: what the dashboard keeps."""

    metrics: Mapping[str, Metric] = field(default_factory=dict)
    references: Mapping[str, ReferenceSeries] = field(default_factory=dict)
    texts: Mapping[str, str] = field(default_factory=dict)


# --- dates and periods ---------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def bounds(partial: str) -> tuple[dt.date, dt.date]:
    """First and last day of a date written at any precision.

    >>> bounds("2015-12")
    (datetime.date(2015, 12, 1), datetime.date(2015, 12, 31))
    >>> bounds("2016")[1], bounds("2015-12-20")[0]
    (datetime.date(2016, 12, 31), datetime.date(2015, 12, 20))
    """
    parts = [int(p) for p in partial.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    year, month = parts[0], parts[1]
    if len(parts) == 2:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    day = dt.date(year, month, parts[2])
    return day, day


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def period_types(first: dt.date, last: dt.date) -> frozenset[str]:
    """Every period type an interval is: January to March is a quarter and year to date.

    >>> sorted(period_types(dt.date(2015, 1, 1), dt.date(2015, 10, 31)))
    ['year_to_date']
    >>> sorted(period_types(dt.date(2015, 1, 1), dt.date(2015, 12, 31)))
    ['year', 'year_to_date']
    >>> sorted(period_types(dt.date(2015, 3, 1), dt.date(2015, 10, 31)))
    []
    """
    types: set[str] = set()
    if first > last or first.year != last.year:
        return frozenset()
    if first == last:
        types.add("day")
    whole_months = first.day == 1 and last == _month_end(last)
    months = last.month - first.month + 1
    if whole_months and months == 1:
        types.add("month")
    if whole_months and months == 3 and first.month in (1, 4, 7, 10):
        types.add("quarter")
    if whole_months and months == 6 and first.month in (1, 7):
        types.add("half_year")
    if whole_months and months == 12:
        types.add("year")
    if first == dt.date(first.year, 1, 1) and (whole_months or first == last):
        types.add("year_to_date")
    return frozenset(types)


def _gap_days(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    """Days between two intervals; 0 when they overlap (the same date at the coarser precision)."""
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0


def _obs_date(obs: Observation) -> str:
    return obs.period.date() or ""


def _obs_bounds(obs: Observation) -> tuple[dt.date, dt.date]:
    period = obs.period
    if period.as_of:
        return bounds(period.as_of)
    first = bounds(period.start or period.end or "")[0]
    last = bounds(period.end or period.start or "")[1]
    return first, last


# --- precision -----------------------------------------------------------------------------


def precision_step(figure: str | None, value: float, low: float | None = None) -> float | None:
    """One unit of the figure's last significant digit, in the claim's units.

    Read from the figure as written (its span text); a figure without digits
    ("one-fourth", "Eight") falls back to the digits of ``value`` itself.  For a
    range, the first number written is the low bound, so ``low`` scales it.

    >>> precision_step("1.3 billion", 1.3e9)
    100000000.0
    >>> precision_step("670 million", 670e6), precision_step("4.13 million", 4.13e6)
    (10000000.0, 10000.0)
    >>> precision_step("2.95 trillion yuan", 2.95e12), precision_step("7 percent", 7.0)
    (10000000000.0, 1.0)
    >>> precision_step("one-fourth", 25.0), precision_step("1.5 to 2 million", 1.75e6, 1.5e6)
    (1.0, 100000.0)
    """
    match = NUMBER.search(figure or "")
    if match is None:
        return _written_step(plain_number(value, 9).replace(",", ""))
    token = match.group().replace(",", "")
    written = float(token)
    if written == 0:
        return None
    base = low if low is not None else value
    scale = base / written
    if scale > 0:
        power = round(math.log10(scale))
        if math.isclose(scale, 10.0**power, rel_tol=1e-9):
            scale = 10.0**power  # 1e9, not 999999999.9999999
    step = _written_step(token)
    return None if step is None else step * scale


def _written_step(token: str) -> float | None:
    """The step of a number as written: "1.30" -> 0.01, "670" -> 10, "8" -> 1."""
    token = token.lstrip("-+")
    if "." in token:
        return 10.0 ** -len(token.split(".", 1)[1])
    digits = token.lstrip("0")
    if not digits:
        return None
    return 10.0 ** (len(digits) - len(digits.rstrip("0")))


# --- verdicts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Judgement:
    """A verdict and the sentence that explains it (without the figures' introduction)."""

    verdict: str
    reason: str


def _le(a: float, b: float) -> bool:
    """``a <= b`` with a relative slack for the float scaling of written figures."""
    return a <= b + EPSILON * max(abs(a), abs(b), 1.0)


def _lt(a: float, b: float) -> bool:
    return not _le(b, a)


def judge(
    reported: float,
    official: float,
    qualifier: str = "exact",
    step: float | None = None,
    low: float | None = None,
    high: float | None = None,
    words: str = "",
    official_words: str = "",
    fmt: Callable[[float], str] | None = None,
) -> Judgement:
    """The verdict for ``reported`` (as qualified, at precision ``step``) against ``official``.

    ``words`` and ``official_words`` are the two figures as people read them,
    ``fmt`` writes the bounds of the precision (plain numbers by default).

    >>> judge(1.3e9, 1.37462e9, step=1e8).verdict
    'rounded_down'
    >>> judge(670e6, 668e6, "approximate", 10e6).verdict
    'consistent'
    >>> judge(4.13e6, 4.23e6, "more_than", 1e4).verdict
    'consistent'
    """
    fmt = fmt or _plain
    words = words or fmt(reported)
    official_words = official_words or fmt(official)
    pct = _percent(reported, official)
    if qualifier in ("more_than", "at_least"):
        if _le(reported, official):
            more = _percent(official, reported)
            return Judgement("consistent", f"the official figure is {more} {words}")
        return Judgement("overstated", f"the official figure is below the stated floor: {pct} it")
    if qualifier in ("less_than", "at_most"):
        if _le(official, reported):
            less = _percent(official, reported)
            return Judgement("consistent", f"the official figure is {less} {words}")
        ceiling = f"the official figure is above the stated ceiling: {pct} it"
        return Judgement("understated", ceiling)
    half = (step or 0.0) / 2
    if qualifier == "range" and low is not None and high is not None:
        if _le(low - half, official) and _le(official, high + half):
            return Judgement("consistent", f"{official_words} lies within the range")
        side = "understated" if official > high else "overstated"
        return Judgement(side, f"{official_words} lies outside the range; its midpoint is {pct}")
    if step is None or step <= 0:
        if math.isclose(reported, official, rel_tol=EPSILON):
            return Judgement("consistent", "the figures are equal")
        side = "understated" if reported < official else "overstated"
        return Judgement(side, f"{words} is {pct} the official figure")
    if qualifier == "approximate":
        lo, hi = reported - step, reported + step
        span = f"{fmt(lo)} to {fmt(hi)}"
        if _le(lo, official) and _le(official, hi):
            return Judgement("consistent", f"about {words} allows {span}")
        side = "understated" if official > hi else "overstated"
        return Judgement(side, f"{words} is {pct} the official figure; about {words} allows {span}")
    lo, hi = reported - half, reported + half
    span = f"{fmt(lo)} up to {fmt(hi)}"
    if _le(lo, official) and _lt(official, hi):
        return Judgement("consistent", f"{words} stands for {span}")
    if _le(hi, official) and _lt(official, reported + step):
        return Judgement(
            "rounded_down",
            f"rounded down by {_percent(reported, official, signed=False)} ({words} is "
            f"{official_words} cut after its last digit)",
        )
    if _lt(reported - step, official) and _lt(official, lo):
        return Judgement(
            "rounded_up",
            f"rounded up by {_percent(reported, official, signed=False)} ({words} is "
            f"{official_words} raised at its last digit)",
        )
    side = "understated" if official > reported else "overstated"
    return Judgement(side, f"{words} is {pct} the official figure; as written it stands for {span}")


def _percent(a: float, b: float, signed: bool = True) -> str:
    """How far ``a`` is from ``b``, in words: "5.4% below", "54.4% above"."""
    if b == 0:
        return "not measurable against zero"
    change = a / b - 1
    amount = f"{plain_number(abs(change) * 100, 1)}%"
    if not signed:
        return amount
    if abs(change) < 0.0005:
        return "equal to"
    return f"{amount} {'below' if change < 0 else 'above'}"


def _plain(value: float) -> str:
    return plain_number(value, 6)


def figure_words(value: float, kind: str, currency: str | None = None) -> str:
    """A figure with up to six decimals of its scale: official values are exact.

    >>> figure_words(1374620000.0, "count"), figure_words(2.9524e12, "money", "CNY")
    ('1.37462 billion', 'CN¥2.9524 trillion')
    >>> figure_words(50.3, "percent")
    '50.3%'
    """
    if kind == "percent":
        return f"{plain_number(value, 6)}%"
    number = plain_number(value, 6)
    for factor, word in SCALES:
        if abs(value) >= factor:
            number = f"{plain_number(value / factor, 6)} {word}"
            break
    if kind == "money":
        symbol = CURRENCY_SYMBOLS.get(currency or "")
        return f"{symbol}{number}" if symbol else f"{number} {currency}"
    return number


# --- the comparison ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Match:
    obs: Observation | None
    note: str
    neighbours: tuple[Observation, ...] = ()


def _stock_match(series: ReferenceSeries, date: str, dated_by_article: bool) -> _Match:
    """The official value at the claim's date, or why there is none."""
    when = bounds(date)
    ranked = sorted(series.observations, key=_obs_bounds)
    same = [o for o in ranked if _gap_days(when, _obs_bounds(o)) == 0]
    by = ", its article's date" if dated_by_article else ""
    if len(same) == 1:
        return _Match(same[0], f"the same date as the claim's {date}{by}")
    if len(same) > 1:
        dates = ", ".join(_obs_date(o) for o in same)
        return _Match(
            None,
            f"the claim's date {date}{by} covers several official dates ({dates}); "
            "a more precise date decides which",
            tuple(same),
        )
    before = [o for o in ranked if _obs_bounds(o)[1] < when[0]]
    after = [o for o in ranked if _obs_bounds(o)[0] > when[1]]
    neighbours = tuple(x for x in (before[-1:] + after[:1]))
    near = min(neighbours, key=lambda o: _gap_days(when, _obs_bounds(o)))
    gap = _gap_days(when, _obs_bounds(near))
    if gap <= TOLERANCE_DAYS:
        side = "after" if near in after else "before"
        note = f"{gap} day(s) {side} the claim's date {date}{by}"
        return _Match(near, note, neighbours)
    if before and after:
        note = (
            f"no official figure within {TOLERANCE_DAYS} days of {date}{by}: the nearest are "
            f"{_obs_date(before[-1])} and {_obs_date(after[0])}, and none is interpolated"
        )
    else:
        first, last = _obs_date(ranked[0]), _obs_date(ranked[-1])
        note = f"{date}{by} is outside the official series ({first} to {last})"
    return _Match(None, note, neighbours)


def _flow_match(series: ReferenceSeries, metric: Metric, period: tuple[str, str]) -> _Match:
    """The official value over exactly the claim's period, of the metric's period type."""
    first, last = bounds(period[0])[0], bounds(period[1])[1]
    label = f"{period[0]} to {period[1]}" if period[0] != period[1] else period[0]
    kind = metric.period_type or ""
    if kind not in period_types(first, last):
        found = ", ".join(sorted(period_types(first, last))) or "no standard period type"
        return _Match(
            None,
            f"{label} is not a {kind.replace('_', ' ')} period ({found}); "
            "totals of different period types are never compared",
        )
    for obs in series.observations:
        if _obs_bounds(obs) == (first, last):
            return _Match(obs, "the same period as the claim's")
    return _Match(None, f"no official total over {label}")


def _safely(find: Callable[..., _Match], *args: Any) -> _Match:
    """``find(*args)``, or why not when a date is not on the calendar (2015-02-30 passes
    the date pattern of the schema, and must not stop the whole comparison)."""
    try:
        return find(*args)
    except ValueError as err:
        return _Match(None, f"a date is not on the calendar ({err})")


def _claim_period(row: Mapping[str, Any]) -> tuple[str, str] | None:
    as_of, start, end = (_opt(row, k) for k in ("period_as_of", "period_start", "period_end"))
    if as_of:
        return as_of, as_of
    if start and end:
        return start, end
    return None


_NA, _NAT = pd.NA, pd.NaT


def _opt(row: Mapping[str, Any], key: str) -> Any:
    """``row[key]``, with every kind of missing value (None, NaN, NA, NaT) as None."""
    value = row.get(key)
    if value is None or value is _NA or value is _NAT or value != value:  # NaN != NaN
        return None
    return value


def _comparable(row: Mapping[str, Any], metric: Metric) -> str | None:
    """Why a claim cannot be set against its metric's series, or None."""
    measure = _opt(row, "measure") or "level"
    if measure != "level":
        return f"a {measure} is not set against official levels"
    kind = _opt(row, "kind")
    if kind != metric.kind:
        return f"the claim is a {kind} figure, the metric a {metric.kind} one"
    if metric.kind == "money" and _opt(row, "currency") != metric.currency:
        return f"the claim is in {_opt(row, 'currency')}, the official series in {metric.currency}"
    return None


def compare_row(
    row: Mapping[str, Any],
    refs: HasReferences,
    text: str | None = None,
    memo: dict[tuple, _Match] | None = None,
) -> dict[str, Any]:
    """One claim (a row of the claims frame, as a mapping) against its official series.

    ``text`` is the claim's source text, for the figure as written; without it
    the precision is read from the value.  ``memo`` keeps the official value
    found for each (metric, date or period) across calls: many claims share one.
    """
    clean = {key: _opt(row, key) for key in row}
    return _compare(clean, refs, text, {} if memo is None else memo)


def _compare(
    row: Mapping[str, Any], refs: HasReferences, text: str | None, memo: dict[tuple, _Match]
) -> dict[str, Any]:
    """``compare_row`` for a row whose missing values are all None (no NaN, no NA)."""
    get = row.get
    metric_id = str(get("metric") or "")
    start, end = get("start"), get("end")
    figure = text[int(start) : int(end)] if text and start is not None and end is not None else None
    reported = float(row["value"])
    qualifier = str(get("qualifier") or "exact")
    out: dict[str, Any] = {
        "claim": get("id"),
        "metric": metric_id,
        "subject": get("subject"),
        "source": get("source"),
        "figure": figure,
        "quote": get("quote"),
        "reported": reported,
        "reported_text": None,
        "qualifier": qualifier,
        "reference": None,
        "reference_text": None,
        "reference_date": None,
        "deviation": None,
        "verdict": "no_reference",
        "message": "",
        "citation_publisher": None,
        "citation_title": None,
        "citation_published": None,
        "citation_url": None,
        "citation_note": None,
        "neighbours": [],
    }
    kind = str(get("kind") or "")
    currency = get("currency")
    words = _qualified(figure or figure_words(reported, kind, currency), qualifier)
    out["reported_text"] = words
    metric = refs.metrics.get(metric_id)
    if metric is None:
        out["message"] = f"No metric {metric_id!r} in metrics.yaml: nothing to compare with."
        return out
    why = _comparable(row, metric)
    if why:
        out["verdict"] = "not_comparable"
        out["message"] = f"Not compared: {why}."
        return out
    series = refs.references.get(metric_id)
    if series is None:
        out["message"] = f"No official series for {metric.label} (data/reference/{metric_id}.yaml)."
        return out
    if metric.measure_type == "flow":
        period = _claim_period(row)
        if period is None:
            out["message"] = "No period: a total is compared only over the same period."
            return out
        key = (metric_id, "flow", period)
        match = memo.get(key) or memo.setdefault(key, _safely(_flow_match, series, metric, period))
    else:
        date = get("date") or (_claim_period(row) or (None, None))[1]
        if not date:
            out["message"] = "No date: a level is compared only at the same date."
            return out
        dated_by_article = _claim_period(row) is None and not get("period_start")
        key = (metric_id, "stock", str(date), dated_by_article)
        match = memo.get(key) or memo.setdefault(
            key, _safely(_stock_match, series, str(date), dated_by_article)
        )
    out["neighbours"] = [
        {"date": o.period.label(), "value": o.value, "url": o.citation.url}
        for o in match.neighbours
    ]
    if match.obs is None:
        what = "period" if metric.measure_type == "flow" else "date"
        out["message"] = f"No reference for the {what}: {match.note}."
        return out
    obs = match.obs
    official_words = figure_words(obs.value, metric.kind, metric.currency)
    step = precision_step(figure, reported, get("low"))
    verdict = judge(
        reported,
        obs.value,
        qualifier,
        step,
        get("low"),
        get("high"),
        words=figure or figure_words(reported, kind, currency),
        official_words=official_words,
        fmt=lambda v: figure_words(v, kind, currency),
    )
    cite = obs.citation
    out.update(
        reference=obs.value,
        reference_text=official_words,
        reference_date=obs.period.label(),
        deviation=reported / obs.value - 1 if obs.value else None,
        verdict=verdict.verdict,
        message=(
            f"Reported {words}; official {official_words} ({cite.publisher}, "
            f"{obs.period.label()}; {match.note}): {verdict.reason}."
        ),
        citation_publisher=cite.publisher,
        citation_title=cite.title,
        citation_published=cite.published.isoformat() if cite.published else None,
        citation_url=cite.url,
        citation_note=cite.note,
    )
    return out


def _qualified(words: str, qualifier: str) -> str:
    """ "more than 4.13 million": the qualifier's words before the figure as written."""
    lead = QUALIFIER_WORDS.get(qualifier, "")
    return f"{lead} {words}" if lead else words


def compare_claims(
    claims: pd.DataFrame, models: HasReferences, texts: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Every claim with a metric, set against its official series: one row each (``COLUMNS``).

    ``claims`` is the claims frame (``dataset.frames.claims_frame``) or any
    selection of its rows; claims without a metric are left out.  ``texts``
    (source id -> text) gives the figures as written; by default
    ``models.texts`` where the models have it.
    """
    texts = texts if texts is not None else getattr(models, "texts", {}) or {}
    if "metric" not in claims.columns or claims.empty:
        return pd.DataFrame(columns=list(COLUMNS))
    picked = claims[claims["metric"].notna()]
    names = list(picked.columns)
    columns = [picked[n].to_numpy(dtype=object, na_value=None).tolist() for n in names]
    memo: dict[tuple, _Match] = {}
    rows = [
        _compare(row, models, texts.get(str(row.get("source"))), memo)
        for row in (dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True))
    ]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def reference_frame(models: HasReferences, metric_id: str) -> pd.DataFrame:
    """A metric's official series, one row an observation in date order (``REFERENCE_COLUMNS``).

    ``date`` is where a chart plots the value: the as-of date, or a period's end.
    """
    series = models.references.get(metric_id)
    rows = (
        [
            {
                "date": _obs_date(o),
                "value": o.value,
                "publisher": o.citation.publisher,
                "title": o.citation.title,
                "published": o.citation.published.isoformat() if o.citation.published else None,
                "url": o.citation.url,
                "note": o.citation.note,
                "period_start": o.period.start,
                "period_end": o.period.end,
                "period": o.period.label(),
            }
            for o in sorted(series.observations, key=_obs_bounds)
        ]
        if series
        else []
    )
    return pd.DataFrame(rows, columns=list(REFERENCE_COLUMNS))


def to_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The comparison as JSON-ready objects: NaN as null, the citation as one object."""
    records = []
    for row in frame.to_dict(orient="records"):
        plain = {k: (None if _opt(row, k) is None else v) for k, v in row.items()}
        plain["neighbours"] = row.get("neighbours") or []
        plain["citation"] = {
            key: plain.pop(f"citation_{key}")
            for key in ("publisher", "title", "published", "url", "note")
        }
        plain["citation_url"] = plain["citation"]["url"]
        records.append(plain)
    return records
