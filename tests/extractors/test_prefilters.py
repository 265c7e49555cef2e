"""Cheap tests that skip a regular expression never change what the expression finds.

Each pre-filtered function is compared with the plain search it replaces, on
every dev-set text and on sentences written to sit at the edges of the cues.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors import context, extract, numbers
from extractors.patterns import fold
from extractors.pipeline import default_categories
from tests.extractors.labelled import items

EDGES = [
    "Sales rose, says Lu Wei, director of the agency.",
    "Sales rose, SAYS the report.",
    "The REPORT SHOWED a rise, the survey found.",
    "The report \u017fays sales rose.",
    "According to Reuters, it rose.",
    "according to the central bank, it rose.",
    "It rose, Mr Li added.",
    "It rose, estimated Lu Wei.",
    "The ministry reported a rise.",
    "Prices rose between January and October 2015.",
    "Prices rose from March to May.",
    "Sales in 2014 rose; in fiscal 1999 they fell.",
    "Today it has 670 million users, up from last year.",
    "TODAY it has more; Last Month it had fewer; THIS YEAR more.",
    "Now it has more.",
    "It has more users currently.",
    "It has more users, as of this  year.",
    "The NUMBER  of unemployed people fell by ",
    "The nu\u0307mber of jobless, the popu\u0142ation and the POPULATIONS rose by ",
    "Japan's populat\u0131on fell by ",
    "The \u0422OTAL of voters; the tally\u00a0of seats; the count of ballots rose by ",
    "",
]
TEXTS = [item["text"] for item in items("dev")] + EDGES


PUBLISHED = dt.date(2015, 12, 20)


@pytest.fixture
def unfiltered(monkeypatch: pytest.MonkeyPatch) -> None:
    """``context``'s cheap cue checks switched off: every regular expression is tried."""
    monkeypatch.setattr(context, "contains_any", lambda text, cues: True)


def _answers(text: str) -> tuple[object, ...]:
    return (
        context.attribution(text),
        context.period_of(text, PUBLISHED),
        context.period_of(text, None),
        context.unit_before(text),
    )


FILTERED = {text: _answers(text) for text in TEXTS}
"""Each text's answers with the cue checks on, taken before any test switches them off."""


def test_cue_checks_never_change_an_answer(unfiltered: None) -> None:
    """Every dev-set text and edge: the same answers with the cue checks switched off."""
    assert [t for t in TEXTS if _answers(t) != FILTERED[t]] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sales rose 5 percent, the report says.", "the report"),
        ("Sales rose, \u017fays Lu Wei.", None),
        ("According to Reuters, it rose.", "Reuters"),
        ("It rose.", None),
    ],
)
def test_attribution_table(text: str, expected: str | None) -> None:
    assert context.attribution(text) == expected


RUN_EDGES = [
    "China, with 670 million users, leads, Lu Wei said.",
    "The Ministry of Commerce said; the report, said the agency, showed a rise.",
    "Sales rose (the data showed) as Xi Jinping said, and the bureau said so.",
    "THE REPORT SAYS it rose, the company's data showed",
    "He said it rose; Lu Wei said.",
]


def test_attribution_runs_find_the_plain_match() -> None:
    """Searched only in the runs of name characters that hold a cue, as searched in the whole
    (every dev-set text and the edges)."""
    for text in [*TEXTS, *RUN_EDGES]:
        folded = fold(text)
        for pattern, cues, ignorecase, within, _ in context.ATTRIBUTION:
            if within is None:
                continue
            cued = folded if ignorecase else text
            found = context._search_runs(pattern, text, cued, within, cues)
            plain = pattern.search(text)
            assert (found.span() if found else None) == (plain.span() if plain else None), text


POSITIONS_TEXT = "\n".join(TEXTS) + (
    " It fell  \n rose\u00a0 UP BY  \u017fank  down\n by 5 fell by\u00a0 "
    " 5 pct 5 PP 5 Bps 5 \u00a0% 5 basis  points 5 per\u00a0cent US$ 5 Rs. 5 AUS$5 COP28 R$5"
    " page 5 No. 5 P 5 pp.\u00a05 cla\u017fs 5 SECTION\n5 Call police on  5 TELEPHONE 5 text 5"
    " 5 Swiss francs 5 \u212aRW 5 us dollars more than  5 well OVER 5 up to\n5 \u0130n"
    " стр 5 \u201cp. 5 тысяч 5 se\u0441tion 5 Users STOOD AT  5 voters numbered\n5 r\u0435ached 5"
    " users reached\u00a0about 5 users \u017ftood at 5 jobs totalled more  than 5 pag\u0130 5"
)
"""Every dev-set text and the edge cases, as one text: the tests below try each position."""


def _windows(size: int) -> list[str]:
    text = POSITIONS_TEXT
    return [text[max(0, i - size) : i] for i in range(len(text) + 1)]


def _afters(size: int) -> list[str]:
    text = POSITIONS_TEXT
    return [text[i : i + size] for i in range(len(text) + 1)]


def test_change_verb_filter_never_hides_a_match() -> None:
    from extractors.scanner import CHANGE_BEFORE, _may_end_in_change_verb

    hidden = [w for w in _windows(25) if CHANGE_BEFORE.search(w) and not _may_end_in_change_verb(w)]
    assert hidden == []


def test_level_verb_filter_never_hides_a_match() -> None:
    hidden = [
        w
        for w in _windows(80)
        if context._LEVEL_VERB_END.search(w, max(0, len(w) - 60))
        and not context._may_end_in_level_verb(w)
    ]
    assert hidden == []


def test_percent_filter_never_hides_a_match() -> None:
    from extractors import percent

    hidden = [
        a for a in _afters(40) if percent._PERCENT.match(a) and percent.percent_after(a) is None
    ]
    assert hidden == []


def test_qualifier_match_as_before() -> None:
    from extractors.qualifiers import LAST_WORDS, LOOKBEHIND, QUALIFIER_TAIL, qualifier_match

    def unfiltered(before: str) -> tuple[int, int] | None:
        tail = before[-LOOKBEHIND:]
        words = tail.split()
        if not words or not tail[-1:].isspace() or words[-1].lower() not in LAST_WORDS:
            return None
        match = QUALIFIER_TAIL.search(tail)
        return match.span() if match else None

    for window in _windows(60):
        match = qualifier_match(window)
        assert (match.span() if match else None) == unfiltered(window), window


def test_currency_filters_as_before() -> None:
    from extractors import money

    symbols, _, codes = money._tables()

    def prefix_unfiltered(before: str) -> tuple[str, str] | None:
        spaced = before[-1:] in (" ", "\u00a0")
        core = before[:-1] if spaced else before
        if len(core) >= 3 and core[-3:] in codes and not core[-4:-3].isalnum():
            return core[-3:] + (before[-1] if spaced else ""), core[-3:]
        for size in range(min(money.MAX_SYMBOL, len(core)), 0, -1):
            code = symbols.get(core[-size:])
            edge = core[-size - 1 : -size] if size < len(core) else ""
            if code is None or edge.isalnum() or edge in ("$", "_"):
                continue
            return core[-size:] + (before[-1] if spaced else ""), code
        return None

    for window in _windows(8):
        assert money.prefix_currency(window) == prefix_unfiltered(window), window

    def after_unfiltered(after: str) -> tuple[str, str] | None:
        if (match := money.CODE_AFTER.match(after)) and match[1] in codes:
            return match[0], match[1]
        if symbol := money._symbol_after(after):
            return symbol
        match = money.WORDS_AFTER.match(after)
        if match is None or match[1].lower() not in money._first_words():
            return None
        for count in (3, 2, 1):
            if match[count] is not None:
                phrase = " ".join(match[i] for i in range(1, count + 1)).lower()
                if phrase in money._tables()[1]:
                    return match[0][: match.end(count)], money._tables()[1][phrase]
        return None

    for after in _afters(40):
        assert money.currency_after(after) == after_unfiltered(after), after


def _category_unfiltered(key: tuple, unit: str | None) -> str | None:
    """The unit-phrase half of category_of, without the pre-filter (None: no keyword)."""
    best: tuple[int, str] | None = None
    if not unit:
        return None
    for cid, pattern in context._keyword_patterns(key):
        for match in pattern.finditer(unit):
            if best is None or match.end() > best[0]:
                best = (match.end(), cid)
    return best[1] if best else None


UNITS = [
    "Internet users",
    "people attended",
    "listed Internet-related companies",
    "market  capitalisation",
    "GDP",
    "#tags",
    "c\u00f4te users",
    "u\u017fers",
    "data\tcentres",
    "tonnes of rice",
    "retail sales growth",
    "sales growth of retail sales",
    "",
]
KEYS = [
    context.category_key(default_categories()),
    (("tags", ("#tags", "users")), ("other", ("people",))),
    (("fr", ("c\u00f4te",)), ("users", ("Users", "data centres"))),
    (("blank", ("",)), ("users", ("users",))),
    (("users", ("users",)), ("none", ())),
    (("overlap", ("retail sales", "sales growth")), ("growth", ("growth", "Sales"))),
]


@pytest.mark.parametrize("key", KEYS)
def test_category_prefilter_never_hides_a_keyword(key: tuple) -> None:
    units = UNITS + [c.unit for t in TEXTS for c in extract(t) if c.unit]
    for unit in units:
        expected = _category_unfiltered(key, unit) or "other"
        assert context.category_of(key, unit, [], 0) == expected, unit


@pytest.mark.parametrize(
    "text",
    [
        POSITIONS_TEXT,
        "One in five; two-thirds of 3,000; a dozen (12) and twenty-one.",
        "five",
        "a third",
        "half a million",
        "SEVENTY-SEVEN \u017fix \u017feven f\u0130ve e\u0131ght nine",
        "-five x-two 5two two5 2015-12-20T10:00 t5 +44 20 7946 0958 (555) 123-4567",
        "an estimated a  dozen an\u00a0eighth A billion an thousand",
        "For this, several elected a new eleven; forty for four, a-half, a\nmillion, A Third",
        "a hundredfold rise, Hundredfold, hundreds, a hundred and one",
        "",
    ],
)
def test_atoms_are_the_atom_matches(text: str) -> None:
    def seen(match: re.Match[str]) -> tuple:
        assert match.span(match.lastgroup) == match.span()
        return (*match.span(), match.lastgroup)

    assert list(numbers.atoms(text)) == [seen(m) for m in numbers.ATOM.finditer(text)]


def test_atoms_on_labelled_text() -> None:
    """Also where the labelled sentences put figures, number words and what stands around them."""
    for text in [*TEXTS, POSITIONS_TEXT]:
        expected = [(*m.span(), m.lastgroup) for m in numbers.ATOM.finditer(text)]
        assert list(numbers.atoms(text)) == expected, text


ATOM_PIECES = [
    *numbers.WORD_KEYS, "a", "an", "A", "AN", "One", "TWENTY", "hundreds", "fold", "s", "teen",
    "ty", "th", "1", "5.5", "2,000", "½", "(", ")", "+", ".", ",", "-", "–", " ", "  ", "\n",
    "\u00a0", "\u0130", "\u0131", "\u017f", "\u212a", "é", "’", "x", "_", "٣", "３", "⅓",
    "(555) 123-4567", "2015-12-20T10:00", "+44 20 7946 0958", "24/7", "3/4 of", "0800 555 111",
    "1,2", ",000", "5.", ".5", "?", "“", "”",
]  # fmt: skip
"""Pieces that put keys, articles, case twins, wide digits and separators side by side."""


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(ATOM_PIECES), max_size=14))
def test_atoms_are_the_atom_matches_on_any_mix(pieces: list[str]) -> None:
    """The keys found apart (``numbers.word_atoms``) miss no match of the one pattern."""
    text = "".join(pieces)
    assert list(numbers.atoms(text)) == [
        (*m.span(), m.lastgroup) for m in numbers.ATOM.finditer(text)
    ]


PLAIN_BOUNDARY = re.compile(r"(?<![.!?])[.!?]+[\"'”’)\]]*[ \t]+(?=[\"'“‘(\[]?[A-Z0-9])|\n\s*")
"""``sentences.BOUNDARY`` as first written: the same ends, tried at every character."""


BOUNDARY_EDGES = [
    'It rose.  "Next" one... And?! (Then) \n\n  x.\tY .A ?\u201cQ 5.5. 6',
    "...\n.\n!\n?",
    "",
]


def test_sentence_boundaries_as_first_written() -> None:
    from extractors.sentences import BOUNDARY

    for text in [*TEXTS, POSITIONS_TEXT, *BOUNDARY_EDGES]:
        assert [m.span() for m in BOUNDARY.finditer(text)] == [
            m.span() for m in PLAIN_BOUNDARY.finditer(text)
        ], text


@pytest.mark.parametrize("key", KEYS)
def test_keyword_hits_as_with_ignorecase(key: tuple) -> None:
    pattern, owner = context._all_keywords(key)
    for text in [*TEXTS, POSITIONS_TEXT, "MARKET  Value of u\u017fers, \u212aEY users"]:
        expected = [
            (m.start(), m.end(), context._owner(owner, m[0])) for m in pattern.finditer(text)
        ]
        assert context.keyword_hits(key, text) == expected, text


@pytest.mark.parametrize(
    "text", ["670 million u\u017fers", "3,000 U\u017fERS joined", "5 \u212aeys"]
)
def test_case_twins_of_keywords_are_keywords(text: str) -> None:
    """A keyword matched through a case twin ("u\u017fers", long s) has its category."""
    hits = context.keyword_hits(context.category_key(default_categories()), text)
    assert all(cid for _, _, cid in hits)
    assert extract(text)  # never an exception


def test_exclusion_filters_never_hide_a_match() -> None:
    from extractors import exclusions

    for window in _windows(30):
        if exclusions.REFERENCE_BEFORE.search(window):
            assert exclusions._may_end_in_reference(window), window
    for window in _windows(50):
        if exclusions.PHONE_BEFORE.search(window):
            assert any(cue in fold(window) for cue in exclusions.PHONE_CUES), window


@pytest.mark.parametrize(
    "text",
    [
        POSITIONS_TEXT,
        "5" + " " * 13 + "to 7",
        "5\u00a0–\u00a07 5 and 6 5 -7 5—7 5 To 7 5 USD 5 \u00a0EUR",
    ],
)
def test_join_and_code_filters_never_hide_a_match(text: str) -> None:
    from extractors import money
    from extractors.scanner import RANGE_JOIN, _may_join

    for pos in range(len(text) + 1):
        if RANGE_JOIN.match(text, pos):
            assert _may_join(text, pos), text[pos:]
        if money.CODE_AFTER.match(text, pos):
            assert money._may_start_with_code(text[pos:]), text[pos:]


SUFFIX_EDGES = [
    " per cent",
    " percent",
    " Percent",
    " percentage points",
    " pct",
    " pc",
    " pp",
    " ppts",
    " basis points",
    " bps",
    "%",
    " %",
    "pct",
    "bps",
    "p a share",
    " cents",
    " cent",
    " pence",
    " sen",
    " kopecks",
    " years",
    " year",
    " seconds",
    " centuries",
    " yuan",
    " euros",
    " dollars",
    " Swiss francs",
    " zł",
    " soʻm",
    " USD",
    "USD",
    " people",
    " persons",
    ", the",
    ". The",
    "\tyears",
    "",
    " ",
    "  years",
    " yearſ",
    " \u212aopecks",
    " percentage",
    " per",
    " decades-long",
    " days_",
    " sen5",
    "€",
    "$",
    "-year",
    " s",
    " z",
    " won",
    " rand",
]


def test_nothing_after_means_no_suffix_matches() -> None:
    """``scanner._nothing_after`` says so only where every suffix matcher finds nothing."""
    from extractors import exclusions, money, percent
    from extractors.context import DURATION_AFTER
    from extractors.scanner import _after, _nothing_after

    afters = list(SUFFIX_EDGES)
    for text in TEXTS:
        afters += [_after(text, end) for _, end, _ in numbers.atoms(text)]
        afters += [_after(text, m.end()) for m in re.finditer(r"\w+", text)]
    said = 0
    for after in afters:
        if _nothing_after(after):
            said += 1
            assert money.currency_after(after) is None, after
            assert money.subunit_after(after) is None, after
            assert percent.percent_after(after) is None, after
            assert DURATION_AFTER.match(after) is None, after
            assert not (after[:1].isalpha() and exclusions.GLUED_UNIT.match(after)), after
    assert said > len(afters) / 2  # the quick answer is the usual one


FLAT_MONEY_NOUN_PHRASE = re.compile(
    rf"(?<![\w'’-])((?:[A-Za-z][\w-]*[ \u00a0]+){{0,2}}(?:{context._MONEY_NOUN}))(?![\w-])",
    re.IGNORECASE,
)
"""``context.MONEY_NOUN_PHRASE`` as first written: the money nouns a flat list, in file order."""


def test_money_noun_tree_finds_what_the_list_found() -> None:
    texts = [
        *TEXTS,
        "Net PROFIT margins, sales revenues and GDP output; the costs-of-sales cost tax-free taxes",
        "capital capitalisation cap caps bonus bonuses, fund funding fundraising in\u00a0fees",
    ]
    for text in texts:
        expected = [m.span(1) for m in FLAT_MONEY_NOUN_PHRASE.finditer(text)]
        assert [m.span(1) for m in context.MONEY_NOUN_PHRASE.finditer(text)] == expected, text


def test_change_verb_tree_finds_what_the_list_found() -> None:
    from extractors.lexicon import FALL_VERBS, RISE_VERBS
    from extractors.scanner import CHANGE_BEFORE

    flat = re.compile(
        rf"(?<![\w-])(?:({FALL_VERBS})|({RISE_VERBS}))(?:[ \u00a0]+by)?[ \u00a0]+$", re.IGNORECASE
    )
    edges = ["It FELL ", "sales fallen  ", "down-rose ", "it dropsby ", "Rose by\u00a0", "up by \n"]
    for text in [*TEXTS, *edges]:
        for end in range(len(text) + 1):
            window = text[max(0, end - 25) : end]
            got, expected = CHANGE_BEFORE.search(window), flat.search(window)
            assert (got and (got.span(), got.lastindex)) == (
                expected and (expected.span(), expected.lastindex)
            ), window


def test_qualifier_tree_finds_what_the_list_found() -> None:
    from extractors.lexicon import QUALIFIER_WORDS
    from extractors.qualifiers import QUALIFIER_TAIL

    words = sorted(QUALIFIER_WORDS, key=len, reverse=True)
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    flat = re.compile(rf"(?<![\w-])({alternation})\s+$", re.IGNORECASE)
    edges = ["MORE  THAN ", "no fewer\nthan ", "well-over ", "just over\t", "upwards of "]
    for window in [*_windows(40), *edges]:
        got, expected = QUALIFIER_TAIL.search(window), flat.search(window)
        assert (got and got.span(1)) == (expected and expected.span(1)), window
