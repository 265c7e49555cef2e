"""The fast paths of the charts give what the plain pandas versions they replaced gave.

Each reference below is the earlier, straightforward implementation, kept
here as the specification: the dashboard's rerun at 100,000 claims needed
faster code, never different figures.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from analysis.currency import CurrencyIndex, target_currencies
from analysis.filters import Codes
from analysis.format import row_figure, row_figures
from analysis.headlines import KIND_PREFERENCE, headlines, pick, places, ranking
from charts.figures import (
    BAR_LIMIT,
    HOVER_COLUMNS,
    bar_chart,
    bar_figure,
    category_counts_chart,
    category_counts_figure,
    group_sizes,
    hover_data,
    largest,
    largest_first,
    unit_groups,
)
from charts.timeseries import HOVER, KEY, Metrics, series_of, series_rows, timeseries_figure
from dataset import load_dataset
from tests.charts.synthetic import claims
from tests.conftest import DATA

SEEDS = [0, 1, 2, 3]


def reference_series_rows(
    frame: pd.DataFrame, min_sources: int = 2, max_series: int | None = None
) -> pd.DataFrame:
    """series_rows as it was: grouping and sorting DataFrames."""
    columns = [*KEY, "source", "date", "value"]
    frame = frame.loc[frame["subject"].notna() & frame["date"].notna(), columns].copy()
    if frame.empty:
        return frame.assign(series=pd.Series(dtype="object"))
    keys = frame[list(KEY)].astype("object").fillna("")
    frame["series"] = [
        f"{subject} ({entity})" if entity and entity not in subject else subject
        for subject, entity in zip(keys["subject"], keys["entity"], strict=True)
    ]
    sources = frame.groupby([keys[k] for k in KEY], sort=False)["source"].transform("nunique")
    frame = frame[(sources >= min_sources).values]
    if max_series is not None and len(frame):
        sources = sources[(sources >= min_sources).values]
        ranked = (
            pd.DataFrame({"series": frame["series"].to_numpy(), "n": sources.to_numpy()})
            .drop_duplicates("series")
            .sort_values(["n", "series"], ascending=[False, True], kind="stable")
        )
        frame = frame[frame["series"].isin(ranked["series"].head(max_series))]
    return frame.sort_values(["series", "date", "source"], kind="stable").reset_index(drop=True)


def reference_headlines(frame: pd.DataFrame, order: list[str], limit: int = 8) -> pd.DataFrame:
    """headlines as it was: sorting a narrow frame."""
    if frame.empty:
        return frame
    ranked = pd.DataFrame(
        {
            "category": frame["category"].astype("object"),
            "kind": frame["kind"].astype("object").map(KIND_PREFERENCE).fillna(9),
            "change": frame["measure"].astype("object") != "level",
            "neg": -frame["value"].astype("float64"),
        },
        index=frame.index,
    ).sort_values(["change", "kind", "neg"], kind="stable")
    first = ranked[~ranked["category"].duplicated()]
    place = {c: i for i, c in enumerate(order)}
    first = first.assign(order=first["category"].map(place).fillna(len(place)))
    return frame.loc[first.sort_values("order", kind="stable").head(limit).index]


def reference_targets(frame: pd.DataFrame) -> list[str]:
    """target_currencies as it was: a walk over the money rows."""
    money = frame[frame["kind"].astype("object") == "money"]
    found = {str(c) for c in money["currency"].dropna()}
    for equivalents in money["equivalents"]:
        if isinstance(equivalents, list):
            found.update(e["currency"] for e in equivalents)
    return sorted(found)


@pytest.fixture(scope="module")
def seed_claims() -> pd.DataFrame:
    return load_dataset(DATA).claims


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("max_series", [None, 1, 3])
@pytest.mark.parametrize("min_sources", [1, 2, 3])
def test_series_rows_as_before(seed: int, max_series: int | None, min_sources: int) -> None:
    frame = claims(400, seed)
    pd.testing.assert_frame_equal(
        series_rows(frame, min_sources, max_series),
        reference_series_rows(frame, min_sources, max_series),
    )


@pytest.mark.parametrize("rows", [0, 1, 5])
def test_series_rows_of_few_rows_as_before(rows: int) -> None:
    frame = claims(rows, 7)
    pd.testing.assert_frame_equal(series_rows(frame), reference_series_rows(frame))


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("limit", [8, 2])
@pytest.mark.parametrize("order", [["users", "economy", "events", "trade"], ["trade"], []])
def test_headlines_as_before(seed: int, limit: int, order: list[str]) -> None:
    frame = claims(300, seed)
    pd.testing.assert_frame_equal(
        headlines(frame, order, limit), reference_headlines(frame, order, limit)
    )


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


@pytest.mark.parametrize("seed", SEEDS)
def test_currency_index_as_target_currencies(seed: int) -> None:
    frame = claims(300, seed)
    index = CurrencyIndex.of(frame)
    rng = np.random.default_rng(seed)
    for mask in [np.ones(len(frame), bool), rng.random(len(frame)) < 0.1, np.zeros(300, bool)]:
        assert index.targets(mask) == reference_targets(frame[mask])
    assert target_currencies(frame) == reference_targets(frame)


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


def test_reference_series_rows_is_not_trivial() -> None:
    """The random frames do hold series, of several sizes: the comparisons mean something."""
    sizes = defaultdict(int)
    for seed in SEEDS:
        for label in reference_series_rows(claims(400, seed))["series"]:
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


MASKS = [0.0, 0.1, 0.5, 1.0]
"""Share of rows a view lets through, for the masks below."""


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("share", MASKS)
@pytest.mark.parametrize("order", [["users", "economy", "events", "trade"], ["trade"], []])
def test_headlines_of_a_view_as_of_its_rows(seed: int, share: float, order: list[str]) -> None:
    """The Overview picks from a ranking made once per load: the same cards as ranking
    the rows the filters let through."""
    frame = claims(300, seed)
    mask = np.random.default_rng(seed).random(len(frame)) < share
    codes = Codes.of(frame["category"])
    chosen = pick(ranking(frame), codes.codes, places(list(codes.values), order), mask)
    shown = frame[mask]
    pd.testing.assert_frame_equal(frame.take(chosen), reference_headlines(shown, order))


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("share", MASKS[1:])
def test_category_counts_of_a_view_as_of_its_rows(seed: int, share: float) -> None:
    """The Overview counts on the load's codes: the same chart as counting the rows."""
    ds = load_dataset(DATA)
    frame = claims(300, seed)
    mask = np.random.default_rng(seed).random(len(frame)) < share
    categories, sources = Codes.of(frame["category"]), Codes.of(frame["source"])
    attributions = {s: f"Outlet {s}, 2015-12-20" for s in frame["source"].unique()}
    from_codes = category_counts_figure(
        categories.counts(mask),
        sources.appearing(mask),
        int(mask.sum()),
        categories=ds.categories,
        attributions=attributions,
    )
    from_rows = category_counts_chart(
        frame[mask], categories=ds.categories, attributions=attributions
    )
    assert from_codes.to_plotly_json() == from_rows.to_plotly_json()


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("share", MASKS)
@pytest.mark.parametrize(("min_sources", "max_series"), [(2, None), (1, None), (2, 2), (1, 3)])
def test_series_of_a_view_as_of_its_rows(
    seed: int, share: float, min_sources: int, max_series: int | None
) -> None:
    """Explore groups the series on metric codes made once per load: the same rows as
    grouping the rows the filters let through."""
    frame = claims(400, seed)
    mask = np.random.default_rng(seed).random(len(frame)) < share
    pd.testing.assert_frame_equal(
        series_of(frame, Metrics.of(frame), mask, min_sources, max_series),
        reference_series_rows(frame[mask], min_sources, max_series),
    )


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("share", MASKS[1:])
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
