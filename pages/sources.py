"""Sources: each article's text with every claim marked, and its claims' parsed fields."""

import streamlit as st

from analysis.format import markdown_escape, row_figure, row_figures
from charts.highlight import highlight
from pages import common

data, filters = common.current()
st.title("Sources")

present = set(data.query.sources(filters, curated=True))
ids = [s for s in data.sources["id"] if s in present] or list(data.sources["id"])
if not ids:
    st.info("The dataset has no sources yet.")
    st.stop()
source_id = st.selectbox(
    "Article",
    ids,
    format_func=lambda s: f"{data.attributions.get(s, s)} · {s}",
    key="article",
    bind="query-params",
)
source = data.sources[data.sources["id"] == source_id].iloc[0]
st.subheader(markdown_escape(source["title"]))
byline = ", ".join(source["authors"]) if len(source["authors"]) else "no byline"
st.caption(markdown_escape(f"{source['attribution']} · {byline}"))
if isinstance(source["url"], str):
    st.link_button("Original article", source["url"])

mine = data.query.of_source(filters, source_id)
colours = dict(zip(data.categories["id"], data.categories["colour"], strict=True))
spans = [
    (
        int(r["start"]),
        int(r["end"]),
        f"{r['subject']}: {row_figure(r)}",
        colours[r["category"]] + "55",
    )
    for r in mine.to_dict(orient="records")
]
st.caption(f"{len(mine)} figure(s) of this article match the filters; they are marked below.")
# highlight() escapes every piece of the article before adding <mark> tags.
st.html(highlight(str(source["text"]), spans))

st.subheader("Its figures, as parsed")
st.dataframe(
    mine[
        [
            "subject",
            "value",
            "kind",
            "unit",
            "currency",
            "qualifier",
            "low",
            "high",
            "measure",
            "metric",
            "entity",
            "period",
            "category",
            "attributed_to",
            "start",
            "end",
            "quote",
            "note",
        ]
    ].assign(figure=row_figures(mine)),
    hide_index=True,
    column_config={"value": st.column_config.NumberColumn("value", format="localized")},
    key="sources-table",
)
