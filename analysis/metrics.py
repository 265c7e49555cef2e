"""The Metric page's questions: which figures join a metric's series, where, and how far
they are from the official figure.

A metric (``data/metrics.yaml``) is one series, like an Our World in Data
indicator.  Its official figures (``data/reference/<id>.yaml``) and the
levels the news reported for it share one axis; changes and growth of it
never do (``change_rows``).  A flow is only ever set beside a flow of the same
kind of period: for a year-to-date metric, January–October 2015 beside
January–October 2016, never beside January–July 2024 (``like_period``).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping

import pandas as pd

from analysis.compare import HasReferences, compare_claims
from analysis.currency import convert_money
from analysis.format import money, plain_number, row_figures, scaled_number
from analysis.place import place_in_words
from dataset.schema import Metric, ReferenceSeries

MONTHS: tuple[str, ...] = tuple(calendar.month_name)[1:]
"""January ... December, for the names of year-to-date periods."""

PERIOD_WORDS: dict[str, str] = {
    "year": "calendar year",
    "year_to_date": "year to date",
    "half_year": "half year",
    "quarter": "quarter",
    "month": "month",
    "day": "day",
}
"""A flow metric's period type, in words."""

REPORTED_COLUMNS: tuple[str, ...] = (
    "id", "x", "group", "value", "figure", "quote", "source", "place", "period",
    "conversion", "reference", "reference_date", "deviation", "verdict", "compared", "message",
    "comparable", "why",
)  # fmt: skip
"""The columns of ``reported_rows``: one row per reported level of the metric."""


def metric_order(metrics: Mapping[str, Metric], category_ids: Iterable[str]) -> list[str]:
    """Metric ids grouped by category (in the order of categories.yaml), then by label.

    >>> m = {i: Metric(id=i, label=l, definition="d", unit="u", kind="count",
    ...     measure_type="stock", category=c) for i, l, c in
    ...     [("b", "Beta", "users"), ("a", "Alpha", "events"), ("c", "Gamma", "users")]}
    >>> metric_order(m, ["users", "events"])
    ['b', 'c', 'a']
    """
    place = {c: i for i, c in enumerate(category_ids)}
    return sorted(
        metrics, key=lambda i: (place.get(metrics[i].category, len(place)), metrics[i].label)
    )


def option_label(metric: Metric, category_labels: Mapping[str, str]) -> str:
    """The metric picker's text: its category, then its label.

    >>> option_label(Metric(id="x", label="Websites in China", definition="d", unit="websites",
    ...     kind="count", measure_type="stock", category="infrastructure"),
    ...     {"infrastructure": "Infrastructure"})
    'Infrastructure · Websites in China'
    """
    return f"{category_labels.get(metric.category, metric.category)} · {metric.label}"


def unit_text(metric: Metric) -> str:
    """The unit a metric's axis is in, the currency included.

    >>> base = dict(id="x", label="L", definition="d", measure_type="stock")
    >>> unit_text(Metric(**base, unit="market value", kind="money", currency="CNY"))
    'CNY (market value)'
    >>> unit_text(Metric(**{**base, "measure_type": "share"}, unit="percent of GDP",
    ...     kind="percent"))
    'percent of GDP'
    """
    if metric.kind == "money":
        return f"{metric.currency} ({metric.unit})"
    return metric.unit


def _parts(date: str | None) -> tuple[int, int | None, int | None] | None:
    if not isinstance(date, str) or not date:
        return None
    numbers = [int(p) for p in date[:10].split("-")]
    return (
        numbers[0],
        (numbers[1] if len(numbers) > 1 else None),
        (numbers[2] if len(numbers) > 2 else None),
    )


def like_period(
    period_type: str, as_of: str | None, start: str | None, end: str | None
) -> str | None:
    """The like-period group of a flow's period, or None when it is not of ``period_type``.

    Only figures of one group are joined by a line: a year-to-date total is
    grouped by the month it runs to ("January–October"), so January–October
    of one year is set beside January–October of another, never beside
    January–July.

    >>> like_period("year_to_date", None, "2015-01", "2015-10")
    'January–October'
    >>> like_period("year_to_date", None, "2015-03", "2015-10") is None  # not from January
    True
    >>> like_period("year", "2019", None, None), like_period("quarter", None, "2024-04", "2024-06")
    ('calendar year', 'quarter')
    >>> like_period("year", None, "2015-01", "2015-10") is None
    True
    """
    if as_of is not None:
        start = end = as_of
    first, last = _parts(start or end), _parts(end or start)
    if first is None or last is None:
        return None
    (y0, m0, d0), (y1, m1, d1) = first, last
    if y0 != y1:
        return None
    from_month_start = m0 is None or d0 in (None, 1)
    if period_type == "year":
        whole = m0 in (None, 1) and m1 in (None, 12) and d0 in (None, 1) and d1 in (None, 31)
        return PERIOD_WORDS["year"] if whole else None
    if m0 is None or m1 is None:
        return None
    if period_type == "year_to_date":
        return f"{MONTHS[0]}–{MONTHS[m1 - 1]}" if m0 == 1 and from_month_start else None
    if period_type == "half_year":
        fits = m0 in (1, 7) and m1 == m0 + 5 and from_month_start
        return PERIOD_WORDS["half_year"] if fits else None
    if period_type == "quarter":
        fits = m0 in (1, 4, 7, 10) and m1 == m0 + 2 and from_month_start
        return PERIOD_WORDS["quarter"] if fits else None
    if period_type == "month":
        return PERIOD_WORDS["month"] if m0 == m1 and from_month_start else None
    if period_type == "day":
        return PERIOD_WORDS["day"] if d0 is not None and (m0, d0) == (m1, d1) else None
    return None


def _period_label(as_of: str | None, start: str | None, end: str | None) -> str:
    if as_of:
        return as_of
    return " to ".join(p for p in (start, end) if p)


def _group_and_x(
    metric: Metric, as_of: str | None, start: str | None, end: str | None, date: str | None
) -> tuple[str | None, str | None]:
    """(like-period group, x position) of a figure; group None: not comparable."""
    x = as_of or end or start or date
    if metric.measure_type != "flow":
        return "", x
    # one spelling per period, so the same period matches however precisely it is written:
    # 2015-01 to 2015-10-31 ends at "2015-10"
    width = {"year": 4, "day": 10}.get(str(metric.period_type), 7)
    return like_period(str(metric.period_type), as_of, start, end), x and x[:width]


def official_rows(series: ReferenceSeries | None, metric: Metric) -> pd.DataFrame:
    """The official figures of ``metric``: x (date), group, value, citation, by date.

    A flow's observation of another period type than the metric's is left
    out: it could not be joined to the others.
    """
    rows = []
    for observation in series.observations if series else []:
        period = observation.period
        group, x = _group_and_x(metric, period.as_of, period.start, period.end, None)
        if group is None or x is None:
            continue
        citation = observation.citation
        rows.append(
            {
                "x": x,
                "group": group,
                "value": float(observation.value),
                "period": period.label(),
                "publisher": citation.publisher,
                "title": citation.title,
                "published": citation.published.isoformat() if citation.published else "",
                "url": citation.url or "",
            }
        )
    columns = ["x", "group", "value", "period", "publisher", "title", "published", "url"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["group", "x"], kind="stable").reset_index(drop=True)


def deviation_text(deviation: float | None, reference: float | None, metric: Metric) -> str:
    """The deviation as a reader wants it: "+0.3% from the official 668 million".

    >>> m = Metric(id="x", label="L", definition="d", unit="users", kind="count",
    ...     measure_type="stock")
    >>> deviation_text(0.003, 668e6, m)
    '+0.3% from the official 668 million'
    >>> deviation_text(None, None, m)
    'no official figure for this date'
    """
    if deviation is None or reference is None:
        return "no official figure for this date"
    if metric.kind == "money":
        official = money(reference, metric.currency)
    elif metric.kind == "percent":
        official = f"{plain_number(reference)}%"
    else:
        official = scaled_number(reference)
    sign = "+" if deviation > 0 else ""
    return f"{sign}{plain_number(deviation * 100, 1)}% from the official {official}"


def reported_rows(
    claims: pd.DataFrame,
    metric: Metric,
    officials: HasReferences,
    texts: Mapping[str, str],
) -> pd.DataFrame:
    """The levels the news reported for ``metric``, each set against the official figure.

    ``claims`` are the claims frame's rows in view.  Money in another currency
    than the metric's is converted first (``analysis.currency``: the article's own
    conversion, else the ECB's rate of the figure's date).  The comparison is
    ``analysis.compare.compare_claims``'s, as on the Checks page and in
    ``python -m dataset compare``.  A flow of another kind of period than the
    metric's gets ``comparable`` False and a ``why``: it is listed, never drawn.
    """
    rows = claims[
        (claims["metric"].astype("object") == metric.id)
        & (claims["measure"].astype("object") == "level")
    ]
    conversion = pd.Series("", index=rows.index, dtype="object")
    if metric.kind == "money" and len(rows):
        converted, _ = convert_money(rows, str(metric.currency))
        rows = converted
        conversion = converted["conversion"].where(converted["conversion"] != "as stated", "")
    compared = compare_claims(rows, officials, texts).drop_duplicates("claim")
    by_claim = compared.set_index("claim").to_dict(orient="index") if len(compared) else {}
    out = []
    figures = row_figures(rows)
    for (i, row), figure in zip(rows.iterrows(), figures, strict=True):
        as_of, start, end = (
            _plain(row.get(c)) for c in ("period_as_of", "period_start", "period_end")
        )
        group, x = _group_and_x(metric, as_of, start, end, _plain(row.get("date")))
        found = by_claim.get(row["id"], {})
        reference = _plain(found.get("reference"))
        deviation = _plain(found.get("deviation"))
        verdict = str(found.get("verdict") or "no_reference")
        why = ""
        if group is None:
            expected = PERIOD_WORDS[str(metric.period_type)]
            why = (
                f"covers {_period_label(as_of, start, end) or 'an unstated period'}, "
                f"not a {expected}: not comparable with this series"
            )
        out.append(
            {
                "id": row["id"],
                "x": x,
                "group": group or "",
                "value": float(row["value"]),
                "figure": figure,
                "quote": row["quote"],
                "source": row["source"],
                "place": place_in_words(texts.get(row["source"]), _plain(row.get("start"))),
                "period": _period_label(as_of, start, end) or str(row.get("date") or ""),
                "conversion": conversion.get(i, ""),
                "reference": reference,
                "reference_date": _plain(found.get("reference_date")),
                "deviation": deviation,
                "verdict": verdict,
                "compared": why or compared_text(deviation, reference, found, metric),
                "message": str(found.get("message") or why),
                "comparable": group is not None,
                "why": why,
            }
        )
    frame = pd.DataFrame(out, columns=list(REPORTED_COLUMNS))
    return frame.sort_values(["group", "x"], kind="stable").reset_index(drop=True)


def compared_text(
    deviation: float | None, reference: float | None, found: Mapping, metric: Metric
) -> str:
    """One line for a hover box: deviation, official figure and date, verdict.

    >>> m = Metric(id="x", label="L", definition="d", unit="users", kind="count",
    ...     measure_type="stock")
    >>> compared_text(-0.026, 688e6, {"reference_date": "2015-12", "verdict": "understated"}, m)
    '-2.6% from the official 688 million (2015-12): understated'
    >>> compared_text(None, None, {"verdict": "no_reference"}, m)
    'no official figure for this date'
    """
    text = deviation_text(deviation, reference, metric)
    if deviation is None or reference is None:
        return text
    verdict = str(found.get("verdict") or "").replace("_", " ")
    when = found.get("reference_date")
    return f"{text}{f' ({when})' if when else ''}{f': {verdict}' if verdict else ''}"


def change_rows(claims: pd.DataFrame, metric: Metric) -> dict[str, pd.DataFrame]:
    """The changes and growth reported for ``metric``, by measure (never on the level axis).

    >>> frame = pd.DataFrame({"metric": ["m", "m", "m"], "measure": ["level", "growth", "change"],
    ...     "value": [1.0, 12.4, 85.4e6]})
    >>> {k: v["value"].tolist() for k, v in change_rows(frame, Metric(id="m", label="L",
    ...     definition="d", unit="u", kind="count", measure_type="stock")).items()}
    {'change': [85400000.0], 'growth': [12.4]}
    """
    mine = claims[claims["metric"].astype("object") == metric.id]
    measures = mine["measure"].astype("object")
    return {m: mine[measures == m] for m in ("change", "growth") if (measures == m).any()}


def _plain(value: object) -> object:
    """None for a missing value (None, NaN, pd.NA), else the value."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value
