"""The data stamp (the dashboard's cache key) changes with every edit, on the very next call.

Each change is made and the stamp read at once, with no pause: inotify
queues its event inside the system call that made the change, so a watched
root that says "quiet" has truly not changed.  The same table runs with the
watch on, and with it off (a root on a filesystem that is not local), where
the stamp walks every file each time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dataset import paths, watch
from dataset.save import atomic_write


@pytest.fixture(autouse=True)
def fresh_stamps() -> Iterator[None]:
    """No stamp or watch kept from another test (tmp folders can repeat a path)."""
    _forget()
    yield
    _forget()


def _forget() -> None:
    for held in paths._STAMPS.values():
        if held.watch:
            held.watch.close()
    paths._STAMPS.clear()


@pytest.fixture(params=["watched", "walked"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "walked":
        monkeypatch.setattr(watch, "watchable", lambda root: False)
    elif watch.open_watch() is None:
        pytest.skip("no inotify on this system: the stamp walks every time (the other mode)")
    return request.param


def _edit(path: Path) -> None:
    (path / "claims" / "a.yaml").write_text("- changed\n")


def _same_size(path: Path) -> None:
    file = path / "claims" / "a.yaml"
    before = file.stat().st_mtime_ns
    file.write_text("{}\n\n")  # as long as "[]\n\n": only the mtime tells
    os.utime(file, ns=(before + 10**9, before + 10**9))  # coarse clocks: a second later


def _touch(path: Path) -> None:
    os.utime(path / "claims" / "a.yaml", ns=(1, 1))


def _add(path: Path) -> None:
    (path / "claims" / "b.yaml").write_text("[]\n")


def _remove(path: Path) -> None:
    (path / "claims" / "a.yaml").unlink()


def _rename(path: Path) -> None:
    (path / "claims" / "a.yaml").rename(path / "claims" / "c.yaml")


def _saved(path: Path) -> None:
    atomic_write(path / "claims" / "a.yaml", b"- saved by the app\n")


def _nested(path: Path) -> None:
    (path / "claims" / "deeper").mkdir()
    (path / "claims" / "deeper" / "d.yaml").write_text("[]\n")


def _by_another_process(path: Path) -> None:
    code = f"open({str(path / 'claims' / 'a.yaml')!r}, 'a').write('- more\\n')"
    subprocess.run([sys.executable, "-c", code], check=True)


def _replaced(path: Path) -> None:
    shutil.rmtree(path / "claims")
    (path / "claims").mkdir()
    (path / "claims" / "a.yaml").write_text("- new\n")


def _empty_folder(path: Path) -> None:
    (path / "empty").mkdir()


def _linked_folder(path: Path) -> None:
    (path / "linked").symlink_to(path / "claims", target_is_directory=True)


CHANGES: list[tuple[Callable[[Path], None], bool]] = [
    (_edit, True),
    (_same_size, True),
    (_touch, True),
    (_add, True),
    (_remove, True),
    (_rename, True),
    (_saved, True),
    (_nested, True),
    (_by_another_process, True),
    (_replaced, True),
    (_empty_folder, False),  # no file in it: nothing to load differs
    (_linked_folder, False),  # symlinked folders are not entered, as os.walk does not
]


def _dataset(root: Path) -> Path:
    (root / "claims").mkdir(parents=True)
    (root / "claims" / "a.yaml").write_text("[]\n\n")
    (root / "categories.yaml").write_text("[]\n")
    return root


@pytest.mark.parametrize(("change", "changes_stamp"), CHANGES)
def test_data_stamp_sees_each_change_at_once(
    tmp_path: Path, mode: str, change: Callable[[Path], None], changes_stamp: bool
) -> None:
    root = _dataset(tmp_path / "data")
    before = paths.data_stamp(root)
    assert paths.data_stamp(root) == before
    change(root)
    after = paths.data_stamp(root)
    assert (after != before) is changes_stamp
    assert after == paths._walk(str(root), None)  # what a full walk says now
    change_again = _edit if change is not _remove else _add
    change_again(root)  # and the watch made after a change sees the next one
    assert paths.data_stamp(root) == paths._walk(str(root), None) != after


def test_a_quiet_watch_skips_the_walk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if watch.open_watch() is None:
        pytest.skip("no inotify on this system")
    root = _dataset(tmp_path / "data")
    if not watch.watchable(root):
        pytest.skip(f"{tmp_path} is not on a local filesystem")
    stamp = paths.data_stamp(root)
    walks: list[str] = []
    real_walk = paths._walk
    monkeypatch.setattr(paths, "_walk", lambda *a: walks.append(a[0]) or real_walk(*a))
    assert [paths.data_stamp(root) for _ in range(3)] == [stamp] * 3
    assert walks == []
    (root / "categories.yaml").write_text("- id: users\n")
    assert paths.data_stamp(root) != stamp
    assert walks == [str(root)]


@pytest.mark.parametrize(
    "untrusted",
    ["not local", "no inotify", "symlinked file", "symlinked root", "out of watches"],
)
def test_the_walk_runs_every_time_where_the_watch_cannot_see(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, untrusted: str
) -> None:
    root = _dataset(tmp_path / "data")
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("[]\n")
    if untrusted == "not local":
        monkeypatch.setattr(watch, "filesystem_type", lambda mounts, path: "nfs4")
    elif untrusted == "no inotify":
        monkeypatch.setattr(watch, "INotify", None)
    elif untrusted == "symlinked file":
        (root / "claims" / "linked.yaml").symlink_to(outside)
    elif untrusted == "symlinked root":
        (tmp_path / "link").symlink_to(root, target_is_directory=True)
        root = tmp_path / "link"
    else:
        monkeypatch.setattr(watch.Watch, "add", lambda self, folder: watch.Watch.distrust(self))
    paths.data_stamp(root)
    walks: list[str] = []
    real_walk = paths._walk
    monkeypatch.setattr(paths, "_walk", lambda *a: walks.append(a[0]) or real_walk(*a))
    before = paths.data_stamp(root)
    os.utime(outside, ns=(5, 5))  # outside every watched folder
    after = paths.data_stamp(root)
    assert len(walks) == 2
    assert (after != before) is (untrusted == "symlinked file")


def test_stamps_of_many_roots_stay_right(tmp_path: Path) -> None:
    roots = [_dataset(tmp_path / f"data{i}") for i in range(paths.MAX_WATCHED_ROOTS + 2)]
    stamps = [paths.data_stamp(root) for root in roots]
    assert len(paths._STAMPS) == paths.MAX_WATCHED_ROOTS
    for root in roots:
        _edit(root)
    for root, stamp in zip(roots, stamps, strict=True):
        assert paths.data_stamp(root) == paths._walk(str(root), None) != stamp


def test_a_missing_root_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        paths.data_stamp(tmp_path / "nowhere")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/work/data", "ext4"),
        ("/", "ext4"),
        ("/mnt/share", "nfs4"),
        ("/mnt/share/data", "nfs4"),
        ("/mnt/shared", "ext4"),  # a longer name, not inside /mnt/share
        ("/mnt/my share/x", "cifs"),  # \040 in mountinfo is a space
        ("/srv/over", "overlay"),  # a later mount over the same point hides the first
        ("/home/u/sshfs", "fuse.sshfs"),
    ],
)
def test_filesystem_type(path: str, expected: str) -> None:
    mountinfo = "\n".join(
        [
            "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw",
            "40 27 0:50 / /mnt/share rw shared:1 - nfs4 host:/s rw,vers=4.2",
            "41 27 0:51 / /mnt/my\\040share rw - cifs //host/s rw",
            "42 27 0:52 / /srv/over rw - ext4 /dev/vdb rw",
            "43 42 0:53 / /srv/over rw - overlay overlay rw,lowerdir=/a",
            "44 27 0:54 / /home/u/sshfs rw - fuse.sshfs u@h: rw",
        ]
    )
    assert watch.filesystem_type(mountinfo, path) == expected
