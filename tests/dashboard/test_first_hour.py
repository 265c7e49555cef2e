"""A new user's first hour, in real headless Chromium (issue 14, "How to check").

The dashboard is served on a free port, never 8501, over a copy of the data
(tests/conftest.py: dashboard_server).  The user opens every page of the
navigation, filters by a category and switches pages, downloads every format
offered under a chart and opens each file, adds an article written here,
approves one figure and corrects another field of it, and finds it charted.
Screenshots at 1,280 and 1,920 pixels go to tests/artifacts/, and no number on
screen may be cut: a card's figure overflowing its box, or a table cell whose
formatted figure is wider than its column.

Everything is reached by role, label or the text it shows, never by pixel
position; the claims grid (a canvas) is driven with the keyboard from the cell
the data puts where, and read through its accessible table and its own props.
"""

from __future__ import annotations

import csv
import io
import json
import re
import struct
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TIMEOUT = 90_000
PAGES = [
    "Metrics", "Overview", "Explore", "Sources", "Checks", "Dataset problems", "Add article",
    "Review", "Batch candidates",
]  # fmt: skip
"""The navigation a new user sees (at least these; a page added later is opened too)."""
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
EXCEPTION = "[data-testid='stException']"
CHART = "[data-testid='stPlotlyChart'] .js-plotly-plot"
FIGURES = re.compile(r"([\d,]+) figures? from")
"""Overview's caption: how many figures the filters let through."""

CATEGORY, CATEGORY_ID = "Events", "events"
ARTICLE = (
    "Harbourside council said on Tuesday that 48,200 people rode its new ferry line in "
    "March, its first full month. The line cost 12 million pounds to build, the council said."
)
TITLE, PUBLISHER, PUBLISHED = "Ferry line carries thousands", "Harbour Gazette", "20261130"
FIGURE = "48,200"
FIXED_SUBJECT = "Ferry riders in Harbourside"


# --- Moving around --------------------------------------------------------------------------


def idle(page) -> None:
    """Wait until the script run is over and a page heading is drawn."""
    page.wait_for_selector(IDLE, timeout=TIMEOUT)
    page.wait_for_selector("h1", timeout=TIMEOUT)
    page.wait_for_selector(IDLE, timeout=TIMEOUT)


def nav_links(page) -> dict[str, object]:
    """Sidebar link text (without its icon's ligature) -> the link."""
    links = page.locator("[data-testid='stSidebar'] [data-testid='stPageLink'] a")
    links.first.wait_for(timeout=TIMEOUT)
    return {link.inner_text().strip().splitlines()[-1].strip(): link for link in links.all()}


def open_page(page, base: str, name: str) -> None:
    """Click the sidebar link ``name`` and wait for its page to be drawn."""
    link = nav_links(page)[name]
    path = urlparse(urljoin(base + "/", link.get_attribute("href") or "")).path
    link.click()
    page.wait_for_url(lambda url: urlparse(url).path == path, timeout=TIMEOUT)
    idle(page)


def assert_healthy(page, name: str) -> None:
    assert page.locator(EXCEPTION).count() == 0, (
        f"{name}: {page.locator(EXCEPTION).all_inner_texts()}"
    )
    heading = page.locator("h1").first.inner_text().strip()
    assert heading, f"{name}: no heading"


def shown_count(page) -> int:
    caption = page.get_by_text(FIGURES).first
    caption.wait_for(timeout=TIMEOUT)
    return int(FIGURES.search(caption.inner_text()).group(1).replace(",", ""))


def category_filter(page):
    return (
        page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has_text="Category")
    )


def pick(page, combobox, text: str, tries: int = 4) -> None:
    """Choose the option that starts with ``text`` in a multiselect, then close it."""
    option = page.get_by_role("option", name=re.compile(rf"^{re.escape(text)}\b"))
    for _ in range(tries):
        combobox.click()
        try:
            option.first.wait_for(timeout=10_000)
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            continue
        option.first.click()
        page.keyboard.press("Escape")
        return
    raise AssertionError(f"no option {text!r} after {tries} tries")


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


# --- Downloads ------------------------------------------------------------------------------


def download(page, label: str, folder: Path) -> Path:
    """Click the first download button named ``label`` and save what it gives."""
    button = page.locator("[data-testid='stDownloadButton'] button").filter(
        has_text=re.compile(rf"{label}$")
    )
    with page.expect_download(timeout=TIMEOUT) as info:
        button.first.click()
    target = folder / info.value.suggested_filename
    info.value.save_as(target)
    return target


def plain_title(title: str) -> str:
    """A Plotly title's first line without markup: ``"<b>A</b><br><sup>b</sup>"`` -> ``"A"``."""
    first = re.split(r"<br\s*/?>", title)[0]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", first)).split())


def no_nan(constant: str) -> None:
    raise AssertionError(f"{constant} in the JSON download: not JSON")


def check_png(path: Path, title: str) -> None:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", data[16:24])
    assert width >= 800 and height >= 200, (width, height)  # the height follows the bars
    assert len(data) > 10_000


def check_svg(path: Path, title: str) -> None:
    root = ET.fromstring(path.read_bytes())
    assert root.tag.endswith("svg")
    text = " ".join(" ".join(root.itertext()).split())
    assert title in text, (title, text[:300])


def check_html(path: Path, title: str) -> None:
    page = path.read_text(encoding="utf-8")
    assert "plotly" in page.lower()
    assert title in page or json.dumps(title)[1:-1] in page, "the chart's title is not in the page"
    head = re.search(r"<head\b.*?</head>", page, re.S | re.I)
    found = re.search(r"<title>(.*?)</title>", head.group(0) if head else "", re.S)
    assert found, "the HTML download has no <title> in its <head>"
    assert title in " ".join(unescape(found.group(1)).split())


def check_csv(path: Path, title: str) -> None:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert rows
    assert {r["category"] for r in rows} == {CATEGORY_ID}, "the download ignores the filter"


def check_json(path: Path, title: str) -> None:
    data = json.loads(path.read_text(encoding="utf-8"), parse_constant=no_nan)
    rows = data if isinstance(data, list) else next(v for v in data.values() if isinstance(v, list))
    assert rows and all(isinstance(r, dict) for r in rows)
    assert {r["category"] for r in rows} == {CATEGORY_ID}, "the download ignores the filter"


CHECKS = {"PNG": check_png, "SVG": check_svg, "HTML": check_html, "CSV": check_csv,
          "JSON": check_json}  # fmt: skip
"""Every format offered under Explore's chart and table, and how each file is opened."""


# --- The claims grid ------------------------------------------------------------------------

GRID_CELLS = r"""(grid) => {
  // The grid's own props (columns with their widths, getCellContent): what it draws.
  const canvas = grid.querySelector("canvas[data-testid='data-grid-canvas']");
  const key = Object.keys(canvas).find(k => k.startsWith("__reactFiber"));
  let fiber = canvas[key], props = null;
  while (fiber && !props) {
    const p = fiber.memoizedProps;
    if (p && Array.isArray(p.columns) && typeof p.getCellContent === "function") props = p;
    fiber = fiber.return;
  }
  const style = getComputedStyle(grid.querySelector("[style*='--gdg-base-font-style']"));
  const ctx = document.createElement("canvas").getContext("2d");
  ctx.font = style.getPropertyValue("--gdg-base-font-style").trim() + " "
    + style.getPropertyValue("--gdg-font-family").trim();
  const pad = parseFloat(style.getPropertyValue("--gdg-cell-horizontal-padding")) || 8;
  const cells = [];
  for (let r = 0; r < Math.min(props.rows, 500); r++) {
    props.columns.forEach((column, c) => {
      const cell = props.getCellContent([c, r]);
      const text = String(cell.displayData ?? cell.data ?? "");
      cells.push({column: column.title, width: column.width, text, kind: cell.kind,
                  needs: ctx.measureText(text).width + 2 * pad});
    });
  }
  return cells;
}"""


def clipped_cells(grid) -> list[str]:
    """Cells showing a figure (a number, or a short text with a digit) wider than their column."""
    return [
        f"{c['column']}: {c['text']!r} needs {c['needs']:.0f} px of {c['width']}"
        for c in grid.evaluate(GRID_CELLS)
        if (c["kind"] == "number" or (re.search(r"\d", c["text"]) and len(c["text"]) <= 40))
        and c["needs"] > c["width"] + 1
    ]


def clipped_figures(page) -> list[str]:
    """Metric values (the Overview cards) whose text overflows its box."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll("[data-testid='stMetricValue']"))
            .flatMap(v => [v, ...v.querySelectorAll('*')])
            .filter(e => e.scrollWidth > e.clientWidth + 1)
            .map(e => e.textContent)"""
    )


GRID_TABLE = r"""(grid) => {
  // Column titles and every cell's text, from the grid's own props: its accessible
  // table holds only the cells scrolled into view.
  const canvas = grid.querySelector("canvas[data-testid='data-grid-canvas']");
  const key = Object.keys(canvas).find(k => k.startsWith("__reactFiber"));
  let fiber = canvas[key], props = null;
  while (fiber && !props) {
    const p = fiber.memoizedProps;
    if (p && Array.isArray(p.columns) && typeof p.getCellContent === "function") props = p;
    fiber = fiber.return;
  }
  const titles = props.columns.map(c => c.title);
  const rows = [];
  for (let r = 0; r < props.rows; r++) {
    rows.push(titles.map((_, c) => {
      const cell = props.getCellContent([c, r]);
      return String(cell.displayData ?? cell.data ?? "");
    }));
  }
  return {titles, rows};
}"""


def cell_id(grid, column: str, figure: str) -> str:
    """The id of the accessible cell of ``column`` in the row whose figure is ``figure``."""
    grid.locator("canvas[data-testid='data-grid-canvas']").wait_for(timeout=TIMEOUT)
    table = grid.evaluate(GRID_TABLE)
    at = table["titles"].index("Figure as written")
    row = [r[at] for r in table["rows"]].index(figure)
    return f"glide-cell-{table['titles'].index(column)}-{row}"


def move_to(page, grid, target: str) -> bool:
    """Move the grid's selection to the cell ``target`` with the arrow keys.

    The grid draws on a canvas; its accessible table says which cell is selected.
    A rerun of the app may take the focus away: then the grid is focused again.
    """
    selected = grid.locator("td[aria-selected='true']")
    for _ in range(60):
        here = selected.first.get_attribute("id") if selected.count() else None
        if here == target:
            return True
        if here is None:
            grid.locator("canvas").first.focus()
            continue
        (col, row), (want_col, want_row) = (
            map(int, here.split("-")[-2:]),
            map(int, target.split("-")[-2:]),
        )
        key = (
            ("ArrowRight" if want_col > col else "ArrowLeft")
            if want_col != col
            else ("ArrowDown" if want_row > row else "ArrowUp")
        )
        page.keyboard.press(key)
        try:
            page.wait_for_function(
                "([g, id]) => g.querySelector(\"td[aria-selected='true']\")?.id !== id",
                arg=[grid.element_handle(), here],
                timeout=5_000,
            )
        except PlaywrightTimeout:
            grid.locator("canvas").first.focus()
    return False


def edit_cell(
    page, grid, column: str, figure: str, value: str, commit: str = "Tab", tries: int = 4
) -> None:
    """Type ``value`` into a cell, as a person does: select it, Enter, type, then ``commit``
    (Tab leaves a text cell with its new value; Enter picks a select box's option).

    Done again until the grid's accessible table shows the value in that cell (a
    rerun of the app in between can swallow a key press).
    """
    target = cell_id(grid, column, figure)
    for _ in range(tries):
        page.keyboard.press("Escape")
        if not move_to(page, grid, target):
            continue
        page.keyboard.press("Enter")
        try:
            page.wait_for_function(  # the cell's editor (in the grid's portal) has the focus
                "() => ['INPUT', 'TEXTAREA'].includes(document.activeElement?.tagName)"
                " && !!document.activeElement.closest('#portal')",
                timeout=10_000,
            )
        except PlaywrightTimeout:
            continue
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.type(value)
        page.keyboard.press(commit)
        try:
            page.wait_for_function(
                "([g, id, v]) => g.querySelector('#' + id)?.textContent === v",
                arg=[grid.element_handle(), target, value],
                timeout=10_000,
            )
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"{column} of the figure {figure} not set to {value!r} in {tries} tries")


SET_CELL = r"""(grid, [column, figure, value]) => {
  // The edit a person's typing ends in: the grid's onCellEdited with the new text, on the
  // cell found by its column title and its row's figure (never a pixel position).
  const canvas = grid.querySelector("canvas[data-testid='data-grid-canvas']");
  const key = Object.keys(canvas).find(k => k.startsWith("__reactFiber"));
  let fiber = canvas[key], props = null;
  while (fiber && !props) {
    const p = fiber.memoizedProps;
    if (p && Array.isArray(p.columns) && typeof p.onCellEdited === "function"
        && typeof p.getCellContent === "function") props = p;
    fiber = fiber.return;
  }
  const titles = props.columns.map(c => c.title);
  const col = titles.indexOf(column), at = titles.indexOf("Figure as written");
  let row = -1;
  for (let r = 0; r < props.rows && row < 0; r++) {
    const cell = props.getCellContent([at, r]);
    if (String(cell.displayData ?? cell.data ?? "") === figure) row = r;
  }
  const cell = props.getCellContent([col, row]);
  props.onCellEdited([col, row], {...cell, data: value, displayData: value});
  return [col, row];
}"""


def set_cell(page, grid, column: str, figure: str, value: str) -> None:
    """Edit a text cell through the grid's own edit callback, then wait for the grid to show it.

    Typing into the canvas grid lost the edit when a rerun took the focus away (1 run in 10);
    the callback is what the typing ends in, so this is the same edit, without the race.
    """
    grid.locator("canvas[data-testid='data-grid-canvas']").wait_for(timeout=TIMEOUT)
    grid.evaluate(SET_CELL, [column, figure, value])
    for _ in range(TIMEOUT // 250):
        table = grid.evaluate(GRID_TABLE)
        at, col = table["titles"].index("Figure as written"), table["titles"].index(column)
        if any(row[at] == figure and row[col] == value for row in table["rows"]):
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"{column} of the figure {figure} never showed {value!r}")


# --- The tests ------------------------------------------------------------------------------


def test_every_page_then_filter_switch_and_download(
    dashboard_server: str, browser_page, tmp_path: Path
) -> None:
    page = browser_page
    page.set_default_timeout(TIMEOUT)
    assert urlparse(dashboard_server).port != 8501, "the test must not need the default port"
    page.goto(dashboard_server, timeout=TIMEOUT)  # "/" first: see tests/conftest.py
    idle(page)

    links = nav_links(page)
    assert set(PAGES) <= set(links), links
    for name in links:
        open_page(page, dashboard_server, name)
        assert_healthy(page, name)

    # Filter on Overview, switch to Explore and back: the filter stays in the URL and applies.
    open_page(page, dashboard_server, "Overview")
    everything = shown_count(page)
    category = page.get_by_test_id("stSidebar").get_by_role("combobox", name="Category")
    for _ in range(3):  # a rerun still running when the option is clicked may drop the choice
        if CATEGORY not in category_filter(page).inner_text():
            pick(page, category, CATEGORY)
        try:
            page.wait_for_function("() => /[?&]category=/.test(location.search)", timeout=20_000)
            break
        except PlaywrightTimeout:
            idle(page)
    else:
        raise AssertionError(f"choosing {CATEGORY} never reached the URL: {page.url}")
    page.wait_for_function(
        "n => !document.body.innerText.includes(n + ' figures from')",
        arg=f"{everything:,}",
        timeout=TIMEOUT,
    )
    idle(page)
    events = shown_count(page)
    assert 0 < events < everything

    open_page(page, dashboard_server, "Explore")
    assert query(page).get("category") == [CATEGORY], page.url
    assert CATEGORY in category_filter(page).inner_text()
    page.wait_for_selector(CHART, timeout=TIMEOUT)
    page.wait_for_function(
        f'() => document.querySelector("{CHART}").data?.length > 0', timeout=TIMEOUT
    )
    title = plain_title(
        page.evaluate(f'() => document.querySelector("{CHART}").layout.title?.text || ""')
    )
    assert title, "the chart has no title"
    for label, check in CHECKS.items():
        check(download(page, label, tmp_path), title)
    assert_healthy(page, "Explore after the downloads")

    open_page(page, dashboard_server, "Overview")
    assert query(page).get("category") == [CATEGORY], page.url
    assert shown_count(page) == events


def test_add_an_article_fix_a_claim_and_see_it_charted(
    dashboard_server: str, browser_page, data_copy: Path
) -> None:
    page = browser_page
    page.set_default_timeout(TIMEOUT)
    page.goto(dashboard_server, timeout=TIMEOUT)
    idle(page)
    open_page(page, dashboard_server, "Add article")
    page.get_by_label("Article text").fill(ARTICLE)
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Publisher").fill(PUBLISHER)
    page.get_by_role("group", name="Published").get_by_role("spinbutton").first.click()
    page.keyboard.type(PUBLISHED)  # year, month, day: the date field moves on by itself
    page.get_by_role("button", name="Extract").click()
    page.get_by_text("candidate figure(s)").wait_for(timeout=TIMEOUT)
    idle(page)
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.wait_for(timeout=TIMEOUT)

    # Fix the claim: the extractor's subject ("people") becomes a chart label a reader wants.
    set_cell(page, grid, "Subject", FIGURE, FIXED_SUBJECT)
    idle(page)

    approve = page.get_by_role("combobox", name="Approve these figures")
    if approve.count():  # a list to approve by figure (a person's way; no grid needed)
        pick(page, approve, FIGURE)
    else:
        edit_cell(page, grid, "Status", FIGURE, "approved", commit="Enter")
    page.get_by_text("As edited, Save writes: 1 approved").wait_for(timeout=TIMEOUT)
    idle(page)
    row = next(r for r in grid.evaluate(GRID_TABLE)["rows"] if FIGURE in r)
    assert FIXED_SUBJECT in row, "approving undid the fix"

    page.get_by_role("button", name="Save").click()
    saved = page.get_by_text(re.compile(r"Saved as [a-z0-9-]+: 1 approved"))
    saved.wait_for(timeout=TIMEOUT)
    ident = re.search(r"Saved as ([a-z0-9-]+)", saved.inner_text()).group(1)
    assert ident.startswith("harbour-gazette-2026-11-30")
    assert page.locator(EXCEPTION).count() == 0

    # See it: the Overview card and the Explore chart of that source.
    page.goto(f"{dashboard_server}/?source={ident}", timeout=TIMEOUT)
    idle(page)
    open_page(page, dashboard_server, "Overview")
    page.get_by_text(FIXED_SUBJECT).first.wait_for(timeout=TIMEOUT)
    assert shown_count(page) == 1
    open_page(page, dashboard_server, "Explore")
    page.wait_for_function(
        f'(s) => JSON.stringify(document.querySelector("{CHART}")?.data || []).includes(s)',
        arg=FIXED_SUBJECT,
        timeout=TIMEOUT,
    )
    assert_healthy(page, "Explore with the new article")
    written = (data_copy / "claims" / f"{ident}.yaml").read_text(encoding="utf-8")
    assert f"subject: {FIXED_SUBJECT}" in written and "status: approved" in written


@pytest.mark.parametrize("width", [1280, 1920])
def test_screenshots_and_no_number_cut(dashboard_server: str, browser_page, width: int) -> None:
    page = browser_page
    page.set_default_timeout(TIMEOUT)
    page.set_viewport_size({"width": width, "height": 1000})
    page.goto(dashboard_server, timeout=TIMEOUT)
    idle(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    open_page(page, dashboard_server, "Overview")
    page.locator("[data-testid='stMetricValue']").first.wait_for(timeout=TIMEOUT)
    page.screenshot(path=str(ARTIFACTS / f"first-hour-overview-{width}.png"), full_page=True)
    assert page.locator("[data-testid='stMetricValue']").count() >= 3
    assert clipped_figures(page) == []

    open_page(page, dashboard_server, "Explore")
    table = page.locator("[data-testid='stDataFrame']").last
    table.wait_for(timeout=TIMEOUT)
    table.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"first-hour-explore-{width}.png"), full_page=True)
    for grid in page.locator("[data-testid='stDataFrame']").all():
        assert clipped_cells(grid) == []
    assert clipped_figures(page) == []
