"""Explore: ranks the figures of one metric, or of one kind of figure in one unit; the table."""

import pandas as pd
import streamlit as st

from analysis.currency import ECB_NOTE, convert_money
from analysis.format import row_figures
from analysis.place import place_in_words
from charts.figures import (
    BAR_LIMIT,
    HOVER_COLUMNS,
    METRIC_PREFIX,
    bar_figure,
    bars_of,
    group_label,
    group_order,
    group_unit,
    in_currency,
    log_allowed,
    unit_groups,
)
from charts.timeseries import (
    DATES_SHOWN,
    series_rows,
    source_link,
    thinned,
    timeseries_figure,
)
from pages import common

TABLE_ROWS = 200  # rows shown in the table (a table a person reads); the downloads hold all
SERIES_SHOWN = 8  # metrics with the most sources drawn over time

AS_STATED = "as stated"


def plain(column: pd.Series) -> list:
    """The values as Python objects, None where missing: looked up in dicts, a list
    comprehension costs a tenth of ``Series.map`` on Arrow strings."""
    return column.to_numpy(dtype=object, na_value=None).tolist()


def keep_unit() -> None:
    """ "Money in" changed: stay on the same figures, now in the new currency."""
    target, unit = st.session_state.get("currency"), st.session_state.get("unit")
    if target and target != AS_STATED and isinstance(unit, str):
        st.session_state["unit"] = in_currency(unit, target)


CHART_COLUMNS = [c for c in HOVER_COLUMNS if c != "conversion"]
"""The columns a bar reads (no ``conversion``: money as stated)."""


data, filters = common.current()
query = data.query
count_all = sum(n for _, n in query.unit_sizes(filters))  # with the currencies: one scan
metrics = data.officials.metrics
metric_labels = {m.id: m.label for m in metrics.values()}
texts = data.texts
st.title("Explore the figures")

if not count_all:
    st.info("No figures match the filters. Use “Clear all filters” in the sidebar.")
    st.stop()

controls = st.columns([3, 2])
currency = controls[1].selectbox(
    "Money in",
    [AS_STATED, *query.currencies(filters)],  # target_currencies
    key="currency",
    bind="query-params",
    on_change=keep_unit,
    help="Each figure at its own article's stated conversion where it gives one, "
    "else at the European Central Bank's reference rate of the figure's date",
)

left_out = pd.DataFrame()
if currency == AS_STATED:
    # unit groups counted in SQL: the filtered claims are not copied
    sizes = group_order(query.unit_sizes(filters))
else:
    # only the money claims are copied and converted; the other groups are counted in SQL
    converted, left_out = convert_money(query.rows(filters, extra="kind = 'money'"), currency)
    groups = unit_groups(converted)
    counts = dict(query.unit_sizes(filters, extra="kind <> 'money'"))
    for group, n in groups.value_counts().items():
        counts[group] = counts.get(group, 0) + int(n)
    sizes = group_order(counts.items())
unit = controls[0].selectbox(
    "Figures of",
    [g for g, _ in sizes],
    format_func=lambda g: group_label(g, metric_labels),
    key="unit",
    bind="query-params",
    help="One metric, or one kind of figure in one unit: levels, changes and growth "
    "never share a chart. "
    + "; ".join(f"{group_label(g, metric_labels)}: {n:,}" for g, n in sizes[:12]),
)
if currency == AS_STATED:
    # the bars and the series picked in SQL: only their rows become frames
    bars, count = query.largest(filters, unit, CHART_COLUMNS, BAR_LIMIT, dict(sizes).get(unit))
    over_time = query.series(filters, unit, max_series=SERIES_SHOWN, dates=DATES_SHOWN)
else:
    others = query.rows(filters, extra="kind <> 'money' AND unit_group = ?", params=[unit])
    rows = pd.concat([others, converted[groups == unit]])
    count = len(rows)
    bars = bars_of(rows)
    over_time = thinned(series_rows(rows, max_series=SERIES_SHOWN))
unit_label = group_unit(unit, metrics)
notes = bars["conversion"].fillna("") if "conversion" in bars else pd.Series([], dtype=object)
converted_here = currency != AS_STATED and not notes.isin(["", "as stated"]).all()
if converted_here:
    unit_label += ", converted (hover: the rate and date of each figure)"
label = group_label(unit, metric_labels)
fig = bar_figure(
    bars,
    count,
    categories=data.categories,
    attributions=data.attributions,
    title=f"{label[:1].upper()}{label[1:]}: figures reported in the news",
    unit=unit_label,
    texts=texts,
    note=ECB_NOTE if converted_here else "",
)
st.plotly_chart(fig, key="explore-chart", config=common.PLOTLY_CONFIG)
if len(left_out):
    st.caption(
        f"{len(left_out)} money figure(s) left out: no stated conversion to {currency}, "
        "and no ECB reference rate for their currency."
    )
common.chart_downloads(fig, f"figures-{unit}".replace(" ", "-").lower(), key="explore")

metric_id = unit[len(METRIC_PREFIX) :].split("|")[0] if unit.startswith(METRIC_PREFIX) else None
if metric_id in metrics:
    st.markdown(f"[See this metric beside its official series](./?metric={metric_id})")

# The same figure from several sources, over time: joined by a line only for a metric's
# levels at a date (stock, share); anything else as points, never joined across periods.
if len(over_time):
    st.subheader("Reported by several sources, over time")
    drawn, every = len(over_time), int(over_time.drop_duplicates("series")["figures"].sum())
    if drawn < every:  # many sources a date: three of their figures each, said plainly
        st.caption(
            f"Drawn: {drawn:,} of {every:,} figures. Where more than three figures of a metric "
            "share a date, the chart draws the lowest, the middle one and the highest, so "
            "the spread stays in view and every point is a figure with its source (hover: "
            f"how many that date has); the newest {DATES_SHOWN} dates of each metric are "
            "drawn. The table lists the drawn figures; the downloads of the filtered "
            "figures below hold them all."
        )
    metric = metrics.get(metric_id) if metric_id else None
    lines = bool(metric and metric.measure_type != "flow" and unit.split("|")[1] == "level")
    log = False
    if log_allowed(over_time["value"]):
        log = st.toggle(
            "Log scale",
            key="log",
            bind="query-params",
            help="Offered because every value is positive and they span more than "
            "two orders of magnitude; the axis title says when it is on",
        )
    over_time_fig = timeseries_figure(over_time, data.attributions, lines=lines, log=log)
    st.plotly_chart(over_time_fig, key="explore-timeseries", config=common.PLOTLY_CONFIG)
    common.chart_downloads(over_time_fig, "figures-over-time", key="explore-timeseries")
    st.dataframe(
        pd.DataFrame(
            {
                "metric": over_time["series"],
                "date": over_time["date"],
                "value": over_time["value"],
                "figures that date": over_time["reported"],
                "source": [data.attributions.get(s) for s in plain(over_time["source"])],
                "article": [source_link(s) for s in plain(over_time["source"])],
            }
        ),
        column_config={
            "value": st.column_config.NumberColumn("Value", format="localized", width="medium"),
            "article": st.column_config.LinkColumn("Article", display_text="open"),
        },
        hide_index=True,
        key="explore-timeseries-table",
    )

st.subheader("The filtered figures")
labels = data.labels
table = query.rows(filters, TABLE_ROWS)
sources = plain(table["source"])
st.dataframe(
    pd.DataFrame(
        {
            "subject": table["subject"],
            "figure": row_figures(table),
            "value": table["value"],
            "unit": table["unit"],
            "measure": table["measure"],
            "qualifier": [q and q.replace("_", " ") for q in plain(table["qualifier"])],
            "category": [labels.get(c) for c in plain(table["category"])],
            "source": [data.attributions.get(s) for s in sources],
            "where": [
                place_in_words(texts.get(s), start)
                for s, start in zip(sources, plain(table["start"]), strict=True)
            ],
            "article": [
                f"{source_link(s)}&claim={c}"
                for s, c in zip(sources, plain(table["id"]), strict=True)
            ],
            "period": table["period"],
            "quote": table["quote"],
            "start": table["start"],
            "end": table["end"],
        }
    ),
    hide_index=True,
    column_config={
        "figure": st.column_config.TextColumn("Figure", help="As a reader would say it"),
        # wide enough for "1,300,000,000,000" in full: a narrow column clipped the first digit
        "value": st.column_config.NumberColumn("Value", format="localized", width=170),
        "where": st.column_config.TextColumn("Where", help="Where the figure is in the article"),
        "article": st.column_config.LinkColumn(
            "In the article", display_text="show", help="The article, with this figure marked"
        ),
        "start": st.column_config.NumberColumn("Start", help="Offset of the figure in the text"),
        "end": st.column_config.NumberColumn("End"),
        "quote": st.column_config.TextColumn("Quote", width="large"),
    },
    key="explore-table",
)
if count_all > TABLE_ROWS:
    st.caption(f"The first {TABLE_ROWS:,} of {count_all:,} figures; the downloads hold all.")
common.data_downloads(
    lambda: query.rows(filters),
    data.sources,
    "figures",
    key="explore",
    title=f"Figures reported in the news, as filtered on Explore ({count_all:,} figures)",
)
