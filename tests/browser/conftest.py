"""Headless Chromium (the system browser) driving the real app served on a free local port."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from tests.serving import CHROMIUM_ARGS

SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


def _chromium() -> str | None:
    configured = os.environ.get("CHROMIUM")
    for candidate in (configured, *CHROMIUM_CANDIDATES, shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    executable = _chromium()
    if executable is None:
        message = "no Chromium found (install it: apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run in CI: {message}")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def live_server(app):
    """The test app served by waitress on 127.0.0.1 in a background thread.

    The thread polls in short rounds until told to stop; only then are the sockets closed, from
    this side. (Closing them while the loop still waits on them fails in its thread.)
    """
    from waitress import create_server, wasyncore

    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            wasyncore.loop(timeout=0.05, map=server._map, count=1)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    stop.set()
    thread.join(timeout=5)
    server.task_dispatcher.shutdown()
    # A channel still holding a response (a static file the browser stopped reading when its
    # page closed) closes that file only in handle_close; close_all would just drop it, and the
    # open file then warns in whichever test runs next.
    for channel in list(server._map.values()):
        if hasattr(channel, "outbufs"):
            channel.handle_close()
    wasyncore.close_all(server._map)


class Shots:
    """Saves screenshots as tests/screenshots/<name>-<width>.png (git-ignored)."""

    def __init__(self, page):
        self.page = page
        SCREENSHOTS.mkdir(exist_ok=True)

    def take(self, name: str) -> Path:
        width = self.page.viewport_size["width"]
        path = SCREENSHOTS / f"{name}-{width}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture(params=[1280, 390], ids=["desktop", "phone"])
def page(browser, request, live_server):
    # Depends on live_server so that the browser closes before the server does: a request
    # still in flight when the server closes would fail in its thread.
    width = request.param
    context = browser.new_context(
        viewport={"width": width, "height": 900 if width > 600 else 844},
        locale="en-GB",
    )
    page = context.new_page()
    errors: list[str] = []

    def _console(msg):
        # A 4xx answer we provoke on purpose (a 422 form, a 404 page) is not a script error.
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            errors.append(f"{page.url} {msg.text} {msg.location}")

    page.on("console", _console)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    if os.environ.get("DEBUG_REQUESTS"):
        page.on(
            "request",
            lambda r: (
                print("REQ", r.method, (r.post_data or "")[-200:]) if r.method == "POST" else None
            ),
        )
        page.on(
            "response",
            lambda r: print("RESP", r.status, r.url) if r.request.method == "POST" else None,
        )
    page.console_errors = errors
    yield page
    context.close()


@pytest.fixture
def shots(page):
    return Shots(page)


@pytest.fixture
def page_without_js(browser, live_server):
    """A desktop browser page with JavaScript off (the plain-HTML path)."""
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}, locale="en-GB"
    )
    page = context.new_page()
    yield page
    context.close()
