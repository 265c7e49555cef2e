"""Figures written for people, and markdown escaping of source text."""

from __future__ import annotations

import pytest

from analysis.format import figure_text, markdown_escape, money, scaled_number


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (670e6, "670 million"),
        (4.13e6, "4.13 million"),
        (1.3e9, "1.3 billion"),
        (2.95e12, "2.95 trillion"),
        (2000.0, "2,000"),
        (8.0, "8"),
        (999_999.0, "999,999"),
        (2.675e9, "2.67 billion"),  # binary float: 2.675 rounds down, as Python does
        (0.0, "0"),
    ],
)
def test_scaled_number(value: float, expected: str) -> None:
    assert scaled_number(value) == expected


@pytest.mark.parametrize(
    ("value", "kind", "options", "expected"),
    [
        (670e6, "count", {}, "670 million"),
        (2.95e12, "money", {"currency": "CNY"}, "CN¥2.95 trillion"),
        (7.0, "percent", {}, "7%"),
        (4.13e6, "count", {"qualifier": "more_than"}, "more than 4.13 million"),
        (
            7.85e12,
            "money",
            {"currency": "CNY", "qualifier": "approximate"},
            "about CN¥7.85 trillion",
        ),
        (15.0, "count", {"qualifier": "range", "low": 10.0, "high": 20.0}, "10 to 20"),
        (3.2, "percent", {"change": True}, "+3.2%"),
        (-3.2, "percent", {"change": True}, "-3.2%"),
        (50.0, "count", {"qualifier": "at_least"}, "at least 50"),
        (1.5e6, "money", {"currency": "CHF"}, "1.5 million CHF"),
    ],
)
def test_figure_text(value: float, kind: str, options: dict, expected: str) -> None:
    assert figure_text(value, kind, **options) == expected


@pytest.mark.parametrize(
    ("value", "currency", "expected"),
    [(-5e9, "USD", "-$5 billion"), (416e9, "EUR", "€416 billion"), (10.0, "XYZ", "10 XYZ")],
)
def test_money(value: float, currency: str, expected: str) -> None:
    assert money(value, currency) == expected


@pytest.mark.parametrize(
    "text",
    ["[x](javascript:alert(1))", "<script>alert(1)</script>", "**bold** $x$ :red[y]", "# head"],
)
def test_markdown_escape_leaves_no_active_character(text: str) -> None:
    escaped = markdown_escape(text)
    unescaped = escaped.replace("\\", "")
    assert unescaped == text.replace("\\", "")
    for i, ch in enumerate(escaped):
        if ch in "[]()<>*$:#" and (i == 0 or escaped[i - 1] != "\\"):
            pytest.fail(f"unescaped {ch!r} in {escaped!r}")
