"""An HTML page as article text and metadata, with trafilatura; a pure function of a string.

The page is never fetched, executed or rendered: trafilatura parses the
string it is given (lxml, no network, no scripts), keeps the main text and
reads title, author, date, URL and site name from the page's metadata.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import trafilatura
from trafilatura.settings import use_config

MAX_BYTES = 5 * 1024 * 1024
"""Largest article accepted (the app's upload limit too): 5 MB."""

_CONFIG = use_config()
# Short articles are articles too: trafilatura's defaults drop texts under 250 characters.
_CONFIG.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
_CONFIG.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
# Its timeout uses signals, which only work in a main thread (Streamlit runs pages in others).
_CONFIG.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")


@dataclass(frozen=True)
class Article:
    """Text and what the page says about itself (None where it says nothing)."""

    text: str
    title: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    published: dt.date | None = None
    url: str | None = None


def _date(value: object) -> dt.date | None:
    """``2024-03-05`` (or a longer ISO stamp) as a date, else None.

    >>> _date("2024-03-05T10:00:00Z"), _date("soon")
    (datetime.date(2024, 3, 5), None)
    """
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _authors(value: object) -> list[str]:
    """trafilatura joins several authors with "; ".

    >>> _authors("Ann Lee; Bo Chen"), _authors(None)
    (['Ann Lee', 'Bo Chen'], [])
    """
    return [a.strip() for a in str(value or "").split(";") if a.strip()]


def _url(value: object) -> str | None:
    text = str(value or "")
    return text if text.startswith(("http://", "https://")) and " " not in text else None


def article_from_html(html: str) -> Article:
    """The main text and metadata of an HTML page.

    >>> page = ('<html><head><title>Phones | Tech</title>'
    ...         '<meta property="article:published_time" content="2024-03-05"></head>'
    ...         '<body><p>Sales rose <b>12 percent</b>.</p><script>alert(1)</script></body></html>')
    >>> a = article_from_html(page)
    >>> a.text.strip(), a.published
    ('Sales rose 12 percent.', datetime.date(2024, 3, 5))
    """
    doc = _extract(html)
    if doc is None or not (doc.text or "").strip():
        # A bare fragment ("<p>...</p>") is no tree for trafilatura until it has a body.
        doc = _extract(f"<html><body>{html}</body></html>") or doc
    meta = doc.as_dict() if doc is not None else {}
    text = (meta.get("text") or "").strip()
    return Article(
        text=text + "\n" if text else "",
        title=meta.get("title") or None,
        publisher=meta.get("sitename") or None,
        authors=_authors(meta.get("author")),
        published=_date(meta.get("date")),
        url=_url(meta.get("url")),
    )


def _extract(html: str) -> object:
    """trafilatura's document (text and metadata), or None when it finds no tree."""
    return trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_recall=True,
        config=_CONFIG,
    )


def decode_article(raw: bytes, name: str) -> tuple[Article | None, str | None]:
    """An uploaded or given file as an Article, or None and why not.

    ``.html``/``.htm`` go through `article_from_html`; ``.txt`` is kept as is.

    >>> decode_article(b"Sales rose 12 percent.", "a.txt")[0].text
    'Sales rose 12 percent.'
    >>> decode_article(b"x", "a.pdf")[1]
    'a.pdf: expected a .txt or .html file'
    """
    if len(raw) > MAX_BYTES:
        return None, f"{name}: {len(raw) / 1e6:.1f} MB is over the 5 MB limit for an article"
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if suffix not in ("txt", "html", "htm"):
        return None, f"{name}: expected a .txt or .html file"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return None, f"{name}: not UTF-8 text (byte {err.start})"
    if suffix == "txt":
        return Article(text=text), None
    article = article_from_html(text)
    if not article.text.strip():
        return None, f"{name}: no article text found in the page"
    return article, None
