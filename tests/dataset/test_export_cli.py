"""``python -m dataset export``: where it refuses to write, and what its exit code says."""

from __future__ import annotations

from pathlib import Path

import pytest

from dataset.__main__ import main
from dataset.paths import ENV_VAR

PACKAGE = ["claims.csv", "datapackage.json", "sources.csv"]


@pytest.fixture
def cli(data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Run the CLI in-process on a copy of the data, from a folder of its own."""
    monkeypatch.setenv(ENV_VAR, str(data_copy))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return lambda *args: main(["export", *map(str, args)])


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# name, target (relative to tmp_path; "{data}" is the dataset), prepare, exit code, stderr words
CASES = [
    ("new-folder", "out/pkg", None, 0, ""),
    ("empty-folder", "empty", "mkdir", 0, ""),
    ("non-empty-folder", "full", "file", 2, "is not empty; use --force"),
    ("the-dataset", "data", None, 2, "refusing to write into the dataset"),
    ("inside-the-dataset", "data/claims", None, 2, "refusing to write into the dataset"),
    ("the-current-folder", "work", None, 2, "refusing to write into the current folder"),
    ("a-file", "afile", "touch", 2, "is a file, not a folder"),
    ("under-a-file", "afile/pkg", "touch-parent", 2, "cannot write"),
]


@pytest.mark.parametrize(
    ("target", "prepare", "code", "words"), [pytest.param(*c[1:], id=c[0]) for c in CASES]
)
def test_export_target(cli, tmp_path, capsys, target, prepare, code, words):
    out = tmp_path / target
    if prepare == "mkdir":
        out.mkdir()
    elif prepare == "file":
        out.mkdir()
        (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    elif prepare == "touch":
        out.write_text("x", encoding="utf-8")
    elif prepare == "touch-parent":
        out.parent.write_text("x", encoding="utf-8")
    before = _listing(out) if out.is_dir() else None
    assert cli(out) == code
    err = capsys.readouterr().err
    if code == 0:
        assert _listing(out) == PACKAGE
        return
    assert words in err
    assert len(err.strip().splitlines()) == 1, err  # one line, no traceback
    assert "Traceback" not in err
    if before is not None:
        assert _listing(out) == before, "a refused export wrote something"


def test_force_writes_into_a_folder_that_holds_files(cli, tmp_path):
    out = tmp_path / "full"
    out.mkdir()
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert cli("--force", out) == 0
    assert _listing(out) == sorted([*PACKAGE, "notes.txt"])
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine\n"


def test_a_dataset_with_problems_exports_what_is_valid_and_exits_1(
    cli, data_copy, tmp_path, capsys
):
    (data_copy / "claims" / "broken.yaml").write_text("- [unclosed\n", encoding="utf-8")
    out = tmp_path / "pkg"
    assert cli(out) == 1
    err = capsys.readouterr().err
    assert "1 problem(s)" in err and "left out" in err and "data/claims/broken.yaml" in err
    assert _listing(out) == PACKAGE
    claims = (out / "claims.csv").read_text(encoding="utf-8").splitlines()
    assert len(claims) == 1 + 15


def test_the_package_says_the_date_of_its_data(cli, tmp_path):
    import json

    assert cli(tmp_path / "pkg") == 0
    descriptor = json.loads((tmp_path / "pkg" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["data_as_of"] == "2015-12-20"
    assert descriptor["title"] == "Statistics reported in the news"
    assert [s["title"] for s in descriptor["sources"]] == [
        "China Daily, 2015-12-20: Cyberspace a frontier for global cooperation"
    ]
