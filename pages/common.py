"""What every page shares: the cached dataset, the sidebar filters, download buttons.

Pages stay thin: they call these helpers and the pure functions of
``charts/`` and ``dataset/``.  The dataset is cached (``st.cache_resource``;
see ``_load`` for why not ``st.cache_data``) keyed on the modification time
and size of every file under the data root, so an edit under ``data/`` shows
on the next rerun, without a restart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis import headlines
from analysis.currency import CurrencyIndex
from analysis.filters import (
    DEFAULT_STATUSES,
    Codes,
    FilterIndex,
    Filters,
    Selection,
    indexed_filters,
    options,
)
from charts import export
from charts.figures import unit_groups
from charts.timeseries import Metrics
from dataset import load_dataset
from dataset.export import to_csv, to_json
from dataset.load import (
    Models,
    _load_categories,
    _load_metrics,
    _load_references,
    gc_paused,
    settle,
    thaw,
)
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


@dataclass(frozen=True)
class Data:
    """The cached dataset: frames and problems (the pydantic models are not needed here)."""

    claims: pd.DataFrame
    sources: pd.DataFrame
    categories: pd.DataFrame
    problems: tuple[Problem, ...]
    choices: dict[str, list[str]]
    """Column -> its distinct values, for the filter widgets (computed once per load)."""
    index: FilterIndex
    """The filter columns as codes: a rerun filters without comparing strings."""
    attributions: dict[str, str]
    """Source id -> its chart attribution line (a dict per load: pages look it up often)."""
    labels: dict[str, str]
    """Category id -> its label."""
    groups: Codes
    """``unit_groups`` of the claims (the unit each is charted in), as codes."""
    currencies: CurrencyIndex
    """The currencies each claim could be shown in (``target_currencies``)."""
    ranking: np.ndarray
    """The claims' positions, best headline first (``analysis.headlines.ranking``)."""
    category_places: np.ndarray
    """Each category code's place in categories.yaml (``analysis.headlines.places``)."""
    metrics: Metrics
    """Each claim's metric as a code, for the series over time (``charts.timeseries``)."""

    @property
    def texts(self) -> dict[str, str]:
        return dict(zip(self.sources["id"], self.sources["text"], strict=True))


@st.cache_resource(show_spinner="Loading the dataset…", max_entries=2)
def _load(root: str, stamp: str) -> Data:
    """The dataset under ``root``; ``stamp`` (see data_stamp) is only the cache key.

    ``st.cache_resource``, not ``st.cache_data``: the latter unpickles a copy on
    every hit, 133 ms a rerun at 100,000 claims (bench/dashboard_bench.py).  The
    frames are shared, so nothing may modify them: pages filter and copy.
    """
    thaw()
    with gc_paused():  # the preparation allocates as much as the load (see gc_paused)
        data = _prepare(root)
    settle()  # reruns no longer walk the dataset's objects in every full collection
    return data


def _prepare(root: str) -> Data:
    """The dataset under ``root`` with what the pages look up on every rerun."""
    dataset = load_dataset(root)
    claims = dataset.claims
    # None rather than [] where nothing is stated: every cache hit unpickles this column,
    # and 100,000 empty lists cost more than everything else together.
    claims["equivalents"] = [e or None for e in claims["equivalents"]]
    choices = {column: options(claims, column) for column in ("source", "entity")}
    sources, categories = dataset.sources, dataset.categories
    index = FilterIndex.of(claims)
    return Data(
        claims,
        sources,
        categories,
        tuple(dataset.problems),
        choices,
        index=index,
        attributions=dict(zip(sources["id"], sources["attribution"], strict=True)),
        labels=dict(zip(categories["id"], categories["label"], strict=True)),
        groups=Codes.of(unit_groups(claims)),
        currencies=CurrencyIndex.of(claims),
        ranking=headlines.ranking(claims),
        category_places=headlines.places(
            list(index.columns["category"].values), list(categories["id"])
        ),
        metrics=Metrics.of(claims),
    )


def load() -> Data:
    """The dataset in use, re-read when any file under the data root changed."""
    root = data_root()
    return _load(str(root), data_stamp(root))


@st.cache_resource(show_spinner=False, max_entries=2)
def _metric_models(root: str, stamp: str) -> Models:
    """The metrics, their official series and the categories under ``root`` (``stamp``: the
    cache key, as for ``_load``).  Read apart from the claims: a few small files."""
    models = Models()
    path = Path(root)
    _load_categories(path, models)
    _load_metrics(path, models)
    _load_references(path, models)
    return models


def metric_models() -> Models:
    """``Models`` with ``metrics``, ``references`` and ``categories`` of the data in use
    (the claims are in ``load()``'s frames); their problems are listed by ``load()``."""
    root = data_root()
    return _metric_models(str(root), data_stamp(root))


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
        "statuses": ("Status", list(STATUSES), str),
    }
    for name, (label, values, fmt) in choices.items():
        key = FILTER_KEYS[name]
        default = list(DEFAULT_STATUSES) if name == "statuses" else []
        picked[name] = sidebar.multiselect(
            label,
            values,
            default=None if key in st.session_state else default,
            format_func=fmt,
            key=key,
            bind="query-params",
            placeholder="All",
        )
    sidebar.button("Clear all filters", on_click=_clear_filters, width="stretch")
    return Filters(**{name: tuple(values) for name, values in picked.items()})


def filtered(data: Data, filters: Filters) -> pd.DataFrame:
    """The claims the filters let through (``apply_filters``, through the load's index)."""
    return indexed_filters(data.claims, filters, data.index)


def select(data: Data, filters: Filters) -> Selection:
    """The claims the filters let through, without copying them yet."""
    return Selection(data.claims, data.index.mask(filters))


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
    """PNG, SVG and HTML buttons for ``fig``; images are rendered only when clicked."""
    missing = export.browser_missing()
    png, svg, page = st.columns(3)
    png.download_button(
        "PNG",
        data=lambda: export.to_png(fig),
        file_name=f"{name}.png",
        mime="image/png",
        on_click="ignore",
        key=f"{key}-png",
        icon=":material/image:",
        disabled=missing is not None,
        help=missing or "The chart as a PNG image, with its title, unit and source line",
    )
    svg.download_button(
        "SVG",
        data=lambda: export.to_svg(fig),
        file_name=f"{name}.svg",
        mime="image/svg+xml",
        on_click="ignore",
        key=f"{key}-svg",
        icon=":material/draw:",
        disabled=missing is not None,
        help=missing or "The chart as a scalable SVG image",
    )
    page.download_button(
        "HTML",
        data=lambda: export.to_html(fig).encode("utf-8"),
        file_name=f"{name}.html",
        mime="text/html",
        on_click="ignore",
        key=f"{key}-html",
        icon=":material/code:",
        help="An interactive page with plotly.js inside; works offline",
    )
    if missing:
        st.info(missing)


def data_downloads(
    claims: pd.DataFrame | Callable[[], pd.DataFrame], sources: pd.DataFrame, name: str, key: str
) -> None:
    """CSV and JSON buttons for ``claims`` (or a function giving them, called on a click only);
    formula-like cells are neutralised."""
    rows = claims if callable(claims) else lambda: claims
    csv, json = st.columns(2)
    csv.download_button(
        "CSV",
        data=lambda: to_csv(rows(), sources),
        file_name=f"{name}.csv",
        mime="text/csv",
        on_click="ignore",
        key=f"{key}-csv",
        icon=":material/table:",
        help="The filtered figures with quote, source and offsets",
    )
    json.download_button(
        "JSON",
        data=lambda: to_json(rows(), sources),
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
