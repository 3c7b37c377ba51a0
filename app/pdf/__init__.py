"""PDF documents: the renderer an app uses (a worker pool, or in-process), built once per app.

`renderer(app)` gives the app's renderer, started lazily; `exitcoach serve` starts it eagerly so
WeasyPrint is imported and fonts are warm before the first click.
"""

from __future__ import annotations

import atexit
import threading

from flask import Flask

from app.pdf.pool import Busy, InlineRenderer, RenderFailed, RenderPool
from app.pdf.render import RenderTimeout

__all__ = ["Busy", "RenderFailed", "RenderTimeout", "renderer"]

_KEY = "exitcoach.pdf"
_lock = threading.Lock()


def renderer(app: Flask):
    """The app's renderer: PDF_WORKERS worker processes, or in-process when it is 0."""
    with _lock:
        current = app.extensions.get(_KEY)
        if current is None:
            workers = int(app.config.get("PDF_WORKERS", 1))
            limit = float(app.config.get("PDF_TIME_LIMIT", 15))
            if workers > 0:
                current = RenderPool(workers, int(app.config.get("PDF_QUEUE", 40)), limit)
                atexit.register(current.shutdown)
            else:
                current = InlineRenderer(limit)
            app.extensions[_KEY] = current
        return current
