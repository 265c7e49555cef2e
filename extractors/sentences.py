"""Sentence boundaries with offsets, so a claim's quote is its sentence as written.

>>> text = "It rose 4.1 percent. Mr. Li says so.\\nNext line"
>>> [text[s:e] for s, e in sentence_spans(text)]
['It rose 4.1 percent.', 'Mr. Li says so.', 'Next line']
"""

from __future__ import annotations

import bisect
import re

ABBREVIATIONS: frozenset[str] = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "sr",
        "jr",
        "gen",
        "gov",
        "sen",
        "rep",
        "rev",
        "no",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "approx",
        "est",
        "dept",
        "fig",
    ]
)
"""Words that end in a full stop without ending a sentence (lower case, no final dot)."""

BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*[ \t]+(?=[\"'“‘(\[]?[A-Z0-9])|[ \t]*\n\s*")
WORD_BEFORE_DOT = re.compile(r"([\w.]+)\.$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, trimmed of surrounding white space."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in BOUNDARY.finditer(text):
        cut = match.start() + len(match[0].rstrip())
        if "\n" not in match[0]:
            word = WORD_BEFORE_DOT.search(text, max(0, match.start() - 12), match.start() + 1)
            if word and word[1].lower() in ABBREVIATIONS:
                continue
        else:
            cut = match.start()
        _add(text, start, cut, spans)
        start = match.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append ``text[start:end]`` without its outer white space, unless nothing is left.

    ``str.strip`` and ``str.isspace`` agree on what white space is; stripping
    the slice in C is cheaper than stepping over it in Python.
    """
    piece = text[start:end]
    stripped = piece.lstrip()
    start += len(piece) - len(stripped)
    end = start + len(stripped.rstrip())
    if end > start:
        spans.append((start, end))


class SentenceIndex:
    """Find the sentence around an offset in O(log n).

    >>> index = SentenceIndex("One. Two.")
    >>> index.around(6)
    (5, 9)
    """

    def __init__(self, text: str) -> None:
        self.spans = sentence_spans(text)
        self.starts = [s for s, _ in self.spans]

    def around(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return self.spans[0] if self.spans else (0, 0)
        return self.spans[i]
