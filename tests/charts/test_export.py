"""Exports: PNG of the requested size, SVG that parses, HTML with no external script."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET

import pytest

from charts import export
from charts.figures import bar_chart
from dataset import load_dataset
from tests.conftest import DATA

needs_browser = pytest.mark.usefixtures("chromium_path")
"""Skips without Chromium, fails instead under DASHBOARD_REQUIRE_BROWSER=1 (conftest)."""


@pytest.fixture(scope="module")
def fig():
    ds = load_dataset(DATA)
    attributions = dict(zip(ds.sources["id"], ds.sources["attribution"], strict=True))
    rows = ds.claims[ds.claims["currency"] == "CNY"]
    return bar_chart(
        rows,
        categories=ds.categories,
        attributions=attributions,
        title="Money reported in the news",
        unit="CNY",
    )


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@needs_browser
@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), [(1000, 600), (640, 400)])
def test_png_has_the_requested_size(fig, width: int, height: int) -> None:
    assert png_size(export.to_png(fig, width, height)) == (width, height)


@needs_browser
@pytest.mark.browser
def test_svg_parses_and_carries_title_unit_and_source(fig) -> None:
    svg = export.to_svg(fig)
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    text = " ".join(t for t in root.itertext())
    for expected in ("Money reported in the news", "CNY", "Source: China Daily, 2015-12-20"):
        assert expected in text
    # the template's white background, not the black of an unfilled streamlit theme
    assert re.search(r"fill: ?rgb\(255, ?255, ?255\)", svg.decode())


@needs_browser
@pytest.mark.browser
def test_exports_share_one_server(fig, monkeypatch: pytest.MonkeyPatch) -> None:
    import kaleido

    export.stop()
    starts = []
    start_server = kaleido.start_sync_server
    monkeypatch.setattr(
        kaleido, "start_sync_server", lambda *a, **k: starts.append(1) or start_server(*a, **k)
    )
    export.to_png(fig)
    export.to_svg(fig)
    export.to_png(fig)
    assert len(starts) == 1


@needs_browser
@pytest.mark.browser
def test_a_reused_tab_draws_what_a_fresh_one_does(fig) -> None:
    export.stop()
    fresh = export.to_png(fig, 640, 400)
    other = bar_chart(
        load_dataset(DATA).claims.head(3),
        categories=load_dataset(DATA).categories,
        attributions={},
        title="Something else <b>entirely</b>",
        unit="various",
    )
    export.to_svg(other)
    export.to_png(other, 300, 900)
    assert export.to_png(fig, 640, 400) == fresh


@needs_browser
@pytest.mark.browser
def test_tabs_reload_after_a_failure_and_every_so_many_renders(
    fig, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from kaleido._kaleido_tab import _tab

    export.stop()
    monkeypatch.setattr(export, "RELOAD_EVERY", 3)
    reloads = []
    reload = _tab._KaleidoTab.reload

    async def counted(self):
        reloads.append(1)
        return await reload(self)

    monkeypatch.setattr(_tab._KaleidoTab, "reload", counted)
    expected = export.to_png(fig, 640, 400)
    export.to_png(fig, 640, 400)
    assert reloads == []
    export.to_png(fig, 640, 400)  # the third render of the tab: reloaded after it

    async def broken(*args, **kwargs):
        raise RuntimeError("the page broke mid-render")

    monkeypatch.setattr(_tab._dtools, "exec_js_fn", broken)
    with pytest.raises(RuntimeError, match="mid-render"):
        export.to_png(fig, 640, 400)
    monkeypatch.undo()  # the real page again; RELOAD_EVERY back to 50
    monkeypatch.setattr(_tab._KaleidoTab, "reload", counted)
    assert export.to_png(fig, 640, 400) == expected  # waits for the reloaded tab
    deadline = time.monotonic() + 10
    while len(reloads) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(reloads) == 2


def test_html_is_standalone(fig) -> None:
    page = export.to_html(fig)
    assert not re.search(r"<script[^>]*\ssrc=", page)  # no CDN, no file: works offline
    assert "Plotly.newPlot" in page
    assert "Source: China Daily, 2015-12-20" in page
    assert len(page) > 1_000_000  # plotly.js itself is inside


def test_missing_browser_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    assert export.browser_path() is None
    assert "apt-get install chromium" in (export.browser_missing() or "")


def test_html_has_the_charts_title(fig) -> None:
    page = export.to_html(fig)
    assert re.search(r"<head>\s*<title>Money reported in the news</title>", page)
    assert page.split("</head>")[0].count("<title>") == 1


@pytest.mark.parametrize(
    ("attributions", "expected"),
    [
        ([], "Source: none"),
        (["China Daily, 2015-12-20"] * 3, "Source: China Daily, 2015-12-20"),
        (
            [
                "China Daily, 2015-12-20",
                "Xinhua, 2016-01-22",
                "CNNIC, 2016-01-22",
                "Ifeng, 2016-02-01",
            ],
            "Sources: China Daily, 2015-12-20; Xinhua, 2016-01-22; CNNIC, 2016-01-22; "
            "Ifeng, 2016-02-01",
        ),
        (
            [f"A publisher with a long name {n}, 2016-01-{n:02d}" for n in range(1, 13)],
            "Sources: 12 sources (full list in the data download)",
        ),
    ],
)
def test_source_line_lists_every_source_or_says_how_many(attributions, expected) -> None:
    from charts.figures import source_line

    assert source_line(attributions) == expected


def test_money_over_time_carries_its_currency_on_the_axis() -> None:
    import pandas as pd

    from charts.timeseries import series_rows, timeseries_figure

    rows = series_rows(
        pd.DataFrame(
            {
                "subject": ["Online retail sales"] * 2,
                "entity": ["China"] * 2,
                "unit": [None, None],
                "currency": ["CNY", "CNY"],
                "source": ["a", "b"],
                "date": ["2014", "2015-10"],
                "value": [2.8e12, 2.95e12],
            }
        )
    )
    fig = timeseries_figure(rows, {"a": "A, 2015-01-01", "b": "B, 2015-12-20"})
    assert fig.layout.yaxis.title.text == "CNY"
    assert "Sources: A, 2015-01-01; B, 2015-12-20" in fig.layout.annotations[0].text
