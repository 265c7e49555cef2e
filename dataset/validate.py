"""Checks that need more than one field: a claim against its source text.

Each check returns ``(field, message)`` pairs, so the loader can place them
at a file and line, and the curation pages can show them before a save.
"""

from __future__ import annotations

import re
import reprlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from pydantic import ValidationError

from dataset.number_words import (
    ARTICLES,
    CONNECTORS,
    DENOMINATORS,
    FOLD,
    HUNDREDTHS,
    MULTIPLES,
    RANGE_WORDS,
    RATIO_WORDS,
    SCALES,
    UNITS,
    VULGAR_FRACTIONS,
    WRITTEN_SCALES,
)
from dataset.schema import PARTIAL_DATE_PATTERN, SLUG_PATTERN, Claim
from dataset.yamlio import BadScalar

_WORDS_ALONE = sorted({*UNITS, *WRITTEN_SCALES, *DENOMINATORS, *MULTIPLES}, key=len, reverse=True)
_NUMBER_WORD = re.compile(
    rf"\b(?:{'|'.join(_WORDS_ALONE)})(?:{FOLD})?\b|[{VULGAR_FRACTIONS}]", re.IGNORECASE
)
"""A figure with no digit must hold one of these ("eight", "one-fourth", "half", "a dozen",
"sixfold", "½"); anything else means the span has drifted."""


def looks_like_figure(written: str) -> bool:
    """True when ``written`` can be a figure as written in a text.

    >>> looks_like_figure("670 million"), looks_like_figure("about one-fourth")
    (True, True)
    >>> looks_like_figure("a crore"), looks_like_figure("websites")
    (True, False)
    >>> looks_like_figure("sixfold"), looks_like_figure("½"), looks_like_figure("foldable")
    (True, True, False)
    """
    if not written or written != written.strip():
        return False
    return any(c.isdigit() for c in written) or bool(_NUMBER_WORD.search(written))


_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+|[^\W\d_]+|%")
_WORD_NUMBER = frozenset(UNITS) | {"hundred", "dozen"}
_UNREAD = re.compile(rf"\d\s*(?:[×x]\s*10|[eE][+-]?\d)|\d\s*/\s*\d|[{VULGAR_FRACTIONS}]")
"""Forms this reader leaves alone (it passes them): powers of ten, slashed and vulgar fractions."""
TOLERANCE = 0.005
"""Relative difference allowed between the figure read and the value (one-third is 33.3)."""
POWERS = (1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e12)
"""Scales an unknown word after a number may stand for ("5 тысяч", "3 万")."""


@dataclass(frozen=True)
class Reading:
    """What the figure as written says: every value it can stand for.

    ``values`` holds each number read (scaled), fractions both as a share and
    in percent, "one in five" as 20 (percent), and in "10 to 20 million" the
    first bound scaled too.  ``unknown_scale`` is a number followed by a word
    not in English ("5 тысяч", "3万"), or a span with no scale word at all
    ("$2" of "$2 and $3 million"): the value may then be the number times a
    power of ten, but "70 million" is never 670 million.
    """

    values: tuple[float, ...]
    unknown_scale: bool = False

    def says(self, wanted: Iterable[float]) -> bool:
        """True when the figure reads as one of ``wanted`` (signs aside)."""
        wanted = [abs(w) for w in wanted]
        if any(_close(v, w) for v in self.values for w in wanted):
            return True
        return self.unknown_scale and any(
            _close(v * power, w) for v in self.values for w in wanted for power in POWERS
        )


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE * max(abs(a), abs(b)) or a == b


def read_figure(written: str) -> Reading | None:
    """The values a figure as written reads as, or None when no number is read.

    A small reader of the forms the extractors claim: digits with grouping,
    scale words and abbreviations (multiplied: "1.2 lakh crore"), number words
    ("twenty-one", "a dozen"), fractions ("one-fourth": 0.25 and 25),
    "one in five" (20), ranges ("10 to 20 million").

    >>> read_figure("670 million").values, read_figure("Rs 1.2 lakh crore").values
    ((670000000.0,), (1200000000000.0,))
    >>> read_figure("about one-fourth").values, read_figure("one in five").values
    ((0.25, 25.0), (1.0, 5.0, 20.0))
    >>> read_figure("10 to 20 million").values
    (10.0, 20000000.0, 10000000.0)
    >>> read_figure("sixfold").values
    (6.0,)
    >>> read_figure("websites") is None
    True
    """
    if _UNREAD.search(written):
        return None  # scientific notation, "3/4", "2¼": the extractors' own reader knows them
    tokens = [
        part
        for token in _TOKEN.findall(written.lower().replace("\u00a0", " "))
        for part in _unfolded(token)
    ]
    values: list[float] = []
    found: list[tuple[float, float, int, int]] = []  # value, scale applied, start, end
    unknown = False
    i = 0
    while i < len(tokens):
        start, token = i, tokens[i]
        if token[0].isdigit() or token[0] == ".":
            number, i = float(token.replace(",", "")), i + 1
        elif token in _WORD_NUMBER or (
            token in ARTICLES and i + 1 < len(tokens) and tokens[i + 1] in SCALES
        ):
            number, i = _words(tokens, i)
        elif token in DENOMINATORS or (
            token in ARTICLES and i + 1 < len(tokens) and tokens[i + 1] in DENOMINATORS
        ):
            number, i = 1.0, i + (token in ARTICLES)
        else:
            i += 1
            continue
        if i < len(tokens) and tokens[i] in DENOMINATORS:  # "two-thirds", "half"
            share = number / DENOMINATORS[tokens[i]]
            i += 1
            if i + 1 < len(tokens) and tokens[i] in ARTICLES and tokens[i + 1] in SCALES:
                values.append(share * SCALES[tokens[i + 1]])  # "half a million"
                i += 2
            values += [share, share * 100]
            continue
        scale = 1.0
        while i < len(tokens) and tokens[i] in SCALES:
            scale *= SCALES[tokens[i]]
            i += 1
        if i < len(tokens) and not tokens[i].isascii():  # "5万", "5 тысяч"
            unknown = True
        values.append(number * scale)
        if i < len(tokens) and tokens[i] in HUNDREDTHS:
            values.append(number * scale / 100)
        if found and _between(tokens, found[-1][3], start, RATIO_WORDS | {"out"}):
            values.append(found[-1][0] / (number * scale) * 100 if number else 0.0)
        bound = found and (
            found[-1][3] == start or _between(tokens, found[-1][3], start, RANGE_WORDS)
        )
        if bound and found[-1][1] == 1.0 and scale != 1.0:
            values.append(found[-1][0] * scale)
        found.append((number * scale, scale, start, i))
    if not values:
        return None
    if not any(t in SCALES for t in tokens):
        unknown = True  # "$2 and $3 million": the scale may stand after the span
    return Reading(tuple(values), unknown)


def _unfolded(token: str) -> tuple[str, ...]:
    """ "sixfold" -> ("six", "fold"): the multiple is read as its number word.

    >>> _unfolded("sixfold"), _unfolded("folder")
    (('six', 'fold'), ('folder',))
    """
    stem = token.removesuffix(FOLD)
    return (stem, FOLD) if stem != token and stem in _WORD_NUMBER else (token,)


def _between(tokens: list[str], end: int, start: int, words: frozenset[str]) -> bool:
    """True when the tokens from ``end`` to ``start`` are all ``words`` (and there are some)."""
    return start > end and all(t in words for t in tokens[end:start])


def _words(tokens: list[str], i: int) -> tuple[float, int]:
    """A number written in words from ``tokens[i]``: its value and the index after it."""
    total, current, seen = 0.0, 0.0, False
    while i < len(tokens):
        token = tokens[i]
        if token in UNITS:
            current += UNITS[token]
        elif token in ARTICLES and not seen:
            current = 1.0
        elif token == "hundred" or token == "dozen":
            current = (current or 1.0) * SCALES[token]
        elif token in SCALES and SCALES[token] >= 1000 and token.isalpha() and len(token) > 3:
            total += (current or 1.0) * SCALES[token]
            current = 0.0
        elif token in CONNECTORS and seen and i + 1 < len(tokens) and tokens[i + 1] in UNITS:
            pass
        else:
            break
        seen = True
        i += 1
    return total + current, i


def check_span(
    span: tuple[int, int], quote: str, text: str, values: Iterable[float] = ()
) -> str | None:
    """Why ``span`` is not a figure inside an occurrence of ``quote``, or None.

    With ``values``, the figure must also read as one of them (`read_figure`):
    "70 million" is not 670 million.  A figure the reader can't read at all
    passes (the extractors' forms are wider than this reader's).
    """
    start, end = span
    if end > len(text):
        return f"[{start}, {end}] is outside the text ({len(text)} characters)"
    written = text[start:end]
    if not looks_like_figure(written):
        return f"text[{start}:{end}] is {written!r}, which is not a figure"
    if written not in quote:
        return f"the quote does not contain the figure {written!r}"
    window_start = max(0, end - len(quote))
    if text.find(quote, window_start, start + len(quote)) < 0:
        if quote not in text:
            return "the quote does not occur in the source text"
        return f"the quote occurs in the text, but not around [{start}, {end}]"
    wanted = [v for v in values if v is not None]
    reading = read_figure(written)
    if wanted and reading is not None and not reading.says(wanted):
        shown_values = " or ".join(f"{v:.15g}" for v in dict.fromkeys(wanted))
        return f"text[{start}:{end}] reads {written!r}, which is not {shown_values}"
    return None


def check_claim(claim: Claim, text: str) -> list[tuple[str, str]]:
    """Problems of one claim against its source's text, as (field, message).

    The span must read as the value (or, for a range, a bound); each
    equivalent's span as that equivalent's value.

    >>> text = "It has 670 million users."
    >>> c = Claim(id="a", source="s", quote=text, span=(7, 18), value=670e6, kind="count")
    >>> check_claim(c, text)
    []
    >>> check_claim(c.model_copy(update={"span": (8, 18)}), text)
    [('span', "text[8:18] reads '70 million', which is not 670000000")]
    """
    problems = []
    values = (claim.value, claim.low, claim.high)
    if (why := check_span(claim.span, claim.quote, text, values)) is not None:
        problems.append(("span", why))
    for i, eq in enumerate(claim.equivalents):
        if eq.span is not None and (why := check_span(eq.span, claim.quote, text, [eq.value])):
            problems.append((f"equivalents[{i}].span", why))
    return problems


def claim_problems(
    claim: Claim,
    source_id: str,
    text: str | None,
    categories: Collection[str],
    metrics: Collection[str] = (),
) -> list[tuple[str, str]]:
    """Every check of one valid claim against the rest of the dataset, as (field, message).

    The one rule book for a claim: the loader (``dataset.load``) and every
    curation write (``curation.writes``) call it, so a rule gives the same
    message wherever it fails.  ``source_id`` is the claims file's source (its
    name), ``text`` that source's article (None when it has none or has
    problems), ``metrics`` the known metric ids (empty: not checked).

    >>> text = "It has 670 million users."
    >>> c = Claim(id="s-a", source="s", quote=text, span=(7, 18), value=670e6, kind="count")
    >>> claim_problems(c, "s", text, ["other"])
    []
    >>> claim_problems(c.model_copy(update={"category": "x"}), "s", text, ["other"])
    [('category', "unknown category 'x'; expected one of other")]
    """
    problems: list[tuple[str, str]] = []
    if claim.source != source_id:
        problems.append(("source", f"expected {source_id!r} (the file name), got {claim.source!r}"))
    elif text is None:
        problems.append(("source", f"no source {claim.source!r} in sources/ (or it has problems)"))
    if claim.category not in categories:
        known = ", ".join(sorted(categories)) or "none loaded"
        problems.append(
            ("category", f"unknown category {claim.category!r}; expected one of {known}")
        )
    if claim.metric is not None and metrics and claim.metric not in metrics:
        problems.append(
            ("metric", f"unknown metric {claim.metric!r}; add it to metrics.yaml first")
        )
    if text is not None and claim.source == source_id:
        problems += check_claim(claim, text)
    return problems


PATTERN_WORDS: dict[str, str] = {
    SLUG_PATTERN: "must be lower-case letters, digits and single hyphens, like china-daily-2015",
    PARTIAL_DATE_PATTERN: "must be a date like 2015, 2015-06 or 2015-06-30 (ASCII digits)",
    r"^[A-Z]{3}$": "must be a three-letter ISO 4217 code in capitals, like CNY or USD",
    r"^#[0-9a-fA-F]{6}$": "must be a colour like #1f77b4",
    r"^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$": "must be a language code like en, zh or zh-Hans",
}
"""A schema pattern -> what it asks for, in words (no one should read a regex)."""

TYPE_WORDS: dict[str, str] = {
    "string_type": "must be text",
    "float_type": "must be a number, written without quotes (like 670000000.0)",
    "float_parsing": "must be a number, written without quotes (like 670000000.0)",
    "int_type": "must be a whole number, written without quotes",
    "int_parsing": "must be a whole number, written without quotes",
    "int_from_float": "must be a whole number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "date_type": "must be a date like 2015-12-20",
    "date_parsing": "must be a date like 2015-12-20",
    "date_from_datetime_parsing": "must be a date like 2015-12-20",
    "date_from_datetime_inexact": "must be a date like 2015-12-20, without a time",
    "list_type": "must be a list",
    "tuple_type": "must be a list",
    "dict_type": "must be a mapping (name: value lines)",
    "model_type": "must be a mapping (name: value lines)",
    "model_attributes_type": "must be a mapping (name: value lines)",
    "finite_number": "must be a finite number",
    "string_too_short": "must not be empty",
    "recursion_loop": "refers to itself",
}
"""Pydantic error type -> the sentence a person reads (followed by ", got <value>")."""

RENAMED_FIELDS: dict[str, str] = {
    "change": "measure (level, change or growth)",
}
"""Fields the schema renamed -> what to write instead."""


def shown(value: object, limit: int = 80) -> str:
    """A value as quoted in a message: short, and never a whole file.

    >>> shown("lots"), shown(b"\\x00"), shown(["a"] * 100)[:20]
    ("'lots'", 'binary data (!!binary)', "['a', 'a', 'a', 'a',")
    """
    if isinstance(value, BadScalar):
        return value.text
    if isinstance(value, (bytes, bytearray)):
        return "binary data (!!binary)"
    text = _REPR.repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_REPR = reprlib.Repr()
_REPR.maxstring, _REPR.maxother, _REPR.maxlevel = 80, 80, 3
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = _REPR.maxset = 6


def describe_error(err: dict) -> tuple[tuple[str | int, ...], str]:
    """A pydantic error as (location, a sentence a person can act on).

    >>> describe_error({"type": "string_pattern_mismatch", "loc": ("period", "as_of"),
    ...     "input": "2015-13", "ctx": {"pattern": PARTIAL_DATE_PATTERN}})[1]
    "must be a date like 2015, 2015-06 or 2015-06-30 (ASCII digits), got '2015-13'"
    """
    loc = tuple(err.get("loc", ()))
    kind = err.get("type", "")
    given = err.get("input")
    ctx = err.get("ctx") or {}
    if isinstance(given, BadScalar):
        return loc, given.why
    if kind == "extra_forbidden":
        name = loc[-1] if loc else ""
        if name in RENAMED_FIELDS:
            return loc, f"unknown field: {name} is now {RENAMED_FIELDS[name]}"
        return loc, "unknown field (check the spelling; see dataset/schema.py)"
    if kind == "missing":
        return loc, "required field is missing"
    if kind == "literal_error":
        return loc, f"must be one of {ctx.get('expected', '')}, got {shown(given)}"
    if kind == "string_pattern_mismatch":
        words = PATTERN_WORDS.get(str(ctx.get("pattern", "")), "is not in the expected form")
        return loc, f"{words}, got {shown(given)}"
    if kind in ("too_long", "too_short"):
        if loc and loc[-1] == "span":
            return loc, f"must be two offsets [start, end], got {shown(given)}"
        return loc, f"must hold {_count(ctx)}, got {ctx.get('actual_length', '?')}"
    if kind == "string_too_long":
        return loc, f"must be at most {ctx.get('max_length')} characters"
    if kind in TYPE_WORDS:
        if kind == "string_too_short" or kind == "recursion_loop":
            return loc, TYPE_WORDS[kind]
        return loc, f"{TYPE_WORDS[kind]}, got {shown(given)}"
    message = str(err.get("msg", "invalid")).removeprefix("Value error, ")
    if kind == "value_error" and (named := re.match(r"^(\w+): (.*)$", message, re.DOTALL)):
        # model-level checks name their field first: "currency: a money claim needs ..."
        return (*loc, named[1]), named[2]
    if kind.endswith("_type") or kind.endswith("_parsing"):
        message = f"{message[0].lower()}{message[1:]}, got {shown(given)}".replace(
            "input should be", "must be"
        )
    return loc, message


def _count(ctx: dict) -> str:
    if "max_length" in ctx:
        return f"at most {ctx['max_length']} item(s)"
    return f"at least {ctx.get('min_length', 1)} item(s)"


def validation_problems(err: ValidationError) -> list[tuple[tuple[str | int, ...], str]]:
    """Every error of a model, not only the first."""
    return [describe_error(e) for e in err.errors()]


def field_name(loc: tuple[str | int, ...]) -> str:
    """``("equivalents", 0, "currency")`` -> ``equivalents[0].currency``."""
    name = ""
    for step in loc:
        name += f"[{step}]" if isinstance(step, int) else (f".{step}" if name else str(step))
    return name or "(item)"
