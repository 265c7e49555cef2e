"""The dashboard at 1,000, 100,000, 1,000,000 and 10,000,000 claims.

Synthetic datasets: curated YAML (many sources, every category and kind,
conversions) for the first three; for the last, the 1,000-claim dataset and
10,000,000 candidates of a batch extraction, written straight to Parquet as
``python -m extractors batch`` writes them (``OUT/claims/part-*.parquet``,
``OUT/sources/part-*.parquet``) and shown with ``--candidates``.

For each size, in a fresh process (``--child``):

* restart: from the process's spawn to the data ready (imports, the store's
  freshness check over every file's bytes, DuckDB opened; the store built
  before, as after any earlier start);
* each page's first view (AppTest, no answer kept yet), its warm rerun, and a
  filter rerun (a new category picked, nothing kept: DuckDB asked again);
* peak memory of the process (``resource.getrusage`` maxrss).

Also, per size: the cold build (``python -m dataset build`` with no store),
and with ``--browser`` a real start as a person sees it: ``streamlit run``
spawned, headless Chromium (playwright, the system's /usr/bin/chromium) on
the Overview, until its first chart is on screen.

Bars (issue 12): every page at 1,000,000 claims within 1.5x of the same page
at 1,000; a restart at 1,000,000 within 3x of a restart at 1,000.

With ``--rounds N`` the pages are measured N times, the sizes in turn each round
(1,000, then 1,000,000, then 1,000 again...), and each figure's least is kept
(``*_max_s`` its most): on a machine shared with other jobs one round is slowed,
not one size, and the least slowed figure is the one comparable across sizes.

Usage: ``.venv/bin/python bench/dashboard_bench.py [--sizes 1000,100000,1000000,10000000]
[--work DIR] [--repeat 5] [--rounds 1] [--browser] [--strict]``.  ``--work`` keeps the generated
datasets (the 1,000,000-claim YAML takes minutes to write) for the next run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COUNT_UNITS = ("Internet users", "websites", "people", "companies", "base stations", "visitors")
CURRENCIES = {"CNY": "yuan", "USD": "dollars", "EUR": "euros"}
SCALES = {"million": 1e6, "billion": 1e9}
KINDS = ("count", "money", "percent", "duration", "other")
QUALIFIERS = ("exact", "approximate", "more_than", "at_least", "less_than", "at_most")
ENTITIES = ("China", "United States", "World", "Zhejiang")
PUBLISHERS = ("China Daily", "Xinhua", "Reuters", "Caixin")
PER_SOURCE = 200
BATCH_SIZE = 10_000_000
BATCH_PER_SOURCE = 8
"""Candidates per article in the batch output (a news article states a handful)."""
PAGES = ("overview", "explore", "sources", "checks")
SMALL, BIG = 1_000, 1_000_000
CHART = "[data-testid='stPlotlyChart'] .js-plotly-plot"


# --- synthetic data ---------------------------------------------------------------------


def figure(kind: str, rng: random.Random) -> tuple[str, float, str, str | None]:
    """(figure as written, value, unit, currency) for one synthetic claim."""
    number = rng.choice([1.5, 2.95, 4.13, 7, 12, 250, 670])
    if kind == "money":
        code = rng.choice(list(CURRENCIES))
        scale = rng.choice(list(SCALES))
        return f"{number} {scale} {CURRENCIES[code]}", number * SCALES[scale], "revenue", code
    if kind == "percent":
        return f"{number} percent", float(number), "percent", None
    if kind == "duration":
        return f"{number} years", float(number), "years", None
    scale = rng.choice(list(SCALES))
    unit = rng.choice(COUNT_UNITS) if kind == "count" else "units"
    return f"{number} {scale}", number * SCALES[scale], unit, None


def _text(value: object) -> str:
    """A YAML scalar: JSON's quoted strings and numbers are YAML too."""
    return "null" if value is None else json.dumps(value)


def write_source(root: Path, s: int, count: int, categories: list[str], seed: int) -> None:
    """One synthetic article (``count`` claims) as the three files the dataset keeps."""
    rng = random.Random(seed * 1_000_003 + s)
    sid = f"synthetic-{s:06d}"
    published = f"{2015 + s % 10}-{1 + s % 12:02d}-{1 + s % 28:02d}"
    text, lines = "", []
    for j in range(count):
        kind = KINDS[(s + j) % len(KINDS)]
        written, value, unit, currency = figure(kind, rng)
        sentence = f"In {2010 + j % 10}, item {j} of source {s} reached {written} in total."
        start = len(text) + sentence.index(written)
        equivalents = "[]"
        if currency == "CNY" and j % 3 == 0:
            usd = f"${round(value / 6.5 / 1e9, 1)} billion"
            sentence = sentence.replace(" in total.", f" ({usd}) in total.")
            at = len(text) + sentence.index(usd)
            equivalents = (
                f"\n  - value: {round(value / 6.5 / 1e9, 1) * 1e9!r}\n    currency: USD"
                f"\n    span: [{at}, {at + len(usd)}]"
            )
        status = "approved" if j % 10 else rng.choice(["candidate", "rejected"])
        lines.append(
            f"- id: {sid}-c{j}\n  source: {sid}\n  status: {status}\n"
            f"  quote: {_text(sentence)}\n  span: [{start}, {start + len(written)}]\n"
            f"  value: {value!r}\n  kind: {kind}\n  unit: {_text(unit)}\n"
            f"  currency: {_text(currency)}\n  qualifier: {QUALIFIERS[j % len(QUALIFIERS)]}\n"
            f"  measure: level\n  subject: {_text(f'{unit} of item {j % 50}')}\n"
            f"  entity: {rng.choice(ENTITIES)}\n  period:\n    as_of: '{2010 + j % 10}'\n"
            f"  category: {categories[(s * 7 + j) % len(categories)]}\n"
            f"  equivalents: {equivalents}\n"
        )
        text += sentence + "\n\n"
    (root / "sources" / f"{sid}.txt").write_text(text, encoding="utf-8")
    (root / "sources" / f"{sid}.yaml").write_text(
        f"id: {sid}\ntitle: Synthetic article {s}\npublisher: {PUBLISHERS[s % 4]}\n"
        f"published: {published}\n",
        encoding="utf-8",
    )
    (root / "claims" / f"{sid}.yaml").write_text("".join(lines), encoding="utf-8")


def _write_range(args: tuple[str, int, int, int, list[str]]) -> None:
    root, first, last, claims, categories = args
    for s in range(first, last):
        count = min(PER_SOURCE, claims - s * PER_SOURCE)
        write_source(Path(root), s, count, categories, seed=4)


def write_dataset(root: Path, claims: int) -> None:
    """``claims`` valid synthetic claims, ``PER_SOURCE`` a source, as YAML under ``root``."""
    from concurrent.futures import ProcessPoolExecutor

    from dataset.load import load_categories

    for folder in ("sources", "claims"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "data" / "categories.yaml", root / "categories.yaml")
    categories = [c.id for c in load_categories(root)[0]]
    sources = -(-claims // PER_SOURCE)
    step = max(1, sources // 16)
    jobs = [
        (str(root), a, min(a + step, sources), claims, categories) for a in range(0, sources, step)
    ]
    with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
        list(pool.map(_write_range, jobs))


def write_batch(out: Path, claims: int, categories: list[str], parts: int = 10) -> None:
    """``claims`` candidates as a batch extraction's partitioned Parquet output."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    (out / "claims").mkdir(parents=True, exist_ok=True)
    (out / "sources").mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(12)
    per_part = -(-claims // parts)
    for part in range(parts):
        first, last = part * per_part, min(claims, (part + 1) * per_part)
        n = last - first
        if n <= 0:
            break
        index = np.arange(first, last)
        article = index // BATCH_PER_SOURCE
        kinds = np.array(KINDS)[index % len(KINDS)]
        units = np.array([*COUNT_UNITS, "revenue", "percent", "years"])
        unit = np.where(
            kinds == "money",
            "revenue",
            np.where(
                kinds == "percent",
                "percent",
                np.where(kinds == "duration", "years", units[rng.integers(0, 6, n)]),
            ),
        )
        value = rng.choice([1.5, 2.95, 4.13, 7.0, 12.0, 250.0, 670.0], n) * np.where(
            (kinds == "percent") | (kinds == "duration"), 1.0, 1e6
        )
        currency = np.where(kinds == "money", np.array(list(CURRENCIES))[index % 3], None)
        ids = [f"batch-{a}-c{i % BATCH_PER_SOURCE}" for a, i in zip(article, index, strict=True)]
        sources = [f"batch-{a}" for a in article]
        years = (2010 + index % 10).astype(str)
        table = pa.table(
            {
                "id": ids,
                "source": sources,
                "status": pa.array(["candidate"] * n),
                "quote": [
                    f"In {y}, the figure reached {v:g} in total."
                    for y, v in zip(years, value, strict=True)
                ],
                "start": pa.array(np.full(n, 30), pa.int64()),
                "end": pa.array(np.full(n, 40), pa.int64()),
                "value": value,
                "kind": kinds,
                "unit": unit,
                "currency": pa.array(currency.tolist(), pa.string()),
                "qualifier": np.array(QUALIFIERS)[index % len(QUALIFIERS)],
                "low": pa.nulls(n, pa.float64()),
                "high": pa.nulls(n, pa.float64()),
                "measure": pa.array(["level"] * n),
                "base_period": pa.nulls(n, pa.string()),
                "metric": pa.nulls(n, pa.string()),
                "subject": [f"{u} of item {i % 50}" for u, i in zip(unit, index, strict=True)],
                "entity": np.array(ENTITIES)[rng.integers(0, 4, n)],
                "period_as_of": years,
                "period_start": pa.nulls(n, pa.string()),
                "period_end": pa.nulls(n, pa.string()),
                "date": years,
                "category": np.array(categories)[index % len(categories)],
                "attributed_to": pa.nulls(n, pa.string()),
                "equivalents": pa.nulls(n, pa.string()),
                "note": pa.nulls(n, pa.string()),
            }
        )
        pq.write_table(table, out / "claims" / f"part-{part:05d}.parquet", compression="zstd")
        arts = np.unique(article)
        pq.write_table(
            pa.table(
                {
                    "id": [f"batch-{a}" for a in arts],
                    "title": [f"Wire story {a}" for a in arts],
                    "publisher": np.array(PUBLISHERS)[arts % 4],
                    "published": pa.array(
                        (np.datetime64("2018-01-01") + (arts % 2000)).astype("datetime64[D]")
                    ),
                    "url": pa.nulls(len(arts), pa.string()),
                }
            ),
            out / "sources" / f"part-{part:05d}.parquet",
        )


# --- one size, in a process of its own ---------------------------------------------------


def child(repeat: int) -> dict[str, float]:
    """Measure the dashboard on ``$NEWS_STATS_DATA`` (and candidates); print JSON."""
    from pages import common

    data = common.load()
    ready = time.time()
    assert not data.problems, data.problems[:3]
    from streamlit.testing.v1 import AppTest

    from analysis.filters import Filters
    from analysis.query import BATCH_STATUS

    results: dict[str, float] = {"ready_at": ready}
    statuses = ["approved", BATCH_STATUS] if data.batch else ["approved"]
    results["claims_shown"] = data.query.count(Filters(statuses=tuple(statuses)))
    labels = list(data.categories["label"])
    ids = list(data.categories["id"])
    picks = [[ids[0]], [ids[1]], [ids[6]], [ids[2]], [ids[3]]]
    for page in PAGES:
        data.query._memo.clear()  # nothing kept: the first view asks DuckDB
        at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=600)
        at.session_state["status"] = statuses
        start = time.perf_counter()
        at.run()
        results[f"view_{page}_s"] = time.perf_counter() - start
        assert not at.exception, at.exception
        warm = []
        for _ in range(repeat):
            start = time.perf_counter()
            at.run()
            warm.append(time.perf_counter() - start)
        results[f"warm_{page}_s"] = statistics.median(warm)
        fresh = []
        for i in range(repeat):
            data.query._memo.clear()
            widget = at.multiselect(key="category").set_value(picks[i % len(picks)])
            start = time.perf_counter()
            widget.run()
            fresh.append(time.perf_counter() - start)
            assert not at.exception, at.exception
        results[f"filter_{page}_s"] = statistics.median(fresh)
    del labels
    results["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return results


def run_child(root: Path, candidates: Path | None, repeat: int) -> dict[str, float]:
    env = {**os.environ, "NEWS_STATS_DATA": str(root)}
    if candidates:
        env["NEWS_STATS_CANDIDATES"] = str(candidates)
    else:
        env.pop("NEWS_STATS_CANDIDATES", None)
    start = time.time()
    done = subprocess.run(
        [sys.executable, __file__, "--child", "--repeat", str(repeat)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])
    results = json.loads(done.stdout.strip().splitlines()[-1])
    results["restart_s"] = results.pop("ready_at") - start
    return results


def cold_build(root: Path) -> float:
    """``python -m dataset build`` with no store: every file compiled."""
    from dataset.store import store_dir

    shutil.rmtree(store_dir(root), ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "dataset", "build", str(root)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def browser_start(root: Path, candidates: Path | None) -> float:
    """Seconds from ``streamlit run`` spawned to the Overview's first chart in Chromium."""
    import socket

    from playwright.sync_api import sync_playwright

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "NEWS_STATS_DATA": str(root)}
    if candidates:
        env["NEWS_STATS_CANDIDATES"] = str(candidates)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
        )
        page = browser.new_page()
        start = time.perf_counter()
        server = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"),
                "--server.headless", "true", "--server.port", str(port),
                "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            while True:
                try:
                    # the Overview (the default page, Metrics, draws nothing without metrics)
                    page.goto(f"http://127.0.0.1:{port}/overview", timeout=5_000)
                    break
                except Exception:  # not listening yet
                    if server.poll() is not None:
                        raise RuntimeError("streamlit exited") from None
                    time.sleep(0.1)
            page.wait_for_selector(CHART, timeout=600_000)
            return time.perf_counter() - start
        finally:
            server.terminate()
            server.wait(timeout=30)
            browser.close()


# --- the whole run -------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=f"{SMALL},100000,{BIG},{BATCH_SIZE}")
    parser.add_argument("--work", type=Path, help="keep the generated datasets here")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="measure every size this many times, in turn; "
        "the least of each figure is kept (its most, as NAME_max_s)",
    )
    parser.add_argument("--browser", action="store_true", help="also a real start in Chromium")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold builds")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a bar is missed")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.chdir(ROOT)  # the dashboard's .streamlit/config.toml applies, as under `make run`
    if args.child:
        print(json.dumps(child(args.repeat)))
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="dashboard-bench-"))
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[int, dict[str, float]] = {}
    places: dict[int, tuple[Path, Path | None]] = {}
    for size in sizes:
        curated = min(size, SMALL) if size >= BATCH_SIZE else size
        root = work / f"data-{curated}"
        if not (root / "claims").exists():
            start = time.perf_counter()
            write_dataset(root, curated)
            print(f"wrote {curated:,} claims in {time.perf_counter() - start:.1f} s", flush=True)
        candidates = None
        if size >= BATCH_SIZE:
            candidates = work / f"batch-{size - curated}"
            if not (candidates / "claims").exists():
                from dataset.load import load_categories

                ids = [c.id for c in load_categories(root)[0]]
                start = time.perf_counter()
                write_batch(candidates, size - curated, ids)
                took = time.perf_counter() - start
                print(f"wrote {size - curated:,} batch candidates in {took:.1f} s", flush=True)
        measured: dict[str, float] = {}
        if not args.no_cold and size < BATCH_SIZE:
            measured["cold_build_s"] = cold_build(root)
        else:
            subprocess.run([sys.executable, "-m", "dataset", "build", str(root)], check=True,
                           capture_output=True)  # fmt: skip
        if args.browser:
            measured["browser_start_s"] = browser_start(root, candidates)
        results[size] = measured
        places[size] = (root, candidates)
    # the page measurements, the sizes taken in turn each round: a machine shared with
    # other jobs slows one round, not one size, and the least slowed round is kept
    rounds: dict[int, list[dict[str, float]]] = {size: [] for size in sizes}
    for _ in range(args.rounds):
        for size in sizes:
            got = run_child(*places[size], args.repeat)
            rounds[size].append(got)
            print(f"{size:,} claims: " + json.dumps({k: round(v, 4) for k, v in got.items()}),
                  flush=True)  # fmt: skip
    for size in sizes:
        for name in rounds[size][0]:
            values = [r[name] for r in rounds[size]]
            results[size][name] = min(values)
            if len(values) > 1 and name.endswith("_s"):
                results[size][name.removesuffix("_s") + "_max_s"] = max(values)
    report(results)
    ok = True
    if SMALL in results and BIG in results:
        ok = bars(results[SMALL], results[BIG])
    return 0 if ok or not args.strict else 1


def report(results: dict[int, dict[str, float]]) -> None:
    names = sorted({k for r in results.values() for k in r})
    print(f"\n{'':24}" + "".join(f"{s:>14,}" for s in results))
    for name in names:
        cells = []
        for r in results.values():
            value = r.get(name)
            if value is None:
                cells.append(f"{'':>14}")
            elif name.endswith("_s"):
                cells.append(f"{value * 1000:>11.1f} ms")
            else:
                cells.append(f"{value:>14,.0f}")
        print(f"{name:24}" + "".join(cells))


def bars(small: dict[str, float], big: dict[str, float]) -> bool:
    ok = True
    for kind in ("view", "warm", "filter"):
        for page in PAGES:
            name = f"{kind}_{page}_s"
            ratio = big[name] / small[name]
            passed = ratio <= 1.5
            ok &= passed
            print(f"{name}: {BIG:,} / {SMALL:,} claims = {ratio:.2f}x (bar 1.5x): "
                  f"{'ok' if passed else 'OVER'}")  # fmt: skip
    for name in ("restart_s", "browser_start_s"):
        if name in small and name in big:
            ratio = big[name] / small[name]
            passed = ratio <= 3
            ok &= passed
            print(f"{name}: {BIG:,} / {SMALL:,} claims = {ratio:.2f}x (bar 3x): "
                  f"{'ok' if passed else 'OVER'}")  # fmt: skip
    return ok


if __name__ == "__main__":
    sys.exit(main())
