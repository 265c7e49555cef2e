"""Batch candidates beside the curated data: shown unreviewed, promoted into the YAML.

The batch output is written here as ``python -m extractors batch`` writes it
(``claims/part-*.parquet``, ``sources/part-*.parquet``, ``manifest.json`` naming
the corpus), from an article of our own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.query import BATCH_STATUS
from curation.promote import promote
from dataset import load_dataset
from dataset.paths import ENV_VAR
from pages.common import CANDIDATES_ENV
from tests.conftest import ROOT, SEED_ID

ARTICLE = (
    "The harbour town counted 12 million visitors last year. "
    "Ferry tickets brought in 3 billion yuan, the council said."
)
SEED_TEXT_FIGURE = "670 million"  # in the seed article: a candidate of a curated source


def row(ident: str, source: str, quote: str, figure: str, text: str, **more) -> dict:
    start = text.index(figure)
    return {
        "id": ident,
        "source": source,
        "status": "candidate",
        "quote": quote,
        "start": start,
        "end": start + len(figure),
        "value": 12e6,
        "kind": "count",
        "unit": "visitors",
        "currency": None,
        "qualifier": "exact",
        "low": None,
        "high": None,
        "measure": "level",
        "base_period": None,
        "metric": None,
        "subject": "Visitors to the harbour town",
        "entity": None,
        "period_as_of": "2023",
        "period_start": None,
        "period_end": None,
        "date": "2023",
        "category": "users",
        "attributed_to": None,
        "equivalents": "[]",
        "note": None,
        **more,
    }


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus.jsonl"
    article = {"id": "Harbour Post/2024/Visitors", "title": "Visitors", "text": ARTICLE}
    corpus.write_text(json.dumps(article) + "\n", encoding="utf-8")
    out = tmp_path / "batch"
    (out / "claims").mkdir(parents=True)
    (out / "sources").mkdir()
    seed_text = (ROOT / "data" / "sources" / f"{SEED_ID}.txt").read_text(encoding="utf-8")
    at = seed_text.index(SEED_TEXT_FIGURE)
    seed_quote = seed_text[seed_text.rfind(".", 0, at) + 1 : seed_text.find(".", at) + 1].strip()
    sentence = ARTICLE.split(". ")[0] + "."
    rows = [
        row("harbour-visitors", "harbour-post-2024-visitors", sentence, "12 million", ARTICLE),
        row(
            "harbour-tickets",
            "harbour-post-2024-visitors",
            ARTICLE.split(". ")[1],
            "3 billion yuan",
            ARTICLE,
            kind="money",
            currency="CNY",
            value=3e9,
            unit="ticket sales",
        ),
        row(
            "seed-extra-users",
            SEED_ID,
            seed_quote,
            SEED_TEXT_FIGURE,
            seed_text,
            value=670e6,
            unit="Internet users",
        ),
        row("no-text-claim", "nowhere-source", sentence, "12 million", ARTICLE),
    ]
    pd.DataFrame(rows).to_parquet(out / "claims" / "part-00000.parquet")
    pd.DataFrame(
        {
            "id": ["harbour-post-2024-visitors", SEED_ID],
            "title": ["Visitors", "Seed"],
            "publisher": ["Harbour Post", "China Daily"],
            "published": [pd.Timestamp("2024-01-05").date(), pd.Timestamp("2015-12-20").date()],
            "url": [None, None],
        }
    ).to_parquet(out / "sources" / "part-00000.parquet")
    files = [{"path": str(corpus), "size": corpus.stat().st_size, "mtime_ns": 0}]
    (out / "manifest.json").write_text(json.dumps({"version": 1, "files": files}))
    return out


@pytest.mark.parametrize(
    ("claim_id", "status", "source"),
    [
        ("harbour-visitors", "candidate", "harbour-post-2024-visitors"),  # a new source
        ("harbour-tickets", "approved", "harbour-post-2024-visitors"),
        ("seed-extra-users", "approved", SEED_ID),  # a curated source: added to its file
    ],
)
def test_promote_writes_a_valid_claim(
    data_copy: Path, batch: Path, claim_id: str, status: str, source: str
) -> None:
    written, problems = promote(data_copy, batch, claim_id, status)
    assert (written, problems) == (source, [])
    loaded = load_dataset(data_copy)
    assert loaded.problems == []
    claim = loaded.claims.set_index("id").loc[claim_id]
    assert (claim["status"], claim["source"]) == (status, source)
    text = (data_copy / "sources" / f"{source}.txt").read_text(encoding="utf-8")
    assert text[claim["start"] : claim["end"]] in {"12 million", "3 billion yuan", "670 million"}


@pytest.mark.parametrize(
    ("claim_id", "status", "says"),
    [
        ("no-such-claim", "candidate", "no candidate 'no-such-claim'"),
        ("no-text-claim", "candidate", "is not in the corpus"),
        ("harbour-visitors", "rejected", "expected one of"),
    ],
)
def test_promote_refuses_with_a_reason(
    data_copy: Path, batch: Path, claim_id: str, status: str, says: str
) -> None:
    before = sorted(p.name for p in (data_copy / "claims").iterdir())
    written, problems = promote(data_copy, batch, claim_id, status)
    assert written is None and len(problems) == 1 and says in str(problems[0])
    assert sorted(p.name for p in (data_copy / "claims").iterdir()) == before


def test_promoting_twice_is_refused(data_copy: Path, batch: Path) -> None:
    assert promote(data_copy, batch, "seed-extra-users", "approved")[1] == []
    written, problems = promote(data_copy, batch, "seed-extra-users", "approved")
    assert written is None and "in the dataset already" in str(problems[0])


@pytest.fixture
def page(data_copy: Path, batch: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv(ENV_VAR, str(data_copy))
    monkeypatch.setenv(CANDIDATES_ENV, str(batch))
    at = AppTest.from_file(str(ROOT / "pages" / "candidates.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def test_the_candidates_page_marks_them_unreviewed(page: AppTest) -> None:
    assert "4 figures found by the extractors" in page.warning[0].value
    assert "not reviewed by anyone" in page.warning[0].value
    table = page.dataframe[0].value
    assert list(table["status"]) == [BATCH_STATUS] * 4
    assert list(table["id"])[:2] == ["harbour-visitors", "harbour-tickets"]


def test_promote_button_writes_and_the_candidate_leaves_the_list(
    page: AppTest, data_copy: Path
) -> None:
    page.selectbox(key="promote-id").set_value("harbour-visitors")
    page.radio(key="promote-status").set_value("approved").run()
    page.button(key="promote").click().run()
    assert not page.exception, page.exception
    assert "harbour-visitors written to harbour-post-2024-visitors" in page.success[0].value
    assert "3 figures found" in page.warning[0].value  # promoted: curated now, not a candidate
    claims = load_dataset(data_copy).claims
    assert claims.set_index("id").loc["harbour-visitors", "status"] == "approved"


def test_other_pages_show_batch_candidates_only_when_asked(
    data_copy: Path, batch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, str(data_copy))
    monkeypatch.setenv(CANDIDATES_ENV, str(batch))
    at = AppTest.from_file(str(ROOT / "pages" / "overview.py"), default_timeout=60)
    at.run()
    assert at.caption[0].value.startswith("15 figures")  # approved only: no batch candidate
    at.multiselect(key="status").set_value([BATCH_STATUS]).run()
    assert not at.exception, at.exception
    assert at.caption[0].value.startswith("4 figures from 3 article(s)")


def test_without_a_batch_output_the_page_says_how_to_open_one(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, str(data_copy))
    monkeypatch.delenv(CANDIDATES_ENV, raising=False)
    at = AppTest.from_file(str(ROOT / "pages" / "candidates.py"), default_timeout=60)
    at.run()
    assert not at.exception and "--candidates DIR" in at.info[0].value


@pytest.fixture
def batch_env(batch: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The batch output named in the environment the served app inherits."""
    monkeypatch.setenv(CANDIDATES_ENV, str(batch))
    return batch


@pytest.mark.browser
@pytest.mark.slow
def test_candidates_in_the_browser(batch_env: Path, dashboard_server: str, browser_page) -> None:
    page = browser_page
    page.goto(dashboard_server, timeout=60_000)  # "/" first: see conftest.dashboard_server
    page.wait_for_selector("h1", timeout=60_000)
    page.goto(f"{dashboard_server}/candidates", timeout=60_000)
    page.get_by_text("not reviewed by anyone").wait_for(timeout=60_000)
    assert "4 figures found by the extractors" in page.inner_text("[data-testid='stAlert']")
    page.wait_for_selector("[data-testid='stDataFrame']", timeout=60_000)
    picker = page.locator("[data-testid='stSelectbox']").first
    picker.click()
    page.get_by_role("option", name="harbour-visitors").click()
    page.get_by_role("button", name="Promote").click()
    page.get_by_text("harbour-visitors written to harbour-post-2024-visitors").wait_for(
        timeout=60_000
    )
    assert "3 figures found by the extractors" in page.inner_text("body")
