"""Batch extraction on Dask (``python -m extractors batch``): output, resume, failures.

The corpus is twelve short articles written for this test, cut into partitions of
three lines.  Most runs go to one in-process dask.distributed cluster started
here (``--scheduler``); the default path (local worker processes) runs with one
and with two workers, and one test uses a scheduler whose worker is a process of
its own, as on a real cluster.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extractors import batch
from extractors.pipeline import extract

ARTICLES = [
    # (id, text, figures as written in the text, with their values)
    (
        "port-traffic",
        "Port traffic at Valdora reached 1.2 million containers in 2023. "
        "About 4,300 people work at the docks.",
        {"1.2 million": 1.2e6, "4,300": 4300},
    ),
    (
        "bakery-chain",
        "The bakery chain opened 14 shops last year and now employs 820 staff. "
        "Its sales reached €48 million.",
        {"14": 14, "820": 820, "€48 million": 48e6},
    ),
    (
        "rail-upgrade",
        "The rail upgrade will cost $2.4 billion, officials said on March 3.",
        {"$2.4 billion": 2.4e9},
    ),
    (
        "school-meals",
        "Free school meals now reach 61 percent of pupils, up from 54 percent.",
        {"61 percent": 61, "54 percent": 54},
    ),
    (
        "river-cleanup",
        "Volunteers removed 3,800 kilograms of plastic from the river.",
        {"3,800": 3800},
    ),
    (
        "clinic-visits",
        "The clinic recorded 12,500 visits in 2022, nearly double the 6,700 of 2019.",
        {"12,500": 12500, "6,700": 6700},
    ),
    (
        "league-gates",
        "Average attendance in the league was 18,200 a match, the highest since the 1990s.",
        {"18,200": 18200},
    ),
    (
        "chip-plant",
        "The chip plant near Ostrava will create 1,500 jobs and produce 40,000 wafers a month.",
        {"1,500": 1500, "40,000": 40000},
    ),
    ("farm-output", "Wheat output fell 9 percent after a dry spring.", {"9 percent": -9}),
    (
        "bank-results",
        "The bank made a net profit of £512 million, and its shares rose 3.4 percent on the news.",
        {"£512 million": 512e6, "3.4 percent": 3.4},
    ),
    (
        "tram-riders",
        "The new tram line carried 95,000 riders in its first week.",
        {"95,000": 95000},
    ),
    ("no-figures", "The council met on Tuesday and agreed to meet again.", {}),
]
PARTITION = 3


def article_record(ident: str, text: str, number: int) -> dict:
    return {
        "id": ident,
        "title": f"Story {number}",
        "publisher": "The Test Gazette",
        "published": f"2024-05-{number + 1:02d}",
        "url": f"https://example.org/{ident}",
        "text": text,
    }


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    lines = [
        json.dumps(article_record(i, t, n), ensure_ascii=False)
        for n, (i, t, _) in enumerate(ARTICLES)
    ]
    return write_jsonl(tmp_path / "corpus.jsonl", lines)


@contextlib.contextmanager
def one_worker_cluster(processes: bool) -> Iterator[str]:
    """A local dask.distributed cluster of one single-threaded worker: its scheduler address.

    ``processes``: the worker runs in a process of its own, as on a cluster (tasks are
    pickled to it); else in this one.  Closed in any case.
    """
    from distributed import LocalCluster

    cluster = LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=processes,
        dashboard_address=":0",
        silence_logs=logging.ERROR,
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """An in-process cluster, for --scheduler."""
    with one_worker_cluster(processes=False) as address:
        yield address


def rows(out: Path, folder: str) -> list[dict]:
    """Every row of DIR/folder/part-*.parquet, sorted, for comparing runs."""
    files = sorted((out / folder).glob("part-*.parquet"))
    tables = [pq.read_table(f) for f in files]
    found = [r for t in tables for r in t.to_pylist()]
    return sorted(found, key=lambda r: json.dumps(r, sort_keys=True, default=str))


def figures_by_source(out: Path, texts: dict[str, str]) -> dict[str, dict[str, float]]:
    """{source: {figure as written: value}} read back from the claims output."""
    found: dict[str, dict[str, float]] = {}
    for row in rows(out, "claims"):
        found.setdefault(row["source"], {})[texts[row["source"]][row["start"] : row["end"]]] = row[
            "value"
        ]
    return found


def expected_figures() -> dict[str, dict[str, float]]:
    return {i: {k: float(v) for k, v in f.items()} for i, _, f in ARTICLES if f}


TEXTS = {i: t for i, t, _ in ARTICLES}


@pytest.fixture(scope="module")
def local_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[batch.Summary, Path]]:
    """The corpus extracted on local worker processes, once with one and once with two."""
    root = tmp_path_factory.mktemp("local")
    lines = [
        json.dumps(article_record(i, t, n), ensure_ascii=False)
        for n, (i, t, _) in enumerate(ARTICLES)
    ]
    corpus = write_jsonl(root / "corpus.jsonl", lines)
    runs = {}
    for workers in (1, 2):
        out = root / f"out{workers}"
        runs[workers] = (
            batch.run(corpus, out, workers=workers, partition_size=PARTITION, progress=False),
            out,
        )
    return runs


@pytest.mark.slow  # starts local worker processes: ~10 s
@pytest.mark.parametrize("workers", [1, 2])
def test_local_workers_write_every_claim_and_source(local_runs: dict, workers: int) -> None:
    summary, out = local_runs[workers]
    assert (summary.partitions, summary.written, summary.articles) == (4, 4, 12)
    assert figures_by_source(out, TEXTS) == expected_figures()
    sources = rows(out, "sources")
    assert [s["id"] for s in sources] == sorted(i for i, _, _ in ARTICLES)
    bakery = next(s for s in sources if s["id"] == "bakery-chain")
    assert (bakery["title"], bakery["publisher"], str(bakery["published"])) == (
        "Story 1",
        "The Test Gazette",
        "2024-05-02",
    )
    assert sorted(p.name for p in (out / "claims").iterdir()) == [
        "part-00000.parquet",
        "part-00001.parquet",
        "part-00002.parquet",
        "part-00003.parquet",
    ]
    assert 1 <= len(summary.peak_rss_mb) <= workers
    assert all(50 < mb < 4000 for mb in summary.peak_rss_mb.values())


@pytest.mark.slow  # starts local worker processes: ~10 s
def test_two_workers_write_the_same_rows_as_one(local_runs: dict) -> None:
    (_, one), (_, two) = local_runs[1], local_runs[2]
    for folder in ("claims", "sources"):
        assert rows(one, folder) == rows(two, folder) != []
    for name in ("part-00000.parquet", "part-00003.parquet"):  # same rows in the same order
        assert pq.read_table(one / "claims" / name) == pq.read_table(two / "claims" / name)


def test_claim_columns_and_types(corpus: Path, tmp_path: Path, scheduler: str) -> None:
    out = tmp_path / "out"
    batch.run(corpus, out, scheduler=scheduler, partition_size=PARTITION, progress=False)
    schema = pq.read_schema(out / "claims" / "part-00000.parquet")
    assert schema.names == [
        "id",
        "source",
        "status",
        "quote",
        "start",
        "end",
        "value",
        "kind",
        "unit",
        "currency",
        "qualifier",
        "low",
        "high",
        "measure",
        "base_period",
        "metric",
        "subject",
        "entity",
        "period_as_of",
        "period_start",
        "period_end",
        "date",
        "category",
        "attributed_to",
        "equivalents",
        "note",
    ]
    assert (schema.field("start").type, schema.field("value").type) == (pa.int64(), pa.float64())
    assert pq.read_schema(out / "sources" / "part-00000.parquet").field("published").type == (
        pa.date32()
    )
    bank = [r for r in rows(out, "claims") if r["source"] == "bank-results"]
    money = next(r for r in bank if r["kind"] == "money")
    assert (money["currency"], money["status"], json.loads(money["equivalents"])) == (
        "GBP",
        "candidate",
        [],
    )
    assert money["quote"].startswith("The bank made a net profit of £512 million")
    assert money["date"] == "2024-05-10"  # no period in the text: the publication date


def test_resume_rewrites_only_the_missing_partition(
    corpus: Path, tmp_path: Path, scheduler: str
) -> None:
    out = tmp_path / "out"
    batch.run(corpus, out, scheduler=scheduler, partition_size=PARTITION, progress=False)
    before = {p: p.stat().st_mtime_ns for p in out.glob("*/part-*.parquet")}
    expected = rows(out, "claims")
    gone = out / "claims" / "part-00002.parquet"
    gone.unlink()
    (out / "claims" / ".part-00002.parquet.abc123.tmp").write_bytes(b"half a file")
    summary = batch.run(corpus, out, scheduler=scheduler, partition_size=PARTITION, progress=False)
    assert (summary.skipped, summary.written, summary.articles) == (3, 1, 3)
    after = {p: p.stat().st_mtime_ns for p in out.glob("*/part-*.parquet")}
    changed = sorted(p.relative_to(out).as_posix() for p in after if after[p] != before.get(p))
    assert changed == ["claims/part-00002.parquet", "sources/part-00002.parquet"]
    assert rows(out, "claims") == expected
    assert not list(out.glob("*/.*.tmp"))
    again = batch.run(corpus, out, scheduler=scheduler, partition_size=PARTITION, progress=False)
    assert (again.skipped, again.written) == (4, 0)


def explode_on_marker(text: str, **kwargs: object) -> list:
    """``extract``, except that it fails on one article, as a bug would."""
    if "EXPLODE" in text:
        raise RuntimeError("simulated extractor bug")
    return extract(text, **kwargs)


def test_a_failing_article_goes_to_the_errors_file(tmp_path: Path, scheduler: str) -> None:
    lines = [json.dumps(article_record(i, t, n)) for n, (i, t, _) in enumerate(ARTICLES[:3])]
    lines.insert(1, json.dumps(article_record("doomed", "It rose 5 percent. EXPLODE", 9)))
    corpus = write_jsonl(tmp_path / "c.jsonl", lines)
    out = tmp_path / "out"
    summary = batch.run(
        corpus,
        out,
        scheduler=scheduler,
        partition_size=PARTITION,
        progress=False,
        extract_fn=explode_on_marker,
    )
    assert (summary.articles, summary.errors) == (3, 1)
    errors = [json.loads(x) for x in (out / "errors" / "part-00000.jsonl").read_text().splitlines()]
    assert errors == [
        {
            "id": "doomed",
            "file": str(corpus),
            "line": 2,
            "reason": "extract failed: RuntimeError: simulated extractor bug",
        }
    ]
    assert sorted(figures_by_source(out, TEXTS)) == ["bakery-chain", "port-traffic", "rail-upgrade"]
    assert "doomed" not in {s["id"] for s in rows(out, "sources")}
    assert not (out / "errors" / "part-00001.jsonl").exists()


GOOD = json.dumps(article_record("tram-riders", ARTICLES[10][1], 1))
MALFORMED = [
    # (the bad line, what the message says)
    ('{"id": "x", "text": "Sales rose 4 percent."', "not valid JSON: Expecting ',' delimiter"),
    ('["an", "array"]', "expected a JSON object, got list"),
    ('{"id": "no-text"}', "text: missing"),
    ('{"text": "Sales rose 4 percent."}', "id: missing"),
    ('{"id": ["a"], "text": "Sales rose 4 percent."}', "id: expected text, got list"),
    ('{"id": "%%%", "text": "Sales rose 4 percent."}', "id: '%%%' has no letters or digits"),
    ('{"id": "a", "text": 42}', "text: expected text, got int"),
    ('{"id": "a", "text": "Up 4%.", "published": "last week"}', "published: expected a date"),
    ('{"id": "a", "text": "Up 4%.", "published": 1714521600}', "published: expected a date"),
    ('{"id": "a", "text": "Up 4%.", "url": "javascript:alert(1)"}', "url: expected an http(s)"),
    ('{"id": "a", "text": "Up 4%.", "title": {"x": 1}}', "title: expected text or null"),
]


@pytest.mark.parametrize(("bad", "reason"), MALFORMED, ids=[r for _, r in MALFORMED])
def test_a_malformed_line_is_named_by_file_and_line(
    tmp_path: Path, scheduler: str, bad: str, reason: str, capsys
) -> None:
    corpus = write_jsonl(tmp_path / "news.jsonl", [GOOD, "", bad, GOOD.replace("tram", "bus")])
    out = tmp_path / "out"
    code = batch.main(
        [str(corpus), "--out", str(out), "--scheduler", scheduler, "--partition-size", "2"]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert f"{corpus}:3: {reason}" in err
    assert "1 article(s) failed" in err
    assert sorted(s["id"] for s in rows(out, "sources")) == ["bus-riders", "tram-riders"]
    (error,) = [
        json.loads(x) for x in (out / "errors" / "part-00001.jsonl").read_text().splitlines()
    ]
    assert (error["file"], error["line"]) == (str(corpus), 3) and reason in error["reason"]


def test_ids_that_are_not_slugs_are_slugified(tmp_path: Path, scheduler: str) -> None:
    record = article_record("x", "Exports grew 7 percent.", 0) | {"id": "Wire/2024/Économie 7"}
    corpus = write_jsonl(
        tmp_path / "c.jsonl", [json.dumps(record), json.dumps(record | {"id": 31})]
    )
    out = tmp_path / "out"
    batch.run(corpus, out, scheduler=scheduler, progress=False)
    assert [s["id"] for s in rows(out, "sources")] == ["31", "wire-2024-economie-7"]
    assert {r["source"] for r in rows(out, "claims")} == {"31", "wire-2024-economie-7"}


@pytest.mark.parametrize("shape", ["empty file", "blank lines", "empty folder", "no corpus files"])
def test_an_empty_corpus_gives_an_empty_output(
    tmp_path: Path, scheduler: str, shape: str, capsys
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    if shape == "empty file":
        corpus = write_jsonl(tmp_path / "empty.jsonl", [])
    elif shape == "blank lines":
        corpus = write_jsonl(tmp_path / "blank.jsonl", ["", "   ", ""])
    elif shape == "no corpus files":
        (corpus / "notes.txt").write_text("Sales rose 4 percent.", encoding="utf-8")
    out = tmp_path / "out"
    code = batch.main([str(corpus), "--out", str(out), "--scheduler", scheduler])
    assert code == 0
    assert "no articles (an empty corpus)" in capsys.readouterr().err
    assert rows(out, "claims") == [] and rows(out, "sources") == []
    assert not list((out / "errors").iterdir())


def test_parquet_corpus_gives_the_same_rows_as_json_lines(
    corpus: Path, tmp_path: Path, scheduler: str
) -> None:
    records = [json.loads(x) for x in corpus.read_text().splitlines()]
    table = pa.Table.from_pylist(records)
    folder = tmp_path / "parquet"
    folder.mkdir()
    pq.write_table(table.slice(0, 7), folder / "a.parquet", row_group_size=4)
    pq.write_table(table.slice(7), folder / "b.parquet", row_group_size=4)
    from_jsonl, from_parquet = tmp_path / "j", tmp_path / "p"
    batch.run(corpus, from_jsonl, scheduler=scheduler, partition_size=PARTITION, progress=False)
    summary = batch.run(
        folder, from_parquet, scheduler=scheduler, partition_size=PARTITION, progress=False
    )
    # slices of <= 3 rows within a row group: a.parquet's groups (4, 3) -> 2 + 1,
    # b.parquet's (4, 1) -> 2 + 1
    assert summary.partitions == 6
    for folder_name in ("claims", "sources"):
        assert rows(from_jsonl, folder_name) == rows(from_parquet, folder_name)


def test_a_parquet_row_is_named_by_file_and_row(tmp_path: Path, scheduler: str) -> None:
    table = pa.table(
        {
            "id": ["a", "b", "c"],
            "text": ["Up 4%.", "Down 2%.", "Up 9%."],
            "published": ["2024-01-01", "soon", "2024-01-03"],
        }
    )
    pq.write_table(table, tmp_path / "c.parquet", row_group_size=2)
    out = tmp_path / "out"
    summary = batch.run(tmp_path / "c.parquet", out, scheduler=scheduler, progress=False)
    assert (summary.articles, summary.errors) == (2, 1)
    (error,) = [
        json.loads(x)
        for p in sorted((out / "errors").iterdir())
        for x in p.read_text().splitlines()
    ]
    assert (error["id"], error["line"]) == ("b", 2)


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", "no such file or folder"),
        ("text file", "expected a .jsonl, .ndjson or .parquet file or a folder"),
        ("parquet without text", "no column text (articles need id and text)"),
        ("not parquet", "not a readable Parquet file"),
        ("corpus changed", "holds the output of a run over other input (the corpus files"),
        ("size changed", "holds the output of a run over other input (the partition size"),
    ],
)
def test_input_problems_stop_the_run_with_one_line(
    corpus: Path, tmp_path: Path, scheduler: str, setup: str, message: str, capsys
) -> None:
    out = tmp_path / "out"
    size = "3"
    if setup == "missing":
        corpus = tmp_path / "nowhere.jsonl"
    elif setup == "text file":
        corpus = tmp_path / "a.txt"
        corpus.write_text("Sales rose 4 percent.", encoding="utf-8")
    elif setup == "parquet without text":
        corpus = tmp_path / "a.parquet"
        pq.write_table(pa.table({"id": ["a"], "body": ["Up 4%."]}), corpus)
    elif setup == "not parquet":
        corpus = tmp_path / "a.parquet"
        corpus.write_bytes(b"this is not parquet")
    else:
        assert (
            batch.main(
                [str(corpus), "--out", str(out), "--scheduler", scheduler, "--partition-size", size]
            )
            == 0
        )
        if setup == "corpus changed":
            with corpus.open("a", encoding="utf-8") as handle:
                handle.write(GOOD + "\n")
        else:
            size = "4"
    capsys.readouterr()
    code = batch.main(
        [str(corpus), "--out", str(out), "--scheduler", scheduler, "--partition-size", size]
    )
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("error: ") and message in err
    assert err.count("\n") == 1


def test_the_output_folder_inside_the_corpus_folder_is_not_read(
    corpus: Path, tmp_path: Path, scheduler: str
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    corpus.rename(folder / "corpus.jsonl")
    out = folder / "out"
    batch.run(folder, out, scheduler=scheduler, partition_size=PARTITION, progress=False)
    (out / "errors" / "part-00009.jsonl").write_text('{"id": "x"}\n', encoding="utf-8")
    summary = batch.run(folder, out, scheduler=scheduler, partition_size=PARTITION, progress=False)
    assert (summary.partitions, summary.skipped) == (4, 4)


@pytest.mark.slow  # starts a worker process: ~4 s
def test_a_scheduler_with_a_worker_process(corpus: Path, tmp_path: Path, capsys) -> None:
    """As on a cluster: tasks are pickled to a worker in another process."""
    out = tmp_path / "out"
    with one_worker_cluster(processes=True) as address:
        code = batch.main(
            [
                str(corpus),
                "--out",
                str(out),
                "--scheduler",
                address,
                "--partition-size",
                "5",
                "--progress",
            ]
        )
    err = capsys.readouterr().err
    assert code == 0, err
    assert "extracting" in err and "12 articles" in err and "3 partition(s)" in err
    assert figures_by_source(out, TEXTS) == expected_figures()


def test_command_line_hook_and_argument_errors(tmp_path: Path, capsys) -> None:
    from extractors.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["batch", "--help"])
    assert exit_.value.code == 0 and "--scheduler ADDRESS" in capsys.readouterr().out
    for bad in (
        ["--workers", "0"],
        ["--partition-size", "0"],
        ["--workers", "2", "--scheduler", "tcp://127.0.0.1:1"],
    ):
        with pytest.raises(SystemExit) as exit_:
            main(["batch", str(tmp_path), "--out", str(tmp_path / "o"), *bad])
        assert exit_.value.code == 2


def categories_required(text: str, *, categories: object = None, **kwargs: object) -> list:
    """``extract``, refusing to fall back on the worker's own data folder."""
    if not categories:
        raise RuntimeError("no categories from the client")
    return extract(text, categories=categories, **kwargs)


def test_workers_get_the_clients_categories(corpus: Path, tmp_path: Path, scheduler: str) -> None:
    out = tmp_path / "out"
    summary = batch.run(
        corpus, out, scheduler=scheduler, progress=False, extract_fn=categories_required
    )
    assert (summary.articles, summary.errors) == (12, 0)
    assert {r["category"] for r in rows(out, "claims")} - {"other"}


def test_an_id_given_twice_is_warned_about(tmp_path: Path, scheduler: str, capsys) -> None:
    first = article_record("x", "Exports grew 7 percent.", 0) | {"id": "Wire 7"}
    lines = [json.dumps(first), GOOD, json.dumps(first | {"id": "wire-7"})]
    corpus = write_jsonl(tmp_path / "c.jsonl", lines)
    code = batch.main([str(corpus), "--out", str(tmp_path / "out"), "--scheduler", scheduler,
                       "--partition-size", "2"])  # fmt: skip
    assert code == 0
    assert "warning: 1 article id(s) belong to more than one article" in capsys.readouterr().err
