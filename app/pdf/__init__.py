"""PDF documents: the renderer an app uses (a worker pool, or in-process), built once per app.

`renderer(app)` gives the app's renderer, started lazily; `exitcoach serve` starts it eagerly so
WeasyPrint is imported and fonts are warm before the first click.
"""

from __future__ import annotations

import atexit
import threading

from flask import Flask, g, request

from app.pdf.pool import Busy, InlineRenderer, RenderFailed, RenderPool
from app.pdf.render import RenderTimeout

__all__ = ["Busy", "RenderFailed", "RenderTimeout", "done_preparing", "init_app", "renderer"]

_KEY = "exitcoach.pdf"
DOWNLOAD_ENDPOINT = "plans.download"
_lock = threading.Lock()


def renderer(app: Flask):
    """The app's renderer: PDF_WORKERS worker processes, or in-process when it is 0."""
    with _lock:
        current = app.extensions.get(_KEY)
        if current is None:
            workers, limit = app.config["PDF_WORKERS"], app.config["PDF_TIME_LIMIT"]
            if workers > 0:
                current = RenderPool(workers, app.config["PDF_QUEUE"], limit)
                atexit.register(current.shutdown)
            else:
                current = InlineRenderer(limit)
            app.extensions[_KEY] = current
        return current


def preparing(app: Flask) -> threading.Semaphore:
    """Held while a download logs in and reads its plan, so a burst of downloads takes turns.

    Thirty downloads arriving at once would otherwise all run their Python at the same moment
    and an autosave that arrives with them waits for all thirty; taking turns costs each
    download a millisecond or two and lets the autosave through. Waiting for the render
    happens outside it.
    """
    with _lock:
        return app.extensions.setdefault(_KEY + ".preparing", threading.Semaphore(1))


def done_preparing() -> None:
    """The download has what it needs: let the next one in (safe to call twice)."""
    gate = g.pop("pdf_gate", None)
    if gate is not None:
        gate.release()


def init_app(app: Flask) -> None:
    """Downloads take their turn before anything else runs, the login check included."""

    @app.before_request
    def _take_turn():
        if request.endpoint == DOWNLOAD_ENDPOINT:
            gate = preparing(app)
            gate.acquire()
            g.pdf_gate = gate

    @app.teardown_request
    def _end_turn(_exc):
        done_preparing()
