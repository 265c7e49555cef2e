"""Explore: one chart per unit (never two units on an axis), the table, and downloads."""

import pandas as pd
import streamlit as st

from analysis.currency import convert_money
from analysis.format import row_figures
from charts.figures import (
    BAR_LIMIT,
    HOVER_COLUMNS,
    bar_figure,
    bars_of,
    largest_first,
    unit_groups,
)
from charts.timeseries import series_rows, source_link, timeseries_figure
from pages import common

TABLE_ROWS = 500  # rows shown in the table; the CSV and JSON downloads hold all
SERIES_SHOWN = 8  # metrics with the most sources drawn over time

AS_STATED = "as stated"


def plain(column: pd.Series) -> list:
    """The values as Python objects, None where missing: looked up in dicts, a list
    comprehension costs a tenth of ``Series.map`` on Arrow strings."""
    return column.to_numpy(dtype=object, na_value=None).tolist()


CHART_COLUMNS = [c for c in HOVER_COLUMNS if c != "conversion"]
"""The columns a bar reads (no ``conversion``: money as stated)."""


data, filters = common.current()
query = data.query
count_all = query.count(filters)
st.title("Explore the figures")

if not count_all:
    st.info("No figures match the filters. Use “Clear all filters” in the sidebar.")
    st.stop()

controls = st.columns([2, 2, 1])
currency = controls[1].selectbox(
    "Money in",
    [AS_STATED, *query.currencies(filters)],  # target_currencies
    key="currency",
    bind="query-params",
    help="Convert money through the conversions the articles state (no outside rates)",
)
log = controls[2].toggle("Log scale", key="log", bind="query-params")

left_out = pd.DataFrame()
if currency == AS_STATED:
    # unit groups counted in SQL: the filtered claims are not copied
    sizes = query.unit_sizes(filters)
else:
    # only the money claims are copied and converted; the other groups are counted in SQL
    converted, left_out = convert_money(query.rows(filters, extra="kind = 'money'"), currency)
    groups = unit_groups(converted)
    counts = dict(query.unit_sizes(filters, extra="kind <> 'money'"))
    for group, n in groups.value_counts().items():
        counts[group] = counts.get(group, 0) + int(n)
    sizes = largest_first(counts.items())
unit = controls[0].selectbox(
    "Unit",
    [g for g, _ in sizes],
    key="unit",
    bind="query-params",
    help="Each chart shows one unit, never two on an axis: "
    + "; ".join(f"{g}: {n:,}" for g, n in sizes[:12]),
)
if currency == AS_STATED:
    # the bars and the series picked in SQL: only their rows become frames
    bars, count = query.largest(filters, unit, CHART_COLUMNS, BAR_LIMIT)
    over_time = query.series(filters, unit, max_series=SERIES_SHOWN)
else:
    others = query.rows(filters, extra="kind <> 'money' AND unit_group = ?", params=[unit])
    rows = pd.concat([others, converted[groups == unit]])
    count = len(rows)
    bars = bars_of(rows)
    over_time = series_rows(rows, max_series=SERIES_SHOWN)
unit_label = unit
if currency != AS_STATED and unit == currency:
    unit_label = f"{currency}, converted at the rates stated in the articles"
fig = bar_figure(
    bars,
    count,
    categories=data.categories,
    attributions=data.attributions,
    title=f"{unit.capitalize() if unit.islower() else unit}: figures reported in the news",
    unit=unit_label,
    log=log,
)
st.plotly_chart(fig, key="explore-chart", config=common.PLOTLY_CONFIG)
if len(left_out):
    st.caption(
        f"{len(left_out)} money figure(s) left out: no conversion to {currency} is stated for them."
    )
common.chart_downloads(fig, f"figures-{unit}".replace(" ", "-").lower(), key="explore")

# The same metric from several sources (same subject and entity), as a line over time.
if len(over_time):
    st.subheader("Reported by several sources, over time")
    over_time_fig = timeseries_figure(over_time, data.attributions)
    st.plotly_chart(over_time_fig, key="explore-timeseries", config=common.PLOTLY_CONFIG)
    common.chart_downloads(over_time_fig, "figures-over-time", key="explore-timeseries")
    st.dataframe(
        pd.DataFrame(
            {
                "metric": over_time["series"],
                "date": over_time["date"],
                "value": over_time["value"],
                "source": [data.attributions.get(s) for s in plain(over_time["source"])],
                "article": [source_link(s) for s in plain(over_time["source"])],
            }
        ),
        column_config={"article": st.column_config.LinkColumn("Article", display_text="open")},
        hide_index=True,
        key="explore-timeseries-table",
    )

st.subheader("The filtered figures")
labels = data.labels
table = query.rows(filters, TABLE_ROWS)
st.dataframe(
    pd.DataFrame(
        {
            "subject": table["subject"],
            "figure": row_figures(table),
            "value": table["value"],
            "unit": table["unit"],
            "qualifier": [q and q.replace("_", " ") for q in plain(table["qualifier"])],
            "category": [labels.get(c) for c in plain(table["category"])],
            "source": [data.attributions.get(s) for s in plain(table["source"])],
            "period": table["period"],
            "quote": table["quote"],
            "start": table["start"],
            "end": table["end"],
        }
    ),
    hide_index=True,
    column_config={
        "figure": st.column_config.TextColumn("Figure", help="As a reader would say it"),
        "value": st.column_config.NumberColumn("Value", format="localized"),
        "start": st.column_config.NumberColumn("Start", help="Offset of the figure in the text"),
        "end": st.column_config.NumberColumn("End"),
        "quote": st.column_config.TextColumn("Quote", width="large"),
    },
    key="explore-table",
)
if count_all > TABLE_ROWS:
    st.caption(f"The first {TABLE_ROWS:,} of {count_all:,} figures; the downloads hold all.")
common.data_downloads(lambda: query.rows(filters), data.sources, "figures", key="explore")
