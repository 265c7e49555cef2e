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
        # The unit is the noun phrase up to its head: the curated seed says "people"
        # (the verb "attended" still makes it an event: see the category cases).
        ("More than 2,000 people attended the summit.", "people"),
        ("Eight government leaders attended the summit.", "government leaders"),
        ("Toyota sold 11.2 million vehicles worldwide last year.", "vehicles"),
        ("It aims to vaccinate 300 million children against measles.", "children"),
        ("The storm left seven thousand homes without power.", "homes"),
        ("About 1.2 million students sat the exam.", "students"),
        ("The union says 250 more vacancies are open.", "vacancies"),
        ("Polls show 1 million registered voters.", "registered voters"),
        ("OPEC+ pumped 41.2 million barrels per day in September.", "barrels per day"),
        ("Each household may buy three bags of rice per visit.", "bags of rice"),
        ("Temperatures hit 45 degrees Celsius in Jaipur.", "degrees Celsius"),
        ("One person died in the collision.", "person"),
    ],
)  # fmt: skip
def test_unit(text: str, unit: str) -> None:
    assert extract(text)[0].unit == unit


@pytest.mark.parametrize(
    ("text", "figure", "unit"),
    [
        # A bare count counts what an earlier count in its sentence counts...
        ("The census recorded 3,412,870 residents, up from 3,102,455 in 2010.", "3,102,455",
         "residents"),
        ("At least 32 people were killed and more than 100 injured.", "100", "people"),
        # ... or the whole it is part of, or what the sentence named before it.
        ("Labour won 412 of the 650 seats.", "412", "seats"),
        ("The number of unemployed people fell by 12,000 to 1.51 million.", "1.51 million",
         "unemployed people"),
        ("Japan's population fell to 123.8 million in 2023.", "123.8 million", "people"),
        # ... or the subject of the verb before it, up to its head, without a possessive.
        ("The country's mobile subscribers reached 1.2 billion in June.", "1.2 billion",
         "mobile subscribers"),
        ("Retail customers at the bank numbered 8.5 million.", "8.5 million",
         "Retail customers"),
        ("Visitors to the museum topped 800,000 for the first time.", "800,000", "Visitors"),
        ("Deliveries of electric vans climbed to 41,000 last year.", "41,000", "electric vans"),
        ("Shipments reached 5 million units.", "5 million", "units"),  # the noun after first
        ("The index reached 3,200 on Monday.", "3,200", None),  # no plural head
        ("Subscribers, the regulator said, reached 412 million.", "412 million", None),
        ("They reached 5,000 in a week.", "5,000", None),
        # Shares written "one in five" are shares of the noun after them.
        ("One in five adults lives with a mental illness.", "One in five", "percent of adults"),
        # Money measures the money noun near it.
        ("Net profit rose to $2.1 billion from $1.9 billion.", "$1.9 billion", "net profit"),
        ("The firm booked $5 billion in new orders.", "$5 billion", "new orders"),
        ("Retailers made 2.95 trillion yuan, the report says.", "2.95 trillion yuan", None),
    ],
)  # fmt: skip
def test_unit_from_the_sentence(text: str, figure: str, unit: str | None) -> None:
    start = text.index(figure)
    claim = next(c for c in extract(text) if c.start == start)
    assert claim.unit == unit


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
