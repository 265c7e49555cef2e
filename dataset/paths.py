"""Where the dataset lives: ``data/`` beside the code, or ``$NEWS_STATS_DATA``.

The override lets tests and benchmarks point the app and the CLIs at a copy,
so that nothing but a person's own edits ever writes to the bundled data.
"""

from __future__ import annotations

import hashlib
import os
import stat
import threading
from dataclasses import dataclass
from pathlib import Path

from dataset import watch

REPO = Path(__file__).resolve().parent.parent
ENV_VAR = "NEWS_STATS_DATA"


def data_root() -> Path:
    """The dataset folder in use (``data/`` unless ``$NEWS_STATS_DATA`` is set)."""
    return Path(os.environ.get(ENV_VAR) or REPO / "data")


def data_stamp(root: Path) -> str:
    """A digest of (path, mtime_ns, size) of every file under ``root``: the cache key.

    A digest rather than the tuple itself: Streamlit hashes cache arguments on
    every call, and a tuple of thousands of entries costs more than the walk.
    The walk is skipped while inotify says nothing under ``root`` changed (see
    ``dataset/watch.py``): one ``ioctl`` instead of 1,500 ``stat`` calls.
    Symlinked folders are not entered, as ``os.walk`` does not.
    """
    key = os.path.abspath(root)
    with _LOCK:
        held = _STAMPS.pop(key, None)
        if held and held.watch and held.watch.quiet():
            _STAMPS[key] = held  # the most recently used last
            return held.stamp
        if held and held.watch:
            held.watch.close()
        local = held.local if held else watch.watchable(Path(key))
        watcher = watch.open_watch() if local else None
        try:
            stamp = _walk(key, watcher)
        except BaseException:
            if watcher:
                watcher.close()
            raise
        _STAMPS[key] = _Stamp(stamp, watcher, local)
        while len(_STAMPS) > MAX_WATCHED_ROOTS:  # each watch holds an inotify instance
            evicted = _STAMPS.pop(next(iter(_STAMPS)))
            if evicted.watch:
                evicted.watch.close()
        return stamp


MAX_WATCHED_ROOTS = 4
"""Data roots whose last stamp and watch are kept (tests and benchmarks use several)."""


@dataclass
class _Stamp:
    stamp: str
    watch: watch.Watch | None
    local: bool
    """Whether the root is on a local filesystem (checked once per root, not per rerun)."""


_STAMPS: dict[str, _Stamp] = {}
_LOCK = threading.Lock()  # Streamlit runs each session's reruns in a thread of its own


def _walk(root: str, watcher: watch.Watch | None) -> str:
    """The stamp of ``root``, walked now; each folder is watched before it is listed."""
    digest = hashlib.blake2b(digest_size=16)
    folder = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        _stamp_folder(folder, root, "", digest, watcher)
    finally:
        os.close(folder)
    return digest.hexdigest()


def _stamp_folder(
    folder: int, path: str, prefix: str, digest: hashlib.blake2b, watcher: watch.Watch | None
) -> None:
    """Add the files under the open ``folder`` to ``digest``, in name order.

    Files are stat'ed relative to their open folder (``dir_fd``): the kernel
    resolves no full path per file (``os.scandir`` on the descriptor was slower).
    """
    if watcher:
        watcher.add(path)
    for name in sorted(os.listdir(folder)):
        try:
            info = os.stat(name, dir_fd=folder, follow_symlinks=False)
        except OSError:  # removed since the listing: the next stamp sees it gone
            continue
        if stat.S_ISDIR(info.st_mode):
            inner = os.open(name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=folder)
            try:
                _stamp_folder(inner, f"{path}/{name}", f"{prefix}{name}/", digest, watcher)
            finally:
                os.close(inner)
            continue
        if stat.S_ISLNK(info.st_mode):
            try:
                info = os.stat(name, dir_fd=folder)
            except OSError:  # a dangling symlink, or a loop (ELOOP)
                info = None
            if info and stat.S_ISDIR(info.st_mode):
                continue  # a symlinked folder is not entered
            if watcher:
                watcher.distrust()  # its target can change where no watch sees it
        mtime, size = (info.st_mtime_ns, info.st_size) if info else (-1, -1)
        digest.update(f"{prefix}{name}\0{mtime}\0{size}\n".encode())
