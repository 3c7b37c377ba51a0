"""Serving on every core (issue 15, point 1): `exitcoach serve --workers N` runs gunicorn.

One Python process can only use one core for its own code, so a two-core server answered at
most ~125 autosaves a second with the other core idle. Here gunicorn runs N processes, each
with its threads (the gthread worker), sharing nothing but the database, the instance folder
and Redis:

- the app is built (and the schema migrated) once in the parent, then forked: each process
  throws away the database connections it inherited (`dispose(close=False)`: the parent's
  sockets are left alone) and opens its own small pool, checked before use (pool_pre_ping);
- login sessions and CSRF tokens live in the signed cookie and the database, so any process
  can answer any request; the login lock-out and the join-code limit count in the database
  under a lock that holds across processes (app/locks.py);
- PDFs: with REDIS_URL every process sends renders to the RQ queue that `exitcoach worker`
  serves, one queue and one busy limit for all; without it each process has its own pool of
  render workers, the machine's cores shared out between them. Made documents are shared in
  Redis or the instance folder either way (app/pdf/cache.py).
"""

from __future__ import annotations

import gc
import os

from flask import Flask
from gunicorn.app.base import BaseApplication

# What each process must make for itself: its renderer, its document cache's renders in
# flight, its Redis client, its mail thread.
PER_PROCESS = ("exitcoach.pdf", "exitcoach.pdf_ready", "exitcoach.redis")


def render_workers_per_process(workers: int, cores: int | None = None) -> int:
    """Render processes for each of `workers` server processes: the cores shared out, ≥ 1."""
    return max(1, (cores or os.cpu_count() or 1) // max(workers, 1))


class Server(BaseApplication):
    """gunicorn running an app that is already built (preloaded, then forked)."""

    def __init__(self, app: Flask, options: dict):
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self.application


def options(app: Flask, host: str, port: int, workers: int, threads: int) -> dict:
    """gunicorn's settings for `exitcoach serve --workers N`."""

    def post_fork(_server, _worker) -> None:
        from app import pdf
        from app.extensions import db

        with app.app_context():
            db.engine.dispose(close=False)  # the parent's connections are not ours to use
        for inherited in PER_PROCESS:  # made anew in this process on first use
            app.extensions.pop(inherited, None)
        pdf.renderer(app).start()  # this process's render workers, or the RQ queue

    def worker_exit(_server, _worker) -> None:
        from app import pdf

        pdf.renderer(app).shutdown()

    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "preload_app": True,
        # A download waits for its PDF: allow the render's time limit and then some.
        "timeout": int(app.config["PDF_TIME_LIMIT"] * 2 + 30),
        "graceful_timeout": 30,
        "keepalive": 5,
        # EXITCOACH_ACCESS_LOG: a file, or "-" for the standard output; each line names the
        # process that answered.
        "accesslog": os.environ.get("EXITCOACH_ACCESS_LOG") or None,
        "access_log_format": '%(h)s "%(r)s" %(s)s %(b)s %(M)sms pid=%(p)s',
        "errorlog": "-",
        "proc_name": "exitcoach",
        "control_socket_disable": True,
        "post_fork": post_fork,
        "worker_exit": worker_exit,
        # Behind a proxy the address of the visitor comes from EXITCOACH_PROXIES (ProxyFix,
        # app/security.py), never from gunicorn's own guess.
        "forwarded_allow_ips": "127.0.0.1",
    }


def run(app: Flask, host: str, port: int, workers: int, threads: int) -> None:
    """Serve `app` with gunicorn until stopped (SIGTERM or Ctrl+C stop every process)."""
    if not os.environ.get("EXITCOACH_PDF_WORKERS"):
        app.config["PDF_WORKERS"] = render_workers_per_process(workers)
    # What the parent has loaded is shared by every process after the fork: keep it out of the
    # collector's passes, so they do not touch (and so copy) those pages.
    gc.collect()
    gc.freeze()
    Server(app, options(app, host, port, workers, threads)).run()
