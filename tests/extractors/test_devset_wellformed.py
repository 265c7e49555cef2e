"""The labelled development set and the regressions file are well formed.

This checks the labels' shape, not any extractor: every figure is quoted
exactly from its text, kinds and qualifiers are the project's, money has an
ISO currency, ranges hold their midpoint, and the set is big and varied
enough (groups, traps) to be worth benchmarking on.  Conventions:
tests/extractors/README.md.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path

import pytest

from tests.extractors.labelled import load_yaml

HERE = Path(__file__).resolve().parent
DEVSET_PATH = HERE / "devset.yaml"
REGRESSIONS_PATH = HERE / "regressions.yaml"
HELDOUT_PATH = HERE / "heldout.yaml"
NEWS_DEV_PATH = HERE / "news_dev.yaml"
NEWS_HELDOUT_PATH = HERE / "news_heldout.yaml"

GROUPS = (
    "digits-and-separators",
    "scale-words",
    "abbreviations",
    "number-words",
    "fractions-and-shares",
    "ranges",
    "signed-changes",
    "percent-forms",
    "percentage-points",
    "money-symbols",
    "money-words",
    "money-iso-codes",
    "money-conversions",
    "qualifiers",
    "durations",
    "traps-years-dates",
    "traps-names-with-digits",
    "traps-ordinals-and-plans",
    "traps-misc",
    "mixed",
)
KINDS = ("count", "money", "percent", "duration", "other")
QUALIFIERS = ("exact", "approximate", "more_than", "at_least", "less_than", "at_most", "range")
CURRENCIES = (
    "USD", "EUR", "GBP", "JPY", "CNY", "INR", "HKD", "AUD", "CAD", "CHF", "KRW", "BRL", "ZAR",
)  # fmt: skip
DURATION_UNITS = ("years", "months", "weeks", "days", "hours", "minutes")
QUALIFIER_WORDS = re.compile(
    r"^(about|around|roughly|some|approximately|nearly|almost|close to|an estimated|more than"
    r"|over|above|exceeding|in excess of|at least|less than|under|fewer than|below|up to"
    r"|at most|as many as|just|well)\b",
    re.IGNORECASE,
)

NEWS_GROUPS = (
    "news-currency-names",
    "news-currency-glued",
    "news-currency-spaced",
    "news-wire-scales",
    "news-ranges-lists",
    "news-number-words",
    "news-negatives",
    "news-sci-fractions",
    "news-changes-growth",
    "news-approximate-pence",
    "news-traps-dates-times",
    "news-traps-addresses-jerseys",
    "news-traps-names",
    "news-traps-number-words",
    "news-traps-urls",
    "news-mixed",
)
NEWS_KINDS = (*KINDS, "percentage_points", "basis_points")
MEASURES = ("level", "change", "growth")
ISO_4217 = (
    "AUD", "BRL", "CAD", "CHF", "CNY", "CZK", "DKK", "EGP", "EUR", "GBP", "HKD", "HUF", "ILS",
    "INR", "JPY", "KES", "KRW", "MXN", "MYR", "NGN", "NOK", "NZD", "PHP", "PKR", "PLN", "RUB",
    "SAR", "SEK", "SGD", "THB", "TRY", "TWD", "USD", "VND", "ZAR",
)  # fmt: skip
"""The codes the news sets use, written out (ISO 4217), not read from the extractor."""

ITEM_KEYS = {"id", "group", "domain", "text", "claims"}
REGRESSION_KEYS = ITEM_KEYS | {"origin", "note"}
CLAIM_KEYS = {
    "figure", "value", "kind", "qualifier", "currency", "unit", "low", "high", "change",
    "equivalents",
}  # fmt: skip
EQUIVALENT_KEYS = {"figure", "value", "currency"}
MIN_ITEMS = 150
MIN_TRAPS = 40
MIN_PER_GROUP = 8


def _load(path: Path) -> list[dict]:
    items = load_yaml(path)
    assert isinstance(items, list), f"{path.name}: expected a top-level list"
    return items


DEVSET = _load(DEVSET_PATH)
NEWS_DEV = _load(NEWS_DEV_PATH)
NEWS_HELDOUT = _load(NEWS_HELDOUT_PATH)
REGRESSIONS = _load(REGRESSIONS_PATH)
HELDOUT = _load(HELDOUT_PATH)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _is_trap(item: dict) -> bool:
    return item["claims"] == [] or item["group"].startswith("traps-")


def _check_item(item: dict, allowed_keys: set[str]) -> None:
    assert isinstance(item, dict), item
    assert set(item) <= allowed_keys, f"unknown keys {set(item) - allowed_keys}"
    assert set(item) >= ITEM_KEYS, f"missing keys {ITEM_KEYS - set(item)}"
    assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*-\d{3}", item["id"]), item["id"]
    assert item["group"] in GROUPS, item["group"]
    assert isinstance(item["domain"], str), item["domain"]
    assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", item["domain"]), item["domain"]
    text = item["text"]
    assert isinstance(text, str) and text, "text must be a non-empty string"
    assert text == text.strip() and "\n" not in text, "text: one line, no outer blanks"
    assert isinstance(item["claims"], list), "claims must be a list ([] for a trap)"
    for claim in item["claims"]:
        _check_claim(claim, text)


def _check_claim(claim: dict, text: str) -> None:
    assert isinstance(claim, dict), claim
    assert set(claim) <= CLAIM_KEYS, f"unknown claim keys {set(claim) - CLAIM_KEYS}"
    figure = claim.get("figure")
    assert isinstance(figure, str) and figure, f"figure must be a quoted string: {figure!r}"
    assert figure in text, f"figure {figure!r} is not a substring of the text"
    assert figure == figure.strip(), f"figure {figure!r} has outer blanks"
    assert not QUALIFIER_WORDS.match(figure), f"figure {figure!r} includes a qualifier word"
    assert _is_number(claim.get("value")), f"{figure!r}: value must be a finite number"
    assert claim.get("kind") in KINDS, f"{figure!r}: kind {claim.get('kind')!r}"
    assert claim.get("qualifier") in QUALIFIERS, f"{figure!r}: qualifier {claim.get('qualifier')!r}"
    unit = claim.get("unit")
    assert unit is None or (isinstance(unit, str) and unit), f"{figure!r}: unit {unit!r}"
    assert isinstance(claim.get("change", False), bool), f"{figure!r}: change must be a bool"

    if claim["kind"] == "money":
        currency = claim.get("currency")
        assert currency in CURRENCIES, f"{figure!r}: currency {currency!r}"
    else:
        assert claim.get("currency") is None, f"{figure!r}: currency is for money claims only"
    if claim["kind"] == "duration":
        assert unit in DURATION_UNITS, f"{figure!r}: a duration needs a unit in {DURATION_UNITS}"

    if claim["qualifier"] == "range":
        low, high, value = claim.get("low"), claim.get("high"), claim["value"]
        assert _is_number(low) and _is_number(high), f"{figure!r}: a range needs low and high"
        assert low <= value <= high, f"{figure!r}: value {value} not in [{low}, {high}]"
        assert math.isclose(value, (low + high) / 2, rel_tol=1e-9), f"{figure!r}: not midpoint"
    else:
        assert "low" not in claim and "high" not in claim, f"{figure!r}: low/high without range"

    equivalents = claim.get("equivalents", [])
    assert isinstance(equivalents, list), f"{figure!r}: equivalents must be a list"
    if equivalents:
        assert claim["kind"] == "money", f"{figure!r}: equivalents are for money claims only"
    for equivalent in equivalents:
        assert set(equivalent) == EQUIVALENT_KEYS, f"equivalent keys {set(equivalent)}"
        assert isinstance(equivalent["figure"], str), equivalent
        assert equivalent["figure"] in text, f"equivalent {equivalent['figure']!r} not in text"
        assert _is_number(equivalent["value"]), equivalent
        assert equivalent["currency"] in CURRENCIES, equivalent


@pytest.mark.parametrize("item", DEVSET, ids=[str(item.get("id")) for item in DEVSET])
def test_devset_item_is_well_formed(item: dict) -> None:
    _check_item(item, ITEM_KEYS)


@pytest.mark.parametrize("item", REGRESSIONS, ids=[str(item.get("id")) for item in REGRESSIONS])
def test_regression_item_is_well_formed(item: dict) -> None:
    _check_item(item, REGRESSION_KEYS)
    assert isinstance(item.get("origin"), str) and item["origin"], "a regression needs an origin"


@pytest.mark.parametrize("item", HELDOUT, ids=[str(item.get("id")) for item in HELDOUT])
def test_heldout_item_is_well_formed(item: dict) -> None:
    _check_item(item, ITEM_KEYS)


def test_ids_are_unique() -> None:
    ids = [item["id"] for item in DEVSET + REGRESSIONS + HELDOUT]
    duplicates = sorted(i for i, n in Counter(ids).items() if n > 1)
    assert not duplicates, f"duplicate ids: {duplicates}"


def test_texts_are_unique() -> None:
    texts = [item["text"] for item in DEVSET + HELDOUT]
    duplicates = sorted(t for t, n in Counter(texts).items() if n > 1)
    assert not duplicates, f"duplicate texts: {duplicates}"


def test_devset_is_big_and_varied() -> None:
    assert len(DEVSET) >= MIN_ITEMS
    traps = [item for item in DEVSET if _is_trap(item)]
    assert len(traps) >= MIN_TRAPS, f"only {len(traps)} trap items"
    per_group = Counter(item["group"] for item in DEVSET)
    thin = {group: per_group[group] for group in GROUPS if per_group[group] < MIN_PER_GROUP}
    assert not thin, f"groups with fewer than {MIN_PER_GROUP} items: {thin}"
    kinds = Counter(claim["kind"] for item in DEVSET for claim in item["claims"])
    assert set(kinds) == set(KINDS), f"kinds not covered: {set(KINDS) - set(kinds)}"
    qualifiers = Counter(claim["qualifier"] for item in DEVSET for claim in item["claims"])
    assert set(qualifiers) == set(QUALIFIERS), f"uncovered: {set(QUALIFIERS) - set(qualifiers)}"
    currencies = {claim.get("currency") for item in DEVSET for claim in item["claims"]}
    assert set(CURRENCIES) <= currencies, f"currencies not covered: {set(CURRENCIES) - currencies}"


def test_ids_carry_their_group_prefix() -> None:
    """All items of a group share one id prefix, and no two groups share one."""
    prefixes: dict[str, set[str]] = {}
    for item in DEVSET:
        prefixes.setdefault(item["group"], set()).add(item["id"].rsplit("-", 1)[0])
    mixed = {group: sorted(p) for group, p in prefixes.items() if len(p) != 1}
    assert not mixed, f"groups with several id prefixes: {mixed}"
    owners = Counter(next(iter(p)) for p in prefixes.values())
    assert all(n == 1 for n in owners.values()), f"prefix shared by groups: {owners}"


def _check_news_item(item: dict) -> None:
    """A news-set item: the dev-set shape, with the schema's kinds, any ISO code and a measure."""
    assert set(item) == ITEM_KEYS, f"keys {set(item)}"
    assert re.fullmatch(rf"{item['group']}-\d{{3}}", item["id"]), item["id"]
    assert item["group"] in NEWS_GROUPS, item["group"]
    text = item["text"]
    assert isinstance(text, str) and text == text.strip() and "\n" not in text
    for claim in item["claims"]:
        figure = claim["figure"]
        assert set(claim) <= (CLAIM_KEYS | {"measure"}) - {"change"}, set(claim)
        assert isinstance(figure, str) and figure in text and figure == figure.strip(), figure
        assert not QUALIFIER_WORDS.match(figure), f"figure {figure!r} includes a qualifier word"
        assert _is_number(claim["value"]), figure
        assert claim["kind"] in NEWS_KINDS, f"{figure!r}: kind {claim['kind']!r}"
        assert claim["qualifier"] in QUALIFIERS, f"{figure!r}: {claim['qualifier']!r}"
        assert claim["measure"] in MEASURES, f"{figure!r}: measure {claim['measure']!r}"
        if claim["measure"] == "growth":
            assert claim["kind"] == "percent", f"{figure!r}: growth is a percent change"
        if claim["kind"] == "money":
            assert claim.get("currency") in ISO_4217, f"{figure!r}: {claim.get('currency')!r}"
        else:
            assert "currency" not in claim, f"{figure!r}: currency is for money only"
        if claim["qualifier"] == "range":
            low, high = claim["low"], claim["high"]
            assert math.isclose(claim["value"], (low + high) / 2, rel_tol=1e-9), figure
        else:
            assert "low" not in claim and "high" not in claim, figure
        for equivalent in claim.get("equivalents", []):
            assert set(equivalent) == EQUIVALENT_KEYS and equivalent["figure"] in text
            assert equivalent["currency"] in ISO_4217, equivalent


NEWS = NEWS_DEV + NEWS_HELDOUT


@pytest.mark.parametrize("item", NEWS, ids=[str(item.get("id")) for item in NEWS])
def test_news_item_is_well_formed(item: dict) -> None:
    _check_news_item(item)


def test_news_sets_are_split_every_fourth_item() -> None:
    """The split rule, fixed before tuning: item 004, 008, ... of each group is held out."""
    assert all(int(item["id"][-3:]) % 4 != 0 for item in NEWS_DEV)
    assert all(int(item["id"][-3:]) % 4 == 0 for item in NEWS_HELDOUT)
    assert len(NEWS) >= 300
    assert {item["group"] for item in NEWS_HELDOUT} == set(NEWS_GROUPS)
    ids = [item["id"] for item in NEWS + DEVSET + HELDOUT]
    assert len(ids) == len(set(ids))
