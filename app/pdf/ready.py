"""The PDF ready before the click (issue 15, point 3): documents from the cache, renders shared.

`fetch` answers a download: the document from the cache when it was made before (a
millisecond or two), else joins a render of the same document already under way (started by
opening the export step, or by a click in another tab), else renders it and keeps it.
`prerender` starts such a render in the background, so that the click finds it done.

Background renders never crowd out clicks: at most one per render worker runs at a time, and
a burst of them beyond `BACKLOG` is dropped (the click renders it then, as without a cache).
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from pathlib import Path

from flask import Flask

from app import pdf
from app.pdf import documents
from app.pdf.cache import Cache, DiskCache, RedisCache, document_key, fingerprint

_KEY = "exitcoach.pdf_ready"
BACKLOG = 64  # background renders allowed to wait; more are dropped
_lock = threading.Lock()


class _Ready:
    """One app's cache, its renders in flight (by key) and its background renders."""

    def __init__(self, app: Flask, cache: Cache | None):
        self.app = app
        self.cache = cache
        self.lock = threading.Lock()
        self.in_flight: dict[str, Future] = {}
        self.background: ThreadPoolExecutor | None = None
        self.waiting = 0  # background renders submitted and not finished

    def executor(self) -> ThreadPoolExecutor:
        with self.lock:
            if self.background is None:  # made in the process that uses it (after a fork)
                size = max(1, pdf.renderer(self.app).size)
                self.background = ThreadPoolExecutor(size, thread_name_prefix="exitcoach-pre")
            return self.background


def _make_cache(app: Flask) -> Cache | None:
    limit = int(app.config["PDF_CACHE_MB"] * 1024 * 1024)
    if limit <= 0:
        return None
    if app.config.get("REDIS_URL"):
        from app import shared

        return RedisCache(shared.redis(app), limit, prefix=app.config["REDIS_PREFIX"] + "pdf:")
    return DiskCache(Path(app.instance_path) / "pdf-cache", limit)


def _ready(app: Flask) -> _Ready:
    with _lock:
        current = app.extensions.get(_KEY)
        if current is None:
            current = app.extensions[_KEY] = _Ready(app, _make_cache(app))
        return current


def cache(app: Flask) -> Cache | None:
    """The app's document cache (None when PDF_CACHE_MB is 0)."""
    return _ready(app).cache


def _render(app: Flask, job, args) -> bytes:
    renderer = pdf.renderer(app)
    return renderer.run(job, *args, app.config["CONTENT_DIR"], renderer.time_limit)


def fetch(app: Flask, key: str | None, job, *args) -> bytes:
    """The PDF `job(*args, content_dir, time_limit)`, from the cache under `key` when it is
    there; raises what the renderer raises (Busy, RenderTimeout, RenderFailed)."""
    state = _ready(app)
    if key is None or state.cache is None:
        return _render(app, job, args)
    found = state.cache.get(key)
    if found is not None:
        return found
    with state.lock:
        running = state.in_flight.get(key)
        if running is None:
            running = state.in_flight[key] = Future()
            mine = True
        else:
            mine = False
    if not mine:
        return running.result()
    try:
        body = _render(app, job, args)
    except BaseException as exc:
        running.set_exception(exc)
        raise
    else:
        state.cache.put(key, body)
        running.set_result(body)
        return body
    finally:
        with state.lock:
            state.in_flight.pop(key, None)


def prerender(app: Flask, key: str, job, *args) -> None:
    """Start making the document `key` in the background unless it is made or being made."""
    state = _ready(app)
    if state.cache is None or not app.config["PDF_PRERENDER"]:
        return
    with state.lock:
        if key in state.in_flight or state.waiting >= BACKLOG:
            return
    if state.cache.has(key):  # made already: no need to read it
        return
    with state.lock:
        state.waiting += 1
    try:
        state.executor().submit(_in_background, state, key, job, args)
    except RuntimeError:  # shutting down
        with state.lock:
            state.waiting -= 1


def _in_background(state: _Ready, key: str, job, args) -> None:
    try:
        fetch(state.app, key, job, *args)
    except Exception:  # noqa: BLE001 - busy, too long or failed: the click will say so
        state.app.logger.info("background render of %s not made", key, exc_info=True)
    finally:
        with state.lock:
            state.waiting -= 1


def plan_key(app: Flask, data: dict, which: str, today: date) -> str:
    """The cache key of a plan's document ("plan" or "card") as the plan is now."""
    return document_key(which, data, today, fingerprint(app.config["CONTENT_DIR"]))


def plan_document(app: Flask, data: dict, which: str, today: date) -> bytes:
    """A plan's printed document, from the cache or made now (raises as `fetch`)."""
    key = plan_key(app, data, which, today)
    return fetch(app, key, documents.pdf_for_plan, data, which, today)


def prerender_plan(app: Flask, data: dict, today: date) -> None:
    """Start making both documents of a plan in the background."""
    for which in ("plan", "card"):
        key = plan_key(app, data, which, today)
        prerender(app, key, documents.pdf_for_plan, data, which, today)


def settle(app: Flask, timeout: float = 60.0) -> None:
    """Wait until the background renders started so far are done (for tests and benchmarks)."""
    state = _ready(app)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with state.lock:
            if state.waiting == 0:
                return
        time.sleep(0.01)
