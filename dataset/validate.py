"""Checks that need more than one field: a claim against its source text.

Each check returns ``(field, message)`` pairs, so the loader can place them
at a file and line, and the curation pages can show them before a save.
"""

from __future__ import annotations

import re

from pydantic import ValidationError

from dataset.schema import Claim

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


def describe_error(err: dict) -> tuple[tuple[str | int, ...], str]:
    """A pydantic error as (location, message a person can act on)."""
    loc = tuple(err.get("loc", ()))
    kind = err.get("type", "")
    given = err.get("input")
    if kind == "extra_forbidden":
        return loc, "unknown field (check the spelling; see dataset/schema.py)"
    if kind == "missing":
        return loc, "required field is missing"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return loc, f"expected one of {expected}, got {given!r}"
    if kind == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern", "")
        return loc, f"{given!r} does not match {pattern}"
    message = err.get("msg", "invalid").removeprefix("Value error, ")
    if kind == "value_error" and (named := re.match(r"^(\w+): (.*)$", message, re.DOTALL)):
        # model-level checks name their field first: "currency: a money claim needs ..."
        return (*loc, named[1]), named[2]
    if kind.endswith("_type") or kind.endswith("_parsing"):
        message = f"{message[0].lower()}{message[1:]}, got {given!r}".replace(
            "input should be", "expected"
        )
    return loc, message


def validation_problems(err: ValidationError) -> list[tuple[tuple[str | int, ...], str]]:
    """Every error of a model, not only the first."""
    return [describe_error(e) for e in err.errors()]


def field_name(loc: tuple[str | int, ...]) -> str:
    """``("equivalents", 0, "currency")`` -> ``equivalents[0].currency``."""
    name = ""
    for step in loc:
        name += f"[{step}]" if isinstance(step, int) else (f".{step}" if name else str(step))
    return name or "(item)"
