"""Add an article: paste or upload it, extract candidates, review them, save.

Nothing is written until Save, and Save validates every row first; the
article is stored byte for byte as given (for HTML: the extracted text).
"""

import datetime as dt

import streamlit as st
from pydantic import ValidationError

from analysis.format import markdown_escape
from curation.article import MAX_BYTES, decode_article
from curation.metrics import read_metrics
from curation.suggest import suggestions
from curation.table import apply_table, counts
from curation.writes import add_source, source_id_for
from dataset.load import load_categories
from dataset.paths import data_root
from dataset.problems import Problem
from dataset.schema import Claim, Source
from dataset.validate import field_name, validation_problems
from extractors import extract
from pages import curation_grid as grid

STATE = "add-claims"  # (text, claims) of the last extraction
META = {"title": "add-title", "publisher": "add-publisher", "authors": "add-authors",
        "published": "add-published", "url": "add-url"}  # fmt: skip
FLASH = "add-flash"  # the last save's message, shown on the cleared form
EDITOR_KEYS = ("add-editor", "add-editor-approve", "add-editor-reject")
UPLOADS = "add-uploads"  # bumped to give a fresh (empty) file uploader after a save

root = data_root()
st.title("Add an article")
if flash := st.session_state.pop(FLASH, None):
    # Saved: start again from an empty form (before any widget of it is drawn).
    # Set, not dropped: the browser keeps a dropped widget's old value and sends it back.
    for name in (*META.values(), "add-text"):
        st.session_state[name] = None if name == META["published"] else ""
    for name in ("add-file-seen", STATE, *EDITOR_KEYS):
        st.session_state.pop(name, None)
    st.session_state[UPLOADS] = st.session_state.get(UPLOADS, 0) + 1
    st.success(flash)
st.caption("Paste the text, or upload a .txt or .html file (5 MB at most).")

pasted, uploaded = st.tabs(["Paste text", "Upload a file"])
text_in = pasted.text_area("Article text", key="add-text", height=220)
upload = uploaded.file_uploader(
    "A .txt or .html file",
    type=["txt", "html", "htm"],
    key=f"add-file-{st.session_state.get(UPLOADS, 0)}",
)

text, why = text_in, None
if upload is not None:
    raw = upload.getvalue()
    article, why = decode_article(raw, upload.name)
    if article is not None:
        text = article.text
        # Prefill the form once per file from the page's metadata (the person may correct it).
        if st.session_state.get("add-file-seen") != upload.file_id:
            st.session_state["add-file-seen"] = upload.file_id
            filled = {
                "title": article.title,
                "publisher": article.publisher,
                "authors": "; ".join(article.authors),
                "published": article.published,
                "url": article.url,
            }
            for name, value in filled.items():
                if value:
                    st.session_state[META[name]] = value
elif len(text_in.encode("utf-8")) > MAX_BYTES:
    why = f"The text is {len(text_in.encode('utf-8')) / 1e6:.1f} MB, over the 5 MB limit."
if why:
    st.error(markdown_escape(why))  # the file's name is the uploader's text
    text = ""

with st.container(border=True):
    cols = st.columns(2)
    title = cols[0].text_input("Title", key=META["title"])
    publisher = cols[1].text_input("Publisher", key=META["publisher"])
    authors = cols[0].text_input("Authors (separated by ';')", key=META["authors"])
    # value=None only on first draw: a value set from the file's metadata must not be overridden.
    first = {} if META["published"] in st.session_state else {"value": None}
    published = cols[1].date_input(
        "Published", key=META["published"], min_value=dt.date(1900, 1, 1), **first
    )
    url = st.text_input("URL (optional)", key=META["url"])
    extract_clicked = st.button(
        "Extract", type="primary", disabled=not text.strip(), key="add-extract"
    )

categories, _ = load_categories(root)
category_ids = [c.id for c in categories]
metrics, _ = read_metrics(root)
if extract_clicked:
    found = extract(text, source_id="new", published=published, categories=categories)
    st.session_state[STATE] = (text, found)
    for name in EDITOR_KEYS:  # edits of an earlier extraction do not apply
        st.session_state.pop(name, None)

if STATE not in st.session_state:
    st.info("Fill in the article and press Extract to see its candidate figures.")
    st.stop()
extracted, claims = st.session_state[STATE]
claims: list[Claim]
if text and extracted != text:
    st.warning("The article text changed since Extract: press Extract again to use it.")
text = extracted
st.subheader(f"{len(claims)} candidate figure(s)")
st.caption(
    "Set Status to approved or rejected, correct any field, then Save. "
    "Candidates left as they are are saved too, to review later."
)
edited = grid.claims_editor(
    claims, text, category_ids, key="add-editor", metrics={m.id: m.label for m in metrics.values()},
    suggested=suggestions(claims, metrics),
)  # fmt: skip
grid.quotes(claims, text, edited)

if st.button("Save", type="primary", key="add-save"):
    problems: list[Problem] = []
    missing = [n for n, v in (("title", title), ("publisher", publisher), ("published", published))
               if not v]  # fmt: skip
    problems += [Problem("form", 1, n, "required") for n in missing]
    source = None
    if not missing:
        try:
            source = Source(
                id=source_id_for(publisher, published, title) or "article",
                title=title,
                publisher=publisher,
                authors=[a.strip() for a in authors.split(";") if a.strip()],
                published=published,
                url=url.strip() or None,
            )
        except ValidationError as err:
            problems += [
                Problem("form", 1, field_name(loc), message)
                for loc, message in validation_problems(err)
            ]
    if source is not None and not problems:
        rows = [{**r, "id": r["id"].replace("new-", "", 1)} for r in apply_table(claims, edited)]
        rows = [{**r, "id": f"{source.id}-{r['id']}", "source": source.id} for r in rows]
        ident, problems = add_source(root, source, text, rows)
    if problems:
        grid.show_problems(problems, "Not saved")
    else:
        grid.after_save()
        tally = counts([Claim.model_validate(r) for r in rows])
        st.session_state[FLASH] = (
            f"Saved as {ident}: {tally['approved']} approved, {tally['rejected']} rejected, "
            f"{tally['candidate']} left as candidates. The approved figures are in Overview "
            "and Explore now; open Review to change them later."
        )
        st.rerun()
