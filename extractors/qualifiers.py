"""Qualifier words: the one table that says how a word before a figure hedges it.

A qualifier counts only when it governs the figure directly, that is when it
stands immediately before the figure (before its currency symbol, if any):
"more than 2,000" is ``more_than``, but in "well over the 6,500 forecast" the
"the" in between means 6,500 is ``exact``.

| words | qualifier |
| --- | --- |
| about, around, roughly, some, approximately, nearly, almost, close to, | approximate |
| an estimated, estimated, circa | approximate |
| more than, over, above, exceeding, in excess of, just over, well over, upwards of | more_than |
| at least, no fewer than, no less than | at_least |
| less than, under, fewer than, below, just under, just below | less_than |
| up to, at most, as many as, as much as, no more than | at_most |

>>> qualifier_before("There were more than ")
'more_than'
>>> qualifier_before("well over the ")
'exact'
"""

from __future__ import annotations

import re

from extractors.lexicon import QUALIFIER_WORDS
from extractors.patterns import literal_trie

_ALTERNATION = literal_trie(sorted(QUALIFIER_WORDS, key=len, reverse=True), flexible_spaces=True)
"""Every qualifier phrase, longest first, as a prefix tree (``patterns.literal_trie``: the
same matches as the flat list, which was tried phrase by phrase at every character)."""
QUALIFIER_TAIL = re.compile(rf"(?<![\w-])({_ALTERNATION})\s+$", re.IGNORECASE)
"""Matches a qualifier phrase that ends the text before a figure."""

LAST_WORDS = frozenset(phrase.split()[-1] for phrase in QUALIFIER_WORDS)
"""A qualifier ends in one of these words: a set look-up rules most figures out cheaply."""

LOOKBEHIND = 40
"""How many characters before a figure can hold its qualifier (the longest phrase fits)."""


def qualifier_match(before: str) -> re.Match[str] | None:
    """The qualifier phrase that ends ``before``, if any.

    >>> qualifier_match("joined about ")[1]
    'about'
    """
    tail = before[-LOOKBEHIND:]
    if not tail[-1:].isspace():
        return None  # most figures follow a space; checked first as it is cheapest
    words = tail.rsplit(None, 1)
    if not words or words[-1].lower() not in LAST_WORDS:
        return None
    return QUALIFIER_TAIL.search(tail)


def qualifier_before(before: str) -> str:
    """The qualifier of a figure, given the text just before it; ``exact`` when none.

    >>> qualifier_before("Almost ")
    'approximate'
    """
    return qualifier_of(qualifier_match(before))


def qualifier_of(match: re.Match[str] | None) -> str:
    """The qualifier named by a ``qualifier_match`` result (matched once, used twice).

    >>> qualifier_of(qualifier_match("more  than "))
    'more_than'
    """
    if match is None:
        return "exact"
    return QUALIFIER_WORDS[" ".join(match[1].lower().split())]
