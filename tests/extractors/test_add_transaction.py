"""``extractors add`` is one transaction: text, source and claims all land, or none does.

Kill tests: the add runs in a child process whose file operations are counted
(``os.replace``, ``os.unlink`` under the data folder); at the chosen one the
child stops and says so, the test kills it with SIGKILL, then checks the
folder and adds the same article again.  Pausing the child at a named
operation makes each kill land at the same place on every run.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from curation.writes import add_source, roll_back_interrupted, same_text
from dataset import load_models
from dataset.schema import Source
from tests.conftest import ROOT, run_cli

ARTICLE = (
    "Harbour freight climbs as ferries return\n\n"
    "The port of Eastwick handled 4.2 million tonnes of freight in 2024, up 6 percent\n"
    "on the year before, the harbour board said on Monday. Passenger ferries carried\n"
    "1.3 million people, and fees brought in 18 million euros\n"
    "($19.5 million), the board said.\n"
)
"""Written for these tests, hard-wrapped like a wire story."""
IDENT = "harbour-news-2025-01-06-harbour-freight-climbs-as-ferries"
ADD = ["--title", "Harbour freight climbs as ferries return", "--published", "2025-01-06",
       "--publisher", "Harbour News"]  # fmt: skip

CHILD = r"""
import os, sys, time
point, k, root = sys.argv[1], int(sys.argv[2]), os.path.realpath(sys.argv[3])
events = []

def counted(real, name):
    def op(path, *args, **kwargs):
        target = os.path.realpath(args[0] if name == "replace" else path)
        ours = target.startswith(root) and not target.endswith(".lock")
        if ours:
            events.append(f"{name} {os.path.relpath(target, root)}")
            if point == "before" and len(events) == k:
                print("PAUSED", flush=True); time.sleep(600)
        real(path, *args, **kwargs)
        if ours and point == "after" and len(events) == k:
            print("PAUSED", flush=True); time.sleep(600)
    return op

os.replace = counted(os.replace, "replace")
os.unlink = counted(os.unlink, "unlink")
from extractors.cli import main
code = main(sys.argv[4:])
print("EVENTS", "|".join(events), flush=True)
sys.exit(code)
"""

WRITES = [
    f"replace sources/.{IDENT}.adding",
    f"replace sources/{IDENT}.txt",
    f"replace sources/{IDENT}.yaml",
    f"replace claims/{IDENT}.yaml",
    f"unlink sources/.{IDENT}.adding",
]
"""The add's file operations in order: marker, text, source, claims, marker removed."""


def child(root: Path, article: Path, point: str, k: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, point, str(k), str(root), "add", str(article), *ADD],
        cwd=ROOT,
        env={**os.environ, "NEWS_STATS_DATA": str(root)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def add(root: Path, article: Path) -> subprocess.CompletedProcess[str]:
    """``python -m extractors add`` on ``root``, in this process (the kills need a child)."""
    return run_cli(
        "extractors", "add", article, *ADD, env={"NEWS_STATS_DATA": str(root)}, text=True
    )


THREE = [f"sources/{IDENT}.txt", f"sources/{IDENT}.yaml", f"claims/{IDENT}.yaml"]


def files_of(root: Path) -> list[str]:
    """The three files of the article that exist, in write order."""
    return [n for n in THREE if (root / n).exists()]


def litter(root: Path) -> list[str]:
    """Markers and temporary files left in the data folder."""
    return sorted(p.name for p in root.rglob(".*") if p.name.endswith((".tmp", ".adding")))


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "harbour.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.mark.slow
def test_the_add_writes_in_the_documented_order(data_copy: Path, article: Path) -> None:
    proc = child(data_copy, article, "none", 0)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    events = out.split("EVENTS ", 1)[1].strip().split("|")
    assert events == WRITES
    assert files_of(data_copy) == THREE


KILL_POINTS = [(point, k) for k in range(1, len(WRITES) + 1) for point in ("before", "after")]


@pytest.mark.slow
@pytest.mark.parametrize(("point", "k"), KILL_POINTS, ids=[f"{p}-{k}" for p, k in KILL_POINTS])
def test_killed_add_leaves_all_or_nothing_and_adding_again_works(
    data_copy: Path, article: Path, point: str, k: int
) -> None:
    proc = child(data_copy, article, point, k)
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 120)
        assert ready and proc.stdout.readline().strip() == "PAUSED", proc.stderr.read()
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    done = point == "after" and k == len(WRITES)  # killed after the marker was removed
    # Until the next add, the files written so far stay, in write order, with the marker.
    completed = k if point == "after" else k - 1
    assert files_of(data_copy) == THREE[: max(0, min(completed, 4) - 1)]

    again = add(data_copy, article)
    if done:
        assert again.returncode == 1
        assert f"already in the dataset as '{IDENT}'" in again.stderr
    else:
        assert again.returncode == 0, again.stderr
        assert again.stdout.strip() == IDENT
    assert len(files_of(data_copy)) == 3
    assert litter(data_copy) == []
    models, problems = load_models(data_copy)
    assert problems == []
    assert models.texts[IDENT] == ARTICLE
    assert len(models.claims[IDENT]) >= 4


def test_an_orphan_text_from_an_old_crash_is_no_source(data_copy: Path, article: Path) -> None:
    """Before the transaction, a killed add could leave sources/X.txt alone: adding was refused."""
    (data_copy / "sources" / f"{IDENT}.txt").write_text(ARTICLE, encoding="utf-8")
    assert same_text(data_copy, ARTICLE) is None
    result = add(data_copy, article)
    assert result.returncode == 0, result.stderr
    assert f"warning: sources/{IDENT}.txt has no sources/{IDENT}.yaml" in result.stderr
    assert result.stdout.strip() == IDENT
    assert len(files_of(data_copy)) == 3


@pytest.mark.parametrize("fails", ["save_source", "save_claims"])
def test_a_write_error_is_rolled_back_at_once(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, fails: str
) -> None:
    import curation.writes as writes

    real = getattr(writes, fails)

    def broken(*args, **kwargs):
        real(*args, **kwargs)  # the file is written, then the disk "fills up"
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writes, fails, broken)
    source = Source(id="harbour", title="Harbour", publisher="Harbour News",
                    published="2025-01-06")  # fmt: skip
    ident, problems = add_source(data_copy, source, ARTICLE, [])
    assert ident is None and "No space left" in problems[0].message
    assert not list((data_copy / "sources").glob("harbour*"))
    assert not (data_copy / "claims" / "harbour.yaml").exists()
    assert litter(data_copy) == []


def test_roll_back_ignores_files_it_did_not_write(data_copy: Path) -> None:
    """A marker whose name is no slug is left alone; so is every complete source."""
    odd = data_copy / "sources" / ".Not A Slug.adding"
    odd.write_text("", encoding="utf-8")
    before = sorted(p.name for p in (data_copy / "sources").iterdir())
    assert roll_back_interrupted(data_copy) == []
    assert sorted(p.name for p in (data_copy / "sources").iterdir()) == before
