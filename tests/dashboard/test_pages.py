"""AppTest of every page: renders, filters change the chart's data, URLs pre-select filters.

Pages are run as files of their own (they build the shared sidebar
themselves then): in Streamlit 1.67, AppTest drops the sidebar of an
``st.navigation`` app after its first run, so filter interactions are
tested page by page, and ``dashboard.py`` itself for rendering every page.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dataset import load_dataset
from dataset.paths import ENV_VAR
from tests.conftest import DATA, ROOT, SEED_ID

PAGES = [
    "pages/metric.py",
    "pages/overview.py",
    "pages/explore.py",
    "pages/sources.py",
    "pages/checks.py",
    "pages/problems.py",
]


def _runner(data: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Run a page (or dashboard.py) on ``data``, with query params."""
    monkeypatch.setenv(ENV_VAR, str(data))

    def run(page: str, **query: str | list[str]) -> AppTest:
        at = AppTest.from_file(str(ROOT / page), default_timeout=60)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        assert not at.exception, at.exception
        return at

    return run


@pytest.fixture
def app(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Pages on a private copy of the data: for the tests that change it."""
    return _runner(data_copy, monkeypatch)


@pytest.fixture(scope="module")
def shared_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the data for the tests that only read it: its store is built once."""
    target = tmp_path_factory.mktemp("shared") / "data"
    shutil.copytree(DATA, target)
    return target


def _contents(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.y*ml"))} | {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.txt"))
    }


@pytest.fixture
def viewer(shared_data: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., AppTest]]:
    """Pages on the shared copy; the test fails if it changed the data (use ``app`` then)."""
    before = _contents(shared_data)
    yield _runner(shared_data, monkeypatch)
    assert _contents(shared_data) == before, "a viewer test changed the shared data"


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


def test_dashboard_renders_every_page(viewer) -> None:
    at = viewer("dashboard.py")
    assert at.title[0].value == "Metrics: the news beside the official figures"  # the first
    assert at.get("plotly_chart")
    assert len(at.sidebar.multiselect) == 6
    for page in PAGES[1:]:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        assert at.title[0].value


@pytest.mark.parametrize("page", PAGES)
def test_page_renders(viewer, page: str) -> None:
    at = viewer(page)
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
def test_each_filter_changes_the_overview_chart(viewer, seed, key, picked, column, values) -> None:
    at = viewer("pages/overview.py")
    before = counts(at)
    at.multiselect(key=key).set_value(picked).run()
    assert not at.exception
    kept = seed[seed[column].astype("object").isin(values) & (seed["status"] == "approved")]
    labels = load_dataset(ROOT / "data").categories.set_index("id")["label"]
    expected = kept["category"].astype("object").map(labels).value_counts().to_dict()
    if len(expected) >= 2 and len(kept) >= 3:
        assert counts(at) == expected
    else:  # one bar, or bars of one figure each, compare nothing: the cards say it all
        assert not at.get("plotly_chart")
        assert at.metric  # the cards
    assert sum(before.values()) == int((seed["status"] == "approved").sum())


@pytest.mark.parametrize(
    ("query", "bars"),
    [
        ({"category": "Events"}, 0),  # one category: no chart
        ({"kind": "money"}, 0),  # two figures in two categories: no chart either
        ({"category": ["Users", "Events"]}, 2),
    ],
)
def test_a_small_overview_draws_no_giant_bar(viewer, query, bars: int) -> None:
    at = viewer("pages/overview.py", **query)
    assert len(counts(at)) == bars if bars else not at.get("plotly_chart")
    if not bars:  # the cards show one headline a category, and the caption says so
        assert any("headline figure" in c.value for c in at.caption)


@pytest.mark.parametrize(("key", "picked", "column", "values"), FILTER_CASES)
def test_each_filter_changes_the_explore_chart(viewer, seed, key, picked, column, values) -> None:
    at = viewer("pages/explore.py")
    at.multiselect(key=key).set_value(picked).run()
    assert not at.exception
    unit = at.selectbox(key="unit").value
    kept = seed[seed[column].astype("object").isin(values) & (seed["status"] == "approved")]
    from charts.figures import unit_groups

    in_unit = kept[unit_groups(kept) == unit]
    assert sorted(bars(at).values()) == sorted(in_unit["value"])


def test_status_filter_candidate_shows_nothing_for_the_seed(viewer) -> None:
    at = viewer("pages/overview.py")
    at.multiselect(key="status").set_value(["candidate"]).run()
    assert not at.get("plotly_chart")
    assert "No figures match" in at.info[0].value


def test_clear_all_resets_filters(viewer) -> None:
    at = viewer("pages/overview.py")
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
        ({"category": "users"}, "category", ["users"]),  # the id, as people type it
        ({"category": ["EVENTS", "e-COMMERCE"]}, "category", ["events", "e-commerce"]),
        ({"qualifier": "more_than"}, "qualifier", ["more_than"]),
        ({"qualifier": "More Than"}, "qualifier", ["more_than"]),
    ],
)
def test_query_params_preselect_filters(viewer, query, key, expected) -> None:
    at = viewer("pages/overview.py", **query)
    assert sorted(at.multiselect(key=key).value) == sorted(expected)
    assert not at.sidebar.warning


def test_a_link_value_that_names_nothing_is_said_not_dropped(viewer) -> None:
    at = viewer("pages/overview.py", category=["users", "[cars](javascript:x)"], kind="coins")
    assert at.multiselect(key="category").value == ["users"]
    assert at.multiselect(key="kind").value == []
    (warning,) = at.sidebar.warning
    # shown escaped: the link's words are text, never a Markdown link
    assert r"category\=\[cars\]\(javascript\:x\)" in warning.value
    assert r"kind\=coins" in warning.value


@pytest.mark.parametrize(
    ("typed", "shown", "warned"),
    [
        ([SEED_ID], 15, False),  # an article not listed, typed: applied
        (["no-such-article"], 15, True),  # a typo: said, and everything shown
        ([SEED_ID, "no-such-article"], 15, True),
    ],
)
def test_a_source_typed_beyond_the_listed_ones_is_checked(
    viewer, monkeypatch: pytest.MonkeyPatch, typed: list[str], shown: int, warned: bool
) -> None:
    """Past ``LISTED_AT_MOST`` values the filter lists only those and takes the rest typed
    (here none are listed); what is typed is checked against the dataset's sources."""
    monkeypatch.setattr("analysis.filters.LISTED_AT_MOST", 0)
    at = viewer("pages/overview.py")
    widget = at.multiselect(key="source")
    assert widget.options == [] and widget.placeholder == "All (type any of 1)"
    at = widget.set_value(typed).run()
    assert not at.exception
    assert counts(at) and sum(counts(at).values()) == shown
    assert bool(at.sidebar.warning) == warned
    if warned:
        assert r"source\=no\-such\-article" in at.sidebar.warning[0].value


MARKET_VALUE = "Market value of China's listed Internet companies"


def test_query_params_preselect_unit_and_currency(viewer) -> None:
    at = viewer("pages/explore.py", unit=f"{MARKET_VALUE} (USD)", currency="USD")
    assert (
        at.selectbox(key="unit").value
        == "metric:cn-listed-internet-companies-market-value|level|USD"
    )
    figure = chart(at)
    assert figure["layout"]["xaxis"]["type"] == "linear"  # bars are never log
    assert not at.get("toggle")  # so no log toggle is offered
    # CN¥7.85 trillion at the rate its own article states: CN¥2.95 trillion = $455 billion
    assert sorted(bars(at).values()) == pytest.approx([7.85e12 * 455e9 / 2.95e12])
    assert "USD (market value), converted" in figure["layout"]["xaxis"]["title"]["text"]
    hover = figure["data"][0]["customdata"][0][4]
    assert hover == "Converted: at 0.1542 USD per CNY, the rate the same article states"


def test_money_in_keeps_the_chosen_figures(viewer) -> None:
    at = viewer("pages/explore.py", unit=f"{MARKET_VALUE} (CNY)")
    assert sorted(bars(at).values()) == [7.85e12]
    at.selectbox(key="currency").set_value("EUR").run()
    assert at.selectbox(key="unit").value.endswith("market-value|level|EUR")
    # the article states CN¥2.95 trillion = 416 billion euros
    assert sorted(bars(at).values()) == pytest.approx([7.85e12 * 416e9 / 2.95e12])


def test_explore_never_ranks_levels_with_growth(app, data_copy: Path) -> None:
    claims_file = data_copy / "claims" / f"{SEED_ID}.yaml"
    text = claims_file.read_text(encoding="utf-8")
    # the share of GDP, made growth of the same metric: a chart of its own
    marker = "  value: 7.0\n"
    assert text.count(marker) == 1
    head, tail = text.split(marker)
    tail = tail.replace("  measure: level\n", "  measure: growth\n", 1)
    claims_file.write_text(head + marker + tail, encoding="utf-8")
    at = app("pages/explore.py")
    options = at.selectbox(key="unit").options
    growth = "Internet economy's share of China's GDP: growth (percent)"
    assert growth in options
    at.selectbox(key="unit").set_value("metric:cn-internet-economy-share-of-gdp|growth|").run()
    assert list(bars(at).values()) == [7.0]
    assert chart(at)["layout"]["xaxis"]["title"]["text"] == "percent change"


def test_overview_cards_are_written_for_people(viewer) -> None:
    at = viewer("pages/overview.py")
    values = {m.value for m in at.metric}
    assert {"670 million", "CN¥2.95 trillion", "7%", ">4.13 million", "≈CN¥7.85 trillion"} <= values
    captions = " ".join(c.value for c in at.caption).replace("\\", "")
    assert "China Daily, 2015-12-20" in captions
    assert "more than 4.13 million websites" in captions
    assert "about CN¥7.85 trillion" in captions
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


def test_checks_page_shows_the_arithmetic(viewer) -> None:
    at = viewer("pages/checks.py")
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


def test_download_buttons_do_not_rerun(viewer) -> None:
    at = viewer("pages/explore.py")
    keys = {b.key for b in at.get("download_button")}
    assert {"explore-png", "explore-svg", "explore-html", "explore-csv", "explore-json"} <= keys
    for button in at.get("download_button"):
        assert button.proto.ignore_rerun


def test_without_chromium_png_svg_explain_and_the_rest_works(viewer, monkeypatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    at = viewer("pages/explore.py")
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


def test_metric_page_draws_the_official_line_and_the_reported_point(app, official) -> None:
    at = app("pages/metric.py", metric="cn-internet-users")
    assert at.selectbox(key="metric").value == "cn-internet-users"
    figure = chart(at)
    line, point = figure["data"]
    assert line["mode"] == "lines+markers" and line["name"] == "Official (CNNIC)"
    assert line["y"] == [649e6, 668e6, 688e6]
    assert point["mode"] == "markers" and point["y"] == [670e6]
    assert point["x"] == ["2015-12-20"]
    assert figure["layout"]["yaxis"]["range"][0] == 0
    assert figure["layout"]["title"]["text"] == "Internet users in China, in Internet users"
    source = figure["layout"]["annotations"][0]["text"]
    assert source == "Reported: China Daily, 2015-12-20. Official: CNNIC."
    # 2015-12-20 meets the official figure of 2015-12-31, 11 days on (within a month):
    # 670 / 688 - 1 = -2.6%, beyond the step of "670 million" (665 to 675 million)
    hover = point["customdata"][0]
    assert hover[0] == "670 million"
    assert hover[5] == "-2.6% from the official 688 million (2015-12-31): understated"
    table = at.dataframe[0].value
    assert table["deviation"].tolist() == pytest.approx([(670 / 688 - 1) * 100])
    assert table["verdict"].tolist() == ["understated"]
    assert table["where"].tolist() == ["in the 9th paragraph"]


@pytest.mark.parametrize(
    ("query", "chosen", "y_range"),
    [
        ({"metric": "cn-share-of-global-internet-users"}, "cn-share-of-global-internet-users",
         [0, 100]),
        ({"metric": "no-such-metric"}, "cn-internet-users", None),  # the default instead
        ({}, "cn-internet-users", None),
    ],
)  # fmt: skip
def test_metric_is_picked_from_the_url(app, official, query, chosen, y_range) -> None:
    at = app("pages/metric.py", **query)
    assert at.selectbox(key="metric").value == chosen
    assert at.query_params["metric"] == chosen
    if y_range:
        assert chart(at)["layout"]["yaxis"]["range"] == y_range


def test_metric_page_downloads_carry_title_unit_and_sources(app, official) -> None:
    at = app("pages/metric.py", metric="cn-online-retail-sales")
    keys = {b.key for b in at.get("download_button")}
    assert {"metric-png", "metric-svg", "metric-html"} <= keys
    layout = chart(at)["layout"]
    assert layout["title"]["text"] == (
        "Online retail sales in China, year to date, in CNY (online retail sales)"
    )
    assert layout["yaxis"]["title"]["text"] == "CNY (online retail sales)"
    assert layout["annotations"][0]["text"].startswith("Reported: China Daily, 2015-12-20.")


def test_filters_survive_a_page_switch(viewer) -> None:
    at = viewer("dashboard.py", category="Events")
    assert at.multiselect(key="category").value == ["events"]
    at.switch_page("pages/explore.py").run()
    assert not at.exception
    # AppTest drops an st.navigation viewer's sidebar after the first run (see the module's
    # docstring), so the filter shows in what the page draws: events only
    unit = at.selectbox(key="unit")
    assert unit.value.startswith("metric:wic-")
    assert all("World Internet Conference" in label for label in unit.options)
    at.switch_page("pages/overview.py").run()
    assert {m.value for m in at.metric} == {">2,000"}


@pytest.mark.parametrize(("linked", "warned"), [(SEED_ID, False), ("no-such-article", True)])
def test_an_article_beyond_the_listed_ones_opens_or_is_said_missing(
    viewer, monkeypatch: pytest.MonkeyPatch, linked: str, warned: bool
) -> None:
    """Past ``LISTED_AT_MOST`` articles (here: one listed, whatever the limit) the list
    takes an id typed or linked; a wrong one is said, and the first article shown."""
    monkeypatch.setattr("analysis.filters.LISTED_AT_MOST", 0)
    at = viewer("pages/sources.py", article=linked)
    assert not at.exception
    assert at.selectbox(key="article").options == [f"China Daily, 2015-12-20 · {SEED_ID}"]
    assert bool(at.warning) == warned
    assert at.subheader[0].value == "Cyberspace a frontier for global cooperation"


def test_sources_opens_an_article_by_id_and_shows_a_linked_figure(viewer) -> None:
    claim = f"{SEED_ID}-internet-users"
    at = viewer("pages/sources.py", source=SEED_ID, claim=claim)
    assert at.selectbox(key="article").value == SEED_ID
    assert at.markdown[0].value.replace("\\", "") == (
        "“670 million” (Internet users in China) is in the 9th paragraph:"
    )
    excerpt, article = (h.proto.body for h in at.get("html"))
    assert excerpt.count("<mark") == 1 and f'id="claim-{claim}"' in excerpt
    assert excerpt.count("\n\n") == 0  # the paragraph alone
    assert f'id="claim-{claim}"' in article  # every figure has its anchor
    assert article.count("<mark id=") == 15
    assert "serif" not in article  # the viewer's own type family


def add_usd_article(root: Path) -> str:
    """An article of 2024-08-04 with a dollar figure and no conversion of its own."""
    import datetime as dt

    from curation.writes import add_source
    from dataset.schema import Claim, Source

    text = "Headline\n\nThe retailer's revenue reached $5 billion in July, it said.\n"
    source = Source(id="wire-2024-08-04-revenue", title="Revenue", publisher="Wire",
                    published=dt.date(2024, 8, 4))  # fmt: skip
    start = text.index("$5 billion")
    claim = Claim(id="wire-2024-08-04-revenue-1", source=source.id, status="approved",
                  quote=text.split("\n\n")[1].strip(), span=(start, start + 10), value=5e9,
                  kind="money", currency="USD", unit="revenue", subject="Retailer revenue",
                  period={"as_of": "2024-07-31"}, category="e-commerce")  # fmt: skip
    ident, problems = add_source(root, source, text, [claim])
    assert problems == [] and ident is not None
    return ident


def test_money_in_uses_the_ecb_rate_of_the_figures_date(app, data_copy: Path) -> None:
    add_usd_article(data_copy)
    at = app("pages/explore.py", currency="CNY", unit="CNY")
    # ECB reference rates of 2024-07-31, read by hand: 1.0828 USD and 7.8194 CNY a euro;
    # never the 2015 article's own rate (6.48 yuan a dollar)
    assert list(bars(at).values()) == pytest.approx([5e9 * 7.8194 / 1.0828])
    figure = chart(at)
    hover = figure["data"][0]["customdata"][0][4]
    assert hover == "Converted: at 7.221 CNY per USD, the ECB reference rate of 2024-07-31"
    notes = [a["text"] for a in figure["layout"]["annotations"]]
    assert notes[1].startswith("Money converted at the European Central Bank's reference rates")


def test_metric_page_puts_growth_on_a_chart_of_its_own(app, data_copy: Path) -> None:
    claims_file = data_copy / "claims" / f"{SEED_ID}.yaml"
    text = claims_file.read_text(encoding="utf-8")
    head, tail = text.split("  value: 7.0\n")
    claims_file.write_text(
        head + "  value: 7.0\n" + tail.replace("  measure: level\n", "  measure: growth\n", 1),
        encoding="utf-8",
    )
    at = app("pages/metric.py", metric="cn-internet-economy-share-of-gdp")
    level, growth = (json.loads(c.proto.spec) for c in at.get("plotly_chart"))
    assert all(7.0 not in t["y"] for t in level["data"])
    assert growth["data"][0]["y"] == [7.0]
    assert growth["layout"]["yaxis"]["title"]["text"] == "percent change"
    assert [s.value for s in at.subheader] == ["Growth reported"]


def reported(source: int, years: list[str]) -> dict:
    """One article's spec for ``tests.dataset.test_store.write_dataset``: Internet users in
    China, one figure a year given, approved."""
    claim = {
        "kind": "count", "category": "users", "metric": None, "status": "approved",
        "unit": "Internet users", "subject": "Users", "entity": "China",
        "measure": "level", "off_span": False, "broken": 1, "converted": False,
    }  # fmt: skip
    claims = [{**claim, "id": source * 10 + j, "year": year} for j, year in enumerate(years)]
    return {"claims": claims, "has_source": 1, "day": source}


def test_explore_draws_three_figures_a_date_and_says_so(
    app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.dataset.test_store import write_dataset

    root = tmp_path / "many"
    # 2015: five figures from two articles (three drawn); 2014: two (both drawn)
    write_dataset(
        root, [reported(0, ["2015", "2015", "2015", "2014"]), reported(1, ["2015"] * 2 + ["2014"])]
    )
    monkeypatch.setenv(ENV_VAR, str(root))
    at = app("pages/explore.py")
    assert any("Drawn: 5 of 7 figures" in c.value for c in at.caption)
    points = chart(at, 1)["data"][0]
    assert sorted(points["x"]) == ["2014", "2014", "2015", "2015", "2015"]
    table = at.dataframe[0].value
    assert sorted(table["figures that date"]) == [2, 2, 5, 5, 5]
    assert all(
        "One of 5 figures" in row[2]
        for row, x in zip(points["customdata"], points["x"], strict=True)
        if x == "2015"
    )
