"""Problems found in the dataset: values for the user, not exceptions."""

from __future__ import annotations

from dataclasses import dataclass

MAX_MESSAGE = 400
"""Characters a problem's message keeps; the rest becomes "…".

A message quotes the value it refuses, and a value can be anything a file
holds (an alias bomb expanded to 722 MB of text once): a bounded message
keeps the Dataset problems page and the terminal readable.
"""
MAX_FIELD = 120
"""Characters a problem's field name keeps (a duplicate key is named by the key)."""


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, the cut marked with "…".

    >>> shorten("abcdef", 4), shorten("abc", 4)
    ('abc…', 'abc')
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one field of one file.

    >>> str(Problem("data/claims/x.yaml", 12, "value", "expected a number, got 'lots'"))
    "data/claims/x.yaml:12: value: expected a number, got 'lots'"
    >>> len(Problem("x.yaml", 1, "value", "y" * 10_000).message)
    400
    """

    file: str
    line: int
    field: str
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "field", shorten(str(self.field), MAX_FIELD))
        object.__setattr__(self, "message", shorten(str(self.message), MAX_MESSAGE))

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"
