"""The command line, run as a user would (subprocess from the repository root), and in process.

Exit codes: 0 done, 2 a usage error (bad option, unreadable input, unwritable
output), 1 ``add`` refusing an article (and an unexpected error, told in one line).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from dataset import Claim
from tests.conftest import DATA, ROOT, SEED_ID, run_cli

SEED = DATA / "sources" / f"{SEED_ID}.txt"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """``python -m extractors *args``, in-process (tests/conftest.py: run_cli)."""
    return run_cli("extractors", *args, stdin=stdin or b"")


def run_process(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """``python -m extractors *args`` as a user runs it: the entry point and real stdin."""
    return subprocess.run(
        [sys.executable, "-m", "extractors", *args],
        cwd=ROOT, input=stdin, capture_output=True, timeout=120, check=False,
    )  # fmt: skip


def test_seed_yaml_is_valid_claims_content(tmp_path: Path) -> None:
    out = tmp_path / "claims.yaml"
    result = run(str(SEED), "-o", str(out), "--source-id", SEED_ID, "--published", "2015-12-20")
    assert result.returncode == 0, result.stderr
    claims = [Claim.model_validate(item) for item in yaml.safe_load(out.read_text())]
    spans = {tuple(c.span) for c in claims}
    assert {(895, 906), (4510, 4528), (929, 939)} <= spans
    assert all(c.status == "candidate" and c.source == SEED_ID for c in claims)


def test_json_has_the_documented_fields() -> None:
    result = run(str(SEED), "--format", "json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    fields = {"value", "kind", "unit", "currency", "qualifier", "low", "high", "category",
              "start", "end", "quote", "subject", "entity", "period", "attributed_to",
              "equivalents"}  # fmt: skip
    assert items and all(fields <= set(item) for item in items)


def test_stdin_and_non_utf8_input() -> None:
    result = run("-", "--format", "json", stdin="Caf\u00e9 sales rose 5%.".encode("cp1252"))
    assert result.returncode == 0
    assert b"warning" in result.stderr and b"UTF-8" in result.stderr
    assert [c["value"] for c in json.loads(result.stdout)] == [5.0]


@pytest.mark.slow  # a Python process: a second of start-up and imports
def test_the_entry_point_with_real_stdin() -> None:
    """``python -m extractors -`` as a user runs it: ``__main__``, the exit code, real pipes."""
    result = run_process("-", "--format", "json", stdin="Caf\u00e9 sales rose 5%.".encode("cp1252"))
    assert result.returncode == 0
    assert b"warning" in result.stderr and b"UTF-8" in result.stderr
    assert [c["value"] for c in json.loads(result.stdout)] == [5.0]


def test_directory_with_progress(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(f"Sales rose {i + 1} percent.", encoding="utf-8")
    (tmp_path / "skip.md").write_text("Sales rose 9 percent.", encoding="utf-8")
    result = run(str(tmp_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert sorted(c["value"] for c in json.loads(result.stdout)) == [1.0, 2.0, 3.0]
    assert b"3/3" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing-file.txt"], b"missing-file.txt: no such file"),
        ([str(SEED), "--published", "yesterday"], b"--published: expected YYYY-MM-DD"),
        ([str(SEED), "--source-id", "Not A Slug"], b"is not a slug"),
    ],
)
def test_errors_are_one_line_and_exit_2(args: list[str], message: bytes) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# --- In process: main(argv) with capsys, a table of what a user may get wrong. ---

ARTICLE = "Exports rose 4.5 percent to 120 billion dollars in March.\n"
LONG_ID = "a" * 101
NOT_A_FOLDER = "README.md/claims.yaml"  # a folder of the path is a file


def main_run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from extractors.cli import main

    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "exports.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("argv", "code", "says"),
    [
        (["{article}", "--source-id", LONG_ID], 2, "--source-id: 101 characters; at most 100"),
        (["{article}", "--source-id", "Bad Id!"], 2, "is not a slug"),
        (["{article}", "-o", "/proc/claims.yaml"], 2, "-o /proc/claims.yaml: cannot write"),
        (["{article}", "-o", NOT_A_FOLDER], 2, "a part of its folder is a file"),
        (["{article}", "-o", "{tmp}"], 2, "is a folder; give a file name"),
        (["{article}", "-o", "/dev/null"], 2, "not a regular file"),
        (["{tmp}/missing.txt"], 2, "missing.txt: no such file"),
        (["/dev/zero"], 2, "/dev/zero: not a regular file"),
        (["{fifo}"], 2, "not a regular file"),
        (["{empty}"], 2, "no .txt files in"),
        (["{article}", "--published", "2015-02-30"], 2, "--published: expected YYYY-MM-DD"),
        (["{article}", "--format", "xml"], 2, "invalid choice: 'xml'"),
        (["{article}", "--bogus"], 2, "unrecognized arguments: --bogus"),
        ([], 2, "the following arguments are required: files"),
        (["add"], 2, "the following arguments are required: article"),
        (["add", "{article}", "--published", "June"], 2, "expected a date YYYY-MM-DD"),
        (["add", "/dev/zero", "--title", "t", "--published", "2025-01-01", "--publisher", "p"],
         1, "/dev/zero: not a regular file"),
        (["add", "{fifo}", "--title", "t", "--published", "2025-01-01", "--publisher", "p"],
         1, "not a regular file"),
        (["add", "{tmp}", "--title", "t"], 1, "is a folder, not a file"),
        (["batch"], 2, "the following arguments are required: corpus, --out"),
        (["batch", "{tmp}", "--out", "{tmp}/o", "--workers", "0"], 2, "--workers: expected 1"),
    ],
)  # fmt: skip
def test_cli_errors_are_one_line_without_traceback(
    argv: list[str],
    code: int,
    says: str,
    tmp_path: Path,
    article: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import os

    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NEWS_STATS_DATA", str(tmp_path / "data"))
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "empty").mkdir()
    names = {"article": article, "tmp": tmp_path, "fifo": fifo, "empty": tmp_path / "empty"}
    argv = [a.format(**names) for a in argv]
    try:
        got, _, err = main_run(argv, capsys)
    except SystemExit as exit_:  # argparse's usage errors exit from inside main
        got, err = exit_.code, capsys.readouterr().err
    assert got == code, err
    assert says in err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("error: ") and "Traceback" not in err
    assert Path("/dev/null").is_char_device()  # never replaced by a file


def test_help_lists_every_command_with_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    from extractors.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for command in ("add", "batch"):
        assert f"python -m extractors {command} ..." in out  # in the usage lines
        assert f"e.g. python -m extractors {command} " in out
    assert "e.g. python -m extractors article.txt" in out


def test_unexpected_errors_are_one_line_too(
    article: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug still reads as one line; NEWS_STATS_DEBUG=1 gives the traceback."""
    import extractors.cli as cli

    def broken(*args: object, **kwargs: object) -> list:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(cli, "extract", broken)
    code, _, err = main_run([str(article)], capsys)
    assert code == 1
    assert err.strip() == (
        "error: unexpected RuntimeError: boom (a bug: please report it; "
        "NEWS_STATS_DEBUG=1 shows the traceback)"
    )
    monkeypatch.setenv("NEWS_STATS_DEBUG", "1")
    with pytest.raises(RuntimeError):
        cli.main([str(article)])


def test_add_reads_at_most_the_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from curation.article import MAX_BYTES

    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (MAX_BYTES + 1))
    code, _, err = main_run(
        ["add", str(big), "--title", "t", "--published", "2025-01-01", "--publisher", "p"], capsys
    )
    assert code == 1
    assert "over the 5 MB limit" in err and len(err.strip().splitlines()) == 1
