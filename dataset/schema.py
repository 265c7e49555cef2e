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
    StrictInt,
    StringConstraints,
    field_validator,
    model_validator,
)

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PARTIAL_DATE_PATTERN = r"^[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?$"
"""ASCII digits only: ``\\d`` would also take full-width and other Unicode digits."""

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

Text = Annotated[str, Field(strict=True), StringConstraints(strip_whitespace=False, min_length=1)]
"""Non-empty text; strict, so YAML's ``!!binary`` (bytes) or a number is an error, not coerced."""
OptionalText = Annotated[str, Field(strict=True)] | None
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]
"""A finite number; strict, so a quoted "670" in YAML is an error, not a guess."""

Status = Literal["candidate", "approved", "rejected"]
Kind = Literal[
    "count", "money", "percent", "percentage_points", "basis_points", "duration", "other"
]
"""``percentage_points`` and ``basis_points`` are their own units: "+5.9 points" is never 5.9%."""
Measure = Literal["level", "change", "growth"]
"""A level ("670 million users"), a change ("85.4 million more") or growth ("up 12.4%")."""
MeasureType = Literal["stock", "flow", "share"]
PeriodType = Literal["year", "year_to_date", "half_year", "quarter", "month", "day"]
Qualifier = Literal[
    "exact", "approximate", "more_than", "at_least", "less_than", "at_most", "range"
]

STATUSES: tuple[str, ...] = Status.__args__
KINDS: tuple[str, ...] = Kind.__args__
MEASURES: tuple[str, ...] = Measure.__args__
MEASURE_TYPES: tuple[str, ...] = MeasureType.__args__
PERIOD_TYPES: tuple[str, ...] = PeriodType.__args__
QUALIFIERS: tuple[str, ...] = Qualifier.__args__


class _Model(BaseModel):
    """Strict about shape: an unknown or misspelt field is an error, not ignored.

    Frozen, so a loaded claim can't be changed in place behind the dataset's back:
    an edit is ``model_copy(update=...)`` and goes through validation on save.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)


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
    span: tuple[StrictInt, StrictInt] | None = None


class Claim(_Model):
    """One numeric statement of one source, as written and as parsed.

    ``span`` holds the character offsets of the figure as written in the
    source text (``text[start:end] == "670 million"``); ``quote`` is the
    sentence that contains it.  ``value`` is fully scaled; shares are
    ``percent`` with the value in percent (one-fourth -> 25).  For a
    ``range`` ``value`` is the midpoint and ``low``/``high`` the bounds.

    ``measure`` tells a level from a change and from growth: "670 million
    users" is a level, "85.4 million more users" a change (an absolute
    difference, signed), "fell 3.2 percent" growth of -3.2 (a percent change,
    ``kind: percent``), with ``base_period`` the period it is measured from
    where the text says ("from a year earlier").  ``metric`` names the series
    in ``data/metrics.yaml`` the figure belongs to (null until a person, or a
    suggestion they accept, assigns one): only figures of one metric and one
    measure are ever joined or ranked.
    """

    id: Slug
    source: Slug
    status: Status = "candidate"
    quote: Text
    span: tuple[StrictInt, StrictInt]
    value: Number
    kind: Kind
    unit: OptionalText = None
    currency: CurrencyCode | None = None
    qualifier: Qualifier = "exact"
    low: Number | None = None
    high: Number | None = None
    measure: Measure = "level"
    base_period: Period | None = None
    metric: Slug | None = None
    subject: OptionalText = None
    entity: OptionalText = None
    period: Period | None = None
    category: Slug = "other"
    attributed_to: OptionalText = None
    equivalents: list[Equivalent] = Field(default_factory=list)
    note: OptionalText = None

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
        if self.measure == "growth" and self.kind != "percent":
            raise ValueError(
                f"kind: growth is a percent change, so kind is percent, not {self.kind}"
            )
        if self.measure == "level" and self.base_period is not None:
            raise ValueError("base_period: only a change or growth is measured from a base period")
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
    authors: list[Annotated[str, Field(strict=True)]] = Field(default_factory=list)
    published: dt.date
    url: OptionalText = None
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$")] = "en"
    note: OptionalText = None

    @field_validator("published", mode="before")
    @classmethod
    def _a_date(cls, value: object) -> object:
        """A date, or ISO text; never a number (1450569600 is not a publication date)."""
        if isinstance(value, dt.datetime):
            raise ValueError("published must be a date like 2015-12-20, not a date and time")
        if isinstance(value, (int, float)):
            raise ValueError(f"published must be a date like 2015-12-20, not the number {value}")
        return value

    @field_validator("url")
    @classmethod
    def _http_url(cls, url: str | None) -> str | None:
        if url is not None and not re.fullmatch(r"https?://\S+", url):
            raise ValueError(
                f"url must be an http(s) URL with no spaces or line breaks, got {url!r}"
            )
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


class Metric(_Model):
    """A series figures can join, like an OWID indicator: what is measured, how, where.

    Only claims of one metric (and one ``measure``) share an axis or a ranking.
    ``measure_type`` says how values relate over time: a ``stock`` is a level at a
    date (Internet users), a ``flow`` a total over a period of ``period_type``
    (online retail sales, January to October: ``year_to_date``), a ``share`` a
    part of a whole in percent.  Flows are compared only within one period type.
    """

    id: Slug
    label: Text
    definition: Text
    unit: Text
    kind: Kind
    currency: CurrencyCode | None = None
    measure_type: MeasureType
    period_type: PeriodType | None = None
    entity: OptionalText = None
    category: Slug = "other"

    @model_validator(mode="after")
    def _consistent(self) -> Metric:
        if (self.kind == "money") != (self.currency is not None):
            raise ValueError("currency: a money metric needs a currency, and only a money metric")
        if self.measure_type == "flow" and self.period_type is None:
            raise ValueError("period_type: a flow is a total over a period; say which kind")
        if self.measure_type != "flow" and self.period_type is not None:
            raise ValueError("period_type: only a flow has a period type")
        if self.measure_type == "share" and self.kind != "percent":
            raise ValueError("kind: a share is in percent")
        return self


class Citation(_Model):
    """Where an official value was published: enough to find the release again."""

    publisher: Text
    title: Text
    published: dt.date | None = None
    url: OptionalText = None
    note: OptionalText = None

    _url = field_validator("url")(Source._http_url.__func__)


class Observation(_Model):
    """One official value of a metric, at a date (stock, share) or over a period (flow)."""

    period: Period
    value: Number
    citation: Citation


class ReferenceSeries(_Model):
    """``data/reference/<metric>.yaml``: a metric's official figures, each cited."""

    metric: Slug
    observations: list[Observation] = Field(min_length=1)


CLAIM_FIELDS: tuple[str, ...] = tuple(Claim.model_fields)
METRIC_FIELDS: tuple[str, ...] = tuple(Metric.model_fields)
SOURCE_FIELDS: tuple[str, ...] = tuple(Source.model_fields)
CATEGORY_FIELDS: tuple[str, ...] = tuple(Category.model_fields)
