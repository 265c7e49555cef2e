"""Headline cards: one per category, money before counts before shares, largest first."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.headlines import headlines


def frame(rows: list[tuple[str, str, float, bool]]) -> pd.DataFrame:
    """Rows of (category, kind, value, is a change)."""
    data = pd.DataFrame(rows, columns=["category", "kind", "value", "change"])
    data["measure"] = data.pop("change").map({True: "change", False: "level"})
    return data


@pytest.mark.parametrize(
    ("rows", "order", "limit", "expected"),
    [
        # money beats a larger count in the same category
        ([("m", "count", 328.0, False), ("m", "money", 7.85e12, False)], ["m"], 8, [7.85e12]),
        # the largest count wins; categories follow the given order
        (
            [("b", "count", 5.0, False), ("a", "count", 1.0, False), ("a", "count", 3.0, False)],
            ["a", "b"],
            8,
            [3.0, 5.0],
        ),
        # a level beats a change, even a bigger one
        ([("e", "percent", 9.0, True), ("e", "percent", 7.0, False)], ["e"], 8, [7.0]),
        # the limit keeps the first categories
        ([("a", "count", 1.0, False), ("b", "count", 2.0, False)], ["a", "b"], 1, [1.0]),
        ([], ["a"], 8, []),
    ],
)
def test_headlines(rows, order, limit, expected) -> None:
    assert headlines(frame(rows), order, limit)["value"].tolist() == expected
