"""Every labelled item is its own test: the extractor gets it exactly, or it is a known miss.

Developed on: ``devset.yaml`` and ``news_dev.yaml``.  Evaluated on (measured,
never tuned on): ``heldout.yaml`` and ``news_heldout.yaml``.  Bugs caught in
the wild: ``regressions.yaml``.  An item is exact when every label is found
with its value, kind and currency, nothing else is found, and each labelled
unit is named (``tests.extractors.labelled.problems``).  The items that are
not are listed with the reason in ``known_misses.yaml`` and marked
``xfail(strict=True)``: a fix shows as an XPASS failure, and any other item
that breaks fails.
"""

from __future__ import annotations

import pytest

from dataset.validate import check_claim
from extractors import extract
from tests.extractors.labelled import SETS, items, known_misses, problems


def _cases() -> list:
    misses = known_misses()
    cases = []
    for name in SETS:
        for item in items(name):
            marks = []
            if item["id"] in misses:
                marks.append(pytest.mark.xfail(strict=True, reason=misses[item["id"]]))
            cases.append(pytest.param(item, id=item["id"], marks=marks))
    return cases


@pytest.mark.parametrize("item", _cases())
def test_item_is_extracted_exactly(item: dict) -> None:
    assert problems(item) == []


def test_known_misses_name_labelled_items() -> None:
    ids = {item["id"] for name in SETS for item in items(name)}
    assert set(known_misses()) <= ids
    assert all(reason.strip() for reason in known_misses().values())


@pytest.mark.parametrize("name", list(SETS))
def test_every_claim_validates(name: str) -> None:
    """Whatever the extractor finds is a valid claim of its text (spans, quote, schema)."""
    for item in items(name):
        for claim in extract(item["text"], source_id="dev"):
            assert check_claim(claim, item["text"]) == [], (item["id"], claim.span)
