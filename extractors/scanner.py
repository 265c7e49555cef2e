"""The scanner: every figure of a text as written, with value, kind and qualifier.

A figure is a number (digits, number words or a fraction) with what is glued
to it: a sign, a currency symbol or code before it, a scale word, a currency
name, a percent marker or a time unit after it, and for a range its second
half.  One left-to-right pass over ``numbers.ATOM`` matches; each match is
extended with anchored patterns, so the work is linear in the text.

>>> [(f.written, f.value, f.kind) for f in scan("It has 670 million users and 7% of GDP.")]
[('670 million', 670000000.0, 'count'), ('7%', 7.0, 'percent')]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

from extractors import exclusions, money, numbers, percent
from extractors.context import DURATION_AFTER, unit_phrase
from extractors.lexicon import (
    DURATION_WORDS,
    FALL_VERBS,
    MEASURE_UNITS,
    RISE_VERBS,
    SMALL_UNITS,
    SUFFIX_WORDS,
    VULGAR_FRACTIONS,
)
from extractors.patterns import before_trailing_spaces, literal_trie
from extractors.qualifiers import LOOKBEHIND, qualifier_match, qualifier_of
from extractors.sentences import SentenceIndex


class Part:
    """One number with its attachments: "$455 billion", "7 percent", "47 days".

    Plain classes here, not dataclasses: mypyc compiles their ``__init__``,
    where a dataclass's is written at import and interpreted (a twentieth of
    the work on dense text).
    """

    def __init__(
        self, start: int, end: int, value: float, shape: str, kind: str | None = None
    ) -> None:
        self.start = self.num_start = start
        self.end = self.num_end = end
        self.value = value
        self.shape = shape  # digits | words | fraction
        self.currency: str | None = None
        self.scaled = False
        self.unit: str | None = None  # percent unit, duration unit
        self.kind = kind  # money | percent | duration | None (decided later)
        self.sign = 0


class Figure:
    """A figure as written and parsed; ``equivalents`` are (value, currency, span)."""

    def __init__(
        self,
        start: int,
        end: int,
        written: str,
        value: float,
        kind: str,
        *,
        unit: str | None = None,
        currency: str | None = None,
        qualifier: str = "exact",
        low: float | None = None,
        high: float | None = None,
        phrase_read: bool = False,
        phrase: str | None = None,
        bare: bool = False,
        factor: float | None = None,
    ) -> None:
        self.start, self.end, self.written, self.value = start, end, written, value
        self.kind, self.unit, self.currency, self.qualifier = kind, unit, currency, qualifier
        self.low, self.high = low, high
        self.change = False
        self.equivalents: list[tuple[float, str, tuple[int, int]]] = []
        self.phrase_read = phrase_read
        self.phrase = phrase  # unit_phrase after the figure, when phrase_read (read once)
        self.bare = bare  # no currency, percent or time marker of its own: "91" in "91 and 78%"
        self.factor = factor  # the scale written after it: 1e6 in "$4 million"

    def __repr__(self) -> str:
        return f"Figure({self.written!r}, {self.value!r}, {self.kind!r})"


REPEATED_SYMBOL = re.compile(r"(?:US\$|HK\$|A\$|C\$|\$|€|£|¥|₹|₩)")
"""A currency symbol repeated on a range's second half: "$5 to $7 billion"."""
RANGE_JOIN = re.compile(r"[ \u00a0]?[-–—][ \u00a0]?|[ \u00a0]+(?:to|and|or)[ \u00a0]+")
BETWEEN_BEFORE = re.compile(r"(?<!\w)(between|from)[ \u00a0]+$", re.IGNORECASE)


def _verb_tree(verbs: str) -> str:
    """The verbs of ``FALL_VERBS`` or ``RISE_VERBS`` as one prefix tree.

    Single lower-case words: at any place at most one of them can be followed
    by a space, so the tree matches where the list did, failing after a letter
    or two where the list tried every verb at every character of the window.
    """
    return literal_trie(sorted(verbs.split("|"), key=len, reverse=True), flexible_spaces=False)


CHANGE_BEFORE = re.compile(
    rf"(?<![\w-])(?:({_verb_tree(FALL_VERBS)})|({_verb_tree(RISE_VERBS)}))"
    r"(?:[ \u00a0]+by)?[ \u00a0]+$",
    re.IGNORECASE,
)
CHANGE_BY = re.compile(
    r"(?<![\w-])(?:(cut|cuts|reduced|reduces|lowered|lowers|slashed|trimmed|narrowed)|"
    r"(raised|raises|lifted|lifts|boosted|hiked|widened))\b[^.;]{0,40}?[ \u00a0]by[ \u00a0]+$",
    re.IGNORECASE,
)
CHANGE_AFTER = re.compile(
    r"[ \u00a0]+(?:(drop|fall|decline|decrease|contraction|slump|plunge|cut)|"
    r"(rise|increase|gain|jump|surge|hike))\b",
    re.IGNORECASE,
)
PRONOUN_ONE = re.compile(
    r"[ \u00a0]+(?:of|another|or|and|by|in|at|day|time|way|thing|side|hand|point|after)\b|[,.;]",
    re.IGNORECASE,
)
"""After "one" these make it a pronoun or an idiom, not a count."""
FREE_NUMBERS = 1000
CHARS_PER_NUMBER = 24
"""The scanner reads at most ``FREE_NUMBERS`` numbers plus one per 24 characters before each.

News prose has a number every hundred characters or so, a dense statistical
paragraph one every 15 to 30, and an article seldom holds a thousand: none
comes near the budget.  A run of numbers with nothing between them
("1,1,1,...", 500,000 to the megabyte) does; the numbers over the budget are
passed over unread, so the work per megabyte stays within a few times that of
prose whatever the text (``bench/pathological_bench.py``).
"""
SIGNS = {"-": -1, "−": -1, "+": 1}
MINUS_BEFORE = re.compile(r"(?<![\w-])minus[ \u00a0-]$", re.IGNORECASE)
"""A sign written as a word: "minus 38.7", "minus-130"."""
LEVEL_BEFORE = re.compile(
    r"(?<![\w-])(?:at|to|was|were|is|are|of|from|hit|reached|reach|stood|stays|stay|remained|"
    r"against|showed)[ \u00a0]+$",
    re.IGNORECASE,
)
"""A signed figure after these is a level below zero ("stood at minus 38.7"), not a change."""
AFTER_WINDOW = 40


def _after(text: str, pos: int) -> str:
    return text[pos : pos + AFTER_WINDOW]


class AboutChina:
    """Whether ``¥`` in a text means yuan (``money.speaks_of_china``), asked only at a ``¥``.

    The answer searches the whole text when it names nothing Chinese, as most
    texts do not, and most texts hold no ``¥``: so it is found the first time
    a ``¥`` is read, not for every text.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.answer: bool | None = None

    def __call__(self) -> bool:
        if self.answer is None:
            self.answer = money.speaks_of_china(self.text)
        return self.answer


def parse_part(
    text: str, num_start: int, num_end: int, shape: str, china: Callable[[], bool]
) -> Part | None:
    """The number ``text[num_start:num_end]`` with its currency, sign, scale and suffix.

    ``shape`` is a group name of ``numbers.ATOM`` or ``numbers.NUMBER_AT``;
    ``china`` says whether the text is about China (an ``AboutChina``).
    """
    written = text[num_start:num_end]
    if shape == "slash":
        top, _, bottom = written.partition("/")
        if not 0 < int(top) < int(bottom):
            return None
        value, shape = int(top) / int(bottom), "fraction"
    elif shape == "vulgar":
        value, shape = VULGAR_FRACTIONS[written], "fraction"
    elif shape == "fold":
        part = Part(num_start, num_end, 0.0, "words", kind="other")
        part.value, part.unit = numbers.parse_number(written[:-4]), "fold"
        return part
    elif shape == "fraction":
        value = numbers.parse_fraction(written)
    else:
        try:
            value = numbers.parse_number(written)
        except ValueError:
            return None
    part = Part(num_start, num_end, value, shape)
    glued = False
    if shape != "fraction":
        before = text[max(0, num_start - 8) : num_start]
        if prefix := money.prefix_currency(before):
            part.start -= len(prefix[0])
            yen = prefix[0].strip() == "¥"
            part.currency = money.resolve_yen_sign(prefix[1], prefix[0], yen and china())
            glued = money.glued_code(prefix[0])
        sign_at = part.start - 1
        if (
            sign_at >= 0
            and text[sign_at] in SIGNS
            and (sign_at == 0 or not text[sign_at - 1].isalnum())
        ):
            part.sign = SIGNS[text[sign_at]]
            part.start = sign_at
        elif minus := MINUS_BEFORE.search(text, max(0, part.start - 7), part.start):
            part.sign, part.start = -1, minus.start()
    if shape == "fraction":
        if scale := numbers.HALF_A_SCALE.match(text, num_end):
            part.value = numbers.scaled(part.value, numbers.SCALES[scale[1].lower()])
            part.end = scale.end()
            part.scaled = True
            return part
        return part
    if shape == "digits" and (power := numbers.SCIENTIFIC_AFTER.match(text, part.end)):
        part.value = numbers.with_exponent(part.value, power[1])
        part.end = part.num_end = power.end()
    elif shape == "digits" and (mixed := numbers.MIXED_AFTER.match(text, part.end)):
        extra = VULGAR_FRACTIONS[mixed[3]] if mixed[3] else int(mixed[1]) / int(mixed[2])
        part.value += extra
        part.end = part.num_end = mixed.end()
    if (
        shape == "digits"
        and text[part.end + 1 : part.end + 2] in ("h", "H")
        and (hundred := numbers.HUNDRED_AFTER.match(text, part.end))
    ):
        part.value = numbers.scaled(part.value, 100.0)  # "4 hundred million": 4e8 with the scale
        part.end, part.scaled = hundred.end(), True
    if scale_end := numbers.scale_at(text, part.end, part.currency is not None):
        part.end, factor = scale_end
        part.value = numbers.scaled(part.value, factor)
        part.scaled = True
    if glued and not (part.scaled or "." in written or "," in written):
        part.start, part.currency = num_start, None  # "COP28", "TOP100": a name, not an amount
    after = _after(text, part.end)
    if part.currency is None and _nothing_after(after):
        pass  # no currency, subunit, percent, time or glued unit starts here: most figures
    elif part.currency is None and (cur := money.currency_after(after)):
        part.end += len(cur[0])
        part.currency = cur[1]
    elif part.currency is None and (sub := money.subunit_after(after)):
        part.end += len(sub[0])
        part.currency, part.value = sub[1], numbers.scaled(part.value, sub[2])
    elif part.currency is None and (pct := percent.percent_after(after)):
        part.end += len(pct[0])
        part.kind, part.unit = pct[1], pct[2]
    elif part.currency is None and (dur := DURATION_AFTER.match(after)):
        part.end += len(dur[0])
        part.unit, part.kind = dur[1].lower(), "duration"
    if part.currency is not None:
        part.kind = "money"
    elif (
        part.kind is None
        and not part.scaled
        and text[part.end : part.end + 1].isalpha()
        and (glued_unit := exclusions.GLUED_UNIT.match(text, part.end))
    ):
        part.kind, part.unit = "other", glued_unit[0]  # "1.45C": the unit stays out of the span
    return part


@functools.lru_cache(maxsize=1)
def _suffix_words() -> frozenset[str]:
    """Every word a suffix after a figure can open with (lower case), built once.

    The first words of currency names (``money``), subunits, percent and
    basis-point words and time units: a word after a figure that is none of
    these opens no suffix.
    """
    return frozenset({*money.first_words(), *SMALL_UNITS, *SUFFIX_WORDS, *DURATION_WORDS})


def _nothing_after(after: str) -> bool:
    """True when no suffix matcher of ``parse_part`` can match ``after`` (cheap, exact).

    Only said for ASCII text, where ``re.IGNORECASE`` has no case twins:
    after a figure come punctuation (no suffix starts with it), or a space and
    a lower-case word that opens no currency name, subunit, percent marker or
    time unit.  Anything else goes to the matchers themselves.

    >>> _nothing_after(", the"), _nothing_after(" people said"), _nothing_after(" percent")
    (True, True, False)
    """
    if not after.isascii():
        return False
    head = after[:1]
    if head not in (" ", "\u00a0"):
        return not head.isalpha() and head != "%" and head not in money.symbol_starts()
    second = after[1:2]
    if not ("a" <= second <= "z") or second in money.symbol_starts():
        return False
    word = money.FIRST_WORD_AFTER.match(after)
    return word is not None and word[1].lower() not in _suffix_words()


def _is_bare(part: Part) -> bool:
    return part.kind is None and not part.scaled and part.shape == "digits"


def _excluded(text: str, part: Part, sentence_start: int) -> bool:
    """Rules of ``exclusions`` that apply to one part."""
    minus_word = part.sign < 0 and text[part.start : part.num_start].lower().startswith("minus")
    if (
        part.shape == "digits"
        and not minus_word
        and exclusions.has_attached_letters(text, part.num_start, part.num_end)
    ):
        glued_before = part.start > 0 and text[part.start - 1].isalpha()
        if glued_before or _is_bare(part):
            return True  # "G20", "5G", "13th": a scale or unit suffix is not a glued letter
    if exclusions.is_modifier(text, part.end):
        return True
    if part.kind == "duration" and exclusions.is_reference_period(text, part.start, part.end):
        return True
    if part.shape == "digits" and exclusions.in_link(text, part.num_start):
        return True
    if not _is_bare(part):
        return False
    return (
        exclusions.is_jersey(text, part.num_start, part.num_end)
        or exclusions.is_model_name(text, part.start, part.end, part.value)
        or exclusions.is_year(part.value, text[part.num_start : part.num_end])
        or exclusions.is_date_or_time(text, part.num_start, part.num_end, part.value)
        or exclusions.is_name_or_reference(text, part.start, sentence_start)
        or exclusions.is_address(text, part.end)
        or exclusions.is_phone(text, part.start)
    )


def _may_join(text: str, pos: int) -> bool:
    """False when ``RANGE_JOIN`` cannot match at ``pos``: it opens with a dash, "to" or "and".

    >>> _may_join("5 to 7", 1), _may_join("5 people", 1), _may_join("5-7", 1)
    (True, False, True)
    """
    head = text[pos : pos + 1]
    if head in ("-", "–", "—"):
        return True
    if head not in (" ", "\u00a0"):
        return False
    after = text[pos : pos + 12].lstrip(" \u00a0")[:1]
    return after in "-–—tao"  # also "" (only spaces so far): undecided, so the pattern decides


def _range(text: str, first: Part, china: Callable[[], bool]) -> tuple[Part, int] | None:
    """The second half of a range starting after ``first``, with the join's end."""
    join = RANGE_JOIN.match(text, first.end) if _may_join(text, first.end) else None
    if join is None:
        return None
    word = join[0].strip().lower()
    before = BETWEEN_BEFORE.search(text, max(0, first.start - 10), first.start)
    if word == "and" and not (before and before[1].lower() == "between"):
        return None
    if word == "to" and before and before[1].lower() == "from":
        return None  # "from 4.1 percent to 4.6 percent": two levels
    changed = word == "to" and _direction(text[max(0, first.start - 60) : first.start])
    if changed and first.kind is not None:
        return None  # "rose 8 percent to 243.2 billion yuan": a change, then a level
    if word == "or" and not (first.shape == "words" and first.kind is None):
        return None  # "eight or nine euros" is a range; "5 or 6%" too rare to risk
    pos = join.end()
    if sym := REPEATED_SYMBOL.match(text, pos):
        pos = sym.end()
    second = numbers.NUMBER_AT.match(text, pos)
    if second is None or second.lastgroup == "fraction":
        return None
    part = parse_part(text, second.start(), second.end(), second.lastgroup or "digits", china)
    if part is None:
        return None
    if changed and not (first.kind is None and not first.scaled and part.kind == "percent"):
        return None  # "rose 8 to 1,250": a change, then a level; "rise 8 to 10 per cent": a range
    if first.kind and part.kind and (first.kind, first.unit) != (part.kind, part.unit):
        return None  # "0.3 percentage points to 4.2 percent": two figures
    if first.currency and part.currency and first.currency != part.currency:
        return None
    return part, join.start()


def scan(text: str, sentences: SentenceIndex | None = None) -> list[Figure]:
    """Every figure of ``text`` that is a statistic, in order (no equivalents yet)."""
    return list(iter_scan(text, sentences))


def iter_scan(text: str, sentences: SentenceIndex | None = None) -> Iterator[Figure]:
    """``scan`` one figure at a time: a long text's figures need not all be alive at once."""
    return shared(text, _figures(text, sentences))


def _figures(text: str, sentences: SentenceIndex | None) -> Iterator[Figure]:
    """Each figure as written, before lists share their markers."""
    china = AboutChina(text)
    sentences = sentences or SentenceIndex(text)
    pos = 0
    read = 0  # numbers read so far, against the budget
    for start, end, shape in numbers.atoms(text):
        if start < pos:
            continue
        if shape == "skip":
            pos = end
            continue
        if read >= FREE_NUMBERS + start // CHARS_PER_NUMBER:
            continue  # a run of bare numbers ("1,1,1,...", "$5 $5 ..."): over the budget
        read += 1
        figure, pos = _figure(text, start, end, shape, china, sentences)
        if figure is not None:
            yield figure


LIST_GAP = re.compile(
    r"[ \u00a0]*,[ \u00a0]*(?:(?:and|or)[ \u00a0]+)?|[ \u00a0]+(?:and|or|to)[ \u00a0]+",
    re.IGNORECASE,
)
"""Between figures of a list that share one marker: "91, 87 and 78 percent", "from 5 to 7%"."""
FROM_BEFORE = re.compile(r"(?<!\w)from[ \u00a0]+$", re.IGNORECASE)


def shared(text: str, figures: Iterator[Figure]) -> Iterator[Figure]:
    """Figures of a list or a from-to pair share what is written once.

    A currency, percent sign or scale written on the last figure is shared by
    the bare ones before it ("$2, $3 and $4 million" -> 2e6, 3e6, 4e6;
    "from 5 to 4.2 per cent"), and the direction of the first (a fall or a rise)
    by the rest ("down 3% and 5%").  A list is held only while its figures are
    joined, so the pass stays linear.

    >>> t = "Rates were 91, 87 and 78 percent."
    >>> [(f.value, f.kind) for f in shared(t, iter(scan(t)))]
    [(91.0, 'percent'), (87.0, 'percent'), (78.0, 'percent')]
    """
    held: list[Figure] = []
    for figure in figures:
        if held and not _listed(text, held, figure):
            yield from held
            held = []
        held.append(figure)
        if len(held) > 1:
            _share(held)
        after = LIST_GAP.match(text, figure.end)
        if after is None or len(held) > 12:
            yield from held
            held = []
    yield from held


def _listed(text: str, held: list[Figure], figure: Figure) -> bool:
    gap = LIST_GAP.fullmatch(text, held[-1].end, figure.start)
    if gap is None:
        return False
    if gap[0].strip().lower() == "to":
        return len(held) == 1 and bool(
            FROM_BEFORE.search(text, max(0, held[0].start - 8), held[0].start)
        )
    return True


def _share(held: list[Figure]) -> None:
    last = held[-1]
    if last.bare and not last.factor:
        return
    for figure in held[:-1]:
        if figure.qualifier == "range":
            continue
        if figure.bare and not last.bare:
            figure.kind, figure.unit, figure.currency = last.kind, last.unit, last.currency
            figure.bare = False
        elif figure.kind != last.kind or figure.currency != last.currency:
            continue
        if last.factor and not figure.factor and figure.kind == last.kind:
            base = abs(last.value) / last.factor
            if abs(figure.value) <= 1000 and base and 0.1 <= abs(figure.value) / base <= 10:
                figure.value = numbers.scaled(figure.value, last.factor)
                figure.factor = last.factor
        if figure.kind == "count" and last.phrase_read:
            figure.phrase, figure.phrase_read = last.phrase, True
    first = held[0]
    if first.change and not last.change and first.kind == last.kind and first.value:
        last.value = abs(last.value) if first.value > 0 else -abs(last.value)
        last.change = True


def _figure(
    text: str,
    start: int,
    end: int,
    shape: str,
    china: Callable[[], bool],
    sentences: SentenceIndex,
) -> tuple[Figure | None, int]:
    """The figure whose number is ``text[start:end]`` (or None) and where scanning resumes."""
    first = parse_part(text, start, end, shape, china)
    if first is None:
        return None, end
    sentence_start = sentences.around(first.start)[0]
    if first.shape == "fraction":
        return _fraction(text, first), first.end
    low_high = _range(text, first, china)
    if low_high is not None:
        return _range_figure(text, first, low_high[0], sentence_start)
    if _excluded(text, first, sentence_start):
        return None, exclusions.follow_on_end(text, first.end)
    if first.kind is None and not first.scaled and (share := _one_in(text, first)):
        return share
    if first.shape == "words" and first.value == 1 and text[first.end : first.end + 1] == ",":
        return None, first.end  # "One day, officials say": an idiom, not a duration
    if first.shape == "words" and first.kind is None and not first.scaled:
        if first.value == 1 and PRONOUN_ONE.match(text, first.end):
            return None, first.end  # "one of the", "one another": a pronoun, not a count
        if exclusions.DEFINITE_BEFORE.search(text, max(0, first.start - 8), first.start):
            return None, first.end
    return _finish(text, first), first.end


def _fraction(text: str, part: Part) -> Figure | None:
    """A fraction is a share when it is "of" something, or a count when it scales one."""
    if part.scaled:
        return _finish(text, part)
    pp = re.compile(r"[ \u00a0]+an?[ \u00a0]+percentage[ \u00a0]+point\b", re.I).match(
        text, part.end
    )
    if pp:
        part.end, part.kind, part.unit = pp.end(), "percentage_points", "percentage points"
        figure = _finish(text, part)
        figure.written = text[part.start : part.end]
        return figure
    before = text[max(0, part.start - 60) : part.start]
    if exclusions.ORDINAL_BEFORE.search(before):
        return None
    governed = qualifier_match(before) is not None or _direction(before) != 0
    if not (percent.SHARE_OF.match(text, part.end) or governed):
        return None
    part.value *= 100
    part.kind, part.unit = "percent", "percent"
    return _finish(text, part)


def _one_in(text: str, part: Part) -> tuple[Figure, int] | None:
    """ "one in five", "Nine out of 10" as a share in percent."""
    join = percent.ONE_IN.match(text, part.end)
    if join is None:
        return None
    second = numbers.NUMBER_AT.match(text, join.end())
    if second is None or second.lastgroup == "fraction":
        return None
    try:
        denominator = numbers.parse_number(second[0])
    except ValueError:
        return None
    share = percent.share_in(part.value, denominator)
    if share is None:
        return None
    part.end, part.value, part.kind, part.unit = second.end(), share, "percent", "percent"
    return _finish(text, part), second.end()


def _range_figure(
    text: str, first: Part, second: Part, sentence_start: int
) -> tuple[Figure | None, int]:
    """A range "10 to 20", "between 2 and 3 million", "$5-7bn", or a skipped pair."""
    if first.kind is None and second.kind is not None:
        first.kind, first.unit, first.currency = second.kind, second.unit, second.currency
    if not first.scaled and second.scaled and second.value:
        factor = _scale_factor(text, second)
        if factor and first.value * factor <= second.value:
            first.value = numbers.scaled(first.value, factor)
    hyphen = text[first.end : first.end + 2].strip()[:1] in "-–—"
    if _is_bare(first) and exclusions.is_year(first.value, text[first.num_start : first.num_end]):
        return None, second.end
    if exclusions.is_date_or_time(
        text, second.num_start, second.num_end, second.value
    ) and _is_bare(first):
        return None, second.end
    if _excluded(text, first, sentence_start) or exclusions.is_modifier(text, second.end):
        return None, second.end
    if _is_bare(second) and exclusions.is_address(text, second.end):
        return None, second.end  # "16-18 Industrial Avenue"
    if not first.value < second.value:
        return None, second.end  # "2-1" is a score, "5-5" a draw
    if (
        hyphen
        and _is_bare(second)
        and exclusions.has_attached_letters(text, second.num_start, second.num_end)
    ):
        return None, second.end
    start = first.start
    between = BETWEEN_BEFORE.search(text, max(0, start - 10), start)
    if between and between[1].lower() == "between":
        start = between.start(1)
    phrase = None if first.kind else unit_phrase(text, second.end)
    kind = first.kind or _bare_kind(text, second, phrase)
    figure = Figure(
        start=start,
        end=second.end,
        written=text[start : second.end],
        value=(first.value + second.value) / 2,
        kind=kind,
        unit=first.unit or second.unit,
        currency=first.currency if kind == "money" else None,
        qualifier="range",
        low=first.value,
        high=second.value,
        phrase_read=not first.kind,
        phrase=phrase,
    )
    if figure.kind == "money" and figure.currency is None:
        figure.kind = "count"
    return figure, second.end


def _scale_factor(text: str, part: Part) -> float | None:
    """The scale factor applied to ``part``: "3 million" -> 1e6."""
    match = numbers.SCALE_AFTER.match(text, part.num_end)
    if match is None:
        return None
    return numbers.SCALES[(match[1] or match[2] or match[3]).lower()]


def _bare_kind(text: str, part: Part, unit: str | None) -> str:
    """count, or other for measurements and unscaled decimals ("104.7", "312.6 mm").

    ``unit`` is ``unit_phrase(text, part.end)``; the caller keeps it for the claim.
    """
    if unit and unit.split()[0].lower() in MEASURE_UNITS:
        return "other"
    if part.shape == "digits" and not part.scaled and "." in text[part.num_start : part.num_end]:
        return "other"
    return "count"


def _finish(text: str, part: Part) -> Figure:
    """Kind, qualifier and change of a single (non-range) figure."""
    phrase = None if part.kind else unit_phrase(text, part.end)
    kind = part.kind or _bare_kind(text, part, phrase)
    before = text[max(0, part.start - LOOKBEHIND - 20) : part.start]
    qual = qualifier_match(before)
    qualifier = qualifier_of(qual)
    figure = Figure(
        start=part.start,
        end=part.end,
        written=text[part.start : part.end],
        value=part.value,
        kind=kind,
        unit=part.unit,
        currency=part.currency if kind == "money" else None,
        qualifier=qualifier,
        phrase_read=not part.kind,
        phrase=phrase,
        bare=part.kind is None and part.currency is None,
        factor=_scale_factor(text, part) if part.scaled and part.shape != "fraction" else None,
    )
    if part.sign:
        figure.value = part.sign * abs(figure.value)
        figure.change = not LEVEL_BEFORE.search(before[-12:]) and "minus" not in figure.written
        if figure.kind == "count" and part.sign < 0:
            figure.kind = "other"  # a count is never below zero: an index, a balance
        return figure
    direction = _direction_after(before, qual)
    noun = CHANGE_AFTER.match(text, part.end) if kind == "percent" else None
    if not direction and noun and ARTICLE_BEFORE.search(before):
        direction = -1 if noun[1] else 1  # "a 9% drop"
    if not direction and kind == "percent" and (than := COMPARED_AFTER.match(text, part.end)):
        direction = -1 if than[1] else 1  # "4% lower year on year"
    if part.unit == "fold":
        return figure  # "rose sixfold": a multiple, not the size of a change
    if direction < 0 and kind == "count" and LOST_BEFORE.search(before):
        return figure  # "lost 4,000 jobs" counts job losses
    if direction:
        figure.value, figure.change = direction * abs(figure.value), True
    return figure


CHANGE_ENDINGS = frozenset(verb[-2:] for verb in f"{FALL_VERBS}|{RISE_VERBS}|by".split("|"))
"""Last two letters of every word ``CHANGE_BEFORE`` can end in."""


def _may_end_in_change_verb(window: str) -> bool:
    """False when ``CHANGE_BEFORE`` cannot match ``window``: a cheap test on its last word.

    The pattern ends in spaces at the end (``$`` also before a final newline),
    right after a change verb or "by" of two or more letters.

    >>> _may_end_in_change_verb("profit fell "), _may_end_in_change_verb("profit of ")
    (True, False)
    """
    word, spaced = before_trailing_spaces(window)
    if not spaced:
        return False
    ending = word[-2:]
    return not ending.isascii() or ending.lower() in CHANGE_ENDINGS


COMPARED_AFTER = re.compile(r"[ \u00a0]+(?:(lower|down|less|smaller)|(higher|up|more|bigger))\b")
ARTICLE_BEFORE = re.compile(r"(?<!\w)an?[ \u00a0]+$")
CROSSING = frozenset({"above", "below", "over", "under"})
LOST_BEFORE = re.compile(r"(?<!\w)lost[ \u00a0]+$", re.IGNORECASE)


def _direction(before: str) -> int:
    """-1 after a verb of falling, +1 after one of rising, 0 otherwise (qualifier skipped).

    >>> _direction("net profit fell more than "), _direction("cut its rate by "), _direction("to ")
    (-1, -1, 0)
    >>> _direction("Bitcoin rose above ")
    0
    """
    return _direction_after(before, qualifier_match(before))


def _direction_after(before: str, qual: re.Match[str] | None) -> int:
    """``_direction`` given the qualifier already matched at the end of ``before``."""
    head = before
    if qual is not None:
        if qual[1].lower() in CROSSING:
            return 0  # "rose above $70,000": a level crossed, not the size of a change
        head = before[: len(before) - len(qual[0])]
    window = head[-25:]
    if _may_end_in_change_verb(window) and (verb := CHANGE_BEFORE.search(window)):
        return -1 if verb[1] else 1
    if head[-4:].rstrip().lower().endswith("by") and (verb := CHANGE_BY.search(head[-60:])):
        return -1 if verb[1] else 1
    return 0
