"""The loader pauses the cycle collector while it parses; a kept load is frozen out of it."""

from __future__ import annotations

import contextlib
import gc

import pytest

from dataset import load as load_module
from dataset.load import gc_paused, load_dataset, settle, thaw
from tests.conftest import DATA


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("fails", [False, True])
def test_gc_paused_restores_the_collector(enabled: bool, fails: bool) -> None:
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with pytest.raises(RuntimeError) if fails else contextlib.nullcontext(), gc_paused():
            assert not gc.isenabled()
            if fails:
                raise RuntimeError("a file could not be read")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_loading_runs_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = []
    read = load_module.read_yaml
    monkeypatch.setattr(
        load_module, "read_yaml", lambda *a, **k: seen.append(gc.isenabled()) or read(*a, **k)
    )
    assert gc.isenabled()
    ds = load_dataset(DATA)
    assert len(ds.claims) and seen and not any(seen)
    assert gc.isenabled()


def test_settle_freezes_what_is_alive_and_thaw_releases_it() -> None:
    ds = load_dataset(DATA)
    try:
        settle()
        assert gc.get_freeze_count() > len(ds.claims)
    finally:
        thaw()
    assert gc.get_freeze_count() == 0
