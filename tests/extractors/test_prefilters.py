"""Cheap tests that skip a regular expression never change what the expression finds.

Each pre-filtered function is compared with the plain search it replaces, on
every dev-set text and on sentences written to sit at the edges of the cues.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from extractors import context
from extractors.patterns import fold

DEVSET = Path(__file__).parent / "devset.yaml"
EDGES = [
    "Sales rose, says Lu Wei, director of the agency.",
    "Sales rose, SAYS the report.",
    "The REPORT SHOWED a rise, the survey found.",
    "The report \u017fays sales rose.",
    "According to Reuters, it rose.",
    "according to the central bank, it rose.",
    "It rose, Mr Li added.",
    "It rose, estimated Lu Wei.",
    "The ministry reported a rise.",
    "Prices rose between January and October 2015.",
    "Prices rose from March to May.",
    "Sales in 2014 rose; in fiscal 1999 they fell.",
    "Today it has 670 million users, up from last year.",
    "TODAY it has more; Last Month it had fewer; THIS YEAR more.",
    "Now it has more.",
    "It has more users currently.",
    "It has more users, as of this  year.",
    "",
]
TEXTS = [item["text"] for item in yaml.safe_load(DEVSET.read_text(encoding="utf-8"))] + EDGES


def _attribution_unfiltered(sentence: str) -> str | None:
    for pattern in context.ATTRIBUTION:
        if match := pattern.search(sentence):
            name = match[1].strip().rstrip(".")
            if name not in context.PRONOUNS:
                return name
    return None


def _period_unfiltered(sentence: str, published: dt.date | None) -> tuple[str | None, ...]:
    """Which pattern of period_of matches first, and what it captured."""
    for pattern in (context.BETWEEN_MONTHS, context.IN_YEAR, context.RELATIVE):
        if match := pattern.search(sentence):
            if pattern is context.RELATIVE and not published:
                continue
            return (pattern.pattern, *match.groups())
    return ()


@pytest.mark.parametrize("text", TEXTS)
def test_attribution_same_as_unfiltered(text: str) -> None:
    assert context.attribution(text) == _attribution_unfiltered(text)


@pytest.mark.parametrize("text", TEXTS)
def test_period_cues_hold_whenever_a_pattern_matches(text: str) -> None:
    first = _period_unfiltered(text, dt.date(2015, 12, 20))
    if not first:
        assert context.period_of(text, dt.date(2015, 12, 20)) is None
    if context.BETWEEN_MONTHS.search(text):
        assert "between" in text or "from" in text
    if context.IN_YEAR.search(text):
        assert "19" in text or "20" in text
    if context.RELATIVE.search(text):
        assert any(word in fold(text) for word in context.RELATIVE_WORDS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sales rose 5 percent, the report says.", "the report"),
        ("Sales rose, \u017fays Lu Wei.", None),
        ("According to Reuters, it rose.", "Reuters"),
        ("It rose.", None),
    ],
)
def test_attribution_table(text: str, expected: str | None) -> None:
    assert context.attribution(text) == expected
