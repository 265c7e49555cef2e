"""``python -m dataset edit`` / ``metric new`` / ``approve``, in process through main(argv).

Each case says what the YAML on disk holds afterwards; the sentences of the
small article below are written for these tests.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from curation.writes import add_source, claims_path, read_claims
from dataset import load_models
from dataset.__main__ import main
from dataset.paths import ENV_VAR
from dataset.schema import Claim, Source
from tests.conftest import SEED_ID

USERS = f"{SEED_ID}-internet-users"
SOURCE = "zed-wire-2024-03-01-shoppers"
TEXT = (
    "Online shoppers in China rose 7.8 percent in 2023. "
    "Mobile payment users in China reached 943 million by December.\n"
)


def _claim(ident: str, written: str, **fields) -> Claim:
    start = TEXT.index(written)
    sentence = TEXT.split(". ")[0] + "." if start < 50 else TEXT.split(". ")[1].strip()
    return Claim(id=f"{SOURCE}-{ident}", source=SOURCE, quote=sentence,
                 span=(start, start + len(written)), **fields)  # fmt: skip


@pytest.fixture
def root(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seed and one article of ours whose extractor-style subjects are raw labels."""
    monkeypatch.setenv(ENV_VAR, str(data_copy))
    source = Source(id=SOURCE, title="Shoppers", publisher="Zed Wire",
                    published=dt.date(2024, 3, 1))  # fmt: skip
    claims = [
        _claim("growth", "7.8 percent", value=7.8, kind="percent", unit="percent",
               subject="percent", entity="China", measure="growth", category="e-commerce"),
        _claim("share", "7.8 percent", value=7.8, kind="percent", unit="percent",
               subject="percent in China", entity="China", measure="growth",
               category="e-commerce"),
        _claim("payers", "943 million", value=943e6, kind="count", unit="mobile payment users",
               subject=None, entity="China", category="users"),
    ]  # fmt: skip
    assert add_source(data_copy, source, TEXT, claims) == (SOURCE, [])
    return data_copy


def claim(root: Path, ident: str) -> Claim:
    models, problems = load_models(root)
    assert problems == []
    return next(c for cs in models.claims.values() for c in cs if c.id == ident)


@pytest.mark.parametrize(
    ("assignments", "expected"),
    [
        # (the value stays what its span says: "670 million" can't be saved as 6.1)
        (["kind=percent", "unit=percent", "measure=growth", "metric=cn-internet-users",
          "value=670000000", "period.as_of=2015-12"],
         {"kind": "percent", "measure": "growth", "metric": "cn-internet-users", "value": 670e6,
          "period": {"as_of": "2015-12", "start": None, "end": None}}),
        (["period=2015-01 to 2015-10"], {"period": {"as_of": None, "start": "2015-01",
                                                     "end": "2015-10"}}),
        (["period.end=2015-11"], {"period": {"as_of": None, "start": None, "end": "2015-11"}}),
        (["kind=money", "currency=cny", "metric=", "value=670,000,000"],
         {"kind": "money", "currency": "CNY", "metric": None, "value": 670e6}),
        (["kind=percent", "metric=", "measure=change", "base_period=2014"],
         {"measure": "change", "base_period": {"as_of": "2014", "start": None, "end": None}}),
        (["qualifier=range", "low=660000000", "high=680000000"],
         {"qualifier": "range", "low": 660e6, "high": 680e6}),
        (["subject=Netizens in China", "entity=PRC", "category=population", "status=rejected"],
         {"subject": "Netizens in China", "entity": "PRC", "category": "population",
          "status": "rejected"}),
        (["note=Checked against CNNIC", "attributed_to=CNNIC"],
         {"note": "Checked against CNNIC", "attributed_to": "CNNIC"}),
    ],
)  # fmt: skip
def test_edit_writes_the_fields(root: Path, capsys, assignments, expected) -> None:
    assert main(["edit", USERS, *assignments]) == 0, capsys.readouterr().err
    saved = claim(root, USERS).model_dump(mode="python")
    assert {k: saved[k] for k in expected} == expected
    assert capsys.readouterr().out.startswith(f"edited: {USERS}")


@pytest.mark.parametrize(
    ("assignments", "says"),
    [
        (["kind=percent"], "metric cn-internet-users holds count figures"),
        (["period.as_of=2015-13"], "period.as_of"),
        (["value=lots"], "value: expected a number, got 'lots'"),
        (["value=6.1"], "span: text[895:906] reads '670 million', which is not 6.1"),
        (["colour=red"], "colour: not a field you can edit"),
        (["metric=no-such-metric"], "unknown metric 'no-such-metric'"),
        (["kind=money"], "currency"),
        (["measure=growth"], "growth is a percent change"),
        (["span=1"], "span: not a field you can edit"),
        (["kind"], "expected field=value"),
    ],
)
def test_an_invalid_edit_is_refused_in_one_line_and_nothing_written(
    root: Path, capsys, assignments, says
) -> None:
    path = claims_path(root, SEED_ID)
    before = path.read_bytes()
    assert main(["edit", USERS, *assignments]) == 2
    err = capsys.readouterr().err
    assert says in err
    assert err.count("\n") == 1 and err.startswith("error: ") and "Traceback" not in err
    assert path.read_bytes() == before


def test_edit_of_an_unknown_claim_is_refused(root: Path, capsys) -> None:
    assert main(["edit", f"{SEED_ID}-nope", "unit=users"]) == 2
    assert "no claim" in capsys.readouterr().err


def test_metric_new_from_a_claim_adds_it_and_sets_the_claim(root: Path, capsys) -> None:
    before = (root / "metrics.yaml").read_text(encoding="utf-8")
    payers = f"{SOURCE}-payers"
    code = main(["metric", "new", "--from", payers, "--id", "cn-mobile-payment-users",
                 "--measure-type", "stock"])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    after = (root / "metrics.yaml").read_text(encoding="utf-8")
    assert after.startswith(before), "the existing entries and comments stay as they were"
    models, problems = load_models(root)
    assert problems == []
    made = models.metrics["cn-mobile-payment-users"].model_dump()
    assert made == {
        "id": "cn-mobile-payment-users",
        "label": "Mobile payment users in China",
        "definition": f"Mobile payment users in China, as first reported in claim {payers}.",
        "unit": "mobile payment users",
        "kind": "count",
        "currency": None,
        "measure_type": "stock",
        "period_type": None,
        "entity": "China",
        "category": "users",
    }
    assert claim(root, payers).metric == "cn-mobile-payment-users"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--id", "cn-internet-users", "--measure-type", "stock"], "exists already"),
        (["--id", "Not A Slug", "--measure-type", "stock"], "id"),
        (["--id", "cn-payers", "--measure-type", "share"], "a share is in percent"),
        (["--id", "cn-payers", "--measure-type", "flow"], "period_type"),
    ],
)
def test_metric_new_refuses_with_a_reason(root: Path, capsys, args, says) -> None:
    before = (root / "metrics.yaml").read_bytes()
    assert main(["metric", "new", "--from", f"{SOURCE}-payers", *args]) == 2
    assert says in capsys.readouterr().err
    assert (root / "metrics.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("ident", "metric", "expected"),
    [
        ("growth", None, "Percent in China"),
        ("payers", None, "Mobile payment users in China"),
        ("growth", "cn-internet-users", "Internet users in China"),
        ("share", "cn-internet-users", "Internet users in China"),
        ("share", None, "Percent in China"),
    ],
)
def test_approving_gives_a_raw_subject_a_readable_one(root, capsys, ident, metric, expected):
    claim_id = f"{SOURCE}-{ident}"
    if metric:
        assert main(["edit", claim_id, f"metric={metric}"]) == 0
    assert main(["approve", claim_id]) == 0, capsys.readouterr().err
    assert claim(root, claim_id).subject == expected


def test_approving_keeps_a_subject_a_person_wrote(root: Path) -> None:
    before = {c.id: c.subject for c in read_claims(root, SEED_ID).claims}
    assert main(["approve", USERS]) == 0
    assert claim(root, USERS).subject == before[USERS] == "Internet users in China"
