"""The curation pages through AppTest: add an article end to end, review with stale checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
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


# Written for these tests: two figures the seed's metrics describe, one growth rate.
NETIZENS = (
    "China had 710 million Internet users at the end of June 2016, the network "
    "information center said on Wednesday.\n"
    "The number of websites in China rose to 4.54 million.\n"
    "Online retail sales in China grew 28.2 percent from a year earlier.\n"
)


NETIZENS_ID = "zed-wire-2016-08-03-netizens-pass-710-million"


def fill_netizens() -> AppTest:
    at = page("add_article.py")
    at.text_area(key="add-text").input(NETIZENS)
    at.text_input(key="add-title").input("Netizens pass 710 million")
    at.text_input(key="add-publisher").input("Zed Wire")
    at.date_input(key="add-published").set_value(dt.date(2016, 8, 3))
    at.run()
    click(at, "add-extract")
    return at


def row_of(table, figure: str) -> int:
    (index,) = table.index[table["figure"] == figure].tolist()
    return index


def test_candidates_come_with_suggested_metrics_accepted_by_saving(env: Path) -> None:
    at = fill_netizens()
    table = editor(at, "add-editor")
    suggested = dict(zip(table["figure"], table["metric"], strict=True))
    assert suggested["710 million"] == "cn-internet-users"
    assert suggested["4.54 million"] == "cn-websites"
    assert pd.isna(suggested["28.2 percent"])
    click(at, "add-save")
    assert not at.error, [e.value for e in at.error]
    models, problems = load_models(env)
    assert problems == []
    saved = {models.texts[c.source][c.start : c.end]: c for c in models.claims[c_source(models)]}
    assert saved["710 million"].metric == "cn-internet-users"
    assert saved["4.54 million"].metric == "cn-websites"


def c_source(models) -> str:
    (ident,) = [s for s in models.sources if s != SEED_ID]
    return ident


def test_grid_edits_of_kind_measure_metric_and_currency_are_saved(env: Path) -> None:
    at = fill_netizens()
    table = editor(at, "add-editor")
    growth, users = row_of(table, "28.2 percent"), row_of(table, "710 million")
    edit(at, "add-editor", {
        growth: {"status": "approved", "kind": "percent", "measure": "growth",
                 "metric": "cn-online-retail-sales", "base_period": "2015-06",
                 "subject": "Online retail sales in China"},
        users: {"status": "approved", "metric": None, "kind": "money", "currency": "cny",
                "measure": "level"},
    })  # fmt: skip
    assert "2 approved, 0 rejected" in at.caption[-1].value or any(
        "2 approved, 0 rejected" in c.value for c in at.caption
    )
    click(at, "add-save")
    assert not at.error, [e.value for e in at.error]
    models, problems = load_models(env)
    assert problems == []
    saved = {models.texts[c.source][c.start : c.end]: c for c in models.claims[c_source(models)]}
    rate, money = saved["28.2 percent"], saved["710 million"]
    assert (rate.kind, rate.measure, rate.metric) == ("percent", "growth", "cn-online-retail-sales")
    assert rate.base_period.as_of == "2015-06"
    assert (money.kind, money.currency, money.metric) == ("money", "CNY", None)


@pytest.mark.parametrize(
    ("cells", "says"),
    [
        ({"kind": "percent"}, "metric cn-internet-users holds count figures"),
        ({"kind": "money"}, "currency"),
        ({"measure": "growth"}, "growth is a percent change"),
        ({"base_period": "2015"}, "base_period"),
    ],
)
def test_an_invalid_grid_edit_of_a_new_field_is_refused(env: Path, cells, says) -> None:
    at = fill_netizens()
    users = row_of(editor(at, "add-editor"), "710 million")
    edit(at, "add-editor", {users: cells})
    click(at, "add-save")
    assert at.error and says in at.error[0].value.replace("\\", "")
    assert f"claims/{NETIZENS_ID}.yaml" in at.error[0].value.replace("\\", "")
    assert load_models(env)[0].sources.keys() == {SEED_ID}


def test_approve_list_sets_statuses_shown_in_caption_and_quotes(env: Path) -> None:
    at = fill_netizens()
    table = editor(at, "add-editor")
    ids = dict(zip(table["figure"], table["id"], strict=True))
    at.multiselect(key="add-editor-approve").set_value([ids["710 million"], ids["4.54 million"]])
    at.multiselect(key="add-editor-reject").set_value([ids["28.2 percent"]])
    at.run()
    assert any("Save writes: 2 approved, 1 rejected" in c.value for c in at.caption)
    quotes = {h.proto.body for h in at.get("html") if "<mark>" in h.proto.body}
    assert any(f"{ids['28.2 percent']}</code> · rejected" in q for q in quotes), quotes
    # A status set in a cell wins over the lists.
    edit(at, "add-editor", {row_of(table, "710 million"): {"status": "candidate"}})
    assert any("Save writes: 1 approved, 1 rejected" in c.value for c in at.caption)
    click(at, "add-save")
    assert "1 approved, 1 rejected" in at.success[0].value
    # Saved: the form is empty again.
    assert at.text_input(key="add-title").value == ""
    assert at.text_area(key="add-text").value == ""
    assert not [d for d in at.dataframe if d.key == "add-editor"]


def test_review_grid_edits_kind_measure_and_metric(env: Path) -> None:
    at = page("review.py", **{"review-source": SEED_ID})
    key = f"review-editor-{SEED_ID}-" + at.session_state["review-snapshot"].digest[:12]
    table = editor(at, key)
    share = table.index[table["id"] == f"{SEED_ID}-global-share-of-internet-users"][0]
    edit(at, key, {share: {"kind": "percent", "measure": "growth", "base_period": "2014",
                           "metric": "cn-internet-users"}})  # fmt: skip
    click(at, "review-save")
    assert at.success and not at.error, [e.value for e in at.error]
    saved = {c.id: c for c in load_models(env)[0].claims[SEED_ID]}
    edited = saved[f"{SEED_ID}-global-share-of-internet-users"]
    assert (edited.measure, edited.metric, edited.base_period.as_of) == (
        "growth",
        "cn-internet-users",
        "2014",
    )
