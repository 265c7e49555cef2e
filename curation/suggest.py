"""Which metric a candidate figure belongs to: a suggestion the person accepts by saving.

A candidate matches a metric when all of these hold:

* the same ``kind`` and ``currency`` (growth, a percent change, is exempt
  from the kind: "users grew 6%" belongs to the Internet-users metric);
* the same entity, after normalising names with pycountry and the aliases in
  `curation.entity_names` ("China's", "Chinese", "PRC" and "People's Republic
  of China" are all CHN).  A candidate with no entity takes one named in its
  unit or subject ("1.3 billion Chinese people");
* the same unit, compared case-insensitively with plurals folded and the
  entity's own words dropped ("Chinese people" ~ "people");
* every word of its subject (entity and filler words aside) appears in the
  metric's label or unit.

Exactly one metric must match; with none or several there is no suggestion,
because a wrong guess saved unnoticed is worse than an empty cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

import pycountry

from curation.entity_names import ALIASES, FILLER
from dataset.schema import Claim, Metric

MAX_NAME_WORDS = 5
"""Longest country name looked for inside a subject ("Lao People's Democratic Republic")."""


def _possessive(text: str) -> str:
    """Without a final possessive: "China's" -> "China" ("People's Republic" keeps its own)."""
    return re.sub(r"'s$", "", text.replace("’", "'").strip())


@lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """ISO 3166 alpha-3 code of a country's name, demonym, code or possessive; else None.

    >>> [country_code(n) for n in ("China's", "Chinese", "PRC", "People's Republic of China")]
    ['CHN', 'CHN', 'CHN', 'CHN']
    >>> country_code("World Internet Conference") is None
    True
    """
    plain = " ".join(_possessive(name).split())
    plain = re.sub(r"^the\s+", "", plain, flags=re.IGNORECASE)
    if not plain:
        return None
    alias = ALIASES.get(plain.lower())
    if alias:
        return alias
    if len(plain) < 2:
        return None
    try:
        return pycountry.countries.lookup(plain).alpha_3
    except LookupError:
        return None


def normal_entity(name: str | None) -> str | None:
    """One spelling per entity: a country's alpha-3 code, else the name in lower case.

    >>> normal_entity("the People's Republic of China"), normal_entity(" World  Bank ")
    ('CHN', 'world bank')
    """
    if name is None or not name.strip():
        return None
    return country_code(name) or " ".join(_possessive(name).lower().split())


def _words(text: str | None) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:[-'][a-z0-9]+)*", (text or "").replace("’", "'").lower())


def country_in(text: str | None) -> tuple[str | None, set[str]]:
    """The first country a text names, and the words naming it.

    >>> country_in("Chinese people")
    ('CHN', {'chinese'})
    >>> code, words = country_in("Internet users in the People's Republic of China")
    >>> code, sorted(words)
    ('CHN', ['china', 'of', "people's", 'republic', 'the'])
    """
    words = _words(text)
    for size in range(MAX_NAME_WORDS, 0, -1):
        for i in range(len(words) - size + 1):
            code = country_code(" ".join(words[i : i + size]))
            if code is not None and not (size == 1 and words[i] in FILLER):
                return code, set(words[i : i + size])
    return None, set()


def fold(word: str) -> str:
    """A word in lower case with a simple plural folded: users -> user, companies -> company.

    >>> [fold(w) for w in ("Users", "companies", "boxes", "yuan", "news", "GDP", "business")]
    ['user', 'company', 'box', 'yuan', 'news', 'gdp', 'business']
    """
    word = word.lower()
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("xes", "ches", "shes", "sses")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ws")):
        return word[:-1]
    return word


def _content(text: str | None, drop: set[str]) -> list[str]:
    words = [_possessive(w) for w in _words(text) if w not in drop]
    return [fold(w) for w in words if w not in drop and w not in FILLER]


def claim_entity(claim: Claim) -> tuple[str | None, set[str]]:
    """The claim's normalised entity and the words that name it in its unit or subject."""
    own = normal_entity(claim.entity)
    if own is not None:
        named = country_in(claim.subject)[1] | country_in(claim.unit)[1]
        return own, named | set(_words(claim.entity))
    code, named = country_in(claim.unit)
    if code is None:
        code, named = country_in(claim.subject)
    return code, named


def matches(claim: Claim, metric: Metric) -> bool:
    """Whether ``claim`` belongs to ``metric`` by the rules in the module docstring."""
    if claim.currency != metric.currency:
        return False
    if claim.measure != "growth" and claim.kind != metric.kind:
        return False
    entity, named = claim_entity(claim)
    if entity is None or entity != normal_entity(metric.entity):
        return False
    drop = named | set(_words(metric.entity))
    unit = _content(claim.unit, drop)
    if claim.measure != "growth" and unit != _content(metric.unit, drop):
        return False
    known = set(_content(metric.label, drop)) | set(_content(metric.unit, drop))
    subject = _content(claim.subject, drop) or unit
    return bool(subject) and set(subject) <= known


def suggest_metric(claim: Claim, metrics: Iterable[Metric]) -> str | None:
    """The id of the one metric ``claim`` matches, or None (no match, or several).

    >>> m = Metric(id="cn-users", label="Internet users in China", definition="d.",
    ...            unit="Internet users", kind="count", measure_type="stock", entity="China")
    >>> c = Claim(id="s-7", source="s", quote="x 670", span=(2, 5), value=6.7e8, kind="count",
    ...           unit="Internet users", subject="China's Internet users", entity="PRC")
    >>> suggest_metric(c, [m])
    'cn-users'
    """
    found = [m.id for m in metrics if matches(claim, m)]
    return found[0] if len(found) == 1 else None


def suggestions(claims: Sequence[Claim], metrics: Mapping[str, Metric]) -> dict[str, str]:
    """Claim id -> suggested metric id, for the candidates without a metric that match one."""
    out = {}
    for claim in claims:
        if claim.status == "candidate" and claim.metric is None:
            found = suggest_metric(claim, metrics.values())
            if found is not None:
                out[claim.id] = found
    return out


def with_suggestions(claims: Sequence[Claim], metrics: Mapping[str, Metric]) -> list[Claim]:
    """``claims`` with each suggestion written into the candidate's ``metric``: for
    ``extractors add``, whose candidates are reviewed later (Review shows the metric,
    ``python -m dataset edit ID metric=`` clears it)."""
    found = suggestions(claims, metrics)
    return [c.model_copy(update={"metric": found[c.id]}) if c.id in found else c for c in claims]
