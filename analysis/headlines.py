"""The headline figures of the Overview page: one per category, the most telling one.

Within a category money beats counts, counts beat shares (a reader
remembers "CN¥2.95 trillion" before "7%"), and within a kind the largest
figure wins; ties keep file order.  The preference is a table, not code.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

KIND_PREFERENCE: dict[str, int] = {"money": 0, "count": 1, "percent": 2, "duration": 3, "other": 4}


def headlines(claims: pd.DataFrame, category_order: list[str], limit: int = 8) -> pd.DataFrame:
    """At most ``limit`` claims, one per category in ``category_order``.

    >>> frame = pd.DataFrame({"category": ["users", "users", "economy"],
    ...     "kind": ["percent", "count", "percent"], "value": [25.0, 670e6, 7.0],
    ...     "measure": ["level", "level", "level"]})
    >>> headlines(frame, ["users", "economy"]).value.tolist()
    [670000000.0, 7.0]
    """
    if claims.empty:
        return claims
    ranked = pd.DataFrame(
        {
            "category": claims["category"].astype("object").to_numpy(),
            "change": (claims["measure"].astype("object") != "level").to_numpy(),
            "kind": preference(claims["kind"]),
            "neg": -claims["value"].to_numpy(dtype="float64", na_value=np.nan),
        },
    ).sort_values(["change", "kind", "neg"], kind="stable")  # NaN values last; index: positions
    first = ranked[~ranked["category"].duplicated()]  # a missing category: a group too
    place = {category: i for i, category in enumerate(category_order)}
    first = first.assign(place=first["category"].map(place).fillna(len(place)))
    return claims.iloc[first.sort_values("place", kind="stable").head(limit).index]


def preference(kinds: pd.Series) -> np.ndarray:
    """``KIND_PREFERENCE`` of each kind, 9 for any other or a missing one.

    >>> preference(pd.Series(["count", None, "money", "weird"])).tolist()
    [1.0, 9.0, 0.0, 9.0]
    """
    codes, uniques = pd.factorize(kinds)
    ranks = [KIND_PREFERENCE.get(kind, 9) for kind in uniques]
    return np.array([*ranks, 9], dtype=float)[codes]  # code -1 (missing) takes the last
