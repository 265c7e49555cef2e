"""HTML to article text and metadata; uploads refused with a reason."""

from __future__ import annotations

import datetime as dt

import pytest

from curation.article import MAX_BYTES, article_from_html, decode_article
from tests.curation.helpers import TABLETS


def test_the_sample_page_gives_its_text_and_metadata() -> None:
    article = article_from_html(TABLETS.read_text(encoding="utf-8"))
    assert article.title == "Tablet sales hold steady"
    assert article.publisher == "Gadget Ledger"
    assert article.authors == ["Mira Okafor"]
    assert article.published == dt.date(2025, 2, 10)
    assert article.url == "https://gadget-ledger.example/tablets-2024"
    assert "147 million units in 2024, up 9.2 percent" in article.text
    assert "980 billion yen ($6.5 billion)" in article.text


@pytest.mark.parametrize(
    "absent", ["document.title", "executed", "alert", "onerror", "Home | About", "<img"]
)
def test_scripts_markup_and_navigation_never_reach_the_text(absent) -> None:
    assert absent not in article_from_html(TABLETS.read_text(encoding="utf-8")).text


def test_escaped_markup_stays_text() -> None:
    assert "<b>Not bold</b>" in article_from_html(TABLETS.read_text(encoding="utf-8")).text


@pytest.mark.parametrize(
    ("raw", "name", "says"),
    [
        (b"x" * (MAX_BYTES + 1), "big.txt", "over the 5 MB limit"),
        (b"text", "article.pdf", "expected a .txt or .html file"),
        (b"text", "noextension", "expected a .txt or .html file"),
        (b"caf\xe9", "latin1.txt", "not UTF-8 text (byte 3)"),
        (b"<html><body><script>1</script></body></html>", "empty.html", "no article text"),
    ],
)
def test_bad_uploads_are_refused_with_a_reason(raw, name, says) -> None:
    article, why = decode_article(raw, name)
    assert article is None
    assert why is not None and why.startswith(name) and says in why


@pytest.mark.parametrize(
    ("raw", "name", "text"),
    [
        (b"Sales rose 12 percent.\r\n", "a.txt", "Sales rose 12 percent.\r\n"),
        ("\ufeffCafé 5 €".encode(), "b.TXT", "Café 5 €"),
        (b"<p>Sales rose 12 percent.</p>", "c.htm", "Sales rose 12 percent.\n"),
    ],
)
def test_accepted_files_keep_their_text(raw, name, text) -> None:
    article, why = decode_article(raw, name)
    assert why is None and article is not None and article.text == text


def test_no_network_is_needed(monkeypatch) -> None:
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("trafilatura tried to open a connection")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    assert article_from_html(TABLETS.read_text(encoding="utf-8")).title
