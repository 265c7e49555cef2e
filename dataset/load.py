"""Load the whole dataset under ``data/``: every file, every problem.

A bad file or a bad claim never hides the good ones: each item is
validated on its own, and what is valid is returned with the list of
problems.  Only ``yaml.safe_load``-equivalent parsing is used (see yamlio).
"""

from __future__ import annotations

import gc
import operator
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pandas as pd
from pydantic import BaseModel, ValidationError

from dataset import claims_cache
from dataset.frames import categories_frame, claims_frame, sources_frame
from dataset.problems import Problem
from dataset.schema import Category, Claim, Metric, ReferenceSeries, Source
from dataset.validate import claim_problems, field_name, validation_problems
from dataset.yamlio import Parsed, decode_text, display_name, parse_yaml, read_bytes, read_yaml

M = TypeVar("M", bound=BaseModel)

CATEGORIES_FILE = "categories.yaml"
METRICS_FILE = "metrics.yaml"
REFERENCE_DIR = "reference"
SOURCES_DIR = "sources"
CLAIMS_DIR = "claims"


@dataclass
class Models:
    """The validated models, keyed by id, for code that edits the dataset."""

    categories: dict[str, Category] = field(default_factory=dict)
    metrics: dict[str, Metric] = field(default_factory=dict)
    references: dict[str, ReferenceSeries] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    claims: dict[str, list[Claim]] = field(default_factory=dict)
    claim_lines: dict[str, tuple[str, int]] = field(default_factory=dict)


@dataclass
class Dataset:
    """What the dashboard reads: one row per claim, source and category."""

    claims: pd.DataFrame
    sources: pd.DataFrame
    categories: pd.DataFrame
    problems: list[Problem]
    models: Models


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cycle collector off for a bulk load, back on (as it was) after.

    Parsing allocates millions of small objects that live on (nodes, dicts,
    models), and each allocation burst triggers a collection that walks
    every object allocated so far: at 20,000 claims that doubled the load
    time, and the waste grows faster than the dataset.  Nothing the loader
    builds is a cycle that needs the collector; it runs again afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def settle() -> None:
    """Leave everything alive now out of later cycle collections (``gc.freeze``).

    A loaded dataset is millions of objects that live until the next load,
    and every full collection walks them all again: at 20,000 claims, the
    one that fell on a dashboard rerun made it 0.34 s instead of 0.09 s.
    Call once a load is kept; ``thaw`` before the next one, so the old
    dataset's cycles, if any, can still be collected.
    """
    gc.collect()
    gc.freeze()


def thaw() -> None:
    """Put what ``settle`` froze back under the cycle collector."""
    gc.unfreeze()


def load_models(root: Path | str) -> tuple[Models, list[Problem]]:
    """Read and check every file under ``root``; keep what is valid."""
    root = Path(root)
    models, problems = Models(), []
    with gc_paused():
        problems += _load_categories(root, models)
        problems += _load_metrics(root, models)
        problems += _load_references(root, models)
        problems += _load_sources(root, models)
        problems += _load_claims(root, models)
    return models, sorted(problems)


def load_dataset(root: Path | str) -> Dataset:
    """The dataset under ``root`` as DataFrames, with every problem found.

    >>> ds = load_dataset("data")
    >>> ds.problems, len(ds.claims) > 0
    ([], True)
    """
    models, problems = load_models(root)
    with gc_paused():
        return Dataset(
            claims=claims_frame(models),
            sources=sources_frame(models),
            categories=categories_frame(models),
            problems=problems,
            models=models,
        )


def load_categories(root: Path | str | None = None) -> tuple[list[Category], list[Problem]]:
    """The categories of ``root/categories.yaml`` (default: the data root), in file order.

    The extractors use their keywords; reading them lives here so that the
    extractors themselves never touch files.
    """
    from dataset.paths import data_root

    models = Models()
    problems = _load_categories(Path(root) if root is not None else data_root(), models)
    return list(models.categories.values()), problems


def load_metrics(root: Path | str | None = None) -> tuple[list[Metric], list[Problem]]:
    """The metrics of ``root/metrics.yaml`` (default: the data root), in file order."""
    from dataset.paths import data_root

    root = Path(root) if root is not None else data_root()
    models = Models()
    problems = _load_categories(root, models)
    problems += _load_metrics(root, models)
    return list(models.metrics.values()), problems


def _items(parsed: Parsed, what: str) -> Iterator[tuple[int, object]] | Problem:
    if not isinstance(parsed.data, list):
        return Problem(parsed.file, parsed.line(), "(file)", f"expected a list of {what}")
    return iter(enumerate(parsed.data))


def _validate(
    model: type[M], data: object, parsed: Parsed, index: tuple[int, ...]
) -> tuple[M | None, list[Problem]]:
    try:
        return model.model_validate(data), []
    except ValidationError as err:
        return None, [
            Problem(parsed.file, parsed.line(index + loc), field_name(loc), message)
            for loc, message in validation_problems(err)
        ]


def _load_categories(root: Path, models: Models) -> list[Problem]:
    parsed, problems = read_yaml(root / CATEGORIES_FILE, root)
    if parsed is None:
        return problems
    items = _items(parsed, "categories")
    if isinstance(items, Problem):
        return [*problems, items]
    for i, data in items:
        category, found = _validate(Category, data, parsed, (i,))
        problems += found
        if category is None:
            continue
        if category.id in models.categories:
            problems.append(_duplicate(parsed, i, category.id))
            continue
        models.categories[category.id] = category
    return problems


def _load_metrics(root: Path, models: Models) -> list[Problem]:
    """``metrics.yaml``; optional, so a dataset without metrics still loads."""
    if not (root / METRICS_FILE).exists():
        return []
    parsed, problems = read_yaml(root / METRICS_FILE, root)
    if parsed is None:
        return problems
    items = _items(parsed, "metrics")
    if isinstance(items, Problem):
        return [*problems, items]
    for i, data in items:
        metric, found = _validate(Metric, data, parsed, (i,))
        problems += found
        if metric is None:
            continue
        if metric.id in models.metrics:
            problems.append(_duplicate(parsed, i, metric.id))
        elif metric.category not in models.categories:
            problems.append(
                Problem(
                    parsed.file,
                    parsed.line((i, "category")),
                    "category",
                    f"unknown category {metric.category!r}",
                )
            )
        else:
            models.metrics[metric.id] = metric
    return problems


def _load_references(root: Path, models: Models) -> list[Problem]:
    """``reference/<metric>.yaml``: each file one metric's official series."""
    problems: list[Problem] = []
    for path in sorted((root / REFERENCE_DIR).glob("*.yaml")):
        parsed, found = read_yaml(path, root)
        problems += found
        if parsed is None:
            continue
        series, found = _validate(ReferenceSeries, parsed.data, parsed, ())
        problems += found
        if series is None:
            continue
        if series.metric != path.stem:
            expected = f"expected {path.stem!r} (the file name), got {series.metric!r}"
            problems.append(Problem(parsed.file, parsed.line(("metric",)), "metric", expected))
        elif series.metric not in models.metrics:
            unknown = f"no metric {series.metric!r} in {METRICS_FILE}"
            problems.append(Problem(parsed.file, parsed.line(("metric",)), "metric", unknown))
        else:
            models.references[series.metric] = series
    return problems


def _load_sources(root: Path, models: Models) -> list[Problem]:
    problems: list[Problem] = []
    for path in sorted((root / SOURCES_DIR).glob("*.yaml")):
        parsed, found = read_yaml(path, root)
        problems += found
        if parsed is None:
            continue
        source, found = _validate(Source, parsed.data, parsed, ())
        problems += found
        if source is None:
            continue
        if source.id != path.stem:
            problems.append(
                Problem(
                    parsed.file,
                    parsed.line(("id",)),
                    "id",
                    f"expected {path.stem!r} (the file name), got {source.id!r}",
                )
            )
            continue
        text, why = _read_text(path.with_suffix(".txt"), root)
        if text is None:
            problems.append(Problem(parsed.file, 1, "id", why))
            continue
        models.sources[source.id] = source
        models.texts[source.id] = text
    return problems


def _read_text(path: Path, root: Path) -> tuple[str | None, str]:
    """The article text, decoded (a leading byte-order mark dropped), or why not."""
    if not path.is_file() and not path.is_symlink():
        return None, f"its text {path.name} is missing (every source needs one)"
    raw, problems = read_bytes(path, root)
    if raw is None:
        return None, f"its text {path.name}: {problems[0].message}"
    return decode_text(raw, path.name)


@dataclass(frozen=True)
class _CleanFile:
    """A claims file that parsed and validated without a problem: a reload may reuse it.

    Only per-file results are kept; the checks across files run on every load,
    because another file (a source, the categories) may have changed.  Claims
    are kept as tuples of their validated field values (a pydantic model costs
    about 3.4 KB, the tuple a tenth of that) and rebuilt without validating again.
    """

    stamp: tuple[int, int, int]
    claims: tuple[tuple[object, ...], ...]
    fields_set: tuple[frozenset[str], ...]
    lines: tuple[int, ...]

    @classmethod
    def of(cls, stamp: tuple[int, int, int], claims: Sequence[Claim], lines: tuple[int, ...]):
        return cls(
            stamp,
            tuple(map(_field_values, claims)),
            tuple(_shared(frozenset(c.model_fields_set)) for c in claims),
            lines,
        )

    def models(self) -> list[Claim]:
        """The claims again, equal to the ones validated (values checked then, not now)."""
        return [
            Claim.model_construct(
                _fields_set=set(fields), **dict(zip(CLAIM_FIELDS, values, strict=True))
            )
            for values, fields in zip(self.claims, self.fields_set, strict=True)
        ]


CLAIM_FIELDS: tuple[str, ...] = tuple(Claim.model_fields)
_field_values = operator.attrgetter(*CLAIM_FIELDS)
"""A claim's field values as a tuple, in CLAIM_FIELDS order (one C call per claim)."""
_FIELDS_SETS: dict[frozenset[str], frozenset[str]] = {}
"""One shared frozenset per distinct set of given fields (most claims give the same)."""


def _shared(fields: frozenset[str]) -> frozenset[str]:
    return _FIELDS_SETS.setdefault(fields, fields)


_CLEAN: dict[Path, _CleanFile] = {}
"""Claims file -> what it held when clean.  Lists inside reused claims (equivalents)
are shared between loads: nothing may modify a loaded claim in place (make a copy
with ``model_copy(update=...)``)."""
CLEAN_LIMIT = 20_000
"""Files remembered at most; beyond, the memory is dropped and files are read again."""


class _Reread:
    """`Parsed`'s ``file`` and ``line`` for a file reused from `_CLEAN`.

    A cross-file problem (an unknown category, say) in a reused file needs the
    line of one field: only then is the file parsed again, for its node tree.
    """

    def __init__(self, path: Path, root: Path) -> None:
        self.path, self.root = path, root
        self.file = display_name(path, root)
        self._parsed: Parsed | None = None

    def line(self, at: tuple[str | int, ...] = ()) -> int:
        if self._parsed is None:
            self._parsed = read_yaml(self.path, self.root)[0] or Parsed(self.file, None, None)
        return self._parsed.line(at)


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """(mtime, size, inode): a save (`os.replace`) always gives a new inode."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino


def _load_claims(root: Path, models: Models) -> list[Problem]:
    problems: list[Problem] = []
    for path in sorted((root / CLAIMS_DIR).glob("*.yaml")):
        stamp = _stamp(path)  # before reading: a change after it is seen next time
        key = Path(os.path.realpath(path))  # never raises, even on a symlink loop
        clean = _CLEAN.get(key)
        if clean is not None and clean.stamp == stamp:
            problems += _reuse(models, path, root, clean.models(), clean.lines)
            continue
        raw, found = read_bytes(path, root)
        problems += found
        if raw is None:
            continue
        if (stored := claims_cache.recall(key, raw)) is not None:
            claims, lines = stored  # parsed by an earlier process, and clean then
            _remember(key, stamp, claims, lines)
            problems += _reuse(models, path, root, claims, lines)
            continue
        parsed, valid, found = parse_claims_file(raw, display_name(path, root))
        problems += found
        if parsed is None:
            continue
        lines = tuple(parsed.line((i,)) for i, _ in valid)
        if not found:
            claims = [c for _, c in valid]
            claims_cache.store(key, raw, claims, lines)
            _remember(key, stamp, claims, lines)
        problems += _keep(models, path.stem, parsed, valid, lines)
    return problems


def parse_claims_file(
    raw: bytes, file: str
) -> tuple[Parsed | None, list[tuple[int, Claim]], list[Problem]]:
    """One claims file's bytes as (parsed file, valid claims by item index, problems).

    The one parser of claims files: the loader and ``curation.writes`` both
    read through it, so a file gets the same problems wherever it is read.
    The checks against the rest of the dataset are `claim_problems`'.
    """
    parsed, problems = parse_yaml(raw, file)
    if parsed is None:
        return None, [], problems
    listed = _items(parsed, "claims")
    if isinstance(listed, Problem):
        return None, [], [*problems, listed]
    valid: list[tuple[int, Claim]] = []
    for i, data in listed:
        claim, invalid = _validate(Claim, data, parsed, (i,))
        problems += invalid
        if claim is not None:
            valid.append((i, claim))
    return parsed, valid, problems


def _reuse(
    models: Models, path: Path, root: Path, claims: list[Claim], lines: Sequence[int]
) -> list[Problem]:
    """Keep a clean file's claims without parsing it (lines re-read only for a problem)."""
    return _keep(models, path.stem, _Reread(path, root), list(enumerate(claims)), lines)


def _remember(
    key: Path, stamp: tuple[int, int, int] | None, claims: Sequence[Claim], lines: tuple[int, ...]
) -> None:
    """Let the next load in this process reuse a clean file (if its stamp could be read)."""
    if stamp is None:
        return
    if len(_CLEAN) >= CLEAN_LIMIT:
        _CLEAN.clear()
    _CLEAN[key] = _CleanFile.of(stamp, claims, lines)


def _keep(
    models: Models,
    stem: str,
    parsed: Parsed | _Reread,
    items: Sequence[tuple[int, Claim]],
    lines: Sequence[int],
) -> list[Problem]:
    """Cross-check one file's valid claims (item index, claim) and keep those that pass."""
    problems: list[Problem] = []
    kept: list[Claim] = []
    for (i, claim), line in zip(items, lines, strict=True):
        found = _cross_checks(claim, parsed, i, stem, models)
        problems += found
        if not found:
            kept.append(claim)
            models.claim_lines[claim.id] = (parsed.file, line)
    models.claims[stem] = kept
    return problems


def _cross_checks(
    claim: Claim, parsed: Parsed | _Reread, i: int, stem: str, models: Models
) -> list[Problem]:
    """Checks against the rest of the dataset: ids here, the rest `claim_problems`'."""
    problems = []
    if claim.id in models.claim_lines:
        problems.append(_duplicate(parsed, i, claim.id, models.claim_lines[claim.id]))
    for name, message in claim_problems(
        claim, stem, models.texts.get(claim.source), models.categories, models.metrics
    ):
        line = parsed.line((i, name.split(".")[0].split("[")[0]))
        problems.append(Problem(parsed.file, line, name, message))
    return problems


def _duplicate(
    parsed: Parsed | _Reread, i: int, ident: str, first: tuple[str, int] | None = None
) -> Problem:
    where = f" (first at {first[0]}:{first[1]})" if first else ""
    return Problem(parsed.file, parsed.line((i, "id")), "id", f"duplicate id {ident!r}{where}")
