"""In real headless Chromium: upload an HTML article, extract, save its claims.

Uses the dashboard's browser fixtures (tests/conftest.py): the system
Chromium, skipped with a reason without it, mandatory with
DASHBOARD_REQUIRE_BROWSER=1.  The uploaded page carries a script and an
``onerror`` image: neither may run or reach the page as markup.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from dataset import load_models
from tests.conftest import ARTIFACTS
from tests.curation.helpers import TABLETS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TIMEOUT = 90_000
SOURCE_ID = "gadget-ledger-2025-02-10-tablet-sales-hold-steady"
STATUS_X, FIRST_ROW_Y = 230, 52
"""Pixels from the grid's top left to the first row's Status cell (1400 px wide window)."""


def approve_first_row(page, tries: int = 4) -> None:
    """Set the first candidate's Status to approved in the grid, until the app reports it.

    The grid is a canvas: its cells are reached by position, and a double click
    that lands while the grid is still laying out opens no editor.  So the edit
    is retried until the caption under the editor (rendered by the server from
    the edited table) counts one approved figure.
    """
    grid = page.locator("[data-testid='stDataFrame']").first
    done = page.get_by_text("As edited, Save writes: 1 approved")
    for _ in range(tries):
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        page.keyboard.press("Escape")
        page.mouse.dblclick(box["x"] + STATUS_X, box["y"] + FIRST_ROW_Y)
        page.keyboard.type("approved")
        page.keyboard.press("Enter")
        try:
            done.wait_for(timeout=10_000)
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"the Status cell was not set to approved after {tries} tries")


def test_upload_html_extract_and_save(dashboard_server: str, browser_page, data_copy: Path):
    page = browser_page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(dashboard_server, timeout=TIMEOUT)  # "/" first: see tests/conftest.py
    page.wait_for_selector("h1", timeout=TIMEOUT)
    page.goto(f"{dashboard_server}/add", timeout=TIMEOUT)
    page.get_by_role("tab", name="Upload a file").click()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(TABLETS))

    title = page.get_by_label("Title")
    page.wait_for_function(
        "() => [...document.querySelectorAll('input')]"
        ".some(i => i.value === 'Tablet sales hold steady')",
        timeout=TIMEOUT,
    )
    assert title.input_value() == "Tablet sales hold steady"
    assert page.get_by_label("Publisher").input_value() == "Gadget Ledger"

    page.get_by_role("button", name="Extract").click()
    page.get_by_text("candidate figure(s)").wait_for(timeout=TIMEOUT)
    page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=TIMEOUT)
    marks = page.locator("mark")
    marks.first.wait_for(timeout=TIMEOUT)
    assert "147 million" in marks.all_inner_texts()

    approve_first_row(page)
    page.get_by_text("As edited, Save writes: 1 approved").wait_for(timeout=TIMEOUT)

    page.get_by_role("button", name="Save").click()
    page.get_by_text(f"Saved as {SOURCE_ID}: 1 approved").wait_for(timeout=TIMEOUT)

    models, problems = load_models(data_copy)
    assert problems == []
    assert models.sources[SOURCE_ID].authors == ["Mira Okafor"]
    assert len(models.claims[SOURCE_ID]) >= 4
    assert [c.status for c in models.claims[SOURCE_ID]].count("approved") == 1
    assert models.claims[SOURCE_ID][0].status == "approved"
    assert "147 million" in models.texts[SOURCE_ID]
    # Nothing from the upload ran or became markup.
    assert dialogs == []
    assert page.title() != "executed"
    assert page.locator("img[src='x']").count() == 0

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "add-article.png"), full_page=True)
