"""extractors.patterns: a prefix-tree alternation matches exactly what the flat one matches."""

from __future__ import annotations

import re
import sys

import pytest

from extractors.patterns import CASE_TWINS, contains_any, fold, literal_trie, word_start_trie

KEYWORDS = sorted(
    [
        "users",
        "user",
        "market value",
        "market",
        "market cap",
        "market capitalisation",
        "e-commerce",
        "ecommerce",
        "gdp",
        "us",
        "a",
        "online retail",
        "online retailers",
    ],
    key=len,
    reverse=True,
)
NAMES = sorted(
    ["China", "Chile", "Chad", "Hong Kong", "Côte d’Ivoire", "US", "UK", "Ukraine"],
    key=len,
    reverse=True,
)
TEXTS = [
    "Users and user counts: market value, market  cap and Market\ncapitalisation rose.",
    "E-commerce and ecommerce GDP; US users, a usual user; online retailers, online retail.",
    "marketing markets us-based users_ userss USERS MARKET CAPITALISATIONS",
    "Chinese Chile Chad Hong Kong Hong  Kong Côte d’Ivoire UKraine Ukraine USA US UK",
    "\u212a \u017fhare u\u017fers \u0130 user\u017f market ca\u0131",
    "",
]


def _flat(words: list[str], flexible: bool) -> str:
    escaped = [re.escape(w) for w in words]
    return "|".join(e.replace(r"\ ", r"\s+") if flexible else e for e in escaped)


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize(
    ("words", "flexible", "flags", "wrap"),
    [
        (KEYWORDS, True, re.IGNORECASE, r"\b(?<!\w)(?:{})(?!\w)"),
        (KEYWORDS, True, re.IGNORECASE, r"(?:{})"),
        (NAMES, False, 0, r"\b(?=[A-Z])(?:{})\b"),
        (NAMES, False, 0, r"(?:{})"),
    ],
)
def test_trie_matches_like_flat(
    words: list[str], flexible: bool, flags: int, wrap: str, text: str
) -> None:
    trie = literal_trie(words, flexible_spaces=flexible, ignorecase=bool(flags))
    assert trie != _flat(words, flexible)  # these word lists are safe to write as a tree
    fast = re.compile(wrap.format(trie), flags)
    slow = re.compile(wrap.format(_flat(words, flexible)), flags)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in slow.finditer(text)]


@pytest.mark.parametrize(
    ("words", "ignorecase", "why"),
    [
        (["a", "ab"], True, "not longest first"),
        (["Users", "users"], True, "upper case under IGNORECASE"),
        (["côte"], True, "non-ASCII under IGNORECASE"),
        (["data  centres"], True, "double space"),
        (["data\tcentres"], True, "a tab"),
        ([" users"], True, "leading space"),
        (["users", "users"], True, "duplicate"),
    ],
)
def test_trie_falls_back_to_flat(words: list[str], ignorecase: bool, why: str) -> None:
    assert literal_trie(words, flexible_spaces=True, ignorecase=ignorecase) == _flat(words, True), (
        why
    )


def test_empty_word_list_is_empty() -> None:
    assert literal_trie([], flexible_spaces=True) == ""


def test_case_twins_are_every_non_ascii_match_of_an_ascii_letter() -> None:
    everything = "".join(chr(i) for i in range(128, sys.maxunicode + 1) if not 0xD800 <= i < 0xE000)
    found = {c: fold(c) for c in re.findall("[a-z]", everything, re.IGNORECASE)}
    assert found == CASE_TWINS


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("He SAYS so", "says", True),
        ("u\u017fers", "users", True),
        ("\u0130n 2015", "in", True),
        ("\u212aenya", "kenya", True),
        ("he said", "says", False),
    ],
)
def test_fold_keeps_every_ignorecase_match(text: str, word: str, expected: bool) -> None:
    assert (word in fold(text)) is expected
    assert (re.search(word, text, re.IGNORECASE) is not None) is expected


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [("according to", ("ccording",), True), ("Says", ("says", "said"), False), ("", ("a",), False)],
)
def test_contains_any(text: str, words: tuple[str, ...], expected: bool) -> None:
    assert contains_any(text, words) is expected


def test_fold_keeps_offsets_word_and_space_characters() -> None:
    everything = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i < 0xE000)
    folded = fold(everything)
    assert len(folded) == len(everything)
    for cls in (r"\w", r"\s", r"-"):
        where = [m.start() for m in re.finditer(cls, everything)]
        assert where == [m.start() for m in re.finditer(cls, folded)], cls


@pytest.mark.parametrize("text", [*TEXTS, "\u00c5land China's US-UK Chad\nChile", "xChina _US 5UK"])
def test_word_start_trie_matches_like_boundary_alternation(text: str) -> None:
    names = [*NAMES, "\u00c5land Islands", "_Foo"]
    names = sorted(names, key=len, reverse=True)
    fast = re.compile(rf"{word_start_trie(names, 'A-Z')}\b")
    slow = re.compile(rf"\b(?=[A-Z])(?:{_flat(names, False)})\b")
    expected = [m.span() for m in slow.finditer(text)]
    assert [m.span() for m in fast.finditer(text)] == expected
    assert expected or not re.search(r"(?<!\w)China", text)


def test_word_start_trie_refuses_unsafe_words() -> None:
    assert word_start_trie(["a", "ab"], "a-z") is None
    assert word_start_trie([], "a-z") is None
