"""The dataset's contract: pydantic models for sources, claims and categories.

Every stage of the project reads or writes these models: the extractors emit
`Claim`s with status ``candidate``, curation flips them to ``approved`` or
``rejected``, and the dashboard reads the approved ones.  Field order here is
the key order written to YAML, so keep it readable.

Example claim, as stored in ``data/claims/<source-id>.yaml``::

    - id: china-daily-2015-12-20-wuzhen-summit-internet-users
      source: china-daily-2015-12-20-wuzhen-summit
      status: approved
      quote: China connected to the Internet 21 years ago and today has ...
      span: [593, 604]          # text[593:604] == "670 million"
      value: 670000000.0
      kind: count
      ...
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PARTIAL_DATE_PATTERN = r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=120)]
"""Lower-case letters, digits and single hyphens: safe as a file name."""


def checked_slug(value: str) -> str:
    """``value`` if it is a slug, else ValueError: ids become file names.

    >>> checked_slug("../etc/passwd")
    Traceback (most recent call last):
    ValueError: '../etc/passwd' is not a slug (lower-case letters, digits, single hyphens)
    """
    if not isinstance(value, str) or not re.fullmatch(SLUG_PATTERN, value) or len(value) > 120:
        raise ValueError(f"{value!r} is not a slug (lower-case letters, digits, single hyphens)")
    return value


PartialDate = Annotated[str, StringConstraints(pattern=PARTIAL_DATE_PATTERN)]
"""``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: news gives periods at any precision."""

Text = Annotated[str, StringConstraints(strip_whitespace=False, min_length=1)]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]
"""A finite number; strict, so a quoted "670" in YAML is an error, not a guess."""

Status = Literal["candidate", "approved", "rejected"]
Kind = Literal["count", "money", "percent", "duration", "other"]
Qualifier = Literal[
    "exact", "approximate", "more_than", "at_least", "less_than", "at_most", "range"
]

STATUSES: tuple[str, ...] = Status.__args__
KINDS: tuple[str, ...] = Kind.__args__
QUALIFIERS: tuple[str, ...] = Qualifier.__args__


class _Model(BaseModel):
    """Strict about shape: an unknown or misspelt field is an error, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=False, validate_assignment=False)


def _as_iso(value: object) -> object:
    """YAML reads an unquoted 2015-12-20 as a date; keep periods as ISO text."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)
    return value


class Period(_Model):
    """When a figure holds: an as-of date, or a from/to interval.

    "between January and October" (2015) -> ``{start: 2015-01, end: 2015-10}``;
    "today has 670 million users" in an article of 2015-12-20 ->
    ``{as_of: 2015-12-20}``.
    """

    as_of: PartialDate | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None

    _iso = field_validator("as_of", "start", "end", mode="before")(_as_iso)

    @model_validator(mode="after")
    def _one_shape(self) -> Period:
        if self.as_of is not None and (self.start is not None or self.end is not None):
            raise ValueError("as_of: give either as_of, or start/end, not both")
        if self.as_of is None and self.start is None and self.end is None:
            raise ValueError("as_of: give as_of, or start and/or end (or leave period null)")
        if self.start and self.end and self.start[: len(self.end)] > self.end:
            raise ValueError(f"start: {self.start} is after end {self.end}")
        return self

    def label(self) -> str:
        """Short text for charts: ``2015-01 to 2015-10``, ``2015-12-20``."""
        if self.as_of:
            return self.as_of
        return " to ".join(p for p in (self.start, self.end) if p)

    def date(self) -> str | None:
        """The one date a time series plots this figure at (the latest bound)."""
        return self.as_of or self.end or self.start


class Equivalent(_Model):
    """A conversion stated in the text: "2.95 trillion yuan ($455 billion)".

    ``span`` points at the equivalent as written (``$455 billion``), so the
    converted figure is as traceable as the main one; it is optional because a
    hand-written note may give a conversion without offsets.
    """

    value: Number
    currency: CurrencyCode
    span: tuple[int, int] | None = None


class Claim(_Model):
    """One numeric statement of one source, as written and as parsed.

    ``span`` holds the character offsets of the figure as written in the
    source text (``text[start:end] == "670 million"``); ``quote`` is the
    sentence that contains it.  ``value`` is fully scaled; shares are
    ``percent`` with the value in percent (one-fourth -> 25).  For a
    ``range`` ``value`` is the midpoint and ``low``/``high`` the bounds.
    ``change`` marks a signed change ("fell 3.2 percent" -> -3.2) rather
    than a level.
    """

    id: Slug
    source: Slug
    status: Status = "candidate"
    quote: Text
    span: tuple[int, int]
    value: Number
    kind: Kind
    unit: str | None = None
    currency: CurrencyCode | None = None
    qualifier: Qualifier = "exact"
    low: Number | None = None
    high: Number | None = None
    change: bool = False
    subject: str | None = None
    entity: str | None = None
    period: Period | None = None
    category: Slug = "other"
    attributed_to: str | None = None
    equivalents: list[Equivalent] = Field(default_factory=list)
    note: str | None = None

    @field_validator("span")
    @classmethod
    def _span_ordered(cls, span: tuple[int, int]) -> tuple[int, int]:
        start, end = span
        if start < 0 or end <= start:
            raise ValueError(f"expected [start, end] with 0 <= start < end, got [{start}, {end}]")
        return span

    @model_validator(mode="after")
    def _consistent(self) -> Claim:
        if self.kind == "money" and self.currency is None:
            raise ValueError("currency: a money claim needs a currency (ISO 4217 code such as CNY)")
        if self.kind != "money" and self.currency is not None:
            raise ValueError(f"currency: only money claims have one, this one is {self.kind}")
        if self.equivalents and self.kind != "money":
            raise ValueError("equivalents: only a money claim has equivalents (stated conversions)")
        if self.qualifier == "range":
            if self.low is None or self.high is None:
                raise ValueError("low: a range needs low and high")
            if not self.low <= self.value <= self.high:
                raise ValueError(f"value: {self.value} is not within [{self.low}, {self.high}]")
        elif self.low is not None or self.high is not None:
            raise ValueError("low: low/high are only for qualifier: range")
        return self

    @property
    def start(self) -> int:
        return self.span[0]

    @property
    def end(self) -> int:
        return self.span[1]


class Source(_Model):
    """One article; its text lives beside it in ``<id>.txt``, byte-identical."""

    id: Slug
    title: Text
    publisher: Text
    authors: list[str] = Field(default_factory=list)
    published: dt.date
    url: str | None = None
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$")] = "en"
    note: str | None = None

    @field_validator("url")
    @classmethod
    def _http_url(cls, url: str | None) -> str | None:
        if url is not None and not re.match(r"^https?://\S+$", url):
            raise ValueError(f"expected an http(s) URL, got {url!r}")
        return url

    def attribution(self) -> str:
        """The short source line charts carry: ``China Daily, 2015-12-20``."""
        return f"{self.publisher}, {self.published.isoformat()}"


class Category(_Model):
    """A chart-facing grouping of claims; its keywords drive the extractors."""

    id: Slug
    label: Text
    description: Text
    colour: Colour
    keywords: list[str] = Field(default_factory=list)


CLAIM_FIELDS: tuple[str, ...] = tuple(Claim.model_fields)
SOURCE_FIELDS: tuple[str, ...] = tuple(Source.model_fields)
CATEGORY_FIELDS: tuple[str, ...] = tuple(Category.model_fields)
