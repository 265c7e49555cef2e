"""The Metric chart: the official line, the reported points, axes that can't mislead.

Metrics, official series and claims are built here, by hand; the expected
traces, ranges and strings are written in each case.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.compare import Officials
from analysis.metrics import change_rows, like_period, official_rows, reported_rows
from charts.metric import changes_figure, metric_figure
from dataset.schema import Metric, ReferenceSeries

USERS = Metric(
    id="xx-users",
    label="Internet users in Xland",
    definition="People in Xland online in the last six months.",
    unit="Internet users",
    kind="count",
    measure_type="stock",
    category="users",
)
SHARE = Metric(
    id="xx-share",
    label="Xland's share of the world's Internet users",
    definition="Users in Xland as a percentage of users worldwide.",
    unit="percent of global Internet users",
    kind="percent",
    measure_type="share",
    category="users",
)
SALES = Metric(
    id="xx-sales",
    label="Online retail sales in Xland, year to date",
    definition="Online retail sales from January to the month named.",
    unit="online retail sales",
    kind="money",
    currency="CNY",
    measure_type="flow",
    period_type="year_to_date",
    category="e-commerce",
)
ATTRIBUTIONS = {"paper-2015": "Daily Paper, 2015-12-20", "wire-2024": "Wire, 2024-08-15"}
TEXTS = {
    "paper-2015": "Headline\n\nFirst paragraph.\n\nXland has 670 million users.",
    "wire-2024": "Sales rose.\n\nThey reached 5.77 trillion yuan.",
}


def series(metric: Metric, rows: list[tuple[dict, float]]) -> ReferenceSeries:
    return ReferenceSeries.model_validate(
        {
            "metric": metric.id,
            "observations": [
                {
                    "period": period,
                    "value": value,
                    "citation": {"publisher": "Xland Statistics Office", "title": "Release"},
                }
                for period, value in rows
            ],
        }
    )


def claim(metric: Metric, value: float, source: str, **fields: object) -> dict:
    """One row of the claims frame, with what the Metric page reads."""
    row = {
        "id": f"{source}-{value:g}",
        "metric": metric.id,
        "measure": "level",
        "value": value,
        "kind": metric.kind,
        "currency": metric.currency,
        "qualifier": "exact",
        "low": None,
        "high": None,
        "equivalents": None,
        "source": source,
        "date": None,
        "period_as_of": None,
        "period_start": None,
        "period_end": None,
        "quote": f"The figure is {value:g}.",
        "subject": metric.label,
        # "670 million" and "5.77 trillion yuan" in TEXTS
        "start": 38 if source == "paper-2015" else 26,
        "end": 49 if source == "paper-2015" else 44,
        "base_period": None,
    }
    row.update(fields)
    return row


def chart(metric: Metric, official: ReferenceSeries | None, claims: list[dict]):
    reference = official_rows(official, metric)
    frame = pd.DataFrame(claims, columns=list(claim(metric, 0.0, "paper-2015")))
    officials = Officials({metric.id: metric}, {metric.id: official} if official else {})
    reported = reported_rows(frame, metric, officials, TEXTS)
    return metric_figure(metric, reference, reported, ATTRIBUTIONS), reported


USERS_SERIES = series(
    USERS,
    [({"as_of": "2014-12-31"}, 649e6), ({"as_of": "2015-06-30"}, 668e6),
     ({"as_of": "2015-12-31"}, 688e6)],
)  # fmt: skip


def test_stock_official_line_and_reported_points_on_an_axis_from_zero() -> None:
    fig, _ = chart(
        USERS,
        USERS_SERIES,
        [claim(USERS, 670e6, "paper-2015", period_as_of="2015-06-30", date="2015-06-30")],
    )
    line, points = fig.data
    assert line.mode == "lines+markers" and points.mode == "markers"
    assert list(line.x) == ["2014-12-31", "2015-06-30", "2015-12-31"]
    assert list(line.y) == [649e6, 668e6, 688e6]
    assert list(points.x) == ["2015-06-30"] and list(points.y) == [670e6]
    assert fig.layout.yaxis.range[0] == 0
    assert fig.layout.yaxis.range[1] >= 688e6
    assert fig.layout.yaxis.type == "linear"
    assert fig.layout.title.text == "Internet users in Xland, in Internet users"
    source = fig.layout.annotations[0].text
    assert "Daily Paper, 2015-12-20" in source and "Xland Statistics Office" in source


def test_hover_carries_quote_source_place_and_deviation() -> None:
    fig, reported = chart(
        USERS,
        USERS_SERIES,
        [claim(USERS, 670e6, "paper-2015", period_as_of="2015-06-30", date="2015-06-30")],
    )
    hover = fig.data[1].customdata[0]
    assert hover[0] == "670 million"
    assert "The figure is 6.7e+08." in hover[2]
    assert hover[3] == "Daily Paper, 2015-12-20"
    assert hover[4] == "in the 3rd paragraph"
    assert hover[5] == "+0.3% from the official 668 million (2015-06-30): consistent"
    assert "characters" not in fig.data[1].hovertemplate
    assert reported["deviation"].tolist() == pytest.approx([670 / 668 - 1])
    assert reported["verdict"].tolist() == ["consistent"]  # 670 million: 665 to 675 million


@pytest.mark.parametrize(
    ("date", "reference", "when"),
    [
        ("2015-06-30", 668e6, "2015-06-30"),  # the official day itself
        ("2015-07-20", 668e6, "2015-06-30"),  # 20 days on: within a month, the same figure
        ("2015-09-30", None, None),  # three months from either: nothing, never interpolated
        ("2016-03-31", None, None),  # after the series
    ],
)
def test_a_stock_meets_the_official_figure_of_its_date_or_none(date, reference, when) -> None:
    fig, reported = chart(
        USERS, USERS_SERIES, [claim(USERS, 670e6, "paper-2015", period_as_of=date, date=date)]
    )
    assert reported["reference"].tolist() == [reference]
    assert reported["reference_date"].tolist() == [when]
    if reference is None:
        assert reported["compared"].tolist() == ["no official figure for this date"]
        assert reported["verdict"].tolist() == ["no_reference"]
    assert list(fig.data[-1].y) == [670e6]  # drawn all the same


def test_a_share_runs_from_0_to_100() -> None:
    fig, _ = chart(
        SHARE,
        series(SHARE, [({"as_of": "2015-12-31"}, 21.0)]),
        [claim(SHARE, 25.0, "paper-2015", period_as_of="2015-12-20", date="2015-12-20")],
    )
    assert list(fig.layout.yaxis.range) == [0, 100]
    assert "0–100" in fig.layout.yaxis.title.text


SALES_SERIES = series(
    SALES,
    [
        ({"start": "2015-01", "end": "2015-10"}, 2.9e12),
        ({"start": "2016-01", "end": "2016-10"}, 3.7e12),
        ({"start": "2024-01", "end": "2024-07"}, 8.4e12),
        ({"start": "2024-04", "end": "2024-06"}, 3.9e12),  # a quarter: not this metric's kind
    ],
)


def test_a_flow_is_joined_only_within_like_periods() -> None:
    fig, reported = chart(
        SALES,
        SALES_SERIES,
        [
            claim(SALES, 2.95e12, "paper-2015", period_start="2015-01", period_end="2015-10"),
            claim(SALES, 5.77e12, "wire-2024", period_start="2024-01", period_end="2024-07"),
            claim(SALES, 1.1e12, "wire-2024", period_start="2024-05", period_end="2024-07"),
        ],
    )
    lines = [t for t in fig.data if t.mode == "lines+markers"]
    assert {t.name: list(t.x) for t in lines} == {
        # at the periods' last days
        "January–October: official": ["2015-10-31", "2016-10-31"],
        "January–July: official": ["2024-07-31"],
    }
    # a like period's official line and its reports share a colour; another period not
    colours = {t.name: t.marker.color for t in fig.data}
    assert colours["January–October: official"] == colours["January–October: reported"]
    assert colours["January–October: official"] != colours["January–July: official"]
    for trace in fig.data:  # no trace holds January–October 2015 and January–July 2024
        assert not {"2015-10-31", "2024-07-31"} <= set(trace.x)
    drawn = sorted(y for t in fig.data if t.mode == "markers" for y in t.y)
    assert drawn == [2.95e12, 5.77e12]  # May–July is not a year to date: listed, not drawn
    left = reported[~reported["comparable"]]
    assert left["why"].tolist() == [
        "covers 2024-05 to 2024-07, not a year to date: not comparable with this series"
    ]
    assert 3.9e12 not in [y for t in fig.data for y in t.y]  # the official quarter too
    assert fig.layout.title.text == (
        "Online retail sales in Xland, year to date, in CNY (online retail sales)"
    )
    assert fig.layout.yaxis.range[0] == 0


def test_the_same_period_matches_however_precisely_written() -> None:
    _, reported = chart(
        SALES,
        SALES_SERIES,
        [claim(SALES, 3.0e12, "paper-2015", period_start="2015-01-01", period_end="2015-10-31")],
    )
    assert reported["reference"].tolist() == [2.9e12]
    assert reported["deviation"].tolist() == pytest.approx([3.0 / 2.9 - 1])
    assert reported["compared"].tolist() == [
        "+3.4% from the official CN¥2.9 trillion (2015-01 to 2015-10): overstated"
    ]


def test_one_date_alone_gets_a_year_either_side_not_milliseconds() -> None:
    fig, _ = chart(
        SALES, None, [claim(SALES, 2.95e12, "paper-2015", period_start="2015-01",
                            period_end="2015-10")]
    )  # fmt: skip
    assert list(fig.layout.xaxis.range) == ["2014-10-31", "2016-10-31"]
    assert fig.layout.showlegend is True
    assert fig.layout.annotations[0].text.endswith("Official: no official series.")


def test_nothing_to_draw_still_draws_an_empty_axis_from_zero() -> None:
    fig, reported = chart(USERS, None, [])
    assert reported.empty and not fig.data
    assert fig.layout.yaxis.range[0] == 0


def test_money_in_another_currency_is_converted_and_says_how() -> None:
    stated = [{"value": 2.95e12, "currency": "CNY", "span": None}]
    _, reported = chart(
        SALES,
        SALES_SERIES,
        [
            claim(SALES, 455e9, "paper-2015", currency="USD", equivalents=stated,
                  period_start="2015-01", period_end="2015-10", date="2015-10"),
        ],
    )  # fmt: skip
    assert reported["value"].tolist() == [2.95e12]
    assert reported["conversion"].tolist() == [
        "stated in the article: $455 billion = CN¥2.95 trillion"
    ]
    fig = metric_figure(SALES, official_rows(SALES_SERIES, SALES), reported, ATTRIBUTIONS)
    assert "Converted: stated in the article" in fig.data[-1].customdata[0][6]
    notes = [a.text for a in fig.layout.annotations]
    assert notes[1].startswith("Money converted at the European Central Bank's reference rates")
    assert fig.layout.margin.b > 90  # room for the note under the source line


def test_growth_is_a_chart_of_its_own_never_on_the_level_axis() -> None:
    claims = pd.DataFrame(
        [
            claim(USERS, 670e6, "paper-2015", period_as_of="2015-06-30", date="2015-06-30"),
            claim(USERS, 6.1, "paper-2015", measure="growth", kind="percent", date="2015-06-30",
                  base_period="2014-12"),
            claim(USERS, 39e6, "paper-2015", measure="change", date="2015-06-30"),
        ]
    )  # fmt: skip
    reference = official_rows(USERS_SERIES, USERS)
    officials = Officials({USERS.id: USERS}, {USERS.id: USERS_SERIES})
    level = metric_figure(
        USERS, reference, reported_rows(claims, USERS, officials, TEXTS), ATTRIBUTIONS
    )
    assert 6.1 not in [y for t in level.data for y in t.y]
    assert 39e6 not in [y for t in level.data for y in t.y]
    parts = change_rows(claims, USERS)
    growth = changes_figure(USERS, "growth", parts["growth"], ATTRIBUTIONS)
    assert list(growth.data[0].y) == [6.1]
    assert growth.layout.yaxis.title.text == "percent change"
    assert "from 2014-12" in growth.data[0].x[0]
    change = changes_figure(USERS, "change", parts["change"], ATTRIBUTIONS)
    assert list(change.data[0].y) == [39e6]
    assert change.layout.yaxis.title.text == "change, Internet users"


def test_text_from_sources_is_escaped() -> None:
    row = claim(USERS, 670e6, "paper-2015", period_as_of="2015-06-30", date="2015-06-30")
    row["quote"] = "<a href='javascript:alert(1)'>670 million</a>"
    fig, _ = chart(USERS, USERS_SERIES, [row])
    assert len(fig.layout.annotations) == 1  # no conversion, no note
    assert "<a" not in fig.data[1].customdata[0][2]
    assert "&lt;a" in fig.data[1].customdata[0][2]


@pytest.mark.parametrize(
    ("period_type", "as_of", "start", "end", "group"),
    [
        ("year_to_date", None, "2015-01", "2015-10", "January–October"),
        ("year_to_date", None, "2024-01-01", "2024-07-31", "January–July"),
        ("year_to_date", None, "2015-02", "2015-10", None),
        ("year_to_date", None, "2014-01", "2015-10", None),
        ("year", "2019", None, None, "calendar year"),
        ("year", None, "2019-01", "2019-12", "calendar year"),
        ("year", None, "2019-01", "2019-10", None),
        ("quarter", None, "2024-07", "2024-09", "quarter"),
        ("quarter", None, "2024-08", "2024-10", None),
        ("half_year", None, "2024-07", "2024-12", "half year"),
        ("month", "2024-03", None, None, "month"),
        ("month", None, "2024-03", "2024-04", None),
        ("day", "2024-03-05", None, None, "day"),
    ],
)
def test_like_periods(period_type, as_of, start, end, group) -> None:
    assert like_period(period_type, as_of, start, end) == group


@pytest.mark.parametrize(
    ("text", "figure", "place"),
    [
        ("Title\n\nIt has 670 million users.", "670", "in the 2nd paragraph"),
        ("A 5 here.\n\nB.", "5", "in the 1st paragraph"),
        ("\n\n\nTitle\n\n\n\nOne.\n \nTwo has 7.", "7", "in the 3rd paragraph"),  # empty ones
        ("Line one\nLine two has 9", "9", "in the 2nd paragraph"),  # no blank lines
        ("1 2 3 4 5 6 7 8 9 10 11 12 13 x", "x", "in the 1st paragraph"),
        ("\n\n".join(f"P{n}" for n in range(1, 13)) + " 42", "42", "in the 12th paragraph"),
    ],
)
def test_where_a_figure_is_in_words(text: str, figure: str, place: str) -> None:
    from analysis.place import place_in_words

    assert place_in_words(text, text.rindex(figure)) == place


def test_the_html_download_carries_title_unit_and_sources() -> None:
    from charts import export

    fig, _ = chart(
        SALES,
        SALES_SERIES,
        [claim(SALES, 2.95e12, "paper-2015", period_start="2015-01", period_end="2015-10")],
    )
    page = export.to_html(fig)
    assert "Online retail sales in Xland, year to date, in CNY (online retail sales)" in page
    assert "CNY (online retail sales)" in page  # the axis
    assert "Reported: Daily Paper, 2015-12-20. Official: Xland Statistics Office." in page
