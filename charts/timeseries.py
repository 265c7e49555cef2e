"""The same metric reported by several sources, as a time series.

A metric is a (subject, entity, unit, currency) key: "Internet users in
China" for China, in Internet users.  When two or more sources report it,
its figures become a line over their dates (the period's date, else the
article's), each point carrying its source so the chart and the table
beside it can link back to the article.
"""

from __future__ import annotations

import html

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
    # only the columns a series needs: copying whole claims costs most of the time here
    columns = [*KEY, "source", "date", "value"]
    frame = claims.loc[claims["subject"].notna() & claims["date"].notna(), columns].copy()
    if frame.empty:
        return frame.assign(series=pd.Series(dtype="object"))
    keys = frame[list(KEY)].astype("object").fillna("")
    frame["series"] = [
        f"{subject} ({entity})" if entity and entity not in subject else subject
        for subject, entity in zip(keys["subject"], keys["entity"], strict=True)
    ]
    # group on the key columns themselves: a tuple per row costs ~0.1 s at 20,000 rows
    sources = frame.groupby([keys[k] for k in KEY], sort=False)["source"].transform("nunique")
    frame = frame[(sources >= min_sources).values]
    if max_series is not None and len(frame):
        sources = sources[(sources >= min_sources).values]
        ranked = (
            pd.DataFrame({"series": frame["series"].to_numpy(), "n": sources.to_numpy()})
            .drop_duplicates("series")
            .sort_values(["n", "series"], ascending=[False, True], kind="stable")
        )
        frame = frame[frame["series"].isin(ranked["series"].head(max_series))]
    return frame.sort_values(["series", "date", "source"], kind="stable").reset_index(drop=True)


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
