"""The derived columnar store: the YAML under ``data/`` compiled into Parquet.

The YAML stays the truth people review and diff; the store is what the
dashboard queries (with DuckDB, ``analysis/query.py``), so a restart reads
columns instead of parsing YAML, and size costs little.  Freshness is one
rule, as in OWID's ETL (``checksum_input``): every output records a digest of
its inputs (the bytes of the files it was made from and ``SCHEMA_VERSION``),
and an output whose recorded digest differs, or that cannot be read, is
rebuilt, never trusted.  A file whose stat has not changed since the last build
is not read again for its digest (``dataset/fingerprints.py``, as git's index).

Layout, under ``store_dir(root)``:

* ``files/claims/<id>.parquet``: one claims file, compiled: every claim that
  validated, with its line numbers and whether it passed the checks that
  need only its own file and its source (text, span, quote).  Its problems
  (``file:line:field``) travel in the Parquet's metadata.  Keyed by the
  claims file, its source's YAML and text.
* ``files/sources/<id>.parquet``: one source (zero rows if invalid) and its
  problems, keyed by its YAML and text.
* ``store.duckdb``: the whole dataset after the checks across files
  (categories, metrics, duplicate ids), one DuckDB database, keyed by the
  digest of every per-file digest and of ``categories.yaml`` and
  ``metrics.yaml`` (its ``meta`` table records it).  Tables ``claims``,
  ``sources``, ``problems`` and ``checks``: the consistency checks' facts
  (``dataset/implied.py``), every rate a conversion implies and every share
  with the counts it may be a share of, each row with the filter columns of
  its claims, so the Checks page asks DuckDB for the filtered ones
  (``ClaimQuery.checks``).  DuckDB's own format rather than Parquet: a scan
  of it is two to four times as fast, and its zone maps (the least and most
  of each column in each row group) let a question on one category read
  that category's row groups only, since the claims are stored sorted by
  category (then by ``pos``, their order in the files).

Only changed files are compiled again; the database is written again, to a
new file put in place in one rename, when anything changed (DuckDB, a few
seconds at 1,000,000 claims).  The
store lives in ``$NEWS_STATS_STORE/<data folder>-<hash>/`` or, by default,
``.store/<data folder>-<hash>/`` beside the data folder (git-ignored);
deleting it is always safe.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from dataset import implied
from dataset.derived import derived_columns
from dataset.duck import bounded, sql_list, sql_text
from dataset.fingerprints import Fingerprints
from dataset.frames import claim_row
from dataset.load import (
    CATEGORIES_FILE,
    CLAIMS_DIR,
    METRICS_FILE,
    SOURCES_DIR,
    Models,
    _load_categories,
    _load_metrics,
    _load_references,
    load_source,
    parse_claims_file,
)
from dataset.problems import Problem
from dataset.schema import Source
from dataset.validate import claim_problems
from dataset.yamlio import display_name, read_bytes

SCHEMA_VERSION = "1"
"""Part of every digest: bump it when the Parquet layout or a per-file check changes."""
COMBINED_VERSION = "7"
"""Part of the database's digest: bump it when its layout changes (2: ``unit_group``,
``dataset/derived.py``, and the checks; 3: Parquet row groups; 4: ``store.duckdb``;
5: every column of ``dataset.derived.DERIVED_SQL``; 6: ``SORTED_BY``;
7: ``source_key`` in the order of the sources' names)."""
DATABASE = "store.duckdb"
BUILD_MEMORY = "1GB"
"""What DuckDB may hold in memory while it writes a database (it spills the rest to disk)."""
ENV_VAR = "NEWS_STATS_STORE"
DIGEST_KEY = b"news_stats.input"
PROBLEMS_KEY = b"news_stats.problems"
PARALLEL_FROM = 64
"""Files to compile at least before the work is spread over processes (one a core)."""

_TEXT = pa.string()
CLAIM_SCHEMA = pa.schema(
    [
        ("id", _TEXT),
        ("source", _TEXT),
        ("status", _TEXT),
        ("quote", _TEXT),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("value", pa.float64()),
        ("kind", _TEXT),
        ("unit", _TEXT),
        ("currency", _TEXT),
        ("qualifier", _TEXT),
        ("low", pa.float64()),
        ("high", pa.float64()),
        ("measure", _TEXT),
        ("base_period", _TEXT),
        ("metric", _TEXT),
        ("subject", _TEXT),
        ("entity", _TEXT),
        ("period", _TEXT),
        ("period_as_of", _TEXT),
        ("period_start", _TEXT),
        ("period_end", _TEXT),
        ("date", _TEXT),
        ("category", _TEXT),
        ("attributed_to", _TEXT),
        ("equivalents", _TEXT),  # JSON text, null when none is stated
        ("note", _TEXT),
        ("file", _TEXT),
        ("line", pa.int64()),
        ("item", pa.int64()),  # the claim's place in its file
        ("line_id", pa.int64()),
        ("line_category", pa.int64()),
        ("line_metric", pa.int64()),
        ("checked", pa.bool_()),  # passed the checks of its own file and source
    ]
)
"""A compiled claims file: the claims frame's columns and what the checks across files need."""

STORED_SCHEMA = pa.schema(list(CLAIM_SCHEMA)[: CLAIM_SCHEMA.get_field_index("line") + 1])
"""The claims columns the database keeps (the per-file checks' bookkeeping left out)."""
SOURCE_SCHEMA = pa.schema(
    [
        ("id", _TEXT),
        ("title", _TEXT),
        ("publisher", _TEXT),
        ("authors", _TEXT),  # JSON list
        ("published", pa.date32()),
        ("url", _TEXT),
        ("language", _TEXT),
        ("note", _TEXT),
        ("attribution", _TEXT),
        ("text", _TEXT),
        ("file", _TEXT),
    ]
)
PROBLEM_SCHEMA = pa.schema(
    [("file", _TEXT), ("line", pa.int64()), ("field", _TEXT), ("message", _TEXT)]
)
LEFT_BY_OLDER = ("claims.parquet", "sources.parquet", "problems.parquet", "checks.parquet")
"""The combined files a store kept before ``store.duckdb``: deleted when it is written."""
SORTED_BY = {"claims": "category, pos", "checks": "category, pos, item", "sources": "id"}
"""Each table's order in the database: by category first, so that a question on one category
reads only its row groups (DuckDB skips the others by their zone maps), then in file order
(``pos``), so that the first rows of a table are a few row groups, not a row from each
(sorted by unit group too, Explore's 500 rows at 1,000,000 claims took 34 ms, not 12)."""
ROW_GROUP_ROWS = 16_384
"""Rows a row group of the database (DuckDB's default is 122,880): the smaller the groups,
the fewer rows a question on one category reads besides its own, and a table's first rows
come from fewer rows decompressed."""


def store_dir(root: Path | str) -> Path:
    """Where the store of the data folder ``root`` lives (see the module's docstring).

    >>> store_dir("/srv/news/data").parent
    PosixPath('/srv/news/.store')
    """
    root = Path(os.path.abspath(root))
    tag = hashlib.blake2b(str(root).encode(), digest_size=4).hexdigest()
    base = os.environ.get(ENV_VAR)
    return (Path(base) if base else root.parent / ".store") / f"{root.name}-{tag}"


@dataclass
class Store:
    """A built store: where its files are, the live models and every problem."""

    folder: Path
    digest: str
    models: Models
    """Categories, metrics and references (small, read from YAML every build)."""
    problems: list[Problem]
    rebuilt: list[str] = field(default_factory=list)
    """The per-file outputs compiled by this build (names), for tests and the CLI."""

    @property
    def database(self) -> Path:
        """The DuckDB database of the whole dataset (``analysis.query.ClaimQuery`` opens it)."""
        return self.folder / DATABASE


def build(root: Path | str, folder: Path | None = None) -> Store:
    """Bring the store of ``root`` up to date and return it.

    Reads every data file's bytes (the digests), compiles only the files
    whose digest changed, and rewrites the combined files only when the
    dataset's digest changed.
    """
    root = Path(root)
    folder = folder or store_dir(root)
    models = Models()
    live = _load_categories(root, models) + _load_metrics(root, models)
    live += _load_references(root, models)
    sources = {p.stem: p for p in sorted((root / SOURCES_DIR).glob("*.yaml"))}
    claims = sorted((root / CLAIMS_DIR).glob("*.yaml"))
    prints = Fingerprints(folder)
    source_inputs = {stem: _source_inputs(path, prints) for stem, path in sources.items()}
    jobs: list[tuple[str, str, Path, str]] = []  # (kind, stem, output, digest)
    for stem, inputs in source_inputs.items():
        jobs.append(("sources", stem, folder / "files" / "sources" / f"{stem}.parquet", inputs))
    for path in claims:
        parts = [b"claims", _part(path, prints), *_source_parts(root, path.stem, source_inputs)]
        digest = _digest(parts)
        jobs.append(
            ("claims", path.stem, folder / "files" / "claims" / f"{path.stem}.parquet", digest)
        )
    whole = _digest(
        [
            b"dataset",
            f"checks:{implied.RULES_VERSION}:{COMBINED_VERSION}".encode(),
            _part(root / CATEGORIES_FILE, prints),
            _part(root / METRICS_FILE, prints),
            *(f"{kind}/{stem}:{digest}".encode() for kind, stem, _, digest in jobs),
        ],
    )
    store = Store(folder, whole, models, [])
    if (stored := _stored_problems_if(store.database, whole)) is not None:
        store.problems = sorted(live + stored)
        prints.save()
        return store
    stale = [job for job in jobs if _recorded(job[2]) != job[3]]
    _compile_all(root, stale)
    store.rebuilt = [f"{kind}/{stem}" for kind, stem, _, _ in stale]
    outputs = {kind: [out for k, _, out, _ in jobs if k == kind] for kind in ("sources", "claims")}
    cross = _combine(folder, outputs["sources"], outputs["claims"], models, whole)
    store.problems = sorted(live + cross)
    prints.save()
    return store


def _part(path: Path, prints: Fingerprints) -> bytes:
    """A file's part of a digest: the digest of its bytes (``dataset.fingerprints``), or a
    marker that it is missing or unreadable.

    Read as the loader reads (``yamlio.read_bytes``): a FIFO would block here
    and ``/dev/zero`` never end.  A refused file's marker holds its problem and
    stat, so that replacing it is seen.
    """
    problems: list[Problem] = []

    def read(path: Path) -> bytes | None:
        raw, found = read_bytes(path)
        problems.extend(found)
        return raw

    found = prints.digest(path, read)
    if found is not None:
        return b"+" + found
    try:
        info = os.stat(path)
        seen = f"{info.st_mtime_ns}:{info.st_size}:{info.st_mode}"
    except OSError:
        seen = ""
    return b"-" + f"{problems[0].message if problems else ''}:{seen}".encode()


def _digest(parts: Iterable[bytes]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(SCHEMA_VERSION.encode())
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


def _source_inputs(path: Path, prints: Fingerprints) -> str:
    return _digest([b"source", _part(path, prints), _part(path.with_suffix(".txt"), prints)])


def _source_parts(root: Path, stem: str, inputs: dict[str, str]) -> list[bytes]:
    """What a claims file's per-file checks depend on besides itself: its source's files."""
    digest = inputs.get(stem)
    if digest is None:
        return [b"no source"]
    return [digest.encode()]


def recorded_database(path: Path) -> str | None:
    """The digest the database records; None when missing or unreadable (corrupt)."""
    return _read_database(path, problems=False)[0]


def _stored_problems_if(path: Path, digest: str) -> list[Problem] | None:
    """The problems the database records, when it records ``digest`` (one open of it)."""
    recorded, found = _read_database(path, problems=True)
    return found if recorded == digest else None


def _read_database(path: Path, problems: bool) -> tuple[str | None, list[Problem]]:
    """(the digest the database records, and its problems if asked); (None, []) when it is
    missing or unreadable (corrupt)."""
    import duckdb

    if not path.is_file():
        return None, []
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            recorded = con.execute("SELECT digest FROM meta").fetchall()[0][0]
            sql = "SELECT file, line, field, message FROM problems"
            rows = con.execute(sql).fetchall() if problems else []
    except (duckdb.Error, IndexError):
        return None, []
    return recorded, [Problem(*row) for row in rows]


def _recorded(path: Path) -> str | None:
    """The input digest a store file records; None when missing or unreadable (corrupt)."""
    try:
        meta = pq.read_schema(path).metadata or {}
    except (OSError, pa.ArrowException):
        return None
    value = meta.get(DIGEST_KEY)
    return value.decode() if value else None


def _compile_all(root: Path, jobs: list[tuple[str, str, Path, str]]) -> None:
    if not jobs:
        return
    for kind in ("sources", "claims"):
        (jobs[0][2].parent.parent / kind).mkdir(parents=True, exist_ok=True)
    args = [(str(root), kind, stem, str(out), digest) for kind, stem, out, digest in jobs]
    if len(args) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        for arg in args:
            _compile_one(arg)
        return
    with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
        list(pool.map(_compile_one, args, chunksize=max(1, len(args) // 64)))


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Python's cycle collector off while a file is compiled, back on (as it was) after.

    Parsing a file allocates hundreds of thousands of small objects (nodes, dicts,
    models) and each burst triggers a collection that walks them all again
    (pausing it cut a compile by a third: docs/benchmarks.md).  Nothing built
    here is a cycle.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _compile_one(arg: tuple[str, str, str, str, str]) -> None:
    with _gc_paused():
        _compile(*arg)


def _compile(root_s: str, kind: str, stem: str, out: str, digest: str) -> None:
    root = Path(root_s)
    if kind == "sources":
        source, text, problems = _load_source(root, root / SOURCES_DIR / f"{stem}.yaml")
        rows = []
        if source is not None:
            rows = [
                _source_row(source, text, display_name(root / SOURCES_DIR / f"{stem}.yaml", root))
            ]
        _write(Path(out), pa.Table.from_pylist(rows, SOURCE_SCHEMA), digest, problems)
        return
    rows, problems = _compile_claims(root, root / CLAIMS_DIR / f"{stem}.yaml")
    _write(Path(out), pa.Table.from_pylist(rows, CLAIM_SCHEMA), digest, problems)


def _write(path: Path, table: pa.Table, digest: str, problems: list[Problem]) -> None:
    """Write ``table`` atomically, recording ``digest`` and ``problems`` in its metadata."""
    meta = {
        DIGEST_KEY: digest.encode(),
        PROBLEMS_KEY: json.dumps([[p.file, p.line, p.field, p.message] for p in problems]).encode(),
    }
    table = table.replace_schema_metadata(meta)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _stored_problems(path: Path) -> list[Problem]:
    meta = pq.read_schema(path).metadata or {}
    return [Problem(*item) for item in json.loads(meta.get(PROBLEMS_KEY, b"[]"))]


def _load_source(root: Path, path: Path) -> tuple[Source | None, str, list[Problem]]:
    """One source file as the loader checks it: (source or None, text, problems)."""
    if not path.exists():
        return None, "", []
    models = Models()
    problems = load_source(path, root, models)
    return models.sources.get(path.stem), models.texts.get(path.stem, ""), problems


def _source_row(source: Source, text: str, file: str) -> dict[str, object]:
    return {
        **source.model_dump(exclude={"authors"}),
        "authors": json.dumps(list(source.authors)),
        "attribution": source.attribution(),
        "text": text,
        "file": file,
    }


def _compile_claims(root: Path, path: Path) -> tuple[list[dict], list[Problem]]:
    """Rows of one claims file (see ``CLAIM_SCHEMA``) and its per-file problems.

    Parsed by the loader's own ``parse_claims_file``; the checks of
    ``validate.claim_problems`` that need only this file and its source run here
    (source, span, quote), the rest (categories, metrics, ids) in ``_combine``.
    """
    file = display_name(path, root)
    raw, problems = read_bytes(path, root)
    if raw is None:
        return [], problems
    parsed, valid, problems = parse_claims_file(raw, file)
    if parsed is None:
        return [], problems
    stem = path.stem
    source, text, _ = _load_source(root, root / SOURCES_DIR / f"{stem}.yaml")
    published = source.published.isoformat() if source else ""
    rows = []
    for i, claim in valid:
        # categories and metrics are checked across files: here the claim's own pass
        own = claim_problems(claim, stem, text if source else None, (claim.category,))
        found = [
            Problem(file, parsed.line((i, name.split(".")[0].split("[")[0])), name, message)
            for name, message in own
        ]
        problems += found
        row = claim_row(claim, published, file, parsed.line((i,)))
        equivalents = row["equivalents"]
        row["equivalents"] = json.dumps(equivalents) if equivalents else None
        row.update(
            item=i,
            line_id=parsed.line((i, "id")),
            line_category=parsed.line((i, "category")),
            line_metric=parsed.line((i, "metric")),
            checked=not found,
        )
        rows.append(row)
    return rows, problems


def _combine(
    folder: Path, sources: list[Path], claims: list[Path], models: Models, digest: str
) -> list[Problem]:
    """Write the combined files: the checks across files, in SQL over the per-file outputs."""
    import duckdb

    con = duckdb.connect()
    try:
        return _combine_with(con, folder, sources, claims, models, digest)
    finally:
        con.close()


def _combine_with(con, folder, sources, claims, models, digest) -> list[Problem]:
    problems: list[Problem] = []
    for path in (*sources, *claims):
        problems += _stored_problems(path)
    for name, ids in (("cats", models.categories), ("mets", models.metrics)):
        con.execute(f"CREATE TEMP TABLE {name} (id VARCHAR)")
        if ids:
            con.executemany(f"INSERT INTO {name} VALUES (?)", [[i] for i in ids])
    has_metrics = bool(models.metrics)
    source_table = _union(con, sources, SOURCE_SCHEMA)
    claim_table = _union(con, claims, CLAIM_SCHEMA)
    con.execute(
        f"""CREATE TEMP TABLE r AS
        SELECT *, row_number() OVER (ORDER BY file, item) - 1 AS seq,
               category IN (SELECT id FROM cats) AS cat_ok,
               (metric IS NULL OR NOT {has_metrics} OR metric IN (SELECT id FROM mets)) AS met_ok
        FROM {claim_table}"""
    )
    con.execute(
        """CREATE TEMP TABLE r2 AS
        WITH firsts AS (
            SELECT id AS fid, min(seq) FILTER (WHERE checked AND cat_ok AND met_ok) AS first_seq
            FROM r GROUP BY id)
        SELECT r.*, first_seq IS NOT NULL AND seq > first_seq AS dup,
               checked AND cat_ok AND met_ok AND NOT (first_seq IS NOT NULL AND seq > first_seq)
                 AS kept
        FROM r JOIN firsts ON r.id = firsts.fid"""
    )
    known = ", ".join(sorted(models.categories)) or "none loaded"
    bad = con.execute(
        """SELECT b.file, b.line_id, b.line_category, b.line_metric, b.id, b.category, b.metric,
                  b.cat_ok, b.met_ok, b.dup, f.file, f.line
        FROM r2 b LEFT JOIN r2 f ON b.dup AND f.id = b.id AND f.kept
        WHERE NOT b.cat_ok OR NOT b.met_ok OR b.dup"""
    ).fetchall()
    for file, l_id, l_cat, l_met, ident, category, metric, cat_ok, met_ok, dup, ff, fl in bad:
        if dup:
            where = f" (first at {ff}:{fl})"
            problems.append(Problem(file, l_id, "id", f"duplicate id {ident!r}{where}"))
        if not cat_ok:
            message = f"unknown category {category!r}; expected one of {known}"
            problems.append(Problem(file, l_cat, "category", message))
        if not met_ok:
            message = f"unknown metric {metric!r}; add it to {METRICS_FILE} first"
            problems.append(Problem(file, l_met, "metric", message))
    columns = ", ".join(f'"{c}"' for c in STORED_SCHEMA.names)
    kept = con.sql(
        f"SELECT {columns}, row_number() OVER (ORDER BY seq) - 1 AS pos, "
        f"{derived_columns()} "
        "FROM r2 WHERE kept ORDER BY seq"
    ).to_arrow_table()
    src = con.sql(f"SELECT * FROM {source_table} ORDER BY file").to_arrow_table()
    table = pa.Table.from_pylist(
        [
            {"file": p.file, "line": p.line, "field": p.field, "message": p.message}
            for p in problems
        ],
        PROBLEM_SCHEMA,
    )
    tables = {"claims": kept, "sources": src, "checks": checks_facts(con, kept, src)}
    write_database(folder / DATABASE, {**tables, "problems": table}, digest)
    for name in LEFT_BY_OLDER:
        (folder / name).unlink(missing_ok=True)
    return problems


def checks_facts(con, kept: pa.Table, src: pa.Table) -> pa.Table:
    """The consistency checks' facts (``dataset.implied``) of the kept claims: the rates
    their conversions imply, and every share with the counts before it in its sentence.

    DuckDB picks the rows a rule can use (money with conversions; shares with the words
    after them, read from their source's text); the rules run in Python on those only.
    """
    con.register("kept_claims", kept)
    con.register("kept_sources", src)
    facts = ", ".join(f'c."{name}"' for name in implied.CLAIM_FACTS)
    money = (
        con.sql(
            f"""SELECT {facts}, c.equivalents FROM kept_claims c
        WHERE c.kind = 'money' AND c.equivalents IS NOT NULL ORDER BY c.pos"""
        )
        .to_arrow_table()
        .to_pylist()
    )
    for row in money:
        row["equivalents"] = json.loads(row["equivalents"])
    shares = (
        con.sql(
            f"""SELECT {facts}, c.quote, c.start, c."end", after FROM (
            SELECT c.*, substr(s.text, c."end" + 1, {implied.LOOKAHEAD}) AS after
            FROM kept_claims c LEFT JOIN kept_sources s ON s.id = c.source
            WHERE c.kind IN {sql_list(implied.SHARE_KINDS, "()")} AND c.measure = 'level') c
        WHERE after ILIKE '%of%' ORDER BY c.pos"""  # both rules' words start with "of"
        )
        .to_arrow_table()
        .to_pylist()
    )
    matched = implied.share_matches(shares)
    levels: list[dict] = []
    if matched:
        keys = pa.table(
            {"source": [m["source"] for m in matched], "quote": [m["quote"] for m in matched]}
        )
        con.register("share_keys", keys)
        levels = (
            con.sql(
                f"""SELECT {facts}, c.quote, c."end" FROM kept_claims c
            SEMI JOIN share_keys k ON k.source = c.source AND k.quote = c.quote
            WHERE c.kind IN {sql_list(implied.PART_KINDS, "()")} AND c.measure = 'level'
            ORDER BY c.pos"""
            )
            .to_arrow_table()
            .to_pylist()
        )
    return implied.facts_table(money, matched, levels)


def _union(con, paths: list[Path], schema: pa.Schema) -> str:
    """A table expression over the per-file outputs (an empty table of ``schema`` if none)."""
    if not paths:
        name = f"empty_{len(schema)}"
        con.register(name, schema.empty_table())
        return name
    return f"read_parquet({sql_list(paths)})"


@contextmanager
def new_database(path: Path, digest: str) -> Iterator[Any]:
    """A DuckDB connection with a new database attached as ``out``; on leaving, ``digest``
    is recorded in its ``meta`` table and the database is put at ``path``.

    Written under a name of its own and renamed into place, so a reader sees the old
    database or the new one, never half of one; a reader that has the old one open keeps
    reading it (the rename leaves its file alive until it lets go).
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
    try:
        # a sort of 10,000,000 candidates took 5.7 GB held in memory; past this, it spills
        with bounded(BUILD_MEMORY, path.parent, tmp.name) as con:
            con.execute(f"ATTACH {sql_text(tmp)} AS out (ROW_GROUP_SIZE {ROW_GROUP_ROWS})")
            yield con
            con.execute("CREATE TABLE out.meta AS SELECT ?::VARCHAR AS digest", [digest])
            con.execute("CHECKPOINT out")
            con.execute("DETACH out")
        os.replace(tmp, path)
    finally:
        for left in (tmp, tmp.with_name(tmp.name + ".wal")):
            left.unlink(missing_ok=True)


def write_database(path: Path, tables: dict[str, pa.Table], digest: str) -> None:
    """Write ``tables`` into a new DuckDB database at ``path`` (``new_database``), each in
    its order (``SORTED_BY``)."""
    with new_database(path, digest) as con:
        for name, table in tables.items():
            con.register("incoming", table)
            order = f" ORDER BY {SORTED_BY[name]}" if name in SORTED_BY else ""
            con.execute(f"CREATE TABLE out.{name} AS SELECT * FROM incoming{order}")
            con.unregister("incoming")
