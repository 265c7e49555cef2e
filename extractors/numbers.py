"""Numbers as written: digits, scale words, number words, fractions and ranges.

Each pattern here is compiled once and has no nested quantifiers over
overlapping text, so scanning is linear in the input.  Values of number words
come from text2num (``text_to_num``), not from hand tables; the word list
below only lets the scanner find them.

>>> parse_number("3,412,870")
3412870.0
>>> parse_number("Twenty-one")
21.0
>>> parse_number("a dozen")
12.0
>>> SCALES["bn"]
1000000000.0
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from text_to_num import text2num

from extractors.lexicon import DENOMINATORS, SCALES, TENS_WORDS, UNIT_WORDS, VULGAR_FRACTIONS

_UNIT = "|".join(sorted(UNIT_WORDS, key=len, reverse=True))
_TENS = "|".join(TENS_WORDS)
_SMALL = rf"(?:(?:{_TENS})(?:[- ](?:{_UNIT}))?|{_UNIT})"
NUMBER_WORDS = (
    rf"(?:{_SMALL}(?:\s+hundred(?:\s+(?:and\s+)?{_SMALL})?|\s+dozen)?|(?:a\s+)?dozen"
    rf"|a\s+hundred(?:\s+and\s+{_SMALL})?)"
)
"""Number words up to "nine hundred and ninety-nine"; a scale word may follow."""


_DENOM = "|".join(sorted(DENOMINATORS, key=len, reverse=True))
FRACTION = rf"(?:(?:an?|one|two|three|four|five|six|seven|eight|nine)[\s-](?:{_DENOM})|half)"

SCALE_WORDS = r"thousand|million|billion|trillion|lakhs?|lacs?|crores?"
"""The scale words written out, as a regular expression."""

AMBIGUOUS_SCALES = frozenset({"m", "b"})
""""100m" is metres and "5b" a label unless a currency is attached ("$45m")."""

DIGITS = r"(?:\d{1,2}(?:,\d\d)+,\d{3}(?:\.\d+)?|\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)"
"""Digits as written: "4,130,000", "4.13", ".5", and the Indian grouping "41,30,000"."""
SLASH = r"\d{1,2}/\d{1,2}(?=[ \u00a0]+of\b)"
"""A fraction written with a slash and "of" after it: "3/4 of the members"."""
VULGAR_CHARS = "".join(VULGAR_FRACTIONS)
FOLD = rf"(?:{_UNIT}|{_TENS}|hundred)fold"
"""A multiple: "sixfold", "tenfold"."""
SCIENTIFIC_AFTER = re.compile(r"(?:[ \u00a0]?[×x][ \u00a0]?10\^?|[eE])([-−+]?\d{1,3})(?![\w.])")
"""An exponent right after the digits: "1.99×10^30", "3.2 x 10^5", "9.11e-31"."""
MIXED_AFTER = re.compile(
    r"[ \u00a0](\d)/(\d{1,2})(?=[ \u00a0]*(?:%|per))|([" + "".join(VULGAR_FRACTIONS) + "])"
)
"""A fraction after whole digits: "5 1/2 percent", "2¼"."""

SKIP = (
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?"  # ISO dates and timestamps
    r"|\d+:\d+(?::\d+)?"  # clock times, ratios, scores
    r"|\+\d{1,3}[ -]?(?:\(\d+\)[ -]?)?\d{2,4}(?:[ -]\d{2,4}){1,3}"  # international phones
    r"|\(\d{3}\)[ .-]?\d{3}[ .-]\d{4}|\d{3}[.-]\d{3}[.-]\d{4}"  # North American phones
    r"|0\d{2,4}[ -]\d{3}[ -]?\d{3,4}(?!\d)"  # national phones: 0800 555 111
    r"|\d+(?:\.\d+){2,}"  # version numbers, IP addresses
    r"|\d+(?:/\d+)+"  # 24/7, 2022/23, dates written with slashes
)
"""Digit shapes that are never statistics; the scanner consumes them whole."""

ATOM = re.compile(
    rf"(?=[\d+(.{VULGAR_CHARS}])(?:(?P<slash>{SLASH})|(?P<skip>{SKIP})|(?P<digits>{DIGITS})"
    rf"|(?P<vulgar>[{VULGAR_CHARS}]))"
    r"|\b(?=[adefhnostqw])(?<![\w-])"  # cheap guards first: most positions fail here
    rf"(?:(?P<fraction>{FRACTION})|(?P<words>{NUMBER_WORDS}"
    rf"|an?(?=\s+(?:{SCALE_WORDS})\b))|(?P<fold>{FOLD}))(?![\w-])",
    re.IGNORECASE,
)
"""One scan of the text finds every place a figure can start."""

DIGIT_ATOM = re.compile(
    rf"(?=[\d+(.{VULGAR_CHARS}])(?:(?P<slash>{SLASH})|(?P<skip>{SKIP})|(?P<digits>{DIGITS})"
    rf"|(?P<vulgar>[{VULGAR_CHARS}]))",
    re.IGNORECASE,
)
"""The digit half of ``ATOM``: its matches hold no letter that can start a number word."""
WORD_ATOM = re.compile(
    r"\b(?=[adefhnostqw])(?<![\w-])"
    rf"(?:(?P<fraction>{FRACTION})|(?P<words>{NUMBER_WORDS}"
    rf"|an?(?=\s+(?:{SCALE_WORDS})\b))|(?P<fold>{FOLD}))(?![\w-])",
    re.IGNORECASE,
)
"""The number-word half of ``ATOM``: its matches hold no digit, sign, bracket or dot."""
WORD_START = re.compile(
    r"[^\w-](?i:(?=a(?:n?[\s-])|one|t(?:w[oe]|h[ri]|en)|f(?:o[ur]|i[vf])|s(?:ix|ev)|e(?:ig|le)"
    r"|nin|hal|doz))"
)
"""The character before every place ``WORD_ATOM`` can match (but the text's start).

Each number word begins with one of these few letter pairs or triples.  The
pattern starts with a character class, so ``re`` skips along the text in C
instead of trying ``WORD_ATOM`` at every position."""


def atoms(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``ATOM.finditer(text)``, found about twice as fast.

    Digits and number words are searched apart and merged by position: a match
    of one half never starts inside a match of the other (see the two halves),
    so the merged list is what one search with both would find.
    """
    words = _word_atoms(text)
    word = next(words, None)
    for digit in DIGIT_ATOM.finditer(text):
        while word is not None and word.start() < digit.start():
            yield word
            word = next(words, None)
        yield digit
    if word is not None:
        yield word
        yield from words


def _word_atoms(text: str) -> Iterator[re.Match[str]]:
    """``WORD_ATOM.finditer(text)``, trying only the places ``WORD_START`` points at."""
    end = 0
    if match := WORD_ATOM.match(text, 0):
        end = match.end()
        yield match
    for before in WORD_START.finditer(text):
        start = before.end()
        if start >= end and (match := WORD_ATOM.match(text, start)):
            end = match.end()
            yield match


NUMBER_AT = re.compile(
    rf"(?P<digits>{DIGITS})|(?P<fraction>{FRACTION})(?![\w-])|(?P<words>{NUMBER_WORDS})(?![\w-])",
    re.IGNORECASE,
)
"""A number starting exactly here (for the second half of a range)."""

SCALE_AFTER = re.compile(
    rf"(?:[ \u00a0]+({SCALE_WORDS})|[ \u00a0]?(mn|mln|bn|bln|trn|trln|tn)|(k|m|b))"
    r"(?!\w|-(?![$€£¥\d]))",
    re.IGNORECASE,
)
"""A scale right after a number: " million", "bn", "k"."""

COUNTED_AFTER = re.compile(r"[ \u00a0]+(?:people|[a-z]+[^s\W]s)\b(?<!metres)(?<!hurdles)")
"""A plural noun after "1m": the m is million ("1m people", "5m users")."""
MODIFIED_BEFORE = re.compile(r"(?<![\w-])(?:a|the|an)[ \u00a0]+\d+$", re.IGNORECASE)
"""A determiner right before ("a 100m sprint"): the figure names a distance."""

HALF_A_SCALE = re.compile(rf"\s+an?\s+({SCALE_WORDS})\b", re.IGNORECASE)
""""half a million", "a third of a billion" is rare and left out."""


def scaled(value: float, factor: float) -> float:
    """``value * factor`` computed in decimal, so "8.38 trillion" is 8380000000000.0 exactly.

    >>> scaled(8.38, 1e12), 8.38 * 1e12
    (8380000000000.0, 8380000000000.001)
    """
    return float(Decimal(repr(value)) * Decimal(repr(factor)))


def with_exponent(value: float, exponent: str) -> float:
    """``value`` times ten to ``exponent``, in decimal: "1.99×10^30" -> 1.99e30.

    >>> with_exponent(9.11, "-31"), with_exponent(3.2, "5")
    (9.11e-31, 320000.0)
    """
    return float(Decimal(repr(value)).scaleb(int(exponent.replace("−", "-"))))


def parse_number(written: str) -> float:
    """The value of digits or number words as written (no scale, no sign).

    >>> parse_number("One hundred and fifty")
    150.0
    >>> parse_number("two dozen")
    24.0
    >>> parse_number("4.13")
    4.13
    """
    text = written.strip()
    if text[:1].isdigit() or text[:1] == ".":
        return float(text.replace(",", ""))
    lower = " ".join(text.lower().replace("-", " ").split())
    if lower.endswith("dozen"):
        head = lower.removesuffix("dozen").strip()
        return 12.0 * (text2num(head, "en") if head and head != "a" else 1)
    if lower in ("a", "an"):
        return 1.0
    if lower.startswith("a hundred"):
        lower = "one" + lower[1:]  # "A hundred and twenty"
    return float(text2num(lower, "en"))


def parse_fraction(written: str) -> float:
    """A fraction word as a share of one.

    >>> parse_fraction("two-thirds")
    0.6666666666666666
    >>> parse_fraction("a quarter")
    0.25
    >>> parse_fraction("Half")
    0.5
    """
    parts = written.lower().replace("-", " ").split()
    if len(parts) == 1:
        return 1 / DENOMINATORS[parts[0]]
    numerator = 1.0 if parts[0] in ("a", "an") else parse_number(parts[0])
    return numerator / DENOMINATORS[parts[-1]]


def _names_distance(text: str, pos: int, match: re.Match[str]) -> bool:
    """Whether an unscaled "100m" reads as metres: no plural noun after, or "a"/"the" before."""
    counted = COUNTED_AFTER.match(text, match.end())
    return counted is None or MODIFIED_BEFORE.search(text, max(0, pos - 12), pos) is not None


def scale_at(text: str, pos: int, currency: bool) -> tuple[int, float] | None:
    """(end, factor) of a scale word or abbreviation starting at ``pos``.

    >>> scale_at("670 million users", 3, False)
    (11, 1000000.0)
    >>> scale_at("a 100m sprint", 5, False) is None
    True
    >>> scale_at("Over 1m people", 6, False)
    (7, 1000000.0)
    >>> scale_at("the 400m hurdles", 7, False) is None
    True
    >>> scale_at("13.1m users", 4, False)
    (5, 1000000.0)
    >>> scale_at("$45m", 3, True)
    (4, 1000000.0)
    """
    match = SCALE_AFTER.match(text, pos)
    if match is None:
        return None
    word = (match[1] or match[2] or match[3]).lower()
    ambiguous = word in AMBIGUOUS_SCALES and not currency
    if ambiguous and "." not in text[max(0, pos - 4) : pos] and _names_distance(text, pos, match):
        return None  # "13.1m subscribers", "1m people" are millions; "a 100m sprint" metres
    return match.end(), SCALES[word]
