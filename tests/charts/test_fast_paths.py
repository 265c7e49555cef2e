"""The vectorised paths the pages still use give what the plain versions give.

``row_figures`` writes a column of figures at once, ``largest`` picks bars with
numpy, ``timeseries_figure`` builds traces from lists, and ``bar_figure`` draws
the bars a query picked: each is held to the straightforward version of it.
(The per-load codes and masks that let pandas answer a rerun at 100,000 claims
are gone: DuckDB answers the filters now, and ``tests/dataset/test_store_query.py``
holds its answers to the pandas functions.)
"""

from __future__ import annotations

import html
import json
from collections import defaultdict

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from analysis.currency import target_currencies
from analysis.format import row_figure, row_figures
from charts.figures import (
    BAR_LIMIT,
    HOVER_COLUMNS,
    bar_chart,
    bar_figure,
    group_sizes,
    hover_data,
    largest,
    largest_first,
    unit_groups,
)
from charts.timeseries import HOVER, series_rows, timeseries_figure
from dataset import load_dataset
from tests.charts.synthetic import claims
from tests.conftest import DATA

SEEDS = [0, 1, 2, 3]


@pytest.fixture(scope="module")
def seed_claims() -> pd.DataFrame:
    return load_dataset(DATA).claims


@pytest.mark.parametrize("seed", SEEDS)
def test_row_figures_as_row_figure(seed: int) -> None:
    frame = claims(500, seed)
    records = frame.to_dict(orient="records")
    assert row_figures(frame) == [row_figure(r) for r in records]


def test_row_figures_of_the_seed(seed_claims: pd.DataFrame) -> None:
    records = seed_claims.to_dict(orient="records")
    assert row_figures(seed_claims) == [row_figure(r) for r in records]


@pytest.mark.parametrize(
    ("values", "limit", "expected"),
    [
        ([3.0, None, 7.0, 3.0], 3, [2, 0, 3]),  # ties keep their order, missing last
        ([1.0, 2.0], 5, [1, 0]),
        ([None, None], 1, [0]),
        ([-0.0, 0.0, -1.0], 3, [0, 1, 2]),
        ([], 3, []),
    ],
)
def test_largest(values: list, limit: int, expected: list[int]) -> None:
    assert largest(pd.Series(values, dtype="float64"), limit).tolist() == expected


@pytest.mark.parametrize("seed", SEEDS)
def test_largest_as_a_stable_descending_sort(seed: int) -> None:
    values = claims(300, seed)["value"]
    order = values.reset_index(drop=True).sort_values(ascending=False, kind="stable")
    assert largest(values, 40).tolist() == list(order.index[:40])


@pytest.mark.parametrize(
    ("kinds", "currencies", "equivalents", "expected"),
    [
        (["money"], ["CNY"], [None], ["CNY"]),
        (["money"], [None], [[{"currency": "USD", "value": 1.0}]], ["USD"]),
        (["count"], [None], [[{"currency": "USD", "value": 1.0}]], []),  # money only
        (["money", "money"], ["EUR", "CNY"], [None, []], ["CNY", "EUR"]),
        ([], [], [], []),
    ],
)
def test_target_currencies(kinds, currencies, equivalents, expected) -> None:
    frame = pd.DataFrame(
        {"kind": kinds, "currency": currencies, "equivalents": equivalents}, dtype="object"
    )
    assert target_currencies(frame) == expected


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([("b", 2), ("c", 5), ("a", 2)], [("c", 5), ("a", 2), ("b", 2)]),
        ([], []),
    ],
)
def test_largest_first(counts, expected) -> None:
    assert largest_first(counts) == expected


@pytest.mark.parametrize("seed", SEEDS)
def test_largest_first_as_group_sizes(seed: int) -> None:
    frame = claims(300, seed)
    counts = unit_groups(frame).value_counts()
    assert largest_first(counts.items()) == group_sizes(frame)


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (
            {"quote": "<b>7%</b>", "source": "s", "start": 3, "end": 5},
            ["7%", "&lt;b&gt;7%&lt;/b&gt;", "Source S", "in the 1st paragraph", ""],
        ),
        (
            {"quote": None, "source": "x", "start": 0, "end": 1, "conversion": "at <1>"},
            ["7%", "", "x", "in the article", "Converted: at &lt;1&gt;"],
        ),
        (
            {"quote": "q", "source": "s", "start": 30, "end": 31, "conversion": float("nan")},
            ["7%", "q", "Source S", "in the 3rd paragraph", ""],
        ),
        (
            {"quote": "q", "source": "s", "start": 30, "end": 31, "conversion": "as stated"},
            ["7%", "q", "Source S", "in the 3rd paragraph", ""],
        ),
    ],
)
def test_hover_data(record: dict, expected: list[str]) -> None:
    texts = {"s": "Headline of it\n\nA first one.\n\nThe 7% here."}
    assert hover_data(record, "7%", {"s": "Source S"}, texts) == expected


def test_the_random_frames_hold_series() -> None:
    """The random frames do hold series, of several sizes: the comparisons mean something."""
    sizes = defaultdict(int)
    for seed in SEEDS:
        for label in series_rows(claims(400, seed))["series"]:
            sizes[label] += 1
    assert len(sizes) >= 4 and max(sizes.values()) > 10


def reference_timeseries_traces(rows: pd.DataFrame, attributions: dict[str, str]) -> list[dict]:
    """timeseries_figure's traces as they were: one DataFrame per series (groupby)."""
    traces = []
    for name, part in rows.groupby("series", sort=True):
        credit = [html.escape(attributions.get(s, s)) for s in part["source"]]
        traces.append(
            {
                "type": "scatter",
                "x": list(part["date"]),
                "y": [float(v) for v in part["value"]],
                "mode": "lines+markers",
                "name": html.escape(str(name)),
                # the third item: how many figures share the date (none said for these rows,
                # which ``thinned`` did not pick)
                "customdata": [[c, s, ""] for c, s in zip(credit, part["source"], strict=True)],
                "hovertemplate": HOVER,
            }
        )
    return traces


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("max_series", [None, 2])
def test_timeseries_traces_as_before(seed: int, max_series: int | None) -> None:
    rows = series_rows(claims(400, seed), max_series=max_series)
    attributions = {"a": "<b>A</b>, 2015", "b": "B & co"}
    fig = timeseries_figure(rows, attributions)
    expected = go.Figure({"data": reference_timeseries_traces(rows, attributions)}, _validate=False)
    # through JSON: NaN values equal there
    assert json.dumps(fig.to_plotly_json()["data"]) == json.dumps(expected.to_plotly_json()["data"])
    assert len(fig.data) > (0 if max_series is None else 1)


MASKS = [0.1, 0.5, 1.0]
"""Share of rows a view lets through."""


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("share", MASKS)
def test_bars_of_a_view_as_of_its_rows(seed: int, share: float) -> None:
    """Explore picks the bars on the load's values and copies only those rows: the same
    chart as ``bar_chart`` of the rows the filters let through."""
    ds = load_dataset(DATA)
    frame = claims(300, seed)
    mask = np.random.default_rng(seed).random(len(frame)) < share
    picked = np.flatnonzero(mask)
    columns = [c for c in HOVER_COLUMNS if c in frame.columns]
    shown = frame[columns].take(picked[largest(frame["value"].iloc[picked], BAR_LIMIT)])
    common = {"categories": ds.categories, "attributions": {}, "title": "T", "unit": "u"}
    from_picked = bar_figure(shown, len(picked), **common)
    assert from_picked.to_json() == bar_chart(frame[mask], **common).to_json()  # NaN as null
