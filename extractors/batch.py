"""Corpus extraction on Dask: ``python -m extractors batch CORPUS --out DIR``.

Each partition of the corpus (``extractors.corpus``) is one Dask task: it reads
its articles, runs ``extract`` on each and writes three files under DIR::

    claims/part-00000.parquet    candidate claims, one row each (CLAIM_SCHEMA)
    sources/part-00000.parquet   the articles they came from (SOURCE_SCHEMA)
    errors/part-00000.jsonl      articles that failed: id, file, line, reason (only if any)

The same code runs on local worker processes (``--workers N``, a LocalCluster)
or on an existing dask.distributed cluster (``--scheduler tcp://HOST:8786``).

Resumable: each file is written atomically (a temporary name, then a rename),
errors first, then sources, then claims; a partition whose claims *and* sources
files exist is done and a rerun skips it.  ``DIR/manifest.json`` records the
corpus files (path, size, modification time) and the partition size, so a
rerun over changed input is refused instead of mixing two corpora.

An article that fails (a line that is not JSON, a missing id or text, a bad
date or URL, or an exception in ``extract``) is written to the errors file with
its id, file, line and reason, and the run goes on; the command then prints the
first few as ``FILE:LINE: reason`` and exits 1 so scripts notice.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from dataset import atomic_write
from dataset.schema import Category, Claim
from extractors.cli import OneLineParser
from extractors.corpus import (
    Article,
    ArticleError,
    CorpusError,
    Partition,
    article,
    corpus_files,
    plan,
    raw_id,
    read,
)

CLAIM_SCHEMA = pa.schema([
    ("id", pa.string()), ("source", pa.string()), ("status", pa.string()),
    ("quote", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
    ("value", pa.float64()), ("kind", pa.string()), ("unit", pa.string()),
    ("currency", pa.string()), ("qualifier", pa.string()),
    ("low", pa.float64()), ("high", pa.float64()),
    ("measure", pa.string()), ("base_period", pa.string()), ("metric", pa.string()),
    ("subject", pa.string()), ("entity", pa.string()),
    ("period_as_of", pa.string()), ("period_start", pa.string()), ("period_end", pa.string()),
    ("date", pa.string()), ("category", pa.string()), ("attributed_to", pa.string()),
    ("equivalents", pa.string()), ("note", pa.string()),
])  # fmt: skip
"""One row per candidate claim.  Periods are flattened like ``dataset.frames``
(``base_period`` is its label, ``date`` the period's latest bound or else the
article's publication date); ``equivalents`` is JSON text, ``[]`` when none."""
SOURCE_SCHEMA = pa.schema([
    ("id", pa.string()), ("title", pa.string()), ("publisher", pa.string()),
    ("published", pa.date32()), ("url", pa.string()),
])  # fmt: skip
MANIFEST_VERSION = 1
DEFAULT_PARTITION_SIZE = 500
SHOWN_ERRORS = 5
ENVIRONMENT_HINT = (
    "hint: the scheduler and every worker must import this project (start them from a "
    "checkout of the same commit, with PYTHONPATH pointing at it): see docs/corpus.md"
)

Extract = Callable[..., list[Claim]]


class UserError(Exception):
    """A problem with the command's input the user can fix, reported as one line."""


def part_name(number: int, suffix: str) -> str:
    """``part-00042.parquet``: sorted by name is sorted by partition.

    >>> part_name(42, ".parquet")
    'part-00042.parquet'
    """
    return f"part-{number:05d}{suffix}"


def claim_row(claim: Claim, published: dt.date | None) -> dict:
    """A claim as a row of CLAIM_SCHEMA."""
    period = claim.period
    date = (period.date() if period else None) or (published.isoformat() if published else None)
    return {
        "id": claim.id, "source": claim.source, "status": claim.status, "quote": claim.quote,
        "start": claim.span[0], "end": claim.span[1], "value": claim.value, "kind": claim.kind,
        "unit": claim.unit, "currency": claim.currency, "qualifier": claim.qualifier,
        "low": claim.low, "high": claim.high, "measure": claim.measure,
        "base_period": claim.base_period.label() if claim.base_period else None,
        "metric": claim.metric, "subject": claim.subject, "entity": claim.entity,
        "period_as_of": period.as_of if period else None,
        "period_start": period.start if period else None,
        "period_end": period.end if period else None,
        "date": date, "category": claim.category, "attributed_to": claim.attributed_to,
        "equivalents": json.dumps(
            [e.model_dump(mode="json") for e in claim.equivalents], ensure_ascii=False
        ),
        "note": claim.note,
    }  # fmt: skip


def source_row(item: Article) -> dict:
    return {"id": item.id, "title": item.title, "publisher": item.publisher,
            "published": item.published, "url": item.url}  # fmt: skip


def _parquet_bytes(rows: list[dict], schema: pa.Schema) -> bytes:
    table = pa.Table.from_pylist(rows, schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue().to_pybytes()


def _peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports KB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_partition(
    part: Partition,
    out: str,
    extract_fn: Extract | None = None,
    categories: Sequence[Category] | None = None,
) -> dict:
    """Extract one partition and write its files; a summary for the progress bar.

    Runs on a worker.  ``categories`` come from the client, so every worker
    categorises alike whatever data folder it sees.  Article problems become
    error records; anything else (disk full, a bug outside ``extract``) raises,
    so the partition stays unwritten and the next run retries it.
    """
    if extract_fn is None:
        from extractors.pipeline import extract as extract_fn
    cpu = time.thread_time()
    root = Path(out)
    claims: list[dict] = []
    sources: list[dict] = []
    errors: list[dict] = []
    chars = 0
    for line, record in read(part):
        try:
            if isinstance(record, ArticleError):
                raise record
            item = article(record)
            try:
                found = extract_fn(item.text, source_id=item.id, published=item.published,
                                   categories=categories)  # fmt: skip
            except Exception as err:  # one article must not stop a corpus
                message = (str(err).strip().splitlines() or [""])[0][:200]
                raise ArticleError(f"extract failed: {type(err).__name__}: {message}") from err
        except ArticleError as err:
            errors.append({"id": raw_id(record), "file": part.name, "line": line,
                           "reason": str(err)})  # fmt: skip
            continue
        chars += len(item.text)
        sources.append(source_row(item))
        claims.extend(claim_row(c, item.published) for c in found)
    error_file = root / "errors" / part_name(part.number, ".jsonl")
    if errors:
        text = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors)
        atomic_write(error_file, text.encode("utf-8"))
    else:
        error_file.unlink(missing_ok=True)  # from an earlier run of this partition
    atomic_write(root / "sources" / part_name(part.number, ".parquet"),
                 _parquet_bytes(sources, SOURCE_SCHEMA))  # fmt: skip
    atomic_write(root / "claims" / part_name(part.number, ".parquet"),
                 _parquet_bytes(claims, CLAIM_SCHEMA))  # fmt: skip
    return {
        "partition": part.number, "lines": part.lines, "articles": len(sources),
        "claims": len(claims), "errors": len(errors), "chars": chars,
        "worker": f"{os.uname().nodename}:{os.getpid()}", "peak_rss_mb": _peak_rss_mb(),
        "cpu_s": time.thread_time() - cpu,
    }  # fmt: skip


def is_done(out: Path, number: int) -> bool:
    """A partition is done when its claims and sources files both exist."""
    name = part_name(number, ".parquet")
    return (out / "claims" / name).is_file() and (out / "sources" / name).is_file()


def _fingerprint(files: list[Path]) -> list[dict]:
    return [{"path": str(p.resolve()), "size": (s := p.stat()).st_size, "mtime_ns": s.st_mtime_ns}
            for p in files]  # fmt: skip


def partitions_for(corpus: Path, out: Path, size: int) -> list[Partition]:
    """The partitions of this run: from ``DIR/manifest.json`` when it matches the
    corpus and size (a resume), else planned afresh and recorded there."""
    files = corpus_files(corpus, skip=out)
    fingerprint = _fingerprint(files)
    manifest = out / "manifest.json"
    if manifest.exists():
        try:
            old = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise UserError(
                f"{manifest}: unreadable ({err}); delete it or use another --out"
            ) from None
        if old.get("files") != fingerprint or old.get("partition_size") != size:
            what = "partition size" if old.get("files") == fingerprint else "corpus files"
            raise UserError(
                f"{out} holds the output of a run over other input (the {what} changed since); "
                "use another --out, or delete it to start over"
            )
        return [Partition(**p) for p in old["partitions"]]
    parts = plan(files, size)
    record = {
        "version": MANIFEST_VERSION, "partition_size": size, "files": fingerprint,
        "partitions": [vars(p) for p in parts],
    }  # fmt: skip
    atomic_write(manifest, (json.dumps(record, indent=1) + "\n").encode("utf-8"))
    return parts


def _remove_stale_temporaries(out: Path) -> None:
    """Half-written files of a killed run (``.part-00001.parquet.x1y2.tmp``)."""
    for folder in ("claims", "sources", "errors"):
        for tmp in (out / folder).glob(".part-*.tmp"):
            tmp.unlink(missing_ok=True)


@dataclass
class Summary:
    """What a run did, for the closing message and the bench."""

    partitions: int = 0
    skipped: int = 0
    written: int = 0
    articles: int = 0
    claims: int = 0
    errors: int = 0
    chars: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    """CPU time of the partitions' tasks (reading, extracting, writing), summed over workers."""
    failed: list[str] = field(default_factory=list)
    peak_rss_mb: dict[str, float] = field(default_factory=dict)
    """Peak resident memory of each worker process that ran a partition."""


def _client(workers: int | None, scheduler: str | None):
    """A dask.distributed client: on ``scheduler``, or on local worker processes."""
    import logging

    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as err:
            raise UserError(f"--scheduler: cannot reach {scheduler} ({err})") from None
        try:
            client.wait_for_workers(1, timeout=60)
        except TimeoutError:
            client.close()
            raise UserError(f"--scheduler: no worker joined {scheduler} within 60 s") from None
        return client, None
    cluster = LocalCluster(
        n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
        dashboard_address=":0", silence_logs=logging.CRITICAL,
    )  # fmt: skip
    return Client(cluster), cluster


def run(
    corpus: Path,
    out: Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    progress: bool | None = None,
    extract_fn: Extract | None = None,
) -> Summary:
    """Extract every partition of ``corpus`` not yet written under ``out``.

    ``progress=None`` shows the bar only on a terminal.  ``extract_fn`` replaces
    ``extractors.extract`` (tests use it to make an article fail); it must be
    picklable for worker processes.
    """
    from filelock import FileLock, Timeout

    begin = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(out / ".lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise UserError(f"{out}: another batch run is writing there") from None
    try:
        _remove_stale_temporaries(out)
        parts = partitions_for(corpus, out, partition_size)
        for folder in ("claims", "sources", "errors"):
            (out / folder).mkdir(exist_ok=True)
        pending = [p for p in parts if not is_done(out, p.number)]
        summary = Summary(partitions=len(parts), skipped=len(parts) - len(pending))
        if pending:
            _compute(pending, out, workers, scheduler, progress, extract_fn, summary)
    finally:
        lock.release()
    summary.seconds = time.perf_counter() - begin
    return summary


def _compute(
    pending: list[Partition],
    out: Path,
    workers: int | None,
    scheduler: str | None,
    progress: bool | None,
    extract_fn: Extract | None,
    summary: Summary,
) -> None:
    """Submit one task per pending partition; tally results as they complete."""
    from distributed import as_completed
    from tqdm import tqdm

    client, cluster = _client(workers, scheduler)
    try:
        run_id = f"{os.getpid()}-{time.time_ns()}"
        keys = {f"extract-{part_name(p.number, '')}-{run_id}": p for p in pending}
        from extractors.pipeline import default_categories

        futures = client.map(
            run_partition, pending, out=str(out.resolve()), extract_fn=extract_fn,
            categories=default_categories(), key=list(keys),
        )  # fmt: skip
        total = sum(p.lines for p in pending)
        disable = None if progress is None else not progress
        with tqdm(total=total, unit="line", desc="extracting", file=sys.stderr,
                  disable=disable, smoothing=0.1) as bar:  # fmt: skip
            lines = {p.number: p.lines for p in pending}
            for future in as_completed(futures):
                try:
                    done = future.result()
                except Exception as err:  # one partition must not stop the others
                    part = keys[future.key]
                    first_line = (str(err).strip().splitlines() or [""])[0][:200]
                    summary.failed.append(
                        f"{part_name(part.number, '')} ({part.name}:{part.first_line}-"
                        f"{part.first_line + part.lines - 1}): {type(err).__name__}: {first_line}"
                    )
                    continue
                finally:
                    future.release()
                summary.written += 1
                summary.articles += done["articles"]
                summary.claims += done["claims"]
                summary.errors += done["errors"]
                summary.chars += done["chars"]
                summary.cpu_seconds += done["cpu_s"]
                worker = done["worker"]
                summary.peak_rss_mb[worker] = max(
                    summary.peak_rss_mb.get(worker, 0.0), done["peak_rss_mb"]
                )
                bar.set_postfix(claims=summary.claims, errors=summary.errors, refresh=False)
                bar.update(lines[done["partition"]])
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def recorded_errors(out: Path) -> tuple[int, list[str]]:
    """(how many, the first few as ``FILE:LINE: reason``) over every errors file."""
    count, shown = 0, []
    for path in sorted((out / "errors").glob("part-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            count += 1
            if len(shown) < SHOWN_ERRORS:
                item = json.loads(line)
                who = f" (id {item['id']})" if item.get("id") else ""
                shown.append(f"{item['file']}:{item['line']}: {item['reason']}{who}")
    return count, shown


def duplicate_ids(out: Path) -> tuple[int, list[str]]:
    """(how many ids, a few of them) that more than one article has, across all partitions.

    Two articles with one id (or two ids that make one slug) would share a source
    id: the command warns, since only the whole output can tell.
    """
    import pyarrow.compute as pc

    files = sorted((out / "sources").glob("part-*.parquet"))
    if not files:
        return 0, []
    ids = pa.concat_tables([pq.read_table(f, columns=["id"]) for f in files])["id"]
    counts = pc.value_counts(ids)
    repeated = counts.filter(pc.greater(counts.field("counts"), 1))
    names = repeated.field("values").to_pylist()
    return len(names), sorted(names)[:SHOWN_ERRORS]


def report(summary: Summary, out: Path, lines: Iterable[str] = ()) -> str:
    """The closing message: what was written, skipped, and what failed."""
    if summary.skipped == summary.partitions:
        parts = [f"all {summary.partitions} partition(s) were already written to {out}: "
                 "nothing to do"]  # fmt: skip
    else:
        parts = [
            f"{summary.articles:,} articles, {summary.claims:,} candidate claims in "
            f"{summary.written} partition(s) written to {out} in {summary.seconds:.1f} s"
        ]
    if 0 < summary.skipped < summary.partitions:
        parts.append(f"{summary.skipped} of {summary.partitions} partition(s) were already "
                     "written (resumed): skipped")  # fmt: skip
    parts.extend(lines)
    return "\n".join(parts)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = OneLineParser(
        prog="python -m extractors batch",
        description="Extract candidate claims from a corpus of articles on Dask, into "
        "partitioned Parquet (DIR/claims, DIR/sources, DIR/errors). Rerun to resume.",
    )
    parser.add_argument("corpus", type=Path,
                        help="a .jsonl/.ndjson/.parquet file, or a folder of them, of articles "
                        "(id, title, publisher, published, url, text)")  # fmt: skip
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, default=None,
                       help="local worker processes (default: one per CPU)")  # fmt: skip
    where.add_argument("--scheduler", metavar="ADDRESS",
                       help="run on this dask.distributed scheduler (tcp://host:8786)")  # fmt: skip
    parser.add_argument("--partition-size", type=int, default=DEFAULT_PARTITION_SIZE,
                        metavar="N", help="lines (articles) per partition "
                        f"(default {DEFAULT_PARTITION_SIZE})")  # fmt: skip
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="show a progress bar (default: on a terminal)")  # fmt: skip
    args = parser.parse_args(argv)
    if args.workers is not None and args.workers < 1:
        parser.error("--workers: expected 1 or more")
    if args.partition_size < 1:
        parser.error("--partition-size: expected 1 or more")
    return args


def main(argv: list[str] | None = None) -> int:
    """0 when every article was extracted, 1 when some are in the errors files, 2 on a
    problem with the input or a partition that could not be written."""
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        summary = run(args.corpus, args.out, workers=args.workers, scheduler=args.scheduler,
                      partition_size=args.partition_size, progress=args.progress)  # fmt: skip
    except (UserError, CorpusError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if summary.partitions == 0 or (summary.articles == 0 and summary.skipped == 0
                                   and not summary.failed and summary.errors == 0):  # fmt: skip
        print(f"{args.corpus}: no articles (an empty corpus): nothing to extract; "
              f"{args.out} holds no claims", file=sys.stderr)  # fmt: skip
        return 0
    count, shown = recorded_errors(args.out)
    lines = []
    if count:
        lines.append(f"{count:,} article(s) failed; ids and reasons in "
                     f"{args.out / 'errors'}/part-*.jsonl, the first:")  # fmt: skip
        lines.extend(f"  {s}" for s in shown)
    repeated, examples = duplicate_ids(args.out)
    if repeated:
        lines.append(f"warning: {repeated:,} article id(s) belong to more than one article "
                     f"(their claims share a source id): {', '.join(examples)}")  # fmt: skip
    if summary.failed:
        lines.append(f"{len(summary.failed)} partition(s) could not be written "
                     "(rerun to retry them):")  # fmt: skip
        lines.extend(f"  {s}" for s in summary.failed[:SHOWN_ERRORS])
        if any("deserializ" in s or "No module named" in s for s in summary.failed):
            lines.append(ENVIRONMENT_HINT)
    print(report(summary, args.out, lines), file=sys.stderr)
    if summary.failed:
        return 2
    return 1 if count else 0
