"""Helpers that make the extractor's regular expressions cheaper without changing a match.

Python's ``re`` tries every branch of an alternation at every position, so a
list of 90 keywords or 300 country names costs 90 or 300 tries per word.
``literal_trie`` writes the same alternation as a prefix tree, which fails
after one or two characters.  ``fold`` lower-cases a text the way
``re.IGNORECASE`` compares letters, so a plain substring test can rule a
pattern out before the pattern runs.

>>> literal_trie(["orders", "users", "user"], flexible_spaces=True)
'(?:orders|user(?:s|))'
>>> "says" in fold("He SAYS so")
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

CASE_TWINS = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
"""Non-ASCII letters that ``re.IGNORECASE`` matches to an ASCII letter (İ, ı, ſ, Kelvin K)."""
_TWIN_TABLE = str.maketrans(CASE_TWINS)


def fold(text: str) -> str:
    """``text`` lower-cased, with ``CASE_TWINS`` mapped to the ASCII letter ``re`` matches them to.

    A pattern compiled with ``re.IGNORECASE`` can only match a lower-case ASCII
    word in ``text`` if that word is a substring of ``fold(text)``.

    >>> fold("Kelvin \u212a, long \u017f")
    'kelvin k, long s'
    """
    if not text.isascii() and any(twin in text for twin in CASE_TWINS):
        text = text.translate(_TWIN_TABLE)
    return text.lower()


def ascii_fold(text: str) -> bytes:
    """``fold(text)`` as ASCII bytes, one a character, with "?" for every other character.

    For finding ASCII words with ``bytes.find``: the offsets are the text's, and
    lowering bytes is a table look-up where lowering text beyond ASCII looks each
    character up in Unicode's tables.

    >>> ascii_fold("Caf\u00e9 \u212aM")
    b'caf? km'
    """
    if not text.isascii() and any(twin in text for twin in CASE_TWINS):
        text = text.translate(_TWIN_TABLE)
    return text.encode("ascii", "replace").lower()


def before_trailing_spaces(before: str) -> tuple[str, bool]:
    r"""``before`` without the spaces that end it, and whether any did.

    For the cheap tests on the last word before a figure: the patterns they
    stand in for end in spaces and ``$``, which also matches before a final
    newline, so that newline is dropped first.

    >>> before_trailing_spaces("rose \u00a0\n"), before_trailing_spaces("rose")
    (('rose', True), ('rose', False))
    """
    core = before[:-1] if before.endswith("\n") else before
    head = core.rstrip(" \u00a0")
    return head, len(head) < len(core)


def contains_any(text: str, words: Iterable[str]) -> bool:
    """Whether one of ``words`` occurs in ``text`` (a plain, case-sensitive substring test).

    >>> contains_any("Sales rose, says Lu Wei", ("said", "says"))
    True
    """
    for word in words:  # noqa: SIM110 - a plain loop: any() over a generator costs more
        if word in text:
            return True
    return False


def _trie_safe(words: Sequence[str], ignorecase: bool) -> bool:
    """Whether a prefix tree of ``words`` matches exactly what their flat alternation matches.

    It does when a word that is a prefix of another comes after it (longest first),
    and when two different characters can never match the same character of a
    text: always without ``re.IGNORECASE``, with it for lower-case ASCII only.  Spaces
    must be single and inside words, so a flexible ``\\s+`` never meets another space.
    """
    lengths = [len(w) for w in words]
    if lengths != sorted(lengths, reverse=True) or len(set(words)) != len(words):
        return False
    for word in words:
        if not word or word != word.strip() or "  " in word:
            return False
        if any(c.isspace() and c != " " for c in word):
            return False
        if ignorecase and not (word.isascii() and word == word.lower()):
            return False
    return True


def _escape(word: str, flexible_spaces: bool) -> str:
    """One alternative as the flat alternation writes it."""
    escaped = re.escape(word)
    return escaped.replace(r"\ ", r"\s+") if flexible_spaces else escaped


def _tree(words: Sequence[str], flexible_spaces: bool) -> str:
    """The alternation of ``words`` (all sharing the prefix already written) as a prefix tree."""
    children: dict[str, list[str]] = {}
    for word in words:
        children.setdefault(word[:1], []).append(word[1:])
    branches = []
    for head, tails in children.items():
        if head:
            branches.append(_escape(head, flexible_spaces) + _tree(tails, flexible_spaces))
    if "" in children:
        branches.append("")  # the word that ends here: tried after every longer one
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def literal_trie(words: Sequence[str], *, flexible_spaces: bool, ignorecase: bool = True) -> str:
    """``"|".join`` of the escaped ``words`` (longest first), written as a prefix tree when that
    matches exactly the same text; otherwise the flat alternation itself.

    With ``flexible_spaces`` a space in a word matches any run of white space (``\\s+``).

    >>> literal_trie(["market value", "market"], flexible_spaces=True)
    'market(?:\\\\s+value|)'
    >>> literal_trie(["a", "ab"], flexible_spaces=False)  # not longest first: left flat
    'a|ab'
    """
    if not words:
        return ""
    if not _trie_safe(words, ignorecase):
        return "|".join(_escape(w, flexible_spaces) for w in words)
    return _tree(words, flexible_spaces)


def word_start_trie(words: Sequence[str], first: str) -> str | None:
    """``(?:alternation)`` of case-sensitive ``words`` (longest first) that must start a word.

    Matches where ``\\b(?=[first])(?:literal_trie(words))`` does: each branch opens
    with its first letter and then checks that no word character stands before
    it, so ``re`` can skip in C to the few places one of those letters is.
    Words whose first character is not in the class ``first`` cannot match and
    are left out; None when the words are not safe for a prefix tree.

    >>> word_start_trie(["Chile", "China", "US"], "A-Z")
    '(?:C(?<!\\\\w.)hi(?:le|na)|U(?<!\\\\w.)S)'
    """
    if not words or not _trie_safe(words, ignorecase=False):
        return None
    groups: dict[str, list[str]] = {}
    for word in words:
        if re.fullmatch(f"[{first}]", word[0]) and re.fullmatch(r"\w", word[0]):
            groups.setdefault(word[0], []).append(word[1:])
    branches = [
        re.escape(head) + r"(?<!\w.)" + _tree(tails, flexible_spaces=False)
        for head, tails in groups.items()
    ]
    return "(?:" + "|".join(branches) + ")" if branches else "(?!)"
