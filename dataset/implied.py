"""Figures that imply each other: the rules the consistency checks are made of.

One implementation for both places that apply them: the store's build
(``dataset/store.py`` writes every fact below into its ``checks`` table once, so
the Checks page asks DuckDB for the filtered ones) and ``analysis.checks``
(the same facts over any claims frame, in pandas).  Kept in ``dataset/``
because they are facts of the data, and ``analysis`` imports ``dataset``,
never the reverse.

* **a stated conversion** ("¥2.95 trillion ($455 billion)") implies a rate of
  the claim's currency per the other: ``rate_facts``.
* **a share** followed by words such as "of the global total" is a share of a
  whole whose part is the nearest count before it in the same sentence; one
  followed by "of them" takes a part of it: ``share_relation``, then
  ``pair_candidates`` (every count before the share in its sentence) and
  ``nearest`` (the closest of those a view lets through).

Which of those facts disagree depends on what a view shows (the median rate
of a pair of currencies is that of the rates let through), so the store keeps
the facts and the question asked decides.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import pyarrow as pa

RULES_VERSION = "1"
"""Part of the store's digest: bump it when a rule below changes, and the store's
``checks`` table is written again."""

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

RELATIONS: tuple[str, ...] = ("rate", "total", "part")
"""The facts the store's ``checks`` table holds, in the order the checks are listed."""

SHARE_KINDS = ("percent",)
"""A share is a level of one of these kinds..."""
PART_KINDS = ("count", "money")
"""...and the figure it is a share of, a level of one of these."""


def rate_facts(rows: Iterable[Mapping]) -> list[dict]:
    """Each stated conversion of the money ``rows`` that implies a rate, as a row.

    A row is the claim's (``value``, ``currency``, ``equivalents`` a list of
    dicts or None) plus ``item`` (the conversion's place), ``eq_currency``,
    ``eq_value`` and ``rate`` (the claim's currency per the other).  A
    conversion into the claim's own currency, or a value that is not above
    zero (or missing), implies nothing.

    >>> [(f["eq_currency"], round(f["rate"], 2)) for f in rate_facts([{"value": 2.95e12,
    ...     "currency": "CNY", "equivalents": [{"value": 455e9, "currency": "USD"},
    ...     {"value": 1.0, "currency": "CNY"}]}])]
    [('USD', 6.48)]
    """
    found = []
    for row in rows:
        value = row["value"]
        for item, eq in enumerate(row["equivalents"] or []):
            if eq["currency"] == row["currency"] or not _positive(eq["value"], value):
                continue
            found.append(
                {
                    **row,
                    "item": item,
                    "eq_currency": eq["currency"],
                    "eq_value": float(eq["value"]),
                    "rate": value / eq["value"],
                }
            )
    return found


def _positive(*values: object) -> bool:
    """Whether every value is a number above zero (None and NaN are not)."""
    return all(isinstance(v, (int, float)) and v > 0 for v in values)


def share_relation(after: str | None) -> str | None:
    """What the words right after a share (``LOOKAHEAD`` characters) say it is a share of.

    >>> [share_relation(w) for w in (" of the global total.", " of them came", " of GDP")]
    ['total', 'part', None]
    """
    if not after:
        return None
    if SHARE_OF_WHOLE.match(after):
        return "total"
    if PART_OF_COUNT.match(after):
        return "part"
    return None


def words_after(text: str | None, end: int) -> str:
    """The ``LOOKAHEAD`` characters of ``text`` after offset ``end`` (the store takes the
    same slice in SQL: ``substr(text, end + 1, LOOKAHEAD)``).

    >>> words_after("half of them", 4)
    ' of them'
    """
    return (text or "")[int(end) : int(end) + LOOKAHEAD]


def pair_candidates(
    shares: Sequence[Mapping], levels: Sequence[Mapping]
) -> list[tuple[Mapping, Mapping]]:
    """(share, level) for every level quoted in the share's sentence that ends before it.

    ``shares`` and ``levels`` carry ``source``, ``quote`` (the sentence) and
    ``start``/``end``; the pairs come in the order of ``shares``, then of ``levels``.

    >>> share = {"source": "s", "quote": "q", "start": 30, "end": 40}
    >>> levels = [{"source": "s", "quote": "q", "start": 0, "end": 10},
    ...     {"source": "s", "quote": "q", "start": 50, "end": 60},
    ...     {"source": "t", "quote": "q", "start": 0, "end": 10}]
    >>> [level["end"] for _, level in pair_candidates([share], levels)]
    [10]
    """
    by_quote: dict[tuple[object, object], list[Mapping]] = defaultdict(list)
    for level in levels:
        by_quote[(level["source"], level["quote"])].append(level)
    return [
        (share, level)
        for share in shares
        for level in by_quote.get((share["source"], share["quote"]), [])
        if int(level["end"]) <= int(share["start"])
    ]


def nearest(candidates: Iterable[tuple[Mapping, Mapping]]) -> list[tuple[Mapping, Mapping]]:
    """Of each share's candidates, the level that ends last (the first of a tie).

    >>> s = {"id": "s"}
    >>> [b["id"] for _, b in nearest([(s, {"id": "a", "end": 5}), (s, {"id": "b", "end": 9}),
    ...     (s, {"id": "c", "end": 9})])]
    ['b']
    """
    best: dict[int, tuple[Mapping, Mapping]] = {}
    for share, level in candidates:
        key = id(share)
        if key not in best or int(level["end"]) > int(best[key][1]["end"]):
            best[key] = (share, level)
    return list(best.values())


# --- the facts as a table (the store's ``checks`` table) --------------------------------

CLAIM_FACTS: tuple[str, ...] = (
    "pos", "id", "source", "subject", "value", "currency", "kind", "unit", "qualifier",
    "category", "entity", "status",
)  # fmt: skip
"""The columns of a checked claim a fact row carries: what a check says and what a filter
reads (``analysis.filters.FILTER_COLUMNS``), so the filtered checks need no join."""

COUNT_PREFIX = "count_"
"""The columns of the figure a share is a share of, in a fact row."""

_TEXT = pa.string()
CHECKS_SCHEMA = pa.schema(
    [
        ("relation", _TEXT),  # RELATIONS
        ("item", pa.int64()),  # the conversion's place among the claim's equivalents
        *((c, pa.int64() if c == "pos" else pa.float64() if c == "value" else _TEXT)
          for c in CLAIM_FACTS),
        ("eq_currency", _TEXT),
        ("eq_value", pa.float64()),
        ("rate", pa.float64()),
        ("count_end", pa.int64()),
        *((COUNT_PREFIX + c, pa.int64() if c == "pos" else pa.float64() if c == "value" else _TEXT)
          for c in CLAIM_FACTS),
    ]
)  # fmt: skip
"""One row a fact: a rate (``relation`` "rate"), or a share and one count before it in its
sentence ("total" or "part"; the nearest the filters let through is picked when asked)."""


def share_matches(shares: Iterable[Mapping]) -> list[dict]:
    """The shares (rows with ``after``, the words after them) that say what they are a share
    of, each with its ``relation``.

    >>> [s["relation"] for s in share_matches([{"after": " of them"}, {"after": " up"}])]
    ['part']
    """
    found = []
    for share in shares:
        relation = share_relation(share["after"])
        if relation:
            found.append({**share, "relation": relation})
    return found


def facts_table(
    money: Iterable[Mapping], matched: Sequence[Mapping], levels: Sequence[Mapping]
) -> pa.Table:
    """``CHECKS_SCHEMA`` rows: the rates of ``money`` (rows with ``equivalents`` as lists),
    then every (share, level) candidate of the ``matched`` shares (``share_matches``).

    >>> table = facts_table([{"pos": 0, "id": "m", "value": 65.0, "currency": "CNY",
    ...     "equivalents": [{"value": 10.0, "currency": "USD"}]}], [], [])
    >>> table.column("rate").to_pylist(), table.column("relation").to_pylist()
    ([6.5], ['rate'])
    """
    rows: list[dict] = []
    for fact in rate_facts(money):
        rows.append(
            {
                **{c: fact.get(c) for c in CLAIM_FACTS},
                "relation": "rate",
                "item": fact["item"],
                "eq_currency": fact["eq_currency"],
                "eq_value": fact["eq_value"],
                "rate": fact["rate"],
            }
        )
    for share, level in pair_candidates(matched, levels):
        rows.append(
            {
                **{c: share.get(c) for c in CLAIM_FACTS},
                "relation": share["relation"],
                "item": 0,
                "count_end": int(level["end"]),
                **{COUNT_PREFIX + c: level.get(c) for c in CLAIM_FACTS},
            }
        )
    return pa.Table.from_pylist(rows, CHECKS_SCHEMA)
