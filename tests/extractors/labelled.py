"""The labelled sets as named examples: load them, and say how one item comes out.

Five files, one format (tests/extractors/README.md):

| set | file | use |
| --- | --- | --- |
| dev | devset.yaml | developed on |
| held-out | heldout.yaml | written blind, measured only |
| news dev | news_dev.yaml | issue-11 shapes, developed on |
| news held-out | news_heldout.yaml | issue-11 shapes, measured only |
| regressions | regressions.yaml | bugs caught in the wild, with their origin |

An item passes when every label is found with its value, kind and currency
(the strict score), nothing else is found, and every labelled unit is named.
``known_misses.yaml`` lists the items that do not, each with the reason; the
tests mark them ``xfail(strict=True)`` so a fix shows and a regression fails.
"""

from __future__ import annotations

import functools
from pathlib import Path

from dataset.yamlio import parse_yaml
from extractors import extract
from extractors.scoring import Scored, gold_of, label_unit, same_unit, score

HERE = Path(__file__).resolve().parent
SETS: dict[str, str] = {
    "dev": "devset.yaml",
    "held-out": "heldout.yaml",
    "news dev": "news_dev.yaml",
    "news held-out": "news_heldout.yaml",
    "regressions": "regressions.yaml",
}
KNOWN_MISSES = HERE / "known_misses.yaml"


def load_yaml(path: Path) -> object:
    """One test data file, through the dataset's own safe reader (libyaml underneath:
    the sets are ~200 KB, and the pure-Python loader took seconds of every worker's
    collection)."""
    parsed, problems = parse_yaml(path.read_bytes(), path.name)
    assert parsed is not None and not problems, problems
    return parsed.data


@functools.cache
def items(name: str) -> tuple[dict, ...]:
    """The items of one labelled set, in file order."""
    return tuple(load_yaml(HERE / SETS[name]))


@functools.cache
def known_misses() -> dict[str, str]:
    """Item id -> why the extractor gets it wrong (known_misses.yaml)."""
    entries = load_yaml(KNOWN_MISSES) or []
    return {entry["id"]: entry["reason"] for entry in entries}


def problems(item: dict) -> list[str]:
    """What the extractor gets wrong on one item; empty when it is exact.

    >>> problems({"text": "Sales fell 3.2 percent.", "claims": [{"figure": "3.2 percent",
    ...           "value": -3.2, "kind": "percent", "qualifier": "exact"}]})
    []
    """
    text = item["text"]
    claims = extract(text)
    predicted = [Scored(c.start, c.end, c.value, c.kind, c.currency) for c in claims]
    gold = gold_of(text, item["claims"])
    found: list[str] = []
    for label, where in zip(item["claims"], gold, strict=True):
        if score(predicted, [where], strict=True).true_positives == 0:
            found.append(f"missed {label['figure']!r} ({_show(where)})")
            continue
        unit = label_unit(label)
        hit = next(c for c in claims if c.start < where.end and where.start < c.end)
        if unit is not None and not same_unit(hit.unit, unit):
            found.append(f"unit of {label['figure']!r}: {hit.unit!r}, label {unit!r}")
    for guess in predicted:
        if score([guess], gold, strict=True).true_positives == 0:
            found.append(f"extra {text[guess.start : guess.end]!r} ({_show(guess)})")
    return found


def _show(scored: Scored) -> str:
    money = f" {scored.currency}" if scored.currency else ""
    return f"{scored.value:g} {scored.kind}{money}"
