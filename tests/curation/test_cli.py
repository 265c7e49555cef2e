"""The command-line flow, end to end, on the smartphone report (another domain than the seed)."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import frictionless
import pytest

from dataset import load_models
from tests.conftest import ROOT, run_cli
from tests.curation.helpers import PHONES, TABLETS

ADD = [
    PHONES,
    "--title", "Smartphone shipments rebound as prices climb",
    "--published", "2025-01-20",
    "--publisher", "Tech Ledger",
    "--authors", "Ann Lee; Bo Chen",
    "--url", "https://tech-ledger.example/phones-2024",
]  # fmt: skip
PHONES_ID = "tech-ledger-2025-01-20-smartphone-shipments-rebound-as"


def run(data: Path, *args: object) -> subprocess.CompletedProcess:
    """``python -m *args`` on the dataset ``data``, in-process (tests/conftest.py: run_cli)."""
    package, *rest = args
    return run_cli(str(package), *rest, env={"NEWS_STATS_DATA": str(data)}, text=True)


def test_add_review_approve_reject_export(data_copy: Path, tmp_path: Path) -> None:
    added = run(data_copy, "extractors", "add", *ADD)
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == PHONES_ID
    assert (data_copy / "sources" / f"{PHONES_ID}.txt").read_bytes() == PHONES.read_bytes()

    again = run(data_copy, "extractors", "add", *ADD)
    assert again.returncode == 1
    assert f"already in the dataset as '{PHONES_ID}'" in again.stderr

    review = run(data_copy, "dataset", "review", PHONES_ID)
    assert review.returncode == 0, review.stderr
    rows = [line.split("\t") for line in review.stdout.splitlines()]
    text = PHONES.read_text(encoding="utf-8")
    assert len(rows) >= 8
    assert all(status == "candidate" for _, status, _, _ in rows)
    assert all(figure in quote and figure in text for _, _, figure, quote in rows)
    figures = {figure: ident for ident, _, figure, _ in rows}
    # Several currencies and percentages: pick by what is written, not by position.
    money = [f for f in figures if any(w in f for w in ("rupees", "euros", "yuan"))]
    percents = [f for f in figures if f.endswith("percent")]
    assert money and len(percents) >= 2, figures
    approve = [figures[money[0]], figures[percents[0]]]
    reject = [figures[percents[1]]]

    assert run(data_copy, "dataset", "approve", *approve).returncode == 0
    assert run(data_copy, "dataset", "reject", *reject).returncode == 0
    unknown = run(data_copy, "dataset", "approve", f"{PHONES_ID}-999999")
    assert unknown.returncode == 1 and "no claim" in unknown.stderr
    escape = run(data_copy, "dataset", "review", "../../etc")
    assert escape.returncode == 2 and "not a slug" in escape.stderr

    assert run(data_copy, "dataset", "validate").returncode == 0
    models, _ = load_models(data_copy)
    status = {c.id: c.status for c in models.claims[PHONES_ID]}
    assert [status[i] for i in approve + reject] == ["approved", "approved", "rejected"]

    out = tmp_path / "package"
    exported = run(data_copy, "dataset", "export", "--format", "datapackage", out)
    assert exported.returncode == 0, exported.stderr
    assert frictionless.validate(out / "datapackage.json").valid
    with (out / "claims.csv").open(encoding="utf-8") as handle:
        ids = {row["id"] for row in csv.DictReader(handle)}
    assert set(approve) <= ids and not set(reject) & ids
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert any("Tech Ledger" in s["title"] for s in descriptor["sources"])


def test_add_html_takes_title_date_and_publisher_from_the_page(data_copy: Path) -> None:
    added = run(data_copy, "extractors", "add", TABLETS)
    assert added.returncode == 0, added.stderr
    ident = added.stdout.strip()
    assert ident == "gadget-ledger-2025-02-10-tablet-sales-hold-steady"
    models, problems = load_models(data_copy)
    assert problems == []
    assert models.sources[ident].authors == ["Mira Okafor"]
    assert "<" not in models.texts[ident].replace("<b>Not bold</b>", "")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["missing.txt", "--title", "t", "--published", "2025-01-01", "--publisher", "p"],
         "missing.txt"),
        ([PHONES, "--published", "2025-01-01"], "give --title, --publisher"),
        ([PHONES, "--title", "t", "--published", "2025-01-01", "--publisher", "p",
          "--url", "javascript:alert(1)"], "url"),
    ],
)  # fmt: skip
def test_add_refuses_with_a_reason(data_copy: Path, args, says) -> None:
    result = run(data_copy, "extractors", "add", *args)
    assert result.returncode == 1
    assert says in result.stderr
    assert sorted(p.name for p in (data_copy / "sources").iterdir()) == sorted(
        p.name for p in (ROOT / "data" / "sources").iterdir()
    )


SUGGESTED = [
    (
        "China had 731 million Internet users at the end of 2016, the centre said.",
        {731_000_000.0: "cn-internet-users"},
    ),
    (
        "A bakery chain in Hangzhou opened 12 new shops, and India had 450 million Internet users.",
        {12.0: None, 450_000_000.0: None},
    ),
    ("Chinese shoppers spent 5.16 trillion yuan online in 2016.", {5.16e12: None}),
]
"""Sentences written for this test: the first matches exactly one bundled metric; the
others match none (another entity; online spending is not the metric's retail sales
without its unit)."""


@pytest.mark.parametrize(("text", "expected"), SUGGESTED)
def test_add_suggests_a_metric_only_where_exactly_one_matches(
    data_copy: Path, tmp_path: Path, text: str, expected: dict[float, str | None]
) -> None:
    article = tmp_path / "story.txt"
    article.write_text(f"Web economy notes\n\n{text}\n", encoding="utf-8")
    added = run(data_copy, "extractors", "add", article, "--title", "Web economy notes",
                "--published", "2017-01-22", "--publisher", "Test Wire")  # fmt: skip
    assert added.returncode == 0, added.stderr
    suggested = sum(m is not None for m in expected.values())
    assert f"{suggested} with a suggested metric" in added.stderr
    models, _ = load_models(data_copy)
    claims = models.claims[added.stdout.strip()]
    assert {c.value: c.metric for c in claims} == expected
    assert all(c.status == "candidate" for c in claims)
