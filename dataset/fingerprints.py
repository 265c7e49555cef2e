"""Each data file's digest, kept with its stat, so that a restart reads only what changed.

The store is keyed by digests of the data files' bytes (``dataset/store.py``).  At
1,000,000 claims that is 15,000 files, and reading and hashing them all took 2.4 s at
every start, most of a restart.  As git's index does, each file's digest is kept (the
store's ``inputs.json``) with its stat: size, modification and change times, inode,
device and mode.  A file whose stat is the same is not read again: any write changes
its change time (ctime), which no tool can set back.  Git's "racy" guard too: a file
modified less than ``RACY_NS`` before the record was made may have changed again within
the same tick of the clock, so it is read again until a later record vouches for it.

A record that cannot be read is ignored (every file is read), never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

RECORD = "inputs.json"
RACY_NS = 2_000_000_000
"""Files modified this close (2 s) before a record was made are read again."""


def _stat_key(info: os.stat_result) -> list[int]:
    return [
        info.st_size,
        info.st_mtime_ns,
        info.st_ctime_ns,
        info.st_ino,
        info.st_dev,
        info.st_mode,
    ]


class Fingerprints:
    """The digests of one build's input files, reused from the last record where the
    stat says the file is the same."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / RECORD
        self.started = time.time_ns()
        self.recorded_at, self.known = self._load()
        self.seen: dict[str, list] = {}
        self.changed = False
        self.read = 0
        """Files read (and hashed) by this build: for tests and the benchmark."""

    def _load(self) -> tuple[int, dict[str, list]]:
        try:
            record = json.loads(self.path.read_bytes())
            return int(record["recorded_at"]), dict(record["files"])
        except (OSError, ValueError, KeyError, TypeError):
            return 0, {}

    def digest(self, path: Path, read: Callable[[Path], bytes | None]) -> bytes | None:
        """The digest of ``path``'s bytes (``read(path)`` gives them, or None when the file
        is refused); the recorded one when its stat is unchanged and not racy."""
        name = os.path.abspath(path)
        try:
            key = _stat_key(os.stat(path))
        except OSError:
            key = None
        entry = self.known.get(name)
        trusted = key is not None and entry and entry[:-1] == key
        if trusted and key[1] <= self.recorded_at - RACY_NS:  # unchanged, and not racy
            self.seen[name] = entry
            return bytes.fromhex(entry[-1])
        raw = read(path)
        self.read += 1
        if raw is None:
            return None
        found = hashlib.blake2b(raw, digest_size=16).digest()
        if key is not None:
            self.seen[name] = [*key, found.hex()]
            self.changed = True  # new, changed, or racy: recorded again
        return found

    def save(self) -> None:
        """Write the record of this build's files (when any was read), in one rename."""
        if not self.changed and len(self.seen) == len(self.known):
            return
        body = json.dumps({"recorded_at": self.started, "files": self.seen}).encode()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{RECORD}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(body)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
