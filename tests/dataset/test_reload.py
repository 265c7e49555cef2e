"""Reloading reuses clean claims files that did not change, and reports exactly as a fresh load.

After a save the dashboard reloads the whole dataset; only the files that
changed may be parsed again, and every problem must still name the right line.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dataset import load, load_dataset, load_models, save_claims

SEED = "china-daily-2015-12-20-wuzhen-summit"
PROBLEM_LINE = 6  # "value: 670000000.0" in the seed claims file


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files `dataset.load` parses, in order."""
    seen: list[str] = []
    read, parse = load.read_yaml, load.parse_yaml

    def counting_read(path: Path, root: Path | None = None):
        seen.append(path.name)
        return read(path, root)

    def counting_parse(raw: bytes, file: str):  # claims files: read first, then parsed
        seen.append(Path(file).name)
        return parse(raw, file)

    monkeypatch.setattr(load, "read_yaml", counting_read)
    monkeypatch.setattr(load, "parse_yaml", counting_parse)
    return seen


def fresh(root: Path):
    """A load that reuses nothing."""
    load._CLEAN.clear()
    return load_dataset(root)


def test_unchanged_claims_file_is_not_parsed_again(data_copy: Path, reads: list[str]) -> None:
    first = fresh(data_copy)
    reads.clear()
    second = load_dataset(data_copy)
    assert f"{SEED}.yaml" in reads  # the source's metadata is always read ...
    assert reads.count(f"{SEED}.yaml") == 1  # ... but not its claims
    assert second.models.claims == first.models.claims
    pd.testing.assert_frame_equal(first.claims, second.claims)
    assert first.problems == second.problems == []


def test_a_saved_file_is_parsed_again(data_copy: Path, reads: list[str]) -> None:
    models, _ = load_models(data_copy)
    claims = models.claims[SEED]
    changed = [c.model_copy(update={"status": "rejected"}) if i == 0 else c for i, c in
               enumerate(claims)]  # fmt: skip
    save_claims(data_copy, SEED, changed)
    reads.clear()
    again, problems = load_models(data_copy)
    assert reads.count(f"{SEED}.yaml") == 2  # source metadata and claims
    assert problems == []
    assert [c.status for c in again.claims[SEED]][:2] == ["rejected", "approved"]


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        # Another file changes under a reused claims file: its claims fail the checks
        # across files, each problem at the line of its own field.
        (lambda root: _drop_category(root, "events"), "category"),
        (lambda root: (root / "sources" / f"{SEED}.txt").write_text("changed", "utf-8"), "span"),
    ],
)
def test_problems_of_a_reused_file_match_a_fresh_load(data_copy: Path, edit, field: str) -> None:
    fresh(data_copy)
    edit(data_copy)
    reused = load_dataset(data_copy).problems
    assert reused and {p.field for p in reused} >= {field}
    assert reused == fresh(data_copy).problems


def test_a_file_with_an_invalid_item_is_parsed_every_time(
    data_copy: Path, reads: list[str]
) -> None:
    path = data_copy / "claims" / f"{SEED}.yaml"
    path.write_text(path.read_text("utf-8").replace("value: 670000000.0", "value: many"), "utf-8")
    fresh(data_copy)
    reads.clear()
    problems = load_dataset(data_copy).problems
    assert reads.count(f"{SEED}.yaml") == 2
    assert [(p.line, p.field) for p in problems] == [(PROBLEM_LINE, "value")]


def _drop_category(root: Path, category: str) -> None:
    path = root / "categories.yaml"
    kept, skipping = [], False
    for line in path.read_text("utf-8").splitlines(keepends=True):
        if line.startswith("- id: "):
            skipping = line.strip() == f"- id: {category}"
        if not skipping:
            kept.append(line)
    path.write_text("".join(kept), "utf-8")
