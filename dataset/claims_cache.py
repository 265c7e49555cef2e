"""Claims files already parsed, kept on disk as JSON: a restart skips PyYAML for them.

PyYAML builds every node in Python, and it is most of a cold load (about
0.4 ms a claim).  A claims file that parsed and validated without a problem
is written here as JSON, keyed by the file's path and checked against a
digest of its bytes; the next process validates the JSON instead of parsing
YAML again.  JSON only: nothing in the cache can construct an object that
the schema does not allow, and the claims are validated again when read.

Anything unexpected (a missing, unreadable, corrupt or older entry, a schema
that changed since) is a miss: the file is parsed as if there were no
cache.  Writing is best effort and atomic; a read-only or full disk only
costs speed.  There is one entry per claims file (its path names the entry),
so the folder holds no more entries than the datasets it has seen have files.
``$NEWS_STATS_CACHE`` names the folder (``off`` turns the cache off); the
default is ``$XDG_CACHE_HOME/news-stats`` (``~/.cache/news-stats``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from dataset.schema import Claim

ENV_VAR = "NEWS_STATS_CACHE"
FORMAT = 2
"""Bump when the layout of an entry changes, or when reading YAML checks something new
(``dataset/yamlio.py``: a cached file is not parsed again).  Changes to the claim
schema are seen by its digest, and its validators run again on every read."""

_CLAIMS = TypeAdapter(list[Claim])


def cache_dir() -> Path | None:
    """The folder entries live in, or None when ``$NEWS_STATS_CACHE`` is ``off``."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        return None if configured.lower() == "off" else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "news-stats"


@cache
def version() -> str:
    """The entry format and the claim schema together: a change to either is a miss."""
    schema = json.dumps(Claim.model_json_schema(), sort_keys=True)
    return f"{FORMAT}-{hashlib.blake2b(schema.encode(), digest_size=8).hexdigest()}"


def _entry(path: Path) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    name = hashlib.blake2b(str(path).encode(), digest_size=16).hexdigest()
    return folder / "claims" / f"{name}.json"


def _digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=20).hexdigest()


def recall(path: Path, raw: bytes) -> tuple[list[Claim], tuple[int, ...]] | None:
    """The claims (and their lines) ``path`` held when its bytes were ``raw``, else None."""
    entry = _entry(path)
    if entry is None:
        return None
    try:
        head, _, body = entry.read_bytes().partition(b"\n")
        stored = json.loads(head)
        if (
            stored["version"] != version()
            or stored["path"] != str(path)
            or stored["digest"] != _digest(raw)
        ):
            return None
        claims = _CLAIMS.validate_json(body)
        lines = tuple(int(n) for n in stored["lines"])
    except (OSError, ValueError, KeyError, TypeError, ValidationError):
        return None
    return (claims, lines) if len(lines) == len(claims) else None


def store(path: Path, raw: bytes, claims: Sequence[Claim], lines: Sequence[int]) -> None:
    """Remember that ``path``, holding ``raw``, gave these valid claims (best effort).

    An entry is a line of JSON (version, path, digest, lines), then the claims
    as one JSON array written by pydantic itself (a sixth of the time of a
    dict per claim).  Only the fields a file gave are written
    (``exclude_unset``), so a claim read back has the same fields set, and a
    save writes the same file.
    """
    entry = _entry(path)
    if entry is None:
        return
    head = {"version": version(), "path": str(path), "digest": _digest(raw), "lines": list(lines)}
    body = _CLAIMS.dump_json(list(claims), exclude_unset=True)
    with contextlib.suppress(OSError):  # a cache that can't be written is only slower
        _replace(entry, json.dumps(head).encode("utf-8") + b"\n" + body)


def _replace(entry: Path, data: bytes) -> None:
    """Write ``entry`` whole or not at all (a temporary file, then ``os.replace``).

    Unlike ``dataset.save.atomic_write``, nothing is fsynced: an entry lost in
    a crash is only a miss, and 500 fsyncs would slow the first load down.
    """
    entry.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{entry.name}.", suffix=".tmp", dir=entry.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, entry)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
