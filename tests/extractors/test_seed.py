"""The curated seed article is the first truth: all 15 claims, none of the non-statistics."""

from __future__ import annotations

import re

import pytest

from dataset import load_models
from dataset.validate import check_claim
from extractors import extract
from tests.conftest import DATA, SEED_ID

MODELS = load_models(DATA)[0]
TEXT = (DATA / "sources" / f"{SEED_ID}.txt").read_text(encoding="utf-8")
CURATED = MODELS.claims[SEED_ID]
EXTRACTED = extract(TEXT, source_id=SEED_ID, published="2015-12-20")
BY_SPAN = {c.span: c for c in EXTRACTED}

FORBIDDEN = [
    ("09:59", "09"), ("09:59", "59"), ("Dec 16 and 18", "16"), ("Dec 16 and 18", "18"),
    ("2015-12-20", "2015"), ("the second World", "second"), ("13th Five-Year", "13th"),
    ("biggest 4G", "4G"), ("Telecom's 5G", "5G"), ("(2016-20)", "2016-20"),
    ("10- to 20-year", "10- to 20-year"), ("10 years from now", "10 years from now"),
]  # fmt: skip


def test_fifteen_curated() -> None:
    assert len(CURATED) == 15


@pytest.mark.parametrize("curated", CURATED, ids=lambda c: c.id.removeprefix(SEED_ID + "-"))
def test_curated_claim_reproduced(curated) -> None:
    got = BY_SPAN.get(tuple(curated.span))
    assert got is not None, f"no claim at {curated.span} ({TEXT[slice(*curated.span)]!r})"
    fields = ("value", "kind", "currency", "qualifier", "category")
    assert {f: getattr(got, f) for f in fields} == {f: getattr(curated, f) for f in fields}
    assert [(e.value, e.currency, e.span and tuple(e.span)) for e in got.equivalents] == [
        (e.value, e.currency, e.span and tuple(e.span)) for e in curated.equivalents
    ]
    assert got.status == "candidate"


@pytest.mark.parametrize(("context", "figure"), FORBIDDEN)
def test_no_claim_for_non_statistics(context: str, figure: str) -> None:
    at = TEXT.index(context) + context.index(figure)
    hits = [c for c in EXTRACTED if c.start < at + len(figure) and at < c.end]
    assert hits == []


def test_every_claim_validates_against_the_text() -> None:
    for claim in EXTRACTED:
        assert check_claim(claim, TEXT) == [], claim.id
        assert re.fullmatch(r"[a-z0-9-]+", claim.id)
    assert len({c.id for c in EXTRACTED}) == len(EXTRACTED)
