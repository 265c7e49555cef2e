"""Metric: one metric's official series as a line, the figures the news reported as points."""

import pandas as pd
import streamlit as st

from analysis.format import markdown_escape
from analysis.metrics import (
    PERIOD_WORDS,
    change_rows,
    metric_order,
    official_rows,
    option_label,
    reported_rows,
)
from charts.metric import changes_figure, metric_figure
from charts.timeseries import source_link
from pages import common

COLUMNS = [
    "id", "metric", "measure", "value", "kind", "currency", "qualifier", "low", "high",
    "equivalents", "source", "date", "period_as_of", "period_start", "period_end", "quote",
    "start", "end", "subject", "base_period",
]  # fmt: skip
"""The claims columns this page reads; only the chosen metric's rows are copied."""

data, filters = common.current()
models = data.officials
st.title("Metrics: the news beside the official figures")

order = metric_order(models.metrics, data.categories["id"])
if not order:
    st.info("The dataset has no metrics yet: they are defined in data/metrics.yaml.")
    st.stop()
# ?metric=<id> picks the metric: read and written by hand, as the picker shows labels
# the default: the first metric of data/metrics.yaml (its order is the curators') with an
# official series
default = next((m for m in models.metrics if m in models.references), order[0])
wanted = st.query_params.get("metric")
metric_id = st.selectbox(
    "Metric",
    order,
    index=order.index(wanted if wanted in order else default),
    format_func=lambda m: option_label(models.metrics[m], data.labels),
    key="metric",
    help="Grouped by category. Only figures of this one metric share the chart.",
)
st.query_params["metric"] = metric_id
metric = models.metrics[metric_id]
period = f" Totals per {PERIOD_WORDS[metric.period_type]}." if metric.period_type else ""
st.caption(markdown_escape(f"{metric.definition}{period}"))

claims = data.query.rows(filters, columns=COLUMNS, extra="metric = ?", params=[metric_id])
official = official_rows(models.references.get(metric_id), metric)
reported = reported_rows(claims, metric, models, data.texts)

fig = metric_figure(metric, official, reported, data.attributions)
st.plotly_chart(fig, key="metric-chart", config=common.PLOTLY_CONFIG)
if official.empty:
    st.caption("No official series is bundled for this metric: only the reported figures show.")
if reported.empty:
    st.caption("No reported level of this metric matches the filters.")
common.chart_downloads(fig, f"metric-{metric_id}", key="metric")

if len(reported):
    st.subheader("The reported figures against the official ones")
    table = pd.DataFrame(
        {
            "figure": reported["figure"],
            "period": reported["period"],
            "deviation": [
                d * 100 if d is not None and d == d else None for d in reported["deviation"]
            ],
            "verdict": [v.replace("_", " ") for v in reported["verdict"]],
            "compared": reported["message"],
            "source": [data.attributions.get(s, s) for s in reported["source"]],
            "where": reported["place"],
            "article": [
                f"{source_link(s)}&claim={c}"
                for s, c in zip(reported["source"], reported["id"], strict=True)
            ],
            "quote": reported["quote"],
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        column_config={
            "figure": st.column_config.TextColumn("Figure", width="small"),
            "period": st.column_config.TextColumn("Date or period"),
            "deviation": st.column_config.NumberColumn(
                "Deviation", format="%+.1f%%", help="Reported ÷ official − 1"
            ),
            "verdict": st.column_config.TextColumn(
                "Verdict", help="At the figure's stated precision and qualifier (Checks page)"
            ),
            "compared": st.column_config.TextColumn("Against the official figure", width="large"),
            "source": st.column_config.TextColumn("Source"),
            "where": st.column_config.TextColumn("Where"),
            "article": st.column_config.LinkColumn(
                "In the article", display_text="show", help="The figure in its article"
            ),
            "quote": st.column_config.TextColumn("Quote", width="large"),
        },
        key="metric-table",
    )

for measure, rows in change_rows(claims, metric).items():
    st.subheader("Growth reported" if measure == "growth" else "Changes reported")
    changes = changes_figure(metric, measure, rows, data.attributions)
    st.plotly_chart(changes, key=f"metric-{measure}-chart", config=common.PLOTLY_CONFIG)
    common.chart_downloads(changes, f"metric-{metric_id}-{measure}", key=f"metric-{measure}")

if len(official):
    with st.expander(f"The official series: {len(official)} figure(s), each cited"):
        st.dataframe(
            official[["period", "value", "publisher", "title", "published", "url"]],
            hide_index=True,
            column_config={
                "value": st.column_config.NumberColumn("Value", format="localized", width=170),
                "url": st.column_config.LinkColumn("Release", display_text="open"),
            },
            key="metric-official-table",
        )
