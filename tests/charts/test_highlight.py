"""The Sources page's marked-up text: escaped first, then marked."""

from __future__ import annotations

import pytest

from charts.highlight import highlight


@pytest.mark.parametrize(
    ("text", "spans", "inside", "absent"),
    [
        (
            "has 670 million users",
            [(4, 15, "users", "#1f77b4")],
            ["<mark", ">670 million</mark>"],
            [],
        ),
        (
            "<script>alert(1)</script> 5 people",
            [(26, 27, "<b>x</b>", "#fff")],
            ["&lt;script&gt;", 'title="&lt;b&gt;x&lt;/b&gt;"'],
            ["<script>", "<b>"],
        ),
        ("a & b 5", [(6, 7, "t", "#fff")], ["a &amp; b"], []),
        (
            "overlap 12345",
            [(8, 11, "a", "#fff"), (9, 13, "b", "#fff")],
            [">123</mark>"],
            [">2345<"],
        ),
        ("short", [(3, 99, "beyond", "#fff")], ["short"], ["<mark"]),
        (
            "see ![x](http://127.0.0.1:9/t.png) 5",
            [(35, 36, "t", "#fff")],
            ["&#33;&#91;x&#93;&#40;http&#58;//127.0.0.1&#58;9/t.png&#41;"],
            ["![", "](", "[x]"],
        ),
        (
            "**bold** $x$ 7",
            [(13, 14, "t", "#fff")],
            ["&#42;&#42;bold&#42;&#42; &#36;x&#36;"],
            ["**", "$x"],
        ),
        (
            "[site](https://example.org) 7",
            [(28, 29, "t", "#fff")],
            ["&#91;site&#93;&#40;https&#58;//example.org&#41;"],
            ["[site]", "https://"],
        ),
    ],
)
def test_highlight(text: str, spans: list, inside: list[str], absent: list[str]) -> None:
    page = highlight(text, spans)
    for piece in inside:
        assert piece in page
    for piece in absent:
        assert piece not in page
