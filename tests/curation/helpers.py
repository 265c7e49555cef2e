"""Shared bits of the curation tests: the sample articles and a quick way to add one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from curation.writes import add_source
from dataset.schema import Claim, Source
from extractors import extract

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PHONES = FIXTURES / "smartphones-2024.txt"
TABLETS = FIXTURES / "tablets-2024.html"


def phones_source(title: str = "Smartphone shipments rebound as prices climb") -> Source:
    return Source(
        id="tech-ledger-2025-01-20-smartphones",
        title=title,
        publisher="Tech Ledger",
        published=dt.date(2025, 1, 20),
    )


def add_phones(root: Path) -> tuple[str, list[Claim]]:
    """Add the smartphone article with its extracted candidates; its id and claims."""
    text = PHONES.read_text(encoding="utf-8")
    source = phones_source()
    claims = extract(text, source_id=source.id, published=source.published)
    ident, problems = add_source(root, source, text, claims)
    assert problems == [] and ident is not None, problems
    return ident, claims
