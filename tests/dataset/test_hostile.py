"""Hostile datasets: each bad file is one `file:line: field` problem and the rest still loads.

Each case adds a small article of its own ("hostile") beside the bundled
one, breaks one thing in it, and says where the problem must be reported:
the line is the first line of the edited file containing the marker.  The
bundled article's 15 claims must always load, and so must the hostile
article's good claims, when its source survives.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from dataset import load_dataset, load_models
from dataset.problems import MAX_MESSAGE
from tests.conftest import alarm, run_cli

SEED_CLAIMS = 15
TEXT = "Users reached 670 million in 2015, up from 618 million a year before.\n"
SOURCE = """id: hostile
title: A hostile article
publisher: Test Press
authors: []
published: 2015-12-20
url: https://example.org/a
language: en
note: null
"""
CLAIMS = """- id: hostile-users
  source: hostile
  status: approved
  quote: Users reached 670 million in 2015, up from 618 million a year before.
  span: [14, 25]
  value: 670000000.0
  kind: count
  measure: level
  category: users
  period:
    as_of: '2015'
- id: hostile-users-before
  source: hostile
  status: approved
  quote: Users reached 670 million in 2015, up from 618 million a year before.
  span: [43, 54]
  value: 618000000.0
  kind: count
  category: users
  period:
    as_of: '2014'
"""
BOMB = """- id: hostile-bomb
  a: &a [x, x, x, x, x, x, x, x, x]
  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
  f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
  g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
  h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
"""


def _write(root: Path) -> None:
    (root / "sources" / "hostile.txt").write_text(TEXT, encoding="utf-8")
    (root / "sources" / "hostile.yaml").write_text(SOURCE, encoding="utf-8")
    (root / "claims" / "hostile.yaml").write_text(CLAIMS, encoding="utf-8")


def test_the_hostile_article_loads_when_nothing_is_broken(data_copy):
    _write(data_copy)
    dataset = load_dataset(data_copy)
    assert dataset.problems == []
    assert len(dataset.claims) == SEED_CLAIMS + 2


# name, file, old text (None: the whole file), new text, marker of the line, field,
# words of the message, hostile claims that still load
CASES = [
    (
        "impossible-date-unquoted",
        "claims",
        "as_of: '2015'",
        "as_of: 2015-02-30",
        "as_of: 2015-02-30",
        "period.as_of",
        "2015-02-30 is not a real date or time (day is out of range for month)",
        1,
    ),
    (
        "impossible-published",
        "source",
        "published: 2015-12-20",
        "published: 2015-02-30",
        "published:",
        "published",
        "2015-02-30 is not a real date",
        0,
    ),
    (
        "hour-25",
        "source",
        "published: 2015-12-20",
        "published: 2015-12-20 25:00:00",
        "published:",
        "published",
        "not a real date or time",
        0,
    ),
    (
        "5000-digit-integer",
        "claims",
        "value: 670000000.0",
        "value: " + "7" * 5000,
        "value: 777",
        "value",
        "an integer of 5,000 digits is far too long",
        1,
    ),
    (
        "alias-bomb",
        "claims",
        "- id: hostile-users\n",
        BOMB + "- id: hostile-users\n",
        "e: &e",
        "(yaml)",
        "aliases (*name) here expand to more than 10,000 values",
        0,
    ),
    (
        "alias-loop",
        "claims",
        "  category: users\n  period:",
        "  category: users\n  equivalents: &loop [*loop]\n  period:",
        "equivalents: &loop",
        "(yaml)",
        "refers to its own anchor",
        0,
    ),
    (
        "nested-duplicate-key",
        "claims",
        "as_of: '2015'",
        "as_of: '2015'\n    as_of: '2016'",
        "as_of: '2016'",
        "period.as_of",
        "key given twice",
        1,
    ),
    (
        "span-as-text",
        "claims",
        "span: [14, 25]",
        "span: ['14', '25']",
        "span: ['14'",
        "span[0]",
        "must be a whole number, written without quotes, got '14'",
        1,
    ),
    (
        "change-is-now-measure",
        "claims",
        "measure: level",
        "change: 'yes'",
        "change: 'yes'",
        "change",
        "unknown field: change is now measure (level, change or growth)",
        1,
    ),
    (
        "measure-not-a-measure",
        "claims",
        "measure: level",
        "measure: 'yes'",
        "measure: 'yes'",
        "measure",
        "must be one of 'level', 'change' or 'growth', got 'yes'",
        1,
    ),
    (
        "binary-quote",
        "claims",
        "quote: Users reached 670 million in 2015, up from 618 million a year before.\n  span: [14",
        "quote: !!binary VXNlcnM=\n  span: [14",
        "quote: !!binary",
        "quote",
        "must be text, got binary data (!!binary)",
        1,
    ),
    (
        "unix-timestamp-published",
        "source",
        "published: 2015-12-20",
        "published: 1450569600",
        "published:",
        "published",
        "not the number 1450569600",
        0,
    ),
    (
        "url-ending-in-newline",
        "source",
        "url: https://example.org/a",
        'url: "https://example.org/a\\n"',
        "url:",
        "url",
        "must be an http(s) URL with no spaces or line breaks",
        0,
    ),
    (
        "full-width-digits-in-period",
        "claims",
        "as_of: '2015'",
        "as_of: '２０１５'",
        "as_of: '２０１５'",
        "period.as_of",
        "must be a date like 2015, 2015-06 or 2015-06-30 (ASCII digits), got '２０１５'",
        1,
    ),
    (
        "month-13",
        "claims",
        "as_of: '2015'",
        "as_of: 2015-13",
        "as_of: 2015-13",
        "period.as_of",
        "must be a date like 2015, 2015-06 or 2015-06-30",
        1,
    ),
    (
        "span-is-part-of-the-figure",
        "claims",
        "span: [14, 25]",
        "span: [15, 25]",
        "span: [15, 25]",
        "span",
        "reads '70 million', which is not 670000000",
        1,
    ),
    (
        "span-is-another-figure",
        "claims",
        "span: [14, 25]",
        "span: [43, 54]",
        "span: [43, 54]",
        "span",
        "reads '618 million', which is not 670000000",
        1,
    ),
    (
        "claims-file-names-an-unknown-source",
        "claims",
        "  source: hostile\n  status: approved\n  quote: Users reached 670",
        "  source: elsewhere\n  status: approved\n  quote: Users reached 670",
        "source: elsewhere",
        "source",
        "expected 'hostile' (the file name), got 'elsewhere'",
        1,
    ),
]


def _edit(root: Path, which: str, old: str | None, new: str) -> tuple[str, str]:
    path = root / ("claims" if which == "claims" else "sources") / "hostile.yaml"
    text = path.read_text(encoding="utf-8")
    assert old is None or old in text, f"the case edits text that is not there: {old!r}"
    text = new if old is None else text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return f"data/{path.relative_to(root).as_posix()}", text


@pytest.mark.parametrize(
    ("which", "old", "new", "marker", "field", "words", "kept"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_hostile_value_is_one_located_problem(
    data_copy, which, old, new, marker, field, words, kept
):
    _write(data_copy)
    file, text = _edit(data_copy, which, old, new)
    line = text[: text.index(marker)].count("\n") + 1
    dataset = load_dataset(data_copy)
    located = [p for p in dataset.problems if (p.file, p.line, p.field) == (file, line, field)]
    assert located, f"nothing at {file}:{line}: {field}; got {[str(p) for p in dataset.problems]}"
    assert any(words in p.message for p in located), [str(p) for p in located]
    assert all(len(p.message) <= MAX_MESSAGE for p in dataset.problems)
    assert len(dataset.claims) == SEED_CLAIMS + kept


def test_every_message_is_bounded_even_for_a_huge_value(data_copy):
    _write(data_copy)
    _edit(data_copy, "claims", "value: 670000000.0", "value: [" + "x, " * 50_000 + "x]")
    [problem] = load_dataset(data_copy).problems
    assert problem.field == "value"
    assert len(str(problem)) < 300, str(problem)
    assert "x, " * 100 not in problem.message


def test_a_bom_in_the_text_is_dropped_so_spans_still_point_at_their_figures(data_copy):
    _write(data_copy)
    (data_copy / "sources" / "hostile.txt").write_bytes(b"\xef\xbb\xbf" + TEXT.encode())
    dataset = load_dataset(data_copy)
    assert dataset.problems == []
    assert dataset.models.texts["hostile"] == TEXT
    assert len(dataset.claims) == SEED_CLAIMS + 2


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))
    sock.close()


@pytest.mark.parametrize(
    ("make", "words"),
    [
        pytest.param(_fifo, "a named pipe (FIFO), not a file; skipped", id="fifo"),
        pytest.param(_socket, "a socket, not a file; skipped", id="socket"),
        pytest.param(
            lambda p: p.symlink_to("/dev/zero"), "a link to a file outside", id="dev-zero"
        ),
    ],
)
@pytest.mark.parametrize("folder", ["claims", "sources"])
def test_special_files_are_skipped_with_a_problem_never_read(data_copy, make, words, folder):
    make(data_copy / folder / "special.yaml")
    dataset = load_dataset(data_copy)  # a FIFO opened for reading would block here forever
    assert [(p.file, p.line, p.field) for p in dataset.problems] == [
        (f"data/{folder}/special.yaml", 1, "(file)")
    ]
    assert words in dataset.problems[0].message
    assert len(dataset.claims) == SEED_CLAIMS


def test_a_link_out_of_the_data_folder_is_refused(data_copy, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.txt").write_text(TEXT, encoding="utf-8")
    _write(data_copy)
    (data_copy / "sources" / "hostile.txt").unlink()
    (data_copy / "sources" / "hostile.txt").symlink_to(outside / "x.txt")
    dataset = load_dataset(data_copy)
    assert [(p.file, p.field) for p in dataset.problems if "outside" in p.message] == [
        ("data/sources/hostile.yaml", "id")
    ]
    assert "hostile" not in dataset.models.texts
    assert len(dataset.claims) == SEED_CLAIMS


def test_a_link_inside_the_data_folder_is_read(data_copy):
    _write(data_copy)
    (data_copy / "sources" / "hostile.txt").rename(data_copy / "hostile-text")
    (data_copy / "sources" / "hostile.txt").symlink_to(data_copy / "hostile-text")
    dataset = load_dataset(data_copy)
    assert dataset.problems == []
    assert len(dataset.claims) == SEED_CLAIMS + 2


@pytest.mark.parametrize("folder", ["claims", "sources"])
def test_a_symlink_loop_is_a_problem_not_a_crash(data_copy, folder):
    loop = data_copy / folder / "loop.yaml"
    loop.symlink_to(data_copy / folder / "loop2.yaml")
    (data_copy / folder / "loop2.yaml").symlink_to(loop)
    dataset = load_dataset(data_copy)
    assert {p.file for p in dataset.problems} == {
        f"data/{folder}/loop.yaml",
        f"data/{folder}/loop2.yaml",
    }
    assert all("symbolic links" in p.message for p in dataset.problems)
    assert len(dataset.claims) == SEED_CLAIMS


def test_a_file_over_the_size_cap_is_not_read(data_copy):
    big = data_copy / "claims" / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(25_000_000)  # sparse: 25 MB long, nothing on disk
    dataset = load_dataset(data_copy)
    [problem] = dataset.problems
    assert (problem.file, problem.line, problem.field) == ("data/claims/big.yaml", 1, "(file)")
    assert "the file is 25.0 MB, over the 20 MB a file may hold" in problem.message


def test_stale_temporary_files_of_a_killed_save_are_ignored(data_copy):
    _write(data_copy)
    for folder in ("claims", "sources"):
        (data_copy / folder / ".hostile.yaml.k3j4.tmp").write_text("- [half", encoding="utf-8")
    dataset = load_dataset(data_copy)
    assert dataset.problems == []
    assert len(dataset.claims) == SEED_CLAIMS + 2


def test_validate_command_reports_instead_of_crashing(data_copy, capsys):
    from dataset.__main__ import main

    _write(data_copy)
    _edit(data_copy, "claims", "as_of: '2015'", "as_of: 2015-02-30")
    assert main(["validate", str(data_copy)]) == 1
    out = capsys.readouterr().out
    assert "data/claims/hostile.yaml:11: period.as_of: 2015-02-30 is not a real date" in out
    models, _ = load_models(data_copy)
    assert len(models.claims["hostile"]) == 1


PAGES = [
    "pages/overview.py",
    "pages/explore.py",
    "pages/sources.py",
    "pages/checks.py",
    "pages/problems.py",
    "pages/review.py",
    "pages/add_article.py",
]


@pytest.fixture
def hostile_root(data_copy: Path) -> Path:
    """Every kind of bad file at once, beside the good data."""
    _write(data_copy)
    claims, sources = data_copy / "claims", data_copy / "sources"
    text = CLAIMS.replace("as_of: '2015'", "as_of: 2015-02-30", 1)
    (claims / "hostile.yaml").write_text(text, encoding="utf-8")
    (claims / "bomb.yaml").write_text(BOMB, encoding="utf-8")
    (claims / "huge.yaml").write_text("- value: " + "9" * 5000 + "\n", encoding="utf-8")
    os.mkfifo(claims / "fifo.yaml")
    (sources / "loop.yaml").symlink_to(sources / "loop.yaml")
    (sources / "passwd.yaml").symlink_to("/etc/passwd")
    (claims / ".hostile.yaml.x1y2.tmp").write_text("- [", encoding="utf-8")
    return data_copy


def test_every_page_renders_the_good_data_of_a_hostile_dataset(hostile_root, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from dataset.paths import ENV_VAR
    from tests.conftest import ROOT

    monkeypatch.setenv(ENV_VAR, str(hostile_root))
    dataset = load_dataset(hostile_root)
    assert len(dataset.claims) == SEED_CLAIMS + 1
    problem_files = {p.file for p in dataset.problems}
    assert problem_files == {
        "data/claims/hostile.yaml",
        "data/claims/bomb.yaml",
        "data/claims/huge.yaml",
        "data/claims/fifo.yaml",
        "data/sources/loop.yaml",
        "data/sources/passwd.yaml",
    }
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / page), default_timeout=90)
        at.run()
        assert not at.exception, (page, at.exception)
        assert at.title and at.title[0].value, page
        if page.endswith("overview.py"):
            assert "670 million" in {m.value for m in at.metric}
        if page.endswith("problems.py"):
            listed = at.code[0].value
            assert "data/claims/hostile.yaml:11: period.as_of: 2015-02-30 is not a real" in listed
            assert "data/claims/fifo.yaml:1: (file): a named pipe (FIFO)" in listed
            assert len(listed) < 10_000


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["approve", "no-such-claim"], 1, "no claim 'no-such-claim'"),
        (["reject", "china-daily-2015-12-20-wuzhen-summit-internet-users"], 0, ""),
        (["review", "fifo"], 1, "a named pipe (FIFO), not a file"),
        (["review", "passwd"], 1, "a link to a file outside the data folder"),
        (["validate"], 1, "problem(s)"),
    ],
)
def test_commands_survive_special_files_without_a_traceback(data_copy, args, code, words):
    os.mkfifo(data_copy / "claims" / "fifo.yaml")
    (data_copy / "sources" / "fifo.txt").write_text(TEXT, encoding="utf-8")
    (data_copy / "claims" / "passwd.yaml").symlink_to("/etc/passwd")
    (data_copy / "sources" / "passwd.txt").write_text(TEXT, encoding="utf-8")
    (data_copy / "claims" / "loop.yaml").symlink_to(data_copy / "claims" / "loop.yaml")
    with alarm(60):  # a FIFO opened for reading would block forever
        result = run_cli("dataset", *args, env={"NEWS_STATS_DATA": str(data_copy)}, text=True)
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert words in result.stderr


@pytest.mark.slow  # a Python process: a second of start-up and imports
def test_the_entry_point_survives_a_fifo(data_copy: Path) -> None:
    """``python -m dataset validate`` as a user runs it, with a FIFO among the claims."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    os.mkfifo(data_copy / "claims" / "fifo.yaml")
    (data_copy / "sources" / "fifo.txt").write_text(TEXT, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "dataset", "validate"],
        cwd=ROOT,
        env={**os.environ, "NEWS_STATS_DATA": str(data_copy)},
        capture_output=True,
        text=True,
        timeout=120,  # a FIFO opened for reading would block forever
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "fifo.yaml:1: (file): a named pipe (FIFO), not a file" in result.stdout
