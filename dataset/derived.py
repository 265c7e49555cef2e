"""Columns the store derives once for every claim, so that no question works them out again.

At 1,000,000 claims a question is a scan, and what a scan costs is the work per row;
each column below turns string work done per row at every question into a value
read (the build works it out once, in the same SQL).

``unit_group``: the group of figures a claim may be ranked with (one metric and
measure, or one kind of figure in one unit), the key every Explore question
filters on.  Worked out per row at each question it cost a fifth of a second a
question at 1,000,000 claims (string functions over every row); written into the
store's ``claims`` table by the build, it is a column read like any other.
A batch output's candidates get them from the same expressions when their own database is
compiled (``dataset/batch_store.py``).
"""

from __future__ import annotations

_UNIT = "trim(coalesce(unit, ''), ' \t\n\r\x0b\x0c')"
UNIT_GROUP_SQL = f"""CASE
    WHEN coalesce(metric, '') <> '' THEN 'metric:' || metric || '|' || coalesce(measure, 'level')
        || '|' || CASE WHEN kind = 'money' THEN coalesce(currency, '') ELSE '' END
    ELSE (CASE
            WHEN kind = 'money' THEN coalesce(currency, '')
            WHEN kind IN ('percent', 'percentage_points', 'basis_points', 'duration', 'other')
                THEN replace(kind, '_', ' ')
            WHEN {_UNIT} <> '' THEN {_UNIT}
            ELSE kind END)
        || coalesce(' (' || nullif(concat_ws('; ',
            CASE WHEN kind IN ('percent', 'percentage_points', 'basis_points', 'duration',
                               'other') THEN nullif({_UNIT}, '') END,
            CASE WHEN coalesce(measure, 'level') <> 'level' THEN measure END), '') || ')', '')
    END"""
"""``charts.figures.unit_group`` in SQL: the unit a claim is charted in (tests hold the two
equal: ``tests/dataset/test_store_query.py``)."""


MONEY_CURRENCIES_SQL = """CASE WHEN kind = 'money' THEN list_sort(list_distinct(list_filter(
    list_prepend(currency, coalesce(json_extract_string(equivalents, '$[*].currency'), [])),
    lambda c: c IS NOT NULL))) END"""
"""``money_currencies``: a money claim's currency and those of its stated conversions (the
currencies ``analysis.currency.target_currencies`` offers): the JSON of the conversions
parsed once, not at every question."""

SERIES_KEYS = "subject, coalesce(entity, ''), coalesce(unit, ''), coalesce(currency, '')"
"""What makes one series of ``charts.timeseries.series_rows``: subject, entity, unit, currency."""

DERIVED_SQL: dict[str, str] = {
    "unit_group": UNIT_GROUP_SQL,
    "money_currencies": MONEY_CURRENCIES_SQL,
    "series_key": f"dense_rank() OVER (ORDER BY {SERIES_KEYS})",
    "source_key": "CASE WHEN source IS NOT NULL THEN dense_rank() OVER (ORDER BY source) END",
}
"""The derived columns as the build writes them.  ``series_key`` and ``source_key`` number
the distinct series and sources (exact: equal keys, equal values; the sources in the order
of their names), so a question groups, counts and orders by integers instead of by
strings (a series' distinct sources at 1,000,000 claims: 100 ms by the strings, 30 by
the keys)."""

HASHED_KEYS: dict[str, str] = {
    "series_key": f"hash({SERIES_KEYS})",
    "source_key": "CASE WHEN source IS NOT NULL THEN hash(source) END",
}
"""The keys of claims shown beside a batch output's candidates (``dataset/batch_store.py``):
hashes of the same values, so that the curated claims and the candidates of one series
share a key (a collision, at 10,000,000 series about one chance in 370,000, would join two
series).  Hashed, the sources are no longer numbered in the order of their names: two
equal figures of one series and date are then told apart by a hash of their sources' ids
instead, to pick the one drawn."""

BATCH_SQL: dict[str, str] = {**DERIVED_SQL, **HASHED_KEYS}
"""The derived columns of a batch output's candidates, as its database is compiled."""


def derived_columns(columns: dict[str, str] = DERIVED_SQL) -> str:
    """``expression AS name, ...`` of ``columns``, for a build's ``SELECT``."""
    return ", ".join(f"{sql} AS {name}" for name, sql in columns.items())
