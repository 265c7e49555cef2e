"""The Data Package validates with frictionless and holds what was asked for."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import frictionless
import pytest

from curation.writes import set_status
from dataset import load_models
from dataset.datapackage import package_files, package_zip, write_package
from tests.conftest import SEED_ID
from tests.curation.helpers import add_phones


def rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [(("approved",), {"approved"}), (("approved", "candidate"), {"approved", "candidate"})],
)
def test_the_package_validates_and_holds_the_statuses_asked_for(
    data_copy: Path, tmp_path: Path, statuses, expected
) -> None:
    ident, _ = add_phones(data_copy)
    write_package(data_copy, tmp_path, statuses)
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    claims = rows((tmp_path / "claims.csv").read_bytes())
    assert {r["status"] for r in claims} == expected
    sources = {r["id"] for r in rows((tmp_path / "sources.csv").read_bytes())}
    assert sources == {r["source"] for r in claims}
    assert (ident in sources) == ("candidate" in statuses)


def test_values_survive_the_csv(data_copy: Path) -> None:
    models, _ = load_models(data_copy)
    claims = {r["id"]: r for r in rows(package_files(models)["claims.csv"])}
    for claim in models.claims[SEED_ID]:
        row = claims[claim.id]
        assert float(row["value"]) == claim.value
        assert (int(row["start"]), int(row["end"])) == claim.span
        assert row["quote"] == claim.quote
        assert [e["value"] for e in json.loads(row["equivalents"] or "[]")] == [
            e.value for e in claim.equivalents
        ]


def test_a_rejected_claim_leaves_the_package(data_copy: Path) -> None:
    first = load_models(data_copy)[0].claims[SEED_ID][0].id
    set_status(data_copy, [first], "rejected")
    ids = {r["id"] for r in rows(package_files(load_models(data_copy)[0])["claims.csv"])}
    assert first not in ids and len(ids) == 14


def test_the_descriptor_has_schemas_sources_and_a_licence_note(data_copy: Path) -> None:
    files = package_files(load_models(data_copy)[0])
    descriptor = json.loads(files["datapackage.json"])
    assert descriptor["licenses"] and "copyright" in descriptor["description"]
    assert [s["title"] for s in descriptor["sources"]] == [
        "China Daily, 2015-12-20: Cyberspace a frontier for global cooperation"
    ]
    resources = {r["name"]: r for r in descriptor["resources"]}
    fields = [f["name"] for f in resources["claims"]["schema"]["fields"]]
    assert fields[:3] == ["id", "source", "status"] and "value" in fields
    assert resources["claims"]["schema"]["foreignKeys"][0]["reference"]["resource"] == "sources"


def test_the_zip_holds_the_same_files(data_copy: Path) -> None:
    models = load_models(data_copy)[0]
    archive = zipfile.ZipFile(io.BytesIO(package_zip(models)))
    assert {n: archive.read(n) for n in archive.namelist()} == package_files(models)
