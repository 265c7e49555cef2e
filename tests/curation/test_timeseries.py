"""One metric from several sources becomes a time series, each point carrying its source."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from charts.timeseries import series_rows, source_link, timeseries_figure
from curation.writes import add_source
from dataset import load_dataset
from dataset.paths import ENV_VAR
from dataset.schema import Claim, Source
from tests.conftest import ROOT, SEED_ID


def frame(*rows: tuple) -> pd.DataFrame:
    columns = ["subject", "entity", "unit", "currency", "source", "date", "value"]
    return pd.DataFrame(rows, columns=columns)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ((("U", "China", "users", None, "a", "2015", 1.0),
          ("U", "China", "users", None, "b", "2012", 2.0)), [("b", "2012"), ("a", "2015")]),
        ((("U", "China", "users", None, "a", "2015", 1.0),
          ("U", "China", "users", None, "a", "2012", 2.0)), []),
        ((("U", "China", "users", None, "a", "2015", 1.0),
          ("U", "India", "users", None, "b", "2012", 2.0)), []),
        ((("R", "X", None, "CNY", "a", "2015", 1.0),
          ("R", "X", None, "USD", "b", "2012", 2.0)), []),
        ((("U", "China", "users", None, "a", None, 1.0),
          ("U", "China", "users", None, "b", "2012", 2.0)), []),
    ],
)  # fmt: skip
def test_series_need_the_same_metric_from_two_sources(rows, expected) -> None:
    found = series_rows(frame(*rows))
    assert list(zip(found["source"], found["date"], strict=True)) == expected


def test_each_point_carries_its_source_escaped() -> None:
    rows = series_rows(frame(("U", "C", "u", None, "a", "2015", 1.0),
                             ("U", "C", "u", None, "b", "2012", 2.0)))  # fmt: skip
    fig = timeseries_figure(rows, {"a": "<b>A</b>, 2015", "b": "B, 2012"})
    assert [c[0] for c in fig.data[0].customdata] == ["B, 2012", "&lt;b&gt;A&lt;/b&gt;, 2015"]
    assert source_link("a") == "sources?source=a"


def add_second_report(root: Path) -> str:
    """A 2012 article reporting the seed's metric: Internet users in China."""
    text = "China had 538 million Internet users by the end of June 2012, the CNNIC said.\n"
    source = Source(id="cnnic-2012-07-19-users", title="Internet users", publisher="CNNIC",
                    published=dt.date(2012, 7, 19))  # fmt: skip
    claim = Claim(id="cnnic-2012-07-19-users-10", source=source.id, status="approved",
                  quote=text.strip(), span=(10, 21), value=538e6, kind="count",
                  unit="Internet users", subject="Internet users in China", entity="China",
                  period={"as_of": "2012-06"}, category="users",
                  metric="cn-internet-users")  # fmt: skip
    ident, problems = add_source(root, source, text, [claim])
    assert problems == [] and ident is not None
    return ident


def test_the_seed_metric_from_two_sources_is_a_series(data_copy: Path) -> None:
    ident = add_second_report(data_copy)
    claims = load_dataset(data_copy).claims
    rows = series_rows(claims[claims["status"] == "approved"])
    assert list(rows["source"]) == [ident, SEED_ID]
    assert list(rows["value"]) == [538e6, 670e6]


def test_explore_draws_the_series(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    add_second_report(data_copy)
    monkeypatch.setenv(ENV_VAR, str(data_copy))
    at = AppTest.from_file(str(ROOT / "pages/explore.py"), default_timeout=60)
    at.query_params["unit"] = "Internet users in China"  # the metric's label
    at.run()
    assert not at.exception, at.exception
    charts = {c.key: json.loads(c.proto.spec) for c in at.get("plotly_chart")}
    assert "explore-timeseries" in charts, list(charts)
    (trace,) = charts["explore-timeseries"]["data"]
    assert trace["y"] == [538e6, 670e6]
    assert [c[0] for c in trace["customdata"]] == ["CNNIC, 2012-07-19", "China Daily, 2015-12-20"]
