"""Saving: deterministic, byte-stable YAML, written atomically."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml

from dataset import Claim, Source, atomic_write, load_dataset, load_models, save_claims, save_source
from dataset.yamlio import dump_yaml
from tests.conftest import DATA, ROOT, SEED_ID, run_cli


def test_round_trip_is_byte_stable(data_copy):
    before = {p: p.read_bytes() for p in sorted(data_copy.rglob("*")) if p.is_file()}
    models, problems = load_models(data_copy)
    assert problems == []
    save_claims(data_copy, SEED_ID, models.claims[SEED_ID])
    save_source(data_copy, models.sources[SEED_ID], models.texts[SEED_ID])
    after = {p: p.read_bytes() for p in sorted(data_copy.rglob("*")) if p.is_file()}
    assert after == before


def test_load_save_load_is_identical(data_copy):
    first = load_dataset(data_copy)
    save_claims(data_copy, SEED_ID, first.models.claims[SEED_ID])
    second = load_dataset(data_copy)
    assert second.models.claims == first.models.claims
    assert second.claims.drop(columns=["equivalents"]).equals(
        first.claims.drop(columns=["equivalents"])
    )


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (670e6, "670000000.0"),
        (2.95e12, "2950000000000.0"),
        (1e22, "10000000000000000000000.0"),
        (1e-7, "0.0000001"),
        (66.66666666666667, "66.66666666666667"),
        (-3.2, "-3.2"),
    ],
)
def test_floats_are_plain_decimals_and_round_trip(value, written):
    text = dump_yaml({"value": value})
    assert text == f"value: {written}\n"
    assert yaml.safe_load(text)["value"] == value


def test_unicode_kept_and_no_anchors():
    shared = {"value": 1.0, "currency": "EUR"}
    text = dump_yaml({"note": "¥ and € — naïve", "a": [shared], "b": [shared]})
    assert "¥ and € — naïve" in text
    assert "&" not in text and "*" not in text


def _claim(value: float = 670e6) -> Claim:
    return Claim(
        id="s-1",
        source="s",
        quote="It has 670 million users.",
        span=(7, 18),
        value=value,
        kind="count",
    )


def test_failed_save_leaves_previous_file_intact(tmp_path, monkeypatch):
    save_claims(tmp_path, "s", [_claim()])
    path = tmp_path / "claims" / "s.yaml"
    before = path.read_bytes()

    def crash(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        save_claims(tmp_path, "s", [_claim(1.0)])
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["s.yaml"], "temp file left behind"


def test_crash_of_the_writing_process_leaves_previous_file_intact(tmp_path):
    path = tmp_path / "f.yaml"
    atomic_write(path, b"old\n")
    script = (
        "import os, sys; from pathlib import Path; import dataset.save as s\n"
        "os.replace = lambda *a: os._exit(9)\n"
        f"s.atomic_write(Path({str(path)!r}), b'new' * 100000)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=False)
    assert result.returncode == 9
    assert path.read_bytes() == b"old\n"


@pytest.mark.parametrize("bad_id", ["../escape", "a/b", "UPPER", "", "x" * 200])
def test_save_refuses_ids_that_are_not_slugs(tmp_path, bad_id):
    with pytest.raises(ValueError, match="not a slug"):
        save_claims(tmp_path, bad_id, [])
    assert not any(tmp_path.parent.glob("escape*"))


def test_save_source_keeps_text_bytes(tmp_path):
    source = Source(id="s", title="T", publisher="P", published="2020-01-02")
    text = "Line one\r\nnaïve ¥ 5\n"
    save_source(tmp_path, source, text)
    assert (tmp_path / "sources" / "s.txt").read_bytes() == text.encode("utf-8")


@pytest.mark.parametrize(
    ("edit", "code", "output"),
    [
        (None, 0, ""),
        ("value: 670000000.0", 1, f"data/claims/{SEED_ID}.yaml:6: value: must be a number"),
    ],
)
def test_validate_cli(data_copy, edit, code, output):
    if edit:
        path = data_copy / "claims" / f"{SEED_ID}.yaml"
        path.write_text(path.read_text().replace(edit, "value: lots", 1))
    result = run_cli("dataset", "validate", str(data_copy), text=True)
    assert result.returncode == code, result.stderr
    assert output in result.stdout
    assert ("0 problem(s)" in result.stderr) == (code == 0)


def test_validate_cli_on_bundled_data_is_clean():
    result = run_cli("dataset", "validate", str(DATA), text=True)
    assert result.returncode == 0, result.stdout


def test_validate_cli_missing_folder(tmp_path):
    result = run_cli("dataset", "validate", str(tmp_path / "nope"), text=True)
    assert result.returncode == 2
    assert "is not a folder" in result.stderr


@pytest.mark.parametrize("mode", [0o644, 0o600, 0o664, 0o640])
def test_a_save_keeps_the_mode_of_the_file_it_replaces(tmp_path, mode):
    path = tmp_path / "f.yaml"
    path.write_bytes(b"old\n")
    path.chmod(mode)
    atomic_write(path, b"new\n")
    assert path.read_bytes() == b"new\n"
    assert path.stat().st_mode & 0o777 == mode


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        atomic_write(tmp_path / "new.yaml", b"x\n")
    finally:
        os.umask(old)
    assert (tmp_path / "new.yaml").stat().st_mode & 0o777 == mode


def test_a_killed_save_leaves_a_temp_file_that_the_next_save_removes(tmp_path):
    path = tmp_path / "claims" / "s.yaml"
    atomic_write(path, b"old\n")
    script = (
        "import os; from pathlib import Path; import dataset.save as s\n"
        "os.replace = lambda *a: os._exit(9)\n"
        f"s.atomic_write(Path({str(path)!r}), b'new')\n"
    )
    assert subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=False).returncode == 9
    [left] = [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    assert left.startswith(".s.yaml.")
    atomic_write(path, b"newer\n")
    assert sorted(p.name for p in path.parent.iterdir()) == ["s.yaml"]
    assert path.read_bytes() == b"newer\n"


def test_a_save_in_progress_keeps_its_temp_file(tmp_path):
    """A temp file another writer holds (its flock) is not someone's leftover."""
    import fcntl

    from dataset.save import remove_stale_temps

    path = tmp_path / "s.yaml"
    live = tmp_path / ".s.yaml.abcd.tmp"
    dead = tmp_path / ".s.yaml.efgh.tmp"
    other = tmp_path / ".t.yaml.ijkl.tmp"
    for tmp in (live, dead, other):
        tmp.write_bytes(b"half")
    with live.open("rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        script = (
            "from pathlib import Path; from dataset.save import remove_stale_temps\n"
            f"print(sorted(p.name for p in remove_stale_temps(Path({str(path)!r}))))\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout
    assert out.strip() == "['.s.yaml.efgh.tmp']"
    assert live.exists() and other.exists() and not dead.exists()
    assert remove_stale_temps(path) == [live]
