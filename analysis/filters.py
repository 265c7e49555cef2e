"""Which claims a view shows: the sidebar filters as a plain value and a pure function.

Every page of the dashboard applies the same ``Filters`` to the claims
frame, so a link with the same query parameters shows the same figures.
An empty selection means "no restriction"; status defaults to approved.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from typing import TypeVar

import pandas as pd

DEFAULT_STATUSES: tuple[str, ...] = ("approved",)

T = TypeVar("T")

FILTER_COLUMNS: dict[str, str] = {
    "categories": "category",
    "sources": "source",
    "entities": "entity",
    "kinds": "kind",
    "qualifiers": "qualifier",
    "statuses": "status",
}
"""Filters field -> the claims column it restricts."""


@dataclass(frozen=True)
class Filters:
    """The selected values per column; an empty tuple lets everything through.

    >>> Filters(categories=("users",)).active()
    {'categories': ('users',), 'statuses': ('approved',)}
    """

    categories: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    qualifiers: tuple[str, ...] = ()
    statuses: tuple[str, ...] = DEFAULT_STATUSES

    def active(self) -> dict[str, tuple[str, ...]]:
        """The fields that restrict anything, for captions and file names."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


def resolve_link_values(
    given: Iterable[str], options: Iterable[T], label: Callable[[T], str]
) -> tuple[list[T], list[str]]:
    """A filter's values as a link gives them -> (the options they name, those naming none).

    The sidebar writes an option's label into the URL ("category=Users"); people
    also type the id or another case ("category=users").  Either names the
    option, ignoring case; a value that names none is returned apart, so the page
    can say so instead of silently showing everything.

    >>> labels = {"users": "Users", "e-commerce": "E-commerce"}
    >>> resolve_link_values(["users", "E-COMMERCE", "cars"], labels, lambda c: labels[c])
    (['users', 'e-commerce'], ['cars'])
    """
    names: dict[str, T] = {}
    for option in options:
        names.setdefault(label(option).casefold(), option)
        names.setdefault(str(option).casefold(), option)
    found: list[T] = []
    unknown: list[str] = []
    for value in given:
        if (option := names.get(value.casefold())) is not None:
            found.append(option)
        else:
            unknown.append(value)
    return list(dict.fromkeys(found)), unknown


LISTED_AT_MOST = 1_000
"""Values a filter widget lists at most: beyond, the others are typed.  A list of a
hundred thousand articles helps nobody scroll, and Streamlit sends every listed value
at every rerun (13 ms for 5,000 at 1,000,000 claims; 1,250,000 at 10,000,000)."""


def listed(values: Sequence[T], picked: Iterable[T], limit: int = LISTED_AT_MOST) -> list[T]:
    """The values a filter widget lists: all of them up to ``limit``, else the first
    ``limit`` and whatever is picked beyond them.

    >>> listed(["a", "b", "c", "d"], ["d"], limit=2)
    ['a', 'b', 'd']
    """
    if len(values) <= limit:
        return list(values)
    shown = list(values[:limit])
    return shown + [v for v in dict.fromkeys(picked) if v not in shown]


def not_among(values: Sequence[str], given: Iterable[str]) -> list[str]:
    """Those of ``given`` that are not among ``values`` (sorted): a binary search each, so
    checking what someone typed costs nothing like a set of a million values a rerun.

    >>> not_among(["a", "c", "e"], ["c", "d"])
    ['d']
    """
    missed = []
    for value in given:
        at = bisect.bisect_left(values, value)
        if at == len(values) or values[at] != value:
            missed.append(value)
    return missed


def apply_filters(claims: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows of ``claims`` that every non-empty filter lets through.

    >>> frame = pd.DataFrame({"category": ["users", "events"], "source": ["a", "a"],
    ...     "entity": ["China", None], "kind": ["count", "count"],
    ...     "qualifier": ["exact", "exact"], "status": ["approved", "candidate"]})
    >>> list(apply_filters(frame, Filters(statuses=())).category)
    ['users', 'events']
    >>> list(apply_filters(frame, Filters()).category)
    ['users']
    """
    mask = pd.Series(True, index=claims.index)
    for name, column in FILTER_COLUMNS.items():
        wanted = getattr(filters, name)
        if wanted:
            mask &= claims[column].isin(list(wanted)).to_numpy()
    return claims[mask]


def options(claims: pd.DataFrame, column: str) -> list[str]:
    """The distinct non-empty values of ``column``, sorted, for a filter widget.

    >>> options(pd.DataFrame({"entity": ["China", None, "China", "US"]}), "entity")
    ['China', 'US']
    """
    values = claims[column].dropna().astype("object").unique()
    return sorted(str(v) for v in values if str(v))
