"""The headline figures of the Overview page: one per category, the most telling one.

Within a category money beats counts, counts beat shares (a reader
remembers "¥2.95 trillion" before "7%"), and within a kind the largest
figure wins; ties keep file order.  The preference is a table, not code.
"""

from __future__ import annotations

import pandas as pd

KIND_PREFERENCE: dict[str, int] = {"money": 0, "count": 1, "percent": 2, "duration": 3, "other": 4}


def headlines(claims: pd.DataFrame, category_order: list[str], limit: int = 8) -> pd.DataFrame:
    """At most ``limit`` claims, one per category in ``category_order``.

    >>> frame = pd.DataFrame({"category": ["users", "users", "economy"],
    ...     "kind": ["percent", "count", "percent"], "value": [25.0, 670e6, 7.0],
    ...     "change": [False, False, False]})
    >>> headlines(frame, ["users", "economy"]).value.tolist()
    [670000000.0, 7.0]
    """
    if claims.empty:
        return claims
    # rank a narrow frame (four columns), then take the winners' full rows
    ranked = pd.DataFrame(
        {
            "category": claims["category"].astype("object"),
            "kind": claims["kind"].astype("object").map(KIND_PREFERENCE).fillna(9),
            "change": claims["change"].astype(bool),
            "neg": -claims["value"].astype("float64"),
        },
        index=claims.index,
    ).sort_values(["change", "kind", "neg"], kind="stable")
    first = ranked[~ranked["category"].duplicated()]
    order = {c: i for i, c in enumerate(category_order)}
    first = first.assign(order=first["category"].map(order).fillna(len(order)))
    chosen = first.sort_values("order", kind="stable").head(limit).index
    return claims.loc[chosen]
