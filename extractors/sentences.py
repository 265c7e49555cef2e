"""Sentence boundaries with offsets, so a claim's quote is its sentence as written.

>>> text = "It rose 4.1 percent. Mr. Li says so.\\nNext line"
>>> [text[s:e] for s, e in sentence_spans(text)]
['It rose 4.1 percent.', 'Mr. Li says so.', 'Next line']
"""

from __future__ import annotations

import bisect
import re

from extractors.lexicon import ABBREVIATIONS

BOUNDARY = re.compile(
    r"[.!?\n](?:(?<=\n)\s*|(?<![.!?].)[.!?]*[\"'”’)\]]*[ \t]+(?=[\"'“‘(\[]?[A-Z0-9]))"
)
"""A sentence end: stops, closing quotes and spaces before a capital or digit, or a newline.

The pattern opens with the class of its first characters, a stop or a newline,
so ``re`` skips in C to the few places one stands instead of trying the
pattern at every character (five times faster on news than the same ends
written ``(?<![.!?])[.!?]+...|\\n\\s*``, which find the same matches).  Each
alternative can start only once per run of the characters it opens with
(a stop after a stop fails at once, on the look-behind), so a megabyte of dots
or spaces is one pass, not one pass per character.  The spaces before a
newline are trimmed by ``_add``, not matched: ``[ \t]*\n`` retried the whole
run of spaces from each of its characters.
"""
MAX_SENTENCE = 1000
"""A longer "sentence" (a table, a run of figures, text without stops) is cut into pieces.

The pieces end at the last space before the limit, else after the last
comma or semicolon, else at the limit, so every quote, and the work done
for each figure in its sentence, is bounded.
"""
CUTS = (" ", "\t", ",", ";")
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

    A piece longer than ``MAX_SENTENCE`` goes in as several (``_cut``).
    ``str.strip`` and ``str.isspace`` agree on what white space is; stripping
    the slice in C is cheaper than stepping over it in Python.
    """
    piece = text[start:end]
    stripped = piece.lstrip()
    start += len(piece) - len(stripped)
    end = start + len(stripped.rstrip())
    while end - start > MAX_SENTENCE:
        cut = _cut(text, start)
        _add(text, start, cut, spans)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append((start, end))


def _cut(text: str, start: int) -> int:
    """Where to end a piece of an over-long sentence that starts at ``start``.

    After the last space (else comma or semicolon) in the second half of the
    allowed length, else at the length itself.

    >>> _cut("ab " * 400, 0), _cut("1," * 600, 0), _cut("x" * 2000, 0)
    (999, 1000, 1000)
    """
    low, high = start + MAX_SENTENCE // 2, start + MAX_SENTENCE
    for mark in CUTS:
        at = text.rfind(mark, low, high)
        if at >= 0:
            return at + 1
    return high


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
