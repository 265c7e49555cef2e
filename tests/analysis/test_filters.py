"""The filter widgets' lists: what a filter of many values lists, and what typed values name."""

from __future__ import annotations

import pytest

from analysis.filters import listed, not_among, resolve_link_values

ARTICLES = [f"wire-{i:04d}" for i in range(2_000)]


@pytest.mark.parametrize(
    ("values", "picked", "limit", "expected"),
    [
        (["a", "b"], [], 5, ["a", "b"]),  # few: every value listed
        (["a", "b", "c"], [], 2, ["a", "b"]),
        (["a", "b", "c"], ["c"], 2, ["a", "b", "c"]),  # a pick beyond the listed stays listed
        (["a", "b", "c"], ["a"], 2, ["a", "b"]),  # a pick among them: not twice
        (["a", "b", "c"], ["c", "c", "typed"], 1, ["a", "c", "typed"]),
        (ARTICLES, ["wire-1999"], 1_000, [*ARTICLES[:1_000], "wire-1999"]),
    ],
)
def test_a_filter_of_many_values_lists_the_first_and_the_picked(
    values: list[str], picked: list[str], limit: int, expected: list[str]
) -> None:
    assert listed(values, picked, limit) == expected


@pytest.mark.parametrize(
    ("given", "missed"),
    [
        ([], []),
        (["wire-0000", "wire-1999"], []),  # the first and the last
        (["wire-2000"], ["wire-2000"]),  # past the last
        (["wire-000"], ["wire-000"]),  # a prefix of one is not one
        (["WIRE-0001"], ["WIRE-0001"]),  # typed ids are exact
        (["", "aaa", "wire-0500"], ["", "aaa"]),  # before the first
    ],
)
def test_typed_values_not_in_the_data_are_found(given: list[str], missed: list[str]) -> None:
    assert not_among(ARTICLES, given) == missed


def test_a_link_names_an_option_by_label_or_id_in_any_case() -> None:
    labels = {"users": "Internet users", "economy": "Economy"}
    found, unknown = resolve_link_values(
        ["internet USERS", "economy", "Economy", "cars"], labels, labels.__getitem__
    )
    assert (found, unknown) == (["users", "economy"], ["cars"])
