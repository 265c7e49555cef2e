"""End to end in real headless Chromium: filter by category, see the bars change, download.

Needs /usr/bin/chromium (Debian ``chromium``); skipped with a reason without
it, and mandatory under ``.ci/run`` (DASHBOARD_REQUIRE_BROWSER=1).  Playwright
drives that system browser; no browser is ever fetched.
"""

from __future__ import annotations

import csv
import io
import struct
from pathlib import Path

import pytest

from tests.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHART = "[data-testid='stPlotlyChart'] .js-plotly-plot"
TIMEOUT = 60_000


def bar_labels(page) -> list[str]:
    """The y labels of every trace of the first Plotly chart, from plotly.js itself."""
    return page.evaluate(
        f'() => document.querySelector("{CHART}").data.flatMap(t => Array.from(t.y))'
    )


def download(page, label: str, folder: Path) -> Path:
    with page.expect_download(timeout=TIMEOUT) as info:
        page.locator("[data-testid='stDownloadButton'] button", has_text=label).first.click()
    target = folder / info.value.suggested_filename
    info.value.save_as(target)
    return target


def test_filter_download_and_screenshot(dashboard_server: str, browser_page, tmp_path) -> None:
    page = browser_page
    # The first request of a fresh Streamlit server must be "/": at a page's URL it would
    # run that page alone, in pre-st.navigation mode (see dashboard.py).
    page.goto(dashboard_server, timeout=TIMEOUT)
    page.wait_for_selector("h1", timeout=TIMEOUT)
    page.goto(f"{dashboard_server}/explore?unit=Population of China", timeout=TIMEOUT)
    page.wait_for_selector(CHART, timeout=TIMEOUT)
    page.wait_for_function(
        f'() => document.querySelector("{CHART}").data?.length > 0', timeout=TIMEOUT
    )
    assert bar_labels(page) == ["Population of China"]  # one metric a chart

    category = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first
    category.click()
    page.get_by_role("option", name="Events").click()
    page.keyboard.press("Escape")
    page.wait_for_function(
        f'() => !Array.from(document.querySelector("{CHART}").data.flatMap(t => t.y))'
        ".includes('Population of China')",
        timeout=TIMEOUT,
    )
    after = bar_labels(page)
    assert after == ["Attendees of the Wuzhen Summit"]
    assert "category=Events" in page.url

    png = download(page, "PNG", tmp_path)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width == 1000 and height > 200

    table = download(page, "CSV", tmp_path)
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    assert rows and {r["category"] for r in rows} == {"events"}
    assert all(r["attribution"] == "China Daily, 2015-12-20" for r in rows)

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "explore-events.png").write_bytes(data)
    page.screenshot(path=str(ARTIFACTS / "explore.png"), full_page=True)
    pages = [
        ("", "metric"),
        ("/overview", "overview"),
        ("/sources", "sources"),
        ("/checks", "checks"),
    ]
    for path, name in pages:
        page.goto(f"{dashboard_server}{path}?category=Events", timeout=TIMEOUT)
        page.wait_for_selector("[data-testid='stSidebar'] [data-testid='stMultiSelect']")
        page.wait_for_selector("h1", timeout=TIMEOUT)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        assert page.locator("[data-testid='stPageLink']").count() >= 5
    assert not page.locator("[data-testid='stException']").count()


@pytest.mark.parametrize("width", [1280, 1400, 1920])
def test_headline_figures_are_never_cut(dashboard_server: str, browser_page, width: int) -> None:
    """Each card's figure shows whole ("≈CN¥7.85 trillion", not "≈CN¥7.85 tril…") in common
    window widths: cards keep one width and wrap onto as many rows as needed."""
    page = browser_page
    page.set_viewport_size({"width": width, "height": 1000})
    page.goto(dashboard_server, timeout=TIMEOUT)  # "/" first: see dashboard_server
    page.wait_for_selector("h1", timeout=TIMEOUT)
    page.goto(f"{dashboard_server}/overview", timeout=TIMEOUT)
    page.wait_for_selector("[data-testid='stMetricValue']", timeout=TIMEOUT)
    page.wait_for_timeout(1000)
    cut = page.evaluate(
        """() => Array.from(document.querySelectorAll("[data-testid='stMetricValue']"))
            .flatMap(v => [v, ...v.querySelectorAll('*')])
            .filter(e => e.scrollWidth > e.clientWidth + 1)
            .map(e => e.textContent)"""
    )
    assert page.locator("[data-testid='stMetricValue']").count() >= 5
    assert cut == []


def test_metric_page_and_filters_across_pages(
    official: Path, dashboard_server: str, browser_page
) -> None:
    """China's Internet users: CNNIC's line, the article's 670 million with its deviation on
    hover; then a filter picked in the sidebar stays in the URL and the widget on Explore."""
    page = browser_page
    page.goto(dashboard_server, timeout=TIMEOUT)  # the Metric page is the first
    page.get_by_role("heading", name="Metrics: the news beside the official figures").wait_for(
        timeout=TIMEOUT
    )
    page.goto(f"{dashboard_server}/?metric=cn-internet-users", timeout=TIMEOUT)
    page.wait_for_function(
        f'() => document.querySelector("{CHART}")?.data?.length === 2', timeout=TIMEOUT
    )
    traces = page.evaluate(
        f'() => document.querySelector("{CHART}").data'
        ".map(t => ({name: t.name, mode: t.mode, y: Array.from(t.y)}))"
    )
    assert traces == [
        {"name": "Official (CNNIC)", "mode": "lines+markers", "y": [649e6, 668e6, 688e6]},
        {"name": "Reported in the news", "mode": "markers", "y": [670e6]},
    ]
    assert page.get_by_text("Internet users in China, in Internet users").count()
    # hover the reported point through plotly.js itself (by trace and point, not by pixels)
    page.evaluate(
        f'() => Plotly.Fx.hover(document.querySelector("{CHART}"),'
        " [{curveNumber: 1, pointNumber: 0}])"
    )
    hover = page.locator(".hoverlayer .hovertext").first
    hover.wait_for(timeout=TIMEOUT)
    text = hover.text_content()
    assert "670 million" in text
    assert "-2.6% from the official 688 million (2015-12-31): understated" in text
    assert "China Daily, 2015-12-20, in the 9th paragraph" in text

    category = page.get_by_role("combobox", name="Category")
    category.click()
    page.get_by_role("option", name="Users").click()
    page.keyboard.press("Escape")
    page.wait_for_url("**category=Users**", timeout=TIMEOUT)
    page.get_by_role("link", name="Explore").click()
    page.get_by_role("heading", name="Explore the figures").wait_for(timeout=TIMEOUT)
    page.wait_for_url("**/explore?**category=Users**", timeout=TIMEOUT)
    sidebar = page.get_by_test_id("stSidebar")
    assert sidebar.get_by_text("Users", exact=True).count() == 1  # the filter's chip
    assert not page.get_by_test_id("stException").count()
