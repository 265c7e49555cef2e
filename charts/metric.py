"""One metric's chart: the official series as a line, the figures the news reported as points.

The dashboard's main chart.  What it may not do, it cannot: the level axis
starts at zero (a share runs from 0 to 100), a flow's line joins only
figures of one kind of period (``analysis.metrics.like_period``), and changes
or growth of the metric get a chart of their own (``changes_figure``).  Every
point's hover box carries its quote, its source, where it is in the article
and how far it is from the official figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go

from analysis.currency import ECB_NOTE, figure_day
from analysis.format import row_figures
from analysis.metrics import MONTHS, unit_text
from charts.figures import escape, framed_figure, wrapped
from dataset.schema import Metric

OFFICIAL_COLOUR = "#3b3b3b"
REPORTED_COLOURS: tuple[str, ...] = ("#d62728", "#1f77b4")
"""Reported points of a stock or share (the first), and a change's bars (the second)."""
GROUP_COLOURS: tuple[str, ...] = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#bcbd22", "#7f7f7f", "#393b79", "#637939",
)  # fmt: skip
"""A flow's like periods (January–June, January–October, ...), one colour each."""


def period_order(group: str) -> tuple[int, str]:
    """Like-period groups in calendar order: January–June before January–October.

    >>> sorted(["January–October", "January–June", "quarter"], key=period_order)
    ['January–June', 'January–October', 'quarter']
    """
    last = group.rpartition("–")[2]
    return (MONTHS.index(last) if last in MONTHS else len(MONTHS), group)


HEADROOM = 1.1
"""The level axis runs from zero to this much above the largest value."""

REPORTED_HOVER = (
    "<b>%{customdata[0]}</b> (%{customdata[1]})<br>“%{customdata[2]}”<br>"
    "Source: %{customdata[3]}, %{customdata[4]}<br>%{customdata[5]}%{customdata[6]}"
    "<extra>Reported</extra>"
)
OFFICIAL_HOVER = (
    "<b>%{customdata[0]}</b> (%{customdata[1]})<br>Official: %{customdata[2]}"
    "<extra>Official</extra>"
)


def date_range(dates: list[str]) -> dict:
    """A date axis's range where Plotly's own would mislead: around a single date it
    zooms to milliseconds, so one date gets a year either side.

    >>> date_range(["2015-10-31"])
    {'range': ['2014-10-31', '2016-10-31']}
    >>> date_range(["2015-06-30", "2015-12-31"])
    {}
    """
    days = {figure_day(d) for d in dates if d}
    if len(days) != 1:
        return {}
    (day,) = days
    return {"range": [day.replace(year=day.year - 1).isoformat(),
                      day.replace(year=day.year + 1).isoformat()]}  # fmt: skip


def metric_title(metric: Metric) -> str:
    """The chart's title: the metric's label and its unit, the currency included.

    >>> metric_title(Metric(id="x", label="Online retail sales in China", definition="d",
    ...     unit="online retail sales", kind="money", currency="CNY", measure_type="flow",
    ...     period_type="year_to_date"))
    'Online retail sales in China, in CNY (online retail sales)'
    """
    return f"{metric.label}, in {unit_text(metric)}"


def metric_source_line(articles: Iterable[str], publishers: Iterable[str] | None) -> str:
    """The line under the chart: the articles the points come from, and who published the line.

    >>> metric_source_line(["China Daily, 2015-12-20"], ["CNNIC", "CNNIC"])
    'Reported: China Daily, 2015-12-20. Official: CNNIC.'
    >>> metric_source_line([], [])
    'Reported: no article in view. Official: no official series.'
    >>> metric_source_line(["A, 2020-01-01"], None)
    'Reported: A, 2020-01-01.'
    """
    named = list(dict.fromkeys(a for a in articles if a))
    line = f"Reported: {'; '.join(named) or 'no article in view'}."
    if publishers is None:
        return line
    official = list(dict.fromkeys(p for p in publishers if p))
    return f"{line} Official: {'; '.join(official) or 'no official series'}."


def _figures(values: Iterable[float], metric: Metric) -> list[str]:
    values = list(values)
    frame = pd.DataFrame(
        {"value": values, "kind": [metric.kind] * len(values)}
        | ({"currency": [metric.currency] * len(values)} if metric.currency else {})
    )
    return row_figures(frame)


def metric_figure(
    metric: Metric,
    official: pd.DataFrame,
    reported: pd.DataFrame,
    attributions: Mapping[str, str],
) -> go.Figure:
    """The official line and the reported points of ``metric`` on one axis from zero.

    ``official`` is ``analysis.metrics.official_rows``, ``reported`` is
    ``analysis.metrics.reported_rows`` (rows not ``comparable`` are not drawn).
    """
    drawn = reported[reported["comparable"].astype(bool)] if len(reported) else reported
    groups = sorted(dict.fromkeys([*official["group"], *drawn["group"]]), key=period_order)
    flow = metric.measure_type == "flow"
    traces = []
    for n, group in enumerate(groups):
        # a stock's one line is dark and its reports red; a flow's like periods each get a
        # colour, their official line and their reported points the same
        official_colour = GROUP_COLOURS[n % len(GROUP_COLOURS)] if flow else OFFICIAL_COLOUR
        colour = official_colour if flow else REPORTED_COLOURS[0]
        line = official[official["group"] == group]
        if len(line):
            publishers = ", ".join(dict.fromkeys(line["publisher"]))
            traces.append(
                {
                    "type": "scatter",
                    "mode": "lines+markers",
                    "name": escape(f"{group}: official" if flow else f"Official ({publishers})"),
                    "legendgroup": escape(group),
                    "x": line["x"].tolist(),
                    "y": [float(v) for v in line["value"]],
                    "line": {"color": official_colour, "width": 2, "dash": "solid"},
                    "marker": {"color": official_colour, "size": 6},
                    "customdata": [
                        [escape(f), escape(p), escape(f"{pub}, {title}")]
                        for f, p, pub, title in zip(
                            _figures(line["value"], metric),
                            line["period"],
                            line["publisher"],
                            line["title"],
                            strict=True,
                        )
                    ],
                    "hovertemplate": OFFICIAL_HOVER,
                }
            )
        points = drawn[drawn["group"] == group]
        if len(points):
            traces.append(
                {
                    "type": "scatter",
                    "mode": "markers",
                    "name": escape(f"{group}: reported" if flow else "Reported in the news"),
                    "legendgroup": escape(group),
                    "x": points["x"].tolist(),
                    "y": [float(v) for v in points["value"]],
                    "marker": {
                        "color": colour,
                        "size": 12,
                        "symbol": "diamond",
                        "line": {"color": "white", "width": 1},
                    },
                    "customdata": [
                        [
                            escape(r["figure"]),
                            escape(r["period"]),
                            wrapped(r["quote"]),
                            escape(attributions.get(r["source"], r["source"])),
                            escape(r["place"] or "in the article"),
                            escape(r["compared"]),
                            "<br>" + escape(f"Converted: {r['conversion']}")
                            if r["conversion"]
                            else "",
                        ]
                        for r in points.to_dict(orient="records")
                    ],
                    "hovertemplate": REPORTED_HOVER,
                }
            )
    values = [*official["value"], *drawn["value"]]
    top = max([float(v) for v in values if v == v] or [1.0])
    if metric.measure_type == "share":
        y_range = [0, 100]
    else:
        y_range = [min([0.0, *(float(v) for v in values)]) * HEADROOM, top * HEADROOM]
    unit = unit_text(metric)
    # a date written to the month or year ("as of December 2015", January to October) is
    # drawn at its last day, where it holds, not at its first, where Plotly puts it
    for trace in traces:
        trace["x"] = [figure_day(x).isoformat() for x in trace["x"]]
    layout = {
        "height": 480,
        "xaxis": {
            "title": {"text": "End of the period" if flow else "Date of the figure"},
            "type": "date",
            **date_range([x for trace in traces for x in trace["x"]]),
        },
        "yaxis": {
            "title": {"text": escape(unit + (", 0–100" if metric.measure_type == "share" else ""))},
            "range": y_range,
            "rangemode": "tozero",
            "type": "linear",
        },
        "legend": {"title": {"text": ""}},
        "showlegend": True,  # one trace too: the reader must know a diamond is a report
        "hovermode": "closest",
    }
    what = "official series and figures reported in the news"
    if flow:
        what += f"; {str(metric.period_type).replace('_', ' ')} totals, like periods joined only"
    source = metric_source_line(
        (attributions.get(s, s) for s in drawn["source"]), official["publisher"]
    )
    converted = bool(len(drawn)) and drawn["conversion"].fillna("").astype(bool).any()
    note = ECB_NOTE if converted else ""
    return framed_figure(traces, layout, metric_title(metric), f"{unit}: {what}", source, note)


def changes_figure(
    metric: Metric, measure: str, rows: pd.DataFrame, attributions: Mapping[str, str]
) -> go.Figure:
    """Changes (in the metric's unit) or growth (percent change) reported for ``metric``:
    bars from zero, on an axis of their own, never the level's.

    ``rows`` are claims frame rows of one ``measure`` (``analysis.metrics.change_rows``).
    """
    unit = "percent change" if measure == "growth" else f"change, {unit_text(metric)}"
    figures = row_figures(rows)
    records = rows.to_dict(orient="records")
    labels = []
    for r in records:
        base = f" from {r['base_period']}" if isinstance(r.get("base_period"), str) else ""
        labels.append(escape(f"{r.get('date') or ''}{base} · {attributions.get(r['source'], '')}"))
    labels = [
        label if labels.count(label) == 1 else f"{label} #{i + 1}" for i, label in enumerate(labels)
    ]
    trace = {
        "type": "bar",
        "x": labels,
        "y": [float(r["value"]) for r in records],
        "text": [escape(f) for f in figures],
        "textposition": "auto",
        "marker": {"color": REPORTED_COLOURS[1]},
        "customdata": [
            [escape(f), wrapped(r["quote"]), escape(attributions.get(r["source"], r["source"]))]
            for f, r in zip(figures, records, strict=True)
        ],
        "hovertemplate": (
            "<b>%{customdata[0]}</b><br>“%{customdata[1]}”<br>Source: %{customdata[2]}"
            "<extra></extra>"
        ),
    }
    layout = {
        "height": 380,
        "yaxis": {"title": {"text": escape(unit)}, "rangemode": "tozero", "zeroline": True},
        "xaxis": {"title": {"text": "Date of the figure · source"}},
        "showlegend": False,
    }
    word = "Growth" if measure == "growth" else "Change"
    return framed_figure(
        [trace],
        layout,
        f"{metric.label}: {word.lower()} reported in the news, in {unit}",
        f"{unit}; a separate axis from the levels",
        metric_source_line((attributions.get(s, s) for s in rows["source"]), None),
    )
