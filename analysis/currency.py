"""Money in one currency, through the conversions the articles themselves state.

"2.95 trillion yuan ($455 billion; 416 billion euros)" states two
conversions; their ratios are the exchange rates the article used.  A money
claim is shown in another currency only through a stated equivalent of its
own, or through the median rate that other claims state for that pair;
otherwise it is left out, and the chart says so.  No outside rates are used.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import pandas as pd


def stated_rates(claims: pd.DataFrame) -> dict[tuple[str, str], float]:
    """(from, to) -> units of ``to`` per unit of ``from``, the median over stated conversions.

    >>> frame = pd.DataFrame({"kind": ["money"], "currency": ["CNY"], "value": [2.95e12],
    ...     "equivalents": [[{"value": 455e9, "currency": "USD", "span": None}]]})
    >>> rates = stated_rates(frame)
    >>> round(rates[("CNY", "USD")], 4), round(rates[("USD", "CNY")], 2)
    (0.1542, 6.48)
    """
    found: dict[tuple[str, str], list[float]] = defaultdict(list)
    money = claims[claims["kind"].astype("object") == "money"]
    for currency, value, equivalents in zip(
        money["currency"], money["value"], money["equivalents"], strict=True
    ):
        if not isinstance(equivalents, list) or not value:
            continue
        for eq in equivalents:
            if eq["currency"] != currency and eq["value"] > 0 and value > 0:
                found[(currency, eq["currency"])].append(eq["value"] / value)
                found[(eq["currency"], currency)].append(value / eq["value"])
    return {pair: statistics.median(values) for pair, values in found.items()}


def target_currencies(claims: pd.DataFrame) -> list[str]:
    """Currencies money can be shown in: those of the claims and of their stated conversions.

    >>> frame = pd.DataFrame({"kind": ["money"], "currency": ["CNY"], "value": [1.0],
    ...     "equivalents": [[{"value": 2.0, "currency": "USD", "span": None}]]})
    >>> target_currencies(frame)
    ['CNY', 'USD']
    """
    return CurrencyIndex.of(claims).targets(np.ones(len(claims), dtype=bool))


@dataclass(frozen=True)
class CurrencyIndex:
    """The currencies each claim could be shown in, made once per load.

    ``target_currencies`` of the filtered claims walks their stated
    conversions on every rerun (13 ms at 100,000 claims); with this table it
    is an ``any`` over the rows the filters let through.
    """

    currencies: tuple[str, ...]
    """Every currency of a money claim or of its stated conversions, sorted."""
    rows: np.ndarray
    """One row per claim, one column per currency: may that claim be shown in it."""

    @classmethod
    def of(cls, claims: pd.DataFrame) -> CurrencyIndex:
        """The table for ``claims``: (row, currency) pairs set at once, not a set per row."""
        money = np.flatnonzero((claims["kind"].astype("object") == "money").to_numpy())
        positions = money.tolist()
        currency = claims["currency"].to_numpy(dtype=object)[money].tolist()
        stated = claims["equivalents"].to_numpy(dtype=object)[money].tolist()
        pairs = [(p, c) for p, c in zip(positions, currency, strict=True) if isinstance(c, str)]
        for p, equivalents in zip(positions, stated, strict=True):
            if isinstance(equivalents, list):
                pairs += [(p, e["currency"]) for e in equivalents]
        currencies = tuple(sorted({c for _, c in pairs}))
        column = {c: i for i, c in enumerate(currencies)}
        rows = np.zeros((len(claims), len(currencies)), dtype=bool)
        if pairs:
            rows[[p for p, _ in pairs], [column[c] for _, c in pairs]] = True
        return cls(currencies, rows)

    def targets(self, mask: np.ndarray) -> list[str]:
        """``target_currencies`` of the claims in ``mask``."""
        held = self.rows[mask].any(axis=0)
        return [c for c, yes in zip(self.currencies, held, strict=True) if yes]


def convert_money(claims: pd.DataFrame, target: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The money claims in ``target``: (converted, left out for want of a stated rate).

    The converted frame keeps every column, with ``value``/``low``/``high``
    in ``target``, ``currency`` set to ``target`` and a ``conversion``
    column saying how each figure was obtained.

    >>> frame = pd.DataFrame({"kind": ["money"], "currency": ["CNY"], "value": [2.95e12],
    ...     "low": [None], "high": [None],
    ...     "equivalents": [[{"value": 455e9, "currency": "USD", "span": None}]]})
    >>> done, left = convert_money(frame, "USD")
    >>> done.value.tolist(), done.conversion.tolist(), len(left)
    ([455000000000.0], ['stated in the text: ¥2.95 trillion = $455 billion'], 0)
    """
    from analysis.format import money

    rates = stated_rates(claims)
    money_rows = claims[claims["kind"].astype("object") == "money"].copy()
    values, notes, keep = [], [], []
    factors = []
    for currency, value, equivalents in zip(
        money_rows["currency"], money_rows["value"], money_rows["equivalents"], strict=True
    ):
        stated = [e for e in equivalents or [] if e["currency"] == target]
        if currency == target:
            values.append(value), notes.append("as stated"), keep.append(True), factors.append(1.0)
        elif stated:
            new = stated[0]["value"]
            values.append(new), keep.append(True), factors.append(new / value if value else 1.0)
            notes.append(f"stated in the text: {money(value, currency)} = {money(new, target)}")
        elif (currency, target) in rates:
            rate = rates[(currency, target)]
            values.append(value * rate), keep.append(True), factors.append(rate)
            notes.append(f"at {rate:.4g} {target} per {currency}, the rate the texts state")
        else:
            values.append(value), notes.append(""), keep.append(False), factors.append(1.0)
    money_rows["value"] = values
    money_rows["conversion"] = notes
    factor = pd.Series(factors, index=money_rows.index)
    for column in ("low", "high"):
        if column in money_rows:
            money_rows[column] = money_rows[column].astype("float64") * factor
    kept = pd.Series(keep, index=money_rows.index, dtype=bool)
    converted = money_rows[kept].copy()
    converted["currency"] = target
    return converted, money_rows[~kept]
