"""Stage 5: numbers that are not statistics yield no claim; durations are durations."""

from __future__ import annotations

import pytest

from extractors import extract
from tests.extractors.helpers import only


@pytest.mark.parametrize(
    "text",
    [
        "The law was passed in 2015.",
        "It has grown since 1994.",
        "It was the 2020 election.",
        "Prices peaked in the 1990s.",
        "Sales rose between 2010 and 2015.",
        "The 2022/23 season starts soon.",
        "The summit was held between Dec 16 and 18.",
        "Talks resume on 15-16 October.",
        "Updated: 2015-12-20 09:59",
        "The meeting starts at 3 pm.",
        "It was the second conference.",
        "She finished in 3rd place.",
        "The team is ranked 12th.",
        "China Telecom's 5G network and its 4G network.",
        "The G20 met at COP28.",
        "He upgraded to Windows 10 and bought an iPhone 15.",
        "Deaths from COVID-19 fell.",
        "The Boeing 737 Max was grounded.",
        "The S&P 500 and the FTSE 100 rose.",
        "PM2.5 levels were high.",
        "The strain is H5N1.",
        "It is part of the 13th Five-Year Plan (2016-20).",
        "Saudi Arabia's Vision 2030 was launched.",
        "Call police on 101 or 0800 555 111.",
        "Call +44 20 7946 0958 for details.",
        "See page 12 and Section 230.",
        "Article 50 was triggered.",
        "He lives at 10 Downing Street.",
        "The service runs 24/7.",
        "Chelsea beat Arsenal 2-1.",
        "They signed a five-year plan.",
        "We don't often see leaders articulate a 10- to 20-year plan.",
        "Think about the Internet 10 years from now.",
        "Over the next five years it will grow.",
        "In the three months to June it grew.",
        "Hundreds of people and tens of thousands of fans came.",
        "One of the leaders spoke.",
        "It is version 3.2.1 of the software.",
    ],
)
def test_not_statistics(text: str) -> None:
    assert [text[c.start : c.end] for c in extract(text)] == []


@pytest.mark.parametrize(
    ("text", "figure", "value", "unit"),
    [
        ("China connected to the Internet 21 years ago.", "21 years", 21, "years"),
        ("The strike lasted 47 days.", "47 days", 47, "days"),
        ("He spent three weeks in hospital.", "three weeks", 3, "weeks"),
    ],
)
def test_durations(text: str, figure: str, value: float, unit: str) -> None:
    claim = only(text)
    assert (text[claim.start : claim.end], claim.value, claim.kind, claim.unit) == (
        figure, value, "duration", unit,
    )  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "The canal opened in 1869.",
        "The railway was built in 1800.",
        "Records for the station begin in 1850.",
        "The law dates from 1899.",
        "The plan aims to restore the wetlands by 2120.",
    ],
)
def test_years_from_1800_are_not_figures(text: str) -> None:
    assert extract(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The deal was announced at 0401 GMT on Tuesday.",
        "Markets in Tokyo closed at 1530 local time.",
        "The filing is at https://example.com/report%202024%20final.pdf today.",
        "Prescott (4) and Lamb (88) combined for the touchdown.",
        "The 787 Dreamliner resumed deliveries.",
        "Boeing grounded its 737 Max fleet.",
        "Sales peaked during the 618 shopping festival.",
        "The offices are at 16-18 Industrial Avenue.",
        "The bottom three clubs are relegated.",
        "No one was hurt in the blast.",
        "One day, officials say, the line will reach the coast.",
        "The G7 met at COP28.",
    ],
)
def test_news_shapes_that_are_not_statistics(text: str) -> None:
    assert extract(text) == []


def test_a_url_escape_next_to_a_real_percentage() -> None:
    text = "Inflation was 3.1% (source: https://stats.example/cpi?x=%20)."
    assert [(text[c.start : c.end], c.value) for c in extract(text)] == [("3.1%", 3.1)]
