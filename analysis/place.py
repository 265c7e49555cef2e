"""Where a figure is in its article, in words a reader uses: "in the 9th paragraph".

Hover boxes and tables used to say "characters 593–604": exact, but no one
counts characters.  Paragraphs are blocks separated by a blank line; a text
without blank lines has a paragraph a line.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

BLANK_LINE = re.compile(r"\n[ \t\r]*\n")


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 102nd.

    >>> [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 102)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '102nd']
    """
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@lru_cache(maxsize=256)
def _starts(text: str) -> tuple[int, ...]:
    """Where each paragraph after the first begins, found once per text (a table of 500
    figures asks about the same few articles): empty paragraphs are not counted."""
    splitter = BLANK_LINE if BLANK_LINE.search(text) else re.compile(r"\n")
    begins, position = [], 0
    for match in splitter.finditer(text):
        if text[position : match.start()].strip():
            begins.append(position)
        position = match.end()
    if text[position:].strip():
        begins.append(position)
    return tuple(begins[1:])


def paragraph_of(text: str, start: int) -> int:
    """The number (from 1) of the paragraph holding offset ``start`` of ``text``.

    >>> paragraph_of("Title\\n\\nFirst one.\\n\\n\\nSecond, with 5 in it.", 35)
    3
    >>> paragraph_of("One line\\nanother line with 7", 26)
    2
    """
    return bisect.bisect_right(_starts(text), max(0, start)) + 1


def place_in_words(text: str | None, start: int | None) -> str:
    """ "in the 3rd paragraph" for a figure at ``start`` of ``text`` ("" when unknown).

    >>> place_in_words("Title\\n\\nFirst one.\\n\\nSecond, with 5 in it.", 33)
    'in the 3rd paragraph'
    """
    if not text or start is None or start != start or start < 0:
        return ""
    return f"in the {ordinal(paragraph_of(text, int(start)))} paragraph"


def paragraph_text(text: str, start: int) -> tuple[int, int]:
    """The (begin, end) offsets of the paragraph holding ``start``.

    >>> text = "Title\\n\\nFirst one.\\n\\nSecond, with 5 in it."
    >>> begin, end = paragraph_text(text, 33)
    >>> text[begin:end]
    'Second, with 5 in it.'
    """
    splitter = BLANK_LINE if BLANK_LINE.search(text) else re.compile(r"\n")
    begin, end = 0, len(text)
    for match in splitter.finditer(text):
        if match.end() <= start:
            begin = match.end()
        elif match.start() >= start:
            end = match.start()
            break
    return begin, end
