"""What a figure counts, who and when it is about, who says it, and its category.

Everything here reads only the claim's sentence (and ``published`` for
relative periods), so it is cheap and local.

>>> unit_phrase("670 million Internet users, about one-fourth", 11)
'Internet users'
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence

from babel import Locale

from dataset.schema import Category, Period
from extractors.lexicon import (
    ATTRIBUTION,
    CONTAINERS,
    COUNTRY_SHORT_NAMES,
    DETERMINERS,
    IRREGULAR_PLURALS,
    LEVEL_VERBS,
    MONEY_NOUNS,
    NOT_PLURAL,
    NOT_PLURAL_ENDINGS,
    PHRASE_ENDERS,
    PRONOUNS,
    RELATIVE_WORDS,
    REPORTING_VERBS,
    SKIPPED_FIRST,
    STOP_WORDS,
    SUBJECT_PREPOSITIONS,
    YEAR_EARLIER_CUES,
)
from extractors.patterns import (
    before_trailing_spaces,
    contains_any,
    fold,
    literal_trie,
    word_start_trie,
)

WORD = re.compile(r"[ \u00a0]+([A-Za-z][\w'’&-]*)")
MAX_UNIT_WORDS = 4


DURATION_AFTER = re.compile(
    r"[ \u00a0]+(years?|months?|weeks?|days?|hours?|minutes?|seconds|decades?|centuries|century)"
    r"(?![\w-])",
    re.IGNORECASE,
)


HEAD_CONTINUATION = re.compile(
    r"[ \u00a0]+(per[ \u00a0]+(?:(?:cubic|square)[ \u00a0]+)?[A-Za-z]+|Celsius|Fahrenheit)"
    r"(?![\w-])"
)
"""What may follow any head noun and belong to it: "barrels per day", "degrees Celsius"."""

OF_NOUN = re.compile(r"[ \u00a0]+of[ \u00a0]+([a-z][\w-]*)(?![\w-])")


def words_after(text: str, end: int, limit: int = 120) -> str | None:
    """Up to four words after a figure, to the first stop word or punctuation.

    Wider than `unit_phrase`: the verb after the noun stays ("people attended"),
    and category keywords are matched in it, so that 2,000 people who attended
    a summit are an event and not a population.

    >>> words_after("2,000 people attended the summit", 5)
    'people attended'
    """
    words: list[str] = []
    pos = end
    stop = min(len(text), end + limit)
    while len(words) < MAX_UNIT_WORDS:
        match = WORD.match(text, pos, stop)
        if match is None or match[1].lower() in STOP_WORDS:
            break
        words.append(match[1])
        pos = match.end()
        if pos < len(text) and text[pos] in ',;:.!?()[]"”':
            break
    return " ".join(words) or None


def is_plural_head(word: str) -> bool:
    """A plural noun, which usually ends the phrase of what is counted.

    >>> [is_plural_head(w) for w in ("users", "people", "business", "census", "various")]
    [True, True, False, False, False]
    """
    lower = word.lower()
    if lower in IRREGULAR_PLURALS:
        return True
    if lower in NOT_PLURAL or len(lower) < 3 or not lower.isascii():
        return False
    return lower.endswith("s") and not lower.endswith(NOT_PLURAL_ENDINGS)


def _is_modifier(lower: str) -> bool:
    """A participle or -ly word: a modifier before a noun, else a verb or adverb.

    "Internet-related" is a compound adjective wherever it stands.
    """
    return len(lower) > 4 and "-" not in lower and lower.endswith(("ed", "ing", "ly"))


def _head_continuation(text: str, pos: int, stop: int, head: str) -> str | None:
    """The words after a head noun that still belong to it, if any."""
    more = HEAD_CONTINUATION.match(text, pos, stop)
    if more:
        return " ".join(more[1].split())
    if head.lower() in CONTAINERS:
        of = OF_NOUN.match(text, pos, stop)
        if of and of[1] not in STOP_WORDS:
            return f"of {of[1]}"
    return None


def unit_phrase(text: str, end: int, limit: int = 120) -> str | None:
    """The noun phrase right after a figure: what it counts (up to four words).

    The phrase ends at its head, the first plural noun ("government leaders
    attended" gives "government leaders"), unless "per ..." or "of <noun>"
    follows it; without a plural head it ends at a stop word, a verb, an
    adverb or punctuation.

    >>> unit_phrase("328 listed Internet-related companies having", 3)
    'listed Internet-related companies'
    >>> unit_phrase("41.2 million barrels per day in September", 12)
    'barrels per day'
    >>> unit_phrase("One person died", 3)
    'person'
    >>> unit_phrase("7 percent of GDP.", 9) is None
    True
    """
    words: list[str] = []
    pos = end
    stop = min(len(text), end + limit)
    while len(words) < MAX_UNIT_WORDS:
        match = WORD.match(text, pos, stop)
        if match is None:
            break
        lower = match[1].lower()
        if lower in SKIPPED_FIRST and not words:
            pos = match.end()
            continue  # "250 more vacancies": what is counted is "vacancies"
        if lower in STOP_WORDS or lower in PHRASE_ENDERS or (words and _is_modifier(lower)):
            break
        pos = match.end()
        words.append(match[1])
        if pos < len(text) and text[pos] in ',;:.!?()[]"”':
            break
        if is_plural_head(match[1]):
            more = _head_continuation(text, pos, stop, match[1])
            if more:
                words.append(more)
            break
    if all(_is_modifier(w.lower()) for w in words):
        return None  # "more than 100 injured": a participle alone counts nothing
    return " ".join(words)


_MONEY_NOUN = "|".join(MONEY_NOUNS)
_MONEY_NOUN_TRIE = literal_trie(
    sorted({noun.lower() for noun in MONEY_NOUNS}, key=len, reverse=True), flexible_spaces=False
)
"""The money nouns as a prefix tree, for the ignore-case pattern below.

At any place at most one single-word noun can match with no word character
after it, so the order of the alternatives changes no match; a tree fails
after a letter or two where the flat list tried all eighty nouns, at each
word of the window and for each number of words before the noun.
"""
MONEY_NOUN_PHRASE = re.compile(
    rf"(?<![\w'’-])((?:[A-Za-z][\w-]*[ \u00a0]+){{0,2}}(?:{_MONEY_NOUN_TRIE}))(?![\w-])",
    re.IGNORECASE,
)
MONEY_LOOKBEHIND = 60
"""How far before a money figure its noun may stand, within the clause."""
MONEY_AFTER = re.compile(rf"[ \u00a0]+in[ \u00a0]+((?:[a-z][\w-]*[ \u00a0]+)?(?:{_MONEY_NOUN}))\b")
OF_OR_IN_AFTER = re.compile(r"[ \u00a0]+(?:of|in)(?=[ \u00a0]+[a-z])")
"""An amount "of green bonds", "in prize money": the noun after it says what the money is."""


def money_unit(sentence: str, start: int, end: int) -> str | None:
    """What a money figure measures: "$5bn in revenue", "net profit rose to $2bn".

    A money noun right after the figure ("in sales") wins, then any noun phrase
    after "of" or "in" ("of hybrid bonds"); else the nearest money noun before
    it in the same clause, with up to two words before it that are not stop
    words, verbs or a possessive's "s" ("online retail sales", "combined value").

    >>> money_unit("Net profit rose to $2.1 billion.", 19, 31)
    'net profit'
    >>> money_unit("It booked $5 billion in new orders.", 10, 20)
    'new orders'
    >>> money_unit("companies having a combined value of about 7.85 trillion yuan", 43, 61)
    'combined value'
    >>> money_unit("The utility sold GBP400m of green bonds.", 17, 24)
    'green bonds'
    >>> money_unit("Carlsberg's arm booked restructuring costs of 420 million crowns", 46, 64)
    'restructuring costs'
    """
    after = MONEY_AFTER.match(sentence, end)
    if after:
        return " ".join(after[1].split())
    if (joined := OF_OR_IN_AFTER.match(sentence, end)) and (
        phrase := unit_phrase(sentence, joined.end())
    ):
        return phrase
    window = max(0, start - MONEY_LOOKBEHIND)
    clause = max(sentence.rfind(mark, window, start) for mark in ",;:()")
    found = list(MONEY_NOUN_PHRASE.finditer(sentence, max(window, clause + 1), start))
    if not found:
        return None
    words = found[-1][1].split()
    cut = 0
    for i, word in enumerate(words[:-1]):
        if _not_a_modifier(word, len(words) - i):
            cut = i + 1  # "retailer posted sales": what follows the verb
    return " ".join(w.lower() if w.istitle() else w for w in words[cut:])


def _not_a_modifier(word: str, size: int) -> bool:
    """A word before a money noun that is no part of its name: "the", "posted", "booked"."""
    lower = word.lower()
    if lower in STOP_WORDS or lower in PHRASE_ENDERS or lower in REPORTING_VERBS:
        return True
    return size == 3 and lower.endswith("ed")


NUMBER_OF = re.compile(r"\b(?:number|total|count|tally)[ \u00a0]+of(?=[ \u00a0])", re.IGNORECASE)
POPULATION = re.compile(r"\bpopulations?\b", re.IGNORECASE)
NUMBER_OF_CUES = ("number", "total", "count", "tally")
"""A match of ``NUMBER_OF`` holds one of these, in ``fold``-ed text."""


OF_THE_FIGURE = re.compile(
    r"[ \u00a0]+of[ \u00a0]+(?:the|its|their)[ \u00a0]+\d[\d,.]*(?:[ \u00a0]+(?:million|billion))?"
    r"(?=[ \u00a0])"
)


def part_of_unit(text: str, end: int) -> str | None:
    """ "412 of the 650 seats": the part counts what the whole counts.

    >>> part_of_unit("Nine of the 11 candidates are women", 4)
    'candidates'
    """
    match = OF_THE_FIGURE.match(text, end)
    return unit_phrase(text, match.end()) if match else None


def unit_before(before: str) -> str | None:
    """What a bare count counts, named before it in its sentence.

    >>> unit_before("The number of unemployed people fell by ")
    'unemployed people'
    >>> unit_before("Japan's population fell by ")
    'people'
    """
    folded = fold(before)  # the patterns search every place: most windows name neither
    if contains_any(folded, NUMBER_OF_CUES):
        named = [m.end() for m in NUMBER_OF.finditer(before)]
        if named and (unit := unit_phrase(before, named[-1])):
            return unit
    if contains_any(folded, ("population",)) and POPULATION.search(before):
        return "people"
    return None


_LEVEL_VERB_END = re.compile(
    r"(?:^|[ \u00a0])(?:"
    + "|".join(v.replace(" ", r"[ \u00a0]+") for v in sorted(LEVEL_VERBS, key=len, reverse=True))
    + r")(?:[ \u00a0]+(?:about|around|nearly|almost|roughly|some|over|more[ \u00a0]+than))?"
    + r"[ \u00a0]*$",
    re.IGNORECASE,
)
"""A level verb right before a figure ("reached", "stood at about")."""
_LEVEL_LAST_WORDS = frozenset(
    [verb.split()[-1].lower() for verb in LEVEL_VERBS]
    + ["about", "around", "nearly", "almost", "roughly", "some", "over", "than"]
)
"""The words ``_LEVEL_VERB_END`` can end in: a level verb's last word or a qualifier's."""


def _may_end_in_level_verb(before: str) -> bool:
    """False when ``_LEVEL_VERB_END`` cannot match ``before``: a set test on its last word.

    The pattern ends in a word of ``_LEVEL_LAST_WORDS`` after a space, then
    spaces (``$`` also before a final newline); tried at each of the last 60
    places, it was a tenth of the work on text dense with bare counts.

    >>> _may_end_in_level_verb("Users reached "), _may_end_in_level_verb("Users in ")
    (True, False)
    """
    words = before_trailing_spaces(before)[0].rsplit(None, 1)
    return bool(words) and fold(words[-1]) in _LEVEL_LAST_WORDS


_SUBJECT_WORD = re.compile(r"[A-Za-z][\w'’&-]*|[^\sA-Za-z]")
MAX_SUBJECT_WORDS = 8
"""Words read back from the verb for its subject: a head and a short phrase after it."""


def subject_of_verb(before: str) -> str | None:
    """What a bare count counts when it is the subject of the verb before it.

    The subject ends at its head (a plural noun), perhaps followed by a phrase
    ("in the province"); a possessive or a determiner before it is not part of it.

    >>> subject_of_verb("China's Internet users reached ")
    'Internet users'
    >>> subject_of_verb("Registered voters in the province numbered ")
    'Registered voters'
    >>> subject_of_verb("The index reached ") is None  # no plural noun: not a count's unit
    True
    """
    if not _may_end_in_level_verb(before):
        return None
    tail = max(0, len(before) - 60)  # a verb and its qualifier fit in the last 60 characters
    verb = _LEVEL_VERB_END.search(before, tail)
    if verb is None:
        return None
    head_end = verb.start()
    window = before[max(0, head_end - 120) : head_end]
    words: list[str] = _SUBJECT_WORD.findall(window)[-MAX_SUBJECT_WORDS:]
    clause: list[str] = []  # the words after the last punctuation, in order
    for word in reversed(words):
        if not word[0].isalpha():
            break
        clause.insert(0, word)
    # the head: the last plural noun that ends the clause or starts a phrase after it
    for i in range(len(clause) - 1, -1, -1):
        after = clause[i + 1 : i + 2]
        if is_plural_head(clause[i]) and (not after or after[0].lower() in SUBJECT_PREPOSITIONS):
            break
    else:
        return None
    named: list[str] = []
    for word in reversed(clause[: i + 1]):
        lower = word.lower()
        if lower.endswith(("'s", "’s")) or lower in DETERMINERS or lower in STOP_WORDS:
            break
        named.insert(0, word)
        if len(named) == MAX_UNIT_WORDS:
            break
    return " ".join(named) or None


OF_WHOLE = re.compile(
    r"(?:[ \u00a0]+of(?:[ \u00a0]+(?:the|its|their|all))?|(?<=[Hh]alf)[ \u00a0]+the)(?=[ \u00a0])"
)
"""What a share is of: "7 percent of the GDP", "half the homes"."""


def of_phrase(text: str, end: int) -> str | None:
    """The noun after "of": "7 percent of GDP" -> "GDP".

    >>> of_phrase("7 percent of the GDP.", 9)
    'GDP'
    """
    match = OF_WHOLE.match(text, end)
    return unit_phrase(text, match.end()) if match else None


@functools.lru_cache(maxsize=1)
def _entity_pattern() -> re.Pattern[str]:
    """Country and territory names from CLDR, plus their common short forms."""
    territories = Locale("en").territories
    names = {n for code, n in territories.items() if code.isalpha() and n[0].isupper()}
    names |= COUNTRY_SHORT_NAMES
    ordered = sorted(names, key=len, reverse=True)
    if (starts := word_start_trie(ordered, "A-Z")) is not None:
        return re.compile(rf"{starts}\b")  # where the line below matches, found faster
    alternation = literal_trie(ordered, flexible_spaces=False, ignorecase=False)
    return re.compile(rf"\b(?=[A-Z])(?:{alternation})\b")


def entity_near(sentence: str, offset: int) -> str | None:
    """The country nearest to ``offset`` in the sentence.

    >>> entity_near("China connected and has 670 million users", 24)
    'China'
    >>> entity_near("Vietnam earned US$3.2 billion", 15)
    'Vietnam'
    """
    best: tuple[int, str] | None = None
    for match in _entity_pattern().finditer(sentence):
        if (
            sentence[match.end() : match.end() + 1] == "$"
            or sentence[match.start() - 1 : match.start()] == "$"
        ):
            continue  # "US$3.2 billion", "$US113 trillion": a currency, not a place
        distance = abs(match.start() - offset)
        if best is None or distance < best[0]:
            best = (distance, match[0])
    return best[1] if best else None


BETWEEN_MONTHS = re.compile(
    r"\b(?:between|from)\s+([A-Z][a-z]+)(?:\s+(\d{4}))?\s+(?:and|to|through)\s+([A-Z][a-z]+)"
    r"(?:\s+(\d{4}))?"
)
MONTH_NUMBERS: dict[str, int] = {
    name.lower(): number for number, name in Locale("en").months["format"]["wide"].items()
}
"""Month names (CLDR, through Babel) -> 1-12."""
IN_YEAR = re.compile(r"\b(?:in|during|for|of|since|by)\s+(?:fiscal\s+)?((?:19|20)\d\d)\b")
RELATIVE = re.compile(rf"\b({'|'.join(RELATIVE_WORDS)})\b", re.IGNORECASE)
"""The period_of patterns only run on a sentence that holds their literal words (cheap test)."""


def period_of(sentence: str, published: dt.date | None) -> Period | None:
    """The period stated in the sentence, resolved against ``published``.

    >>> period_of("made 2.95 trillion yuan between January and October", dt.date(2015, 12, 20))
    Period(as_of=None, start='2015-01', end='2015-10')
    >>> period_of("sales in 2014 rose", None)
    Period(as_of='2014', start=None, end=None)
    >>> period_of("today has 670 million users", dt.date(2015, 12, 20)).as_of
    '2015-12-20'
    """
    if contains_any(sentence, ("between", "from")) and (match := BETWEEN_MONTHS.search(sentence)):
        first, last = MONTH_NUMBERS.get(match[1].lower()), MONTH_NUMBERS.get(match[3].lower())
        year_end = match[4] or (str(published.year) if published else None)
        year_start = match[2] or year_end
        if first and last and year_start and year_end:
            start, end = f"{year_start}-{first:02d}", f"{year_end}-{last:02d}"
            if start <= end:
                return Period(start=start, end=end)
    if contains_any(sentence, ("19", "20")) and (match := IN_YEAR.search(sentence)):
        return Period(as_of=match[1])
    if (
        published
        and contains_any(fold(sentence), RELATIVE_WORDS)
        and (match := RELATIVE.search(sentence))
    ):
        word = match[1].lower()
        if word == "last year":
            return Period(as_of=str(published.year - 1))
        if word == "this year":
            return Period(as_of=str(published.year))
        if word == "last month":
            month = dt.date(published.year, published.month, 1) - dt.timedelta(days=1)
            return Period(as_of=month.isoformat()[:7])
        return Period(as_of=published.isoformat())
    return None


def base_period(sentence: str, period: Period | None) -> Period | None:
    """The period a change or growth is measured from, when the sentence says "a year earlier".

    It is the claim's own period a year back, so only known when that period is.

    >>> base_period("Sales in 2014 rose 12% from a year earlier.", Period(as_of="2014"))
    Period(as_of='2013', start=None, end=None)
    >>> base_period("Sales rose 12% in 2014.", Period(as_of="2014")) is None
    True
    """
    if period is None or not contains_any(fold(sentence), YEAR_EARLIER_CUES):
        return None
    return Period(
        as_of=_year_back(period.as_of), start=_year_back(period.start), end=_year_back(period.end)
    )


def _year_back(date: str | None) -> str | None:
    """ "2015-10" -> "2014-10"; a 29 February becomes the 28th.

    >>> _year_back("2016-02-29"), _year_back(None)
    ('2015-02-28', None)
    """
    if date is None:
        return None
    shifted = f"{int(date[:4]) - 1:04d}{date[4:]}"
    return shifted.replace("-02-29", "-02-28")


def attribution(sentence: str) -> str | None:
    """Who the sentence attributes the figure to: "says Lu Wei", "the report says".

    >>> attribution("Sales rose, says Lu Wei, director of the agency.")
    'Lu Wei'
    >>> attribution("Internet enterprises' market value rose, the report says.")
    'the report'
    >>> attribution("It rose.") is None
    True
    """
    folded = fold(sentence)
    for pattern, cues, ignorecase, within, also in ATTRIBUTION:
        cued = folded if ignorecase else sentence
        if not contains_any(cued, cues) or (also and not contains_any(cued, also)):
            continue
        if within is not None:
            match = _search_runs(pattern, sentence, cued, within, cues)
        else:
            match = pattern.search(sentence)
        if match:
            name = match[1].strip().rstrip(".")
            if name not in PRONOUNS:
                return name
    return None


def _search_runs(
    pattern: re.Pattern[str],
    sentence: str,
    cued: str,
    within: re.Pattern[str],
    cues: tuple[str, ...],
) -> re.Match[str] | None:
    """``pattern.search(sentence)``, tried only in the runs of ``within`` that hold a cue.

    Every match lies inside one run, so the first run with a match holds the
    leftmost match; a run without a cue holds none.  ``cued`` is the sentence
    the cues are tested on (``fold``-ed or not, offsets as in ``sentence``).

    >>> from extractors.lexicon import ATTRIBUTION
    >>> p, cues, _, within, _ = ATTRIBUTION[-1]
    >>> s = "China, with 670 million users, leads, Lu Wei said."
    >>> _search_runs(p, s, s, within, cues)[1]
    'Lu Wei'
    """
    for run in within.finditer(sentence):
        start, end = run.span()
        if contains_any(cued[start:end], cues) and (match := pattern.search(sentence, start, end)):
            return match
    return None


@functools.lru_cache(maxsize=8)
def _keyword_patterns(
    categories: tuple[tuple[str, tuple[str, ...]], ...],
) -> list[tuple[str, re.Pattern[str]]]:
    """One compiled pattern per category, longest keyword first (for short unit phrases)."""
    patterns = []
    for cid, keywords in categories:
        if keywords:
            words = sorted(keywords, key=len, reverse=True)
            alternation = literal_trie(words, flexible_spaces=True)
            patterns.append((cid, re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)))
    return patterns


@functools.lru_cache(maxsize=8)
def _first_words(
    categories: tuple[tuple[str, tuple[str, ...]], ...],
) -> list[tuple[str, ...] | None]:
    """For each pattern of ``_keyword_patterns``, the first words of its keywords, lower case.

    A keyword that matches holds its first word where it starts, which ``fold``
    of the text then holds there too (``fold`` maps the case twins
    ``re.IGNORECASE`` matches to ASCII letters and keeps every offset).  None
    for a category with a keyword that is not ASCII.
    """
    firsts: list[tuple[str, ...] | None] = []
    for _, keywords in categories:
        if keywords:
            ascii_only = all(keyword.isascii() and keyword.split() for keyword in keywords)
            firsts.append(tuple(k.split()[0].lower() for k in keywords) if ascii_only else None)
    return firsts


@functools.lru_cache(maxsize=8)
def _all_keywords(
    categories: tuple[tuple[str, tuple[str, ...]], ...],
) -> tuple[re.Pattern[str], dict[str, str]]:
    """Every keyword in one pattern (one pass per sentence), and keyword -> category id.

    A keyword listed by two categories belongs to the first, as in the file.
    """
    owner: dict[str, str] = {}
    for cid, keywords in categories:
        for keyword in keywords:
            owner.setdefault(" ".join(keyword.lower().split()), cid)
    return re.compile(rf"\b(?<!\w)(?:{_alternation(owner)})(?!\w)", re.IGNORECASE), owner


def _alternation(owner: dict[str, str]) -> str:
    """Every keyword of ``_all_keywords`` in one alternation, longest first."""
    return literal_trie(sorted(owner, key=len, reverse=True), flexible_spaces=True) or "(?!)"


@functools.lru_cache(maxsize=8)
def _unit_prefilter(
    categories: tuple[tuple[str, tuple[str, ...]], ...],
) -> re.Pattern[str] | None:
    """A pattern that finds something in every unit phrase where a category keyword matches.

    That is the all-keywords pattern when each keyword is ASCII and starts with
    a word character (then both patterns compare letters alike); None when not.
    Most unit phrases hold no keyword: one search then spares one per category.
    """
    for _, keywords in categories:
        for keyword in keywords:
            normal = " ".join(keyword.lower().split())
            if not keyword.isascii() or not normal or not (normal[0].isalnum() or normal[0] == "_"):
                return None
    return _all_keywords(categories)[0]


@functools.lru_cache(maxsize=8)
def _folded_keywords(
    categories: tuple[tuple[str, tuple[str, ...]], ...],
) -> re.Pattern[str] | None:
    """The all-keywords pattern without ``re.IGNORECASE``, to run on ``fold(sentence)``.

    With ASCII keywords (all lower case in ``owner``) it matches the same spans
    there as the ignore-case pattern on the sentence: ``fold`` keeps every
    offset and every ``\\w`` and ``\\s``, and lower-cases exactly the letters
    ``re.IGNORECASE`` would take for an ASCII one.  Comparing plain characters
    is cheaper than comparing case-folded ones.  None when a keyword is not ASCII.
    """
    pattern, owner = _all_keywords(categories)
    if not all(keyword.isascii() for keyword in owner):
        return None
    return re.compile(pattern.pattern)


def category_key(categories: Sequence[Category]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A hashable form of the categories, so their patterns are compiled once."""
    return tuple((c.id, tuple(c.keywords)) for c in categories)


def keyword_hits(
    key: tuple[tuple[str, tuple[str, ...]], ...], sentence: str
) -> list[tuple[int, int, str]]:
    """(start, end, category id) of every category keyword in a sentence (once per sentence).

    >>> keyword_hits((("users", ("users",)),), "670 million users")
    [(12, 17, 'users')]
    """
    return keywords_of(key).hits(sentence)


def _owner(owner: dict[str, str], matched: str) -> str | None:
    """The category of a matched keyword, also when matched through a case twin.

    ``re.IGNORECASE`` matches "uſers" (long s), "\u212aEY" (Kelvin sign) and
    "populatıon" (dotless i) to "users", "key" and "population"; their lower
    case is not the keyword, their ``fold`` is.

    >>> _owner({"users": "users"}, "U\u017fers"), _owner({"users": "users"}, "ghosts")
    ('users', None)
    >>> _owner({"population": "people"}, "populat\u0131on")
    'people'
    """
    words = " ".join(matched.lower().split())
    if words in owner:
        return owner[words]
    folded = " ".join(fold(matched).split())
    if folded in owner:
        return owner[folded]
    return next((cid for word, cid in owner.items() if word.casefold() == folded.casefold()), None)


def category_of(
    key: tuple[tuple[str, tuple[str, ...]], ...],
    unit: str | None,
    hits: list[tuple[int, int, str]],
    offset: int,
) -> str:
    """The category whose keyword ends last in the counted noun phrase, else nearest the figure.

    >>> key = (("users", ("users",)), ("events", ("attended",)), ("population", ("people",)))
    >>> category_of(key, "people attended", [], 0)
    'events'
    >>> category_of(key, None, keyword_hits(key, "users and half of them"), 10)
    'users'
    >>> category_of(key, None, [], 0)
    'other'
    """
    return unit_category(key, unit) or nearest_category(hits, offset)


def unit_category(key: tuple[tuple[str, tuple[str, ...]], ...], unit: str | None) -> str | None:
    """The category whose keyword ends last in the counted noun phrase, None when none is in it.

    The first half of ``category_of``: when it answers, the sentence's keywords
    are not needed, so the pipeline looks for them only when it does not.

    >>> unit_category((("users", ("users",)),), "Internet users"), unit_category((), "votes")
    ('users', None)
    """
    return keywords_of(key).unit_category(unit)


class Keywords:
    """The categories' keywords, compiled once, for the two questions asked per figure.

    Built by ``keywords_of`` once per set of categories; the pipeline holds one
    for a whole text, so no figure pays for hashing the categories again.
    """

    def __init__(self, key: tuple[tuple[str, tuple[str, ...]], ...]) -> None:
        self.patterns = _keyword_patterns(key)
        self.firsts = _first_words(key)
        self.everything, self.owner = _all_keywords(key)
        self.folded = _folded_keywords(key)
        # Where some keyword starts (zero width): a category's keyword matches only there.
        # Only when the pre-filter can speak for every keyword (``_unit_prefilter``).
        self.starts = None
        if _unit_prefilter(key) is not None:
            self.starts = re.compile(
                rf"\b(?<!\w)(?=(?:{_alternation(self.owner)})(?!\w))", re.IGNORECASE
            )

    def unit_category(self, unit: str | None) -> str | None:
        """``unit_category``: the category whose keyword match ends last in ``unit``.

        Each category's keywords are matched as ``finditer`` matches them, one
        after the other without overlap; but only where some keyword can start
        (``starts``, one search of the unit), which is seldom more than once.
        """
        if not unit:
            return None
        if self.starts is None:
            places = None  # keywords the pre-filter cannot speak for: try every place
        elif not (places := [match.start() for match in self.starts.finditer(unit)]):
            return None  # no keyword in it, as for most units
        best: tuple[int, str] | None = None
        folded = fold(unit) if places else ""
        tried: list[int] | None
        for (cid, pattern), firsts in zip(self.patterns, self.firsts, strict=True):
            if places and firsts is not None:
                tried = [place for place in places if folded.startswith(firsts, place)]
                if not tried:
                    continue  # none of its keywords' first words starts where a keyword can
            else:
                tried = places
            end = _last_end(pattern, unit, tried)
            if end is not None and (best is None or end > best[0]):
                best = (end, cid)
        return best[1] if best else None

    def hits(self, sentence: str) -> list[tuple[int, int, str]]:
        """``keyword_hits``: (start, end, category id) of every keyword of ``sentence``."""
        owner = self.owner
        if self.folded is not None:
            spans = [match.span() for match in self.folded.finditer(fold(sentence))]
        else:
            spans = [match.span() for match in self.everything.finditer(sentence)]
        hits = []
        for start, end in spans:
            matched = sentence[start:end]
            cid = owner.get(matched) if matched.islower() and matched.isascii() else None
            if cid is None:  # capitals, several spaces, a case twin: the long way
                cid = _owner(owner, matched)
            if cid is not None:
                hits.append((start, end, cid))
        return hits


def _last_end(pattern: re.Pattern[str], unit: str, places: list[int] | None) -> int | None:
    """The end of the last of ``pattern.finditer(unit)``, trying it only at ``places``.

    ``places`` (in order) must hold every place the pattern can match; None: all.
    """
    if places is None:
        last = None
        for match in pattern.finditer(unit):
            last = match.end()
        return last
    last, pos = None, 0
    for place in places:
        if place >= pos and (found := pattern.match(unit, place)):
            last = pos = found.end()
    return last


@functools.lru_cache(maxsize=8)
def keywords_of(key: tuple[tuple[str, tuple[str, ...]], ...]) -> Keywords:
    """The ``Keywords`` of a set of categories (``category_key``), compiled once."""
    return Keywords(key)


def nearest_category(hits: list[tuple[int, int, str]], offset: int) -> str:
    """The category of the keyword nearest ``offset`` (``keyword_hits``), else "other".

    >>> nearest_category([(0, 5, "users"), (30, 36, "population")], 26)
    'population'
    """
    best: tuple[int, str] | None = None
    for start, end, cid in hits:
        distance = min(abs(start - offset), abs(end - offset))
        if best is None or distance < best[0]:
            best = (distance, cid)
    return best[1] if best else "other"
