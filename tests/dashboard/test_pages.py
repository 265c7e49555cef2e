"""AppTest of every page: renders, filters change the chart's data, URLs pre-select filters.

Pages are run as files of their own (they build the shared sidebar
themselves then): in Streamlit 1.67, AppTest drops the sidebar of an
``st.navigation`` app after its first run, so filter interactions are
tested page by page, and ``dashboard.py`` itself for rendering every page.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dataset import load_dataset
from dataset.paths import ENV_VAR
from tests.conftest import ROOT, SEED_ID

PAGES = [
    "pages/overview.py",
    "pages/explore.py",
    "pages/sources.py",
    "pages/checks.py",
    "pages/problems.py",
]


@pytest.fixture
def app(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Run a page (or dashboard.py) on a private copy of the data, with query params."""
    monkeypatch.setenv(ENV_VAR, str(data_copy))

    def run(page: str, **query: str | list[str]) -> AppTest:
        at = AppTest.from_file(str(ROOT / page), default_timeout=60)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        assert not at.exception, at.exception
        return at

    return run


def chart(at: AppTest, index: int = 0) -> dict:
    """The figure of a plotly_chart element, as Plotly JSON."""
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def bars(at: AppTest) -> dict[str, float]:
    """Explore's bar chart: label -> value."""
    return {
        y: x for trace in chart(at)["data"] for y, x in zip(trace["y"], trace["x"], strict=True)
    }


def counts(at: AppTest) -> dict[str, int]:
    """Overview's figures-per-category chart: category label -> count."""
    trace = chart(at)["data"][0]
    return dict(zip(trace["x"], trace["y"], strict=True))


@pytest.fixture
def seed() -> pd.DataFrame:
    return load_dataset(ROOT / "data").claims


def test_dashboard_renders_every_page(app) -> None:
    at = app("dashboard.py")
    assert len(at.metric) >= 5
    assert len(at.sidebar.multiselect) == 6
    for page in PAGES[1:]:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        assert at.title[0].value


@pytest.mark.parametrize("page", PAGES)
def test_page_renders(app, page: str) -> None:
    at = app(page)
    assert at.title and at.title[0].value
    assert [m.key for m in at.sidebar.multiselect] == [
        "category",
        "source",
        "entity",
        "kind",
        "qualifier",
        "status",
    ]
    assert at.multiselect(key="status").value == ["approved"]


# (widget key, options picked as shown, the claims column, the values they stand for)
FILTER_CASES = [
    ("category", ["Events"], "category", ["events"]),
    ("category", ["Users", "Economy"], "category", ["users", "economy"]),
    ("kind", ["money"], "kind", ["money"]),
    ("qualifier", ["more than"], "qualifier", ["more_than"]),
    ("entity", ["China"], "entity", ["China"]),
    ("source", [SEED_ID], "source", [SEED_ID]),
]


@pytest.mark.parametrize(("key", "picked", "column", "values"), FILTER_CASES)
def test_each_filter_changes_the_overview_chart(app, seed, key, picked, column, values) -> None:
    at = app("pages/overview.py")
    before = counts(at)
    at.multiselect(key=key).set_value(picked).run()
    assert not at.exception
    kept = seed[seed[column].astype("object").isin(values) & (seed["status"] == "approved")]
    labels = load_dataset(ROOT / "data").categories.set_index("id")["label"]
    expected = kept["category"].astype("object").map(labels).value_counts().to_dict()
    assert counts(at) == expected
    assert sum(before.values()) == int((seed["status"] == "approved").sum())


@pytest.mark.parametrize(("key", "picked", "column", "values"), FILTER_CASES)
def test_each_filter_changes_the_explore_chart(app, seed, key, picked, column, values) -> None:
    at = app("pages/explore.py")
    at.multiselect(key=key).set_value(picked).run()
    assert not at.exception
    unit = at.selectbox(key="unit").value
    kept = seed[seed[column].astype("object").isin(values) & (seed["status"] == "approved")]
    from charts.figures import unit_groups

    in_unit = kept[unit_groups(kept) == unit]
    assert sorted(bars(at).values()) == sorted(in_unit["value"])


def test_status_filter_candidate_shows_nothing_for_the_seed(app) -> None:
    at = app("pages/overview.py")
    at.multiselect(key="status").set_value(["candidate"]).run()
    assert not at.get("plotly_chart")
    assert "No figures match" in at.info[0].value


def test_clear_all_resets_filters(app) -> None:
    at = app("pages/overview.py")
    at.multiselect(key="category").set_value(["Events"]).run()
    at.multiselect(key="status").set_value(["approved", "candidate"]).run()
    at.button[0].click().run()
    assert at.multiselect(key="category").value == []
    assert at.multiselect(key="status").value == ["approved"]
    assert len(counts(at)) > 1


@pytest.mark.parametrize(
    ("query", "key", "expected"),
    [
        ({"category": "Events"}, "category", ["events"]),
        ({"category": ["Users", "E-commerce"]}, "category", ["users", "e-commerce"]),
        ({"kind": "percent"}, "kind", ["percent"]),
        ({"status": ["approved", "candidate"]}, "status", ["candidate", "approved"]),
    ],
)
def test_query_params_preselect_filters(app, query, key, expected) -> None:
    at = app("pages/overview.py", **query)
    assert sorted(at.multiselect(key=key).value) == sorted(expected)


def test_query_params_preselect_unit_log_and_currency(app) -> None:
    at = app("pages/explore.py", unit="USD", currency="USD", log="true")
    assert at.selectbox(key="unit").value == "USD"
    assert at.toggle(key="log").value is True
    figure = chart(at)
    assert figure["layout"]["xaxis"]["type"] == "log"
    values = sorted(bars(at).values())
    # the stated $455 billion, and ¥7.85 trillion at the rate that conversion implies
    assert values == pytest.approx(sorted([455e9, 7.85e12 * 455e9 / 2.95e12]))
    assert "converted at the rates stated" in figure["layout"]["xaxis"]["title"]["text"]


def test_explore_hover_carries_quote_and_source(app) -> None:
    at = app("pages/explore.py", category="E-commerce")
    trace = chart(at)["data"][0]
    figure, quote, source, offsets, _ = trace["customdata"][0]
    assert figure == "¥2.95 trillion"
    assert "online retailers made 2.95 trillion yuan" in quote
    assert source == "China Daily, 2015-12-20"
    assert offsets == "4510–4528"
    table = at.dataframe[0].value
    assert {"quote", "source", "start", "end", "figure"} <= set(table.columns)


def test_overview_cards_are_written_for_people(app) -> None:
    at = app("pages/overview.py")
    values = {m.value for m in at.metric}
    assert {"670 million", "¥2.95 trillion", "7%", ">4.13 million", "≈¥7.85 trillion"} <= values
    captions = " ".join(c.value for c in at.caption).replace("\\", "")
    assert "China Daily, 2015-12-20" in captions
    assert "more than 4.13 million websites" in captions
    assert "about ¥7.85 trillion" in captions
    subjects = [m.value.replace("\\", "") for m in at.markdown]
    assert "**Market value of China's listed Internet companies**" in subjects  # whole
    assert any("Wuzhen" in m.help for m in at.markdown if m.help)  # the quote, on hover


def test_sources_page_marks_every_claim_and_escapes_the_text(app, data_copy: Path) -> None:
    text_file = data_copy / "sources" / f"{SEED_ID}.txt"
    text_file.write_text(
        text_file.read_text(encoding="utf-8") + "\n<script>alert(1)</script><b>bold</b>\n",
        encoding="utf-8",
    )
    at = app("pages/sources.py")
    page = at.get("html")[0].proto.body
    assert page.count("<mark") == 15
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<b>bold" not in page


def test_checks_page_shows_the_arithmetic(app) -> None:
    at = app("pages/checks.py")
    table = at.dataframe[0].value
    results = set(table["result"])
    assert {"6.48 CNY per USD", "7.09 CNY per EUR", "about 1,000 people"} <= results
    assert any("÷" in a for a in table["arithmetic"])
    assert at.success


def test_problems_are_listed_and_valid_claims_still_show(app, data_copy: Path) -> None:
    claims_file = data_copy / "claims" / f"{SEED_ID}.yaml"
    text = claims_file.read_text(encoding="utf-8")
    claims_file.write_text(text.replace("value: 8.0", "value: eight", 1), encoding="utf-8")
    at = app("pages/problems.py")
    listing = at.code[0].value
    assert f"claims/{SEED_ID}.yaml:" in listing and "value" in listing
    at = app("pages/overview.py")
    assert sum(counts(at).values()) == 14
    assert "problem" in at.expander[0].label


def test_an_edit_under_data_shows_on_the_next_rerun(app, data_copy: Path) -> None:
    at = app("pages/overview.py")
    assert counts(at)["Population"] == 1
    claims_file = data_copy / "claims" / f"{SEED_ID}.yaml"
    text = claims_file.read_text(encoding="utf-8")
    marker = "  span: [1740, 1751]"
    head, tail = text.split(marker)
    head = (
        head[: head.rindex("status: approved")]
        + "status: rejected"
        + head[head.rindex("status: approved") + len("status: approved") :]
    )
    claims_file.write_text(head + marker + tail, encoding="utf-8")
    at.run()
    assert "Population" not in counts(at)


def test_download_buttons_do_not_rerun(app) -> None:
    at = app("pages/explore.py")
    keys = {b.key for b in at.get("download_button")}
    assert {"explore-png", "explore-svg", "explore-html", "explore-csv", "explore-json"} <= keys
    for button in at.get("download_button"):
        assert button.proto.ignore_rerun


def test_without_chromium_png_svg_explain_and_the_rest_works(app, monkeypatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    at = app("pages/explore.py")
    buttons = {b.key: b for b in at.get("download_button")}
    assert buttons["explore-png"].proto.disabled and buttons["explore-svg"].proto.disabled
    assert not buttons["explore-html"].proto.disabled
    assert not buttons["explore-csv"].proto.disabled
    assert "apt-get install chromium" in at.info[0].value


def test_checks_page_lists_what_is_flagged_first(app, data_copy: Path) -> None:
    claims_file = data_copy / "claims" / f"{SEED_ID}.yaml"
    text = claims_file.read_text(encoding="utf-8")
    assert text.count("value: 25.0") == 1  # "about one-fourth of the global total"
    # A share of 250 percent, written so in the text too: validation refuses a value its
    # span does not say, so the figure and its quote change together (same length: the
    # other spans stay where they are).
    claims_file.write_text(
        text.replace("value: 25.0", "value: 250.0").replace("one-fourth", "250percent"),
        encoding="utf-8",
    )
    source_text = data_copy / "sources" / f"{SEED_ID}.txt"
    article = source_text.read_text(encoding="utf-8")
    assert article.count("one-fourth") == 1
    source_text.write_text(article.replace("one-fourth", "250percent"), encoding="utf-8")
    at = app("pages/checks.py")
    assert at.warning[0].value.startswith("1 check(s) look inconsistent")
    assert "outside 0–100%" in at.markdown[0].value
    table = at.dataframe[0].value
    assert table["status"].tolist()[0] == "FLAGGED"
    assert (table["status"] == "FLAGGED").sum() == 1
    assert "6.48 CNY per USD" in set(table["result"])
