"""Load the whole dataset under ``data/``: every file, every problem.

A bad file or a bad claim never hides the good ones: each item is
validated on its own, and what is valid is returned with the list of
problems.  Only ``yaml.safe_load``-equivalent parsing is used (see yamlio).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pandas as pd
from pydantic import BaseModel, ValidationError

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


def load_models(root: Path | str) -> tuple[Models, list[Problem]]:
    """Read and check every file under ``root``; keep what is valid."""
    root = Path(root)
    models, problems = Models(), []
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


def _load_list(
    path: Path,
    root: Path,
    model: type[M],
    what: str,
    table: dict[str, M],
    refuse: Callable[[Parsed, int, M], Problem | None] | None = None,
) -> list[Problem]:
    """A file holding a list of models with unique ids (categories, metrics) into ``table``.

    An item that does not validate, repeats an id, or is ``refuse``d (its
    problem returned) is left out, with its problem at its own line.
    """
    parsed, problems = read_yaml(path, root)
    if parsed is None:
        return problems
    items = _items(parsed, what)
    if isinstance(items, Problem):
        return [*problems, items]
    for i, data in items:
        item, found = _validate(model, data, parsed, (i,))
        problems += found
        if item is None:
            continue
        if item.id in table:
            problems.append(_duplicate(parsed, i, item.id))
        elif refuse is not None and (problem := refuse(parsed, i, item)) is not None:
            problems.append(problem)
        else:
            table[item.id] = item
    return problems


def _load_categories(root: Path, models: Models) -> list[Problem]:
    return _load_list(root / CATEGORIES_FILE, root, Category, "categories", models.categories)


def _load_metrics(root: Path, models: Models) -> list[Problem]:
    """``metrics.yaml``; optional, so a dataset without metrics still loads."""
    if not (root / METRICS_FILE).exists():
        return []

    def unknown_category(parsed: Parsed, i: int, metric: Metric) -> Problem | None:
        if metric.category in models.categories:
            return None
        message = f"unknown category {metric.category!r}"
        return Problem(parsed.file, parsed.line((i, "category")), "category", message)

    return _load_list(
        root / METRICS_FILE, root, Metric, "metrics", models.metrics, unknown_category
    )


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
        problems += load_source(path, root, models)
    return problems


def load_source(path: Path, root: Path, models: Models) -> list[Problem]:
    """One source file and its text, checked, into ``models``; its problems.

    The derived store (``dataset/store.py``) compiles sources one file at a time
    through this same function.
    """
    parsed, problems = read_yaml(path, root)
    if parsed is None:
        return problems
    source, found = _validate(Source, parsed.data, parsed, ())
    problems += found
    if source is None:
        return problems
    if source.id != path.stem:
        problems.append(
            Problem(
                parsed.file,
                parsed.line(("id",)),
                "id",
                f"expected {path.stem!r} (the file name), got {source.id!r}",
            )
        )
        return problems
    text, why = _read_text(path.with_suffix(".txt"), root)
    if text is None:
        problems.append(Problem(parsed.file, 1, "id", why))
        return problems
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


def _load_claims(root: Path, models: Models) -> list[Problem]:
    problems: list[Problem] = []
    for path in sorted((root / CLAIMS_DIR).glob("*.yaml")):
        raw, found = read_bytes(path, root)
        problems += found
        if raw is None:
            continue
        parsed, valid, found = parse_claims_file(raw, display_name(path, root))
        problems += found
        if parsed is None:
            continue
        lines = tuple(parsed.line((i,)) for i, _ in valid)
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


def _keep(
    models: Models,
    stem: str,
    parsed: Parsed,
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


def _cross_checks(claim: Claim, parsed: Parsed, i: int, stem: str, models: Models) -> list[Problem]:
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


def _duplicate(parsed: Parsed, i: int, ident: str, first: tuple[str, int] | None = None) -> Problem:
    where = f" (first at {first[0]}:{first[1]})" if first else ""
    return Problem(parsed.file, parsed.line((i, "id")), "id", f"duplicate id {ident!r}{where}")
