"""Overview: the headline figures as cards, and how many figures each category holds."""

import streamlit as st

from analysis.format import FIGURE_COLUMNS, compact_figure, markdown_escape, row_figure
from charts.figures import category_counts_figure
from pages import common

CARD_COLUMNS = ["id", "subject", "unit", "quote", "category", "source", *FIGURE_COLUMNS]
"""The columns a metric card reads: only these are copied, for eight rows."""
MIN_BARS = 2
"""The figures-per-category chart needs two categories at least: one bar compares nothing."""
MIN_FIGURES = 3
"""...and three figures: bars of one and one figure say less than the cards above them."""
CARD_WIDTH = 290
"""Pixels: room for "≈CN¥7.85 trillion" in the metric's type, three cards a row at 1,400."""

data, filters = common.current()
# the count, the articles, the figures per category and the cards: two scans in DuckDB
count, articles, counts, cards = data.query.overview(filters, CARD_COLUMNS)
attributions = data.attributions

st.title("Statistics in the news")
st.caption(
    f"{count:,} figures from {articles:,} article(s) match the filters. "
    "Each figure below is quoted from its source; see Sources for the words around it."
)

if not count:
    st.info("No figures match the filters. Use “Clear all filters” in the sidebar.")
    st.stop()

labels = data.labels
# cards of one width that wrap onto as many rows as the window needs: in four columns of
# a 1,400-pixel window, "≈¥7.85 trillion" was cut to "≈¥7.85 tril…"
deck = st.container(horizontal=True, gap="small")
for row in cards.to_dict(orient="records"):
    with deck, st.container(border=True, width=CARD_WIDTH):
        subject = row["subject"] or row["unit"] or row["id"]
        # the subject as text that wraps: a metric's own label is cut to one line
        st.markdown(f"**{markdown_escape(subject)}**", help=markdown_escape(f"“{row['quote']}”"))
        st.metric(markdown_escape(subject), compact_figure(row), label_visibility="collapsed")
        unit = "" if row["kind"] in ("money", "percent") else f" {row['unit'] or ''}"
        st.caption(
            markdown_escape(
                f"{row_figure(row)}{unit.rstrip()} · "
                f"{labels.get(row['category'], row['category'])} · "
                f"Source: {attributions.get(row['source'], row['source'])}"
            )
        )

if len(counts) < MIN_BARS or count < MIN_FIGURES:
    # one bar compares nothing: a filtered view of a category or two figures draws none
    st.caption(
        f"{count:,} figure(s) in {len(counts)} categor{'y' if len(counts) == 1 else 'ies'}: "
        "a card above shows each category's headline figure; Explore lists them all and "
        "ranks the figures of one metric or unit."
    )
    st.stop()
fig = category_counts_figure(
    counts,
    data.query.source_lines(filters),  # attribution lines already: no lookup below
    count,
    categories=data.categories,
    attributions={},
)
st.plotly_chart(fig, key="overview-chart", config=common.PLOTLY_CONFIG)
common.chart_downloads(fig, "figures-per-category", key="overview")
