"""HTML to PDF with WeasyPrint, safely: only the app's own static files are ever read.

This module runs inside the render worker processes (and in-process for the command line and
the tests). It imports nothing from Flask. WeasyPrint itself is imported by `warm_up`, once per
process, so the first user's click does not pay for it.
"""

from __future__ import annotations

import ctypes
import gc
import mimetypes
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

STATIC_ROOT = Path(__file__).resolve().parents[2] / "static"
# What a document may load from the static folder: its stylesheet, images and fonts.
ALLOWED_SUFFIXES = frozenset({".css", ".svg", ".png", ".jpg", ".woff", ".woff2", ".ttf", ".otf"})
DEFAULT_TIME_LIMIT = 15.0


class RenderTimeout(Exception):
    """The render ran past its time limit and was stopped."""


class RefusedURL(ValueError):
    """A document asked for something outside the app's static files."""


def static_base_url(root: Path = STATIC_ROOT) -> str:
    """The base URL documents are rendered against: the static folder as a file URL."""
    return root.resolve().as_uri() + "/"


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesOnly(URLFetcher):
        """Serves files from the static folder and refuses everything else.

        No http, https, ftp or data URLs, no file outside the folder (symlinks and `..` are
        resolved first), no redirects (nothing is ever opened over a network), only the file
        types a print stylesheet needs. `refused` lists what was turned away, for the logs.
        """

        def __init__(self, root: Path = STATIC_ROOT):
            super().__init__(allowed_protocols=("file",), allow_redirects=False)
            self.root = root.resolve()
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            path = self._static_path(url)
            if path is None:
                self.refused.append(url)
                raise RefusedURL(f"refused: {url[:200]}")
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                path.as_uri(), body=path.read_bytes(), headers={"Content-Type": mime}
            )

        def _static_path(self, url: str) -> Path | None:
            parts = urlsplit(url)
            if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
                return None
            try:
                path = Path(unquote(parts.path)).resolve()
            except (OSError, RuntimeError, ValueError):
                return None
            if not path.is_relative_to(self.root) or path.suffix.lower() not in ALLOWED_SUFFIXES:
                return None
            return path if path.is_file() else None

    return StaticFilesOnly


_state: dict = {}

# WeasyPrint's user-agent stylesheet gives *every* element six pseudo-elements through rules
# with no element in their selector (`::footnote-call`, `::note-marker`, ...). The cascade
# then computes six extra styles per element, a fifth of a render, for footnotes and notes
# these documents never use. The lean sheet drops those rules and limits `::marker` to the
# elements that have one; the printed result is identical.
_UNUSED_PSEUDO_RULES = re.compile(r"^::(?:footnote|note)-[a-z]+ \{[^}]*\}\n", re.MULTILINE)
_ANY_MARKER_RULE = "\n::marker {"


def lean_user_agent_css(stock: str) -> str:
    """The HTML user-agent stylesheet without rules for pseudo-elements the documents lack."""
    lean = _UNUSED_PSEUDO_RULES.sub("", stock)
    return lean.replace(_ANY_MARKER_RULE, "\nli::marker, summary::marker {")


def _lean_html_class(weasyprint):
    from weasyprint import html as stock
    from weasyprint.css.counters import CounterStyle

    # The sheet's @counter-style rules already live in the stock UA_COUNTER_STYLE, which every
    # document copies; parsing them into it again only logs warnings, so they go elsewhere.
    sheet = weasyprint.CSS(string=lean_user_agent_css(stock.UA), counter_style=CounterStyle())

    class LeanHTML(weasyprint.HTML):
        """An HTML document cascaded with the lean user-agent stylesheet."""

        def _ua_stylesheets(self, forms=False):
            return [sheet, stock.UA_FORM_STYLESHEET] if forms else [sheet]

    return LeanHTML


def warm_up() -> None:
    """Import WeasyPrint and lay out a tiny page once, so fonts and caches are ready."""
    if _state.get("warm"):
        return
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    _state["weasyprint"] = weasyprint
    _state["fetcher"] = _fetcher_class()
    _state["html"] = _lean_html_class(weasyprint)
    # One font configuration per process: fonts found once are reused by every render.
    _state["fonts"] = FontConfiguration()
    _state["html"](
        string="<p style='font-family: Liberation Sans, DejaVu Sans'>Exit Coach €1.234,56 ☑</p>"
    ).write_pdf()
    _state["warm"] = True


@contextmanager
def _time_limit(seconds: float, *, cpu: bool = True):
    """Stop the work with RenderTimeout after `seconds` (main thread of a process only).

    A render is timed by the CPU time it uses, not by the clock: a render that waits for the
    processor while the machine is busy with other renders (or with the web server, which runs
    at a higher priority) is not stopped for their sake. `cpu=False` times by the clock.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    timer, signum = (
        (signal.ITIMER_PROF, signal.SIGPROF) if cpu else (signal.ITIMER_REAL, signal.SIGALRM)
    )

    expired = []

    def _expired(_signum, _frame):
        expired.append(True)
        raise RenderTimeout(f"the render took longer than {seconds:g} s")

    previous = signal.signal(signum, _expired)
    # WeasyPrint catches every Exception in some steps (a font it cannot instantiate is logged
    # and skipped), and so would swallow the stop: the timer fires again every 0.1 s after
    # the limit, and a render that still comes back past its limit is refused all the same.
    signal.setitimer(timer, seconds, 0.1)
    try:
        yield
    finally:
        signal.setitimer(timer, 0)
        signal.signal(signum, previous)
    if expired:
        raise RenderTimeout(f"the render took longer than {seconds:g} s")


def print_css():
    """The print stylesheet, parsed once per process (parsing it on every render costs ~15%)."""
    if "print_css" not in _state:
        warm_up()
        _state["print_css"] = _state["weasyprint"].CSS(
            filename=str(STATIC_ROOT / "css" / "print.css"),
            base_url=static_base_url(),
            url_fetcher=_state["fetcher"](),
        )
    return _state["print_css"]


def html_to_pdf(
    html: str,
    *,
    stylesheets: Sequence[Any] = (),
    base_url: str | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
    root: Path = STATIC_ROOT,
) -> bytes:
    """The PDF of `html`, which may load files from the static folder and nothing else."""
    warm_up()
    with _collect_afterwards():
        return _write_pdf(html, stylesheets, base_url, time_limit, root)


def _write_pdf(html, stylesheets, base_url, time_limit, root) -> bytes:
    fetcher = _state["fetcher"](root)
    with _time_limit(time_limit):
        document = _state["html"](
            string=html, base_url=base_url or static_base_url(root), url_fetcher=fetcher
        )
        return document.write_pdf(stylesheets=list(stylesheets), font_config=_state["fonts"])


@contextmanager
def _collect_afterwards():
    """No garbage collection during a render, one quick pass over its leftovers after it.

    A render makes hundreds of thousands of objects that mostly live until it ends; collecting
    while it runs walks them again and again (~30 ms of a full plan). Once the render's own
    references are gone, one pass over the young objects takes ~10 ms.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(0)


def warm_up_documents(content_dir: str | None = None) -> None:
    """WeasyPrint, the content and the document templates, ready before the first request."""
    from app.pdf import documents

    documents.warm_up(content_dir)


def sleep_job(seconds: float, *, time_limit: float = DEFAULT_TIME_LIMIT) -> float:
    """A stand-in job for tests of the pool: sleeps, under a time limit by the clock."""
    with _time_limit(time_limit, cpu=False):
        time.sleep(seconds)
    return seconds


def _die_with_parent() -> None:
    """Linux: have the kernel stop this worker when the server process goes away."""
    if not sys.platform.startswith("linux"):
        return
    with suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def release_memory() -> None:
    """A full collection, then hand the freed heap back to the system (glibc's malloc_trim).

    After a render stopped half-way its objects are garbage but its pages stay with the
    process unless trimmed, so the worker's resident size would creep up render by render.
    """
    gc.collect()
    if sys.platform.startswith("linux"):
        with suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").malloc_trim(0)


WORKER_NICE = 19


def worker_init(nice: int = WORKER_NICE, content_dir: str | None = None, warm: bool = True) -> None:
    """Start a render worker: the lowest CPU priority, below the request threads, then warm.

    `warm=False` skips the warm-up (tests of the pool's own workings, with stand-in jobs).
    """
    _die_with_parent()
    if nice and hasattr(os, "nice"):
        with suppress(OSError):
            os.nice(nice)
    if warm:
        warm_up_documents(content_dir)
    # What is loaded now (WeasyPrint, fonts, content, templates) lives as long as the worker:
    # keep it out of the garbage collector's full passes (collection time per plan: ~45 ms
    # down to ~30 ms). A higher threshold for young objects saved a little more but raised
    # the worker's peak memory above 150 MiB.
    gc.collect()
    gc.freeze()
