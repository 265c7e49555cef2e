"""Checks that need more than one field: a claim against its source text.

Each check returns ``(field, message)`` pairs, so the loader can place them
at a file and line, and the curation pages can show them before a save.
"""

from __future__ import annotations

import re
import reprlib
from collections.abc import Collection

from pydantic import ValidationError

from dataset.schema import PARTIAL_DATE_PATTERN, SLUG_PATTERN, Claim
from dataset.yamlio import BadScalar

# A figure as written has digits, or is one of these words ("eight",
# "one-fourth", "half", "a dozen"); anything else means the span has drifted.
_NUMBER_WORD = re.compile(
    r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|"
    r"trillion|lakhs?|lacs?|crores?|dozen|half|halves|third|thirds|quarter|quarters|"
    r"fourth|fourths|fifth|fifths|tenth|tenths|score|single|double|twice|triple)\b",
    re.IGNORECASE,
)


def looks_like_figure(written: str) -> bool:
    """True when ``written`` can be a figure as written in a text.

    >>> looks_like_figure("670 million"), looks_like_figure("about one-fourth")
    (True, True)
    >>> looks_like_figure("a crore"), looks_like_figure("websites")
    (True, False)
    """
    if not written or written != written.strip():
        return False
    return any(c.isdigit() for c in written) or bool(_NUMBER_WORD.search(written))


def check_span(span: tuple[int, int], quote: str, text: str) -> str | None:
    """Why ``span`` is not a figure inside an occurrence of ``quote``, or None."""
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
    return None


def check_claim(claim: Claim, text: str) -> list[tuple[str, str]]:
    """Problems of one claim against its source's text, as (field, message).

    >>> text = "It has 670 million users."
    >>> c = Claim(id="a", source="s", quote=text, span=(7, 18), value=670e6, kind="count")
    >>> check_claim(c, text)
    []
    """
    problems = []
    if (why := check_span(claim.span, claim.quote, text)) is not None:
        problems.append(("span", why))
    for i, eq in enumerate(claim.equivalents):
        if eq.span is not None and (why := check_span(eq.span, claim.quote, text)):
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
