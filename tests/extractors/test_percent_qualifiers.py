"""Stages 3 and 4: percent forms and shares; the qualifier words.

Every expectation is written here, not read from the code under test: mapping
"nearly" to ``less_than`` in ``extractors.lexicon`` must fail a test.
"""

from __future__ import annotations

import pytest

from tests.extractors.helpers import only


@pytest.mark.parametrize(
    ("text", "figure", "value", "kind", "unit"),
    [
        ("GDP grew 7 percent.", "7 percent", 7, "percent", "percent"),
        ("It is 7 per cent of GDP.", "7 per cent", 7, "percent", "percent of GDP"),
        ("Turnout was 7%.", "7%", 7, "percent", "percent"),
        ("Turnout was 2.8 pct.", "2.8 pct", 2.8, "percent", "percent"),
        ("Turnout was 1.9pc.", "1.9pc", 1.9, "percent", "percent"),
        ("Eleven percent said no.", "Eleven percent", 11, "percent", "percent"),
        ("Support dropped 3.5 percentage points.", "3.5 percentage points", -3.5,
         "percentage_points", "percentage points"),
        ("Margins widened 2.1pp.", "2.1pp", 2.1, "percentage_points", "percentage points"),
        ("The bank raised rates by 25 basis points.", "25 basis points", 25, "basis_points",
         "basis points"),
        ("The spread narrowed by 12 bps.", "12 bps", -12, "basis_points", "basis points"),
        ("Rates rose half a percentage point.", "half a percentage point", 0.5,
         "percentage_points", "percentage points"),
        ("It has about one-fourth of the global total.", "one-fourth", 25, "percent",
         "percent of global total"),
        ("Half the homes lack water.", "Half", 50, "percent", "percent of homes"),
        ("Some 3/4 of the members voted yes.", "3/4", 75, "percent", "percent of members"),
        ("The bond pays 5 1/2 percent.", "5 1/2 percent", 5.5, "percent", "percent"),
        ("The account pays 2¼ percent.", "2¼ percent", 2.25, "percent", "percent"),
    ],
)  # fmt: skip
def test_percent(text: str, figure: str, value: float, kind: str, unit: str) -> None:
    claim = only(text)
    got = (text[claim.start : claim.end], round(claim.value, 4), claim.kind, claim.unit)
    assert got == (figure, value, kind, unit)


QUALIFIER_WORDS = [
    ("about", "approximate"), ("around", "approximate"), ("roughly", "approximate"),
    ("some", "approximate"), ("approximately", "approximate"), ("nearly", "approximate"),
    ("almost", "approximate"), ("close to", "approximate"), ("an estimated", "approximate"),
    ("estimated", "approximate"), ("circa", "approximate"), ("neared", "approximate"),
    ("approached", "approximate"), ("nearing", "approximate"),
    ("more than", "more_than"), ("over", "more_than"), ("above", "more_than"),
    ("exceeding", "more_than"), ("in excess of", "more_than"), ("just over", "more_than"),
    ("well over", "more_than"), ("upwards of", "more_than"),
    ("at least", "at_least"), ("no fewer than", "at_least"), ("no less than", "at_least"),
    ("less than", "less_than"), ("under", "less_than"), ("fewer than", "less_than"),
    ("below", "less_than"), ("just under", "less_than"), ("just below", "less_than"),
    ("just shy of", "less_than"),
    ("up to", "at_most"), ("at most", "at_most"), ("as many as", "at_most"),
    ("as much as", "at_most"), ("no more than", "at_most"),
]  # fmt: skip
"""The labelling conventions' table (tests/extractors/README.md), written out."""


@pytest.mark.parametrize(("word", "qualifier"), QUALIFIER_WORDS)
def test_every_qualifier_word(word: str, qualifier: str) -> None:
    text = f"Officials counted {word} 2,000 people."
    claim = only(text)
    assert (text[claim.start : claim.end], claim.qualifier) == ("2,000", qualifier)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("More than 2,000 people attended.", "more_than"),
        ("Police counted well over the 6,500 forecast.", "exact"),
        ("Over the 12 months sales were 400 units.", "exact"),
        ("It warmed 1.48 degrees above pre-industrial levels.", "exact"),
        ("Net profit fell more than 3 percent.", "more_than"),
        ("Between 10 and 20 died.", "range"),
        ("The share of renewables neared 56 percent.", "approximate"),
        ("Gas prices hovered close to 30p a therm.", "approximate"),
    ],
)
def test_qualifier_must_govern_the_figure(text: str, qualifier: str) -> None:
    assert only(text).qualifier == qualifier
