"""Shared helper for the stage tables: figures of a text as (written, value, ...)."""

from __future__ import annotations

from extractors import extract


def figures(text: str) -> list[tuple[str, float]]:
    """(figure as written, value rounded) of every claim, in order."""
    return [(text[c.start : c.end], round(c.value, 4)) for c in extract(text)]


def only(text: str):
    """The one claim of ``text`` (fails when there are more or fewer)."""
    claims = extract(text)
    assert len(claims) == 1, [(text[c.start : c.end], c.value) for c in claims]
    return claims[0]
