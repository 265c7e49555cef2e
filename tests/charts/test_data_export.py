"""CSV and JSON of the filtered claims, with formula-like cells neutralised."""

from __future__ import annotations

import csv
import io
import json

import pytest

from analysis.filters import Filters, apply_filters
from dataset import load_dataset
from dataset.export import neutralise, to_csv, to_json
from tests.conftest import DATA


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+33 people", "'+33 people"),
        ("-3 percent", "'-3 percent"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=x", "'\t=x"),
        ("\tplain", "'\tplain"),
        ("\r=x", "'\r=x"),
        ("\rplain", "'\rplain"),
        ("\n=x", "'\n=x"),
        (" =1+1", "' =1+1"),
        ("   @SUM(A1)", "'   @SUM(A1)"),
        ("\u3000=1", "'\u3000=1"),
        ("\uff1d1+1", "'\uff1d1+1"),
        ("\uff0b33", "'\uff0b33"),
        ("\uff0d3", "'\uff0d3"),
        ("\uff20cmd", "'\uff20cmd"),
        ("\u200b=1", "'\u200b=1"),
        ("\u200d\u2060-2", "'\u200d\u2060-2"),
        ("\ufeff@x", "'\ufeff@x"),
        (" 670 million", " 670 million"),
        ("a = b", "a = b"),
        ("", ""),
        ("670 million", "670 million"),
        (-3.2, -3.2),
        (None, None),
    ],
)
def test_neutralise(cell: object, expected: object) -> None:
    assert neutralise(cell) == expected


@pytest.fixture
def hostile():
    ds = load_dataset(DATA)
    claims = ds.claims.copy()
    claims.loc[claims.index[0], "subject"] = '=HYPERLINK("http://evil","x")'
    claims.loc[claims.index[1], "note"] = "@cmd"
    claims.loc[claims.index[2], "value"] = -3.2
    return claims, ds.sources


def test_csv_is_neutralised_and_complete(hostile) -> None:
    claims, sources = hostile
    data = to_csv(claims, sources).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data)))
    assert len(rows) == len(claims)
    assert rows[0]["subject"] == '\'=HYPERLINK("http://evil","x")'
    assert rows[1]["note"] == "'@cmd"
    assert rows[2]["value"] == "-3.2"
    assert rows[0]["attribution"] == "China Daily, 2015-12-20"
    assert rows[0]["quote"] and rows[0]["start"].isdigit()
    for row in rows:
        for name, cell in row.items():
            if name not in ("value", "low", "high"):
                assert not cell.startswith(("=", "+", "-", "@")), (name, cell)


def test_json_matches_csv(hostile) -> None:
    claims, sources = hostile
    records = json.loads(to_json(claims, sources))
    assert len(records) == len(claims)
    assert records[0]["subject"].startswith("'=")
    assert records[2]["value"] == -3.2
    assert records[12]["equivalents"] == "455000000000 USD; 416000000000 EUR"


@pytest.mark.parametrize(
    ("filters", "column", "allowed"),
    [
        (Filters(categories=("events",)), "category", {"events"}),
        (Filters(kinds=("money", "percent")), "kind", {"money", "percent"}),
        (Filters(qualifiers=("more_than",)), "qualifier", {"more_than"}),
        (Filters(entities=("China",)), "entity", {"China"}),
        (Filters(statuses=("candidate",)), "status", {"candidate"}),
    ],
)
def test_filters(filters: Filters, column: str, allowed: set[str]) -> None:
    claims = load_dataset(DATA).claims
    kept = apply_filters(claims, filters)
    assert set(kept[column].astype("object")) <= allowed
    expected = claims[column].astype("object").isin(allowed) & claims["status"].astype(
        "object"
    ).isin(filters.statuses or ("candidate", "approved", "rejected"))
    assert len(kept) == int(expected.sum())


def test_json_is_strict_json_with_null_for_missing_numbers(hostile) -> None:
    claims, sources = hostile
    claims.loc[claims.index[3], "value"] = float("nan")

    def refuse(constant: str) -> None:
        raise ValueError(f"not JSON: {constant}")

    records = json.loads(to_json(claims, sources), parse_constant=refuse)
    assert records[3]["value"] is None
    assert all(r["low"] is None and r["high"] is None for r in records)
    assert b"NaN" not in to_json(claims, sources)


def test_every_row_carries_title_unit_currency_source_and_date(hostile) -> None:
    claims, sources = hostile
    title = "Internet users in China"
    for rows in (
        list(csv.DictReader(io.StringIO(to_csv(claims, sources, title).decode("utf-8-sig")))),
        json.loads(to_json(claims, sources, title)),
    ):
        first, money = rows[0], rows[12]
        assert first["title"] == title
        assert first["data_as_of"] == "2015-12-20"
        assert first["unit"] == "Internet users"
        assert first["attribution"] == "China Daily, 2015-12-20"
        assert first["source_title"] == "Cyberspace a frontier for global cooperation"
        assert money["currency"] == "CNY"
