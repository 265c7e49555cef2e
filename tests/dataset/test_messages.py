"""Validation messages are sentences a person understands, and name the file at fault."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from curation.writes import add_source
from dataset.schema import Category, Claim, Source
from dataset.validate import validation_problems

TEXT = "Shops sold 670 million phones in 2015."
GOOD = {
    "id": "s-phones",
    "source": "s",
    "quote": TEXT,
    "span": [11, 22],
    "value": 670e6,
    "kind": "count",
}

# name, model, change to a valid item, field named, the message in full
CASES = [
    (
        "month-13",
        Claim,
        {"period": {"as_of": "2015-13"}},
        ("period", "as_of"),
        "must be a date like 2015, 2015-06 or 2015-06-30 (ASCII digits), got '2015-13'",
    ),
    (
        "slug",
        Claim,
        {"id": "Phones Sold"},
        ("id",),
        "must be lower-case letters, digits and single hyphens, like china-daily-2015, "
        "got 'Phones Sold'",
    ),
    (
        "currency-code",
        Claim,
        {"kind": "money", "currency": "yuan"},
        ("currency",),
        "must be a three-letter ISO 4217 code in capitals, like CNY or USD, got 'yuan'",
    ),
    ("missing", Claim, {"kind": None}, ("kind",), "must be one of 'count', 'money', "
        "'percent', 'percentage_points', 'basis_points', 'duration' or 'other', got None"),
    ("quoted-number", Claim, {"value": "670"}, ("value",),
        "must be a number, written without quotes (like 670000000.0), got '670'"),
    ("empty-quote", Claim, {"quote": ""}, ("quote",), "must not be empty"),
    ("span-of-three", Claim, {"span": [1, 2, 3]}, ("span",),
        "must be two offsets [start, end], got [1, 2, 3]"),
    ("infinite", Claim, {"value": float("inf")}, ("value",), "must be a finite number, got inf"),
    ("period-not-a-mapping", Claim, {"period": "2015"}, ("period",),
        "must be a mapping (name: value lines), got '2015'"),
    ("equivalents-not-a-list", Claim, {"kind": "money", "currency": "CNY", "equivalents": "x"},
        ("equivalents",), "must be a list, got 'x'"),
    ("colour", Category, {"colour": "red"}, ("colour",),
        "must be a colour like #1f77b4, got 'red'"),
    ("language", Source, {"language": "English"}, ("language",),
        "must be a language code like en, zh or zh-Hans, got 'English'"),
]  # fmt: skip
VALID = {
    Claim: GOOD,
    Category: {"id": "x", "label": "X", "description": "An x.", "colour": "#123456"},
    Source: {"id": "s", "title": "T", "publisher": "P", "published": "2015-12-20"},
}


@pytest.mark.parametrize(
    ("model", "change", "loc", "message"), [pytest.param(*c[1:], id=c[0]) for c in CASES]
)
def test_each_message_is_a_sentence(model, change, loc, message) -> None:
    with pytest.raises(ValidationError) as err:
        model.model_validate({**VALID[model], **change})
    assert (loc, message) in validation_problems(err.value)
    assert "^" not in message and "(?:" not in message  # never a regular expression


def test_a_claims_period_problem_names_the_claims_file_and_row(data_copy) -> None:
    source = Source(id="s", title="Phones", publisher="P", published=dt.date(2016, 1, 2))
    rows = [dict(GOOD, category="economy"), dict(GOOD, id="s-two", period={"as_of": "2015-13"})]
    ident, problems = add_source(data_copy, source, TEXT, rows)
    assert ident is None
    assert [(p.file, p.line, p.field) for p in problems] == [("claims/s.yaml", 2, "period.as_of")]
    assert problems[0].message.startswith("must be a date like 2015, 2015-06 or 2015-06-30")
    assert not (data_copy / "sources" / "s.yaml").exists()
