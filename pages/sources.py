"""Sources: each article's text with every claim marked, and its claims' parsed fields."""

import streamlit as st

from analysis import filters as filtering
from analysis.format import markdown_escape, row_figure, row_figures
from analysis.place import paragraph_text, place_in_words
from charts.highlight import STYLE, highlight
from pages import common

EXCERPT = STYLE.replace("border: 1px solid #ddd", "border-left: 4px solid #d62728")
"""The linked figure's paragraph: the article's style, marked by a bar on its left."""

data, filters = common.current()
st.title("Sources")

# the articles of the figures let through, at most LISTED_AT_MOST of them listed (the
# others typed); ?source=<id> (the sidebar's Source filter) opens that article even when
# none of its figures passes the other filters
limit = max(filtering.LISTED_AT_MOST, 1)
present = data.query.sources(filters, limit + 1, curated=True)
wanted = [s for s in filters.sources if s in data.texts]
ids = list(dict.fromkeys([*present[:limit], *wanted])) or list(data.sources["id"][:limit])
if not ids:
    st.info("The dataset has no sources yet.")
    st.stop()
opened = st.session_state.get("article") or st.query_params.get("article")
if opened in data.texts and opened not in ids:
    ids.append(opened)  # opened earlier, or by a link, beyond those listed
elif opened and opened not in data.texts:
    st.warning(markdown_escape(f"No article {opened!r} in this dataset; showing the first."))
more = len(present) > limit
source_id = st.selectbox(
    "Article",
    ids,
    format_func=lambda s: f"{data.attributions.get(s, s)} · {s}",
    key="article",
    bind="query-params",
    accept_new_options=more,
    placeholder=f"The first {limit:,} are listed; type any article's id" if more else None,
)
if source_id not in data.texts:  # typed, and no article's id
    source_id = ids[0]
source = data.sources[data.sources["id"] == source_id].iloc[0]
st.subheader(markdown_escape(source["title"]))
byline = ", ".join(source["authors"]) if len(source["authors"]) else "no byline"
st.caption(markdown_escape(f"{source['attribution']} · {byline}"))
if isinstance(source["url"], str):
    st.link_button("Original article", source["url"])

mine = data.query.of_source(filters, source_id)
colours = dict(zip(data.categories["id"], data.categories["colour"], strict=True))
records = mine.to_dict(orient="records")
spans = [
    (
        int(r["start"]),
        int(r["end"]),
        f"{r['subject']}: {row_figure(r)}",
        colours.get(r["category"], "#7f7f7f") + "55",
        r["id"],
    )
    for r in records
]
text = str(source["text"])

# ?claim=<id> (the "show" links of Metrics and Explore): that figure in its paragraph, first
claim_id = st.query_params.get("claim")
chosen = next((r for r in records if r["id"] == claim_id), None)
if chosen is not None:
    begin, end = paragraph_text(text, int(chosen["start"]))
    st.markdown(
        markdown_escape(
            f"“{row_figure(chosen)}” ({chosen['subject'] or chosen['unit'] or ''}) is "
            f"{place_in_words(text, int(chosen['start']))}:"
        )
    )
    shifted = [(s - begin, e - begin, t, c, i) for s, e, t, c, i in spans if begin <= s < end]
    st.html(highlight(text[begin:end], [x for x in shifted if x[4] == claim_id], style=EXCERPT))
elif claim_id:
    st.caption("That link's figure is not among this article's figures that match the filters.")

st.caption(f"{len(mine)} figure(s) of this article match the filters; they are marked below.")
# highlight() escapes every piece of the article before adding <mark> tags.
st.html(highlight(text, spans))

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
    # wide enough for "1,300,000,000,000" in full (a narrow column clipped the first digit)
    column_config={"value": st.column_config.NumberColumn("value", format="localized", width=170)},
    key="sources-table",
)
