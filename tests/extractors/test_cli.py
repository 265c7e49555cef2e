"""The command line, run as a user would (subprocess from the repository root)."""

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
