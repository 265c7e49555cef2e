"""Numbers that are not statistics: years, dates, times, ordinals, names, references.

The scanner in ``numbers`` already drops ISO dates, clock times, phone numbers,
version numbers and slashed pairs (24/7, 2022/23).  The rules here look at a
bare figure (digits without a scale, currency or percent marker) and the text
around it:

| rule | example | why |
| --- | --- | --- |
| year | "in 2015", "the 2020 election" | integers 1800-2100 without a comma are years |
| date | "Dec 16 and 18", "15 October" | a month name before or after |
| time | "at 3 pm" | a clock suffix after |
| glued letters | "4G", "13th", "1990s", "G20", "COVID-19", "PM2.5" | a name or ordinal |
| name before | "Windows 10", "iPhone 15", "S&P 500", "Boeing 737" | a capitalised word before |
| reference | "page 12", "Section 230", "No 1", "junctions 12 and 13" | a reference word before |
| address | "10 Downing Street" | a street name after |
| modifier | "a 10- to 20-year plan", "a five-year plan" | a hyphen joins it to a noun |
| period | "10 years from now", "the next five years" | a reference period |
| period | "the three months to June" | a reference period |
| score | "beat Chelsea 2-1" | a hyphenated pair that is not increasing |

>>> is_year(2015.0, "2015")
True
>>> is_year(2000.0, "2,000")
False
"""

from __future__ import annotations

import re

from extractors.lexicon import (
    EVENT_NOUNS,
    FUNCTION_WORDS,
    MONTHS,
    NUMBER_WORD_IDIOMS,
    PHONE_CUES,
    REFERENCE_WORDS,
    STREET_WORDS,
)
from extractors.patterns import before_trailing_spaces, contains_any, fold

MONTH_BEFORE = re.compile(rf"\b(?:{MONTHS})\.?[ \u00a0]+$")
MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?[ \u00a0]+(?:of[ \u00a0]+)?(?:{MONTHS})\b")
CLOCK_AFTER = re.compile(
    r"[ \u00a0]?(?:[ap]\.?m\b\.?|GMT\b|BST\b|UTC\b|CET\b|EST\b|EDT\b|ET\b|o'clock)", re.IGNORECASE
)
FOLLOW_ON = re.compile(r"[ \u00a0]*(?:,|and|to|or|-|–|—)[ \u00a0]*\d+\b")
"""The second day or number of a skipped pair: "Dec 16 and 18", "junctions 12 and 13"."""

REFERENCE_BEFORE = re.compile(rf"(?<![\w-])(?:{REFERENCE_WORDS})\.?[ \u00a0]+$", re.IGNORECASE)
REFERENCE_ENDINGS = frozenset(word[-2:] for word in REFERENCE_WORDS.split("|"))
"""Last two letters (or the one) of each reference word: a quick test before the search."""
NAME_BEFORE = re.compile(r"(?<![\w&.'-])([\w&.'’-]*[A-Z][\w&.'’-]*)[ \u00a0]+$")
"""A word with a capital letter right before the figure: "Windows 10", "iPhone 15"."""


STREET_AFTER = re.compile(
    rf"[ \u00a0]+(?:[A-Z][a-z]+[ \u00a0]+){{1,3}}(?:{'|'.join(STREET_WORDS)})\b"
)
MODIFIER_AFTER = re.compile(r"-(?:[ \u00a0]|[A-Za-z])")
""""10-year plan", "10- to 20-year": a hyphen after the figure makes it part of a noun."""

PERIOD_BEFORE = re.compile(
    r"(?<![\w-])(?:the|next|past|last|previous|coming|first|final|recent|following|latest|"
    r"preceding)[ \u00a0]+$",
    re.IGNORECASE,
)
PERIOD_AFTER = re.compile(
    rf"[ \u00a0]+(?:from[ \u00a0]+now|hence|to[ \u00a0]+(?:the[ \u00a0]+end[ \u00a0]+of[ \u00a0]+)?"
    rf"(?:{MONTHS}|\d{{4}})|ending|ended|through|to[ \u00a0]+come|old)\b",
)
"""Durations that name a reference period rather than measure elapsed time ("87 years old"
is an age: ages are left out, too ambiguous to label)."""


PHONE_BEFORE = re.compile(
    r"(?<![\w-])(?:call|calls|calling|dial|dialling|dialing|ring|phone|telephone|text|hotline)\b"
    r"[^.;]{0,40}?\b(?:on|at)?[ \u00a0]*$",
    re.IGNORECASE,
)
"""A number someone is told to call: "call police on 101"."""
ORDINAL_BEFORE = re.compile(
    r"(?<![\w-])(?:first|second|third|fourth|last|latter|former|other|final|each)[ \u00a0]+$",
    re.IGNORECASE,
)
""""the first half of 2026" is a period, not a share."""
DEFINITE_BEFORE = re.compile(
    rf"(?<![\w-])(?:the|these|those|both|all|its|their|{'|'.join(NUMBER_WORD_IDIOMS)})[ \u00a0]+$",
    re.I,
)
""""the two provinces" refers back to things already named; it states no figure."""


def is_phone(text: str, start: int) -> bool:
    """A number to call: "call police on 101".

    >>> is_phone("should call police on 101", 23)
    True
    """
    window = max(0, start - 50)
    if not contains_any(fold(text[window:start]), PHONE_CUES):
        return False
    return PHONE_BEFORE.search(text, window, start) is not None


def is_year(value: float, written: str) -> bool:
    """A bare integer between 1800 and 2199 written without a comma is a year ("by 2120")."""
    return "," not in written and "." not in written and 1800 <= value <= 2199


def is_date_or_time(text: str, start: int, end: int, value: float) -> bool:
    """A day of a month ("Dec 16", "15 October") or a clock time ("3 pm").

    >>> is_date_or_time("between Dec 16 and 18", 12, 14, 16.0)
    True
    >>> is_date_or_time("at 3 pm", 3, 4, 3.0)
    True
    """
    if value <= 31 and value == int(value):
        if MONTH_BEFORE.search(text, max(0, start - 12), start):
            return True
        if MONTH_AFTER.match(text, end):
            return True
    if value <= 24 and CLOCK_AFTER.match(text, end) is not None:
        return True
    return _is_clock_digits(text[start:end]) and (
        text[start] == "0" or HOURS_AFTER.match(text, end) is not None
    )


HOURS_AFTER = re.compile(
    r"[ \u00a0]?(?:GMT|BST|UTC|CET|CEST|EST|EDT|ET|JST|IST|SGT|HKT|local[ \u00a0]+time|hours|hrs|"
    r"[A-Z]{3}\b)",
)
"""After four digits, these make a 24-hour clock time: "0401 GMT", "1530 local time"."""


def _is_clock_digits(written: str) -> bool:
    """Four digits that read as a 24-hour time (HHMM).

    >>> _is_clock_digits("0401"), _is_clock_digits("1530"), _is_clock_digits("2480")
    (True, True, False)
    """
    return len(written) == 4 and written.isdigit() and written[:2] < "24" and written[2:] < "60"


def in_link(text: str, start: int) -> bool:
    """Whether the figure at ``start`` is inside a URL or a percent-escaped token.

    Only the 200 characters before are read, so a text without spaces stays linear.

    >>> in_link("see https://x.example/report%202024 now", 29)
    True
    >>> in_link("rose 20% in May", 5)
    False
    """
    window = text[max(0, start - 200) : start + 3]
    if "%" not in window and "/" not in window and "www." not in window:
        return False  # most figures: no link anywhere near
    token = window.rsplit(None, 1)[-1] if window.strip() else ""
    return "://" in token or token.lower().startswith("www.") or bool(PERCENT_ESCAPE.search(token))


PERCENT_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
"""A URL escape ("%20", "%2C"): a link, not a percentage."""


def is_jersey(text: str, start: int, end: int) -> bool:
    """A number in brackets right after a name: a shirt number, "Prescott (4)".

    >>> is_jersey("Prescott (4) and Lamb", 10, 11), is_jersey("sales (4) rose", 7, 8)
    (True, False)
    """
    if not (text[start - 1 : start] == "(" and text[end : end + 1] == ")" and start >= 2):
        return False
    return NAME_BEFORE.search(text, max(0, start - 40), start - 1) is not None


NAME_AFTER = re.compile(r"[ \u00a0]+(?:[A-Z][a-z]+|[A-Z]{2,})\b")
DETERMINER_BEFORE = re.compile(r"(?:(?<![\w-])(?:the|its|their|a|an)|['’]s)[ \u00a0]+$", re.I)


def is_model_name(text: str, start: int, end: int, value: float) -> bool:
    """A model or event named by a number: "the 787 Dreamliner", "its 737 Max", "the 618 festival".

    >>> is_model_name("The 787 Dreamliner flew", 4, 7, 787.0)
    True
    >>> is_model_name("the 650 seats", 4, 7, 650.0)
    False
    """
    if value < 100 or not DETERMINER_BEFORE.search(text, max(0, start - 8), start):
        return False
    return bool(NAME_AFTER.match(text, end) or EVENT_AFTER.match(text, end))


EVENT_AFTER = re.compile(rf"[ \u00a0]+(?:[a-z]+[ \u00a0]+)?(?:{'|'.join(EVENT_NOUNS)})\b")
"""A number that names an event: "the 618 shopping festival"."""


GLUED_UNIT = re.compile(
    r"(?:C|F|km|kg|mm|cm|ha|GW|MW|kW|GWh|MWh|kWh|TWh|mph|kph|km/h|bn|mn|tn|k|pc|pp|bps)(?![A-Za-z])"
)
"""Unit symbols written without a space: "1.45C", "30km"; these are measures, not names."""


def has_attached_letters(text: str, start: int, end: int) -> bool:
    """Letters glued to the digits make a name or an ordinal: 4G, 13th, G20, COVID-19.

    >>> has_attached_letters("the 4G network", 4, 5)
    True
    >>> has_attached_letters("COVID-19 cases", 6, 8)
    True
    >>> has_attached_letters("rose 7 percent", 5, 6)
    False
    >>> has_attached_letters("1.45C above", 0, 4)
    False
    """
    before = text[start - 1] if start > 0 else " "
    if before.isalpha() or before == "_":
        return True
    if before == "-" and start > 1 and text[start - 2].isalpha():
        return True
    after = text[end] if end < len(text) else " "
    if after == "'" and end + 1 < len(text) and text[end + 1] == "s":
        return True  # the 1990's
    if after.isalpha() and GLUED_UNIT.match(text, end):
        return False
    return after.isalpha() or after == "_"


def is_name_or_reference(text: str, start: int, sentence_start: int) -> bool:
    """A capitalised name or a reference word right before: "Windows 10", "page 12".

    >>> is_name_or_reference("He runs Windows 10.", 16, 0)
    True
    >>> is_name_or_reference("About 50 came.", 6, 0)
    False
    """
    window = max(sentence_start, start - 30)
    if _may_end_in_reference(text[window:start]) and REFERENCE_BEFORE.search(text, window, start):
        return True
    match = NAME_BEFORE.search(text, window, start)
    if match is None:
        return False
    word = match[1]
    if word.endswith(("'s", "’s", "s'")):
        return False  # a possessive: "China's 328 listed companies"
    if word.lower() in FUNCTION_WORDS or word.isdigit():
        return False
    at_sentence_start = not text[sentence_start : match.start(1)].strip(" \"'“‘(")
    return not (at_sentence_start and word[1:].islower())


def _may_end_in_reference(before: str) -> bool:
    """False when ``REFERENCE_BEFORE`` cannot match ``before``: a test on its last word.

    The pattern ends in spaces at the end (``$`` also before a final newline),
    after a reference word and an optional dot.

    >>> [_may_end_in_reference(b) for b in ("see page ", "No. ", "the ")]
    [True, True, False]
    """
    word, spaced = before_trailing_spaces(before)
    if not spaced:
        return False
    word = word[:-1] if word.endswith(".") else word
    ending = fold(word[-2:])  # the case twins as the letters they match; no other letter can
    return ending in REFERENCE_ENDINGS or ending[-1:] in REFERENCE_ENDINGS


def is_address(text: str, end: int) -> bool:
    """A house number: "10 Downing Street".

    >>> is_address("at 10 Downing Street", 5)
    True
    """
    return STREET_AFTER.match(text, end) is not None


def is_modifier(text: str, end: int) -> bool:
    """A figure joined by a hyphen to a noun: "a 10-year plan", "10- to 20-year".

    >>> is_modifier("a 10- to 20-year plan", 4)
    True
    >>> is_modifier("a 10-20 range", 4)
    False
    """
    return MODIFIER_AFTER.match(text, end) is not None


def is_reference_period(text: str, start: int, end: int) -> bool:
    """A duration naming a reference period: "10 years from now", "the next five years".

    >>> is_reference_period("the Internet 10 years from now", 13, 21)
    True
    >>> is_reference_period("connected 21 years ago", 10, 18)
    False
    """
    if PERIOD_BEFORE.search(text, max(0, start - 12), start):
        return True
    return PERIOD_AFTER.match(text, end) is not None


def follow_on_end(text: str, end: int) -> int:
    """The end of a skipped pair's second number ("and 18"), or ``end`` itself.

    >>> follow_on_end("Dec 16 and 18.", 6)
    13
    """
    match = FOLLOW_ON.match(text, end)
    return match.end() if match else end
