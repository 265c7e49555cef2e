"""Knowing that nothing under the data root changed without stat'ing every file.

The dashboard keys its cached dataset on a stamp of every file's path, mtime
and size (``paths.data_stamp``), so that an edit shows on the next rerun.  At
1,500 files that walk is 1,500 ``stat`` calls, about 10 ms of every rerun.

Linux's inotify queues its event inside the very system call that changes a
file, before that call returns.  So when every folder was watched before the
last walk listed it, and no event is pending, nothing the walk saw has
changed: the last stamp still holds, and asking costs one ``ioctl``.  Any
event at all (a write, a touch, a file created, renamed or deleted, the queue
overflowing, a watched folder going away) means walk again, with fresh
watches.  Only changes are watched, not reads: loading the dataset raises no
event.

The watch is not trusted, and the walk runs on every call, where the kernel
cannot see every change:

* the root is reached through a symlink, which could be pointed elsewhere;
* the filesystem is not a known local one (``LOCAL_FILESYSTEMS``): on NFS,
  SMB, 9p or FUSE an edit made elsewhere raises no event here;
* a file under the root is a symlink: its target may change outside the
  watched folders;
* inotify is missing (not Linux) or out of instances or watches.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

try:  # Linux; elsewhere there is no inotify (and on Windows no fcntl or termios either)
    from fcntl import ioctl
    from termios import FIONREAD

    from inotify_simple import INotify
    from inotify_simple import flags as _flags
except (ImportError, OSError):  # inotify_simple loads libc when imported
    INotify = None  # type: ignore[assignment,misc]

LOCAL_FILESYSTEMS = frozenset(
    {
        "ext2",
        "ext3",
        "ext4",
        "xfs",
        "btrfs",
        "zfs",
        "f2fs",
        "bcachefs",
        "jfs",
        "reiserfs",
        "tmpfs",
        "ramfs",
        "overlay",
        "vfat",
        "exfat",
        "ntfs3",
        "hfsplus",
    }
)
"""Filesystem types whose every change passes through this machine's kernel."""

CHANGES = (
    0
    if INotify is None
    else _flags.MODIFY
    | _flags.ATTRIB
    | _flags.CLOSE_WRITE
    | _flags.MOVED_FROM
    | _flags.MOVED_TO
    | _flags.CREATE
    | _flags.DELETE
    | _flags.DELETE_SELF
    | _flags.MOVE_SELF
)
"""What a watched folder reports: changes to it and to the files in it, never reads."""


class Watch:
    """inotify watches on the folders of one walk; ``quiet`` while nothing changed."""

    def __init__(self) -> None:
        self._inotify = INotify(nonblocking=True)
        self.trusted = True
        """False once something was found that the watches cannot see (then never quiet)."""

    def add(self, folder: str | Path) -> None:
        """Watch ``folder``; call it before listing the folder, so no change falls between."""
        try:
            self._inotify.add_watch(folder, CHANGES)
        except OSError:  # out of watches (ENOSPC), or the folder just went away
            self.trusted = False

    def distrust(self) -> None:
        """Something under the root can change without an event here (a symlinked file)."""
        self.trusted = False

    def quiet(self) -> bool:
        """True when nothing changed since the watches were added (no event is pending)."""
        if not self.trusted:
            return False
        pending = bytearray(4)
        ioctl(self._inotify.fileno(), FIONREAD, pending)
        return int.from_bytes(pending, sys.byteorder) == 0  # the watched folders are silent

    def close(self) -> None:
        self._inotify.close()


def open_watch() -> Watch | None:
    """A new, empty ``Watch``, or None where inotify is missing or out of instances."""
    if INotify is None:
        return None
    try:
        return Watch()
    except (OSError, AttributeError):  # EMFILE; AttributeError: a libc with no inotify
        return None


def watchable(root: Path) -> bool:
    """Whether changes under ``root`` all raise events: a local filesystem, no symlink.

    A symlink on the way to ``root`` could be pointed elsewhere with no event
    in the folders watched; ``root`` is then walked on every call.
    """
    path = os.path.abspath(root)
    if os.path.realpath(path) != path:
        return False
    try:
        mounts = Path("/proc/self/mountinfo").read_text(encoding="utf-8")
    except OSError:  # not Linux
        return False
    return filesystem_type(mounts, path) in LOCAL_FILESYSTEMS


def filesystem_type(mountinfo: str, path: str) -> str | None:
    """The type of the filesystem ``path`` is on, read from ``/proc/self/mountinfo``.

    The mount with the longest mount point containing ``path`` wins; mount
    points escape spaces and the like as octal (``\\040``).

    >>> info = ('27 1 254:0 / / rw - ext4 /dev/vda rw\\n'
    ...         '40 27 0:50 / /mnt/my\\\\040share rw shared:1 - nfs4 host:/s rw\\n')
    >>> filesystem_type(info, "/mnt/my share/data"), filesystem_type(info, "/mnt/myshare")
    ('nfs4', 'ext4')
    """
    best, kind = -1, None
    for line in mountinfo.splitlines():
        fields, _, rest = line.partition(" - ")
        parts = fields.split(" ")
        if len(parts) < 5 or not rest:
            continue
        point = _unescape(parts[4])
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= best:  # a later mount over the same point hides the first
            best, kind = len(point), rest.split(" ", 1)[0]
    return kind


def _unescape(field: str) -> str:
    r"""A mountinfo field with its octal escapes (``\040`` for a space) decoded."""
    return _OCTAL.sub(lambda m: chr(int(m[1], 8)), field)


_OCTAL = re.compile(r"\\([0-7]{3})")
