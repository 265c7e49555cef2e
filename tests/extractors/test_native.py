"""The compiled extraction path (``extractors.native``) gives what the Python source gives.

The rest of the tests run the Python source (``tests/conftest.py`` sets
``EXTRACTORS_PURE``); here a process of its own runs the build in ``.native/``
on every labelled text, the seed article and the pathological inputs, and its
claims must equal the source's, field for field.  Without a fresh build the
comparison skips (no C compiler); under ``.ci/run``
(``EXTRACTORS_REQUIRE_NATIVE=1``) it fails instead.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extractors import extract, native
from tests.extractors.labelled import SETS, items

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "sources" / "china-daily-2015-12-20-wuzhen-summit.txt"
HOSTILE_SIZE = 20_000

RUN_NATIVE = """
import json, sys
from extractors import extract, native
assert native.running() == "native", "the compiled build was not the one imported"
texts = json.load(open(sys.argv[1], encoding="utf-8"))
out = [[c.model_dump(mode="json") for c in extract(t, source_id="t", published="2015-12-20")]
       for t in texts]
json.dump(out, open(sys.argv[2], "w", encoding="utf-8"))
"""


def _hostile() -> list[str]:
    """The inputs of ``bench/pathological_bench.py``, 20 KB each."""
    spec = importlib.util.spec_from_file_location(
        "pathological", ROOT / "bench" / "pathological_bench.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [make(HOSTILE_SIZE) for _, make in module.INPUTS] + [module.prose(HOSTILE_SIZE)]


def _texts() -> list[str]:
    labelled = [item["text"] for name in SETS for item in items(name)]
    return [SEED.read_text(encoding="utf-8"), *labelled, *_hostile()]


def _require_fresh() -> None:
    if native.is_fresh():
        return
    why = "no fresh compiled build in .native/ (make builds it; it needs a C compiler)"
    if os.environ.get("EXTRACTORS_REQUIRE_NATIVE"):
        pytest.fail(why)
    pytest.skip(why)


def test_the_tests_run_the_python_source() -> None:
    assert native.running() == "pure"


@pytest.mark.slow  # a process of its own over 3,700 texts: `make test` and CI run it
def test_native_build_gives_the_same_claims(tmp_path: Path) -> None:
    _require_fresh()
    texts = _texts()
    (tmp_path / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != native.PURE_ENV}
    subprocess.run(
        [
            sys.executable,
            "-c",
            RUN_NATIVE,
            str(tmp_path / "texts.json"),
            str(tmp_path / "out.json"),
        ],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    compiled = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert len(compiled) == len(texts)
    for text, got in zip(texts, compiled, strict=True):
        want = [
            c.model_dump(mode="json") for c in extract(text, source_id="t", published="2015-12-20")
        ]
        assert got == want, text[:200]


def _stamp(folder: Path, digest: str) -> Path:
    (folder / "extractors").mkdir(parents=True)
    (folder / "stamp.json").write_text(json.dumps({"digest": digest}), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("digest", "pure", "used"),
    [
        ("current", False, True),
        ("current", True, False),  # EXTRACTORS_PURE=1 wins
        ("0" * 64, False, False),  # built from other sources: never shadows the edited ones
        (None, False, False),  # no stamp: a build that was interrupted
    ],
)
def test_only_a_build_of_the_current_sources_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, digest: str | None, pure: bool, used: bool
) -> None:
    folder = tmp_path / "native"
    if digest is None:
        (folder / "extractors").mkdir(parents=True)
    else:
        _stamp(folder, native.digest() if digest == "current" else digest)
    if pure:
        monkeypatch.setenv(native.PURE_ENV, "1")
    else:
        monkeypatch.delenv(native.PURE_ENV, raising=False)
    path = ["/the/package"]
    assert native.use_native(path, folder) is used
    assert path == ([str(folder / "extractors"), "/the/package"] if used else ["/the/package"])


def test_the_digest_changes_with_any_compiled_source(tmp_path: Path) -> None:
    package = tmp_path / "extractors"
    package.mkdir()
    for name in native.COMPILED:
        (package / f"{name}.py").write_text(f"# {name}\n", encoding="utf-8")
    before = native.digest(package)
    (package / "scanner.py").write_text("# scanner, edited\n", encoding="utf-8")
    assert native.digest(package) != before
