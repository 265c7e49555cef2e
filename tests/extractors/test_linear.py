"""The extractor's time and memory grow linearly on hostile text (issue 13, High 3 and 4).

Hypothesis builds a short unit from pieces that once made the extractor
quadratic or worse (runs of spaces before no newline, "1," after "1,",
"$5 " and "5 тысяч " by the thousand, stops, hyphens, brackets, words with no
end) and repeats it to n and to 4n characters.  Linear work takes about 4x;
quadratic work 16x.  The criteria leave room for a shared, busy machine:

* memory: the ``tracemalloc`` peak at 4n is at most 6x the peak at n (plus
  1 MB for the tables loaded once); the peak is deterministic for a given text;
* time: the best of three CPU times at 4n is at most 8x the best of three at
  n, with n's time taken as at least 20 ms, so that a run too short to time
  cannot fail the test by noise alone.

The speed against prose is measured in ``bench/pathological_bench.py``, not here.
"""

from __future__ import annotations

import time
import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import extract
from extractors.sentences import MAX_SENTENCE, sentence_spans

PIECES = [
    " ", "  ", "\t", "\n", " \n", "\u00a0", "1", "9", "1,", "5", ",", ".", "...", "-", "–", "(",
    "[", ")", "]", "a", "A", "Ab", "$", "$5 ", "€", "%", "5 тысяч ", "тысяч", " million",
    " billion", " yuan", " percent", " of ", "number of ", "population ", "between ", " and ",
    " to ", "Mr. ", "one ", "’", "'", "\"", "2015", "U.S.", "e.g.", "said ", "China ",
]  # fmt: skip
units = st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join)

N = 16_000
"""Characters of the smaller text; the larger has four times as many."""


def repeated(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def best_cpu(text: str, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        extract(text, source_id="linear")
        best = min(best, time.process_time() - start)
    return best


def peak(text: str) -> int:
    tracemalloc.start()
    try:
        extract(text, source_id="linear")
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """Tables and patterns are built on first use: outside every measurement."""
    extract("China's 5 million people paid $3 (2 euros), up 4 percent.", source_id="warm")


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(units)
def test_memory_is_linear(unit: str) -> None:
    small, large = peak(repeated(unit, N)), peak(repeated(unit, 4 * N))
    assert large <= 6 * small + 1_000_000, (unit, small, large)


@pytest.mark.slow
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(units)
def test_time_is_linear(unit: str) -> None:
    small, large = best_cpu(repeated(unit, N)), best_cpu(repeated(unit, 4 * N))
    assert large <= 8 * max(small, 0.02), (unit, small, large)


@pytest.mark.parametrize(
    "text",
    [
        " " * 100_000,  # the sentence boundary once retried the run from every space
        "." * 100_000,
        "1," * 50_000,  # unit_before once rescanned the sentence for every figure
        "$5 " * 30_000,  # every claim once held its own copy of a 100 KB sentence
        "5 тысяч " * 12_000,
        "x" * 100_000,
        "A" + "b" * 100_000,
    ],
    ids=["spaces", "dots", "1,", "$5", "5 тысяч", "word", "Capitalised word"],
)
def test_every_quote_is_bounded(text: str) -> None:
    """A "sentence" of 100 KB is cut into pieces: no quote is longer than the cap."""
    assert all(end - start <= MAX_SENTENCE for start, end in sentence_spans(text))
    claims = extract(text, source_id="bounded")
    assert all(len(c.quote) <= MAX_SENTENCE + 40 for c in claims)
    quotes = {id(c.quote) for c in claims}
    assert len(quotes) <= len(text) // (MAX_SENTENCE // 2) + 1  # shared within a sentence


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("word " * 300, 2),  # 1,500 characters without a stop: cut at a space
        ("1," * 1_000, 2),  # no space: cut after a comma
        ("y" * 2_500, 3),  # one word: cut at the limit
        ("It rose 5%. " * 10, 10),  # real sentences are left alone
    ],
)
def test_long_sentences_are_cut_where_a_reader_would(text: str, pieces: int) -> None:
    spans = sentence_spans(text)
    assert len(spans) == pieces
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == text.replace(" ", "")
