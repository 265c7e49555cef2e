"""The on-disk parse cache: a restart reads clean claims files from JSON, and equals a parse.

Each test plays "a new process" by clearing the loader's in-process memory
(``load._CLEAN``), so only the disk cache can spare the YAML parse.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dataset import claims_cache, load, load_dataset, load_models, save_claims
from tests.conftest import SEED_ID


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The cache on, in a folder of this test's own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(claims_cache.ENV_VAR, str(folder))
    return folder


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the claims files the loader parses as YAML."""
    seen: list[str] = []
    parse = load.parse_yaml

    def counting(raw: bytes, file: str):
        seen.append(Path(file).name)
        return parse(raw, file)

    monkeypatch.setattr(load, "parse_yaml", counting)
    return seen


def restart(root: Path):
    """A load as a new process makes it: nothing remembered in memory."""
    load._CLEAN.clear()
    return load_dataset(root)


def entries(folder: Path) -> list[Path]:
    return sorted((folder / "claims").glob("*.json"))


def test_a_restart_reads_the_cache_and_equals_a_parse(
    data_copy: Path, cache: Path, parsed: list[str]
) -> None:
    first = restart(data_copy)
    assert parsed == [f"{SEED_ID}.yaml"] and len(entries(cache)) == 1
    parsed.clear()
    second = restart(data_copy)
    assert parsed == []  # no YAML parsed
    for stem, claims in first.models.claims.items():
        again = second.models.claims[stem]
        assert again == claims
        assert [c.model_fields_set for c in again] == [c.model_fields_set for c in claims]
        assert [c.period.model_fields_set for c in again if c.period] == [
            c.period.model_fields_set for c in claims if c.period
        ]
    assert second.models.claim_lines == first.models.claim_lines
    pd.testing.assert_frame_equal(first.claims, second.claims)
    assert second.problems == first.problems == []


def test_a_changed_file_is_parsed_again(data_copy: Path, cache: Path, parsed: list[str]) -> None:
    models, _ = load_models(data_copy)
    claims = models.claims[SEED_ID]
    save_claims(data_copy, SEED_ID, [claims[0].model_copy(update={"status": "rejected"})])
    parsed.clear()
    again = restart(data_copy)
    assert parsed == [f"{SEED_ID}.yaml"]
    assert [c.status for c in again.models.claims[SEED_ID]] == ["rejected"]


def _replace_head(data: bytes, old: str, new: str) -> bytes:
    head, _, body = data.partition(b"\n")
    return head.replace(old.encode(), new.encode()) + b"\n" + body


@pytest.mark.parametrize(
    "spoil",
    [
        lambda data: b"{not json",
        lambda data: b"",
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: _replace_head(data, '"version": "', '"version": "0'),  # an older format
        lambda data: _replace_head(data, '"digest": "', '"digest": "0'),
        lambda data: _replace_head(data, '"lines": [', '"lines": [1, '),  # lines, claims differ
        lambda data: data.partition(b"\n")[0] + b'\n[{"id": "no value"}]',
        lambda data: b"[1, 2]\n[]",
    ],
    ids=["corrupt", "empty", "cut", "old-version", "other-digest", "lines", "invalid", "a-list"],
)
def test_a_spoiled_entry_is_a_miss(data_copy: Path, cache: Path, parsed: list[str], spoil) -> None:
    first = restart(data_copy)
    (entry,) = entries(cache)
    entry.write_bytes(spoil(entry.read_bytes()))
    parsed.clear()
    again = restart(data_copy)
    assert parsed == [f"{SEED_ID}.yaml"]
    assert again.models.claims == first.models.claims and again.problems == []


def test_a_cached_file_still_reports_problems_at_their_line(data_copy: Path, cache: Path) -> None:
    restart(data_copy)
    categories = data_copy / "categories.yaml"
    text = categories.read_text(encoding="utf-8")
    categories.write_text(text.replace("id: users", "id: internet-users"), encoding="utf-8")
    again = restart(data_copy)  # the claims come from the cache; their category is gone
    users = [
        p
        for p in again.problems
        if "unknown category 'users'" in p.message and p.file.endswith(f"claims/{SEED_ID}.yaml")
    ]
    assert users and all(p.file.endswith(f"claims/{SEED_ID}.yaml") for p in users)
    lines = (data_copy / "claims" / f"{SEED_ID}.yaml").read_text(encoding="utf-8").splitlines()
    assert all(lines[p.line - 1].strip() == "category: users" for p in users)


def test_files_with_problems_are_not_cached(data_copy: Path, cache: Path) -> None:
    path = data_copy / "claims" / f"{SEED_ID}.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("value: 670000000.0", "value: many", 1),
        encoding="utf-8",
    )
    assert restart(data_copy).problems
    assert entries(cache) == []


@pytest.mark.parametrize("setting", ["off", "OFF"])
def test_off_turns_the_cache_off(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, setting: str
) -> None:
    monkeypatch.setenv(claims_cache.ENV_VAR, setting)
    assert claims_cache.cache_dir() is None
    restart(data_copy)  # and nothing is written anywhere


def test_the_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(claims_cache.ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert claims_cache.cache_dir() == tmp_path / "news-stats"


def test_an_unwritable_cache_costs_only_speed(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(claims_cache.ENV_VAR, str(blocker / "cache"))
    assert restart(data_copy).problems == []
    assert restart(data_copy).problems == []
