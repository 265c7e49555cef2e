"""Reported figures against official ones: precision, qualifiers, dates, periods, the CLI, the page.

Tables: the seed's verdicts on the bundled official series (what the real
data gives, written here by hand), the precision read from a figure's text,
the verdict rules on bare numbers, and constructed claims against a small
constructed series (stocks, flows, dates outside the series, missing metrics).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.compare import (
    COLUMNS,
    Officials,
    compare_claims,
    judge,
    precision_step,
    reference_frame,
)
from dataset import load_dataset
from dataset.__main__ import main
from dataset.paths import ENV_VAR
from dataset.schema import Metric, ReferenceSeries
from tests.conftest import DATA, ROOT, SEED_ID

# --- the seed against the bundled official series ------------------------------------------

SEED_VERDICTS = [
    # claim id (after the source id), verdict, official value, deviation (4 places)
    ("internet-users", "understated", 688e6, -0.0262),  # 670 million vs CNNIC 2015-12
    ("population", "rounded_down", 1374.62e6, -0.0543),  # 1.3 billion vs NBS end of 2015
    ("4g-users", "consistent", 386.225e6, -0.3527),  # "more than 250 million" vs MIIT
    ("websites", "no_reference", None, None),  # CNNIC 2015-06 and 2016-06 only: too far
    ("online-retail-sales", "no_reference", None, None),  # no NBS January-October 2015
    ("global-share-of-internet-users", "no_reference", None, None),  # no ITU series
    ("summit-attendees", "no_reference", None, None),  # no official series at all
]


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    data = load_dataset(DATA)
    frame = compare_claims(data.claims, data.models)
    return frame.set_index("claim")


@pytest.mark.parametrize(("suffix", "verdict", "official", "deviation"), SEED_VERDICTS)
def test_the_seed_gets_its_documented_verdicts(
    seed: pd.DataFrame, suffix: str, verdict: str, official: float | None, deviation: float | None
) -> None:
    row = seed.loc[f"{SEED_ID}-{suffix}"]
    assert row["verdict"] == verdict, row["message"]
    if official is None:
        assert pd.isna(row["reference"]) and pd.isna(row["deviation"])
        assert row["message"].startswith("No ")
    else:
        assert row["reference"] == pytest.approx(official)
        assert round(row["deviation"], 4) == deviation
        assert row["citation_url"].startswith("http")


def test_the_seed_messages_say_what_people_need(seed: pd.DataFrame) -> None:
    population = seed.loc[f"{SEED_ID}-population", "message"]
    assert "rounded down by 5.4%" in population
    assert "11 day(s) after the claim's date 2015-12-20, its article's date" in population
    websites = seed.loc[f"{SEED_ID}-websites"]
    assert "none is interpolated" in websites["message"]
    assert [n["date"] for n in websites["neighbours"]] == ["2015-06", "2016-06"]
    four_g = seed.loc[f"{SEED_ID}-4g-users"]
    assert "54.5% above 250 million" in four_g["message"]
    assert (four_g["reported_text"], four_g["reference_text"]) == (
        "more than 250 million",
        "386.225 million",
    )


def test_every_seed_claim_with_a_metric_has_a_row(seed: pd.DataFrame) -> None:
    assert len(seed) == 15
    assert list(seed.reset_index().columns) == list(COLUMNS)


# --- precision from the figure as written --------------------------------------------------

PRECISION = [
    ("1.3 billion", 1.3e9, None, 1e8),
    ("670 million", 670e6, None, 1e7),  # trailing zeros of a whole number: not significant
    ("4.13 million", 4.13e6, None, 1e4),
    ("2,000", 2000.0, None, 1000.0),
    ("$455 billion", 455e9, None, 1e9),
    ("2.95 trillion yuan", 2.95e12, None, 1e10),
    ("7 percent", 7.0, None, 1.0),
    ("0.50 percent", 0.5, None, 0.01),  # a trailing zero after the point is significant
    ("41,30,000", 4_130_000.0, None, 10_000.0),  # grouped in lakhs
    ("12 to 18 million", 15e6, 12e6, 1e6),  # a range: the first number is the low bound
    ("one-fourth", 25.0, None, 1.0),  # no digits: the value's own
    ("Eight", 8.0, None, 1.0),
]


@pytest.mark.parametrize(("figure", "value", "low", "step"), PRECISION)
def test_precision_is_read_from_the_figure(
    figure: str, value: float, low: float | None, step: float
) -> None:
    assert precision_step(figure, value, low) == pytest.approx(step)


# --- verdict rules on bare numbers ---------------------------------------------------------

RULES = [
    # reported, official, qualifier, step, low, high, verdict
    (1.3e9, 1.375e9, "exact", 1e8, None, None, "rounded_down"),  # the example
    (1.3e9, 1.25e9, "exact", 1e8, None, None, "consistent"),  # 1.25 rounds up to 1.3
    (1.3e9, 1.3499e9, "exact", 1e8, None, None, "consistent"),
    (1.3e9, 1.35e9, "exact", 1e8, None, None, "rounded_down"),  # 1.35 rounds to 1.4
    (1.3e9, 1.22e9, "exact", 1e8, None, None, "rounded_up"),
    (1.3e9, 1.4e9, "exact", 1e8, None, None, "understated"),
    (1.3e9, 1.2e9, "exact", 1e8, None, None, "overstated"),
    (670e6, 668e6, "approximate", 1e7, None, None, "consistent"),  # "about 670 million"
    (670e6, 680e6, "approximate", 1e7, None, None, "consistent"),  # one step either side
    (670e6, 681e6, "approximate", 1e7, None, None, "understated"),
    (670e6, 655e6, "approximate", 1e7, None, None, "overstated"),
    (4.13e6, 4.23e6, "more_than", 1e4, None, None, "consistent"),
    (4.13e6, 4.13e6, "more_than", 1e4, None, None, "consistent"),
    (4.13e6, 4.0e6, "more_than", 1e4, None, None, "overstated"),
    (2000.0, 1999.0, "at_least", 1000.0, None, None, "overstated"),
    (5e6, 4.9e6, "less_than", 1e6, None, None, "consistent"),
    (5e6, 5.2e6, "less_than", 1e6, None, None, "understated"),
    (5e6, 5e6, "at_most", 1e6, None, None, "consistent"),
    (15.0, 12.0, "range", 1.0, 10.0, 20.0, "consistent"),
    (15.0, 20.4, "range", 1.0, 10.0, 20.0, "consistent"),  # within half a step of the bound
    (15.0, 21.0, "range", 1.0, 10.0, 20.0, "understated"),
    (15.0, 9.0, "range", 1.0, 10.0, 20.0, "overstated"),
    (7.0, 7.0, "exact", None, None, None, "consistent"),  # no precision known: equal only
    (7.0, 7.4, "exact", None, None, None, "understated"),
]


@pytest.mark.parametrize(
    ("reported", "official", "qualifier", "step", "low", "high", "verdict"), RULES
)
def test_the_verdict_respects_precision_and_qualifier(
    reported: float,
    official: float,
    qualifier: str,
    step: float | None,
    low: float | None,
    high: float | None,
    verdict: str,
) -> None:
    assert judge(reported, official, qualifier, step, low, high).verdict == verdict


@pytest.mark.parametrize(
    ("reported", "official", "qualifier", "step", "words"),
    [
        (1.3e9, 1.375e9, "exact", 1e8, "rounded down by 5.5%"),
        (1.4e9, 1.34e9, "exact", 1e8, "rounded up by 4.5%"),
        (250e6, 386.225e6, "more_than", 1e7, "54.5% above"),
        (5e6, 4e6, "at_most", 1e6, "20% below"),
    ],
)
def test_the_reason_says_by_how_much(
    reported: float, official: float, qualifier: str, step: float, words: str
) -> None:
    assert words in judge(reported, official, qualifier, step).reason


# --- constructed claims against constructed series -----------------------------------------


def _metric(ident: str, kind: str = "count", measure_type: str = "stock", **extra) -> Metric:
    return Metric.model_validate(
        {
            "id": ident,
            "label": ident,
            "definition": "A constructed metric for tests.",
            "unit": "things",
            "kind": kind,
            "measure_type": measure_type,
            **extra,
        }
    )


def _series(ident: str, *points: tuple[dict, float]) -> ReferenceSeries:
    return ReferenceSeries.model_validate(
        {
            "metric": ident,
            "observations": [
                {
                    "period": period,
                    "value": value,
                    "citation": {
                        "publisher": "Office",
                        "title": "Release",
                        "url": "https://x.test/r",
                    },
                }
                for period, value in points
            ],
        }
    )


OFFICIALS = Officials(
    metrics={
        "users": _metric("users"),
        "sales": _metric("sales", "money", "flow", currency="CNY", period_type="year_to_date"),
        "monthly": _metric("monthly", "money", "flow", currency="CNY", period_type="month"),
        "empty": _metric("empty"),
    },
    references={
        "users": _series(
            "users",
            ({"as_of": "2015-06"}, 668e6),
            ({"as_of": "2015-12"}, 688e6),
            ({"as_of": "2016-12-31"}, 731e6),
        ),
        "sales": _series(
            "sales",
            ({"start": "2015-01", "end": "2015-10"}, 2.9524e12),
            ({"start": "2015-01", "end": "2015-12"}, 3.8773e12),
        ),
        "monthly": _series("monthly", ({"as_of": "2015-10"}, 0.36e12)),
    },
)


def claim(
    figure: str,
    value: float,
    metric: str | None = "users",
    *,
    as_of: str | None = None,
    start: str | None = None,
    end: str | None = None,
    date: str | None = None,
    **fields,
) -> dict:
    """A claims-frame row whose source text is the figure itself."""
    kind = fields.pop("kind", "money" if metric in ("sales", "monthly") else "count")
    return {
        "id": fields.pop("id", "c"),
        "source": figure,
        "quote": figure,
        "subject": "s",
        "value": value,
        "kind": kind,
        "currency": fields.pop("currency", "CNY" if kind == "money" else None),
        "qualifier": fields.pop("qualifier", "exact"),
        "low": None,
        "high": None,
        "measure": fields.pop("measure", "level"),
        "metric": metric,
        "start": 0,
        "end": len(figure),
        "period_as_of": as_of,
        "period_start": start,
        "period_end": end,
        "date": date or as_of or end or start,
    }


CONSTRUCTED = [
    # (claim row, verdict, official value, words in the message)
    (claim("about 690 million", 690e6, as_of="2015-12-31", qualifier="approximate"),
     "consistent", 688e6, "the same date"),
    (claim("668 million", 668e6, as_of="2015-06-30"), "consistent", 668e6, "the same date"),
    (claim("730 million", 730e6, as_of="2016-12-01"), "consistent", 731e6, "30 day(s) after"),
    (claim("700 million", 700e6, as_of="2015-12-20", date="2015-12-20"),  # a step of 100 million
     "consistent", 688e6, "650 million up to 750 million"),
    (claim("700 million", 700e6, as_of="2016-03"), "no_reference", None, "none is interpolated"),
    (claim("600 million", 600e6, as_of="2014-12"), "no_reference", None, "outside the official"),
    (claim("731 million", 731e6, as_of="2017-06"), "no_reference", None, "outside the official"),
    (claim("680 million", 680e6, as_of="2015"), "no_reference", None, "covers several"),
    (claim("688 million", 688e6, date="2015-12-20"), "consistent", 688e6, "its article's date"),
    (claim("2.95 trillion yuan", 2.95e12, "sales", start="2015-01", end="2015-10"),
     "consistent", 2.9524e12, "the same period"),
    (claim("2.9 trillion yuan", 2.9e12, "sales", start="2015-01", end="2015-10"),
     "rounded_down", 2.9524e12, "cut after its last digit"),
    (claim("2.96 trillion yuan", 2.96e12, "sales", start="2015-01", end="2015-10"),
     "rounded_up", 2.9524e12, "raised at its last digit"),
    (claim("2.6 trillion yuan", 2.6e12, "sales", start="2015-01", end="2015-09"),
     "no_reference", None, "no official total over 2015-01 to 2015-09"),
    (claim("2.5 trillion yuan", 2.5e12, "sales", start="2015-03", end="2015-10"),
     "no_reference", None, "never compared"),
    (claim("360 billion yuan", 0.36e12, "sales", as_of="2015-10"),  # a month, not year to date
     "no_reference", None, "never compared"),
    (claim("2.95 trillion yuan", 2.95e12, "monthly", start="2015-01", end="2015-10"),
     "no_reference", None, "never compared"),  # a year-to-date total against monthly ones
    (claim("360 billion yuan", 0.36e12, "monthly", as_of="2015-10"),
     "consistent", 0.36e12, "the same period"),
    (claim("3 trillion yuan", 3e12, "sales"), "no_reference", None, "No period"),
    (claim("690 million", 690e6, as_of="2015-02-30"),
     "no_reference", None, "not on the calendar"),
    (claim("455 billion dollars", 455e9, "sales", start="2015-01", end="2015-10",
           currency="USD"), "not_comparable", None, "in USD"),
    (claim("20 million", 20e6, as_of="2015-12", measure="change"),
     "not_comparable", None, "a change"),
    (claim("5 percent", 5.0, as_of="2015-12", kind="percent"),
     "not_comparable", None, "percent figure"),
    (claim("670 million", 670e6, "no-such-metric", as_of="2015-12"),
     "no_reference", None, "No metric 'no-such-metric'"),
    (claim("670 million", 670e6, "empty", as_of="2015-12"),
     "no_reference", None, "No official series"),
]  # fmt: skip


@pytest.mark.parametrize(("row", "verdict", "official", "words"), CONSTRUCTED)
def test_constructed_claims(row: dict, verdict: str, official: float | None, words: str) -> None:
    texts = {row["source"]: row["source"]}
    out = compare_claims(pd.DataFrame([row]), OFFICIALS, texts).iloc[0]
    assert out["verdict"] == verdict, out["message"]
    assert words in out["message"]
    if official is None:
        assert pd.isna(out["reference"])
    else:
        assert out["reference"] == pytest.approx(official)
        assert out["deviation"] == pytest.approx(row["value"] / official - 1)
        assert out["citation_url"] == "https://x.test/r"


def test_claims_without_a_metric_are_left_out() -> None:
    rows = [claim("670 million", 670e6, None, as_of="2015-12", id="a"), claim("1", 1.0, id="b")]
    out = compare_claims(pd.DataFrame(rows), OFFICIALS, {})
    assert out["claim"].tolist() == ["b"]


def test_a_neighbour_on_each_side_is_reported_never_interpolated() -> None:
    row = claim("700 million", 700e6, as_of="2016-03")
    out = compare_claims(pd.DataFrame([row]), OFFICIALS, {}).iloc[0]
    assert [(n["date"], n["value"]) for n in out["neighbours"]] == [
        ("2015-12", 688e6),
        ("2016-12-31", 731e6),
    ]
    assert pd.isna(out["deviation"])


def test_reference_frame_is_the_series_in_date_order() -> None:
    frame = reference_frame(OFFICIALS, "users")
    assert frame["date"].tolist() == ["2015-06", "2015-12", "2016-12-31"]
    assert frame["value"].tolist() == [668e6, 688e6, 731e6]
    assert {"date", "value", "publisher", "title", "url", "period_start", "period_end"} <= set(
        frame.columns
    )
    flows = reference_frame(OFFICIALS, "sales")
    assert flows[["period_start", "period_end"]].values.tolist() == [
        ["2015-01", "2015-10"],
        ["2015-01", "2015-12"],
    ]
    assert reference_frame(OFFICIALS, "empty").empty


# --- the CLI and the page ------------------------------------------------------------------


def test_cli_prints_the_comparison_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "--format", "json", str(DATA)]) == 0
    records = json.loads(capsys.readouterr().out)
    keys = {"claim", "metric", "reported", "reference", "reference_date", "deviation", "verdict"}
    assert all(keys | {"message", "qualifier", "citation"} <= set(r) for r in records)
    population = next(r for r in records if r["claim"] == f"{SEED_ID}-population")
    assert population["verdict"] == "rounded_down"
    assert population["reference_date"] == "2015-12-31"
    assert population["citation"]["url"].startswith("https://")
    websites = next(r for r in records if r["claim"] == f"{SEED_ID}-websites")
    assert websites["reference"] is None and websites["deviation"] is None


def test_cli_text_is_one_line_a_claim(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(DATA)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 15
    assert f"{SEED_ID}-internet-users\tunderstated\tReported 670 million" in lines[0]


def test_checks_page_shows_the_official_table_with_links(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, str(data_copy))
    at = AppTest.from_file(str(ROOT / "pages" / "checks.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    assert "Against official figures" in [h.value for h in at.header]
    table = next(d for d in at.dataframe if "verdict" in d.value.columns).value
    first = table.iloc[0]
    assert first["verdict"] == "understated"  # the most serious verdicts first
    population = table[table["claim"] == f"{SEED_ID}-population"].iloc[0]
    assert population["verdict"] == "rounded down"
    assert (population["reported"], population["official"]) == ("1.3 billion", "1.37462 billion")
    assert population["citation"].startswith("https://chinaservicesinfo.com/")


def test_checks_page_filters_the_official_table(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, str(data_copy))
    at = AppTest.from_file(str(ROOT / "pages" / "checks.py"), default_timeout=60)
    at.query_params["category"] = "Population"
    at.run()
    assert not at.exception, at.exception
    table = next(d for d in at.dataframe if "verdict" in d.value.columns).value
    assert table["claim"].tolist() == [f"{SEED_ID}-population"]
