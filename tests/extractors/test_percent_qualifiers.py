"""Stages 3 and 4: percent forms and shares; the qualifier table."""

from __future__ import annotations

import pytest

from extractors.qualifiers import QUALIFIER_WORDS
from tests.extractors.helpers import only


@pytest.mark.parametrize(
    ("text", "figure", "value", "unit"),
    [
        ("GDP grew 7 percent.", "7 percent", 7, "percent"),
        ("It is 7 per cent of GDP.", "7 per cent", 7, "percent of GDP"),
        ("Turnout was 7%.", "7%", 7, "percent"),
        ("Turnout was 2.8 pct.", "2.8 pct", 2.8, "percent"),
        ("Turnout was 1.9pc.", "1.9pc", 1.9, "percent"),
        ("Eleven percent said no.", "Eleven percent", 11, "percent"),
        ("Support dropped 3.5 percentage points.", "3.5 percentage points", -3.5,
         "percentage points"),
        ("Margins widened 2.1pp.", "2.1pp", 2.1, "percentage points"),
        ("The bank raised rates by 25 basis points.", "25 basis points", 0.25,
         "percentage points"),
        ("Rates rose half a percentage point.", "half a percentage point", 0.5,
         "percentage points"),
        ("It has about one-fourth of the global total.", "one-fourth", 25,
         "percent of global total"),
    ],
)  # fmt: skip
def test_percent(text: str, figure: str, value: float, unit: str) -> None:
    claim = only(text)
    assert (text[claim.start : claim.end], claim.value, claim.kind, claim.unit) == (
        figure, value, "percent", unit,
    )  # fmt: skip


@pytest.mark.parametrize(("word", "qualifier"), sorted(QUALIFIER_WORDS.items()))
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
    ],
)
def test_qualifier_must_govern_the_figure(text: str, qualifier: str) -> None:
    assert only(text).qualifier == qualifier
