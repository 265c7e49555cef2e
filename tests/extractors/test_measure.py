"""A level, a change or growth, and the period a change is measured from."""

from __future__ import annotations

import pytest

from dataset import Period
from extractors import extract


@pytest.mark.parametrize(
    ("text", "figure", "value", "kind", "measure"),
    [
        ("Retail sales were up 12.4 percent.", "12.4 percent", 12.4, "percent", "growth"),
        ("Car sales were 4% lower year on year.", "4%", -4, "percent", "growth"),
        ("Support fell 4 percentage points.", "4 percentage points", -4, "percentage_points",
         "change"),
        ("The Fed cut rates by 25 basis points.", "25 basis points", -25, "basis_points",
         "change"),
        ("Revenue rose $2.3 billion to $41.7 billion.", "$2.3 billion", 2.3e9, "money", "change"),
        ("Revenue rose $2.3 billion to $41.7 billion.", "$41.7 billion", 41.7e9, "money", "level"),
        ("Inflation eased to 2.9 percent.", "2.9 percent", 2.9, "percent", "level"),
        ("The index stood at minus 38.7 in March.", "minus 38.7", -38.7, "other", "level"),
        ("Sales were down 3% and 5% in the two regions.", "5%", -5, "percent", "growth"),
    ],
)  # fmt: skip
def test_measure(text: str, figure: str, value: float, kind: str, measure: str) -> None:
    start = text.rindex(figure)
    claim = next(c for c in extract(text) if c.start == start)
    assert (text[claim.start : claim.end], claim.value, claim.kind, claim.measure) == (
        figure, value, kind, measure,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "base"),
    [
        ("Retail sales in 2014 were up 12.4 percent from a year earlier.", Period(as_of="2013")),
        ("Exports between January and October 2015 rose 3.1 percent year on year.",
         Period(start="2014-01", end="2014-10")),
        ("Retail sales in 2014 were up 12.4 percent.", None),
        ("Retail sales were up 12.4 percent from a year earlier.", None),
    ],
)  # fmt: skip
def test_base_period(text: str, base: Period | None) -> None:
    (claim,) = [c for c in extract(text) if c.measure == "growth"]
    assert claim.base_period == base
