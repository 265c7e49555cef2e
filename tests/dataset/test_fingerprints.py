"""The inputs' digests kept with their stat: reused only while the stat vouches for them."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from analysis.filters import Filters
from dataset import store
from dataset.fingerprints import RECORD, Fingerprints
from tests.dataset.test_store import SEED, query_of

HOUR_AGO = time.time() - 3600


def read(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def aged(path: Path, text: str) -> Path:
    """``text`` written to ``path``, its modification time an hour ago (not racy)."""
    path.write_text(text)
    os.utime(path, (HOUR_AGO, HOUR_AGO))
    return path


def record(folder: Path, files: list[Path]) -> list[bytes | None]:
    prints = Fingerprints(folder)
    found = [prints.digest(f, read) for f in files]
    prints.save()
    return found


def test_an_unchanged_file_is_not_read_again(tmp_path: Path) -> None:
    files = [aged(tmp_path / f"{i}.yaml", f"value: {i}\n") for i in range(3)]
    first = record(tmp_path / "store", files)
    again = Fingerprints(tmp_path / "store")
    assert [again.digest(f, read) for f in files] == first
    assert again.read == 0


@pytest.mark.parametrize(
    "change",
    [
        "same size, time set back",  # only the change time (ctime) tells
        "longer",
        "deleted",
        "replaced by another file",
    ],
)
def test_a_changed_file_is_read_again(tmp_path: Path, change: str) -> None:
    path = aged(tmp_path / "a.yaml", "value: 1\n")
    (before,) = record(tmp_path / "store", [path])
    time.sleep(0.01)  # a change time of its own
    if change == "same size, time set back":
        aged(path, "value: 2\n")
    elif change == "longer":
        aged(path, "value: 10\n")
    elif change == "deleted":
        path.unlink()
    else:
        other = aged(tmp_path / "b.yaml", "value: 3\n")
        os.replace(other, path)
    again = Fingerprints(tmp_path / "store")
    after = again.digest(path, read)
    assert again.read == 1
    assert after != before


def test_a_file_changed_just_before_the_record_is_read_again(tmp_path: Path) -> None:
    """Racy: modified within the clock's tick of the record, it may change again unseen."""
    path = tmp_path / "a.yaml"
    path.write_text("value: 1\n")  # now: as the record is made
    record(tmp_path / "store", [path])
    again = Fingerprints(tmp_path / "store")
    again.digest(path, read)
    assert again.read == 1


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"recorded_at": "x", "files": 3}'])
def test_a_damaged_record_is_ignored(tmp_path: Path, damage: bytes) -> None:
    path = aged(tmp_path / "a.yaml", "value: 1\n")
    (before,) = record(tmp_path / "store", [path])
    (tmp_path / "store" / RECORD).write_bytes(damage)
    again = Fingerprints(tmp_path / "store")
    assert again.digest(path, read) == before and again.read == 1


def test_an_edit_that_keeps_size_and_time_still_rebuilds_the_store(data_copy: Path) -> None:
    """The store end to end: a restart reads no unchanged file, and an edit that keeps the
    file's size and modification time is still seen (its change time moved)."""
    for path in data_copy.rglob("*"):
        if path.is_file():
            os.utime(path, (HOUR_AGO, HOUR_AGO))
    store.build(data_copy)
    built = store.build(data_copy)
    assert built.rebuilt == []
    claims = data_copy / "claims" / f"{SEED}.yaml"
    text = claims.read_text()
    edited = text.replace("status: approved", "status: rejected", 1)
    assert len(edited) == len(text)  # "approved" and "rejected": as long
    aged(claims, edited)  # the same size, the same modification time
    assert claims.stat().st_size == len(text.encode())
    again = store.build(data_copy)
    assert again.rebuilt == [f"claims/{SEED}"]
    assert query_of(data_copy, again).count(Filters()) == 14
