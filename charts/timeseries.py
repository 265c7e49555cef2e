"""The same metric reported by several sources, as a time series.

A metric is a (subject, entity, unit, currency) key: "Internet users in
China" for China, in Internet users.  When two or more sources report it,
its figures become a line over their dates (the period's date, else the
article's), each point carrying its source so the chart and the table
beside it can link back to the article.
"""

from __future__ import annotations

import html
from collections import defaultdict

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.figures import escape, framed_figure, source_line

KEY: tuple[str, ...] = ("subject", "entity", "unit", "currency")
"""Columns that make figures the same metric; unit and currency keep one unit a line."""

HOVER = "%{y:,.4~g} on %{x}<br>Source: %{customdata[0]}<extra>%{fullData.name}</extra>"
"""Plotly reads a few tags in hover text, so names and sources are HTML-escaped first."""


def series_rows(
    claims: pd.DataFrame, min_sources: int = 2, max_series: int | None = None
) -> pd.DataFrame:
    """The claims of every metric reported by at least ``min_sources`` sources, by date.

    Adds ``series`` (the metric's label).  Claims without subject or date are left out.
    With ``max_series``, only the metrics with the most sources are kept (a chart of
    hundreds of lines reads as nothing and takes most of a rerun).

    >>> rows = pd.DataFrame({"subject": ["Users", "Users", "GDP"], "entity": ["China"] * 3,
    ...     "unit": ["users", "users", None], "currency": [None, None, "CNY"],
    ...     "source": ["a", "b", "a"], "date": ["2015", "2012-06", "2015"],
    ...     "value": [670e6, 538e6, 1.0]})
    >>> series_rows(rows)[["series", "date", "source"]].values.tolist()
    [['Users (China)', '2012-06', 'b'], ['Users (China)', '2015', 'a']]
    """
    columns = [*KEY, "source", "date", "value"]
    positions = np.flatnonzero((claims["subject"].notna() & claims["date"].notna()).to_numpy())

    def strings(column: str) -> list:
        return claims[column].to_numpy(dtype=object, na_value="")[positions].tolist()

    # plain Python over the usable rows, and one copy of the rows kept at the end: grouping
    # and sorting DataFrames cost 30 ms a rerun at 2,000 rows
    subjects, entities, units, currencies, sources, dates = map(strings, [*KEY, "source", "date"])
    labels = [
        f"{subject} ({entity})" if entity and entity not in subject else subject
        for subject, entity in zip(subjects, entities, strict=True)
    ]
    keys = list(zip(subjects, entities, units, currencies, strict=True))
    sources_of: dict[tuple, set] = defaultdict(set)
    for key, source in zip(keys, sources, strict=True):
        if source:
            sources_of[key].add(source)
    counts = [len(sources_of[key]) for key in keys]
    kept = [i for i, n in enumerate(counts) if n >= min_sources]
    if max_series is not None:
        most = _most_reported({labels[i]: counts[i] for i in reversed(kept)}, max_series)
        kept = [i for i in kept if labels[i] in most]
    kept.sort(key=lambda i: (labels[i], dates[i], sources[i]))
    frame = claims[columns].iloc[positions[kept]].reset_index(drop=True)
    dtype = "str" if len(positions) else "object"  # as pandas infers it for these rows
    return frame.assign(series=pd.Series([labels[i] for i in kept], dtype=dtype))


def _most_reported(counts: dict[str, int], limit: int) -> set[str]:
    """The ``limit`` series with most sources (ties by name).

    >>> sorted(_most_reported({"b": 2, "a": 2, "c": 3}, 2))
    ['a', 'c']
    """
    return set(sorted(counts, key=lambda label: (-counts[label], label))[:limit])


def source_link(source_id: str) -> str:
    """The dashboard's own page for a source (its text with every figure marked).

    >>> source_link("china-daily-2015-12-20-wuzhen-summit")
    'sources?article=china-daily-2015-12-20-wuzhen-summit'
    """
    return f"sources?article={source_id}"


def timeseries_figure(rows: pd.DataFrame, attributions: dict[str, str]) -> go.Figure:
    """One line with markers per metric of ``rows`` (from `series_rows`); hover names the source.

    >>> rows = series_rows(pd.DataFrame({"subject": ["Users"] * 2, "entity": ["China"] * 2,
    ...     "unit": ["users"] * 2, "currency": [None] * 2, "source": ["a", "b"],
    ...     "date": ["2015-12-20", "2012-06"], "value": [670e6, 538e6]}))
    >>> fig = timeseries_figure(rows, {"a": "China Daily, 2015-12-20"})
    >>> [list(t.x) for t in fig.data], fig.data[0].customdata[1][0]
    ([['2012-06', '2015-12-20']], 'China Daily, 2015-12-20')
    """
    traces = []
    for name, part in rows.groupby("series", sort=True):
        credit = [html.escape(attributions.get(s, s)) for s in part["source"]]
        traces.append(
            {
                "type": "scatter",
                "x": list(part["date"]),
                "y": [float(v) for v in part["value"]],
                "mode": "lines+markers",
                "name": html.escape(str(name)),
                "customdata": [[c, s] for c, s in zip(credit, part["source"], strict=True)],
                "hovertemplate": HOVER,
            }
        )
    unit = ", ".join(sorted({str(u) for u in rows.get("unit", []) if pd.notna(u)}))
    layout = {
        "height": 460,
        "xaxis": {"title": {"text": "Date of the figure"}},
        "yaxis": {"title": {"text": escape(unit)}},
        "legend": {"title": {"text": "Metric"}},
        "hovermode": "closest",
    }
    # the explicit template, title, unit and source line of every chart (charts.figures)
    return framed_figure(
        traces,
        layout,
        "The same figure reported by several sources, over time",
        unit,
        source_line(attributions.get(s, s) for s in rows["source"].unique()),
    )
