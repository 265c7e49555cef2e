"""Bad input: every problem names file, line and field, and nothing is executed.

Each case edits one file of a copy of the seed dataset and says where the
problem must be reported: the line is the first line containing ``at``
in the edited file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dataset import load_dataset
from tests.conftest import SEED_ID

CLAIMS = f"claims/{SEED_ID}.yaml"
SOURCE = f"sources/{SEED_ID}.yaml"
FIRST_ID = f"id: {SEED_ID}-internet-users"
PWNED = Path("/tmp/news-stats-pwned")

# name, file, old text, new text, line marker, field, words of the message
CASES = [
    (
        "yaml-syntax",
        CLAIMS,
        "span: [895, 906]",
        "span: [895, 906",
        "value: 670000000.0",
        "(yaml)",
        "expected ','",
    ),
    (
        "unknown-field",
        CLAIMS,
        "  kind: count\n",
        "  kind: count\n  knid: count\n",
        "knid:",
        "knid",
        "unknown field",
    ),
    (
        "wrong-type",
        CLAIMS,
        "value: 670000000.0",
        "value: lots",
        "value: lots",
        "value",
        "must be a number, written without quotes (like 670000000.0), got 'lots'",
    ),
    (
        "quoted-number",
        CLAIMS,
        "value: 670000000.0",
        "value: '670000000'",
        "value: '670",
        "value",
        "must be a number",
    ),
    (
        "bad-enum",
        CLAIMS,
        "qualifier: exact",
        "qualifier: roughly",
        "qualifier: roughly",
        "qualifier",
        "must be one of 'exact', 'approximate'",
    ),
    ("missing-field", CLAIMS, "  kind: count\n", "", FIRST_ID, "kind", "required field is missing"),
    (
        "duplicate-id",
        CLAIMS,
        f"{SEED_ID}-global-share-of-internet-users",
        f"{SEED_ID}-internet-users",
        "LAST:wuzhen-summit-internet-users\n",
        "id",
        "duplicate id",
    ),
    (
        "dangling-source",
        CLAIMS,
        f"  source: {SEED_ID}\n  status: approved\n  quote: China connected",
        "  source: nowhere\n  status: approved\n  quote: China connected",
        "source: nowhere",
        "source",
        "expected",
    ),
    (
        "dangling-category",
        CLAIMS,
        "category: users",
        "category: netizens",
        "category: netizens",
        "category",
        "unknown category 'netizens'",
    ),
    (
        "span-out-of-range",
        CLAIMS,
        "span: [895, 906]",
        "span: [895, 99999]",
        "span: [895, 99999]",
        "span",
        "outside the text",
    ),
    (
        "span-not-a-figure",
        CLAIMS,
        "span: [895, 906]",
        "span: [907, 915]",
        "span: [907, 915]",
        "span",
        "not a figure",
    ),
    (
        "span-not-in-quote",
        CLAIMS,
        "span: [895, 906]",
        "span: [1, 3]",
        "span: [1, 3]",
        "span",
        "not a figure",
    ),
    (
        "span-reversed",
        CLAIMS,
        "span: [895, 906]",
        "span: [906, 895]",
        "span: [906, 895]",
        "span",
        "0 <= start < end",
    ),
    (
        "money-without-currency",
        CLAIMS,
        "currency: CNY\n  qualifier: exact",
        "currency: null  # removed\n  qualifier: exact",
        "# removed",
        "currency",
        "needs a currency",
    ),
    (
        "python-tag",
        CLAIMS,
        "- id: " + SEED_ID + "-internet-users",
        f"- !!python/object/apply:os.system ['touch {PWNED}']\n- id: {SEED_ID}-internet-users",
        "!!python",
        "(yaml)",
        "not allowed",
    ),
    ("empty-file", CLAIMS, None, "", None, "(file)", "empty"),
    ("not-a-list", CLAIMS, None, "id: x\n", "id: x", "(file)", "expected a list of claims"),
    (
        "duplicate-key",
        CLAIMS,
        "  kind: count\n",
        "  kind: count\n  kind: money\n",
        "kind: money",
        "kind",
        "key given twice",
    ),
    (
        "source-bad-date",
        SOURCE,
        "published: 2015-12-20",
        "published: someday",
        "published:",
        "published",
        "must be a date like 2015-12-20, got 'someday'",
    ),
    (
        "source-bad-url",
        SOURCE,
        "url: null",
        "url: javascript:alert(1)",
        "url:",
        "url",
        "http(s) URL",
    ),
    (
        "source-id-not-slug",
        SOURCE,
        f"id: {SEED_ID}",
        "id: ../../etc/passwd",
        "id: ..",
        "id",
        "must be lower-case letters, digits and single hyphens",
    ),
]


def _edit(root: Path, file: str, old: str | None, new: str) -> str:
    path = root / file
    text = path.read_text(encoding="utf-8")
    if old is None:
        text = new
    else:
        assert old in text, f"case edits text that is not there: {old!r}"
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


@pytest.mark.parametrize(
    ("file", "old", "new", "at", "field", "words"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_problem_is_reported_at_file_line_field(data_copy, file, old, new, at, field, words):
    PWNED.unlink(missing_ok=True)
    text = _edit(data_copy, file, old, new)
    if at is None:
        line = 1
    else:  # "LAST:" marks a text that occurs twice, the problem being at the second
        find = text.rindex if at.startswith("LAST:") else text.index
        line = text[: find(at.removeprefix("LAST:"))].count("\n") + 1
    problems = load_dataset(data_copy).problems
    expected_file = f"data/{file}"
    matching = [
        p for p in problems if p.file == expected_file and p.line == line and field in p.field
    ]
    assert matching, (
        f"no problem at {expected_file}:{line} {field}; got {[str(p) for p in problems]}"
    )
    assert any(words in p.message for p in matching), [str(p) for p in matching]
    assert not PWNED.exists(), "a YAML tag executed code"


def test_non_utf8_file_names_the_line(data_copy):
    path = data_copy / CLAIMS
    raw = path.read_bytes().replace(b"Internet users in China", b"Internet users in Ch\xefna", 1)
    path.write_bytes(raw)
    line = raw[: raw.index(b"\xef")].count(b"\n") + 1
    [problem] = load_dataset(data_copy).problems
    assert (problem.file, problem.line, problem.field) == (f"data/{CLAIMS}", line, "(file)")
    assert "not UTF-8" in problem.message


def test_all_problems_reported_and_good_claims_still_load(data_copy):
    text = _edit(data_copy, CLAIMS, "value: 670000000.0", "value: lots")
    text = _edit(data_copy, CLAIMS, "category: infrastructure", "category: nowhere")
    dataset = load_dataset(data_copy)
    assert {p.field for p in dataset.problems} == {"value", "category"}
    assert len(dataset.claims) == 13
    assert text  # the edits happened


def test_bad_claims_file_does_not_hide_other_sources(data_copy):
    (data_copy / "claims" / "other.yaml").write_text("- [unclosed\n", encoding="utf-8")
    dataset = load_dataset(data_copy)
    assert [p.file for p in dataset.problems] == ["data/claims/other.yaml"]
    assert len(dataset.claims) == 15


def test_missing_text_is_a_problem_not_a_crash(data_copy):
    (data_copy / "sources" / f"{SEED_ID}.txt").unlink()
    dataset = load_dataset(data_copy)
    assert any("is missing" in p.message for p in dataset.problems)
    assert len(dataset.claims) == 0
    assert any("no source" in p.message for p in dataset.problems)
