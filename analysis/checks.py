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
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.format import bare_figure, money, plain_number, scaled_number

RATE_TOLERANCE = 0.10
"""Relative spread allowed between rates stated for the same pair of currencies."""

LOOKAHEAD = 40
"""Characters after a percent figure searched for the words that say what it is a share of."""

SHARE_OF_WHOLE = re.compile(
    r"^\s*(?:of\s+(?:the\s+)?(?:global|world(?:'s|wide)?|national|total|all)\b"
    r"|of\s+the\s+(?:country|nation|market)(?:'s)?\s+total)",
    re.IGNORECASE,
)
"""After the share: the count before it is the part ("one-fourth of the global total")."""

PART_OF_COUNT = re.compile(r"^\s*(?:of\s+(?:them|whom|which|those|these)\b)", re.IGNORECASE)
"""After the fraction: the count before it is the whole ("half of them from overseas")."""

APPROX_WORDS: dict[str, str] = {
    "more_than": "more than",
    "at_least": "at least",
    "less_than": "less than",
    "at_most": "at most",
}


CHECK_COLUMNS: tuple[str, ...] = (
    "id", "source", "quote", "subject", "kind", "value", "currency", "unit", "qualifier",
    "measure", "start", "end", "equivalents",
)  # fmt: skip
"""The columns the checks read: the dashboard copies only these of the filtered claims."""


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
    found: list[tuple[str, str, float, dict]] = []
    # only the rows that state a conversion become dicts: all money rows were too slow
    money_rows = np.flatnonzero((claims["kind"].astype("object") == "money").to_numpy())
    equivalents = claims["equivalents"].iloc[money_rows]
    stated = [i for i, e in zip(money_rows, equivalents, strict=True) if e]
    columns = ["id", "source", "subject", "currency", "value", "equivalents"]
    for row in claims[columns].iloc[stated].to_dict(orient="records"):
        for eq in row["equivalents"] or []:
            if eq["currency"] == row["currency"] or eq["value"] <= 0 or row["value"] <= 0:
                continue
            rate = row["value"] / eq["value"]
            found.append((row["currency"], eq["currency"], rate, row | {"eq": eq}))
    by_pair: dict[tuple[str, str], list[float]] = defaultdict(list)
    for base, quote, rate, _ in found:
        by_pair[(base, quote)].append(rate)
    medians = {pair: statistics.median(rates) for pair, rates in by_pair.items()}
    checks = []
    for base, quote, rate, row in found:
        median = medians[(base, quote)]
        spread = abs(rate - median) / median
        ok = spread <= RATE_TOLERANCE
        eq = row["eq"]
        checks.append(
            Check(
                rule="exchange rate",
                subject=str(row.get("subject") or row["id"]),
                arithmetic=(
                    f"{money(row['value'], base)} ÷ {money(eq['value'], quote)} "
                    f"= {plain_number(rate, 4 if rate < 10 else 2)} {base} per {quote}"
                ),
                result=f"{plain_number(rate)} {base} per {quote}",
                ok=ok,
                claim_ids=(str(row["id"]),),
                source=str(row["source"]),
                problem=""
                if ok
                else (
                    f"{spread:.0%} away from the median {plain_number(median)} {base} per "
                    f"{quote} stated elsewhere"
                ),
                details={"base": base, "quote": quote, "rate": rate},
            )
        )
    return checks


def _pairs(claims: pd.DataFrame, texts: dict[str, str]) -> list[tuple[dict, dict, str]]:
    """(count, percent, relation) for each percent claim whose words say what it is a share of.

    The words after every share are read first; only the shares they match, and the
    counts quoted with those, become dicts (every row as a dict was seconds a rerun).
    """
    kinds = claims["kind"].astype("object").to_numpy()
    steady = claims["measure"].astype("object").to_numpy() == "level"
    shares = np.flatnonzero((kinds == "percent") & steady)
    relations: dict[int, str] = {}
    sources, ends = (claims[column].iloc[shares].tolist() for column in ("source", "end"))
    for i, (source, end) in enumerate(zip(sources, ends, strict=True)):
        text = texts.get(source, "")
        after = text[int(end) : int(end) + LOOKAHEAD]
        if SHARE_OF_WHOLE.match(after):
            relations[i] = "total"
        elif PART_OF_COUNT.match(after):
            relations[i] = "part"
    if not relations:
        return []
    matched = claims.iloc[shares[list(relations)]].to_dict(orient="records")
    wanted = {(share["source"], share["quote"]) for share in matched}
    levels = np.flatnonzero(((kinds == "count") | (kinds == "money")) & steady)
    keys = zip(
        *(claims[column].iloc[levels].tolist() for column in ("source", "quote")), strict=True
    )
    quoted = [i for i, key in enumerate(keys) if key in wanted]
    by_quote: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in claims.iloc[levels[quoted]].to_dict(orient="records"):
        by_quote[(row["source"], row["quote"])].append(row)
    pairs = []
    for share, relation in zip(matched, relations.values(), strict=True):
        before = [
            r
            for r in by_quote.get((share["source"], share["quote"]), [])
            if int(r["end"]) <= int(share["start"])
        ]
        if before:
            nearest = max(before, key=lambda r: int(r["end"]))
            pairs.append((nearest, share, relation))
    return pairs


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
    checks = []
    for count, share, relation in _pairs(claims, texts):
        pct = float(share["value"])
        fraction = pct / 100
        known = bare_figure(float(count["value"]), str(count["kind"]), count.get("currency"))
        unit = "" if count["kind"] == "money" else f" {count.get('unit') or ''}".rstrip()
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
        checks.append(
            Check(
                rule=rule,
                subject=str(share.get("subject") or share["id"]),
                arithmetic=arithmetic,
                result=result,
                ok=ok,
                claim_ids=(str(count["id"]), str(share["id"])),
                source=str(share["source"]),
                problem=problem,
                details={"implied": implied},
            )
        )
    return checks


def _implied(value: float, count: dict) -> str:
    if count["kind"] == "money":
        return money(value, count.get("currency"))
    return scaled_number(value)


def all_checks(claims: pd.DataFrame, texts: dict[str, str]) -> list[Check]:
    """Every check over ``claims``: exchange rates, then shares and fractions."""
    return rate_checks(claims) + share_checks(claims, texts)
