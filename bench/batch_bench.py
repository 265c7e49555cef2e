"""Benchmark: ``python -m extractors batch`` on Dask against a plain loop, in one run.

Over a synthetic corpus (``bench/corpus.py``, default 100,000 articles) it
measures, on this machine:

- the plain single-process loop (read a line, ``extract``, write Parquet in
  chunks): the named alternative, "a loop in the app";
- the batch command on one and on two local worker processes: articles/s,
  characters/s, the speedup of two workers over one and the ratio to the loop,
  and each worker's peak resident memory (``ru_maxrss`` inside the worker);
- that one and two workers write identical partitions;
- a resume after a kill: the command is started in a process group of its own,
  SIGKILLed once a third of the partitions are written, and started again;
  the restart's time, the partitions it skipped, and that the output is
  complete and identical to the uninterrupted run.

Then it prints the per-article cost and what 10 million articles would take.
Run: ``.venv/bin/python bench/batch_bench.py [--articles N] [--partition-size N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import corpus as synthetic  # noqa: E402

from extractors import batch  # noqa: E402
from extractors.corpus import plan  # noqa: E402

TEN_MILLION = 10_000_000


def load() -> str:
    """The 1-minute load average: on a shared machine, wall times depend on it."""
    return f"load average {os.getloadavg()[0]:.1f}"


def plain_loop(corpus: Path, out: Path, chunk: int) -> dict:
    """The alternative: one process reads, extracts and writes, article after article."""
    import datetime as dt
    import resource

    import pyarrow as pa
    import pyarrow.parquet as pq

    from extractors import extract

    begin = time.perf_counter()
    cpu = time.process_time()
    articles = claims = chars = 0
    rows: list[dict] = []
    with (
        corpus.open(encoding="utf-8") as lines,
        pq.ParquetWriter(out, batch.CLAIM_SCHEMA, compression="zstd") as writer,
    ):
        for line in lines:
            item = json.loads(line)
            published = dt.date.fromisoformat(item["published"])
            found = extract(item["text"], source_id=item["id"], published=published)
            rows.extend(batch.claim_row(c, published) for c in found)
            articles += 1
            claims += len(found)
            chars += len(item["text"])
            if articles % chunk == 0:
                writer.write_table(pa.Table.from_pylist(rows, schema=batch.CLAIM_SCHEMA))
                rows = []
        if rows:
            writer.write_table(pa.Table.from_pylist(rows, schema=batch.CLAIM_SCHEMA))
    return {
        "seconds": time.perf_counter() - begin,
        "cpu_s": time.process_time() - cpu,
        "articles": articles,
        "claims": claims,
        "chars": chars,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_loop_in_child(corpus: Path, out: Path, chunk: int) -> dict:
    """The loop in a fresh process, so its peak memory is its own."""
    done = subprocess.run(
        [sys.executable, __file__, "--loop-only", str(corpus), str(out), str(chunk)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(done.stdout)


def same_partitions(a: Path, b: Path) -> bool:
    """Every claims and sources partition of ``a`` equals ``b``'s, row for row."""
    import pyarrow.parquet as pq

    for folder in ("claims", "sources"):
        names_a = sorted(p.name for p in (a / folder).glob("part-*.parquet"))
        names_b = sorted(p.name for p in (b / folder).glob("part-*.parquet"))
        if names_a != names_b:
            return False
        for name in names_a:
            if not pq.read_table(a / folder / name).equals(pq.read_table(b / folder / name)):
                return False
    return True


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def kill_and_resume(corpus: Path, out: Path, size: int, workers: int) -> dict:
    """Start the command, SIGKILL its process group at a third of the partitions, restart."""
    total = len(plan([corpus], size))
    command = [
        sys.executable,
        "-m",
        "extractors",
        "batch",
        str(corpus),
        "--out",
        str(out),
        "--workers",
        str(workers),
        "--partition-size",
        str(size),
        "--no-progress",
    ]
    begin = time.perf_counter()
    first = subprocess.Popen(
        command,
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    claims = out / "claims"
    try:
        while first.poll() is None:
            if claims.is_dir() and len(list(claims.glob("part-*.parquet"))) >= max(1, total // 3):
                break
            time.sleep(0.2)
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
        first.wait()
    killed_after = time.perf_counter() - begin
    written = len(list(claims.glob("part-*.parquet")))
    temporaries = len(list(out.glob("*/.*.tmp")))
    begin = time.perf_counter()
    second = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    return {
        "partitions": total,
        "killed_after_s": killed_after,
        "written_before_kill": written,
        "temporaries_left": temporaries,
        "restart_s": time.perf_counter() - begin,
        "restart_code": second.returncode,
        "restart_message": second.stderr.strip()[-300:],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--partition-size", type=int, default=batch.DEFAULT_PARTITION_SIZE)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--workdir",
        type=Path,
        default=None,
        help="where the corpus and outputs go (default: a temporary folder)",
    )
    parser.add_argument(
        "--loop-only", nargs=3, metavar=("CORPUS", "OUT", "CHUNK"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.loop_only:
        corpus, out, chunk = args.loop_only
        print(json.dumps(plain_loop(Path(corpus), Path(out), int(chunk))))
        return 0

    work = args.workdir or Path(tempfile.mkdtemp(prefix="batch-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    size = args.partition_size
    print(
        f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start; "
        f"work in {work}"
    )
    corpus = work / "corpus.jsonl"
    begin = time.perf_counter()
    count, chars = synthetic.write(corpus, args.articles, args.seed)
    print(
        f"corpus: {count:,} articles, {chars / 1e6:.1f} M characters of text "
        f"({corpus.stat().st_size / 1e6:.0f} MB JSON Lines), generated in "
        f"{time.perf_counter() - begin:.1f} s"
    )

    loop = run_loop_in_child(corpus, work / "loop.parquet", size)
    print(
        f"plain loop (1 process): {loop['seconds']:.1f} s, "
        f"{loop['articles'] / loop['seconds']:.0f} articles/s, "
        f"{loop['chars'] / loop['seconds'] / 1e6:.2f} M chars/s, {loop['claims']:,} claims, "
        f"peak {loop['peak_rss_mb']:.0f} MB, CPU {loop['cpu_s']:.1f} s; {load()}"
    )

    results = {}
    for workers in (1, 2):
        out = work / f"batch{workers}"
        summary = batch.run(corpus, out, workers=workers, partition_size=size, progress=False)
        results[workers] = summary
        memory = ", ".join(f"{mb:.0f}" for mb in sorted(summary.peak_rss_mb.values()))
        print(
            f"batch, {workers} worker(s): {summary.seconds:.1f} s "
            f"(cluster start included), {summary.articles / summary.seconds:.0f} articles/s, "
            f"{summary.chars / summary.seconds / 1e6:.2f} M chars/s, "
            f"{summary.claims:,} claims, {summary.errors} errors, "
            f"peak memory per worker {memory} MB, task CPU {summary.cpu_seconds:.1f} s; "
            f"{loop['seconds'] / summary.seconds:.2f}x the loop's speed; {load()}"
        )
    one, two = results[1], results[2]
    print(
        f"speedup, 2 workers over 1: {one.seconds / two.seconds:.2f}x; "
        f"claims equal to the loop's: {one.claims == loop['claims'] == two.claims}; "
        f"1 and 2 workers wrote identical partitions: "
        f"{same_partitions(work / 'batch1', work / 'batch2')}"
    )

    resumed = kill_and_resume(corpus, work / "killed", size, workers=2)
    identical = same_partitions(work / "killed", work / "batch2")
    print(
        f"resume: SIGKILL after {resumed['killed_after_s']:.1f} s with "
        f"{resumed['written_before_kill']} of {resumed['partitions']} partitions written "
        f"({resumed['temporaries_left']} half-written temporary files left); the restart "
        f"finished in {resumed['restart_s']:.1f} s (exit {resumed['restart_code']}) against "
        f"{two.seconds:.1f} s for a whole run; output complete and identical to the "
        f"uninterrupted run: {identical}; {load()}"
    )

    # Costs from CPU time, not wall time: on a shared machine the wall clock measures
    # the neighbours too.  The workers' task CPU covers reading, extracting and writing.
    cpu_per_article = two.cpu_seconds / two.articles
    out_mb = size_mb(work / "batch2") / two.articles
    hours = TEN_MILLION * cpu_per_article / 3600
    print(
        f"per article: {cpu_per_article * 1000:.2f} ms of CPU in a worker "
        f"({loop['cpu_s'] / loop['articles'] * 1000:.2f} ms in the plain loop), "
        f"{loop['claims'] / loop['articles']:.1f} claims, {out_mb * 1000:.2f} KB of Parquet "
        f"(claims and sources)"
    )
    print(
        f"10 million articles: {hours:.1f} CPU-hours; {hours / 16:.1f} h on 16 workers, "
        f"{hours / 64:.1f} h on 64 (one core each); output {out_mb * TEN_MILLION / 1000:.0f} GB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
