"""Stage 2, money: symbols, words and ISO codes to ISO 4217; conversions as equivalents."""

from __future__ import annotations

import pytest

from extractors import extract
from tests.extractors.helpers import only


@pytest.mark.parametrize(
    ("text", "figure", "value", "currency"),
    [
        ("Sales were $45m.", "$45m", 45e6, "USD"),
        ("It raised US$3.2bn.", "US$3.2bn", 3.2e9, "USD"),
        ("The deal is worth HK$12bn.", "HK$12bn", 12e9, "HKD"),
        ("A loss of €1.2bn.", "€1.2bn", 1.2e9, "EUR"),
        ("Profits hit £2.6tn.", "£2.6tn", 2.6e12, "GBP"),
        ("Toyota earned ¥5 trillion.", "¥5 trillion", 5e12, "JPY"),
        ("Beijing spent ¥5 trillion in China.", "¥5 trillion", 5e12, "CNY"),
        ("India set aside ₹500 billion.", "₹500 billion", 500e9, "INR"),
        ("They bid A$300 million.", "A$300 million", 300e6, "AUD"),
        ("Sales reached R$12 billion.", "R$12 billion", 12e9, "BRL"),
        ("Retailers made 2.95 trillion yuan.", "2.95 trillion yuan", 2.95e12, "CNY"),
        ("Banks lent 50 billion renminbi.", "50 billion renminbi", 50e9, "CNY"),
        ("It borrowed RMB 50 billion.", "RMB 50 billion", 50e9, "CNY"),
        ("It paid 1 billion euros.", "1 billion euros", 1e9, "EUR"),
        ("A bill of 400 million pounds.", "400 million pounds", 400e6, "GBP"),
        ("It cost 5 billion yen.", "5 billion yen", 5e9, "JPY"),
        ("It spent 30 billion rupees.", "30 billion rupees", 30e9, "INR"),
        ("It made a profit of Rs 5 crore.", "Rs 5 crore", 5e7, "INR"),
        ("The state allocated ₹1,200 crore.", "₹1,200 crore", 12e9, "INR"),
        ("Fees of Rs 2.5 lakh a year.", "Rs 2.5 lakh", 2.5e5, "INR"),
        ("It spent 40 crore rupees.", "40 crore rupees", 4e8, "INR"),
        ("A fine of 93 billion Swiss francs.", "93 billion Swiss francs", 93e9, "CHF"),
        ("Fares rose to 40 cents.", "40 cents", 0.4, "USD"),
        ("It issued USD 300 million in bonds.", "USD 300 million", 300e6, "USD"),
        ("It raised 45 million USD.", "45 million USD", 45e6, "USD"),
        ("It sold 10 billion dollars of debt.", "10 billion dollars", 10e9, "USD"),
    ],
)
def test_currency(text: str, figure: str, value: float, currency: str) -> None:
    claims = [c for c in extract(text) if c.kind == "money"]
    claim = claims[0]
    assert (text[claim.start : claim.end], claim.value, claim.currency) == (figure, value, currency)


@pytest.mark.parametrize(
    ("text", "main", "equivalents"),
    [
        (
            "Retailers made 2.95 trillion yuan ($455 billion; 416 billion euros) this year.",
            "2.95 trillion yuan",
            [("$455 billion", 455e9, "USD"), ("416 billion euros", 416e9, "EUR")],
        ),
        ("It paid 1 billion euros, or about $1.1 billion.", "1 billion euros",
         [("$1.1 billion", 1.1e9, "USD")]),
        ("A bill of £2bn ($2.5bn) was sent.", "£2bn", [("$2.5bn", 2.5e9, "USD")]),
        ("It paid 80 billion yuan, equivalent to $11 billion.", "80 billion yuan",
         [("$11 billion", 11e9, "USD")]),
    ],
)  # fmt: skip
def test_conversions_are_equivalents(text: str, main: str, equivalents: list) -> None:
    claim = only(text)
    assert text[claim.start : claim.end] == main
    got = [(text[e.span[0] : e.span[1]], e.value, e.currency) for e in claim.equivalents]
    assert got == equivalents


def test_two_amounts_in_brackets_that_are_not_a_conversion() -> None:
    text = "Profit was $5.1 billion (up from $4.2 billion a year ago)."
    claims = extract(text)
    assert [c.value for c in claims] == [5.1e9, 4.2e9]
    assert all(not c.equivalents for c in claims)


@pytest.mark.parametrize(
    ("text", "figure", "value", "currency"),
    [
        ("It bought 3.5 billion shekels of bonds.", "3.5 billion shekels", 3.5e9, "ILS"),
        ("Costs were 420 million Danish crowns.", "420 million Danish crowns", 420e6, "DKK"),
        ("The dollar bought Y=151.20 in Tokyo.", "Y=151.20", 151.2, "JPY"),
        ("Tickets sold at 1,200€ each.", "1,200€", 1200, "EUR"),
        ("Diesel cost 6.89 zł a litre.", "6.89 zł", 6.89, "PLN"),
        ("Bread costs R18 a loaf.", "R18", 18, "ZAR"),
        ("Staff earn 30 sen an hour more.", "30 sen", 0.3, "MYR"),
        ("The miner raised USD10m.", "USD10m", 10e6, "USD"),
        ("The lender set aside EUR50m.", "EUR50m", 50e6, "EUR"),
        ("Onions sold for PKR4,500 a sack.", "PKR4,500", 4500, "PKR"),
        ("Global debt climbed to $US113 trillion.", "$US113 trillion", 113e12, "USD"),
        ("A bowl costs RM79.", "RM79", 79, "MYR"),
        ("The fortune is put at HK $3.7 billion.", "HK $3.7 billion", 3.7e9, "HKD"),
        ("The line will cost AU $500 million.", "AU $500 million", 500e6, "AUD"),
        ("The deficit is C $40 billion.", "C $40 billion", 40e9, "CAD"),
        ("It returned 1.8 billion U.S. dollars.", "1.8 billion U.S. dollars", 1.8e9, "USD"),
        ("Exports totalled 340 mln dlrs.", "340 mln dlrs", 340e6, "USD"),
        ("It sold 1 bln euros of bonds.", "1 bln euros", 1e9, "EUR"),
        ("Shares closed at 245p.", "245p", 2.45, "GBP"),
        ("Vietnam's exports hit 24,500 dong.", "24,500 dong", 24500, "VND"),
    ],
)
def test_money_in_news_forms(text: str, figure: str, value: float, currency: str) -> None:
    claim = only(text)
    got = (text[claim.start : claim.end], claim.value, claim.kind, claim.currency)
    assert got == (figure, value, "money", currency)


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Vietnam earned US$3.2 billion from rice.", "Vietnam"),
        ("The maker's exports reached US$3.2 billion.", None),
        ("Global debt climbed to $US113 trillion.", None),
    ],
)
def test_a_currency_prefix_is_not_a_place(text: str, entity: str | None) -> None:
    assert only(text).entity == entity


@pytest.mark.parametrize(
    "text", ["Leaders met at COP28 in Dubai.", "The TOP100 list is out.", "CUP2025 starts soon."]
)
def test_a_code_glued_to_plain_digits_is_a_name(text: str) -> None:
    assert extract(text) == []
