"""PDF documents: the renderer an app uses (a worker pool, or in-process), built once per app.

`renderer(app)` gives the app's renderer, started lazily; `exitcoach serve` starts it eagerly so
WeasyPrint is imported and fonts are warm before the first click.
"""

from __future__ import annotations

import atexit
import threading
from typing import TYPE_CHECKING

from app.pdf.pool import Busy, InlineRenderer, RenderFailed, RenderPool
from app.pdf.render import RenderTimeout

if TYPE_CHECKING:  # Flask only where a web app uses it: `exitcoach pdf` starts without it
    from flask import Flask

__all__ = ["Busy", "RenderFailed", "RenderTimeout", "done_preparing", "init_app", "renderer"]

_KEY = "exitcoach.pdf"
# The downloads that make a PDF (the plan's documents, the portfolio's attention plan).
DOWNLOAD_ENDPOINTS = frozenset({"plans.download", "portfolio.attention_plan_pdf"})
_lock = threading.Lock()


def renderer(app: Flask):
    """The app's renderer: the RQ queue when REDIS_URL is set (`exitcoach worker` serves it),
    else PDF_WORKERS worker processes of its own; in-process when PDF_WORKERS is 0."""
    with _lock:
        current = app.extensions.get(_KEY)
        if current is None:
            workers, limit = app.config["PDF_WORKERS"], app.config["PDF_TIME_LIMIT"]
            content = app.config["CONTENT_DIR"]
            if workers > 0 and app.config.get("REDIS_URL"):
                from app import shared
                from app.pdf.queue import QueueRenderer

                prefix = app.config["REDIS_PREFIX"]
                connection = shared.redis(app)
                current = QueueRenderer(connection, prefix, workers, app.config["PDF_QUEUE"], limit)
            elif workers > 0:
                current = RenderPool(workers, app.config["PDF_QUEUE"], limit, content)
                atexit.register(current.shutdown)
            else:
                current = InlineRenderer(limit, content)
            app.extensions[_KEY] = current
        return current


def preparing(app: Flask) -> threading.Semaphore:
    """Held while a download logs in and reads its plan, so a burst of downloads takes turns.

    Thirty downloads arriving at once would otherwise all run their Python at the same moment,
    and an autosave arriving with them would get a thirty-first share of the interpreter.
    Downloads wait for their turn before Flask does anything for them (a waiting thread costs
    nothing), and hand it on once they have read their plan: each takes a millisecond or two.
    Waiting for the render happens outside it.
    """
    with _lock:
        return app.extensions.setdefault(_KEY + ".preparing", threading.Semaphore(1))


_GATE = "exitcoach.pdf_gate"


def done_preparing() -> None:
    """The download has what it needs: let the next one in (safe to call twice)."""
    from flask import request

    gate = request.environ.pop(_GATE, None)
    if gate is not None:
        gate.release()


class _DownloadsTakeTurns:
    """WSGI middleware: a download request waits for its turn before Flask sees it."""

    def __init__(self, app: Flask):
        self.app, self.wsgi_app = app, app.wsgi_app

    def _is_download(self, environ) -> bool:
        # Every request passes here: only a .pdf path is worth matching against the routes.
        if not environ.get("PATH_INFO", "").endswith(".pdf"):
            return False
        from werkzeug.exceptions import HTTPException

        try:
            endpoint, _args = self.app.url_map.bind_to_environ(environ).match()
        except HTTPException:
            return False
        return endpoint in DOWNLOAD_ENDPOINTS

    def __call__(self, environ, start_response):
        if not self._is_download(environ):
            return self.wsgi_app(environ, start_response)
        gate = preparing(self.app)
        gate.acquire()
        environ[_GATE] = gate
        try:
            return self.wsgi_app(environ, start_response)
        finally:
            if environ.pop(_GATE, None) is not None:  # the view ended before handing on
                gate.release()


def init_app(app: Flask) -> None:
    """Downloads take their turn before anything else runs, the login check included."""
    app.wsgi_app = _DownloadsTakeTurns(app)
