"""A readable subject for a claim: what a headline shows, never a raw extractor label.

The extractors fill ``subject`` from the unit ("percent", "users in China");
a person or a metric gives a better one.  When a claim is approved without
one, `readable_subject` supplies it: the metric's label if the claim has a
metric, else "<Unit> in <Entity>".
"""

from __future__ import annotations

from collections.abc import Mapping

from dataset.schema import Claim, Metric


def is_raw_label(claim: Claim) -> bool:
    """Whether the claim's subject is missing or only repeats its unit or kind (and entity:
    the extractors write "percent in China").

    >>> t = "Up 7.8 percent."
    >>> c = Claim(id="s-3", source="s", quote=t, span=(3, 14), value=7.8, kind="percent",
    ...           unit="percent", subject="Percent")
    >>> is_raw_label(c), is_raw_label(c.model_copy(update={"subject": "Retail growth"}))
    (True, False)
    >>> is_raw_label(c.model_copy(update={"subject": "percent in China", "entity": "China"}))
    True
    """
    subject = " ".join((claim.subject or "").split()).casefold()
    units = {(claim.unit or "").casefold(), claim.kind, claim.kind.replace("_", " ")} - {""}
    entity = " ".join((claim.entity or "").split()).casefold()
    raw = units | ({f"{u} in {entity}" for u in units} if entity else set())
    return not subject or subject in raw


def readable_subject(claim: Claim, metrics: Mapping[str, Metric]) -> str | None:
    """The subject to give ``claim``: its metric's label, else "<Unit> in <Entity>".

    None when there is nothing better to say than the current subject.

    >>> t = "Up 7.8 percent."
    >>> c = Claim(id="s-3", source="s", quote=t, span=(3, 14), value=7.8, kind="percent",
    ...           unit="percent", entity="China")
    >>> readable_subject(c, {})
    'Percent in China'
    """
    metric = metrics.get(claim.metric) if claim.metric else None
    if metric is not None:
        return metric.label
    unit = " ".join((claim.unit or claim.kind.replace("_", " ")).split())
    if not unit:
        return None
    unit = unit[0].upper() + unit[1:]
    return f"{unit} in {claim.entity}" if claim.entity else unit


def with_readable_subject(claim: Claim, metrics: Mapping[str, Metric]) -> Claim:
    """``claim`` with `readable_subject` in place of a missing or raw subject."""
    if not is_raw_label(claim):
        return claim
    subject = readable_subject(claim, metrics)
    return claim.model_copy(update={"subject": subject}) if subject else claim
