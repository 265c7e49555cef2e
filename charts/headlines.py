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
    ranked = claims.assign(
        _kind=claims["kind"].astype("object").map(KIND_PREFERENCE).fillna(9),
        _change=claims["change"].astype(bool),
        _neg=-claims["value"].astype("float64"),
    ).sort_values(["_change", "_kind", "_neg"], kind="stable")
    first = ranked.groupby(ranked["category"].astype("object"), sort=False).head(1)
    order = {c: i for i, c in enumerate(category_order)}
    first = first.assign(_order=first["category"].astype("object").map(order).fillna(len(order)))
    first = first.sort_values("_order", kind="stable").head(limit)
    return first.drop(columns=["_kind", "_change", "_neg", "_order"])
