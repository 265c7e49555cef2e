"""Money in one currency through the conversions the texts state, and nothing else."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.currency import convert_money, stated_rates


def frame(rows: list[tuple[str, float, list[tuple[float, str]]]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "kind": ["money"] * len(rows),
            "currency": [r[0] for r in rows],
            "value": [r[1] for r in rows],
            "low": [None] * len(rows),
            "high": [None] * len(rows),
            "equivalents": [
                [{"value": v, "currency": c, "span": None} for v, c in r[2]] for r in rows
            ],
        }
    )


@pytest.mark.parametrize(
    ("rows", "target", "values", "left_out"),
    [
        # stated equivalent used as is
        ([("CNY", 2.95e12, [(455e9, "USD")])], "USD", [455e9], 0),
        # a second CNY figure converted at the rate the first one states
        (
            [("CNY", 2.95e12, [(455e9, "USD")]), ("CNY", 7.85e12, [])],
            "USD",
            [455e9, 7.85e12 * 455e9 / 2.95e12],
            0,
        ),
        # already in the target currency
        ([("USD", 5e9, [])], "USD", [5e9], 0),
        # no stated conversion to GBP anywhere: left out, not guessed
        ([("CNY", 1e9, [(1.5e8, "USD")])], "GBP", [], 1),
        # the inverse of a stated rate
        ([("CNY", 6.5e9, [(1e9, "USD")]), ("USD", 2e9, [])], "CNY", [6.5e9, 13e9], 0),
    ],
)
def test_convert_money(rows: list, target: str, values: list[float], left_out: int) -> None:
    converted, left = convert_money(frame(rows), target)
    assert converted["value"].tolist() == pytest.approx(values)
    assert set(converted["currency"]) <= {target}
    assert len(left) == left_out
    assert all(converted["conversion"])


def test_stated_rates_take_the_median() -> None:
    rates = stated_rates(
        frame(
            [("CNY", 6.0, [(1.0, "USD")]), ("CNY", 6.5, [(1.0, "USD")]), ("CNY", 9, [(1, "USD")])]
        )
    )
    assert rates[("USD", "CNY")] == pytest.approx(6.5)
