"""Candidates: figures a batch extraction found in a corpus, not reviewed, and promotion.

Shown when the dashboard runs with ``-- --candidates DIR`` (or
``NEWS_STATS_CANDIDATES=DIR``): the rows come from DuckDB over the batch's
Parquet, never the whole output into memory.  Promoting one writes it into the
curated YAML (``curation/promote.py``) through the safe write path.
"""

import dataclasses

import streamlit as st

from analysis.format import row_figures
from analysis.query import BATCH_STATUS
from curation.promote import PROMOTED_STATUSES, promote
from dataset.paths import data_root
from pages import common

TABLE_ROWS = 500

data, filters = common.current()
st.title("Candidates from a batch extraction")
folder = common.candidates_dir()
if not data.batch or folder is None:
    st.info(
        "No batch output is open. Run `python -m extractors batch CORPUS --out DIR`, then "
        "`streamlit run dashboard.py -- --candidates DIR` (or set NEWS_STATS_CANDIDATES=DIR)."
    )
    st.stop()
if flash := st.session_state.pop("candidates-flash", None):
    st.success(flash)

unreviewed = dataclasses.replace(filters, statuses=(BATCH_STATUS,))
count = data.query.count(unreviewed)
st.warning(
    f"{count:,} figures found by the extractors in {folder}, **not reviewed by anyone**. "
    "The other filters of the sidebar apply; the status filter does not."
)
rows = data.query.rows(unreviewed, TABLE_ROWS)
st.dataframe(
    {
        "status": [BATCH_STATUS] * len(rows),
        "id": rows["id"],
        "figure": row_figures(rows),
        "unit": rows["unit"],
        "subject": rows["subject"],
        "source": [data.attributions.get(s, s) for s in rows["source"]],
        "quote": rows["quote"],
    },
    hide_index=True,
    key="candidates-table",
)
if count > TABLE_ROWS:
    st.caption(f"The first {TABLE_ROWS:,} of {count:,}; narrow them with the sidebar filters.")

st.subheader("Promote a candidate into the dataset")
picked = st.selectbox("Candidate", list(rows["id"]), key="promote-id", index=None)
status = st.radio("As", PROMOTED_STATUSES, horizontal=True, key="promote-status")
if st.button("Promote", disabled=picked is None, key="promote"):
    source, problems = promote(data_root(), folder, picked, status)
    if problems:
        st.error("Not written:")
        st.code("\n".join(str(p) for p in problems), language=None)
    else:
        st.session_state["candidates-flash"] = f"{picked} written to {source} as {status}."
        st.rerun()
