"""Currencies: symbols, ISO codes and names to ISO 4217, from Babel's CLDR data.

CLDR gives the codes, the English names ("Swiss francs") and the symbols
("HK$", "€"); ``NEWS_SPELLINGS`` adds what news copy writes and CLDR lacks
(yuan, renminbi, RMB, US$, Rs). A bare ``$`` is USD; ``¥`` is CNY in a text
that speaks of China, JPY otherwise.

>>> currency_after(" yuan ($455 billion)")
(' yuan', 'CNY')
>>> prefix_currency("sales of US$")
('US$', 'USD')
"""

from __future__ import annotations

import functools
import re

from babel import Locale
from babel.numbers import get_currency_name, get_currency_symbol, list_currencies

NEWS_SPELLINGS: dict[str, str] = {
    "yuan": "CNY",
    "renminbi": "CNY",
    "rmb": "CNY",
    "dollar": "USD",
    "dollars": "USD",
    "us dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "rupee": "INR",
    "rupees": "INR",
    "won": "KRW",
    "real": "BRL",
    "reais": "BRL",
    "reals": "BRL",
    "rand": "ZAR",
    "franc": "CHF",
    "francs": "CHF",
    "roubles": "RUB",
    "rubles": "RUB",
    "lira": "TRY",
    "naira": "NGN",
    "pesos": "MXN",
    "ringgit": "MYR",
    "baht": "THB",
    "dirhams": "AED",
    "riyals": "SAR",
    "shillings": "KES",
    "krona": "SEK",
    "kronor": "SEK",
    "krone": "NOK",
    "kroner": "NOK",
    "zlotys": "PLN",
    "hryvnias": "UAH",
}
"""News spellings (lower case) of currency names after a figure, which CLDR lacks."""

SMALL_UNITS: dict[str, tuple[str, float]] = {
    "cents": ("USD", 0.01),
    "cent": ("USD", 0.01),
    "pence": ("GBP", 0.01),
    "paise": ("INR", 0.01),
}
"""Subunits after a figure: "40 cents" -> 0.40 USD."""

NEWS_SYMBOLS: dict[str, str] = {
    "$": "USD",
    "US$": "USD",
    "US $": "USD",
    "C$": "CAD",
    "S$": "SGD",
    "Rs.": "INR",
    "Rs": "INR",
    "R": "ZAR",
    "RMB": "CNY",
    "¥": "JPY",
}
"""Symbols news copy writes before a figure that CLDR's English data lacks or reads otherwise."""

CHINA_CONTEXT = re.compile(r"\b(?:China|Chinese|Beijing|Shanghai|yuan|renminbi|RMB)\b")


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """(symbol -> code, lower-case name -> code, ISO codes) from CLDR plus the news tables."""
    codes = frozenset(list_currencies())
    names: dict[str, str] = {}
    for code, name in Locale("en").currencies.items():
        if code not in codes:
            continue
        names[name.lower()] = code
        names[get_currency_name(code, count=2, locale="en").lower()] = code
    names.update(NEWS_SPELLINGS)
    symbols: dict[str, str] = {}
    for code in codes:
        symbol = get_currency_symbol(code, "en")
        if symbol != code and not symbol.isalpha():
            symbols.setdefault(symbol, code)
    symbols.update(NEWS_SYMBOLS)
    return symbols, names, codes


def _alternation(words: list[str]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


@functools.lru_cache(maxsize=1)
def patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Compiled once: (symbol or code before a figure, name after, code after, subunit after)."""
    symbols, names, codes = _tables()
    before = re.compile(
        rf"(?:(?<![\w$])(?:{_alternation(list(codes))})[ \u00a0]"
        rf"|(?<![\w$])(?:{_alternation([s for s in symbols if s[-1].isalpha()])})[ \u00a0]?|(?<![A-Za-z])(?:{_alternation([s for s in symbols if not s[-1].isalpha()])})"
        r"[ \u00a0]?)$"
    )
    name_after = re.compile(rf"[ \u00a0]+({_alternation(list(names))})(?![\w-])", re.IGNORECASE)
    code_after = re.compile(rf"[ \u00a0]?({_alternation(list(codes))})(?![\w-])")
    small_after = re.compile(rf"[ \u00a0]+({_alternation(list(SMALL_UNITS))})\b", re.IGNORECASE)
    return before, name_after, code_after, small_after


def prefix_currency(before: str) -> tuple[str, str] | None:
    """The currency symbol or code that ends ``before`` (as written, ISO code).

    >>> prefix_currency("a loss of €")
    ('€', 'EUR')
    >>> prefix_currency("USD ")
    ('USD ', 'USD')
    >>> prefix_currency("for ") is None
    True
    """
    match = patterns()[0].search(before[-8:])
    if match is None:
        return None
    written = match[0]
    symbols, _, codes = _tables()
    key = written.rstrip(" \u00a0")
    code = symbols.get(key) or (key if key in codes else None)
    if code is None:
        return None
    return written, code


def currency_after(after: str) -> tuple[str, str] | None:
    """A currency name or ISO code right after a figure: (text matched, ISO code).

    >>> currency_after(" Swiss francs in fines")
    (' Swiss francs', 'CHF')
    >>> currency_after("USD")
    ('USD', 'USD')
    """
    _, name_after, code_after, _ = patterns()
    if match := code_after.match(after):
        return match[0], match[1]
    if match := name_after.match(after):
        return match[0], _tables()[1][" ".join(match[1].lower().split())]
    return None


def subunit_after(after: str) -> tuple[str, str, float] | None:
    """A subunit after a figure: (text matched, ISO code, factor).

    >>> subunit_after(" cents a litre")
    (' cents', 'USD', 0.01)
    """
    if match := patterns()[3].match(after):
        code, factor = SMALL_UNITS[match[1].lower()]
        return match[0], code, factor
    return None


def speaks_of_china(text: str) -> bool:
    """Whether ``¥`` in this text means yuan (searched once per text).

    >>> speaks_of_china("Beijing said ¥5 billion")
    True
    """
    return CHINA_CONTEXT.search(text) is not None


def resolve_yen_sign(code: str, written: str, china: bool) -> str:
    """``¥`` is yuan in a text about China, yen otherwise.

    >>> resolve_yen_sign("JPY", "¥", True)
    'CNY'
    """
    if written.strip() == "¥" and china:
        return "CNY"
    return code
