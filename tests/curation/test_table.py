"""The claims editor table and back: edits applied, periods parsed, quotes marked safely."""

from __future__ import annotations

import math

import pytest

from curation.table import apply_table, editor_frame, marked_quote, parse_period, period_label
from dataset import load_models
from dataset.schema import Claim
from tests.conftest import DATA, SEED_ID

MODELS, _ = load_models(DATA)
CLAIMS = MODELS.claims[SEED_ID]
TEXT = MODELS.texts[SEED_ID]


@pytest.mark.parametrize(
    ("label", "period"),
    [
        ("2015", {"as_of": "2015"}),
        ("2015-01 to 2015-10", {"start": "2015-01", "end": "2015-10"}),
        ("to 2015-10", {"end": "2015-10"}),
        ("2014 to", {"start": "2014"}),
        ("", None),
        (None, None),
        (math.nan, None),
    ],
)
def test_periods_round_trip(label, period) -> None:
    assert parse_period(label) == period
    if period is not None:
        assert parse_period(period_label(period)) == period


def test_the_table_shows_every_claim_with_its_figure_as_written() -> None:
    table = editor_frame(CLAIMS, TEXT)
    assert list(table["id"]) == [c.id for c in CLAIMS]
    assert table.loc[0, "figure"] == "670 million"
    assert all(TEXT[c.start : c.end] == f for c, f in zip(CLAIMS, table["figure"], strict=True))


@pytest.mark.parametrize(
    ("column", "cell", "field", "expected"),
    [
        ("status", "rejected", "status", "rejected"),
        ("value", 671e6, "value", 671e6),
        ("value", None, "value", None),
        ("unit", "  ", "unit", None),
        ("subject", "Chinese netizens", "subject", "Chinese netizens"),
        ("entity", "PRC", "entity", "PRC"),
        ("qualifier", "approximate", "qualifier", "approximate"),
        ("category", "economy", "category", "economy"),
        ("period", "2015-06", "period", {"as_of": "2015-06"}),
    ],
)
def test_an_edited_cell_reaches_the_claim(column, cell, field, expected) -> None:
    table = editor_frame(CLAIMS, TEXT)
    table[column] = table[column].astype("object")
    table.loc[0, column] = cell
    rows = apply_table(CLAIMS, table)
    assert rows[0][field] == expected
    assert Claim.model_validate(rows[1]) == CLAIMS[1]


def test_marked_quotes_escape_everything_but_the_mark() -> None:

    text = '<script>alert("x")</script> <img src=x onerror=alert(1)> rose 5 percent.'
    start = text.index("5 percent")
    claim = Claim(id="s-1", source="s", quote=text, span=(start, start + 9), value=5.0,
                  kind="percent", unit="percent")  # fmt: skip
    html = marked_quote(claim, text)
    assert "<script" not in html and "<img" not in html
    assert html.count("<") == html.count("<mark>") + html.count("</mark>") == 2
    assert "<mark>5 percent</mark>" in html
