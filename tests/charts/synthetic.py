"""Random claims frames with the loader's dtypes and plenty of missing values.

Fast paths (codes made once per load, columns read as lists) must give what
the plain pandas versions give; these frames exercise the corners (missing
entities and currencies, ties, repeated subjects, money with conversions).
"""

from __future__ import annotations

import random

import pandas as pd

from dataset.frames import CLAIM_COLUMNS
from dataset.schema import KINDS, QUALIFIERS, STATUSES

CATEGORIES = ("users", "economy", "events", "trade")
SOURCES = ("a", "b", "c", "d")


def claims(n: int, seed: int) -> pd.DataFrame:
    """``n`` random claims typed as ``dataset.frames.claims_frame`` types them."""
    rng = random.Random(seed)

    def maybe(value: object, missing: float = 0.2) -> object:
        return None if rng.random() < missing else value

    rows = []
    for i in range(n):
        kind = rng.choice(KINDS)
        currency = maybe(rng.choice(["CNY", "USD", "EUR"])) if kind == "money" else None
        low = maybe(float(rng.choice([1, 2])), 0.8)
        rows.append(
            {
                "id": f"c{i}",
                "source": rng.choice(SOURCES),
                "status": rng.choice(STATUSES),
                "quote": maybe(f"<b>{i}</b> & a long quote " * rng.randint(1, 6), 0.1),
                "start": i,
                "end": i + 3,
                "value": maybe(float(rng.choice([0.0, 1.5, 7.0, 7.0, 2e9, -3.2])), 0.05),
                "kind": kind,
                "unit": maybe(rng.choice(["users", " people ", "websites", ""])),
                "currency": currency,
                "qualifier": rng.choice(QUALIFIERS),
                "low": low,
                "high": None if low is None else low + 1,
                "measure": "change" if rng.random() < 0.2 else "level",
                "subject": maybe(rng.choice(["Users", "Users in China", "GDP", "Sales"])),
                "entity": maybe(rng.choice(["China", "India"])),
                "date": maybe(rng.choice(["2015", "2012-06", "2015-12-20"]), 0.1),
                "category": maybe(rng.choice(CATEGORIES), 0.05),
                "equivalents": (
                    [{"value": 2.0, "currency": rng.choice(["USD", "GBP"]), "span": None}]
                    if kind == "money" and rng.random() < 0.4
                    else None
                ),
            }
        )
    frame = pd.DataFrame.from_records(rows, columns=list(CLAIM_COLUMNS)).astype(CLAIM_COLUMNS)
    frame["category"] = frame["category"].astype(pd.CategoricalDtype(CATEGORIES))
    return frame
