"""The dashboard's questions as SQL over the derived store (DuckDB).

Filters, counts, the headline ranking, the unit groups, the bars, the
series over time and the rows of a table are answered by DuckDB reading
the database of ``dataset/store.py`` (and, when given, that of a batch
extraction's candidates, ``dataset/batch_store.py``).  Only the
rows a page draws become pandas frames, with the columns and dtypes of
``dataset.frames.CLAIM_COLUMNS``, so the charts' code is unchanged: ten
million claims never need ten million rows in memory.

Each answer is the same as the in-memory version it replaced (tests in
``tests/dataset/test_store_query.py`` hold them to ``load_dataset``'s frame
and the pandas functions of ``analysis`` and ``charts``).
"""

from __future__ import annotations

import functools
import json
import os
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from analysis.filters import FILTER_COLUMNS, Filters
from analysis.headlines import KIND_PREFERENCE
from dataset import implied
from dataset.batch_store import BATCH_STATUS
from dataset.derived import HASHED_KEYS, derived_columns
from dataset.duck import bounded, sql_text
from dataset.frames import CLAIM_COLUMNS
from dataset.schema import STATUSES

T = TypeVar("T")


_KEY_LABEL = """CASE WHEN k2 <> '' AND position(k2 IN k1) = 0
    THEN k1 || ' (' || k2 || ')' ELSE k1 END"""
"""``charts.timeseries.Metrics``'s series label, of a key's subject (``k1``) and entity
(``k2``, '' for none)."""


QUERY_MEMORY = "1GB"
"""What DuckDB may hold in memory for the dashboard's questions (the rest spills to disk)."""
MEMO_LIMIT = 512
"""Answers kept per store: a rerun with the same filters asks DuckDB nothing."""
MEMO_ROWS = 10_000
"""Frames longer than this (a download's rows) are not kept."""


def _memo(method: Callable[..., T]) -> Callable[..., T]:
    """Keep a question's answer on the query object (one per build of the store).

    Frames are handed out as copies, so a page may change what it got.
    """

    @functools.wraps(method)
    def answer(self: ClaimQuery, *args: object, **kwargs: object) -> T:
        key = (method.__name__, _frozen(args), _frozen(tuple(sorted(kwargs.items()))))
        try:
            found = self._memo[key]
        except KeyError:
            found = method(self, *args, **kwargs)
            if _size(found) > MEMO_ROWS:
                return found  # a download or a big table: not kept
            if len(self._memo) >= MEMO_LIMIT:
                self._memo.clear()
            self._memo[key] = found
        return _copied(found)

    return answer


def _size(answer: object) -> int:
    """The rows of an answer's longest frame or list (in a tuple too)."""
    if isinstance(answer, tuple):
        return max((_size(a) for a in answer), default=0)
    return len(answer) if isinstance(answer, (pd.DataFrame, list)) else 0


def _frozen(value: object) -> object:
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    return value


def _copied(value: T) -> T:
    if isinstance(value, pd.DataFrame):
        return value.copy()
    if isinstance(value, tuple):
        return tuple(_copied(v) for v in value)  # type: ignore[return-value]
    if isinstance(value, list):  # records: each copied, so a page may change them
        return [dict(v) if isinstance(v, dict) else v for v in value]  # type: ignore[return-value]
    if isinstance(value, dict):
        return dict(value)  # type: ignore[return-value]
    return value


class ClaimQuery:
    """Questions about the claims of one built store (and optional batch candidates).

    One DuckDB connection; each question runs on a cursor of its own, so the
    threads Streamlit runs sessions in never share one.
    """

    def __init__(
        self,
        database: Path,
        categories: list[str],
        candidates: Path | None = None,
    ) -> None:
        """``database``: the curated store (``dataset.store``); ``candidates``: a batch
        output's database (``dataset.batch_store.build_batch``), shown after them."""
        self.categories = list(categories)
        self.database = database
        self.candidates = candidates
        # answers are small, but at 10,000,000 claims a question's hash tables took the
        # process to 3 GB; past this DuckDB spills to a folder beside the store
        name = f"query-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self._con = bounded(QUERY_MEMORY, database.parent, name)
        self._con.execute(f"ATTACH {sql_text(database)} AS store (READ_ONLY)")
        self._lock = threading.Lock()
        self._memo: dict[object, object] = {}
        union = "SELECT * FROM store.claims"
        sources, checks = "FROM store.sources", "SELECT * FROM store.checks"
        if candidates is not None:
            self._con.execute(f"ATTACH {sql_text(candidates)} AS batch (READ_ONLY)")
            union = f"""SELECT * REPLACE ({derived_columns(HASHED_KEYS)}) FROM store.claims
                UNION ALL BY NAME SELECT * FROM batch.claims {self._unpromoted()}"""
            sources += " UNION ALL BY NAME SELECT id, attribution FROM batch.sources"
            checks += " UNION ALL BY NAME SELECT * FROM batch.checks"
        place = " ".join(f"WHEN {sql_text(c)} THEN {i}" for i, c in enumerate(self.categories))
        prefer = " ".join(f"WHEN {sql_text(k)} THEN {v}" for k, v in KIND_PREFERENCE.items())
        self._con.execute(
            f"""CREATE VIEW claims AS SELECT *,
                CASE kind {prefer} ELSE 9 END AS preference,
                CASE category {place or "WHEN NULL THEN 0"} ELSE {len(self.categories)} END
                    AS category_place
            FROM ({union})"""
        )
        self._con.execute(f"CREATE VIEW checks AS {checks}")
        self._con.execute(f"CREATE VIEW source_lines AS SELECT id, attribution {sources}")

    def _unpromoted(self) -> str:
        """The condition that leaves out the candidates promoted into the curated data (the
        same id): found once, here (a join of every candidate's id), and usually none."""
        self._con.execute(
            """CREATE TABLE promoted AS SELECT pos FROM batch.claims
            WHERE id IN (SELECT id FROM store.claims)"""
        )
        if not self._con.execute("SELECT count(*) FROM promoted").fetchall()[0][0]:
            return ""
        return "WHERE pos NOT IN (SELECT pos FROM promoted)"

    # --- plumbing -------------------------------------------------------------------------

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            cursor = self._con.cursor()
        return cursor

    def _where(
        self, filters: Filters, extra: str = "", prefix: str = ""
    ) -> tuple[str, list[object]]:
        clauses, params = [], []
        for name, column in FILTER_COLUMNS.items():
            wanted = getattr(filters, name)
            if wanted:
                clauses.append(f'"{prefix}{column}" IN ({", ".join("?" * len(wanted))})')
                params += list(wanted)
        if extra:
            clauses.append(extra)
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params

    def _frame(self, sql: str, params: list[object]) -> pd.DataFrame:
        cursor = self._cursor()
        try:  # through Arrow: 3x faster than DuckDB's own .df() on 90,000 rows of text
            frame = cursor.sql(sql, params=params).to_arrow_table().to_pandas()
        finally:
            cursor.close()
        return typed(frame, self.categories)

    def _rows(self, sql: str, params: list[object]) -> list[tuple]:
        cursor = self._cursor()
        try:
            return cursor.execute(sql, params).fetchall()
        finally:
            cursor.close()

    @staticmethod
    def _columns(columns: Iterable[str] | None) -> str:
        if columns is None:
            return ", ".join(f'"{c}"' for c in CLAIM_COLUMNS)
        return ", ".join(f'"{c}"' for c in columns)

    # --- questions --------------------------------------------------------------------------

    @_memo
    def count(self, filters: Filters, extra: str = "", params: list | None = None) -> int:
        """How many claims the filters let through."""
        where, args = self._where(filters, extra)
        return self._rows(f"SELECT count(*) FROM claims {where}", args + (params or []))[0][0]

    @_memo
    def sources(
        self, filters: Filters, limit: int | None = None, curated: bool = False
    ) -> list[str]:
        """The sources of the claims let through, in the order they first appear
        (``curated``: only those of the YAML, which have their text)."""
        extra = "source IS NOT NULL" + (" AND file IS NOT NULL" if curated else "")
        where, args = self._where(filters, extra)
        cap = f" LIMIT {int(limit)}" if limit is not None else ""
        sql = f"SELECT source FROM claims {where} GROUP BY source ORDER BY min(pos){cap}"
        return [r[0] for r in self._rows(sql, args)]

    @_memo
    def source_lines(self, filters: Filters) -> list[str]:
        """The attribution lines of the claims' sources, each once, in order of appearance.

        What ``charts.figures.source_line`` reads: a batch output's million sources
        are joined in SQL, never looked up one by one.
        """
        where, args = self._where(filters, "c.source IS NOT NULL")
        sql = f"""SELECT coalesce(l.attribution, c.source) AS shown_line, min(c.pos) AS first
            FROM claims c LEFT JOIN source_lines l ON l.id = c.source {where}
            GROUP BY shown_line ORDER BY first"""
        return [r[0] for r in self._rows(sql, args)]

    @_memo
    def source_count(self, filters: Filters) -> int:
        """How many articles the claims let through come from (counted by their keys)."""
        where, args = self._where(filters, "source IS NOT NULL")
        return self._rows(f"SELECT count(DISTINCT source_key) FROM claims {where}", args)[0][0]

    @_memo
    def options(self, column: str) -> list[str]:
        """The distinct non-empty values of a filter column, sorted (``filters.options``)."""
        assert column in FILTER_COLUMNS.values(), column
        sql = f'SELECT DISTINCT "{column}" FROM claims WHERE "{column}" IS NOT NULL'
        values = [str(r[0]) for r in self._rows(sql, [])]
        return sorted(v for v in values if v)

    @_memo
    def category_counts(self, filters: Filters) -> dict[str, int]:
        """Category -> how many claims let through hold it (those held at all)."""
        where, args = self._where(filters, "category IS NOT NULL")
        sql = f"SELECT category, count(*) FROM claims {where} GROUP BY category ORDER BY min(pos)"
        return {c: int(n) for c, n in self._rows(sql, args)}

    @_memo
    def headlines(
        self, filters: Filters, columns: Iterable[str] | None = None, limit: int = 8
    ) -> pd.DataFrame:
        """``analysis.headlines.headlines`` of the claims let through: one per category.

        The best-ranked claim of each category (levels before changes, then
        ``KIND_PREFERENCE``, the largest value, file order), the categories in
        the order of categories.yaml.
        """
        where, args = self._where(filters)
        # the best of each category by one aggregate (a scan, not a sort of every row)
        rank = """struct_pack(c := measure IS DISTINCT FROM 'level', p := preference,
            v := coalesce(-value, 'inf'::DOUBLE), pos := pos)"""
        sql = f"""WITH best AS (SELECT min({rank}) AS r FROM claims {where} GROUP BY category)
            SELECT {self._columns(columns)} FROM claims
            WHERE pos IN (SELECT r.pos FROM best)
            ORDER BY category_place, {rank}
            LIMIT {int(limit)}"""
        return self._frame(sql, args)

    @_memo
    def overview(
        self, filters: Filters, columns: Iterable[str] | None = None, limit: int = 8
    ) -> tuple[int, int, dict[str, int], pd.DataFrame]:
        """The Overview's questions in two scans: (``count``, ``source_count``,
        ``category_counts``, ``headlines``) of the claims let through.

        At 1,000,000 claims each question was a scan of its own (five a rerun); here
        one aggregate answers the counts and the cards' positions, grouped by category
        and over everything (``GROUPING SETS``), one more counts the articles, and only
        the cards' rows are read whole, by position.
        """
        where, args = self._where(filters)
        rank = """struct_pack(c := measure IS DISTINCT FROM 'level', p := preference,
            v := coalesce(-value, 'inf'::DOUBLE), pos := pos)"""
        sql = f"""SELECT grouping(category) AS whole, category, count(*) AS n, min(pos) AS first,
                min(category_place) AS place, min({rank}) AS best
            FROM claims {where} GROUP BY GROUPING SETS ((category), ())"""
        found = self._rows(sql, args)
        whole = next(r for r in found if r[0])
        groups = [r for r in found if not r[0]]
        counts = {r[1]: int(r[2]) for r in sorted(groups, key=lambda r: r[3]) if r[1] is not None}
        ranked = sorted(groups, key=lambda r: (r[4], *r[5].values()))[: int(limit)]
        wanted = [r[5]["pos"] for r in ranked]
        # the articles apart: a distinct count in every group of the aggregate doubled it
        sources = self._rows(f"SELECT count(DISTINCT source_key) FROM claims {where}", args)[0][0]
        sql = f"""SELECT {self._columns(columns)}, pos AS _pos FROM claims
            WHERE pos IN (SELECT unnest(?::BIGINT[]))"""
        cursor = self._cursor()
        try:
            rows = cursor.sql(sql, params=[wanted]).to_arrow_table().to_pandas()
        finally:
            cursor.close()
        rows = rows.set_index("_pos").reindex(wanted).reset_index(drop=True)
        return int(whole[2]), int(sources), counts, typed(rows, self.categories)

    def currencies(self, filters: Filters) -> list[str]:
        """``target_currencies``: every currency a money claim let through is or is stated in."""
        return self.units(filters)[1]

    def unit_sizes(self, filters: Filters, extra: str = "") -> list[tuple[str, int]]:
        """``charts.figures.group_sizes``: unit groups with their claims, largest first."""
        return self.units(filters, extra)[0]

    @_memo
    def units(self, filters: Filters, extra: str = "") -> tuple[list[tuple[str, int]], list[str]]:
        """(``unit_sizes``, ``currencies``) in one scan: what Explore asks first."""
        where, args = self._where(filters, extra)
        money = "flatten(list(money_currencies) FILTER (WHERE kind = 'money'))"
        sql = f"""SELECT unit_group, count(*) AS n, list_distinct({money}) AS c
            FROM claims {where} GROUP BY unit_group ORDER BY n DESC, unit_group"""
        found = self._rows(sql, args)
        currencies = sorted({c for *_, listed in found for c in listed or () if c is not None})
        return [(g, int(n)) for g, n, _ in found], currencies

    @_memo
    def largest(
        self,
        filters: Filters,
        unit: str,
        columns: Iterable[str] | None,
        limit: int,
        total: int | None = None,
    ) -> tuple[pd.DataFrame, int]:
        """The ``limit`` largest claims of one unit group (``charts.figures.largest``), and
        how many claims the group holds (counted unless ``total``, from ``unit_sizes``,
        says it: a scan less)."""
        where, args = self._where(filters, "unit_group = ?")
        if total is None:
            total = self._rows(f"SELECT count(*) FROM claims {where}", [*args, unit])[0][0]
        order = "value DESC NULLS LAST, pos"
        return self._picked(where, [*args, unit], columns, order, limit), int(total)

    def _picked(
        self, where: str, params: list, columns: Iterable[str] | None, order: str, limit: int
    ) -> pd.DataFrame:
        """The first ``limit`` rows ``where`` lets through, in ``order``: their positions
        first (a scan of a few columns), then every column of those rows only, looked up
        with the filters again, so that DuckDB reads only the row groups they let through
        and, within them, those whose range of positions holds one."""
        picked = f"SELECT pos FROM claims {where} ORDER BY {order} LIMIT {int(limit)}"
        found = [r[0] for r in self._rows(picked, params)]
        if not found:
            return self._frame(f"SELECT {self._columns(columns)} FROM claims WHERE false", [])
        lookup = "pos BETWEEN ? AND ? AND pos IN (SELECT unnest(?::BIGINT[]))"
        within = f"{where} AND {lookup}" if where else f"WHERE {lookup}"
        sql = f"SELECT {self._columns(columns)} FROM claims {within} ORDER BY {order}"
        return self._frame(sql, [*params, min(found), max(found), found])

    @_memo
    def series(
        self,
        filters: Filters,
        unit: str,
        min_sources: int = 2,
        max_series: int | None = None,
        dates: int | None = None,
    ) -> pd.DataFrame:
        """``charts.timeseries.series_rows`` of one unit group: metrics with several sources.

        With ``dates``, only the points the chart draws (``charts.timeseries.thinned``):
        each metric and date's lowest, middle and highest figure, for its newest
        ``dates`` dates, with ``reported`` (how many figures that metric and date has)
        and ``figures`` (how many the metric has).
        """
        where, args = self._where(
            filters, "unit_group = ? AND subject IS NOT NULL AND date IS NOT NULL"
        )
        cap = "" if max_series is None else f"WHERE label_rank <= {int(max_series)}"
        # thinned's ties: the rows' order (value, source, file order); source_key numbers
        # the sources in the order of their names
        order = "value, source_key NULLS FIRST, pos"
        thinned = f"""SELECT * EXCLUDE (nth, age) FROM (
                SELECT *, count(*) OVER (PARTITION BY series, date) AS reported,
                    count(*) OVER (PARTITION BY series) AS figures,
                    row_number() OVER (PARTITION BY series, date ORDER BY {order}) AS nth,
                    dense_rank() OVER (PARTITION BY series ORDER BY date DESC) AS age
                FROM shown WHERE value IS NOT NULL AND NOT isnan(value))
            WHERE age <= {int(dates or 0)}
              AND (nth = 1 OR nth = reported OR nth = (reported + 1) // 2)"""
        counts = ", picked.reported, picked.figures" if dates is not None else ""
        # Narrow first: a series is one key (``dataset.derived.SERIES_KEYS``) numbered by
        # the build, its sources counted by their numbers, and the points picked by key,
        # date, value and position; the words (subject, unit, source...) are read for the
        # points drawn only, and each label for the first row of its key.
        sql = f"""WITH view AS (
                SELECT series_key, source_key, date, value, pos FROM claims {where}),
            counted AS (SELECT series_key, min(pos) AS first, count(DISTINCT source_key) AS n
                        FROM view GROUP BY series_key HAVING n >= {int(min_sources)}),
            firsts AS (SELECT pos AS first, subject AS k1, coalesce(entity, '') AS k2
                       FROM claims {where} AND pos IN (SELECT first FROM counted)),
            named AS (SELECT * FROM counted JOIN firsts USING (first)),
            keys AS (SELECT *, {_KEY_LABEL} AS series FROM named),
            labels AS (SELECT series, arg_min(n, first) AS n FROM keys GROUP BY series),
            ranked AS (SELECT series, row_number() OVER (ORDER BY n DESC, series) AS label_rank
                       FROM labels),
            kept AS (SELECT series_key, series FROM keys JOIN ranked USING (series) {cap}),
            shown AS (SELECT date, value, source_key, series, pos
                      FROM view JOIN kept USING (series_key)),
            picked AS ({thinned if dates is not None else "SELECT * FROM shown"}),
            words AS (SELECT subject, entity, unit, currency, source, date, value, pos
                      FROM claims {where} AND pos IN (SELECT pos FROM picked))
            SELECT words.subject, words.entity, words.unit, words.currency, words.source,
                words.date, words.value, picked.series{counts}, picked.pos
            FROM picked JOIN words USING (pos)
            ORDER BY series, coalesce(words.date, ''), coalesce(words.source, ''), picked.pos"""
        # the filters again where rows are looked up by position: DuckDB then reads only
        # the row groups they let through (the category's), not every position
        frame = self._frame(sql, [*args, unit] * 3).drop(columns="pos", errors="ignore")
        frame["series"] = frame["series"].astype("str" if len(frame) else "object")
        return frame.reset_index(drop=True)

    @_memo
    def rows(
        self,
        filters: Filters,
        limit: int | None = None,
        columns: Iterable[str] | None = None,
        extra: str = "",
        params: list | None = None,
    ) -> pd.DataFrame:
        """The claims let through, in file order (the first ``limit``), as the claims frame."""
        where, args = self._where(filters, extra)
        if limit is not None:  # a page of a table: positions first, then those rows
            return self._picked(where, args + (params or []), columns, "pos", limit)
        sql = f"SELECT {self._columns(columns)} FROM claims {where} ORDER BY pos"
        return self._frame(sql, args + (params or []))

    @_memo
    def checks(self, filters: Filters, limit: int | None = None) -> tuple[list[dict], int, int]:
        """The consistency checks of the claims let through: (the first ``limit`` rows, the
        flagged first, as ``analysis.checks.stored_checks`` reads them; how many checks;
        how many flagged).

        Read from the facts the store worked out once (its ``checks`` table); what depends
        on the view is decided here: the median rate of each pair of currencies among the
        rates let through, and each share's nearest count before it that is let through
        too.  The same checks as ``analysis.checks.all_checks`` over the filtered claims.
        """
        where, args = self._where(filters, "relation = 'rate'")
        shares, share_args = self._where(filters, "relation <> 'rate'")
        counts, count_args = self._where(filters, prefix=implied.COUNT_PREFIX)
        both = f"{shares} AND {counts[len('WHERE ') :]}" if counts else shares
        facts = "checks"
        found = f"""WITH rates AS (SELECT * FROM {facts} {where}),
            sorted AS (SELECT currency, eq_currency, list_sort(list(rate)) AS r, count(*) AS n
                       FROM rates GROUP BY currency, eq_currency),
            pairs AS (  -- statistics.median's: the middle rate, or the mean of the two
                SELECT currency, eq_currency, CASE WHEN n % 2 = 1 THEN r[n // 2 + 1]
                    ELSE (r[n // 2] + r[n // 2 + 1]) / 2 END AS median FROM sorted),
            rated AS (
                SELECT rates.*, pairs.median FROM rates JOIN pairs
                  ON rates.currency IS NOT DISTINCT FROM pairs.currency
                 AND rates.eq_currency IS NOT DISTINCT FROM pairs.eq_currency),
            nearest AS (
                SELECT * FROM {facts} {both}
                QUALIFY row_number() OVER (PARTITION BY pos ORDER BY count_end DESC, count_pos)
                    = 1),
            found AS (
                SELECT *, abs(rate - median) / median <= {implied.RATE_TOLERANCE} AS ok
                FROM rated
                UNION ALL BY NAME
                SELECT *, NULL::DOUBLE AS median,
                    coalesce(value > 0 AND value <= 100, false) AS ok FROM nearest)"""
        params = [*args, *share_args, *count_args]
        total, flagged = self._rows(
            f"{found} SELECT count(*), count(*) FILTER (WHERE NOT ok) FROM found", params
        )[0]
        cap = "" if limit is None else f" LIMIT {int(limit)}"
        sql = f"{found} SELECT * FROM found ORDER BY ok, relation <> 'rate', pos, item{cap}"
        cursor = self._cursor()
        try:
            # records straight from Arrow: through pandas they took 50 ms for 500 rows
            rows = cursor.sql(sql, params=params).to_arrow_table().to_pylist()
        finally:
            cursor.close()
        return rows, int(total), int(flagged)

    def of_source(self, filters: Filters, source: str) -> pd.DataFrame:
        """The claims of one source the filters let through."""
        return self.rows(filters, extra="source = ?", params=[source])

    def source_table(self) -> pa.Table:
        """The curated sources, every column (``dataset.store.SOURCE_SCHEMA``), as stored."""
        cursor = self._cursor()
        try:
            return cursor.sql("SELECT * FROM store.sources ORDER BY file").to_arrow_table()
        finally:
            cursor.close()

    def attributions(self, ids: Iterable[str]) -> dict[str, str]:
        """Source id -> its chart attribution line, for ``ids``."""
        wanted = list(dict.fromkeys(i for i in ids if isinstance(i, str)))
        if not wanted:
            return {}
        marks = ", ".join("?" * len(wanted))
        sql = f"SELECT id, attribution FROM source_lines WHERE id IN ({marks})"
        return dict(self._rows(sql, wanted))


def typed(frame: pd.DataFrame, categories: list[str]) -> pd.DataFrame:
    """A query's rows with the claims frame's dtypes (``CLAIM_COLUMNS``), equivalents parsed."""
    dtypes = {c: CLAIM_COLUMNS[c] for c in frame.columns if c in CLAIM_COLUMNS}
    if "status" in dtypes and (frame["status"] == BATCH_STATUS).any():
        dtypes["status"] = pd.CategoricalDtype([*STATUSES, BATCH_STATUS])  # a batch candidate
    if "equivalents" in frame:  # JSON text parsed only where a conversion is stated
        column = frame["equivalents"].to_numpy(dtype=object, na_value=None)
        parsed = np.full(len(column), None, dtype=object)
        for i in np.flatnonzero(pd.notna(column)).tolist():
            parsed[i] = _equivalents(column[i])
        frame["equivalents"] = pd.Series(parsed, index=frame.index, dtype=object)
    frame = frame.astype(dtypes)
    if "category" in frame:
        known = list(categories)
        extra = [c for c in frame["category"].dropna().unique() if c not in known]
        frame["category"] = frame["category"].astype(pd.CategoricalDtype(known + extra))
    return frame


def _equivalents(text: object) -> list[dict] | None:
    if not isinstance(text, str):
        return None
    items = json.loads(text)
    for item in items:
        if isinstance(item.get("span"), list):
            item["span"] = tuple(item["span"])
    return items or None


class Attributions(Mapping[str, str]):
    """Source id -> attribution line: the curated sources in memory, batch ones on demand.

    A batch output may hold millions of sources; only those a page names are
    looked up (and kept, a bounded number).
    """

    LIMIT = 100_000

    def __init__(self, known: dict[str, str], query: ClaimQuery | None) -> None:
        self._known = known
        self._query = query if query is not None and query.candidates is not None else None
        self._more: dict[str, str] = {}

    def __getitem__(self, key: str) -> str:
        if key in self._known:
            return self._known[key]
        if key in self._more:
            return self._more[key]
        if self._query is not None:
            found = self._query.attributions([key])
            if key in found:
                if len(self._more) >= self.LIMIT:
                    self._more.clear()
                self._more[key] = found[key]
                return found[key]
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._known)

    def __len__(self) -> int:
        return len(self._known)
