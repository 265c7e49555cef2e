"""Exports: PNG of the requested size, SVG that parses, HTML with no external script."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET

import pytest

from charts import export
from charts.figures import bar_chart, unit_groups
from dataset import load_dataset
from tests.conftest import DATA

needs_browser = pytest.mark.usefixtures("chromium_path")
"""Skips without Chromium, fails instead under DASHBOARD_REQUIRE_BROWSER=1 (conftest)."""


@pytest.fixture(scope="module")
def fig():
    ds = load_dataset(DATA)
    attributions = dict(zip(ds.sources["id"], ds.sources["attribution"], strict=True))
    rows = ds.claims[unit_groups(ds.claims) == "CNY"]
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
def test_warm_export_is_fast(fig) -> None:
    import time

    export.to_png(fig)
    start = time.perf_counter()
    export.to_png(fig)
    assert time.perf_counter() - start < 1.0


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
