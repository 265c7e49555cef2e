"""A metric reported by several sources: rows grouped by metric, a framed line chart."""

from __future__ import annotations

import pandas as pd
import pytest

from charts.timeseries import series_rows, thinned, timeseries_figure
from tests.charts.test_figures import assert_plotly_white


def frame(rows: list[tuple[str, str, str, str, float]]) -> pd.DataFrame:
    """(subject, entity, source, date, value) rows in one unit."""
    data = pd.DataFrame(rows, columns=["subject", "entity", "source", "date", "value"])
    return data.assign(unit="users", currency=None)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (  # two sources: a series
            [("Users", "China", "a", "2015", 670e6), ("Users", "China", "b", "2012", 538e6)],
            [("Users (China)", "2012"), ("Users (China)", "2015")],
        ),
        (  # one source twice: not a series of several sources
            [("Users", "China", "a", "2015", 670e6), ("Users", "China", "a", "2012", 538e6)],
            [],
        ),
        (  # different entities never join
            [("Users", "China", "a", "2015", 670e6), ("Users", "India", "b", "2015", 500e6)],
            [],
        ),
    ],
)
def test_series_rows(rows, expected) -> None:
    got = series_rows(frame(rows))
    assert list(zip(got["series"], got["date"], strict=True)) == expected


def test_timeseries_figure_is_framed() -> None:
    rows = series_rows(
        frame([("Users", "China", "a", "2015", 670e6), ("Users", "China", "b", "2012", 538e6)])
    )
    fig = timeseries_figure(rows, {"a": "China Daily, 2015-12-20", "b": "<b>Xinhua</b>, 2012"})
    assert_plotly_white(fig)
    assert fig.layout.yaxis.title.text == "users"
    source = fig.layout.annotations[0].text
    assert source.startswith("Sources: ") and "China Daily, 2015-12-20" in source
    assert "<b>" not in source
    assert [list(t.y) for t in fig.data] == [[538e6, 670e6]]


def test_max_series_keeps_the_metrics_with_most_sources() -> None:
    rows = frame(
        [
            ("A", "X", "a", "2015", 1.0),
            ("A", "X", "b", "2016", 2.0),
            ("A", "X", "c", "2017", 3.0),
            ("B", "X", "a", "2015", 1.0),
            ("B", "X", "b", "2016", 2.0),
        ]
    )
    assert set(series_rows(rows, max_series=1)["series"]) == {"A (X)"}
    assert set(series_rows(rows)["series"]) == {"A (X)", "B (X)"}


def reports(values_by_date: dict[str, list[float]]) -> pd.DataFrame:
    """One metric's figures as ``series_rows`` gives them: by date, each from its own source."""
    rows = [
        {"series": "Users (China)", "date": date, "source": f"s{date}-{i}", "value": value}
        for date, values in sorted(values_by_date.items())
        for i, value in enumerate(values)
    ]
    return pd.DataFrame(rows, columns=["series", "date", "source", "value"])


@pytest.mark.parametrize(
    ("values_by_date", "dates", "expected"),
    [
        (  # three or fewer a date: every figure drawn
            {"2014": [5.0, 6.0], "2015": [7.0, 1.0, 9.0]},
            60,
            [("2014", 5.0, 2), ("2014", 6.0, 2), ("2015", 7.0, 3), ("2015", 1.0, 3),
             ("2015", 9.0, 3)],
        ),
        (  # six a date: the lowest, the middle (lower of the two) and the highest
            {"2015": [8.0, 2.0, 6.0, 4.0, 10.0, 12.0]},
            60,
            [("2015", 2.0, 6), ("2015", 6.0, 6), ("2015", 12.0, 6)],
        ),
        (  # more dates than drawn: the newest
            {"2013": [1.0], "2014": [2.0], "2015": [3.0]},
            2,
            [("2014", 2.0, 1), ("2015", 3.0, 1)],
        ),
        (  # a figure without a value is neither drawn nor counted
            {"2015": [float("nan"), 3.0, 1.0, 2.0, 4.0]},
            60,
            [("2015", 1.0, 4), ("2015", 2.0, 4), ("2015", 4.0, 4)],
        ),
    ],
)  # fmt: skip
def test_thinned_draws_three_figures_a_date(values_by_date, dates, expected) -> None:
    rows = reports(values_by_date)
    got = thinned(rows, dates=dates)
    assert list(zip(got["date"], got["value"], got["reported"], strict=True)) == expected
    assert set(got["figures"]) == {int(rows["value"].notna().sum())}
    assert set(got["source"]) <= set(rows["source"])  # real figures, each with its source


def test_the_hover_says_how_many_figures_share_the_date() -> None:
    drawn = thinned(reports({"2015": [8.0, 2.0, 6.0, 4.0, 10.0]}))
    fig = timeseries_figure(drawn, {})
    assert [row[2] for row in fig.data[0].customdata] == [
        "<br>One of 5 figures for this date: the lowest, middle and highest are drawn"
    ] * 3
