"""Write sources and claims as deterministic YAML, atomically.

A save never leaves a half-written file: the new content goes to a
temporary file in the same folder, is flushed and fsynced, and only then
replaces the old file with ``os.replace`` (atomic on POSIX and Windows).
If anything fails before the replace, the previous file is untouched.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from dataset.load import CLAIMS_DIR, SOURCES_DIR
from dataset.schema import Claim, Source, checked_slug
from dataset.yamlio import Flow, dump_yaml


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that readers see old or new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


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
