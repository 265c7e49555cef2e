"""Write sources and claims as deterministic YAML, atomically.

A save never leaves a half-written file: the new content goes to a
temporary file in the same folder, is flushed and fsynced, and only then
replaces the old file with ``os.replace`` (atomic on POSIX and Windows).
If anything fails before the replace, the previous file is untouched.
"""

from __future__ import annotations

import glob
import os
import stat
import tempfile
import threading
import time
from collections.abc import Iterable
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

from dataset.load import CLAIMS_DIR, SOURCES_DIR
from dataset.schema import Claim, Source, checked_slug
from dataset.yamlio import Flow, dump_yaml

TEMP_SUFFIX = ".tmp"
"""Temporary files are ``.<name>.<random>.tmp`` beside the file: the loader reads
only ``*.yaml`` and ``*.txt``, so a killed save's leftover is never read."""


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that readers see old or new, never half.

    The new file keeps the mode of the one it replaces (a 0644 file stays
    0644; ``mkstemp`` alone would make it 0600), and a new file gets the
    mode the umask gives.  Each writer holds an ``flock`` on its temporary
    file; a temporary file nobody holds is a killed save's leftover, removed
    here before writing.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(path)
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            _hold(handle.fileno())
            handle.write(data)
            handle.flush()
            os.chmod(tmp, mode)
            os.fsync(handle.fileno())
            if fcntl is not None:
                os.replace(tmp, path)  # while held: a cleaner never takes a live file
        if fcntl is None:
            os.replace(tmp, path)  # Windows replaces only a closed file
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _mode_for(path: Path) -> int:
    """The permission bits the saved file gets: the old file's, or 0666 minus the umask."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o666 & ~current_umask()


def current_umask() -> int:
    """The process's umask, read without changing it where Linux allows (threads share it)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


_UMASK_LOCK = threading.Lock()


def _hold(fd: int) -> None:
    """Mark a temporary file as a live save (an exclusive flock; none on Windows)."""
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


STALE_AFTER = 3600.0
"""Seconds after which a temporary file is stale where flock is missing (Windows)."""


def remove_stale_temps(path: Path) -> list[Path]:
    """Remove the leftovers of killed saves of ``path``; the ones removed.

    A temporary file whose flock can be taken has no writer (the kernel drops
    a killed process's locks); one still held is another save in progress.
    """
    removed = []
    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*{TEMP_SUFFIX}"):
        if _abandoned(tmp):
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
    return removed


def _abandoned(tmp: Path) -> bool:
    try:
        if fcntl is None:
            return time.time() - tmp.stat().st_mtime > STALE_AFTER
        fd = os.open(tmp, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (a no-op where folders can't be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def claim_document(claim: Claim) -> dict:
    """A claim as the plain mapping written to YAML, in schema field order."""
    data = claim.model_dump(mode="python")
    data["span"] = Flow(claim.span)
    for eq, dumped in zip(claim.equivalents, data["equivalents"], strict=True):
        dumped["span"] = Flow(eq.span) if eq.span is not None else None
    if claim.period is not None:
        data["period"] = claim.period.model_dump(exclude_none=True)
    return data


def claims_yaml(claims: Iterable[Claim]) -> str:
    """The text of a ``data/claims/<source>.yaml`` file."""
    return dump_yaml([claim_document(c) for c in claims])


def source_yaml(source: Source) -> str:
    """The text of a ``data/sources/<source>.yaml`` file."""
    return dump_yaml(source.model_dump(mode="python"))


def save_claims(root: Path | str, source_id: str, claims: Iterable[Claim]) -> Path:
    """Write the claims of one source to ``root/claims/<source_id>.yaml``."""
    path = Path(root) / CLAIMS_DIR / f"{checked_slug(source_id)}.yaml"
    atomic_write(path, claims_yaml(claims).encode("utf-8"))
    return path


def save_source(root: Path | str, source: Source, text: str | bytes | None = None) -> Path:
    """Write ``root/sources/<id>.yaml`` and, when given, its text byte for byte."""
    folder = Path(root) / SOURCES_DIR
    if text is not None:
        raw = text.encode("utf-8") if isinstance(text, str) else text
        atomic_write(folder / f"{source.id}.txt", raw)
    path = folder / f"{source.id}.yaml"
    atomic_write(path, source_yaml(source).encode("utf-8"))
    return path
