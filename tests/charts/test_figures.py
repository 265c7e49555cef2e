"""Chart builders: one unit per axis, explicit template, title, unit and source line."""

from __future__ import annotations

import pandas as pd
import pytest

from charts.figures import (
    CHAR_PX,
    LABEL_WIDTH,
    TEMPLATE,
    axis_labels,
    bar_chart,
    category_counts_chart,
    group_order,
    group_sizes,
    log_allowed,
    unit_group,
    unit_groups,
)
from dataset import load_dataset
from tests.conftest import DATA


@pytest.fixture(scope="module")
def seed():
    ds = load_dataset(DATA)
    return ds, dict(zip(ds.sources["id"], ds.sources["attribution"], strict=True))


def annotation_texts(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations]


@pytest.mark.parametrize(
    "group",
    [
        "metric:cn-online-retail-sales|level|CNY",
        "metric:cn-internet-users|level|",
        "metric:cn-share-of-global-internet-users|level|",
    ],
)
def test_bar_chart_of_one_unit_group(seed, group: str) -> None:
    ds, attributions = seed
    rows = ds.claims[unit_groups(ds.claims) == group]
    assert len(rows) == 1
    texts = dict(zip(ds.sources["id"], ds.sources["text"], strict=True))
    fig = bar_chart(
        rows, categories=ds.categories, attributions=attributions, title="T", unit="u",
        texts=texts,
    )  # fmt: skip
    assert fig.layout.template.layout.paper_bgcolor is not None  # a real template, set
    assert fig.layout.xaxis.title.text == "u"
    assert fig.layout.xaxis.type == "linear"  # bars: never log
    assert fig.layout.title.text == "T"
    assert annotation_texts(fig) == ["Source: China Daily, 2015-12-20"]
    drawn = sorted(v for trace in fig.data for v in trace.x)
    assert drawn == sorted(rows["value"])
    colours = dict(zip(ds.categories["id"], ds.categories["colour"], strict=True))
    labels = dict(zip(ds.categories["id"], ds.categories["label"], strict=True))
    for trace in fig.data:
        category = next(k for k, v in labels.items() if v == trace.name)
        assert trace.marker.color == colours[category]
        assert all(c[3].startswith("in the ") and "paragraph" in c[3] for c in trace.customdata)
        assert "characters" not in trace.hovertemplate
        assert "%{customdata[1]}" in trace.hovertemplate  # the quote


def test_every_group_has_one_unit(seed) -> None:
    ds, _ = seed
    groups = unit_groups(ds.claims)
    for group, _n in group_sizes(ds.claims):
        rows = ds.claims[groups == group]
        assert len(set(rows["kind"].astype("object"))) == 1
        assert len(set(rows["measure"].astype("object"))) == 1
        assert len(set(rows["metric"].astype("object"))) == 1
        assert len(set(rows["currency"].astype("object").fillna(""))) == 1


# (kind, unit, currency, measure, metric) of two figures, and whether they share a group
SHARING = [
    (("count", "users", None, "level", None), ("count", "users", None, "level", None), True),
    (("count", "users", None, "level", None), ("count", "users", None, "change", None), False),
    (("percent", "GDP", None, "level", None), ("percent", "GDP", None, "growth", None), False),
    (("percent", "GDP", None, "level", None), ("percent", "votes", None, "level", None), False),
    (("percent", "x", None, "change", None), ("percentage_points", "x", None, "change", None), 0),
    (("percentage_points", "x", None, "level", None), ("basis_points", "x", None, "level", 0), 0),
    (("money", "sales", "CNY", "level", None), ("money", "profit", "CNY", "level", None), True),
    (("money", "sales", "CNY", "level", None), ("money", "sales", "USD", "level", None), False),
    (("count", "users", None, "level", "m"), ("count", "people", None, "level", "m"), True),
    (("count", "users", None, "level", "m"), ("count", "users", None, "level", "n"), False),
    (("count", "users", None, "level", "m"), ("count", "users", None, "level", None), False),
    (("money", "s", "CNY", "level", "m"), ("money", "s", "USD", "level", "m"), False),
    (("percent", "u", None, "growth", "m"), ("count", "u", None, "level", "m"), False),
]  # fmt: skip


@pytest.mark.parametrize(("first", "second", "shared"), SHARING)
def test_groups_never_mix_measures_units_or_metrics(first, second, shared: bool) -> None:
    assert (unit_group(*first) == unit_group(*second)) is bool(shared)


@pytest.mark.parametrize(
    ("sizes", "first"),
    [
        # the default view: a metric's figures, never a pile of unrelated percentages
        ([("percent", 12), ("percent (of GDP)", 5), ("metric:m|level|", 2)], "metric:m|level|"),
        ([("percent", 12), ("websites", 2)], "websites"),
        ([("percent", 3)], "percent"),
    ],
)
def test_the_default_group_is_never_bare_percentages_when_else_exists(sizes, first) -> None:
    assert group_order(sizes)[0][0] == first


@pytest.mark.parametrize(
    ("values", "allowed"),
    [
        ([670e6, 1.3e9], False),  # within one order of magnitude
        ([2.95e12, 8.38e12], False),
        ([4.13e6, 1.3e9], True),  # 315 times
        ([0.0, 1e9], False),  # zero has no logarithm
        ([-5.0, 1e3], False),
        ([], False),
    ],
)
def test_log_is_offered_only_where_it_cannot_mislead(values, allowed: bool) -> None:
    assert log_allowed(values) is allowed


def test_hover_and_labels_escape_source_text(seed) -> None:
    ds, attributions = seed
    rows = ds.claims.head(1).copy()
    rows["subject"] = "<a href='javascript:alert(1)'>x</a>"
    rows["quote"] = pd.array(["<img src=x onerror=alert(1)> said"], dtype="string")
    fig = bar_chart(
        rows, categories=ds.categories, attributions=attributions, title="<b>", unit="u"
    )
    trace = fig.data[0]
    assert "<a" not in trace.y[0] and "&lt;a" in trace.y[0]
    assert "<img" not in trace.customdata[0][1] and "&lt;img" in trace.customdata[0][1]
    assert fig.layout.title.text == "&lt;b&gt;"


def test_bar_limit_keeps_the_largest(seed) -> None:
    ds, attributions = seed
    rows = ds.claims[ds.claims["kind"] == "count"]
    fig = bar_chart(
        rows, categories=ds.categories, attributions=attributions, title="T", unit="u", limit=3
    )
    drawn = sorted((v for trace in fig.data for v in trace.x), reverse=True)
    assert drawn == sorted(rows["value"], reverse=True)[:3]
    assert "the 3 largest shown" in fig.layout.title.subtitle.text


def test_category_counts_chart(seed) -> None:
    ds, attributions = seed
    fig = category_counts_chart(ds.claims, categories=ds.categories, attributions=attributions)
    counts = ds.claims["category"].astype("object").value_counts()
    labels = dict(zip(ds.categories["label"], ds.categories["id"], strict=True))
    assert {x: y for x, y in zip(fig.data[0].x, fig.data[0].y, strict=True)} == {
        label: counts[labels[label]] for label in fig.data[0].x
    }
    assert sum(fig.data[0].y) == len(ds.claims)
    assert fig.layout.template.layout.font is not None
    assert annotation_texts(fig) == ["Source: China Daily, 2015-12-20"]


def test_template_is_explicit_even_after_streamlit_import(seed) -> None:
    import plotly.io as pio
    import streamlit  # noqa: F401  (switches plotly's default template)

    ds, attributions = seed
    fig = category_counts_chart(ds.claims, categories=ds.categories, attributions=attributions)
    assert_plotly_white(fig)
    assert pio.templates.default != TEMPLATE  # streamlit's, which the figure does not use


def assert_plotly_white(fig) -> None:
    """The figure's own template is plotly_white, cut to the trace types it draws."""
    import plotly.io as pio

    own, full = fig.layout.template, pio.templates[TEMPLATE]
    for key in ("paper_bgcolor", "plot_bgcolor", "colorway", "font", "xaxis", "yaxis"):
        assert own.layout[key] == full.layout[key], key
    for trace in fig.data:
        assert own.data[trace.type] == full.data[trace.type]


@pytest.mark.parametrize(
    ("labels", "shown"),
    [
        (["GDP"], ["GDP"]),
        (["<b>bold</b> & co"], ["&lt;b&gt;bold&lt;/b&gt; &amp; co"]),  # escaped, line by line
        (["a " * 20], ["a a a a a a a a a a a a a a a a<br>a a a a"]),
        (["x" * 40], ["x" * LABEL_WIDTH + "<br>" + "x" * 8]),  # a long word is broken too
        (["a  b", "a b"], ["a  b", "a b"]),
        # distinct labels that wrapping would merge are left whole
        (["w " * 16 + "z", "w " * 16 + " z"], ["w " * 16 + "z", "w " * 16 + " z"]),
    ],
)
def test_axis_labels_wrap_escape_and_stay_distinct(labels: list[str], shown: list[str]) -> None:
    assert axis_labels(labels)[0] == shown


@pytest.mark.parametrize(
    ("label", "at_least"),
    [("users", 5), ("WORLD INTERNET CONFERENCE", 25 * 1.3 - 2 * 0.3), ("中国互联网络信息中心", 20)],
)
def test_the_margin_fits_the_widest_line(label: str, at_least: float) -> None:
    """Capitals and wide characters get more room than lower-case letters."""
    margin = axis_labels([label, "x"])[1]
    assert margin >= at_least * CHAR_PX
    assert margin <= LABEL_WIDTH * 2 * CHAR_PX + 16  # bounded however long the label


def test_bar_chart_sets_its_margin_instead_of_plotly(seed) -> None:
    ds, attributions = seed
    fig = bar_chart(
        ds.claims, categories=ds.categories, attributions=attributions, title="t", unit="u"
    )
    assert not fig.layout.yaxis.automargin  # automargin draws the chart twice
    widest = max(len(line) for y in fig.layout.yaxis.categoryarray for line in y.split("<br>"))
    assert fig.layout.margin.l >= widest * CHAR_PX
