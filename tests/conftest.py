"""Shared fixtures: the bundled dataset, and a private copy of it to break."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import signal
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEED_ID = "china-daily-2015-12-20-wuzhen-summit"

# The tests exercise (and may patch) the extractors' Python source; the compiled build
# is held to the same output by tests/extractors/test_native.py, in a process of its own.
os.environ.setdefault("EXTRACTORS_PURE", "1")


@pytest.fixture(autouse=True, scope="session")
def _scan_streamlit_components_once() -> None:
    """Each AppTest scans every installed distribution for Streamlit components (~0.5 s).

    The installed packages do not change during a test session, so the first scan's
    answer stands for all the rest.  Patched only where a test module already imported
    Streamlit, so extractor-only runs do not pay for importing it.
    """
    scanner = sys.modules.get("streamlit.components.v2.manifest_scanner")
    if scanner is None and "streamlit.testing.v1" in sys.modules:
        from streamlit.components.v2 import manifest_scanner as scanner
    if scanner is not None and not hasattr(scanner.scan_component_manifests, "cache_info"):
        scanner.scan_component_manifests = functools.cache(scanner.scan_component_manifests)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ in a temporary folder, safe to edit."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


# --- Browser fixtures: the dashboard served for real, and headless Chromium to drive it. ---

import socket  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402
from collections.abc import Iterator  # noqa: E402

CHROMIUM = Path(os.environ.get("DASHBOARD_BROWSER", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "tests" / "artifacts"
"""Screenshots and downloads of browser tests (gitignored)."""


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The system Chromium; skip without it, fail instead when DASHBOARD_REQUIRE_BROWSER=1."""
    if CHROMIUM.exists():
        return str(CHROMIUM)
    reason = (
        f"no Chromium at {CHROMIUM}: install it with `apt-get install chromium chromium-driver`"
    )
    if os.environ.get("DASHBOARD_REQUIRE_BROWSER") == "1":
        pytest.fail(reason + " (DASHBOARD_REQUIRE_BROWSER=1 makes browser tests mandatory)")
    pytest.skip(reason)


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit not healthy at {url} after {timeout} s")


@pytest.fixture
def dashboard_server(data_copy: Path, tmp_path: Path) -> Iterator[str]:
    """``streamlit run dashboard.py`` on a free loopback port over a copy of the data.

    Yields the base URL; the server's log is in ``tmp_path/streamlit.log``.  Open the
    base URL first in a browser test: the first session of a fresh server that starts
    at a page's own URL (``/explore``) runs that page file alone, in Streamlit's
    pre-``st.navigation`` mode.
    """
    port = free_port()
    env = {**os.environ, "NEWS_STATS_DATA": str(data_copy)}
    if CHROMIUM.exists():
        env.setdefault("BROWSER_PATH", str(CHROMIUM))
    log = (tmp_path / "streamlit.log").open("wb")
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"),
            "--server.headless", "true",
            "--server.address", "127.0.0.1",
            "--server.port", str(port),
            "--server.fileWatcherType", "none",
            "--browser.gatherUsageStats", "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture
def browser_page(chromium_path: str) -> Iterator[object]:
    """A Playwright page in headless system Chromium that accepts downloads."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        context = browser.new_context(
            accept_downloads=True, viewport={"width": 1400, "height": 1000}
        )
        page = context.new_page()
        try:
            yield page
        finally:
            context.close()
            browser.close()


# --- The command lines in-process: what a subprocess would give, without starting Python. ---

import importlib  # noqa: E402
import io  # noqa: E402


class Hung(BaseException):
    """A block under ``alarm`` outlived its time (not an OSError, so no handler eats it)."""


@contextlib.contextmanager
def alarm(seconds: int) -> Iterator[None]:
    """Raise ``Hung`` in the block if it runs longer than ``seconds``.

    An in-process call that blocks in a system call (``open`` on a FIFO) fails the
    test instead of hanging the run; Python retries the call after the handler, and
    the handler's exception ends it.
    """

    def expire(signum: int, frame: object) -> None:
        raise Hung(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run_cli(
    package: str,
    *args: object,
    env: dict[str, str] | None = None,
    stdin: bytes = b"",
    text: bool = False,
) -> subprocess.CompletedProcess:
    """``python -m PACKAGE *args`` run in this process through ``PACKAGE.__main__.main(argv)``.

    Returns what ``subprocess.run(..., capture_output=True)`` would: the exit code (0 for
    ``None``, argparse's ``SystemExit`` code), stdout and stderr as bytes, or as str with
    ``text=True``.  ``env`` is set for the call and restored after.  An exception other
    than ``SystemExit`` propagates: a traceback is a failure of the test, as it would be
    for a user.  A subprocess costs a second of interpreter start-up and imports; this
    costs nothing once the modules are imported.
    """
    main = importlib.import_module(f"{package}.__main__").main
    out, err = io.BytesIO(), io.BytesIO()
    streams = {
        "stdin": io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"),
        "stdout": io.TextIOWrapper(out, encoding="utf-8", write_through=True),
        "stderr": io.TextIOWrapper(err, encoding="utf-8", write_through=True),
    }
    saved_streams = {name: getattr(sys, name) for name in streams}
    saved_env = {name: os.environ.get(name) for name in env or {}}
    try:
        os.environ.update(env or {})
        for name, stream in streams.items():
            setattr(sys, name, stream)
        try:
            code = main([str(a) for a in args])
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
            if isinstance(exit_.code, str):
                sys.stderr.write(exit_.code + "\n")
        for stream in streams.values():
            stream.flush()
    finally:
        for name, stream in saved_streams.items():
            setattr(sys, name, stream)
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    stdout, stderr = out.getvalue(), err.getvalue()
    if text:
        return subprocess.CompletedProcess(
            [package, *args], code or 0, stdout.decode("utf-8"), stderr.decode("utf-8")
        )
    return subprocess.CompletedProcess([package, *args], code or 0, stdout, stderr)
