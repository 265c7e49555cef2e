"""The bundled seed dataset: the China Daily article of 2015-12-20, curated by hand.

The table below is the truth the extractors are also measured against: the
15 statistics the article reports, with value, kind, currency, qualifier,
category and stated equivalents.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dataset import load_dataset
from tests.conftest import DATA, SEED_ID

# figure as written, value, kind, currency, qualifier, category, equivalents
SEED = [
    ("670 million", 670e6, "count", None, "exact", "users", []),
    ("one-fourth", 25.0, "percent", None, "approximate", "users", []),
    ("4.13 million", 4.13e6, "count", None, "more_than", "infrastructure", []),
    ("1.3 billion", 1.3e9, "count", None, "exact", "population", []),
    ("2,000", 2000.0, "count", None, "more_than", "events", []),
    ("half", 50.0, "percent", None, "exact", "events", []),
    ("Eight", 8.0, "count", None, "exact", "events", []),
    ("50", 50.0, "count", None, "approximate", "events", []),
    ("20", 20.0, "count", None, "more_than", "events", []),
    ("600", 600.0, "count", None, "more_than", "events", []),
    ("250 million", 250e6, "count", None, "more_than", "users", []),
    ("7 percent", 7.0, "percent", None, "exact", "economy", []),
    (
        "2.95 trillion yuan",
        2.95e12,
        "money",
        "CNY",
        "exact",
        "e-commerce",
        [("$455 billion", 455e9, "USD"), ("416 billion euros", 416e9, "EUR")],
    ),
    ("328", 328.0, "count", None, "exact", "market-value", []),
    ("7.85 trillion yuan", 7.85e12, "money", "CNY", "approximate", "market-value", []),
]


@pytest.fixture(scope="module")
def seed():
    return load_dataset(DATA)


def test_seed_validates_clean(seed):
    assert seed.problems == []
    assert list(seed.sources["id"]) == [SEED_ID]
    assert len(seed.claims) == len(SEED) == 15
    assert set(seed.claims["status"]) == {"approved"}


def test_source_text_is_byte_identical_to_the_seed():
    shared = DATA.parent.parent / "shared" / "seeds" / f"{SEED_ID}.txt"
    if not shared.exists():
        pytest.skip("shared/seeds is not beside this checkout")
    assert (DATA / "sources" / f"{SEED_ID}.txt").read_bytes() == shared.read_bytes()


@pytest.mark.parametrize(
    ("figure", "value", "kind", "currency", "qualifier", "category", "equivalents"), SEED
)
def test_seed_statistic(seed, figure, value, kind, currency, qualifier, category, equivalents):
    text = seed.sources.set_index("id").loc[SEED_ID, "text"]
    claims = seed.claims
    written = [text[s:e] for s, e in zip(claims["start"], claims["end"], strict=True)]
    matches = claims[[w == figure for w in written]]
    assert len(matches) == 1, f"{figure!r} should be exactly one claim"
    row = matches.iloc[0]
    assert row["value"] == pytest.approx(value)
    assert (row["kind"], row["qualifier"], row["category"]) == (kind, qualifier, category)
    assert (None if pd.isna(row["currency"]) else row["currency"]) == currency
    got = [
        (text[e["span"][0] : e["span"][1]], e["value"], e["currency"]) for e in row["equivalents"]
    ]
    assert got == equivalents
    assert figure in row["quote"]


def test_every_span_matches_its_text(seed):
    texts = seed.sources.set_index("id")["text"]
    for row in seed.claims.itertuples():
        written = texts[row.source][row.start : row.end]
        assert written in row.quote
        assert texts[row.source].find(row.quote) <= row.start


@pytest.mark.parametrize(
    "not_a_statistic", ["09", "59", "16", "18", "2015", "second", "13th", "4G", "5G", "2016-20"]
)
def test_no_claim_for_non_statistics(seed, not_a_statistic):
    text = seed.sources.set_index("id").loc[SEED_ID, "text"]
    written = {text[s:e] for s, e in zip(seed.claims["start"], seed.claims["end"], strict=True)}
    assert not_a_statistic not in written


def test_claims_frame_dtypes(seed):
    dtypes = seed.claims.dtypes
    assert dtypes["value"] == "float64"
    assert str(dtypes["start"]) == "Int64"
    assert str(dtypes["kind"]) == "category"
    assert str(dtypes["category"]) == "category"
    assert str(seed.sources.dtypes["published"]).startswith("datetime64")
