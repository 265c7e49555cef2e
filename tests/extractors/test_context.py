"""Stage 6: what is counted, entity, period, attribution, category, quote."""

from __future__ import annotations

import datetime as dt

import pytest

from dataset import Category
from extractors import extract
from tests.extractors.helpers import only


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("China has 670 million Internet users, about a quarter of all.", "Internet users"),
        ("It has more than 4.13 million websites.", "websites"),
        ("China's 328 listed Internet-related companies are worth more.",
         "listed Internet-related companies"),
        ("More than 2,000 people attended the summit.", "people attended"),
    ],
)  # fmt: skip
def test_unit(text: str, unit: str) -> None:
    assert extract(text)[0].unit == unit


@pytest.mark.parametrize(
    ("text", "published", "period"),
    [
        ("Retailers made 2.95 trillion yuan between January and October.", "2015-12-20",
         {"start": "2015-01", "end": "2015-10"}),
        ("Sales were 5 million in 2014.", None, {"as_of": "2014"}),
        ("Sales were 5 million last year.", "2015-12-20", {"as_of": "2014"}),
        ("Today it has 670 million users.", dt.date(2015, 12, 20), {"as_of": "2015-12-20"}),
        ("It has 670 million users.", "2015-12-20", None),
    ],
)  # fmt: skip
def test_period(text: str, published: object, period: dict | None) -> None:
    got = extract(text, published=published)[0].period
    assert (got.model_dump(exclude_none=True) if got else None) == period


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("The sector is 7 percent of GDP, says Lu Wei.", "Lu Wei"),
        ("The sector is 7 percent of GDP, the report says.", "the report"),
        ("According to the World Bank, 7 percent of people are poor.", "the World Bank"),
        ("Growth was 7 percent.", None),
    ],
)
def test_attribution(text: str, who: str | None) -> None:
    assert only(text).attributed_to == who


@pytest.mark.parametrize(
    ("text", "entity"),
    [("China has 670 million users.", "China"), ("Brazil lost 5,000 jobs.", "Brazil"),
     ("The firm has 5,000 staff.", None)],
)  # fmt: skip
def test_entity(text: str, entity: str | None) -> None:
    assert only(text).entity == entity


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("China has 670 million Internet users.", "users"),
        ("It has 4.13 million websites.", "infrastructure"),
        ("More than 2,000 people attended the summit.", "events"),
        ("It benefits 1.3 billion Chinese people.", "population"),
        ("The sector accounts for 7 percent of GDP.", "economy"),
        ("Online retailers made 2.95 trillion yuan.", "e-commerce"),
        ("It has a combined market value of about 7.85 trillion yuan.", "market-value"),
        ("The cat weighed 12 kilograms.", "other"),
    ],
)
def test_category_from_default_keywords(text: str, category: str) -> None:
    assert only(text).category == category


def test_categories_are_data_not_code() -> None:
    custom = [
        Category(id="pets", label="Pets", description="d", colour="#000000", keywords=["cats"]),
        Category(id="other", label="Other", description="d", colour="#000000"),
    ]
    assert only("There are 5 million cats.").category == "other"  # not a default keyword
    assert extract("There are 5 million cats.", categories=custom)[0].category == "pets"


def test_quote_is_the_sentence_and_span_the_figure() -> None:
    text = "First sentence here. Sales rose 7 percent to a record. Last one."
    claim = only(text)
    assert claim.quote == "Sales rose 7 percent to a record."
    assert text[claim.start : claim.end] == "7 percent"
