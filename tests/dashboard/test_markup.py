"""Markdown, HTML and LaTeX in an article show as text on every page that shows it.

The article below carries an image that would make the browser fetch a URL,
a link, an HTML tag with a handler, bold and LaTeX.  Each page is run on a
dataset holding it, and every element Streamlit renders as Markdown must
hold none of them raw; the pages that show the article must show them, as
text (the escaped forms are written out here, not taken from the code).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dataset.paths import ENV_VAR
from tests.conftest import ROOT

HOSTILE = "hostile-press-2024-01-02-shop"
MARKUP = (
    "![x](http://127.0.0.1:9/t.png)",
    "[site](https://example.org)",
    "<img src=x onerror=alert(1)>",
    "**bold**",
    "$x$",
)
TEXT = "The shop " + " ".join(MARKUP) + " sold 670 million phones.\n"
SUBJECT = "Phones **bold** $x$ ![x](http://127.0.0.1:9/t.png)"
ESCAPED_IN_MARKDOWN = (
    "\\*\\*bold\\*\\*",
    "\\$x\\$",
    "\\!\\[x\\]\\(http\u2060\\://127\\.0\\.0\\.1\\:9/t\\.png\\)",
)
"""What the subject must look like in a Markdown body: every sign backslash-escaped, and
a word joiner (U+2060) after ``http``, as GitHub-flavoured Markdown links bare URLs."""
ESCAPED_IN_HTML = ("&lt;img src&#61;x onerror&#61;alert&#40;1&#41;&gt;",)
"""What the article text must look like in the Sources page's HTML (signs as references)."""


def _write_article(root: Path) -> None:
    start = TEXT.index("670 million")
    quote = TEXT.strip()
    (root / "sources" / f"{HOSTILE}.txt").write_text(TEXT, encoding="utf-8")
    (root / "sources" / f"{HOSTILE}.yaml").write_text(
        f"id: {HOSTILE}\ntitle: 'Shop **news** [x](https://example.org)'\n"
        "publisher: Hostile $Press$\nauthors: ['<b>Eve</b>']\npublished: 2024-01-02\n",
        encoding="utf-8",
    )
    claim = (
        f"- id: {HOSTILE}-phones\n  source: {HOSTILE}\n  status: approved\n"
        f"  quote: '{quote}'\n  span: [{start}, {start + 11}]\n  value: 670000000.0\n"
        f"  kind: count\n  unit: phones\n  subject: '{SUBJECT}'\n  entity: '**Shopland**'\n"
        "  category: economy\n  note: '[note](https://example.org)'\n"
    )
    (root / "claims" / f"{HOSTILE}.yaml").write_text(claim, encoding="utf-8")


@pytest.fixture
def app(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    _write_article(data_copy)
    monkeypatch.setenv(ENV_VAR, str(data_copy))

    def run(page: str, **picked: str) -> AppTest:
        """Run ``page``, then pick each (selectbox or multiselect key: option) given."""
        at = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=90)
        at.run()
        for key, value in picked.items():
            if key in ("article", "review-source"):
                at.selectbox(key=key).set_value(value).run()
            else:
                at.multiselect(key=key).set_value([value]).run()
        assert not at.exception, at.exception
        return at

    return run


def markdown_bodies(at: AppTest) -> list[str]:
    """Every string this run handed Streamlit to render as Markdown."""
    bodies = [m.value for m in at.markdown] + [m.help for m in at.markdown if m.help]
    bodies += [c.value for c in at.caption]
    bodies += [a.value for a in (*at.info, *at.warning, *at.error, *at.success)]
    bodies += [h.value for h in (*at.title, *at.header, *at.subheader)]
    bodies += [m.label for m in at.metric]
    return bodies


def html_bodies(at: AppTest) -> list[str]:
    return [h.proto.body for h in at.get("html")]


def assert_no_raw_markup(at: AppTest) -> None:
    for body in markdown_bodies(at):
        for raw in MARKUP:
            assert raw not in body, (raw, body)
    for body in html_bodies(at):  # st.html never reads Markdown: only HTML must be escaped
        assert "<img" not in body, body


@pytest.mark.parametrize(
    ("page", "picked"),
    [
        ("overview.py", {"source": HOSTILE}),
        ("explore.py", {"source": HOSTILE}),
        ("sources.py", {"article": HOSTILE}),
        ("checks.py", {}),
        ("problems.py", {}),
        ("review.py", {"review-source": HOSTILE}),
    ],
)
def test_no_page_renders_markup_from_an_article(app, page, picked) -> None:
    at = app(page, **picked)
    assert_no_raw_markup(at)


def test_overview_shows_the_subject_as_text(app) -> None:
    at = app("overview.py", source=HOSTILE)
    shown = " ".join(markdown_bodies(at))
    for escaped in ESCAPED_IN_MARKDOWN:
        assert escaped in shown


def test_sources_shows_the_article_as_text(app) -> None:
    at = app("sources.py", article=HOSTILE)
    [article] = [b for b in html_bodies(at) if "sold" in b]
    for escaped in ESCAPED_IN_HTML:
        assert escaped in article
    assert "&#33;&#91;x&#93;&#40;http&#58;//127.0.0.1&#58;9/t.png&#41;" in article
    titles = " ".join(markdown_bodies(at))
    assert "Shop \\*\\*news\\*\\* \\[x\\]\\(https\u2060\\://example\\.org\\)" in titles


def test_review_shows_quotes_as_text(app) -> None:
    at = app("review.py", **{"review-source": HOSTILE})
    [quote] = [b for b in html_bodies(at) if "sold" in b]
    assert "&lt;img src=x onerror=alert(1)&gt;" in quote
    assert "<mark>670 million</mark>" in quote


def test_add_article_shows_quotes_and_errors_as_text(app) -> None:
    at = app("add_article.py")
    at.text_area(key="add-text").input(TEXT.replace("670 million", "520 million"))
    at.text_input(key="add-title").input("Shop **news**")
    at.text_input(key="add-publisher").input("Hostile Press")
    at.date_input(key="add-published").set_value(dt.date(2024, 1, 3))
    at.run()
    at.button(key="add-extract").click().run()
    assert not at.exception, at.exception
    assert_no_raw_markup(at)
    quotes = [b for b in html_bodies(at) if "sold" in b]
    assert any("&lt;img src=x onerror=alert(1)&gt;" in q for q in quotes), quotes
