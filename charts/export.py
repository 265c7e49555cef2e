"""Charts as files: PNG and SVG through kaleido and the system Chromium, HTML with plotly.js.

One warm kaleido server per process (``kaleido.start_sync_server``) renders
every image: the first export pays for starting Chromium (about 2.5 s),
later ones take a fraction of a second.  Kaleido finds Chromium through
``BROWSER_PATH``; we point it at Debian's ``/usr/bin/chromium`` and never
download a browser.  Where no Chromium exists, ``browser_missing()`` says
how to install it and HTML export still works.
"""

from __future__ import annotations

import os
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
    _reload_tabs_in_background()
    # mathjax=False: no CDN fetch (offline), and the figures use no LaTeX.
    kaleido.start_sync_server(path=path, mathjax=False, silence_warnings=True)
    _started = True


def _reload_tabs_in_background() -> None:
    """Let kaleido reload a used tab after handing back the image, not before.

    Kaleido 1.5 reloads its tab (plotly.js, 4.5 MB) after every render and
    only then returns the bytes: about 0.2 s of a 0.3 s export.  Moving the
    reload into a background task returns the image as soon as it is drawn;
    the tab joins the queue again when reloaded, so the next export still
    gets a clean tab.  This replaces a private method: if kaleido changes it,
    exports keep working, only slower.
    """
    import asyncio

    from kaleido.kaleido import Kaleido

    original = getattr(Kaleido, "_return_kaleido_tab", None)
    if original is None or getattr(original, "_in_background", False):
        return

    async def return_later(self: Kaleido, tab: object) -> None:
        async def reload_then_return() -> None:
            try:
                await tab.reload()  # type: ignore[attr-defined]
            finally:
                await self.tabs_ready.put(tab)  # type: ignore[arg-type]

        task = asyncio.get_running_loop().create_task(reload_then_return())
        _background.add(task)
        task.add_done_callback(_background.discard)

    return_later._in_background = True  # type: ignore[attr-defined]
    Kaleido._return_kaleido_tab = return_later  # type: ignore[method-assign]


_background: set = set()
"""Running reload tasks (asyncio keeps only weak references to tasks)."""


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

    >>> page = to_html(go.Figure(layout={"template": "plotly_white"}))
    >>> "<script src=" in page, "<html>" in page
    (False, True)
    """
    return pio.to_html(
        fig,
        include_plotlyjs=True,
        full_html=True,
        config={"displaylogo": False, "responsive": True},
    )


def stop() -> None:
    """Stop the kaleido server (tests and benchmarks that want a cold start)."""
    global _started
    import kaleido

    with _lock:
        if _started:
            kaleido.stop_sync_server(silence_warnings=True)
            _started = False
