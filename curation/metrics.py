"""The metrics of ``data/metrics.yaml`` for curation: read them, make one from a claim, add it.

A new metric is appended to the file as text, so the comments and the
layout of the existing entries stay as people wrote them; the whole file is
parsed and validated again before the atomic replace, under its lock.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from filelock import Timeout
from pydantic import ValidationError

from curation.subjects import with_readable_subject
from dataset.load import METRICS_FILE, load_categories, load_metrics
from dataset.problems import Problem
from dataset.save import atomic_write
from dataset.schema import Claim, Metric
from dataset.validate import field_name, validation_problems
from dataset.yamlio import dump_yaml, parse_yaml


def parse_metrics(raw: bytes, file: str = METRICS_FILE) -> tuple[dict[str, Metric], list[Problem]]:
    """Metrics of a metrics file's bytes, by id, and the problems of what did not parse."""
    parsed, problems = parse_yaml(raw, file)
    if parsed is None or parsed.data is None:
        return {}, problems
    if not isinstance(parsed.data, list):
        return {}, [*problems, Problem(file, 1, "(file)", "expected a list of metrics")]
    metrics: dict[str, Metric] = {}
    for i, data in enumerate(parsed.data):
        try:
            metric = Metric.model_validate(data)
        except ValidationError as err:
            problems += [
                Problem(file, parsed.line((i, *loc)), field_name(loc), message)
                for loc, message in validation_problems(err)
            ]
            continue
        if metric.id in metrics:
            problems.append(
                Problem(file, parsed.line((i, "id")), "id", f"duplicate id {metric.id!r}")
            )
        metrics[metric.id] = metric
    return metrics, problems


def read_metrics(root: Path | str) -> tuple[dict[str, Metric], list[Problem]]:
    """``root/metrics.yaml`` by id, as the loader reads it ({} when there is no file)."""
    metrics, problems = load_metrics(root)
    return {m.id: m for m in metrics}, problems


def metric_from_claim(
    claim: Claim,
    ident: str,
    measure_type: str,
    period_type: str | None = None,
    label: str | None = None,
    definition: str | None = None,
    metrics: Mapping[str, Metric] | None = None,
) -> tuple[Metric | None, list[Problem]]:
    """A new metric described by ``claim``: its label from the claim's subject, its unit,
    kind, currency, entity and category; or None and why not.

    >>> t = "It has 670 million users."
    >>> c = Claim(id="s-7", source="s", quote=t, span=(7, 18), value=6.7e8, kind="count",
    ...           unit="users", subject="Users of Zed", entity="Zed")
    >>> m, _ = metric_from_claim(c, "zed-users", "stock")
    >>> m.label, m.unit, m.kind, m.entity, m.measure_type
    ('Users of Zed', 'users', 'count', 'Zed', 'stock')
    """
    if metrics and ident in metrics:
        return None, [Problem(METRICS_FILE, 1, "id", f"a metric {ident!r} exists already")]
    name = label or with_readable_subject(claim, {}).subject
    data = {
        "id": ident,
        "label": name,
        "definition": definition or f"{name}, as first reported in claim {claim.id}.",
        "unit": claim.unit or claim.kind.replace("_", " "),
        "kind": claim.kind,
        "currency": claim.currency,
        "measure_type": measure_type,
        "period_type": period_type,
        "entity": claim.entity,
        "category": claim.category,
    }
    try:
        return Metric.model_validate(data), []
    except ValidationError as err:
        return None, [
            Problem(METRICS_FILE, 1, field_name(loc), message)
            for loc, message in validation_problems(err)
        ]


def add_metric(root: Path | str, metric: Metric) -> list[Problem]:
    """Append ``metric`` to ``root/metrics.yaml`` (locked, validated, atomic); [] when written."""
    from curation.writes import busy, lock_for, not_written

    path = Path(root) / METRICS_FILE
    categories = {c.id for c in load_categories(root)[0]}
    if metric.category not in categories:
        return [Problem(METRICS_FILE, 1, "category", f"unknown category {metric.category!r}")]
    try:
        with lock_for(path):
            try:
                raw = path.read_bytes()
            except FileNotFoundError:
                raw = b""
            metrics, problems = parse_metrics(raw)
            if problems:
                return problems
            if metric.id in metrics:
                return [Problem(METRICS_FILE, 1, "id", f"a metric {metric.id!r} exists already")]
            entry = dump_yaml([metric.model_dump(mode="python")]).encode("utf-8")
            new = raw + (b"" if not raw or raw.endswith(b"\n") else b"\n") + entry
            after, problems = parse_metrics(new)
            if problems or metric.id not in after:
                return problems or [Problem(METRICS_FILE, 1, "(file)", "the entry did not parse")]
            atomic_write(path, new)
    except Timeout:
        return [busy(METRICS_FILE)]
    except OSError as err:
        return [not_written(METRICS_FILE, err)]
    return []
