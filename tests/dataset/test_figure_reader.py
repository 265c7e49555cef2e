"""What a claim's span may say: ``looks_like_figure`` and ``read_figure`` on written forms.

The loader refuses a claim whose span does not read as its value (a drifted
span); these are the forms news writes figures in, and look-alikes that are not.
"""

from __future__ import annotations

import pytest

from dataset.validate import check_span, looks_like_figure, read_figure


@pytest.mark.parametrize(
    ("written", "figure"),
    [
        ("670 million", True),
        ("eight", True),
        ("a dozen", True),
        ("two-thirds", True),
        ("sixfold", True),
        ("Tenfold", True),
        ("twentyfold", True),
        ("3-fold", True),
        ("½", True),
        ("¾", True),
        ("double", True),
        ("websites", False),
        ("foldable", False),
        ("unfold", False),
        ("manifold", False),
        ("", False),
        (" 5", False),
    ],
)
def test_looks_like_figure(written: str, figure: bool) -> None:
    assert looks_like_figure(written) is figure


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("sixfold", 6.0),
        ("tenfold", 10.0),
        ("a twelvefold rise", 12.0),
        ("670 million", 670e6),
        ("two-thirds", 2 / 3),
        ("a dozen", 12.0),
    ],
)
def test_read_figure_reads_the_value(written: str, value: float) -> None:
    reading = read_figure(written)
    assert reading is not None and reading.says([value])


@pytest.mark.parametrize(
    ("text", "span", "value", "problem"),
    [
        ("Exports rose sixfold in a decade.", (13, 20), 6.0, None),
        ("Exports rose sixfold in a decade.", (13, 20), 5.0, "reads 'sixfold', which is not 5"),
        ("Exports rose sixfold in a decade.", (8, 12), 6.0, "'rose', which is not a figure"),
        ("Pay ½ of the bill.", (4, 5), 50.0, None),
    ],
)
def test_check_span(text: str, span: tuple[int, int], value: float, problem: str | None) -> None:
    found = check_span(span, text, text, [value])
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found
