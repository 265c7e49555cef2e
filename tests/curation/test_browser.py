"""In real headless Chromium: upload an HTML article, extract, save its claims.

Uses the dashboard's browser fixtures (tests/conftest.py): the system
Chromium, skipped with a reason without it, mandatory with
DASHBOARD_REQUIRE_BROWSER=1.  The uploaded page carries a script and an
``onerror`` image: neither may run or reach the page as markup.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from dataset import load_models
from tests.conftest import ARTIFACTS
from tests.curation.helpers import TABLETS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TIMEOUT = 90_000
SOURCE_ID = "gadget-ledger-2025-02-10-tablet-sales-hold-steady"
FIGURE = "147 million"


def approve_by_figure(page, figure: str) -> None:
    """Approve one candidate by what it says, through the "Approve these figures" list.

    The grid itself is a canvas with no addressable cells, so the test uses the
    list above it, found by its label, and the option by the figure as written.
    """
    box = page.locator("[data-testid='stMultiSelect']").filter(has_text="Approve these figures")
    box.click()
    page.get_by_role("option", name=re.compile(rf"^{re.escape(figure)} · ")).click()
    page.keyboard.press("Escape")


def test_upload_html_extract_and_save(dashboard_server: str, browser_page, data_copy: Path):
    page = browser_page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(dashboard_server, timeout=TIMEOUT)  # "/" first: see tests/conftest.py
    page.wait_for_selector("h1", timeout=TIMEOUT)
    page.goto(f"{dashboard_server}/add", timeout=TIMEOUT)
    page.get_by_role("tab", name="Upload a file").click()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(TABLETS))

    # Each check waits for its own field: the form's widgets arrive one by one.
    expect(page.get_by_label("Title")).to_have_value("Tablet sales hold steady", timeout=TIMEOUT)
    expect(page.get_by_label("Publisher")).to_have_value("Gadget Ledger", timeout=TIMEOUT)

    page.get_by_role("button", name="Extract").click()
    page.get_by_text("candidate figure(s)").wait_for(timeout=TIMEOUT)
    page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=TIMEOUT)
    expect(page.locator("mark", has_text=FIGURE).first).to_be_visible(timeout=TIMEOUT)

    approve_by_figure(page, FIGURE)
    page.get_by_text("As edited, Save writes: 1 approved, 0 rejected").wait_for(timeout=TIMEOUT)
    # The quote list shows the status as edited, before any save.
    quote = page.locator("[data-testid='stHtml']").filter(has=page.locator("mark", has_text=FIGURE))
    expect(quote.first).to_contain_text("approved", timeout=TIMEOUT)

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "add-article.png"), full_page=True)
    page.get_by_role("button", name="Save").click()
    page.get_by_text(f"Saved as {SOURCE_ID}: 1 approved").wait_for(timeout=TIMEOUT)

    models, problems = load_models(data_copy)
    assert problems == []
    assert models.sources[SOURCE_ID].authors == ["Mira Okafor"]
    assert len(models.claims[SOURCE_ID]) >= 4
    approved = [c for c in models.claims[SOURCE_ID] if c.status == "approved"]
    assert [models.texts[SOURCE_ID][c.start : c.end] for c in approved] == [FIGURE]
    # After the save the form is empty again, ready for the next article.
    expect(page.get_by_label("Title")).to_have_value("", timeout=TIMEOUT)
    assert "147 million" in models.texts[SOURCE_ID]
    # Nothing from the upload ran or became markup.
    assert dialogs == []
    assert page.title() != "executed"
    assert page.locator("img[src='x']").count() == 0
