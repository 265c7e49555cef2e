"""A batch output's database: compiled once, compiled again when its partitions change."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from analysis.filters import Filters
from analysis.query import BATCH_STATUS, ClaimQuery
from dataset import store
from dataset.batch_store import BATCH_BASE, batch_database, build_batch


def partition(out: Path, number: int, figures: list[float], money: bool = False) -> None:
    """One claims partition and its sources, as ``python -m extractors batch`` writes them."""
    (out / "claims").mkdir(parents=True, exist_ok=True)
    (out / "sources").mkdir(parents=True, exist_ok=True)
    n = len(figures)
    article = f"wire-{number}"
    pd.DataFrame(
        {
            "id": [f"{article}-c{i}" for i in range(n)],
            "source": [article] * n,
            "status": ["candidate"] * n,
            "quote": [f"Sales reached {v:g} yuan." for v in figures],
            "start": [14] * n,
            "end": [20] * n,
            "value": figures,
            "kind": ["money" if money else "count"] * n,
            "unit": [None if money else "visitors"] * n,
            "currency": ["CNY" if money else None] * n,
            "category": ["economy"] * n,
            "subject": ["sales"] * n,
            "period_as_of": ["2024"] * n,
            "equivalents": [
                '[{"value": %r, "currency": "USD"}]' % (v / 7) if money else None for v in figures
            ],
        }
    ).to_parquet(out / "claims" / f"part-{number:05d}.parquet")
    pd.DataFrame(
        {
            "id": [article],
            "title": ["A wire story"],
            "publisher": ["Wire"],
            "published": pd.to_datetime(["2024-05-06"]),
            "url": [None],
        }
    ).to_parquet(out / "sources" / f"part-{number:05d}.parquet")


@pytest.fixture
def curated(data_copy: Path) -> store.Store:
    return store.build(data_copy)


def test_compiled_once_and_again_when_a_partition_is_added(
    tmp_path: Path, curated: store.Store
) -> None:
    out = tmp_path / "batch"
    partition(out, 0, [1.0, 2.0])
    path = build_batch(out, curated.folder)
    first = path.stat().st_mtime_ns
    assert build_batch(out, curated.folder) == path and path.stat().st_mtime_ns == first
    partition(out, 1, [3.0])  # a resumed run writes another partition
    build_batch(out, curated.folder)
    query = ClaimQuery(curated.database, list(curated.models.categories), path)
    rows = query.rows(Filters(statuses=(BATCH_STATUS,)))
    assert rows["value"].tolist() == [1.0, 2.0, 3.0]  # partition and row order
    assert rows["period"].tolist() == ["2024"] * 3
    assert rows["note"].isna().all()  # a column no partition holds: empty, not an error
    assert query.attributions(["wire-1"]) == {"wire-1": "Wire, 2024-05-06"}


def test_candidates_come_after_every_curated_claim(tmp_path: Path, curated: store.Store) -> None:
    out = tmp_path / "batch"
    partition(out, 0, [5.0])
    query = ClaimQuery(
        curated.database, list(curated.models.categories), build_batch(out, curated.folder)
    )
    everything = query.rows(Filters(statuses=()))
    assert everything["status"].tolist()[-1] == BATCH_STATUS
    assert query.count(Filters(statuses=())) == query.count(Filters()) + 1 + query.count(
        Filters(statuses=("candidate", "rejected"))
    )
    assert BATCH_BASE > 2**40


@pytest.mark.parametrize("damage", [b"", b"not a database" * 100])
def test_a_damaged_batch_database_is_compiled_again(
    tmp_path: Path, curated: store.Store, damage: bytes
) -> None:
    out = tmp_path / "batch"
    partition(out, 0, [1.0, 2.0])
    path = build_batch(out, curated.folder)
    path.write_bytes(damage)
    assert build_batch(out, curated.folder) == path
    query = ClaimQuery(curated.database, list(curated.models.categories), path)
    assert query.count(Filters(statuses=(BATCH_STATUS,))) == 2


def test_the_rates_of_stated_conversions_are_checked(tmp_path: Path, curated: store.Store) -> None:
    out = tmp_path / "batch"
    partition(out, 0, [70.0, 700.0, 7000.0], money=True)
    query = ClaimQuery(
        curated.database, list(curated.models.categories), build_batch(out, curated.folder)
    )
    rows, total, flagged = query.checks(Filters(statuses=(BATCH_STATUS,)))
    assert (total, flagged) == (3, 0)
    assert {round(r["rate"], 6) for r in rows} == {7.0}


def test_each_batch_output_has_a_database_of_its_own(tmp_path: Path) -> None:
    here = batch_database(tmp_path / "a" / "out", tmp_path / "store")
    there = batch_database(tmp_path / "b" / "out", tmp_path / "store")
    assert here != there and here.parent == there.parent == tmp_path / "store"
    assert os.path.basename(here).startswith("batch-out-")


HEAVY = """SELECT count(*) FROM (SELECT range % 1000003 AS k, count(*) AS n
    FROM range(8000000) GROUP BY k ORDER BY k)"""
"""A question whose hash table and sort need more than the 30 MB the tests allow."""


def test_the_heavy_question_does_not_fit_in_30_mb() -> None:
    """So that the two tests below spill, or fail."""
    with duckdb.connect() as con:
        con.execute("SET memory_limit = '30MB'")
        con.execute("SET temp_directory = ''")
        with pytest.raises(duckdb.OutOfMemoryException):
            con.execute(HEAVY).fetchall()


def test_a_question_past_the_memory_limit_spills_beside_the_store(
    curated: store.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("analysis.query.QUERY_MEMORY", "30MB")
    query = ClaimQuery(curated.database, list(curated.models.categories))
    assert query._rows(HEAVY, []) == [(1000003,)]
    del query  # DuckDB removes the folder it spilled to when it closes
    assert list((curated.folder / ".spill").iterdir()) == []


def test_a_build_past_the_memory_limit_spills_beside_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("dataset.store.BUILD_MEMORY", "30MB")
    with store.new_database(tmp_path / "big.duckdb", "digest") as con:
        con.execute(f"CREATE TABLE out.counts AS {HEAVY}")
    assert store.recorded_database(tmp_path / "big.duckdb") == "digest"
    assert list((tmp_path / ".spill").iterdir()) == []
