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

from extractors.lexicon import NEWS_SPELLINGS, NEWS_SYMBOLS, SMALL_UNITS

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


@functools.lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """First words of every currency name: most words after a figure are not one."""
    return frozenset(name.split()[0] for name in _tables()[1])


@functools.lru_cache(maxsize=1)
def _symbol_ends() -> frozenset[str]:
    """Last characters of every currency symbol: most text before a figure ends in none."""
    return frozenset(symbol[-1] for symbol in _tables()[0])


SMALL_AFTER = re.compile(r"[ \u00a0]+(cents?|pence|paise)\b", re.IGNORECASE)
FIRST_WORD_AFTER = re.compile(r"[ \u00a0]+([A-Za-z]+)")
"""The first word of ``WORDS_AFTER``: a cheaper match rules out most words after a figure."""
WORDS_AFTER = re.compile(r"[ \u00a0]+([A-Za-z]+)(?:[ \u00a0]([A-Za-z]+))?(?:[ \u00a0]([A-Za-z]+))?")
CODE_AFTER = re.compile(r"[ \u00a0]?([A-Z]{3})(?![\w-])")
MAX_SYMBOL = 4


def prefix_currency(before: str) -> tuple[str, str] | None:
    """The currency symbol or code that ends ``before`` (as written, ISO code).

    Dictionary look-ups on the last few characters, not a regular expression
    over hundreds of alternatives: this runs once per figure.

    >>> prefix_currency("a loss of €")
    ('€', 'EUR')
    >>> prefix_currency("USD ")
    ('USD ', 'USD')
    >>> prefix_currency("a COP")  is None
    True
    >>> prefix_currency("for ") is None
    True
    """
    symbols, _, codes = _tables()
    spaced = before[-1:] in (" ", "\u00a0")
    core = before[:-1] if spaced else before
    if spaced and len(core) >= 3 and core[-3:] in codes and not core[-4:-3].isalnum():
        return before[-4:], core[-3:]
    if core[-1:] not in _symbol_ends():
        return None  # every symbol tried below would end in this character
    for size in range(min(MAX_SYMBOL, len(core)), 0, -1):
        written = core[-size:]
        code = symbols.get(written)
        if code is None:
            continue
        edge = core[-size - 1 : -size] if size < len(core) else ""
        if edge.isalnum() or edge in ("$", "_"):
            continue  # "COP28", "AUS$": part of a word, not a symbol
        return written + (before[-1] if spaced else ""), code
    return None


def currency_after(after: str) -> tuple[str, str] | None:
    """A currency name or ISO code right after a figure: (text matched, ISO code).

    >>> currency_after(" Swiss francs in fines")
    (' Swiss francs', 'CHF')
    >>> currency_after(" yuan ($455 billion)")
    (' yuan', 'CNY')
    >>> currency_after("USD")
    ('USD', 'USD')
    >>> currency_after(" people") is None
    True
    """
    _, names, codes = _tables()
    if _may_start_with_code(after) and (match := CODE_AFTER.match(after)) and match[1] in codes:
        return match[0], match[1]
    first = FIRST_WORD_AFTER.match(after)
    if first is None or first[1].lower() not in _first_words():
        return None
    match = WORDS_AFTER.match(after)
    for count in (3, 2, 1):
        if match[count] is None:
            continue
        phrase = " ".join(match[i] for i in range(1, count + 1)).lower()
        if phrase in names:
            return match[0][: match.end(count)], names[phrase]
    return None


def _may_start_with_code(after: str) -> bool:
    """Whether ``CODE_AFTER`` can match: an upper-case letter first, or after one space.

    >>> _may_start_with_code(" USD"), _may_start_with_code(" people")
    (True, False)
    """
    first = after[1:2] if after[:1] in (" ", "\u00a0") else after[:1]
    return "A" <= first <= "Z"


def subunit_after(after: str) -> tuple[str, str, float] | None:
    """A subunit after a figure: (text matched, ISO code, factor).

    >>> subunit_after(" cents a litre")
    (' cents', 'USD', 0.01)
    >>> subunit_after(" cent")
    (' cent', 'USD', 0.01)
    """
    if match := SMALL_AFTER.match(after):
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
