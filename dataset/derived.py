"""Columns the store derives once for every claim, so that no question works them out again.

``unit_group``: the group of figures a claim may be ranked with (one metric and
measure, or one kind of figure in one unit), the key every Explore question
filters on.  Worked out per row at each question it cost a fifth of a second a
question at 1,000,000 claims (string functions over every row); written into the
store's ``claims`` table by the build, it is a column read like any other.
The batch candidates, outside the store, get it from the same expression.
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
