"""Problems found in the dataset: values for the user, not exceptions."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one field of one file.

    >>> str(Problem("data/claims/x.yaml", 12, "value", "expected a number, got 'lots'"))
    "data/claims/x.yaml:12: value: expected a number, got 'lots'"
    """

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"
