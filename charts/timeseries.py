"""The same metric reported by several sources, as a time series.

A metric is a (subject, entity, unit, currency) key: "Internet users in
China" for China, in Internet users.  When two or more sources report it,
its figures become a line over their dates (the period's date, else the
article's), each point carrying its source so the chart and the table
beside it can link back to the article.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.figures import escape, framed_figure, source_line

KEY: tuple[str, ...] = ("subject", "entity", "unit", "currency")
"""Columns that make figures the same metric; unit and currency keep one unit a line."""

HOVER = (
    "%{y:,.4~g} on %{x}<br>Source: %{customdata[0]}%{customdata[2]}<extra>%{fullData.name}</extra>"
)
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
    frame = claims.loc[claims["subject"].notna() & claims["date"].notna(), columns].copy()
    if frame.empty:
        return frame.assign(series=pd.Series(dtype="object"))
    keys = frame[list(KEY)].astype("object").fillna("")
    frame["series"] = [
        f"{subject} ({entity})" if entity and entity not in subject else subject
        for subject, entity in zip(keys["subject"], keys["entity"], strict=True)
    ]
    sources = frame.groupby([keys[k] for k in KEY], sort=False)["source"].transform("nunique")
    enough = (sources >= min_sources).to_numpy()
    frame, sources = frame[enough], sources[enough]
    if max_series is not None and len(frame):
        # a label's rank is the sources of its first row's metric (ties by name)
        ranked = (
            pd.DataFrame({"series": frame["series"].to_numpy(), "n": sources.to_numpy()})
            .drop_duplicates("series")
            .sort_values(["n", "series"], ascending=[False, True], kind="stable")
        )
        frame = frame[frame["series"].isin(ranked["series"].head(max_series))]
    return frame.sort_values(["series", "date", "source"], kind="stable").reset_index(drop=True)


PER_DATE = 3
"""Figures drawn per metric and date at most: the lowest, the middle one and the highest."""
DATES_SHOWN = 60
"""Dates drawn per metric at most: the newest."""


def thinned(rows: pd.DataFrame, dates: int = DATES_SHOWN) -> pd.DataFrame:
    """The points the chart draws of ``series_rows``' rows: for each metric and date, the
    lowest, the middle (the lower of the two middle ones) and the highest figure, for
    the newest ``dates`` dates of each metric; ``reported`` says how many figures that
    metric and date has, ``figures`` how many the metric has in all.

    Thousands of sources reporting one figure would draw thousands of dots a date: a
    cloud no one reads, and a chart whose cost grows with the corpus.  The three kept
    are real figures (each with its source and quote), so the spread stays visible and
    every point still traces back; ``ClaimQuery.series(..., dates=...)`` picks the same
    ones in SQL.  Ties are broken in the rows' order (source, then file order); a
    figure without a value is neither drawn nor counted.

    >>> rows = pd.DataFrame({"series": ["A"] * 5, "date": ["2015"] * 4 + ["2016"],
    ...     "source": list("abcde"), "value": [4.0, 1.0, 3.0, 2.0, 9.0]})
    >>> thinned(rows)[["source", "value", "reported"]].values.tolist()
    [['a', 4.0, 4], ['b', 1.0, 4], ['d', 2.0, 4], ['e', 9.0, 1]]
    """
    frame = rows[rows["value"].notna()].reset_index(drop=True)  # nothing to draw without
    if frame.empty:
        return frame.assign(reported=pd.Series([], dtype="int64"), figures=0)
    keys = ["series", "date"]
    by_value = frame.assign(_row=np.arange(len(frame))).sort_values(
        [*keys, "value", "_row"], kind="stable", na_position="last"
    )
    nth = by_value.groupby(keys, sort=False).cumcount().sort_index().to_numpy() + 1
    reported = frame.groupby(keys, sort=False)["date"].transform("size").to_numpy()
    age = frame.groupby("series", sort=False)["date"].rank(method="dense", ascending=False)
    figures = frame.groupby("series", sort=False)["date"].transform("size").to_numpy()
    middle = (reported + 1) // 2
    keep = (age.to_numpy() <= dates) & ((nth == 1) | (nth == reported) | (nth == middle))
    kept = frame[keep].assign(reported=reported[keep], figures=figures[keep])
    return kept.reset_index(drop=True)


def _reported(count: int) -> str:
    """The hover's line for a point drawn of ``count`` figures of one date (``thinned``).

    >>> _reported(1), _reported(250)
    ('', '<br>One of 250 figures for this date: the lowest, middle and highest are drawn')
    """
    if count <= 1:
        return ""
    if count <= PER_DATE:
        return f"<br>One of {count} figures for this date"
    return f"<br>One of {count:,} figures for this date: the lowest, middle and highest are drawn"


def source_link(source_id: str) -> str:
    """The dashboard's own page for a source (its text with every figure marked).

    >>> source_link("china-daily-2015-12-20-wuzhen-summit")
    'sources?source=china-daily-2015-12-20-wuzhen-summit'
    """
    return f"sources?source={source_id}"


def timeseries_figure(
    rows: pd.DataFrame, attributions: dict[str, str], *, lines: bool = True, log: bool = False
) -> go.Figure:
    """One line with markers per metric of ``rows`` (from `series_rows`); hover names the source.

    ``lines=False`` draws the points alone: figures whose periods may differ
    (a year-to-date total beside a quarter's) are never joined.  ``log`` sets a
    log axis, said in the axis title; offer it only where ``log_allowed``.

    >>> rows = series_rows(pd.DataFrame({"subject": ["Users"] * 2, "entity": ["China"] * 2,
    ...     "unit": ["users"] * 2, "currency": [None] * 2, "source": ["a", "b"],
    ...     "date": ["2015-12-20", "2012-06"], "value": [670e6, 538e6]}))
    >>> fig = timeseries_figure(rows, {"a": "China Daily, 2015-12-20"})
    >>> [list(t.x) for t in fig.data], fig.data[0].customdata[1][0]
    ([['2012-06', '2015-12-20']], 'China Daily, 2015-12-20')
    """
    # the rows of each series from plain lists, not a DataFrame per series (groupby):
    # a few rows each, where pandas' overhead per group cost most of the time
    names, dates, values, sources = (
        rows[column].to_numpy(dtype=object).tolist()
        for column in ("series", "date", "value", "source")
    )
    reported = rows["reported"].tolist() if "reported" in rows else [1] * len(rows)
    rows_of: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        if not pd.isna(name):  # as groupby, which leaves out missing keys
            rows_of.setdefault(name, []).append(i)
    traces = []
    for name in sorted(rows_of):
        part = rows_of[name]
        traces.append(
            {
                "type": "scatter",
                "x": [dates[i] for i in part],
                "y": [float(values[i]) for i in part],
                "mode": "lines+markers" if lines else "markers",
                "name": html.escape(str(name)),
                "customdata": [
                    [
                        html.escape(attributions.get(sources[i], sources[i])),
                        sources[i],
                        _reported(int(reported[i])),
                    ]
                    for i in part
                ],
                "hovertemplate": HOVER,
            }
        )
    unit = ", ".join(sorted({str(u) for u in rows.get("unit", []) if pd.notna(u)}))
    currencies = sorted({str(c) for c in rows.get("currency", []) if pd.notna(c)})
    if currencies:  # a money axis says its currency ("yuan (CNY)"), on screen and in the PNG
        unit = f"{unit} ({', '.join(currencies)})" if unit else ", ".join(currencies)
    layout = {
        "height": 460,
        "xaxis": {"title": {"text": "Date of the figure"}},
        "yaxis": {
            "title": {"text": escape(unit) + (" (log scale)" if log else "")},
            "type": "log" if log else "linear",
            "rangemode": "normal" if log else "tozero",
        },
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
