"""What every page shares: the dataset's query layer, the sidebar filters, download buttons.

Pages stay thin: they call these helpers and the pure functions of
``charts/`` and ``analysis/``.  The dataset is the derived Parquet store
(``dataset/store.py``), built when the app starts and again when a file
under the data root changes (the cache is keyed on ``data_stamp``), and
queried with DuckDB (``analysis/query.py``): only the rows a page draws
become pandas frames.  Candidates from a batch extraction are shown beside
the curated claims with ``streamlit run dashboard.py -- --candidates DIR``
(or ``NEWS_STATS_CANDIDATES=DIR``), under their own status.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis import filters as filtering
from analysis.compare import Officials
from analysis.filters import DEFAULT_STATUSES, Filters, listed, not_among, resolve_link_values
from analysis.format import markdown_escape
from analysis.query import BATCH_STATUS, Attributions, ClaimQuery
from charts import export
from dataset import store
from dataset.batch_store import batch_stamp, build_batch
from dataset.export import to_csv, to_json
from dataset.frames import SOURCE_COLUMNS, categories_frame
from dataset.paths import data_root, data_stamp
from dataset.problems import Problem
from dataset.schema import KINDS, QUALIFIERS, STATUSES

FILTER_KEYS: dict[str, str] = {
    "categories": "category",
    "sources": "source",
    "entities": "entity",
    "kinds": "kind",
    "qualifiers": "qualifier",
    "statuses": "status",
}
"""Filters field -> widget key, which is also the query parameter in the URL."""

CANDIDATES_ENV = "NEWS_STATS_CANDIDATES"
"""A batch extraction's output folder to show beside the curated data (``--candidates``)."""


@dataclass(frozen=True)
class Data:
    """The dataset in use: its query layer, the small frames, and the problems."""

    query: ClaimQuery
    """Every question about the claims (counts, rankings, rows): SQL over the store."""
    sources: pd.DataFrame
    """The curated sources, with their text (a batch output's sources stay on disk)."""
    categories: pd.DataFrame
    problems: tuple[Problem, ...]
    choices: dict[str, list[str]]
    """Column -> its distinct values, for the filter widgets (computed once per load)."""
    attributions: Mapping[str, str]
    """Source id -> its chart attribution line (batch sources looked up when named)."""
    labels: dict[str, str]
    """Category id -> its label."""
    batch: bool = False
    """Whether candidates of a batch extraction are shown (under ``BATCH_STATUS``)."""
    officials: Officials = field(default_factory=Officials)
    """The metrics and their official series (``analysis.compare``), without the claims."""

    texts: Mapping[str, str] = field(default_factory=dict)
    """Source id -> its text (the curated sources'), made once a load, not once a rerun."""


def candidates_dir(argv: list[str] | None = None) -> Path | None:
    """The batch output to show: ``--candidates DIR`` after ``--``, else the setting.

    >>> candidates_dir(["dashboard.py", "--candidates", "out"])
    PosixPath('out')
    """
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--candidates")
    known, _ = parser.parse_known_args((sys.argv if argv is None else argv)[1:])
    chosen = known.candidates or os.environ.get(CANDIDATES_ENV)
    return Path(chosen) if chosen else None


@st.cache_resource(show_spinner="Loading the dataset…", max_entries=2)
def _load(root: str, stamp: str, candidates: str | None, candidates_key: str) -> Data:
    """The dataset under ``root``; ``stamp`` and ``candidates_key`` are only the cache key.

    Builds the store (only changed files are compiled) and opens DuckDB over it.
    """
    return prepare(Path(root), Path(candidates) if candidates else None)


def prepare(root: Path, candidates: Path | None = None) -> Data:
    """The store of ``root`` built, and what the pages look up on every rerun."""
    built = store.build(root)
    categories = categories_frame(built.models)
    batch = build_batch(candidates, built.folder) if candidates is not None else None
    query = ClaimQuery(built.database, list(categories["id"]), batch)
    sources = _sources(query)
    known = dict(zip(sources["id"], sources["attribution"], strict=True))
    choices = {column: query.options(column) for column in ("source", "entity")}
    return Data(
        query,
        sources,
        categories,
        tuple(built.problems),
        choices,
        attributions=Attributions(known, query),
        labels=dict(zip(categories["id"], categories["label"], strict=True)),
        texts=dict(zip(sources["id"], sources["text"], strict=True)),
        batch=candidates is not None,
        officials=Officials(built.models.metrics, built.models.references),
    )


def _sources(query: ClaimQuery) -> pd.DataFrame:
    """The store's sources as ``sources_frame`` gives them (authors as lists)."""
    frame = query.source_table().to_pandas()
    frame["authors"] = [json.loads(a) for a in frame["authors"]]
    frame["published"] = pd.to_datetime(frame["published"])
    return frame[list(SOURCE_COLUMNS)].astype(SOURCE_COLUMNS)


def load() -> Data:
    """The dataset in use, rebuilt when any file under the data root changed."""
    root = data_root()
    candidates = candidates_dir()
    return _load(
        str(root),
        data_stamp(root),
        str(candidates) if candidates else None,
        batch_stamp(candidates) if candidates else "",
    )


def _clear_filters() -> None:
    for name, key in FILTER_KEYS.items():
        st.session_state[key] = list(DEFAULT_STATUSES) if name == "statuses" else []


def sidebar_filters(data: Data) -> Filters:
    """The filter widgets in the sidebar, bound to query parameters; their current value."""
    labels = data.labels
    sidebar = st.sidebar
    sidebar.header("Filters")
    picked: dict[str, list[str]] = {}
    choices: dict[str, tuple[str, list[str], Callable[[str], str]]] = {
        "categories": ("Category", list(labels), lambda c: str(labels.get(c, c))),
        "sources": ("Source", data.choices["source"], str),
        "entities": ("Entity", data.choices["entity"], str),
        "kinds": ("Kind", list(KINDS), str),
        "qualifiers": ("Qualifier", list(QUALIFIERS), lambda q: q.replace("_", " ")),
        "statuses": (
            "Status",
            [*STATUSES, BATCH_STATUS] if data.batch else list(STATUSES),
            str,
        ),
    }
    unknown: list[str] = []
    for name, (label, values, fmt) in choices.items():
        key = FILTER_KEYS[name]
        default = list(DEFAULT_STATUSES) if name == "statuses" else []
        if key not in st.session_state and key in st.query_params:
            # the widget itself takes only a label written exactly; ids and other cases too
            found, missed = resolve_link_values(st.query_params.get_all(key), values, fmt)
            st.session_state[key] = found
            unknown += [f"{key}={value}" for value in missed]
        # past LISTED_AT_MOST values, some are listed and the others typed, checked below
        typed = name in GROWING and len(values) > filtering.LISTED_AT_MOST
        shown = values
        if typed:
            shown = listed(values, st.session_state.get(key, default), filtering.LISTED_AT_MOST)
        picked[name] = sidebar.multiselect(
            label,
            shown,
            default=None if key in st.session_state else default,
            format_func=fmt,
            key=key,
            bind="query-params",
            placeholder=f"All (type any of {len(values):,})" if typed else "All",
            accept_new_options=typed,
            select_all=not typed,  # "select all" of those listed would not be all
        )
        if typed and (missed := not_among(values, picked[name])):
            picked[name] = [v for v in picked[name] if v not in missed]
            unknown += [f"{key}={value}" for value in missed]
    if unknown:
        shown = markdown_escape(", ".join(unknown))  # the link's words: text, never Markdown
        sidebar.warning(f"Not in this dataset, so not applied: {shown}")
    sidebar.button("Clear all filters", on_click=_clear_filters, width="stretch")
    return Filters(**{name: tuple(values) for name, values in picked.items()})


def problems_panel(problems: tuple[Problem, ...]) -> None:
    """A warning listing dataset problems as ``file:line: field: message``."""
    if not problems:
        return
    with st.expander(
        f"⚠️ The dataset has {len(problems)} problem(s); everything valid is still shown",
        expanded=False,
    ):
        st.code("\n".join(str(p) for p in problems), language=None)


def chart_downloads(fig: go.Figure, name: str, key: str) -> None:
    """PNG, SVG and HTML buttons for ``fig``; images are rendered only when clicked.

    PNG and SVG need the browser Kaleido drives; without it they are shown
    disabled, saying why.  HTML carries plotly.js and needs nothing.
    """
    missing = export.browser_missing()
    formats = [
        ("PNG", lambda: export.to_png(fig), "image/png", ":material/image:", True,
         "The chart as a PNG image, with its title, unit and source line"),
        ("SVG", lambda: export.to_svg(fig), "image/svg+xml", ":material/draw:", True,
         "The chart as a scalable SVG image"),
        ("HTML", lambda: export.to_html(fig).encode("utf-8"), "text/html", ":material/code:",
         False, "An interactive page with plotly.js inside; works offline"),
    ]  # fmt: skip
    for column, (label, data, mime, icon, needs_browser, hint) in zip(
        st.columns(len(formats)), formats, strict=True
    ):
        blocked = missing if needs_browser else None
        column.download_button(
            label,
            data=data,
            file_name=f"{name}.{label.lower()}",
            mime=mime,
            on_click="ignore",
            key=f"{key}-{label.lower()}",
            icon=icon,
            disabled=blocked is not None,
            help=blocked or hint,
        )
    if missing:
        st.info(missing)


def data_downloads(
    claims: pd.DataFrame | Callable[[], pd.DataFrame],
    sources: pd.DataFrame,
    name: str,
    key: str,
    title: str,
) -> None:
    """CSV and JSON buttons for ``claims`` (or a function giving them, called on a click only);
    every row carries ``title``, its unit, currency and source; formula-like cells are
    neutralised."""
    rows = claims if callable(claims) else lambda: claims
    csv, json = st.columns(2)
    csv.download_button(
        "CSV",
        data=lambda: to_csv(rows(), sources, title),
        file_name=f"{name}.csv",
        mime="text/csv",
        on_click="ignore",
        key=f"{key}-csv",
        icon=":material/table:",
        help="The filtered figures with quote, source and offsets",
    )
    json.download_button(
        "JSON",
        data=lambda: to_json(rows(), sources, title),
        file_name=f"{name}.json",
        mime="application/json",
        on_click="ignore",
        key=f"{key}-json",
        icon=":material/data_object:",
    )


PLOTLY_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
}
"""The Plotly toolbar keeps its camera button: a browser-side PNG that needs no Chromium."""


GROWING = ("sources", "entities")
"""The filters whose values grow with the dataset (sorted, from the data): the only ones
that may list some of their values and take the others typed."""
ENTRY_FILTERS = "_filters_drawn_by_the_entry_file"
"""Session key of the filters ``dashboard.py`` drew this run (see ``entry_filters``)."""


def entry_filters(draw: bool) -> None:
    """Draw the sidebar filters in the entry file (``dashboard.py``), before the page runs.

    Streamlit 1.67 keeps a URL parameter across a page switch only when the widget
    bound to it lives on the new page's script or in the entry file: bound on a page,
    ``?category=Events`` was dropped on the way from Overview to Explore.  Drawn here
    the filters belong to the entry file, so the URL keeps them on every page.  The
    pages read the value through ``current()``; a page run on its own (a test) draws
    the filters itself.  ``draw`` is false on pages without filters (curation).
    """
    if draw:
        st.session_state[ENTRY_FILTERS] = sidebar_filters(load())
    else:
        st.session_state.pop(ENTRY_FILTERS, None)


def current() -> tuple[Data, Filters]:
    """The dataset and the sidebar filters of this run, with the problems panel drawn."""
    data = load()
    filters = st.session_state.get(ENTRY_FILTERS) or sidebar_filters(data)
    problems_panel(data.problems)
    return data, filters
