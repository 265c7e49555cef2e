"""A metric reported by several sources: rows grouped by metric, a framed line chart."""

from __future__ import annotations

import pandas as pd
import pytest

from charts.timeseries import series_rows, timeseries_figure
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
