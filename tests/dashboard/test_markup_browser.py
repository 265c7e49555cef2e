"""In real Chromium: an article full of markup shows as text and makes the page fetch nothing.

The article (tests/dashboard/test_markup.py) holds ``![x](http://127.0.0.1:9/t.png)``:
rendered as Markdown it would become an image the browser requests.  Every request
the page makes is recorded; none may go to that address, on the Sources page (the
article) or the Review page (its quotes).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.dashboard.test_markup import HOSTILE, MARKUP, _write_article

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TIMEOUT = 60_000
BAIT = "127.0.0.1:9"


@pytest.fixture
def hostile_data(data_copy: Path) -> Path:
    """The copy of the data, with the article, before the server starts."""
    _write_article(data_copy)
    return data_copy


def test_markup_in_an_article_is_text_and_fetches_nothing(
    hostile_data, dashboard_server: str, browser_page
) -> None:
    page = browser_page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(dashboard_server, timeout=TIMEOUT)
    page.wait_for_selector("h1", timeout=TIMEOUT)

    page.goto(f"{dashboard_server}/review?review-source={HOSTILE}", timeout=TIMEOUT)
    quote = page.locator("mark", has_text="670 million").first
    quote.wait_for(timeout=TIMEOUT)
    shown = page.locator("[data-testid='stExpander']").first.inner_text()
    for raw in MARKUP:
        assert raw in shown, raw

    page.goto(f"{dashboard_server}/sources", timeout=TIMEOUT)
    page.wait_for_selector("h1", timeout=TIMEOUT)
    picker = page.locator("[data-testid='stSelectbox']").first
    picker.click()
    page.get_by_role("option", name=HOSTILE, exact=False).first.click()
    article = page.locator("[data-testid='stHtml'] div", has_text="sold").first
    article.wait_for(timeout=TIMEOUT)
    text = article.inner_text()
    for raw in MARKUP:
        assert raw in text, raw

    page.wait_for_timeout(1_000)  # let any image the page holds start loading
    assert page.locator("img[src*='127.0.0.1']").count() == 0
    links = page.locator("a[href='https://example.org']")
    assert links.count() == 0, [
        links.nth(i).evaluate("a => a.parentElement.outerHTML") for i in range(links.count())
    ]
    assert [url for url in requested if BAIT in url] == []
