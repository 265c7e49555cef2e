"""Figures written for people: "670 million", "CN¥2.95 trillion", "more than 4.13 million", "7%".

Charts, metric cards and tables all show a number the way a newspaper
would, so a reader can match it with the words of the source.  The tables
below drive the wording; currency signs come from CLDR (Babel).
"""

from __future__ import annotations

import math
import re

import pandas as pd
from babel import Locale

SCALES: tuple[tuple[float, str], ...] = (
    (1e12, "trillion"),
    (1e9, "billion"),
    (1e6, "million"),
)
"""Scale words, largest first; below a million numbers are written out (2,000)."""

CURRENCY_SYMBOLS: dict[str, str] = {
    code: symbol
    for code, symbol in Locale.parse("en").currency_symbols.items()
    if symbol != code and not symbol.isalpha()
}
"""ISO 4217 code -> the sign CLDR's English locale writes before an amount: "$", "€",
"CN¥" (yuan), "¥" (yen), "HK$".  Codes whose English symbol is only letters ("CHF")
are written after the amount, as the code."""

QUALIFIER_WORDS: dict[str, str] = {
    "exact": "",
    "approximate": "about",
    "more_than": "more than",
    "at_least": "at least",
    "less_than": "less than",
    "at_most": "at most",
    "range": "",
}
"""Qualifier -> the words put before the figure."""


def plain_number(value: float, decimals: int = 2) -> str:
    """A number with thousands separators and no trailing zeros.

    >>> plain_number(2000.0), plain_number(6.4835), plain_number(-3.2)
    ('2,000', '6.48', '-3.2')
    """
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def scaled_number(value: float) -> str:
    """A number with a scale word from a million up: how news writes big figures.

    >>> scaled_number(670e6), scaled_number(4.13e6), scaled_number(2.68e9), scaled_number(2000)
    ('670 million', '4.13 million', '2.68 billion', '2,000')
    """
    if not math.isfinite(value):
        return str(value)
    for factor, word in SCALES:
        if abs(value) >= factor:
            return f"{plain_number(value / factor)} {word}"
    return plain_number(value)


def money(value: float, currency: str | None) -> str:
    """An amount with its currency symbol, or its code when there is none.

    >>> money(2.95e12, "CNY"), money(455e9, "USD"), money(1.5e6, "CHF"), money(9e9, "JPY")
    ('CN¥2.95 trillion', '$455 billion', '1.5 million CHF', '¥9 billion')
    """
    number = scaled_number(abs(value))
    sign = "-" if value < 0 else ""
    symbol = CURRENCY_SYMBOLS.get(currency or "")
    if symbol:
        return f"{sign}{symbol}{number}"
    return f"{sign}{number} {currency}".rstrip()


def bare_figure(value: float, kind: str, currency: str | None = None, change: bool = False) -> str:
    """The figure alone, without its qualifier: "7%", "CN¥2.95 trillion", "+3.2%".

    >>> bare_figure(7.0, "percent"), bare_figure(-3.2, "percent", change=True)
    ('7%', '-3.2%')
    >>> bare_figure(670e6, "count")
    '670 million'
    """
    if kind == "money":
        text = money(value, currency)
    elif kind == "percent":
        text = f"{plain_number(value)}%"
    else:
        text = scaled_number(value)
    if change and value > 0:
        text = "+" + text
    return text


def figure_text(
    value: float,
    kind: str,
    *,
    currency: str | None = None,
    qualifier: str = "exact",
    low: float | None = None,
    high: float | None = None,
    change: bool = False,
) -> str:
    """The figure as a person would say it, qualifier included.

    >>> figure_text(4.13e6, "count", qualifier="more_than")
    'more than 4.13 million'
    >>> figure_text(15.0, "count", qualifier="range", low=10.0, high=20.0)
    '10 to 20'
    >>> figure_text(2.95e12, "money", currency="CNY")
    'CN¥2.95 trillion'
    """
    if qualifier == "range" and low is not None and high is not None:
        return f"{bare_figure(low, kind, currency, change)} to {bare_figure(high, kind, currency)}"
    words = QUALIFIER_WORDS.get(qualifier, "")
    text = bare_figure(value, kind, currency, change)
    return f"{words} {text}" if words else text


def row_figure(row: dict) -> str:
    """``figure_text`` for a row of the claims frame (NA-safe).

    >>> row_figure({"value": 25.0, "kind": "percent", "qualifier": "approximate"})
    'about 25%'
    """

    def opt(name: str) -> object:
        value = row.get(name)
        return None if value is None or value != value or _is_na(value) else value

    return figure_text(
        float(row["value"]),
        str(row["kind"]),
        currency=opt("currency"),  # type: ignore[arg-type]
        qualifier=str(opt("qualifier") or "exact"),
        low=opt("low"),  # type: ignore[arg-type]
        high=opt("high"),  # type: ignore[arg-type]
        change=opt("measure") in SIGNED_MEASURES,
    )


FIGURE_COLUMNS: tuple[str, ...] = (
    "value",
    "kind",
    "currency",
    "qualifier",
    "low",
    "high",
    "measure",
)
"""The columns ``row_figure`` reads."""

SIGNED_MEASURES = frozenset({"change", "growth"})
"""Measures shown with their sign ("+3.2%"): a difference, never a level."""


def row_figures(frame: pd.DataFrame) -> list[str]:
    """``row_figure`` of every row of ``frame``, in order.

    Reads the columns once instead of building a dict per row, which cost the
    Explore table more than drawing it (``to_dict(orient="records")``).

    >>> row_figures(pd.DataFrame({"value": [25.0, 4.13e6], "kind": ["percent", "count"],
    ...     "qualifier": ["approximate", None]}))
    ['about 25%', '4.13 million']
    """
    size = len(frame)
    column = {
        name: _plain(frame[name]) if name in frame.columns else [None] * size
        for name in FIGURE_COLUMNS[2:]
    }
    values, kinds = (frame[name].to_numpy(dtype=object).tolist() for name in FIGURE_COLUMNS[:2])
    return [
        figure_text(
            float(value),
            str(kind),
            currency=currency,
            qualifier=str(qualifier or "exact"),
            low=low,
            high=high,
            change=measure in SIGNED_MEASURES,
        )
        for value, kind, currency, qualifier, low, high, measure in zip(
            values, kinds, *column.values(), strict=True
        )
    ]


def _plain(values: pd.Series) -> list:
    """The values as Python objects, each missing one (None, NaN, NA) as None."""
    return values.to_numpy(dtype=object, na_value=None).tolist()


def _is_na(value: object) -> bool:
    try:
        import pandas as pd

        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


MARKDOWN_SPECIALS = set("\\`*_{}[]()#+-.!|<>~$:=&")
"""Characters Streamlit's markdown would act on: links and images (``[``, ``!``), emphasis,
HTML (``<``), LaTeX (``$``), emoji and colours (``:``), setext headings (``=``), entities
(``&``).  CommonMark lets a backslash escape any ASCII punctuation."""


AUTOLINK_START = re.compile(r"(?i)\b(https?|ftp|mailto|www)(?=[:.])|(?<=\w)@(?=\w)")
"""Where GitHub-flavoured Markdown turns bare text into a link: ``https://``, ``www.``, an
e-mail's ``@``.  It links after escapes are resolved, so a backslash can't stop it."""
WORD_JOINER = "\u2060"
"""Invisible and unbreakable: put inside ``https://`` it shows nothing and links nothing."""


def markdown_escape(text: object) -> str:
    """``text`` shown literally by ``st.markdown``/``st.caption``: no links, no markup.

    Every sign Markdown acts on is backslash-escaped, and a word joiner goes
    inside the starts of bare links, which Markdown would link even escaped.

    >>> markdown_escape("[click](javascript:x) *now* $5")
    '\\\\[click\\\\]\\\\(javascript\\\\:x\\\\) \\\\*now\\\\* \\\\$5'
    >>> markdown_escape("see https://a.org or me@a.org").replace(WORD_JOINER, "|")
    'see https|\\\\://a\\\\.org or me|@|a\\\\.org'
    """
    unlinked = AUTOLINK_START.sub(lambda m: _join(m[0]), str(text))
    return "".join("\\" + ch if ch in MARKDOWN_SPECIALS else ch for ch in unlinked)


def _join(start: str) -> str:
    return f"{WORD_JOINER}@{WORD_JOINER}" if start == "@" else start + WORD_JOINER


QUALIFIER_SIGNS: dict[str, str] = {
    "approximate": "≈",
    "more_than": ">",
    "at_least": "≥",
    "less_than": "<",
    "at_most": "≤",
}
"""Qualifier -> the sign a metric card puts before the figure (the words go under it)."""


def compact_figure(row: dict) -> str:
    """A figure short enough for a metric card: the qualifier as a sign.

    >>> compact_figure({"value": 4.13e6, "kind": "count", "qualifier": "more_than"})
    '>4.13 million'
    >>> compact_figure({"value": 7.85e12, "kind": "money", "currency": "CNY",
    ...     "qualifier": "approximate"})
    '≈CN¥7.85 trillion'
    """
    qualifier = str(row.get("qualifier") or "exact")
    if qualifier == "range":
        return row_figure(row)
    bare = row_figure({**row, "qualifier": "exact"})
    return QUALIFIER_SIGNS.get(qualifier, "") + bare
