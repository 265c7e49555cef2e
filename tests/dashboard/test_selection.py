"""Filtering through the load's codes lets through exactly what ``apply_filters`` does.

The pages filter with ``FilterIndex`` (codes made once per load) and copy
only the rows and columns they show; these tables hold them to the plain
``isin`` of ``apply_filters``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.filters import Codes, FilterIndex, Filters, apply_filters, indexed_filters
from charts.figures import unit_groups
from tests.charts.synthetic import claims

FILTERS = [
    Filters(),
    Filters(statuses=()),
    Filters(categories=("users",)),
    Filters(categories=("users", "trade"), statuses=("approved", "candidate")),
    Filters(categories=("nope",)),
    Filters(sources=("a", "c"), kinds=("money",)),
    Filters(entities=("China",), qualifiers=("exact", "more_than")),
    Filters(entities=("India", "China"), statuses=()),
    Filters(kinds=("count", "percent"), qualifiers=("range",), statuses=("rejected",)),
]


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("filters", FILTERS)
def test_indexed_filters_as_apply_filters(seed: int, filters: Filters) -> None:
    frame = claims(500, seed)
    got = indexed_filters(frame, filters, FilterIndex.of(frame))
    pd.testing.assert_frame_equal(got, apply_filters(frame, filters))


@pytest.mark.parametrize(
    ("values", "wanted", "expected"),
    [
        (["a", None, "b", "a"], ["a"], [True, False, False, True]),
        (["a", None, "b", "a"], ["z"], [False, False, False, False]),
        (["a", None, "b", "a"], [], [False, False, False, False]),
        ([None, None], ["a"], [False, False]),
        ([], ["a"], []),
    ],
)
def test_codes_where(values: list, wanted: list, expected: list[bool]) -> None:
    assert Codes.of(pd.Series(values, dtype="object")).where(wanted).tolist() == expected


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_codes_count_as_value_counts(seed: int) -> None:
    frame = claims(500, seed)
    groups = unit_groups(frame)
    mask = np.random.default_rng(seed).random(len(frame)) < 0.3
    counts = Codes.of(groups).counts(mask)
    assert counts == groups[mask].value_counts().to_dict()
