"""Stage 1, numbers: digits, scales, number words, fractions, ranges, signed changes."""

from __future__ import annotations

import pytest

from tests.extractors.helpers import figures, only


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police arrested 1,250 people.", [("1,250", 1250)]),
        ("The index stood at 38,457.25 points.", [("38,457.25", 38457.25)]),
        ("The city has 3,412,870 residents.", [("3,412,870", 3412870)]),
        ("It has 670 million users.", [("670 million", 670e6)]),
        ("Debt reached 2.6 trillion.", [("2.6 trillion", 2.6e12)]),
        ("The app has 250k downloads.", [("250k", 250e3)]),
        ("Netflix added 13.1m subscribers.", [("13.1m", 13.1e6)]),
        ("Sales hit $4.5bn.", [("$4.5bn", 4.5e9)]),
        ("Exports were £210mn.", [("£210mn", 210e6)]),
        ("It employs half a million people.", [("half a million", 500e3)]),
        ("The scheme covers 2.5 lakh farmers.", [("2.5 lakh", 250e3)]),
        ("Over 3 lakhs of pilgrims came.", [("3 lakhs", 300e3)]),
        ("The fair drew 12 lac visitors.", [("12 lac", 1.2e6)]),
        ("A crore people voted.", [("A crore", 1e7)]),
        ("The city has 41,30,000 residents.", [("41,30,000", 4.13e6)]),
        ("The state has 1,20,45,678 voters.", [("1,20,45,678", 12045678)]),
        ("A million people marched.", [("A million", 1e6)]),
        ("Eight leaders came.", [("Eight", 8)]),
        ("Twenty-one players were named.", [("Twenty-one", 21)]),
        ("Three hundred homes were flooded.", [("Three hundred", 300)]),
        ("One hundred and fifty jobs went.", [("One hundred and fifty", 150)]),
        ("Police questioned two dozen witnesses.", [("two dozen", 24)]),
        ("A dozen ships sank.", [("A dozen", 12)]),
        ("Imports grew sevenfold.", [("sevenfold", 7)]),
        ("Imports grew a hundredfold.", [("hundredfold", 100)]),
        ("About one-fourth of the total.", [("one-fourth", 25)]),
        ("Two-thirds of voters agreed.", [("Two-thirds", 66.6667)]),
        ("A quarter of firms cut jobs.", [("A quarter", 25)]),
        ("Half of them came from overseas.", [("Half", 50)]),
        ("One in five adults smokes.", [("One in five", 20)]),
        ("Nine out of 10 doctors agree.", [("Nine out of 10", 90)]),
        ("One out of every four homes.", [("One out of every four", 25)]),
        ("It expects 10 to 20 ships.", [("10 to 20", 15)]),
        ("Expect 20-30 centimetres of snow.", [("20-30", 25)]),
        ("Between 10,000 and 15,000 marched.", [("Between 10,000 and 15,000", 12500)]),
        ("Between 2 and 3 million people fled.", [("Between 2 and 3 million", 2.5e6)]),
        ("A fine of $5-7bn is likely.", [("$5-7bn", 6e9)]),
        ("Growth of 3%-4% is forecast.", [("3%-4%", 3.5)]),
        ("Output fell 3.2 percent.", [("3.2 percent", -3.2)]),
        ("The index was -6.5% lower.", [("-6.5%", -6.5)]),
        ("Shares gained +3.1% on Monday.", [("+3.1%", 3.1)]),
        ("Exports fell by a fifth.", [("a fifth", -20)]),
        (
            "Unemployment fell by 12,000 to 1.51 million.",
            [("12,000", -12000), ("1.51 million", 1.51e6)],
        ),
        ("Inflation eased to 2.9 percent.", [("2.9 percent", 2.9)]),
        ("It rose from 4.1 percent to 4.6 percent.", [("4.1 percent", 4.1), ("4.6 percent", 4.6)]),
        ("The firm will cut 4,000 jobs.", [("4,000", 4000)]),
    ],
)
def test_numbers(text: str, expected: list[tuple[str, float]]) -> None:
    assert figures(text) == [(w, round(v, 4)) for w, v in expected]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("It expects 10 to 20 ships.", 10, 20),
        ("Between 2 and 3 million people fled.", 2e6, 3e6),
        ("Growth of 5 to 5.5 percent.", 5, 5.5),
    ],
)
def test_range_bounds(text: str, low: float, high: float) -> None:
    claim = only(text)
    assert (claim.qualifier, claim.low, claim.high) == ("range", low, high)


@pytest.mark.parametrize(
    ("text", "measure"),
    [("Output fell 3.2 percent.", "growth"), ("Inflation eased to 2.9 percent.", "level"),
     ("Revenue jumped 7.5% to a record.", "growth")],
)  # fmt: skip
def test_measure(text: str, measure: str) -> None:
    assert only(text).measure == measure


@pytest.mark.parametrize(
    ("text", "figure", "value"),
    [
        ("Deposits reached 8.38 trillion yuan.", "8.38 trillion yuan", 8380000000000.0),
        ("The fund holds 1.1 billion dollars.", "1.1 billion dollars", 1100000000.0),
        ("Sales were $4.35bn.", "$4.35bn", 4350000000.0),
        ("It sold 2.3m phones.", "2.3m", 2300000.0),
        ("Debt stood at 3.1 tn yen.", "3.1 tn yen", 3100000000000.0),
        ("The app has 0.7 million users.", "0.7 million", 700000.0),
        ("Shares closed at 16.4p.", "16.4p", 0.164),
        ("The Sun's mass is 1.99×10^30 kilograms.", "1.99×10^30", 1.99e30),
        ("An electron weighs 9.11e-31 kilograms.", "9.11e-31", 9.11e-31),
    ],
)
def test_values_are_scaled_exactly(text: str, figure: str, value: float) -> None:
    """Scaled in decimal: "8.38 trillion" is 8380000000000.0, never 8380000000000.001."""
    claim = only(text)
    assert (text[claim.start : claim.end], claim.value) == (figure, value)
