"""A batch output compiled once into a DuckDB database, as the curated store is.

``python -m extractors batch`` writes its candidates as Parquet partitions
(``claims/part-*.parquet``, ``sources/part-*.parquet``).  Read as written at every
question, 10,000,000 candidates cost seconds a question (Explore 19 s a filter): every
question worked out each row's unit group, currencies and keys again.  So the first
time the dashboard opens a batch output, it is compiled into ``batch-<tag>.duckdb`` in
the store's folder (the output itself may be read-only), with the derived columns of
``dataset.derived.BATCH_SQL``, sorted as the curated claims are, and keyed by the
partitions' names, sizes and modification times: a run that adds partitions (or
resumes) changes the key, and the database is compiled again.

Tables: ``claims`` (status ``BATCH_STATUS``; ``pos`` from ``BATCH_BASE``, so after
every curated claim, in partition and row order), ``sources`` (id and attribution line)
and ``checks`` (the rates the candidates' stated conversions imply, ``dataset.implied``).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pyarrow as pa

from dataset import implied
from dataset.derived import BATCH_SQL, derived_columns
from dataset.duck import sql_list, sql_text
from dataset.store import SORTED_BY, STORED_SCHEMA, new_database, recorded_database

BATCH_STATUS = "candidate (unreviewed batch)"
"""The status candidates of a batch output are shown under (never written to YAML)."""
BATCH_BASE = 1 << 48
"""The first batch candidate's ``pos``: after any curated claim's; each partition starts
``1 << 32`` further."""
_SQL_TYPES = {pa.string(): "VARCHAR", pa.int64(): "BIGINT", pa.float64(): "DOUBLE"}
LAYOUT = "1"
"""Part of the key: bump it when the database's layout changes."""


def batch_stamp(folder: Path) -> str:
    """A digest of the batch output's partition files (name, size, mtime): its key."""
    digest = hashlib.blake2b(LAYOUT.encode(), digest_size=16)
    for part in ("claims", "sources"):
        for path in sorted((folder / part).glob("*.parquet")):
            info = path.stat()
            digest.update(f"{part}/{path.name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def batch_database(folder: Path, store_folder: Path) -> Path:
    """Where the database of the batch output ``folder`` lives, beside the curated store."""
    tag = hashlib.blake2b(os.path.abspath(folder).encode(), digest_size=4).hexdigest()
    return store_folder / f"batch-{folder.name}-{tag}.duckdb"


def build_batch(folder: Path, store_folder: Path) -> Path:
    """The database of the batch output ``folder``, compiled unless it is up to date."""
    path = batch_database(folder, store_folder)
    stamp = batch_stamp(folder)
    if recorded_database(path) == stamp:
        return path
    store_folder.mkdir(parents=True, exist_ok=True)
    claims = sorted((folder / "claims").glob("*.parquet"))
    sources = sorted((folder / "sources").glob("*.parquet"))
    with new_database(path, stamp) as con:
        con.execute(f"CREATE TABLE out.claims AS {_claims_sql(con, claims)}")
        con.execute(f"CREATE TABLE out.sources AS {_sources_sql(sources)}")
        facts = _facts(con) if claims else implied.CHECKS_SCHEMA.empty_table()
        con.register("facts", facts)
        order = SORTED_BY["checks"]
        con.execute(f"CREATE TABLE out.checks AS SELECT * FROM facts ORDER BY {order}")
    return path


def _claims_sql(con: Any, files: list[Path]) -> str:
    """The candidates as the curated store's claims (``STORED_SCHEMA``, a column no partition
    holds as NULL), with their positions and derived columns, sorted as the store is."""
    if not files:
        columns = ", ".join(f'NULL::{_SQL_TYPES[f.type]} AS "{f.name}"' for f in STORED_SCHEMA)
        return f"SELECT {columns}, NULL::BIGINT AS pos WHERE false"
    listing = sql_list(files)
    scan = f"read_parquet({listing}, union_by_name = true, filename = true, file_row_number = true)"
    present = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {scan}").fetchall()}
    period = "coalesce(period_as_of, concat_ws(' to ', period_start, period_end))"
    made = {
        "status": sql_text(BATCH_STATUS),
        "file": "NULL::VARCHAR",
        "line": "NULL::BIGINT",
        "period": f"nullif({period}, '')",
    }
    filled = [  # what the partitions hold, or NULL: then the columns made of them
        f'CAST("{f.name}" AS {_SQL_TYPES[f.type]}) AS "{f.name}"'
        if f.name in present
        else f'NULL::{_SQL_TYPES[f.type]} AS "{f.name}"'
        for f in STORED_SCHEMA
        if f.name not in made
    ]
    position = f"""{BATCH_BASE} + ((list_position({listing}, filename) - 1)::BIGINT << 32)
        + file_row_number AS pos"""
    made_sql = ", ".join(f'{sql} AS "{name}"' for name, sql in made.items())
    read = f"""SELECT * EXCLUDE (filename, file_row_number), {made_sql}, {position}
        FROM (SELECT {", ".join(filled)}, filename, file_row_number FROM {scan})"""
    return f"SELECT *, {derived_columns(BATCH_SQL)} FROM ({read}) ORDER BY {SORTED_BY['claims']}"


def _sources_sql(files: list[Path]) -> str:
    if not files:
        return "SELECT NULL::VARCHAR AS id, NULL::VARCHAR AS attribution WHERE false"
    return f"""SELECT id, publisher || ', ' || CAST(CAST(published AS DATE) AS VARCHAR)
            AS attribution
        FROM read_parquet({sql_list(files)}, union_by_name = true) ORDER BY id"""


def _facts(con: Any) -> pa.Table:
    """The rates the money candidates' stated conversions imply (``dataset.implied``): only
    the rows that state one become Python dicts."""
    columns = ", ".join(f'"{c}"' for c in implied.CLAIM_FACTS)
    found = con.sql(
        f"""SELECT {columns}, equivalents FROM out.claims
        WHERE kind = 'money' AND equivalents IS NOT NULL AND equivalents <> '[]' ORDER BY pos"""
    ).to_arrow_table()
    money = found.to_pylist()
    for row in money:
        row["equivalents"] = json.loads(row["equivalents"]) or None
    return implied.facts_table(money, [], [])
