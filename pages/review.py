"""Review: reopen any source's claims (candidates, approved, rejected) and change them.

The claims file's sha256 is remembered when it is loaded; a save whose file
changed on disk since (another tab, the command line) is refused as stale.
"""

import streamlit as st

from curation.metrics import read_metrics
from curation.suggest import suggestions
from curation.table import apply_table, counts
from curation.writes import read_claims, read_text, save_checked, source_ids
from dataset.datapackage import package_zip
from dataset.load import load_categories, load_models
from dataset.paths import data_root
from pages import curation_grid as grid

STATE = "review-snapshot"

root = data_root()
st.title("Review figures")
if flash := st.session_state.pop("review-flash", None):
    st.success(flash)

ids = source_ids(root)
if not ids:
    st.info("The dataset has no sources yet: add one on the Add article page.")
    st.stop()
source_id = st.selectbox("Article", ids, key="review-source", bind="query-params")
text = read_text(root, source_id)
if text is None:
    st.error(f"The source {source_id} has no readable text (sources/{source_id}.txt).")
    st.stop()

snap = st.session_state.get(STATE)
if snap is None or snap.source_id != source_id or st.button("Reload from disk"):
    snap = st.session_state[STATE] = read_claims(root, source_id)
if snap.problems:
    grid.show_problems(snap.problems, "The claims file has problems; fix them in the file")
    st.stop()

tally = counts(snap.claims)
st.caption(
    f"{len(snap.claims)} figure(s): {tally['approved']} approved, {tally['candidate']} "
    f"candidate(s), {tally['rejected']} rejected. Loaded file sha256 {(snap.digest or '')[:12]}."
)
categories, _ = load_categories(root)
metrics, _ = read_metrics(root)
edited = grid.claims_editor(
    snap.claims,
    text,
    [c.id for c in categories],
    key=f"review-editor-{source_id}-{(snap.digest or 'new')[:12]}",
    metrics={m.id: m.label for m in metrics.values()},
    suggested=suggestions(snap.claims, metrics),
)
grid.quotes(snap.claims, text, edited)

if st.button("Save", type="primary", key="review-save"):
    problems = save_checked(root, source_id, apply_table(snap.claims, edited), snap.digest)
    if problems:
        grid.show_problems(problems, "Not saved")
    else:
        grid.after_save()
        st.session_state[STATE] = read_claims(root, source_id)
        st.session_state["review-flash"] = "Saved. Overview and Explore show the change now."
        st.rerun()

st.divider()
st.subheader("Publish")
st.download_button(
    "Download the approved figures as a Data Package (zip)",
    data=lambda: package_zip(load_models(root)[0]),
    file_name="news-stats-datapackage.zip",
    mime="application/zip",
    on_click="ignore",
    key="review-datapackage",
    help="datapackage.json (field schemas, sources, licence note), claims.csv and sources.csv",
)
