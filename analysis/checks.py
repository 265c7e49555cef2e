"""Consistency checks computed from the data, each with its arithmetic written out.

Three generic rules, driven by the tables below rather than by the seed:

* **exchange rates**: a money claim with stated equivalents implies a rate
  per pair of currencies ("CN¥2.95 trillion = $455 billion -> 6.48 CNY per
  USD"); rates for the same pair that disagree by more than ``RATE_TOLERANCE``
  are flagged.
* **totals implied by shares**: a percent claim followed by words such as
  "of the global total" is a share of a whole whose part is the nearest
  count before it in the same sentence (670 million ≈ 25% -> total about
  2.68 billion).
* **parts implied by fractions**: a percent claim followed by "of them"
  takes a part of the nearest count before it (half of 2,000 -> about 1,000).

A share below 0% or above 100%, or rates that disagree, are flagged.

The rules themselves (which figures imply which) live in ``dataset/implied.py``,
where the store's build applies them once (the ``checks`` table of ``store.duckdb``); here they are
applied to a claims frame, and each check gets its arithmetic written out:
``rate_check`` and ``share_check`` word a fact the same way whichever path
found it (``stored_checks``: the rows ``ClaimQuery.checks`` gives).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.format import bare_figure, money, plain_number, scaled_number
from dataset.implied import (
    PART_KINDS,
    RATE_TOLERANCE,
    SHARE_KINDS,
    nearest,
    pair_candidates,
    rate_facts,
    share_relation,
    words_after,
)

APPROX_WORDS: dict[str, str] = {
    "more_than": "more than",
    "at_least": "at least",
    "less_than": "less than",
    "at_most": "at most",
}


@dataclass(frozen=True)
class Check:
    """One check: what was compared, the arithmetic, and whether it holds."""

    rule: str
    subject: str
    arithmetic: str
    result: str
    ok: bool
    claim_ids: tuple[str, ...]
    source: str
    problem: str = ""
    details: dict = field(default_factory=dict, compare=False)


def rate_checks(claims: pd.DataFrame) -> list[Check]:
    """Exchange rates implied by stated conversions, flagged when a pair disagrees.

    >>> frame = pd.DataFrame({"id": ["a"], "source": ["s"], "subject": ["Sales"],
    ...     "kind": ["money"], "currency": ["CNY"], "value": [2.95e12],
    ...     "equivalents": [[{"value": 455e9, "currency": "USD", "span": None}]]})
    >>> [c.result for c in rate_checks(frame)]
    ['6.48 CNY per USD']
    """
    # only the rows that state a conversion become dicts: all money rows were too slow
    money_rows = np.flatnonzero((claims["kind"].astype("object") == "money").to_numpy())
    equivalents = claims["equivalents"].iloc[money_rows]
    stated = [i for i, e in zip(money_rows, equivalents, strict=True) if e]
    columns = ["id", "source", "subject", "currency", "value", "equivalents"]
    found = rate_facts(claims[columns].iloc[stated].to_dict(orient="records"))
    by_pair: dict[tuple[str, str], list[float]] = defaultdict(list)
    for fact in found:
        by_pair[(fact["currency"], fact["eq_currency"])].append(fact["rate"])
    medians = {pair: statistics.median(rates) for pair, rates in by_pair.items()}
    return [rate_check(f, medians[(f["currency"], f["eq_currency"])]) for f in found]


def rate_check(fact: Mapping, median: float) -> Check:
    """One stated conversion's rate (``dataset.implied.rate_facts``) against the median
    rate of its pair of currencies among the figures shown."""
    base, quote, rate = fact["currency"], fact["eq_currency"], float(fact["rate"])
    spread = abs(rate - median) / median
    ok = spread <= RATE_TOLERANCE
    return Check(
        rule="exchange rate",
        subject=str(_present(fact.get("subject")) or fact["id"]),
        arithmetic=(
            f"{money(fact['value'], base)} ÷ {money(fact['eq_value'], quote)} "
            f"= {plain_number(rate, 4 if rate < 10 else 2)} {base} per {quote}"
        ),
        result=f"{plain_number(rate)} {base} per {quote}",
        ok=ok,
        claim_ids=(str(fact["id"]),),
        source=str(fact["source"]),
        problem=""
        if ok
        else (
            f"{spread:.0%} away from the median {plain_number(median)} {base} per "
            f"{quote} stated elsewhere"
        ),
        details={"base": base, "quote": quote, "rate": rate},
    )


def _present(value: object) -> object:
    """None for a missing value (pandas' NA or NaN included), else the value."""
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def _pairs(claims: pd.DataFrame, texts: dict[str, str]) -> list[tuple[dict, dict, str]]:
    """(count, percent, relation) for each percent claim whose words say what it is a share of.

    The words after every share are read first; only the shares they match, and the
    counts quoted with those, become dicts (every row as a dict was seconds a rerun).
    """
    kinds = claims["kind"].astype("object").to_numpy()
    steady = claims["measure"].astype("object").to_numpy() == "level"
    shares = np.flatnonzero(np.isin(kinds, SHARE_KINDS) & steady)
    relations: dict[int, str] = {}
    sources, ends = (claims[column].iloc[shares].tolist() for column in ("source", "end"))
    for i, (source, end) in enumerate(zip(sources, ends, strict=True)):
        relation = share_relation(words_after(texts.get(source, ""), end))
        if relation:
            relations[i] = relation
    if not relations:
        return []
    matched = claims.iloc[shares[list(relations)]].to_dict(orient="records")
    for share, relation in zip(matched, relations.values(), strict=True):
        share["relation"] = relation
    wanted = {(share["source"], share["quote"]) for share in matched}
    levels = np.flatnonzero(np.isin(kinds, PART_KINDS) & steady)
    keys = zip(
        *(claims[column].iloc[levels].tolist() for column in ("source", "quote")), strict=True
    )
    quoted = [i for i, key in enumerate(keys) if key in wanted]
    counts = claims.iloc[levels[quoted]].to_dict(orient="records")
    return [
        (count, share, share["relation"])
        for share, count in nearest(pair_candidates(matched, counts))
    ]


def share_checks(claims: pd.DataFrame, texts: dict[str, str]) -> list[Check]:
    """Totals implied by shares and parts implied by fractions, with their arithmetic.

    >>> text = "It has 670 million users, about one-fourth of the global total."
    >>> frame = pd.DataFrame({"id": ["n", "p"], "source": ["s", "s"], "quote": [text, text],
    ...     "subject": ["Users", "Share"], "kind": ["count", "percent"],
    ...     "currency": [None, None], "value": [670e6, 25.0], "measure": ["level", "level"],
    ...     "qualifier": ["exact", "approximate"], "unit": ["users", "percent"],
    ...     "start": [7, 32], "end": [18, 42]})
    >>> [(c.rule, c.result) for c in share_checks(frame, {"s": text})]
    [('total implied by a share', 'about 2.68 billion users in all')]
    """
    return [share_check(count, share, relation) for count, share, relation in _pairs(claims, texts)]


def share_check(count: Mapping, share: Mapping, relation: str) -> Check:
    """The total (``relation`` "total") or the part ("part") a share implies of ``count``."""
    pct = float(share["value"])
    fraction = pct / 100
    currency = _present(count.get("currency"))
    known = bare_figure(float(count["value"]), str(count["kind"]), currency)
    unit = "" if count["kind"] == "money" else f" {_present(count.get('unit')) or ''}".rstrip()
    ok = 0 < pct <= 100
    problem = "" if ok else f"a share of {plain_number(pct)}% is outside 0–100%"
    qualifier = APPROX_WORDS.get(str(count.get("qualifier")), "")
    prefix = f"{qualifier} " if qualifier else ""
    if relation == "total":
        implied = float(count["value"]) / fraction if fraction else float("nan")
        arithmetic = f"{prefix}{known} ÷ {plain_number(pct)}% = {_implied(implied, count)}"
        result = f"about {_implied(implied, count)}{unit} in all"
        rule = "total implied by a share"
    else:
        implied = float(count["value"]) * fraction
        arithmetic = f"{plain_number(pct)}% × {prefix}{known} = {_implied(implied, count)}"
        result = f"about {_implied(implied, count)}{unit}"
        rule = "part implied by a fraction"
    return Check(
        rule=rule,
        subject=str(_present(share.get("subject")) or share["id"]),
        arithmetic=arithmetic,
        result=result,
        ok=ok,
        claim_ids=(str(count["id"]), str(share["id"])),
        source=str(share["source"]),
        problem=problem,
        details={"implied": implied},
    )


def _implied(value: float, count: Mapping) -> str:
    if count["kind"] == "money":
        return money(value, _present(count.get("currency")))
    return scaled_number(value)


def all_checks(claims: pd.DataFrame, texts: dict[str, str]) -> list[Check]:
    """Every check over ``claims``: exchange rates, then shares and fractions."""
    return rate_checks(claims) + share_checks(claims, texts)


def flagged_first(checks: list[Check]) -> list[Check]:
    """The inconsistent checks first, each group in its own order (as the page lists them).

    >>> [c.ok for c in flagged_first([Check("r", "s", "", "", True, (), ""),
    ...     Check("r", "t", "", "", False, (), "")])]
    [False, True]
    """
    return [c for c in checks if not c.ok] + [c for c in checks if c.ok]


COUNT_PREFIX = "count_"
"""In ``ClaimQuery.checks``' rows, the columns of the figure a share is a share of."""
NAN = float("nan")
NUMBERS = frozenset({"value", "eq_value", "rate", "median", "count_value"})
"""Its columns of numbers: a missing one is NaN, as in a claims frame."""


def stored_checks(rows: Iterable[Mapping]) -> list[Check]:
    """The checks of ``ClaimQuery.checks``' rows (facts of the store's ``checks`` table, the
    median of each rate's pair among the figures shown, the nearest count of each share).

    Worded by ``rate_check`` and ``share_check``, as ``all_checks`` words them.
    """
    found = []
    for stored in rows:
        # missing numbers NaN, as in a claims frame; missing text None, as its records give
        row = {k: NAN if v is None and k in NUMBERS else v for k, v in stored.items()}
        if row["relation"] == "rate":
            found.append(rate_check(row, float(row["median"])))
            continue
        count = {k[len(COUNT_PREFIX) :]: v for k, v in row.items() if k.startswith(COUNT_PREFIX)}
        found.append(share_check(count, row, row["relation"]))
    return found
