"""Overview: the headline figures as cards, and how many figures each category holds."""

import streamlit as st

from charts.figures import category_counts_chart
from charts.format import compact_figure, markdown_escape, row_figure
from charts.headlines import headlines
from pages import common

RANKED = ["category", "source", "kind", "change", "value"]
"""The columns the headline ranking and the counts read: only these are copied."""

data, filters = common.current()
selection = common.select(data, filters)
claims = selection.columns(RANKED)
attributions = data.attributions

st.title("Statistics in the news")
st.caption(
    f"{len(claims):,} figures from {claims['source'].nunique():,} article(s) match the filters. "
    "Each figure below is quoted from its source; see Sources for the words around it."
)

if claims.empty:
    st.info("No figures match the filters. Use “Clear all filters” in the sidebar.")
    st.stop()

cards = data.claims.loc[headlines(claims, list(data.categories["id"])).index]
labels = data.labels
columns = st.columns(4)
for i, row in enumerate(cards.to_dict(orient="records")):
    with columns[i % 4], st.container(border=True):
        st.metric(
            markdown_escape(row["subject"] or row["unit"] or row["id"]),
            compact_figure(row),
            help=markdown_escape(f"“{row['quote']}”"),
        )
        unit = "" if row["kind"] in ("money", "percent") else f" {row['unit'] or ''}"
        st.caption(
            markdown_escape(
                f"{row_figure(row)}{unit.rstrip()} · "
                f"{labels.get(row['category'], row['category'])} · "
                f"Source: {attributions.get(row['source'], row['source'])}"
            )
        )

fig = category_counts_chart(claims, categories=data.categories, attributions=attributions)
st.plotly_chart(fig, key="overview-chart", config=common.PLOTLY_CONFIG)
common.chart_downloads(fig, "figures-per-category", key="overview")
