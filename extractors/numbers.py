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

WORD_BEFORE = r" \x00-\x1f!-,./:-@\[-^`{-\U0010ffff"
r"""A class of every character that is neither a word character nor a hyphen, and more.

Every ASCII character but letters, digits, "_" and "-", and every non-ASCII
one: a number word stands after one of these (or at the text's start), and
``(?<!\w)`` drops the non-ASCII word characters the class lets in.  Written
as ranges, not ``[^\w-]``, since a plain class is tested in one look-up.
"""
WORD_LETTERS = "aAoOtTfFsS\u017feEnNhHdD"
"""The first letter of every number word, in either case, and "ſ" (long s), which
``re.IGNORECASE`` matches to "s"."""
WORD_HEADS = (
    r"(?i:(?=an?[\s-]\s*(?:ha|th|qu|fo|fi|si|se|ei|ni|te|do|hu|mi|bi|tr|la|cr)|one"
    r"|t(?:w[oe]|h(?:re|ir)|en)|f(?:o(?:ur|rt)|i[vf])|s(?:ix|even)|e(?:igh|lev)|nin|hal|doz"
    r"|hun))"
)
"""The first letters of every number word: most words fail here.

Long enough that the commonest words of English fail at once ("this", "for",
"several", "elected"), and "a" or "an" passes only before the first two
letters of a fraction, "dozen", "hundred" or a scale word ("a third", "a
million"), not before any word ("a new").  "hun" opens "hundredfold".
"""


def _scan_pattern() -> str:
    """``ATOM``'s matches in one pattern that opens with a class of its first characters.

    A pattern that opens with a character class lets ``re`` skip in C to the
    few places the class matches, instead of trying the pattern at every
    character.  So the class holds the first character of every digit shape
    and the character before every number word; after it, each digit shape
    checks its own first character in a look-behind (in ``DIGIT_SHAPES``
    order, as ``ATOM`` tries them) and ends in an empty group named for it,
    and a number word follows its character before.
    """
    shapes = "|".join(
        rf"(?<={first}){rest}(?P<{shape}_{i}>)"
        for i, (shape, first, rest) in enumerate(DIGIT_SHAPES)
    )
    return (
        rf"[\d+(.{VULGAR_CHARS}{WORD_BEFORE}]"
        rf"(?:(?<=[\d+(.{VULGAR_CHARS}])(?i:{shapes})|(?<=[{WORD_BEFORE}])(?=[{WORD_LETTERS}])(?<!\w){WORD_HEADS}"
        rf"(?i:{WORD_ATOM.pattern}))"
    )


ATOM_SCAN = re.compile(_scan_pattern())
"""Every match of ``ATOM`` in one left-to-right scan, found several times as fast.

A digit match is the whole match and its last group is an empty one named
``<shape>_<i>``; a number-word match has the character before the word in
front of it (its named group holds the word).  ``atoms`` reads them.
"""
ATOM_SHAPES: dict[str, tuple[str, int]] = {
    **{f"{shape}_{i}": (shape, 0) for i, (shape, _, _) in enumerate(DIGIT_SHAPES)},
    **{shape: (shape, 1) for shape in ("fraction", "words", "fold")},
}
"""Group name in ``ATOM_SCAN`` -> (shape, characters before the figure in the match)."""


def atoms(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, shape) of each match of ``ATOM.finditer(text)``, in order.

    ``ATOM_SCAN`` finds them all but a number word at the text's start, which
    has no character before it.  A match of one half of ``ATOM`` never starts
    inside a match of the other (digits, signs, brackets and dots against
    letters, spaces and hyphens), and each ends in a word character, so the
    scan resumes where ``ATOM``'s would.

    >>> list(atoms("Five rose 7% to 1,200."))
    [(0, 4, 'words'), (10, 11, 'digits'), (16, 21, 'digits')]
    """
    pos = 0
    if match := WORD_ATOM.match(text):
        pos = match.end()
        yield 0, pos, match.lastgroup or "words"
    shapes = ATOM_SHAPES
    for match in ATOM_SCAN.finditer(text, pos):
        shape, before = shapes[match.lastgroup or ""]
        yield match.start() + before, match.end(), shape


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
