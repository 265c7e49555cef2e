"""curation.suggest: which metric a candidate belongs to, as a table of cases.

The metrics and claims below are written for these tests; the expected
suggestion of each case is written here, not derived from the code.
"""

from __future__ import annotations

import pytest

from curation.suggest import fold, normal_entity, suggest_metric, suggestions, with_suggestions
from dataset.schema import Claim, Metric


def metric(ident: str, label: str, unit: str, entity: str, kind: str = "count", **more) -> Metric:
    return Metric(
        id=ident, label=label, definition=f"{label}.", unit=unit, kind=kind,
        measure_type=more.pop("measure_type", "stock"), entity=entity, **more,
    )  # fmt: skip


METRICS = [
    metric("cn-internet-users", "Internet users in China", "Internet users", "China"),
    metric("cn-population", "Population of China", "people", "China"),
    metric(
        "cn-online-retail-sales",
        "Online retail sales in China",
        "online retail sales",
        "China",
        kind="money",
        currency="CNY",
        measure_type="flow",
        period_type="year_to_date",
    ),
    metric("jp-tablet-shipments", "Tablet shipments in Japan", "tablets", "Japan"),
    metric(
        "wic-attendees",
        "Attendees of the World Internet Conference",
        "attendees",
        "World Internet Conference",
    ),
]

TEXT = "The figure was 42 in the report."


def claim(**fields) -> Claim:
    base = {"id": "s-15", "source": "s", "quote": TEXT, "span": (15, 17), "value": 42.0,
            "kind": "count"}  # fmt: skip
    return Claim(**{**base, **fields})


USERS = {"unit": "Internet users", "subject": "Internet users in China"}


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        pytest.param({**USERS, "entity": "China"}, "cn-internet-users", id="same-words"),
        pytest.param({**USERS, "entity": "China's"}, "cn-internet-users", id="possessive"),
        pytest.param({**USERS, "entity": "Chinese"}, "cn-internet-users", id="demonym"),
        pytest.param({**USERS, "entity": "PRC"}, "cn-internet-users", id="prc"),
        pytest.param(
            {**USERS, "entity": "People's Republic of China"},
            "cn-internet-users",
            id="official-name",
        ),
        pytest.param(
            {"unit": "internet USERS", "entity": "China"},
            "cn-internet-users",
            id="unit-case-no-subject",
        ),
        pytest.param(
            {"unit": "Internet user", "subject": "Internet user in China", "entity": "China"},
            "cn-internet-users",
            id="singular",
        ),
        pytest.param(
            {"unit": "Chinese people", "subject": "Chinese people"},
            "cn-population",
            id="entity-from-unit",
        ),
        pytest.param({"unit": "people", "subject": "people"}, None, id="no-entity"),
        pytest.param({**USERS, "entity": "Japan"}, None, id="other-country"),
        pytest.param({**USERS, "entity": "China", "kind": "percent"}, None, id="other-kind"),
        pytest.param(
            {"unit": "users", "subject": "users in China", "entity": "China"}, None, id="other-unit"
        ),
        pytest.param(
            {**USERS, "subject": "Mobile Internet users in China", "entity": "China"},
            None,
            id="subject-says-more",
        ),
        pytest.param(
            {
                "kind": "money",
                "currency": "CNY",
                "unit": "online retail sales",
                "subject": "China's online retail sales",
                "entity": "China",
            },
            "cn-online-retail-sales",
            id="money",
        ),
        pytest.param(
            {"kind": "money", "currency": "USD", "unit": "online retail sales", "entity": "China"},
            None,
            id="other-currency",
        ),
        pytest.param(
            {
                "kind": "percent",
                "measure": "growth",
                "unit": "percent",
                "subject": "Internet users in China",
                "entity": "China",
            },
            "cn-internet-users",
            id="growth-of-a-count",
        ),
        pytest.param(
            {
                "kind": "percent",
                "measure": "growth",
                "unit": "percent",
                "subject": "percent in China",
                "entity": "China",
            },
            None,
            id="growth-of-nothing-named",
        ),
        pytest.param(
            {"unit": "tablets", "subject": "tablets in Japan", "entity": "Japanese"},
            "jp-tablet-shipments",
            id="japanese",
        ),
        pytest.param(
            {"unit": "attendees", "subject": "attendees", "entity": "World Internet Conference"},
            "wic-attendees",
            id="not-a-country",
        ),
    ],
)
def test_suggested_metric(fields: dict, expected: str | None) -> None:
    assert suggest_metric(claim(**fields), METRICS) == expected


def test_two_matching_metrics_give_no_suggestion() -> None:
    twin = metric("cn-netizens", "Internet users in China (another count)", "Internet users",
                  "PRC")  # fmt: skip
    assert suggest_metric(claim(**USERS, entity="China"), [*METRICS, twin]) is None


def test_only_candidates_without_a_metric_get_suggestions() -> None:
    found = [
        claim(id="s-1", **USERS, entity="China"),
        claim(id="s-2", **USERS, entity="China", status="approved"),
        claim(id="s-3", **USERS, entity="China", metric="cn-population"),
    ]
    assert suggestions(found, {m.id: m for m in METRICS}) == {"s-1": "cn-internet-users"}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("China", "CHN"),
        ("China's", "CHN"),
        ("China’s", "CHN"),
        ("Chinese", "CHN"),
        ("PRC", "CHN"),
        ("People's Republic of China", "CHN"),
        ("the People's Republic of China", "CHN"),
        ("the United States", "USA"),
        ("U.S.", "USA"),
        ("Britain", "GBR"),
        ("Japan’s", "JPN"),
        ("Hong Kong", "HKG"),
        ("World Internet Conference", "world internet conference"),
        ("  ", None),
        (None, None),
    ],
)
def test_entities_are_normalised(name: str | None, expected: str | None) -> None:
    assert normal_entity(name) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Users", "user"),
        ("websites", "website"),
        ("companies", "company"),
        ("boxes", "box"),
        ("people", "people"),
        ("yuan", "yuan"),
        ("business", "business"),
        ("status", "status"),
        ("news", "news"),
        ("GDP", "gdp"),
    ],
)
def test_plurals_fold(word: str, expected: str) -> None:
    assert fold(word) == expected


def test_with_suggestions_fills_only_matching_candidates() -> None:
    found = [claim(id="s-1", **USERS, entity="China"), claim(id="s-2", unit="apples")]
    filled = with_suggestions(found, {m.id: m for m in METRICS})
    assert [c.metric for c in filled] == ["cn-internet-users", None]
