"""curation.writes: validation before writing, stale saves, duplicates, slugs, locks, crashes."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curation.writes import (
    add_source,
    claims_path,
    inside,
    read_claims,
    save_checked,
    set_status,
    source_id_for,
    unique_id,
)
from dataset import checked_slug, load_models
from tests.conftest import SEED_ID
from tests.curation.helpers import PHONES, add_phones, phones_source

SEED_USERS = f"{SEED_ID}-internet-users"


def seed_rows(root: Path, **changes: object) -> tuple[list[dict], str | None]:
    """The seed's claims as mappings, the first one changed, and the digest they came from."""
    snap = read_claims(root, SEED_ID)
    rows = [c.model_dump() for c in snap.claims]
    rows[0].update(changes)
    return rows, snap.digest


@pytest.mark.parametrize(
    ("changes", "field", "says"),
    [
        ({"value": "lots"}, "value", "number"),
        ({"qualifier": "roughly"}, "qualifier", "exact"),
        ({"category": "weather"}, "category", "unknown category"),
        ({"kind": "money"}, "currency", "needs a currency"),
        ({"period": {"as_of": "2015-13"}}, "period.as_of", ""),
        ({"span": (0, 5)}, "span", "not a figure"),
        ({"quote": "Not in the article at all 670 million."}, "span", "quote"),
        ({"source": "other-source"}, "source", "expected"),
        ({"status": "maybe"}, "status", "candidate"),
    ],
)
def test_an_invalid_edit_is_refused_and_nothing_written(data_copy, changes, field, says) -> None:
    path = claims_path(data_copy, SEED_ID)
    before = path.read_bytes()
    rows, digest = seed_rows(data_copy, **changes)
    problems = save_checked(data_copy, SEED_ID, rows, digest)
    assert problems, "an invalid edit must be refused"
    assert any(p.field == field and says in p.message for p in problems), problems
    assert all(p.line == 1 for p in problems), "row 1 was the one edited"
    assert path.read_bytes() == before


def test_a_valid_edit_is_saved_and_reloads(data_copy) -> None:
    rows, digest = seed_rows(data_copy, status="rejected", subject="Chinese Internet users")
    assert save_checked(data_copy, SEED_ID, rows, digest) == []
    models, problems = load_models(data_copy)
    assert problems == []
    first = models.claims[SEED_ID][0]
    assert (first.status, first.subject) == ("rejected", "Chinese Internet users")


def test_a_stale_save_is_refused_naming_the_file(data_copy) -> None:
    rows, digest = seed_rows(data_copy, subject="Edited in tab one")
    # Tab two (or the CLI) saves in between.
    assert set_status(data_copy, [SEED_USERS], "rejected") == ([SEED_USERS], [])
    after_other = claims_path(data_copy, SEED_ID).read_bytes()
    problems = save_checked(data_copy, SEED_ID, rows, digest)
    assert len(problems) == 1
    assert problems[0].file == f"claims/{SEED_ID}.yaml"
    assert "changed on disk since it was loaded" in problems[0].message
    assert claims_path(data_copy, SEED_ID).read_bytes() == after_other


def test_adding_the_same_text_twice_is_refused_naming_the_source(data_copy) -> None:
    ident, _ = add_phones(data_copy)
    again, problems = add_source(
        data_copy, phones_source("Another title"), PHONES.read_text(encoding="utf-8")
    )
    assert again is None
    assert [p.field for p in problems] == ["text"]
    assert repr(ident) in problems[0].message


def test_a_taken_id_gets_a_suffix_and_the_claims_follow(data_copy) -> None:
    ident, _ = add_phones(data_copy)
    other_text = "Tablet shipments rose 9 percent to 147 million units.\n"
    second, problems = add_source(data_copy, phones_source(), other_text)
    assert problems == []
    assert second == f"{ident}-2"
    text = (data_copy / "sources" / f"{second}.txt").read_bytes()
    assert text == other_text.encode("utf-8")


def test_an_added_text_is_stored_byte_identical(data_copy) -> None:
    ident, claims = add_phones(data_copy)
    assert (data_copy / "sources" / f"{ident}.txt").read_bytes() == PHONES.read_bytes()
    models, problems = load_models(data_copy)
    assert problems == []
    assert len(models.claims[ident]) == len(claims) > 5
    assert {c.status for c in models.claims[ident]} == {"candidate"}


@pytest.mark.parametrize(
    "slug", ["../etc/passwd", "..", "a/b", "A-Upper", "/abs", "a--b", "", "x" * 121, "a.yaml"]
)
def test_paths_are_built_only_from_slugs(data_copy, slug) -> None:
    with pytest.raises(ValueError, match="not a slug"):
        inside(data_copy, "claims", slug, ".yaml")
    changed, problems = set_status(data_copy, [slug], "approved")
    assert changed == [] and problems


@pytest.mark.parametrize(
    ("publisher", "title", "expected"),
    [
        ("China Daily", "Cyberspace a frontier", "china-daily-2015-12-20-cyberspace-a-frontier"),
        ("Le Monde", "L'été: 5 % de plus", "le-monde-2015-12-20-lete-5-de-plus"),
        ("../../x", "../../etc/passwd", "x-2015-12-20-etc-passwd"),
        ("新华社", "中国", "2015-12-20"),
        (
            "The Global Technology and Markets Ledger",
            "China's online retail sales rose again in the first ten months of the year",
            "the-global-technology-2015-12-20-chinas-online-retail-sales",
        ),
        ("Wire", "Supercalifragilistic" * 5, "wire-2015-12-20"),
        (
            "Wire",
            "Online retail sales " * 10,
            "wire-2015-12-20-online-retail-sales-online-retail-sales",
        ),
    ],
)
def test_source_ids_are_slugs_of_publisher_date_title(publisher, title, expected) -> None:
    import datetime as dt

    assert source_id_for(publisher, dt.date(2015, 12, 20), title) == expected


def test_unique_id_counts_up() -> None:
    assert unique_id("a", []) == "a"
    assert unique_id("a", ["a", "a-2", "a-3"]) == "a-4"


def test_set_status_reports_unknown_ids_and_changes_the_rest(data_copy) -> None:
    changed, problems = set_status(data_copy, [SEED_USERS, f"{SEED_ID}-nope"], "rejected")
    assert changed == [SEED_USERS]
    assert [p.field for p in problems] == ["id"] and "nope" in problems[0].message


# --- Concurrency and crashes --------------------------------------------------------------


def stop(*procs: multiprocessing.Process) -> None:
    """Kill every child still running and reap it: a failed assertion must not leave one
    asleep (a writer stuck in fsync sleeps 600 s, and pytest would wait for it at exit)."""
    for proc in procs:
        if proc.pid is not None and proc.is_alive():
            proc.kill()
        if proc.pid is not None:
            proc.join(10)


def test_two_saves_from_one_load_race_and_exactly_one_is_refused_stale(
    data_copy, monkeypatch
) -> None:
    """Both saves start from the same load; while a third party holds the lock, both reach
    it.  Checked under the lock, the second to get it sees the first's write and is refused;
    checked before the lock, both would pass and the second would overwrite the first."""
    import threading

    import curation.writes as writes

    path = claims_path(data_copy, SEED_ID)
    one, digest = seed_rows(data_copy, subject="Saved by tab one")
    two, same = seed_rows(data_copy, subject="Saved by tab two")
    assert digest == same
    arrived = threading.Semaphore(0)
    real_lock_for = writes.lock_for

    def lock_for_and_tell(target):
        lock = real_lock_for(target)
        arrived.release()
        return lock

    monkeypatch.setattr(writes, "lock_for", lock_for_and_tell)
    results: dict[str, list] = {}

    def save(name: str, rows: list[dict]) -> None:
        results[name] = save_checked(data_copy, SEED_ID, rows, digest)

    threads = [
        threading.Thread(target=save, args=(name, rows), daemon=True)
        for name, rows in (("one", one), ("two", two))
    ]
    before = path.read_bytes()
    with real_lock_for(path):
        for thread in threads:
            thread.start()
        assert arrived.acquire(timeout=30) and arrived.acquire(timeout=30)
        assert path.read_bytes() == before, "a save wrote while another held the lock"
    for thread in threads:
        thread.join(60)
    assert sorted(len(p) for p in results.values()) == [0, 1], results
    (refused,) = [p[0] for p in results.values() if p]
    assert "changed on disk since it was loaded" in refused.message
    (won,) = [name for name, p in results.items() if not p]
    subject = read_claims(data_copy, SEED_ID).claims[0].subject
    assert subject == f"Saved by tab {won}"


ROUNDS = 20
WRITERS = 3


def _writer(root: str, claim_id: str, start: multiprocessing.Event) -> None:
    """Flip one claim's status ROUNDS times, ending on rejected; exit 3 on a lost update.

    Only this writer touches this claim, so before each flip it must still hold
    the status set by the previous one: another writer saving a copy it read
    earlier (no lock) would put back an older status.
    """
    start.wait()
    expected = read_claims(root, SEED_ID).claims
    last = next(c.status for c in expected if c.id == claim_id)
    for i in range(ROUNDS):
        now = next(c.status for c in read_claims(root, SEED_ID).claims if c.id == claim_id)
        if now != last:
            raise SystemExit(3)
        last = "rejected" if i % 2 == 0 else "approved"
        changed, problems = set_status(root, [claim_id], last)
        assert changed == [claim_id] and problems == [], problems


@pytest.mark.slow  # three spawned Python processes race 20 locked saves each
def test_writers_racing_lose_nothing_and_corrupt_nothing(data_copy) -> None:
    ids = [c.id for c in read_claims(data_copy, SEED_ID).claims][:WRITERS]
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Event()
    procs = [ctx.Process(target=_writer, args=(str(data_copy), i, start)) for i in ids]
    try:
        for proc in procs:
            proc.start()
        start.set()
        for proc in procs:
            proc.join(120)
        assert [p.exitcode for p in procs] == [0] * WRITERS, "3 means a writer lost an update"
    finally:
        stop(*procs)
    models, problems = load_models(data_copy)
    assert problems == []
    status = {c.id: c.status for c in models.claims[SEED_ID]}
    assert [status[i] for i in ids] == ["approved" if ROUNDS % 2 == 0 else "rejected"] * WRITERS
    assert len(models.claims[SEED_ID]) == 15


def _hold_then_save(root: str, done: multiprocessing.Event) -> None:
    set_status(root, [SEED_USERS], "rejected")
    done.set()


@pytest.mark.slow  # a spawned process, and 4 s in which its save must not go through
def test_a_writer_waits_for_the_lock(data_copy) -> None:
    from curation.writes import lock_for

    ctx = multiprocessing.get_context("spawn")
    done = ctx.Event()
    proc = ctx.Process(target=_hold_then_save, args=(str(data_copy), done))
    try:
        with lock_for(claims_path(data_copy, SEED_ID)):
            proc.start()
            assert not done.wait(4), "the save went through while another held the lock"
        assert done.wait(30)
        proc.join(10)
    finally:
        stop(proc)
    assert {c.id: c.status for c in read_claims(data_copy, SEED_ID).claims}[SEED_USERS] == (
        "rejected"
    )


def test_a_failed_replace_leaves_the_old_file_and_no_temp_files(data_copy, monkeypatch) -> None:
    path = claims_path(data_copy, SEED_ID)
    before = path.read_bytes()
    rows, digest = seed_rows(data_copy, subject="Never written")

    def crash(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    problems = save_checked(data_copy, SEED_ID, rows, digest)
    assert [p.field for p in problems] == ["(file)"]
    assert "previous file is intact" in problems[0].message
    assert path.read_bytes() == before
    assert list(path.parent.glob("*.tmp")) == []


def _slow_writer(root: str) -> None:
    """Save an edit whose fsync never returns: killed mid-save, inside the lock."""
    import dataset.save

    rows, digest = seed_rows(Path(root), subject="Half written")
    dataset.save.os.fsync = lambda fd: time.sleep(600)
    save_checked(root, SEED_ID, rows, digest)


@pytest.mark.slow  # a spawned process killed mid-save
def test_a_writer_killed_mid_save_leaves_the_old_file_and_frees_the_lock(data_copy) -> None:
    path = claims_path(data_copy, SEED_ID)
    before = path.read_bytes()
    proc = multiprocessing.get_context("spawn").Process(target=_slow_writer, args=(str(data_copy),))
    try:
        proc.start()
        deadline = time.monotonic() + 60
        while not list(path.parent.glob(".*.tmp")) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert list(path.parent.glob(".*.tmp")), "the child never started writing"
        os.kill(proc.pid, signal.SIGKILL)
        proc.join(10)
    finally:
        stop(proc)
    assert path.read_bytes() == before
    assert load_models(data_copy)[1] == []
    # The lock died with the process: the next save goes through.
    assert set_status(data_copy, [SEED_USERS], "rejected") == ([SEED_USERS], [])


def test_set_status_finds_a_claim_whose_id_does_not_start_with_its_source(data_copy) -> None:
    import datetime as dt

    from dataset.schema import Claim, Source

    text = "Tablet shipments rose 9 percent.\n"
    source = Source(id="gl-2025", title="T", publisher="GL", published=dt.date(2025, 2, 10))
    odd = Claim(id="tablet-growth", source="gl-2025", quote=text.strip(), span=(22, 31),
                value=9.0, kind="percent", unit="percent")  # fmt: skip
    assert add_source(data_copy, source, text, [odd]) == ("gl-2025", [])
    assert set_status(data_copy, ["tablet-growth", SEED_USERS], "approved") == (
        ["tablet-growth", SEED_USERS],
        [],
    )
    assert read_claims(data_copy, "gl-2025").claims[0].status == "approved"


@pytest.mark.slow  # hypothesis: 300 generated publishers and titles
@given(publisher=st.text(max_size=200), title=st.text(max_size=400))
@settings(max_examples=300, deadline=None)
def test_any_publisher_and_title_give_a_slug_inside_the_data_root(publisher, title) -> None:
    import datetime as dt

    ident = source_id_for(publisher, dt.date(2025, 1, 20), title)
    assert checked_slug(ident) == ident
    assert len(ident) <= 60
    assert inside("/data", "sources", ident, ".yaml").parent.as_posix() == "/data/sources"
