"""Arbitrary input never breaks the extractor, and spans always point at the figure."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dataset.validate import check_claim, looks_like_figure
from extractors import extract

PIECES = [
    "0", "7", "1,250", "4.13", "-", "+", "–", ".", ",", "%", " ", " ", "  ", "\n", "(", ")", ";",
    "$", "US$", "HK$", "€", "£", "¥", "₹", "RMB ", "USD ", " yuan", " euros", " million",
    " billion", "bn", "m", "k", "one", "twenty-one", "three hundred", " and ", " to ", "half",
    "a quarter", "one-fourth", " in ", " of ", "between ", "about ", "more than ", "fell ",
    "percent", " per cent", " percentage points", " years", " ago", "Dec ", "2015", "4G",
    "13th", "-year", "Windows ", "or about ", "'s", "\u00a0", "٣", "½", "\u200b",
]  # fmt: skip
mixtures = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def check(text: str) -> None:
    for claim in extract(text, source_id="fuzz"):
        assert 0 <= claim.start < claim.end <= len(text)
        written = text[claim.start : claim.end]
        assert looks_like_figure(written), written
        assert check_claim(claim, text) == [], (text, claim.span)
        for eq in claim.equivalents:
            assert eq.span is not None and 0 <= eq.span[0] < eq.span[1] <= len(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_arbitrary_unicode(text: str) -> None:
    check(text)


@pytest.mark.slow  # hypothesis: 600 generated mixtures, each extracted
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mixtures)
def test_mixtures_of_numbers_words_symbols(text: str) -> None:
    check(text)


@pytest.mark.parametrize(
    "text",
    ["9" * 400, "9" * 400 + " trillion", "1" + ",000" * 120, "$" + "9" * 310 + "bn",
     "." + "5" * 500 + "%", "between 1 and " + "9" * 400, "£1bn (" + "9" * 400 + " euros)",
     "", " ", "\x00\ud7ff\uffff", "1" * 100_000],
)  # fmt: skip
def test_extreme_inputs(text: str) -> None:
    check(text)


def test_time_is_linear() -> None:
    """Ten times the text takes about ten times as long (no backtracking blow-up).

    CPU time, not wall time: the machine is shared. The bound is loose (25x for 10x
    input) because one run is short; catastrophic backtracking would be far beyond it.
    """
    unit = (
        "China has 670 million Internet users, about one-fourth of the total, and more than "
        "4.13 million websites; retailers made 2.95 trillion yuan ($455 billion) in 2015. "
        "1,1,1,1,1,1,1,1 ------- $$$$ 9999999999999 between between one one one in in of "
    )

    def seconds(n: int) -> float:
        text = unit * n
        start = time.process_time()
        extract(text)
        return time.process_time() - start

    small, large = seconds(200), seconds(2000)
    assert large < 25 * max(small, 1e-3), (small, large)
