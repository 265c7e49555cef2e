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
from extractors.patterns import ascii_fold

_UNIT = "|".join(sorted(UNIT_WORDS, key=len, reverse=True))
_TENS = "|".join(TENS_WORDS)
_SMALL = rf"(?:(?:{_TENS})(?:[- ](?:{_UNIT}))?|{_UNIT})"
NUMBER_WORDS = (
    rf"(?:{_SMALL}(?:\s+hundred(?:\s+(?:and\s+)?{_SMALL})?|\s+dozen)?|(?:a\s+)?dozen"
    rf"|a\s+hundred(?:\s+and\s+{_SMALL})?)"
)
"""Number words up to "nine hundred and ninety-nine"; a scale word may follow."""


_DENOM = "|".join(sorted(DENOMINATORS, key=len, reverse=True))
VULGAR_CHARS = "".join(VULGAR_FRACTIONS)
FRACTION = rf"(?:(?:an?|one|two|three|four|five|six|seven|eight|nine)[\s-](?:{_DENOM})|half)"

SCALE_WORDS = r"thousand|million|billion|trillion|lakhs?|lacs?|crores?"
"""The scale words written out, as a regular expression."""

AMBIGUOUS_SCALES = frozenset({"m", "b"})
""""100m" is metres and "5b" a label unless a currency is attached ("$45m")."""

FOLD = rf"(?:{_UNIT}|{_TENS}|hundred)fold"
"""A multiple: "sixfold", "tenfold"."""
SCIENTIFIC_AFTER = re.compile(r"(?:[ \u00a0]?[×x][ \u00a0]?10\^?|[eE])([-−+]?\d{1,3})(?![\w.])")
"""An exponent right after the digits: "1.99×10^30", "3.2 x 10^5", "9.11e-31"."""
MIXED_AFTER = re.compile(
    r"[ \u00a0](\d)/(\d{1,2})(?=[ \u00a0]*(?:%|per))|([" + "".join(VULGAR_FRACTIONS) + "])"
)
"""A fraction after whole digits: "5 1/2 percent", "2¼"."""

DIGIT_SHAPES: tuple[tuple[str, str, str], ...] = (
    ("slash", r"\d", r"\d?/\d{1,2}(?=[ \u00a0]+of\b)"),  # "3/4 of the members"
    ("skip", r"\d", r"\d{3}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?"),  # ISO dates, timestamps
    ("skip", r"\d", r"\d*:\d+(?::\d+)?"),  # clock times, ratios, scores
    ("skip", r"\+", r"\d{1,3}[ -]?(?:\(\d+\)[ -]?)?\d{2,4}(?:[ -]\d{2,4}){1,3}"),  # "+44 20 7946"
    ("skip", r"\(", r"\d{3}\)[ .-]?\d{3}[ .-]\d{4}"),  # North American phones: (555) 123-4567
    ("skip", r"\d", r"\d{2}[.-]\d{3}[.-]\d{4}"),  # and 555-123-4567
    ("skip", "0", r"\d{2,4}[ -]\d{3}[ -]?\d{3,4}(?!\d)"),  # national phones: 0800 555 111
    ("skip", r"\d", r"\d*(?:\.\d+){2,}"),  # version numbers, IP addresses
    ("skip", r"\d", r"\d*(?:/\d+)+"),  # 24/7, 2022/23, dates written with slashes
    ("digits", r"\d", r"\d?(?:,\d\d)+,\d{3}(?:\.\d+)?"),  # the Indian grouping "41,30,000"
    ("digits", r"\d", r"\d*(?:,\d{3})*(?:\.\d+)?"),  # "4,130,000", "4.13"
    ("digits", r"\.", r"\d+"),  # ".5"
    ("vulgar", f"[{VULGAR_CHARS}]", ""),  # "½"
)
"""The shapes a figure in digits can start with, in the order they are tried.

Each is (shape, its first character as a class, the rest).  ``skip`` shapes
are never statistics: the scanner consumes them whole.  The first character
is kept apart so that ``DIGIT_ATOM`` can open with the class of every first
character (see there).
"""


def _shape(name: str) -> str:
    """The alternation of one shape's patterns, each its first character and its rest."""
    return "|".join(first + rest for shape, first, rest in DIGIT_SHAPES if shape == name)


DIGITS = f"(?:{_shape('digits')})"
"""Digits as written: "4,130,000", "4.13", ".5", and the Indian grouping "41,30,000"."""
SLASH = _shape("slash")
"""A fraction written with a slash and "of" after it: "3/4 of the members"."""
SKIP = _shape("skip")
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

WORD_ATOM = re.compile(
    r"\b(?=[adefhnostqw])(?<![\w-])"
    rf"(?:(?P<fraction>{FRACTION})|(?P<words>{NUMBER_WORDS}"
    rf"|an?(?=\s+(?:{SCALE_WORDS})\b))|(?P<fold>{FOLD}))(?![\w-])",
    re.IGNORECASE,
)
"""The number-word half of ``ATOM``: its matches hold no digit, sign, bracket or dot."""

FIRST_WIDE_DIGIT = "\u0660"
"""The first decimal digit beyond ASCII (Arabic-Indic zero): every other one comes after it."""
DIGIT_SCAN = re.compile(
    rf"[0-9+(.{VULGAR_CHARS}{FIRST_WIDE_DIGIT}-\U0010ffff](?i:"
    + "|".join(
        rf"(?<={first}){rest}(?P<{shape}_{i}>)"
        for i, (shape, first, rest) in enumerate(DIGIT_SHAPES)
    )
    + ")"
)
r"""The digit half of ``ATOM`` in a pattern that opens with a class of its first characters.

``digit_matches`` matches it at each digit; a text with digits beyond ASCII is
scanned with it, and a pattern that opens with a class lets ``re`` skip in C
to the places the class matches.  After the class, each shape checks its own
first character in a look-behind (in ``DIGIT_SHAPES`` order, as ``ATOM`` tries
them) and ends in an empty group named ``<shape>_<i>`` (``DIGIT_GROUPS``).  The
class names digits as ranges, not ``\d``: ``re`` tests a range in a table and
``\d`` by a call per character.
"""
DIGIT_GROUPS: dict[str, str] = {
    f"{shape}_{i}": shape for i, (shape, _, _) in enumerate(DIGIT_SHAPES)
}


def _word_keys() -> tuple[str, ...]:
    """Lower-case words of which every match of ``WORD_ATOM`` holds one.

    At its start ("five", "twenty-one", "half", "sixfold") or after "a" or
    "an" ("a third", "a dozen", "a million"); a word that begins with another
    key ("sixty" and "sixteen" with "six", "tenth" with "ten") is left out, as
    the shorter one finds it.
    """
    scales = SCALE_WORDS.replace("s?", "").split("|")
    words = {*UNIT_WORDS, *TENS_WORDS, *DENOMINATORS, *scales, "dozen", "half", "hundred"}
    return tuple(sorted(w for w in words if not any(w != o and w.startswith(o) for o in words)))


WORD_KEYS = _word_keys()
WORD_BYTES = tuple(key.encode("ascii") for key in WORD_KEYS)


def word_atoms(text: str, folded: bytes) -> list[tuple[int, int, str]]:
    """(start, end, shape) of each match of ``WORD_ATOM``, as a left-to-right scan finds them.

    Number words are rare in news, and a pattern tried at every word start
    (a fifth of all characters) was a third of the extractor's work.  So each
    key of ``WORD_KEYS`` is found by ``bytes.find`` in ``folded`` (the text
    lowered as ASCII bytes, ``patterns.ascii_fold``), which runs in C over the
    whole text at once, and ``WORD_ATOM`` is tried only where a key starts a
    word, and at the "a" or "an" before one.
    """
    places: set[int] = set()
    for key in WORD_BYTES:
        at = folded.find(key)
        while at >= 0:
            before = text[at - 1] if at else " "
            if not (before.isalnum() or before in "_-"):
                places.add(at)  # not inside a word: "one", not "money"
            if before.isspace() or before == "-":
                article = _article_before(text, at)
                if article >= 0:
                    places.add(article)
            at = folded.find(key, at + 1)
    found: list[tuple[int, int, str]] = []
    end = 0
    for place in sorted(places):
        if place < end:
            continue  # inside the last match: "hundred" in "one hundred"
        if match := WORD_ATOM.match(text, place):
            end = match.end()
            found.append((place, end, match.lastgroup or "words"))
    return found


DIGIT_MARKS = bytes.maketrans(b"123456789", b"000000000")
"""Every ASCII digit as "0", so one ``bytes.find`` (``memchr``) finds the next digit."""
DIGIT_OPENERS = "+(."
"""The first characters of digit shapes other than digits; a digit follows each."""


def digit_matches(text: str, folded: bytes) -> Iterator[re.Match[str]]:
    """Every match of ``DIGIT_SCAN.finditer(text)``, found from the digits out.

    ``re`` tests the class a pattern opens with at every character, a call
    each: a tenth of the work on news, most of it between figures.  Here the
    next digit is found by ``memchr`` in ``folded`` (``patterns.ascii_fold``),
    and the pattern matched at it, or at the sign, bracket or dot before it.
    Every shape takes at least one digit, so a match starts at every digit
    the last match did not take.  A text with digits beyond ASCII or vulgar
    fractions (seen as "?" in ``folded``) is scanned by the pattern itself.
    """
    if _beyond_ascii_digits(text, folded):
        yield from DIGIT_SCAN.finditer(text)
        return
    marks = folded.translate(DIGIT_MARKS)
    end = 0
    at = marks.find(b"0")
    while at >= 0:
        match = None
        if at > end and text[at - 1] in DIGIT_OPENERS:
            match = DIGIT_SCAN.match(text, at - 1)
        if match is None:
            match = DIGIT_SCAN.match(text, at)
        if match is None:  # cannot happen: "digits" takes any one digit
            return
        yield match
        end = match.end()
        at = marks.find(b"0", end)


def _beyond_ascii_digits(text: str, folded: bytes) -> bool:
    """Whether ``text`` may hold a digit or vulgar fraction beyond ASCII (``\\d`` is Unicode's)."""
    if text.isascii():
        return False
    if folded.count(b"?") > len(text) // 8:
        return True  # mostly beyond ASCII: not worth looking at each character
    at = folded.find(b"?")
    while at >= 0:
        if text[at].isdecimal() or text[at] in VULGAR_CHARS:
            return True
        at = folded.find(b"?", at + 1)
    return False


def _article_before(text: str, at: int) -> int:
    """Where "a" or "an" stands before the spaces or hyphens before ``at``, else -1."""
    i = at - 1
    while i >= 0 and (text[i].isspace() or text[i] == "-"):
        i -= 1
    if i >= 1 and text[i] in "nN" and text[i - 1] in "aA":
        return i - 1
    return i if i >= 0 and text[i] in "aA" else -1


def atoms(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, shape) of each match of ``ATOM.finditer(text)``, in order.

    The two halves of ``ATOM`` are found apart (``digit_matches``, ``word_atoms``)
    and merged: a match of one never starts inside a match of the other
    (digits, signs, brackets and dots against letters, spaces and hyphens), and
    each ends in a word character, which a number word cannot follow.

    >>> list(atoms("Five rose 7% to 1,200."))
    [(0, 4, 'words'), (10, 11, 'digits'), (16, 21, 'digits')]
    """
    folded = ascii_fold(text)
    words = word_atoms(text, folded)
    i, count = 0, len(words)
    groups = DIGIT_GROUPS
    for match in digit_matches(text, folded):
        start = match.start()
        while i < count and words[i][0] < start:
            yield words[i]
            i += 1
        yield start, match.end(), groups[match.lastgroup or ""]
    yield from words[i:]


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

HUNDRED_AFTER = re.compile(r"[ \u00a0]+hundred(?![\w-])", re.IGNORECASE)
""""4 hundred million", "3 hundred staff": digits times a written hundred, before any scale."""

HALF_A_SCALE = re.compile(rf"\s+an?\s+({SCALE_WORDS})\b", re.IGNORECASE)
""""half a million", "a third of a billion" is rare and left out."""


POWERS_OF_TEN: dict[float, str] = {float(f"1e{k}"): f"e{k}" for k in range(-6, 16)}
"""Factors that are a power of ten (every scale and subunit) -> their exponent as written."""


def scaled(value: float, factor: float) -> float:
    """``value * factor`` computed in decimal, so "8.38 trillion" is 8380000000000.0 exactly.

    For a power of ten the product is read from the digits with the exponent
    appended ("8.38e12"): ``float`` rounds that decimal once, correctly, as it
    rounds the ``Decimal`` product, without building two ``Decimal`` values.

    >>> scaled(8.38, 1e12), 8.38 * 1e12, scaled(45.0, 0.01)
    (8380000000000.0, 8380000000000.001, 0.45)
    """
    digits = repr(value)
    exponent = POWERS_OF_TEN.get(factor)
    if exponent is not None and "e" not in digits and digits[-1:].isdigit():
        return float(digits + exponent)
    return float(Decimal(digits) * Decimal(repr(factor)))


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
