"""Precision and recall on the labelled dev set and the regressions, with the shared scoring."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from dataset import Claim
from dataset.validate import check_claim
from extractors import extract
from extractors.scoring import Score, Scored, gold_of, same_unit, score

HERE = Path(__file__).parent
DEVSET = yaml.safe_load((HERE / "devset.yaml").read_text(encoding="utf-8"))
REGRESSIONS = yaml.safe_load((HERE / "regressions.yaml").read_text(encoding="utf-8"))
HELDOUT = yaml.safe_load((HERE / "heldout.yaml").read_text(encoding="utf-8"))
HELDOUT_BAR = {"f1": 0.90, "units": 0.70}
"""Floors against regressions only: held-out items are measured, never tuned on
(measured 2026-11-29: F1 0.954, P 0.934, R 0.975; units 70/92 = 0.761)."""
BAR = {"precision": 0.95, "recall": 0.95}


def item_score(item: dict) -> Score:
    text = item["text"]
    predicted = [Scored(c.start, c.end, c.value) for c in extract(text)]
    return score(predicted, gold_of(text, item["claims"]))


@pytest.mark.parametrize(("name", "items"), [("devset", DEVSET), ("regressions", REGRESSIONS)])
def test_precision_and_recall(name: str, items: list[dict]) -> None:
    total = sum((item_score(item) for item in items), Score())
    assert total.gold > 0
    assert total.precision >= BAR["precision"], f"{name}: {total}"
    assert total.recall >= BAR["recall"], f"{name}: {total}"


@pytest.mark.parametrize("item", REGRESSIONS, ids=lambda item: item["id"])
def test_regression_item_exact(item: dict) -> None:
    result = item_score(item)
    assert result.true_positives == result.predicted == result.gold


def test_traps_yield_nothing() -> None:
    traps = [item for item in DEVSET if not item["claims"]]
    assert traps
    noisy = [(i["id"], [i["text"][c.start : c.end] for c in extract(i["text"])]) for i in traps]
    assert [n for n in noisy if n[1]] == []


def matched(items: list[dict]) -> Iterator[tuple[dict, Claim]]:
    """(label, extracted claim) for every labelled claim the extractor found."""
    for item in items:
        text = item["text"]
        got = extract(text)
        for gold, where in zip(item["claims"], gold_of(text, item["claims"]), strict=True):
            hit = next((c for c in got if c.start < where.end and where.start < c.end), None)
            if hit is not None:
                yield gold, hit


def test_kinds_and_currencies_agree_with_labels() -> None:
    """Beyond matching spans: kind, currency and qualifier of matched claims, at 95%."""
    pairs = list(matched(DEVSET))
    agree = sum(
        (hit.kind, hit.currency, hit.qualifier)
        == (gold["kind"], gold.get("currency"), gold["qualifier"])
        for gold, hit in pairs
    )
    assert pairs and agree / len(pairs) >= 0.95, f"{agree}/{len(pairs)}"


UNIT_BAR = 0.85
"""Share of labelled units matched (`same_unit`); measured 121/140 = 0.864 (was 79/140)."""


def test_units_agree_with_labels() -> None:
    """What is counted: the unit of matched claims names what the label names."""
    agree, total = _unit_agreement(DEVSET)
    assert total >= 100 and agree / total >= UNIT_BAR, f"{agree}/{total}"


def test_every_claim_validates() -> None:
    for item in DEVSET:
        for claim in extract(item["text"], source_id="dev"):
            assert check_claim(claim, item["text"]) == [], (item["id"], claim.span)


def _unit_agreement(items: list[dict]) -> tuple[int, int]:
    """(agreeing, labelled) units of the matched claims whose label gives a unit."""
    units = [same_unit(hit.unit, gold["unit"]) for gold, hit in matched(items) if "unit" in gold]
    return sum(units), len(units)


def test_heldout_scores_stay_above_their_floors() -> None:
    total = sum((item_score(item) for item in HELDOUT), Score())
    agree, labelled = _unit_agreement(HELDOUT)
    assert total.gold >= 150 and labelled >= 80
    assert total.f1 >= HELDOUT_BAR["f1"], f"held-out: {total}"
    assert agree / labelled >= HELDOUT_BAR["units"], f"held-out units: {agree}/{labelled}"
