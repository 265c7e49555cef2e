"""Which claims a view shows: the sidebar filters as a plain value and a pure function.

Every page of the dashboard applies the same ``Filters`` to the claims
frame, so a link with the same query parameters shows the same figures.
An empty selection means "no restriction"; status defaults to approved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from functools import cached_property
from typing import TypeVar

import numpy as np
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


@dataclass(frozen=True)
class Codes:
    """A column as integer codes, made once per load, so a rerun compares no strings.

    >>> codes = Codes.of(pd.Series(["a", None, "b", "a"]))
    >>> codes.where(["a", "z"]).tolist(), codes.counts(codes.where(["a", "b"]))
    ([True, False, False, True], {'a': 2, 'b': 1})
    """

    codes: np.ndarray
    """The code of each row: its value's position in ``values``, -1 where missing."""
    values: tuple[object, ...]
    """The distinct values, in order of appearance."""

    @classmethod
    def of(cls, column: pd.Series) -> Codes:
        codes, uniques = pd.factorize(column.astype("object").to_numpy(), use_na_sentinel=True)
        return cls(codes, tuple(uniques))

    @cached_property
    def lookup(self) -> dict[object, int]:
        """Value -> its code."""
        return {value: code for code, value in enumerate(self.values)}

    def where(self, wanted: Iterable[object]) -> np.ndarray:
        """Which rows hold one of ``wanted`` (never a missing one), like ``isin``."""
        # one slot per code and a last one, never set, for the missing (-1)
        allowed = np.zeros(len(self.values) + 1, dtype=bool)
        allowed[[self.lookup[v] for v in wanted if v in self.lookup]] = True
        return allowed[self.codes]

    def appearing(self, mask: np.ndarray) -> list[object]:
        """The values the rows of ``mask`` hold, each once, in the order they first appear.

        >>> Codes.of(pd.Series(["a", "b", None, "a", "c"])).appearing(
        ...     np.array([False, True, True, True, False]))
        ['b', 'a']
        """
        codes = self.codes[mask]
        codes = codes[codes >= 0]
        _, firsts = np.unique(codes, return_index=True)
        return [self.values[code] for code in codes[np.sort(firsts)]]

    def counts(self, mask: np.ndarray) -> dict[object, int]:
        """Value -> how many rows of ``mask`` hold it, for the values held at all."""
        found = np.bincount(self.codes[mask & (self.codes >= 0)], minlength=len(self.values))
        return {self.values[i]: int(n) for i, n in enumerate(found) if n}


@dataclass(frozen=True)
class FilterIndex:
    """Every filter column of a claims frame as ``Codes``, made once per load.

    ``apply_filters`` compares strings (``isin``) on every rerun: about 14 ms
    at 100,000 claims.  With codes a filter is a table lookup per row.
    """

    columns: dict[str, Codes]

    @classmethod
    def of(cls, claims: pd.DataFrame) -> FilterIndex:
        """The index of ``claims``; the frame must not change afterwards."""
        return cls({column: Codes.of(claims[column]) for column in FILTER_COLUMNS.values()})

    def mask(self, filters: Filters) -> np.ndarray:
        """Which rows every non-empty filter lets through (like ``apply_filters``)."""
        size = len(next(iter(self.columns.values())).codes)
        mask = np.ones(size, dtype=bool)
        for name, column in FILTER_COLUMNS.items():
            wanted = getattr(filters, name)
            if wanted:
                mask &= self.columns[column].where(wanted)
        return mask


def indexed_filters(claims: pd.DataFrame, filters: Filters, index: FilterIndex) -> pd.DataFrame:
    """``apply_filters(claims, filters)`` through ``index`` (made from ``claims``).

    >>> frame = pd.DataFrame({"category": ["users", "events"], "source": ["a", "a"],
    ...     "entity": ["China", None], "kind": ["count", "count"],
    ...     "qualifier": ["exact", "exact"], "status": ["approved", "candidate"]})
    >>> index = FilterIndex.of(frame)
    >>> list(indexed_filters(frame, Filters(entities=("China", "x")), index).category)
    ['users']
    """
    return claims.take(np.flatnonzero(index.mask(filters)))


@dataclass(frozen=True)
class Selection:
    """The claims the filters let through, as a mask over a shared frame.

    Copying every column of the rows let through cost a rerun more than the page
    itself (figures: docs/benchmarks.md); through a selection a page copies only
    the rows and columns it shows, and counts the rest from the load's codes.

    >>> frame = pd.DataFrame({"value": [1.0, 2.0, 3.0], "unit": ["a", "b", "a"]})
    >>> chosen = Selection(frame, np.array([True, False, True]))
    >>> len(chosen), chosen.claims(limit=1).value.tolist()
    (2, [1.0])
    >>> chosen.columns(["unit"], where=np.array([False, True, True])).unit.tolist()
    ['a']
    """

    frame: pd.DataFrame
    mask: np.ndarray

    @cached_property
    def positions(self) -> np.ndarray:
        return np.flatnonzero(self.mask)

    def __len__(self) -> int:
        return len(self.positions)

    def claims(self, limit: int | None = None) -> pd.DataFrame:
        """The first ``limit`` claims (all by default), every column: ``filtered``'s rows."""
        return self.frame.take(self.positions[:limit])

    def columns(self, columns: list[str], where: np.ndarray | None = None) -> pd.DataFrame:
        """Only ``columns`` of the claims, of those in ``where`` too when given."""
        mask = self.mask if where is None else self.mask & where
        return self.frame[columns].take(np.flatnonzero(mask))


def options(claims: pd.DataFrame, column: str) -> list[str]:
    """The distinct non-empty values of ``column``, sorted, for a filter widget.

    >>> options(pd.DataFrame({"entity": ["China", None, "China", "US"]}), "entity")
    ['China', 'US']
    """
    values = claims[column].dropna().astype("object").unique()
    return sorted(str(v) for v in values if str(v))
