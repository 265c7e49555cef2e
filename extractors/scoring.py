"""Precision and recall of predicted claims against labelled ones (test and bench share it).

A prediction matches a gold claim when their spans overlap and their values
agree within 1% (relative); each gold claim matches at most once.  Stated
conversions belong to their claim, so a tool that reports ``$455 billion``
as a claim of its own scores a false positive.  The *strict* score also asks
that kind and currency agree, as the issue-11 measurement did: "$455 billion"
read as a count of 455e9 is a miss and a false hit.

>>> gold = [Scored(0, 11, 670e6)]
>>> score([Scored(0, 11, 670e6), Scored(20, 22, 7)], gold)
Score(true_positives=1, predicted=2, gold=1)
>>> score([Scored(0, 4, 5, "count")], [Scored(0, 4, 5, "money", "USD")], strict=True)
Score(true_positives=0, predicted=1, gold=1)
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

TOLERANCE = 0.01


@dataclass(frozen=True)
class Scored:
    """What scoring needs of a claim: its span and value (kind and currency for strict scores)."""

    start: int
    end: int
    value: float
    kind: str | None = None
    currency: str | None = None


@dataclass(frozen=True)
class Score:
    """Counts for precision, recall and F1; add scores of many items with ``+``."""

    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.true_positives + other.true_positives,
            self.predicted + other.predicted,
            self.gold + other.gold,
        )

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def values_agree(a: float, b: float) -> bool:
    """Within 1% relative (or both zero).

    >>> values_agree(66.6667, 200 / 3), values_agree(7, 7.5)
    (True, False)
    """
    return math.isclose(a, b, rel_tol=TOLERANCE, abs_tol=1e-9)


def matches(predicted: Scored, gold: Scored, strict: bool = False) -> bool:
    """Spans overlap and values agree (and, when ``strict``, kind and currency)."""
    overlap = predicted.start < gold.end and gold.start < predicted.end
    if strict and (predicted.kind, predicted.currency) != (gold.kind, gold.currency):
        return False
    return overlap and values_agree(predicted.value, gold.value)


def score(predicted: Sequence[Scored], gold: Sequence[Scored], strict: bool = False) -> Score:
    """Greedy one-to-one matching in text order."""
    used: set[int] = set()
    hits = 0
    for p in predicted:
        for i, g in enumerate(gold):
            if i not in used and matches(p, g, strict):
                used.add(i)
                hits += 1
                break
    return Score(hits, len(predicted), len(gold))


def gold_of(text: str, claims: Iterable[dict]) -> list[Scored]:
    """Gold claims of a dev-set item (``figure`` located in ``text``) as ``Scored``.

    >>> [s.start for s in gold_of("7% and 7%.", [{"figure": "7%", "value": 7}] * 2)]
    [0, 7]
    >>> gold_of("cut 25 bps", [{"figure": "25 bps", "value": -0.25, "kind": "percent",
    ...                          "unit": "percentage points"}])
    [Scored(start=4, end=10, value=-25.0, kind='basis_points', currency=None)]
    """
    found: list[Scored] = []
    seen: dict[str, int] = {}
    for claim in claims:
        figure = str(claim["figure"])
        start = text.find(figure, seen.get(figure, 0))
        if start < 0:
            start = text.find(figure)
        seen[figure] = start + len(figure)
        kind, value = label_kind(claim)
        found.append(Scored(start, start + len(figure), value, kind, claim.get("currency")))
    return found


BASIS_POINTS = re.compile(r"basis|bps?\b", re.IGNORECASE)


def label_kind(claim: dict) -> tuple[str | None, float]:
    """A label's kind and value in the schema's terms.

    The first dev and held-out sets were labelled before percentage and basis
    points were kinds of their own: there "25 basis points" is ``percent``
    0.25 with ``unit: percentage points``.  The news sets label them as the
    schema does (``basis_points`` 25), and this reads the old labels so.

    >>> label_kind({"figure": "2.1pp", "value": 2.1, "kind": "percent",
    ...             "unit": "percentage points"})
    ('percentage_points', 2.1)
    """
    kind, value = claim.get("kind"), float(claim["value"])
    if kind == "percent" and claim.get("unit") == "percentage points":
        if BASIS_POINTS.search(str(claim["figure"])):
            return "basis_points", round(value * 100, 9)
        return "percentage_points", value
    return kind, value


PERCENT_OF = re.compile(r"^(?:percent(?:age)?\s+of\s+)?(?:the\s+)?", re.IGNORECASE)


def label_unit(claim: dict) -> str | None:
    """A label's unit in the schema's terms: old basis-point labels say "percentage points".

    >>> label_unit({"figure": "25 bps", "value": 0.25, "kind": "percent",
    ...             "unit": "percentage points"})
    'basis points'
    """
    if label_kind(claim)[0] == "basis_points":
        return "basis points"
    return claim.get("unit")


def same_unit(got: str | None, gold: str) -> bool:
    """Whether a predicted unit names what the label names.

    Case is ignored, and so is a leading "percent of" or "the": the dev set
    labels a share by what it is a share of ("respondents") or with the words
    ("percent of the vote"), and both say the same.

    >>> same_unit("percent of vote", "percent of the vote"), same_unit("Websites", "websites")
    (True, True)
    >>> same_unit("people marched", "people"), same_unit(None, "people")
    (False, False)
    """
    if not got:
        return False
    return PERCENT_OF.sub("", got.strip()).lower() == PERCENT_OF.sub("", gold.strip()).lower()
