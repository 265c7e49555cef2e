"""The derived store matches the YAML, follows edits, and never trusts a bad file.

The property test writes random small datasets (valid claims, and claims with
an unknown category or metric, a duplicate id, a span off its figure, a
missing source, a value that is not a number) and holds the store and its
DuckDB answers to ``load_dataset``: the same claims, the same problems with the
same file:line:field.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.checks import all_checks, flagged_first, stored_checks
from analysis.filters import Filters, apply_filters
from analysis.query import ClaimQuery
from charts.figures import group_sizes
from dataset import Claim, Equivalent, Period, Source, load_dataset, store
from dataset.save import atomic_write, claims_yaml, source_yaml

ROOT = Path(__file__).resolve().parents[2]
SEED = "china-daily-2015-12-20-wuzhen-summit"

CATEGORY_CHOICES = ("users", "economy", "events", "no-such-category")
METRIC_CHOICES = (None, None, "cn-internet-users", "no-such-metric")
UNITS = ("websites", "people", " people ", "Internet users")
SUBJECTS = (None, "Users", "Users in China", "Sales")
ENTITIES = (None, "China", "India")
FIGURES = {  # kind -> (as written, value, currency)
    "count": ("12 million", 12e6, None),
    "money": ("7 billion yuan", 7e9, "CNY"),
    "percent": ("25 percent", 25.0, None),
    "duration": ("3 years", 3.0, None),
}

claim_spec = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(sorted(FIGURES)),
        "id": st.integers(0, 6),  # a small pool: duplicates happen
        "category": st.sampled_from(CATEGORY_CHOICES),
        "metric": st.sampled_from(METRIC_CHOICES),
        "status": st.sampled_from(("approved", "candidate", "rejected")),
        "unit": st.sampled_from(UNITS),
        "subject": st.sampled_from(SUBJECTS),
        "entity": st.sampled_from(ENTITIES),
        "year": st.sampled_from((None, "2014", "2015-06")),
        "measure": st.sampled_from(("level", "level", "change")),
        "off_span": st.booleans(),
        "broken": st.integers(0, 9),  # 0: the value is text, not a number
        "converted": st.booleans(),
    }
)
source_spec = st.fixed_dictionaries(
    {
        "claims": st.lists(claim_spec, max_size=5),
        "has_source": st.integers(0, 5),  # 0: the source file is missing
        "day": st.integers(0, 400),
    }
)


def write_dataset(root: Path, sources: list[dict]) -> None:
    """The random dataset ``sources`` as YAML under ``root`` (with the bundled categories)."""
    for name in ("categories.yaml", "metrics.yaml"):
        atomic_write(root / name, (ROOT / "data" / name).read_bytes())
    for s, spec in enumerate(sources):
        sid = f"source-{s}"
        text, claims = "", []
        for j, c in enumerate(spec["claims"]):
            written, value, currency = FIGURES[c["kind"]]
            sentence = f"Item {j} reached {written} this time."
            start = len(text) + sentence.index(written) + (1 if c["off_span"] else 0)
            equivalents = []
            if currency and c["converted"]:
                sentence = sentence.replace(" this time.", " ($1 billion) this time.")
                at = len(text) + sentence.index("$1 billion")
                equivalents = [Equivalent(value=1e9, currency="USD", span=(at, at + 10))]
            claims.append(
                Claim(
                    id=f"claim-{c['id']}",
                    source=sid,
                    status=c["status"],
                    quote=sentence,
                    span=(start, start + len(written)),
                    value=value,
                    kind=c["kind"],
                    unit=c["unit"] if c["kind"] != "money" else "revenue",
                    currency=currency,
                    measure=c["measure"],
                    metric=c["metric"],
                    subject=c["subject"],
                    entity=c["entity"],
                    period=Period(as_of=c["year"]) if c["year"] else None,
                    category=c["category"],
                    equivalents=equivalents,
                )
            )
            text += sentence + "\n"
        if spec["has_source"]:
            source = Source(
                id=sid,
                title=f"Article {s}",
                publisher="Daily",
                published=dt.date(2015, 1, 1) + dt.timedelta(days=spec["day"]),
            )
            atomic_write(root / "sources" / f"{sid}.yaml", source_yaml(source).encode())
            atomic_write(root / "sources" / f"{sid}.txt", text.encode())
        body = claims_yaml(claims)
        for c in spec["claims"]:
            if c["broken"] == 0:  # one value that is not a number: a validation problem
                written, value, _ = FIGURES[c["kind"]]
                body = body.replace(f"value: {value!r}", "value: lots", 1)
        atomic_write(root / "claims" / f"{sid}.yaml", body.encode())


def query_of(root: Path, built: store.Store) -> ClaimQuery:
    return ClaimQuery(built.database, list(built.models.categories))


def as_loaded(frame: pd.DataFrame) -> pd.DataFrame:
    """``load_dataset``'s frame with the store's convention: no conversions is None, not []."""
    frame = frame.copy()
    frame["equivalents"] = pd.Series(
        [e or None for e in frame["equivalents"]], index=frame.index, dtype=object
    )
    return frame


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(source_spec, min_size=1, max_size=4))
def test_the_store_matches_the_yaml(sources: list[dict]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        write_dataset(root, sources)
        expected = load_dataset(root)
        built = store.build(root)
        assert built.problems == expected.problems
        query = query_of(root, built)
        got = query.rows(Filters(statuses=()))
        pd.testing.assert_frame_equal(got, as_loaded(expected.claims), check_categorical=False)
        # the unit groups the build wrote (dataset/derived.py) are charts.figures' ones
        assert query.unit_sizes(Filters(statuses=())) == group_sizes(expected.claims)
        assert list(got["category"].astype("object")) == list(
            expected.claims["category"].astype("object")
        )
        again = store.build(root)  # nothing changed: nothing compiled, the same answers
        assert again.rebuilt == [] and again.problems == expected.problems


def test_the_bundled_data_builds_without_a_problem(tmp_path: Path) -> None:
    built = store.build(ROOT / "data", tmp_path / "store")
    assert built.problems == []
    rows = query_of(ROOT / "data", built).rows(Filters(statuses=()))
    assert len(rows) == 15 and set(rows["source"]) == {SEED}


@pytest.mark.parametrize("statuses", [(), ("approved",), ("rejected",)])
def test_the_built_checks_are_those_of_the_yaml(tmp_path: Path, statuses: tuple) -> None:
    built = store.build(ROOT / "data", tmp_path / "store")
    loaded = load_dataset(ROOT / "data")
    shown = apply_filters(loaded.claims, Filters(statuses=statuses))
    expected = flagged_first(all_checks(shown, loaded.models.texts))
    rows, total, _ = query_of(ROOT / "data", built).checks(Filters(statuses=statuses))
    assert stored_checks(rows) == expected and total == len(expected)
    if statuses == ("approved",):  # the seed's conversions and shares (tests/analysis)
        assert {"6.48 CNY per USD", "about 1,000 people"} <= {c.result for c in expected}


@pytest.mark.parametrize(
    ("edit", "rebuilt"),
    [
        ("claims", [f"claims/{SEED}"]),
        ("text", [f"sources/{SEED}", f"claims/{SEED}"]),  # the span checks read the text
        ("categories", []),  # the checks across files run again; no file is compiled
        ("nothing", []),
    ],
)
def test_only_changed_files_are_compiled(data_copy: Path, edit: str, rebuilt: list[str]) -> None:
    first = store.build(data_copy)
    assert sorted(first.rebuilt) == sorted([f"sources/{SEED}", f"claims/{SEED}"])
    if edit == "claims":
        path = data_copy / "claims" / f"{SEED}.yaml"
        path.write_text(path.read_text().replace("status: approved", "status: rejected", 1))
    elif edit == "text":
        path = data_copy / "sources" / f"{SEED}.txt"
        path.write_text(path.read_text() + "\nOne more line.\n")
    elif edit == "categories":
        path = data_copy / "categories.yaml"
        path.write_text(path.read_text() + "\n")
    again = store.build(data_copy)
    assert again.rebuilt == rebuilt
    assert again.problems == load_dataset(data_copy).problems


def test_an_edit_shows_in_the_next_answer(data_copy: Path) -> None:
    """The view opened before the edit keeps answering from the database it opened (a page
    mid-rerun), and the one opened after reads the new database at the same path."""
    before = query_of(data_copy, store.build(data_copy))
    path = data_copy / "claims" / f"{SEED}.yaml"
    path.write_text(path.read_text().replace("status: approved", "status: rejected", 1))
    after = query_of(data_copy, store.build(data_copy))
    assert (before.count(Filters()), after.count(Filters())) == (15, 14)


@pytest.mark.parametrize(
    "damage",
    [
        "truncated",
        "garbage",
        "empty",
        "other digest",
        "deleted",
        "database truncated",
        "database garbage",
        "database of other data",
    ],
)
def test_a_corrupt_or_stale_store_file_is_rebuilt(data_copy: Path, damage: str) -> None:
    built = store.build(data_copy)
    expected = query_of(data_copy, built).rows(Filters(statuses=()))
    compiled = built.folder / "files" / "claims" / f"{SEED}.parquet"
    target = built.database if damage.startswith("database") else compiled
    if damage in ("truncated", "database truncated"):
        target.write_bytes(target.read_bytes()[: len(target.read_bytes()) // 2])
    elif damage == "garbage":
        target.write_bytes(b"PAR1 not a parquet file at all PAR1")
    elif damage == "database garbage":
        target.write_bytes(b"DUCK not a database at all" * 100)
    elif damage == "empty":
        target.write_bytes(b"")
    elif damage == "deleted":
        target.unlink()
    elif damage == "other digest":  # a stale file: compiled from other bytes
        other = tmp_copy_with_one_claim(data_copy)
        shutil.copy(store.build(other).folder / "files" / "claims" / f"{SEED}.parquet", target)
    elif damage == "database of other data":
        shutil.copy(store.build(tmp_copy_with_one_claim(data_copy)).database, target)
    combined = damage.startswith("database")
    if not combined:
        built.database.unlink()  # as if the store had been written before the damage
    again = store.build(data_copy)
    if not combined:
        assert again.rebuilt == [f"claims/{SEED}"]
    pd.testing.assert_frame_equal(query_of(data_copy, again).rows(Filters(statuses=())), expected)


def tmp_copy_with_one_claim(data_copy: Path) -> Path:
    other = data_copy.parent / "other" / "data"
    shutil.copytree(data_copy, other)
    path = other / "claims" / f"{SEED}.yaml"
    path.write_text(path.read_text().replace("status: approved", "status: rejected"))
    return other


def test_a_problem_keeps_its_file_line_and_field(data_copy: Path) -> None:
    path = data_copy / "claims" / f"{SEED}.yaml"
    path.write_text(path.read_text().replace("category: users", "category: nowhere", 1))
    problems = [str(p) for p in store.build(data_copy).problems]
    assert problems == [str(p) for p in load_dataset(data_copy).problems]
    assert len(problems) == 1 and problems[0].startswith(f"data/claims/{SEED}.yaml:")
    assert ": category: unknown category 'nowhere'" in problems[0]


def test_the_store_lives_beside_the_data_or_where_the_setting_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(store.ENV_VAR, raising=False)
    assert store.store_dir(tmp_path / "data").parent == tmp_path / ".store"
    monkeypatch.setenv(store.ENV_VAR, str(tmp_path / "elsewhere"))
    assert store.store_dir(tmp_path / "data").parent == tmp_path / "elsewhere"
    assert store.store_dir(tmp_path / "a" / "data") != store.store_dir(tmp_path / "data")
    assert os.path.basename(store.store_dir(tmp_path / "data")).startswith("data-")


@pytest.mark.parametrize(
    ("broken", "code", "printed"),
    [
        (False, 0, ""),
        (True, 1, f"data/claims/{SEED}.yaml:"),
    ],
)
def test_build_command(
    data_copy: Path, capsys: pytest.CaptureFixture, broken: bool, code: int, printed: str
) -> None:
    from dataset.__main__ import main

    if broken:
        path = data_copy / "claims" / f"{SEED}.yaml"
        path.write_text(path.read_text().replace("category: users", "category: nowhere", 1))
    assert main(["build", str(data_copy)]) == code
    out, err = capsys.readouterr()
    assert out.startswith(printed) and "2 file(s) compiled" in err
    assert main(["build", str(data_copy)]) == code
    assert "0 file(s) compiled" in capsys.readouterr().err
