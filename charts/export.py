"""Charts as files: PNG and SVG through kaleido and the system Chromium, HTML with plotly.js.

One warm kaleido server per process (``kaleido.start_sync_server``) renders
every image: the first export pays for starting Chromium (about 2.5 s),
later ones take a fraction of a second.  Kaleido finds Chromium through
``BROWSER_PATH``; we point it at Debian's ``/usr/bin/chromium`` and never
download a browser.  Where no Chromium exists, ``browser_missing()`` says
how to install it and HTML export still works.
"""

from __future__ import annotations

import asyncio
import html
import os
import re
import shutil
import threading
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

BROWSER_CANDIDATES: tuple[str, ...] = (
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
)
INSTALL_HINT = (
    "PNG and SVG export needs Chromium: install it with "
    "`sudo apt-get install chromium chromium-driver`, then restart the dashboard. "
    "HTML, CSV and the chart toolbar's camera button work without it."
)
WIDTH, HEIGHT = 1000, 600

_lock = threading.Lock()
_started = False


def browser_path() -> str | None:
    """The Chromium kaleido will use: ``$BROWSER_PATH``, else a known system path."""
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        return configured if Path(configured).exists() else None
    for candidate in BROWSER_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


def browser_missing() -> str | None:
    """Why PNG/SVG export can't work here, or None when a browser is present."""
    return None if browser_path() else INSTALL_HINT


def _ensure_server() -> None:
    """Start the one kaleido server of this process, once (thread-safe)."""
    global _started
    if _started:
        return
    import kaleido

    path = browser_path()
    if path is None:
        raise RuntimeError(INSTALL_HINT)
    os.environ.setdefault("BROWSER_PATH", path)
    _reuse_tabs()
    # mathjax=False: no CDN fetch (offline), and the figures use no LaTeX.
    kaleido.start_sync_server(path=path, mathjax=False, silence_warnings=True)
    _started = True


RELOAD_EVERY = 50
"""Renders a kaleido tab serves before it is reloaded (bounds what a long session leaks)."""

_uses: dict[int, int] = {}
"""id(tab) -> renders since its last (re)load; a tab that failed is set past RELOAD_EVERY."""
_background: set = set()
"""Running reload tasks (asyncio keeps only weak references to tasks)."""


def _reuse_tabs() -> None:
    """Let kaleido render the next figure in the tab that drew the last one.

    Kaleido 1.5 reloads its tab (plotly.js, 4.5 MB) after every render and
    returns the image only then.  A fresh page also runs plotly.js cold: a
    40-bar chart took 0.35-0.4 s in a just-reloaded tab and about 0.25 s in
    a used one (bench/dashboard_bench.py).  So a tab goes straight back to
    the queue; it is reloaded, in the background, only after a failed or
    cancelled render (whose page state is unknown) or every RELOAD_EVERY
    renders.  plotly.js draws each image into a new element and removes it,
    so one figure leaves nothing behind for the next (tests/charts/test_export.py
    checks that a reused tab draws the same bytes).  This replaces two private
    methods: if kaleido changes them, exports keep working, only slower.
    """
    from kaleido._kaleido_tab._tab import _KaleidoTab
    from kaleido.kaleido import Kaleido

    return_tab = getattr(Kaleido, "_return_kaleido_tab", None)
    calc_fig = getattr(_KaleidoTab, "_calc_fig", None)
    if return_tab is None or calc_fig is None or getattr(return_tab, "_reuses", False):
        return

    async def calc_fig_noting_failures(self: _KaleidoTab, *args: object, **kwargs: object):
        try:
            return await calc_fig(self, *args, **kwargs)
        except BaseException:
            _uses[id(self)] = RELOAD_EVERY
            raise

    async def return_or_reload(self: Kaleido, tab: _KaleidoTab) -> None:
        _uses[id(tab)] = _uses.get(id(tab), 0) + 1
        if _uses[id(tab)] < RELOAD_EVERY:
            await self.tabs_ready.put(tab)
            return

        async def reload_then_return() -> None:
            try:
                await tab.reload()
            finally:
                _uses[id(tab)] = 0
                await self.tabs_ready.put(tab)

        task = asyncio.get_running_loop().create_task(reload_then_return())
        _background.add(task)
        task.add_done_callback(_background.discard)

    return_or_reload._reuses = True  # type: ignore[attr-defined]
    Kaleido._return_kaleido_tab = return_or_reload  # type: ignore[method-assign]
    _KaleidoTab._calc_fig = calc_fig_noting_failures  # type: ignore[method-assign]


def to_image(fig: go.Figure, fmt: str, width: int = WIDTH, height: int | None = None) -> bytes:
    """``fig`` rendered as ``png`` or ``svg`` bytes by the warm kaleido server."""
    import kaleido

    if fmt not in ("png", "svg"):
        raise ValueError(f"unsupported image format {fmt!r}")
    height = height or int(fig.layout.height or HEIGHT)
    with _lock:
        _ensure_server()
        return kaleido.calc_fig_sync(
            fig.to_dict(), opts={"format": fmt, "width": width, "height": height}
        )


def to_png(fig: go.Figure, width: int = WIDTH, height: int | None = None) -> bytes:
    """PNG bytes of ``fig`` at ``width`` x ``height`` pixels (height: the figure's own)."""
    return to_image(fig, "png", width, height)


def to_svg(fig: go.Figure, width: int = WIDTH, height: int | None = None) -> bytes:
    """SVG bytes of ``fig``."""
    return to_image(fig, "svg", width, height)


def to_html(fig: go.Figure) -> str:
    """A standalone page with plotly.js inlined: opens offline, loads nothing from a CDN.

    The page's ``<title>`` is the chart's title (a browser tab, a bookmark).

    >>> page = to_html(go.Figure(layout={"template": "plotly_white", "title": "Users"}))
    >>> "<script src=" in page, "<html>" in page, "<title>Users</title>" in page
    (False, True, True)
    """
    page = pio.to_html(
        fig,
        include_plotlyjs=True,
        full_html=True,
        config={"displaylogo": False, "responsive": True},
    )
    title = f"<title>{html.escape(chart_title(fig))}</title>"
    return page.replace("<head>", f"<head>{title}", 1)


def chart_title(fig: go.Figure) -> str:
    """The figure's title as plain text (its HTML tags and entities resolved).

    >>> chart_title(go.Figure(layout={"title": {"text": "Users &amp; <br>more"}}))
    'Users & more'
    """
    text = fig.layout.title.text if fig.layout.title and fig.layout.title.text else ""
    plain = html.unescape(re.sub(r"<[^>]*>", "", str(text)))
    return " ".join(plain.split()) or "Chart"


def stop() -> None:
    """Stop the kaleido server (tests and benchmarks that want a cold start)."""
    global _started
    import kaleido

    with _lock:
        if _started:
            kaleido.stop_sync_server(silence_warnings=True)
            _started = False
            _uses.clear()
