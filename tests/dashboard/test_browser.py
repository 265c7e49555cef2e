"""End to end in real headless Chromium: filter by category, see the bars change, download.

Needs /usr/bin/chromium (Debian ``chromium``); skipped with a reason without
it, and mandatory under ``.ci/run`` (DASHBOARD_REQUIRE_BROWSER=1).  Never runs
``playwright install``: the system browser is used.
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
    page.goto(f"{dashboard_server}/explore?unit=people", timeout=TIMEOUT)
    page.wait_for_selector(CHART, timeout=TIMEOUT)
    page.wait_for_function(
        f'() => document.querySelector("{CHART}").data?.length > 0', timeout=TIMEOUT
    )
    before = bar_labels(page)
    assert "Population of China" in before and "Attendees of the Wuzhen Summit" in before

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
    for path, name in [("", "overview"), ("/sources", "sources"), ("/checks", "checks")]:
        page.goto(f"{dashboard_server}{path}?category=Events", timeout=TIMEOUT)
        page.wait_for_selector("[data-testid='stSidebar'] [data-testid='stMultiSelect']")
        page.wait_for_selector("h1", timeout=TIMEOUT)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        assert page.locator("[data-testid='stPageLink']").count() >= 5
    assert not page.locator("[data-testid='stException']").count()


@pytest.mark.parametrize("width", [1280, 1400, 1920])
def test_headline_figures_are_never_cut(dashboard_server: str, browser_page, width: int) -> None:
    """Each card's figure shows whole ("≈¥7.85 trillion", not "≈¥7.85 tril…") in common
    window widths: cards keep one width and wrap onto as many rows as needed."""
    page = browser_page
    page.set_viewport_size({"width": width, "height": 1000})
    page.goto(dashboard_server, timeout=TIMEOUT)
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
