"""docs/extractors.md's "What it misses" is the xfail list, generated, never edited by hand."""

from __future__ import annotations

from pathlib import Path

from tests.extractors.misses import markdown

MARKER = "<!-- generated: python -m tests.extractors.misses"


def test_the_misses_in_the_docs_are_the_known_misses() -> None:
    text = Path("docs/extractors.md").read_text(encoding="utf-8")
    generated = text[text.index(MARKER) :].split("\n", 1)[1]
    assert generated == markdown(), (
        "docs/extractors.md is stale: regenerate its end with python -m tests.extractors.misses"
    )
