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

import datetime as dt
import functools
import re

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.languages import get_official_languages
from babel.numbers import (
    get_currency_name,
    get_currency_symbol,
    get_territory_currencies,
    list_currencies,
)

from extractors.lexicon import NEWS_SPELLINGS, NEWS_SYMBOLS, SMALL_UNITS

CHINA_CONTEXT = re.compile(r"\b(?:China|Chinese|Beijing|Shanghai|yuan|renminbi|RMB)\b")


CURRENT_ON = dt.date(2025, 1, 1)
"""The date at which CLDR says which currencies are in use (fixed, so results do not drift)."""


@functools.lru_cache(maxsize=1)
def _current_codes() -> dict[str, tuple[str, ...]]:
    """ISO code -> territories using it on ``CURRENT_ON`` (CLDR's territory currencies)."""
    used: dict[str, list[str]] = {}
    for territory in get_global("territory_currencies"):
        for code in get_territory_currencies(territory, start_date=CURRENT_ON):
            used.setdefault(code, []).append(territory)
    return {code: tuple(places) for code, places in used.items()}


def _home_symbols(current: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Symbols a currency has in its own territories' first official language, when unambiguous.

    "zł" (PLN, pl_PL), "Kč" (CZK), "Ft" (HUF), "₺" (TRY), "RM" is left out: only
    symbols with a non-ASCII character or a lower-case letter are kept, since a
    bare capital ("P", "Q", "SR") next to a number is more often a name.
    """
    seen: dict[str, set[str]] = {}
    for code, territories in current.items():
        for territory in territories:
            languages = get_official_languages(territory)
            if not languages:
                continue
            try:
                locale = Locale.parse(f"{languages[0]}_{territory}")
            except (ValueError, UnknownLocaleError):
                continue
            symbol = locale.currency_symbols.get(code, code).strip()
            if symbol == code or "\u200f" in symbol or "\u200b" in symbol or not symbol:
                continue
            if symbol.isascii() and not any(c.islower() for c in symbol) and symbol != "$US":
                continue
            seen.setdefault(symbol, set()).add(code)
    return {symbol: codes.pop() for symbol, codes in seen.items() if len(codes) == 1}


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """(symbol -> code, lower-case name -> code, ISO codes) from CLDR plus the news tables.

    Names are CLDR's English names, singular and plural ("Swiss francs"), and
    the last word of a plural name when only one currency in use has it
    ("shekels" for "Israeli new shekels", "dong").  Symbols are CLDR's English
    ones, the currencies' home symbols (``_home_symbols``), and for every
    "XX$" also the spaced "XX $" that wire copy prints ("HK $3.7 billion").
    """
    codes = frozenset(list_currencies())
    current = _current_codes()
    names: dict[str, str] = {}
    last_words: dict[str, set[str]] = {}
    for code, name in Locale("en").currencies.items():
        if code not in codes:
            continue
        plural = get_currency_name(code, count=2, locale="en").lower()
        names[name.lower()] = code
        names[plural] = code
        if code in current and " " in plural:
            last_words.setdefault(plural.rsplit(" ", 1)[1], set()).add(code)
    for word, owners in last_words.items():
        if len(owners) == 1:
            names.setdefault(word, next(iter(owners)))
    names.update(NEWS_SPELLINGS)
    symbols: dict[str, str] = {}
    for code in codes:
        symbol = get_currency_symbol(code, "en")
        if symbol != code and not symbol.isalpha():
            symbols.setdefault(symbol, code)
    for symbol, code in _home_symbols(current).items():
        symbols.setdefault(symbol, code)
    symbols.update(NEWS_SYMBOLS)
    for symbol, code in list(symbols.items()):
        if len(symbol) > 1 and symbol.endswith("$") and symbol[:-1].isalpha():
            symbols.setdefault(f"{symbol[:-1]} $", code)
    return symbols, names, codes


@functools.lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """First words of every currency name: most words after a figure are not one."""
    return frozenset(name.split()[0] for name in _tables()[1])


@functools.lru_cache(maxsize=1)
def _symbol_ends() -> dict[str, tuple[int, ...]]:
    """Last character of a currency symbol -> lengths of the symbols ending in it, longest first.

    Most text before a figure ends in no symbol's last character; the rest is
    looked up only at the lengths a symbol ending there has.
    """
    sizes: dict[str, set[int]] = {}
    for symbol in _tables()[0]:
        if len(symbol) <= MAX_SYMBOL:
            sizes.setdefault(symbol[-1], set()).add(len(symbol))
    return {end: tuple(sorted(lengths, reverse=True)) for end, lengths in sizes.items()}


@functools.lru_cache(maxsize=1)
def _after_symbols() -> dict[str, str]:
    """Symbols that may follow a figure ("1,200€", "6.89 zł"): none that is only capitals."""
    return {s: c for s, c in _tables()[0].items() if not (s.isalpha() and s.isupper())}


def first_words() -> frozenset[str]:
    """First words of every currency name, lower case (for ``scanner``'s quick test)."""
    return _first_words()


def symbol_starts() -> frozenset[str]:
    """First characters of the symbols that may follow a figure ("1,200€", "6.89 zł")."""
    return _after_starts()


@functools.lru_cache(maxsize=1)
def _after_starts() -> frozenset[str]:
    """First characters of the symbols ``_symbol_after`` looks for."""
    return frozenset(symbol[0] for symbol in _after_symbols())


SMALL_AFTER = re.compile(
    r"[ \u00a0]+(cents?|pence|paise|sen|piastres|kopecks)\b|(p)(?![\w'’-])", re.IGNORECASE
)
FIRST_WORD_AFTER = re.compile(r"[ \u00a0]+(U\.S\.|[A-Za-z]+)")
"""The first word of ``WORDS_AFTER``: a cheaper match rules out most words after a figure."""
WORDS_AFTER = re.compile(
    r"[ \u00a0]+(U\.S\.|[A-Za-z]+)(?:[ \u00a0]([A-Za-z]+))?(?:[ \u00a0]([A-Za-z]+))?"
)
CODE_AFTER = re.compile(r"[ \u00a0]?([A-Z]{3})(?![\w-])")
MAX_SYMBOL = 5


def prefix_currency(before: str) -> tuple[str, str] | None:
    """The currency symbol or code that ends ``before`` (as written, ISO code).

    Dictionary look-ups on the last few characters, not a regular expression
    over hundreds of alternatives: this runs once per figure.  A code glued to
    the figure ("USD10m") is returned too; ``glued_code`` tells the caller.

    >>> prefix_currency("a loss of €")
    ('€', 'EUR')
    >>> prefix_currency("USD ")
    ('USD ', 'USD')
    >>> prefix_currency("raised USD")
    ('USD', 'USD')
    >>> prefix_currency("put at HK $")
    ('HK $', 'HKD')
    >>> prefix_currency("a COP")  # "COP28": the scanner drops a glued code before a small number
    ('COP', 'COP')
    >>> prefix_currency("for ") is None
    True
    """
    symbols, _, codes = _tables()
    spaced = before[-1:] in (" ", "\u00a0")
    core = before[:-1] if spaced else before
    if len(core) >= 3 and core[-3:] in codes and not core[-4:-3].isalnum():
        return core[-3:] + (before[-1] if spaced else ""), core[-3:]
    sizes = _symbol_ends().get(core[-1:])
    if sizes is None:
        return None  # every symbol tried below would end in this character
    for size in sizes:
        if size > len(core):
            continue
        written = core[-size:]
        code = symbols.get(written)
        if code is None:
            continue
        edge = core[-size - 1 : -size] if size < len(core) else ""
        if edge.isalnum() or edge in ("$", "_"):
            continue  # "COP28", "AUS$": part of a word, not a symbol
        return written + (before[-1] if spaced else ""), code
    return None


def glued_code(written: str) -> bool:
    """Whether a prefix is an ISO code glued to its figure ("USD10m"), which needs a check.

    >>> glued_code("USD"), glued_code("USD "), glued_code("HK$")
    (True, False, False)
    """
    return len(written) == 3 and written.isalpha() and written.isupper()


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
    if symbol := _symbol_after(after):
        return symbol
    first = FIRST_WORD_AFTER.match(after)
    if first is None or first[1].lower() not in _first_words():
        return None
    words = WORDS_AFTER.match(after)
    if words is None:
        return None
    for count in (3, 2, 1):
        if words[count] is None:
            continue
        phrase = " ".join(words[i] for i in range(1, count + 1)).lower()
        if phrase in names:
            return words[0][: words.end(count)], names[phrase]
    return None


def _symbol_after(after: str) -> tuple[str, str] | None:
    """A currency symbol right after a figure, glued or after one space ("1,200€", "6.89 zł").

    >>> _symbol_after("€ each"), _symbol_after(" zł a litre"), _symbol_after(" people")
    (('€', 'EUR'), (' zł', 'PLN'), None)
    """
    head = after[1:] if after[:1] in (" ", "\u00a0") else after
    if head[:1] not in _after_starts():
        return None  # most words after a figure start with no symbol's first character
    symbols = _after_symbols()
    for size in range(min(MAX_SYMBOL, len(head)), 0, -1):
        written = head[:size]
        code = symbols.get(written)
        if code is None or (written == "$" and head[size : size + 1].isdigit()):
            continue
        if head[size : size + 1].isalnum():
            continue  # "Ftse", "$5": a word or the next figure, not a symbol
        return after[: len(after) - len(head) + size], code
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
    >>> subunit_after("p a share")
    ('p', 'GBP', 0.01)
    """
    if match := SMALL_AFTER.match(after):
        code, factor = SMALL_UNITS[match[1].lower()] if match[1] else ("GBP", 0.01)
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
