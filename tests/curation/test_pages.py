"""The curation pages through AppTest: add an article end to end, review with stale checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from curation.writes import set_status
from dataset import load_models
from dataset.paths import ENV_VAR
from tests.conftest import ROOT, SEED_ID
from tests.curation.helpers import PHONES


@pytest.fixture
def env(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(ENV_VAR, str(data_copy))
    return data_copy


def page(name: str, **query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / name), default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def click(at: AppTest, key: str) -> None:
    at.button(key=key).click()
    at.run()
    assert not at.exception, at.exception


def editor(at: AppTest, key: str):
    (found,) = [d for d in at.dataframe if d.key == key]
    return found.value


def edit(at: AppTest, key: str, rows: dict[int, dict]) -> None:
    """Apply cell edits the way the browser's data editor reports them."""
    at.session_state[key] = {"edited_rows": rows, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception


def fill_add_page(text: str) -> AppTest:
    at = page("add_article.py")
    at.text_area(key="add-text").input(text)
    at.text_input(key="add-title").input("Smartphone shipments rebound")
    at.text_input(key="add-publisher").input("Tech Ledger")
    at.text_input(key="add-authors").input("Ann Lee; Bo Chen")
    at.date_input(key="add-published").set_value(dt.date(2025, 1, 20))
    at.run()
    click(at, "add-extract")
    return at


@pytest.mark.slow
def test_paste_extract_edit_accept_reject_save_then_explore(env: Path) -> None:
    at = fill_add_page(PHONES.read_text(encoding="utf-8"))
    table = editor(at, "add-editor")
    assert len(table) >= 8 and set(table["status"]) == {"candidate"}
    # Choose rows by what they say, not by position: two money figures and a percentage.
    money = table.index[table["kind"] == "money"].tolist()
    percent = table.index[table["kind"] == "percent"].tolist()
    accept, reject = money[:2], percent[0]
    edit(at, "add-editor", {
        accept[0]: {"status": "approved", "subject": "Revenue, edited by hand"},
        accept[1]: {"status": "approved"},
        reject: {"status": "rejected"},
    })  # fmt: skip
    click(at, "add-save")
    assert not at.error, [e.value for e in at.error]
    assert "2 approved, 1 rejected" in at.success[0].value

    models, problems = load_models(env)
    assert problems == []
    (ident,) = [s for s in models.sources if s != SEED_ID]
    assert ident == "tech-ledger-2025-01-20-smartphone-shipments-rebound"
    assert (env / "sources" / f"{ident}.txt").read_bytes() == PHONES.read_bytes()
    saved = {c.id: c for c in models.claims[ident]}
    assert len(saved) == len(table)
    ids = [f"{ident}-{table.loc[i, 'id'].split('-')[-1]}" for i in (*accept, reject)]
    assert [saved[i].status for i in ids] == ["approved", "approved", "rejected"]
    assert saved[ids[0]].subject == "Revenue, edited by hand"

    explore = page("explore.py")
    # The figures table (read-only tables carry no key here): the one with quotes.
    (rows,) = [d.value for d in explore.dataframe if "quote" in d.value.columns]
    for claim_id in ids[:2]:
        claim = saved[claim_id]
        assert ((rows["quote"] == claim.quote) & (rows["value"] == claim.value)).any()
    assert not (rows["quote"] == saved[ids[2]].quote).all()
    assert "Revenue, edited by hand" in set(rows["subject"])


@pytest.mark.parametrize(
    ("cells", "says"),
    [
        ({"category": "weather"}, "unknown category"),
        ({"period": "2015-13"}, "period"),
        ({"qualifier": "range"}, "low"),
    ],
)
def test_an_invalid_edit_is_refused_with_the_reason(env: Path, cells, says) -> None:
    at = fill_add_page(PHONES.read_text(encoding="utf-8"))
    edit(at, "add-editor", {0: {"status": "approved", **cells}})
    click(at, "add-save")
    assert at.error and says in at.error[0].value
    assert sorted(p.name for p in (env / "sources").iterdir() if p.suffix != ".lock") == [
        f"{SEED_ID}.txt",
        f"{SEED_ID}.yaml",
    ]


def test_the_same_article_twice_is_refused_naming_the_source(env: Path) -> None:
    text = PHONES.read_text(encoding="utf-8")
    first = fill_add_page(text)
    click(first, "add-save")
    assert first.success
    second = fill_add_page(text)
    click(second, "add-save")
    assert "already in the dataset as" in second.error[0].value


@pytest.mark.parametrize(("size", "refused"), [(5 * 1024 * 1024 + 1, True), (1000, False)])
def test_pasted_text_over_5_mb_is_refused(env: Path, size: int, refused: bool) -> None:
    at = page("add_article.py")
    at.text_area(key="add-text").input("7 " * (size // 2) + "x" * (size % 2))
    at.run()
    errors = [e.value for e in at.error]
    assert any("over the 5 MB limit" in e for e in errors) == refused, errors
    assert at.button(key="add-extract").disabled == refused


def test_review_saves_an_edit_and_refuses_a_stale_one(env: Path) -> None:
    at = page("review.py", **{"review-source": SEED_ID})
    key = f"review-editor-{SEED_ID}-" + at.session_state["review-snapshot"].digest[:12]
    assert len(editor(at, key)) == 15
    edit(at, key, {0: {"status": "rejected"}})
    click(at, "review-save")
    assert at.success and not at.error
    assert load_models(env)[0].claims[SEED_ID][0].status == "rejected"

    key = f"review-editor-{SEED_ID}-" + at.session_state["review-snapshot"].digest[:12]
    edit(at, key, {1: {"subject": "Edited in this tab"}})
    # Meanwhile, the command line (or another tab) saves.
    set_status(env, [load_models(env)[0].claims[SEED_ID][2].id], "rejected")
    before = (env / "claims" / f"{SEED_ID}.yaml").read_bytes()
    click(at, "review-save")
    assert at.error and "changed on disk since it was loaded" in at.error[0].value
    assert (env / "claims" / f"{SEED_ID}.yaml").read_bytes() == before


def test_review_offers_the_data_package(env: Path) -> None:
    at = page("review.py")
    labels = [b.label for b in at.get("download_button")]
    assert any("Data Package" in label for label in labels), labels
