"""Consistency checks: exchange rates, totals implied by shares, parts implied by fractions."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.checks import all_checks, rate_checks, share_checks
from dataset import load_dataset
from tests.conftest import DATA


def money_row(ident: str, currency: str, value: float, equivalents: list[tuple[float, str]]):
    return {
        "id": ident,
        "source": "s",
        "subject": ident,
        "kind": "money",
        "currency": currency,
        "value": value,
        "equivalents": [{"value": v, "currency": c, "span": None} for v, c in equivalents],
    }


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([money_row("a", "CNY", 2.95e12, [(455e9, "USD")])], [("6.48 CNY per USD", True)]),
        (
            [money_row("a", "CNY", 2.95e12, [(455e9, "USD"), (416e9, "EUR")])],
            [("6.48 CNY per USD", True), ("7.09 CNY per EUR", True)],
        ),
        (  # two articles agree within 10%
            [
                money_row("a", "CNY", 6.5e9, [(1e9, "USD")]),
                money_row("b", "CNY", 6.8e9, [(1e9, "USD")]),
            ],
            [("6.5 CNY per USD", True), ("6.8 CNY per USD", True)],
        ),
        (  # a third disagrees wildly: a misplaced scale word, flagged
            [
                money_row("a", "CNY", 6.5e9, [(1e9, "USD")]),
                money_row("b", "CNY", 6.6e9, [(1e9, "USD")]),
                money_row("c", "CNY", 6.5e9, [(1e6, "USD")]),
            ],
            [("6.5 CNY per USD", True), ("6.6 CNY per USD", True), ("6,500 CNY per USD", False)],
        ),
        ([money_row("a", "CNY", 1e9, [])], []),
    ],
)
def test_rate_checks(rows: list[dict], expected: list[tuple[str, bool]]) -> None:
    checks = rate_checks(pd.DataFrame(rows))
    assert [(c.result, c.ok) for c in checks] == expected
    for check in checks:
        assert "÷" in check.arithmetic and "per" in check.arithmetic


def share_frame(text: str, figures: list[tuple[str, str, float, str]]) -> pd.DataFrame:
    """Claims of one sentence: (figure as written, kind, value, unit), spans found in text."""
    rows = []
    for i, (written, kind, value, unit) in enumerate(figures):
        start = text.index(written)
        rows.append(
            {
                "id": f"c{i}",
                "source": "s",
                "quote": text,
                "subject": unit,
                "kind": kind,
                "currency": None,
                "value": value,
                "measure": "level",
                "qualifier": "exact",
                "unit": unit,
                "start": start,
                "end": start + len(written),
            }
        )
    return pd.DataFrame(rows)


@pytest.mark.parametrize(
    ("text", "figures", "expected"),
    [
        (
            "It has 670 million Internet users, about one-fourth of the global total.",
            [("670 million", "count", 670e6, "users"), ("one-fourth", "percent", 25.0, "percent")],
            [("total implied by a share", "about 2.68 billion users in all", True)],
        ),
        (
            "2,000 people attended, half of them from overseas.",
            [("2,000", "count", 2000.0, "people"), ("half", "percent", 50.0, "percent")],
            [("part implied by a fraction", "about 1,000 people", True)],
        ),
        (
            "It has 250 million users, and the sector is 7 percent of GDP.",
            [("250 million", "count", 250e6, "users"), ("7 percent", "percent", 7.0, "percent")],
            [],  # a share of GDP is not a share of the users: no pairing
        ),
        (
            "It has 300 users, 120 percent of the world total.",
            [("300", "count", 300.0, "users"), ("120 percent", "percent", 120.0, "percent")],
            [("total implied by a share", "about 250 users in all", False)],
        ),
        (
            "Half of them came; 2,000 people attended.",
            [("2,000", "count", 2000.0, "people"), ("Half", "percent", 50.0, "percent")],
            [],  # the count comes after the fraction: nothing to take half of
        ),
    ],
)
def test_share_checks(text: str, figures: list, expected: list) -> None:
    checks = share_checks(share_frame(text, figures), {"s": text})
    assert [(c.rule, c.result, c.ok) for c in checks] == expected


def test_seed_checks_show_the_issue_arithmetic() -> None:
    ds = load_dataset(DATA)
    approved = ds.claims[ds.claims["status"] == "approved"]
    checks = all_checks(approved, ds.models.texts)
    results = {c.result for c in checks}
    assert {"6.48 CNY per USD", "7.09 CNY per EUR"} <= results
    assert "about 2.68 billion Internet users in all" in results
    assert "about 1,000 people" in results
    assert all(c.ok for c in checks)


SHARE_TEXTS = [
    (
        "It has 670 million Internet users, about one-fourth of the global total.",
        [("670 million", "count", 670e6, "users"), ("one-fourth", "percent", 25.0, "percent")],
    ),
    (
        "2,000 people attended, half of them from overseas, with 300 firms.",
        [
            ("2,000", "count", 2000.0, "people"),
            ("half", "percent", 50.0, "percent"),
            ("300", "count", 300.0, "firms"),
        ],
    ),
    (
        "It has 300 users, 120 percent of the world total.",
        [("300", "count", 300.0, "users"), ("120 percent", "percent", 120.0, "percent")],
    ),
    (
        "It has 250 million users, and the sector is 7 percent of GDP.",
        [("250 million", "count", 250e6, "users"), ("7 percent", "percent", 7.0, "percent")],
    ),
]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_share_checks_of_many_articles_are_those_of_each(seed: int) -> None:
    """Pairs are found within one quote of one source, whatever else the frame holds and in
    whatever order: the checks of a frame of many articles are each article's, in the order
    of their shares."""
    frames, texts = [], {}
    for s in range(6):
        text, figures = SHARE_TEXTS[(s + seed) % len(SHARE_TEXTS)]
        frame = share_frame(text, figures).assign(source=f"s{s}")
        frames.append(frame.assign(id=[f"s{s}-{i}" for i in frame["id"]]))
        texts[f"s{s}"] = text
    whole = pd.concat(frames).sample(frac=1, random_state=seed).reset_index(drop=True)
    each = {
        c.claim_ids[-1]: c for frame in frames for c in share_checks(frame, texts)
    }  # keyed by the share's id
    shares = [i for i, k in zip(whole["id"], whole["kind"], strict=True) if k == "percent"]
    expected = [each[i] for i in shares if i in each]
    assert share_checks(whole, texts) == expected
    assert len(expected) >= 3


def test_rate_checks_of_many_pairs_are_those_of_each_pair() -> None:
    """Rates are compared per pair of currencies only, whatever else the frame holds."""
    rows = [
        money_row("a", "CNY", 6.5e9, [(1e9, "USD"), (0.9e9, "EUR")]),
        {**money_row("x", "USD", 1e9, []), "kind": "count"},
        money_row("b", "EUR", 1e9, [(1.1e9, "USD")]),
        money_row("c", "CNY", 6.6e9, [(1e9, "USD")]),
        money_row("d", "CNY", 6.5e9, [(1e6, "USD")]),
        money_row("e", "EUR", 1e9, [(1.12e9, "USD")]),
    ]
    whole = [(c.result, c.ok) for c in rate_checks(pd.DataFrame(rows))]
    assert whole == [
        ("6.5 CNY per USD", True),
        ("7.22 CNY per EUR", True),
        ("0.91 EUR per USD", True),
        ("6.6 CNY per USD", True),
        ("6,500 CNY per USD", False),
        ("0.89 EUR per USD", True),
    ]
