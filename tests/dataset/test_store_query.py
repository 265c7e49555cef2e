"""DuckDB's answers over the store equal the pandas functions the pages used before.

Random claims frames (``tests/charts/synthetic.py``: missing values, ties,
repeated subjects, conversions) are written as a store's Parquet files; every
question of ``analysis/query.py`` is asked of them under each filter and held
to the plain pandas version over ``apply_filters``'s rows.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from analysis.checks import all_checks, flagged_first, stored_checks
from analysis.currency import target_currencies
from analysis.filters import Filters, apply_filters, options
from analysis.headlines import headlines
from analysis.query import BATCH_STATUS, ClaimQuery
from charts.figures import BAR_LIMIT, group_sizes, largest, unit_groups
from charts.timeseries import series_rows, thinned
from dataset.batch_store import build_batch
from dataset.derived import derived_columns
from dataset.store import (
    CLAIM_SCHEMA,
    DATABASE,
    PROBLEM_SCHEMA,
    SOURCE_SCHEMA,
    checks_facts,
    write_database,
)
from tests.charts.synthetic import CATEGORIES, claims

FILTERS = [
    Filters(),
    Filters(statuses=()),
    Filters(categories=("users",)),
    Filters(categories=("users", "trade"), statuses=("approved", "candidate")),
    Filters(categories=("nope",)),
    Filters(sources=("a", "c"), kinds=("money",), statuses=()),
    Filters(entities=("China",), qualifiers=("exact", "more_than")),
    Filters(kinds=("count", "percent"), statuses=("rejected", "candidate")),
]


def write_store(folder: Path, frame: pd.DataFrame, texts: dict[str, str] | None = None) -> Path:
    """``frame`` as a store's database (``store.duckdb``: its claims and their checks, as
    the build writes them), with sources of ``texts`` (source id -> text; none by default)."""
    rows = frame.astype(object).where(frame.notna(), None)
    rows["equivalents"] = [json.dumps(e) if e else None for e in frame["equivalents"]]
    rows["pos"] = range(len(frame))
    schema = pa.schema([*(f for f in CLAIM_SCHEMA if f.name in frame.columns), ("pos", pa.int64())])
    table = pa.Table.from_pandas(rows[schema.names], schema=schema, preserve_index=False)
    sources = pa.Table.from_pylist(
        [{"id": s, "text": t} for s, t in (texts or {}).items()], SOURCE_SCHEMA
    )
    with duckdb.connect() as con:
        con.register("written", table)
        table = con.sql(f"SELECT *, {derived_columns()} FROM written").to_arrow_table()
        checks = checks_facts(con, table, sources)
    tables = {"claims": table, "sources": sources, "checks": checks}
    write_database(folder / DATABASE, {**tables, "problems": PROBLEM_SCHEMA.empty_table()}, "t")
    return folder / DATABASE


@pytest.fixture(scope="module", params=[0, 1, 2])
def case(request, tmp_path_factory) -> tuple[pd.DataFrame, ClaimQuery]:
    frame = claims(400, request.param)
    frame["file"] = pd.Series("data/claims/x.yaml", index=frame.index, dtype="string")
    frame["line"] = pd.Series(range(1, len(frame) + 1), index=frame.index, dtype="Int64")
    database = write_store(tmp_path_factory.mktemp("store"), frame)
    return frame, ClaimQuery(database, list(CATEGORIES))


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.reset_index(drop=True)
    if "category" in out:
        out["category"] = out["category"].astype("object")
    return out


@pytest.mark.parametrize("filters", FILTERS)
def test_rows_and_counts(case, filters: Filters) -> None:
    frame, query = case
    expected = apply_filters(frame, filters)
    assert query.count(filters) == len(expected)
    pd.testing.assert_frame_equal(plain(query.rows(filters)), plain(expected))
    pd.testing.assert_frame_equal(plain(query.rows(filters, 7)), plain(expected.head(7)))
    assert query.sources(filters) == list(dict.fromkeys(expected["source"].dropna()))
    counts = expected["category"].astype("object").dropna().value_counts().to_dict()
    assert query.category_counts(filters) == counts


@pytest.mark.parametrize("filters", FILTERS)
def test_headlines(case, filters: Filters) -> None:
    frame, query = case
    expected = headlines(apply_filters(frame, filters), list(CATEGORIES))
    got = query.headlines(filters, ["id", "value", "category"])
    assert got["id"].tolist() == expected["id"].tolist()


@pytest.mark.parametrize("filters", FILTERS)
def test_the_overview_in_one_scan(case, filters: Filters) -> None:
    _, query = case
    count, sources, counts, cards = query.overview(filters, ["id", "value", "category"])
    assert (count, sources) == (query.count(filters), query.source_count(filters))
    assert list(counts.items()) == list(query.category_counts(filters).items())  # in order
    expected = query.headlines(filters, ["id", "value", "category"])
    pd.testing.assert_frame_equal(plain(cards), plain(expected))


def sampled(sizes: list[tuple[str, int]], offset: int) -> list[tuple[str, int]]:
    """The largest and the smallest unit group, and every tenth from ``offset``.

    Each group costs five queries, and a random frame has some fifty of them; the
    filters' cases take different offsets, so together they still ask about money,
    changes, shares and ties, while a case runs in a fraction of the time.
    """
    if len(sizes) <= 6:
        return sizes
    return list(dict.fromkeys([sizes[0], *sizes[offset % 10 :: 10], sizes[-1]]))


@pytest.mark.parametrize("filters", FILTERS)
def test_units_bars_and_series(case, filters: Filters) -> None:
    frame, query = case
    shown = apply_filters(frame, filters)
    assert query.unit_sizes(filters) == group_sizes(shown)
    assert query.currencies(filters) == target_currencies(shown)
    groups = unit_groups(shown)
    for unit, size in sampled(group_sizes(shown), FILTERS.index(filters)):
        rows = shown[groups == unit]
        bars, count = query.largest(filters, unit, ["id", "value"], BAR_LIMIT)
        assert count == size
        assert query.largest(filters, unit, ["id"], BAR_LIMIT, size)[0]["id"].equals(bars["id"])
        assert bars["id"].tolist() == rows["id"].iloc[largest(rows["value"], BAR_LIMIT)].tolist()
        expected = series_rows(rows, max_series=8)
        got = query.series(filters, unit, max_series=8)
        pd.testing.assert_frame_equal(
            plain(got)[["series", "date", "source", "value"]],
            plain(expected)[["series", "date", "source", "value"]],
            check_dtype=False,
        )
        # the points drawn: three a date (lowest, middle, highest), the newest two dates
        drawn = ["series", "date", "source", "value", "reported", "figures"]
        pd.testing.assert_frame_equal(
            plain(query.series(filters, unit, max_series=8, dates=2))[drawn],
            plain(thinned(expected, dates=2))[drawn],
            check_dtype=False,
        )


def test_options(case) -> None:
    frame, query = case
    for column in ("source", "entity"):
        assert query.options(column) == options(frame, column)


def test_batch_candidates_come_after_and_are_marked(case, tmp_path: Path) -> None:
    frame, query = case
    out = tmp_path / "batch"
    (out / "claims").mkdir(parents=True)
    (out / "sources").mkdir()
    batch = pd.DataFrame(
        {
            "id": ["b1", "b2"],
            "source": ["art-1", "art-2"],
            "status": ["candidate", "candidate"],
            "quote": ["It sold 5 million.", "It sold 9 million."],
            "start": [8, 8],
            "end": [17, 17],
            "value": [5e6, 9e6],
            "kind": ["count", "count"],
            "unit": ["people", "people"],
            "category": ["users", "users"],
            "measure": ["level", "level"],
            "qualifier": ["exact", "exact"],
            "period_start": ["2020", None],
            "period_end": ["2021", None],
            "period_as_of": [None, "2019"],
            "equivalents": [None, None],
        }
    )
    batch.to_parquet(out / "claims" / "part-0.parquet")
    pd.DataFrame(
        {
            "id": ["art-1", "art-2"],
            "title": ["A", "B"],
            "publisher": ["Wire", "Post"],
            "published": pd.to_datetime(["2020-01-02", "2021-03-04"]),
            "url": [None, None],
        }
    ).to_parquet(out / "sources" / "part-0.parquet")
    batch = build_batch(out, query.database.parent)
    both = ClaimQuery(query.database, list(CATEGORIES), candidates=batch)
    marked = Filters(statuses=(BATCH_STATUS,))
    rows = both.rows(marked)
    assert rows["id"].tolist() == ["b1", "b2"]
    assert rows["status"].tolist() == [BATCH_STATUS] * 2
    assert rows["period"].tolist() == ["2020 to 2021", "2019"]
    assert both.count(Filters()) == query.count(Filters())  # not approved: hidden by default
    assert both.count(Filters(statuses=())) == len(frame) + 2
    assert both.rows(Filters(statuses=()))["id"].tolist()[-2:] == ["b1", "b2"]
    assert both.attributions(["art-2", "nope"]) == {"art-2": "Post, 2021-03-04"}
    assert np.isnan(both.headlines(marked, ["value"])["value"]).sum() == 0


def checkable(n: int, seed: int) -> tuple[pd.DataFrame, dict[str, str]]:
    """Random claims whose figures imply each other: conversions (``claims``), and shares
    written 50 characters apart in sentences that several figures share, the words after
    them saying "of all users" (a total), "of them" (a part) or neither."""
    frame = claims(n, seed)
    frame["start"] = pd.array([50 * i for i in range(n)], dtype="Int64")
    frame["end"] = frame["start"] + 3
    frame["quote"] = pd.array([f"sentence {i % 5}" for i in range(n)], dtype="string")
    frame["file"] = pd.Series("data/claims/x.yaml", index=frame.index, dtype="string")
    frame["line"] = pd.Series(range(1, n + 1), index=frame.index, dtype="Int64")
    words = [" of all users", " OF THEM were", " and more"]
    text = "".join(f"{i:<3}{words[i % 3]:<47}" for i in range(n))
    return frame, {s: text for s in frame["source"].dropna().unique()}


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_stored_checks_are_the_checks_of_the_filtered_claims(seed: int, tmp_path: Path) -> None:
    frame, texts = checkable(200, seed)
    query = ClaimQuery(write_store(tmp_path, frame, texts), list(CATEGORIES))
    for filters in FILTERS:
        expected = flagged_first(all_checks(apply_filters(frame, filters), texts))
        rows, total, flagged = query.checks(filters)
        assert stored_checks(rows) == expected
        assert (total, flagged) == (len(expected), sum(not c.ok for c in expected))
        assert stored_checks(query.checks(filters, 4)[0]) == expected[:4]
    every = all_checks(frame, texts)
    rules = {c.rule for c in every}  # the random data meets every rule, and flags some
    assert rules == {"exchange rate", "total implied by a share", "part implied by a fraction"}
    assert any(not c.ok for c in every) and any(c.ok for c in every)


def test_batch_conversions_are_checked(tmp_path: Path) -> None:
    frame, texts = checkable(60, 3)
    database = write_store(tmp_path, frame, texts)
    out = tmp_path / "batch"
    (out / "claims").mkdir(parents=True)
    conversions = [json.dumps([{"value": v, "currency": "USD", "span": None}]) for v in (1, 2)]
    pd.DataFrame(
        {
            "id": ["b1", "b2"],
            "source": ["art-1", "art-2"],
            "status": ["candidate", "candidate"],
            "quote": ["It earned 7 yuan ($1).", "It earned 70 yuan ($2)."],
            "start": [10, 10],
            "end": [17, 18],
            "value": [7.0, 70.0],
            "kind": ["money", "money"],
            "currency": ["CNY", "CNY"],
            "measure": ["level", "level"],
            "qualifier": ["exact", "exact"],
            "category": ["trade", "trade"],
            "period_as_of": ["2020", "2021"],
            "period_start": [None, None],
            "period_end": [None, None],
            "equivalents": conversions,
        }
    ).to_parquet(out / "claims" / "part-0.parquet")
    query = ClaimQuery(database, list(CATEGORIES), candidates=build_batch(out, tmp_path))
    rows, total, flagged = query.checks(Filters(statuses=(BATCH_STATUS,)))
    found = [(c.result, c.ok) for c in stored_checks(rows)]
    # two rates of one pair: the median lies between, each 67% away from it
    assert found == [("7 CNY per USD", False), ("35 CNY per USD", False)]
    assert (total, flagged) == (2, 2)
    both = query.checks(Filters(statuses=()))[1]
    assert both == 2 + len(all_checks(frame, texts))


@pytest.mark.parametrize("filters", FILTERS)
def test_source_lines_as_the_chart_names_them(case, filters: Filters) -> None:
    frame, query = case
    shown = apply_filters(frame, filters)
    assert query.source_count(filters) == shown["source"].nunique()
    # no attribution stored for these sources: the line falls back to the id, as .get(s, s)
    assert query.source_lines(filters) == list(dict.fromkeys(shown["source"].dropna()))
