"""The extractor's hot path compiled to C by mypyc, and which build an import runs.

Why compiled: extraction is a few hundred small steps per figure (patterns
tried at a place, a word looked up, a slice taken), and no one of them is
worth removing: the interpreter's own work between them is the cost.  mypyc
compiles these typed modules as they are written, as black and mypy ship
themselves, and the same code runs 1.4 to 1.6 times as fast
(``bench/extract_bench.py`` reports both builds).

The build lives in ``.native/`` beside the package, never in it, so an
edited source is never shadowed by an old build: ``extractors/__init__``
puts it first on the package's path only when its stamp names the digest of
the very sources it was compiled from and this interpreter.  Otherwise, or
with ``EXTRACTORS_PURE=1`` (the tests set it, so that they exercise and can
patch the Python source), the pure Python modules run, with the same
output (``tests/extractors/test_native.py``).

Build: ``python -m extractors.compile`` (``make`` does it at set-up; a no-op
when the build is fresh).  A machine without a C compiler keeps pure Python.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

COMPILED = (
    "numbers",
    "patterns",
    "qualifiers",
    "sentences",
    "money",
    "percent",
    "exclusions",
    "context",
    "scanner",
    "pipeline",
)
"""The modules of the extraction path.  ``lexicon`` stays Python: it is data, read once."""
PACKAGE = Path(__file__).resolve().parent
NATIVE = PACKAGE.parent / ".native"
"""Where the build goes: ``<NATIVE>/extractors/<module>.so`` and ``stamp.json``."""
PURE_ENV = "EXTRACTORS_PURE"
GROUP = "extractors._native"
"""mypyc's shared library for the group, inside the package folder of the build."""


def digest(package: Path = PACKAGE) -> str:
    """The sources of ``COMPILED`` and the interpreter they must be compiled for."""
    h = hashlib.sha256(f"{sys.version}|{sys.implementation.cache_tag}".encode())
    for name in COMPILED:
        h.update(name.encode() + b"\0" + (package / f"{name}.py").read_bytes())
    return h.hexdigest()


def is_fresh(native: Path = NATIVE, package: Path = PACKAGE) -> bool:
    """Whether ``native`` holds a build of exactly the current sources, for this interpreter."""
    try:
        stamp = json.loads((native / "stamp.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(stamp, dict) and stamp.get("digest") == digest(package)


def use_native(path: list[str], native: Path = NATIVE) -> bool:
    """Put a fresh build first on the package ``path`` (``extractors.__path__``).

    Returns whether it did.  Called once, before any compiled module is imported.
    """
    if os.environ.get(PURE_ENV) or not is_fresh(native):
        return False
    path.insert(0, str(native / "extractors"))
    return True


def running() -> str:
    """ "native" or "pure": which build the imported extractor is."""
    from extractors import pipeline

    return "pure" if pipeline.__file__.endswith(".py") else "native"
