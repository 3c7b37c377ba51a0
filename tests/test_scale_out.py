"""Every core (issue 15, point 1): `exitcoach serve --workers 2` runs gunicorn in two
processes that share nothing but the database, and a user cannot tell which one answers."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import redis as redis_py
from sqlalchemy import create_engine, make_url, text

from app.server import render_workers_per_process
from tests.conftest import REDIS_URL, TEST_DATABASE_URL, _pg_url
from tests.serving import Browser, downloads_at_once, exitcoach_serve

PASSWORD = "correct horse battery"


def _two_processes(database_url: str, tmp_path):
    """The real server in two processes on the test's database (PostgreSQL in CI's second run)."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "two-processes",
        "EXITCOACH_ACCESS_LOG": "-",
        "EXITCOACH_PDF_WORKERS": "1",
        "EXITCOACH_LOGIN_MAX_FAILURES": "5",
    }
    env.pop("REDIS_URL", None)
    return exitcoach_serve(env, tmp_path, args=("--workers", "2", "--threads", "8"))


@pytest.fixture
def two_processes(database_url, tmp_path):
    with _two_processes(database_url, tmp_path) as served:
        yield served


def _register(base: str, email: str) -> Browser:
    browser = Browser(base)
    page = browser.get("/register").read().decode()
    browser.token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page)[1]
    browser.post("/register", {"email": email, "password": PASSWORD}).read()
    page = browser.get("/plans").read().decode()
    browser.token = re.search(r'"X-CSRFToken": ?"([^"]+)"', page.replace("&#34;", '"'))[1]
    return browser


def _status(call) -> int:
    try:
        with call() as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_login_and_its_csrf_token_hold_in_either_process(database_url, tmp_path):
    with _two_processes(database_url, tmp_path) as served:
        ann = _register(served.base, "ann@example.com")
        made = ann.post("/plans", {"client_name": "Acme Logistics"})
        plan_id = int(made.geturl().rstrip("/").rsplit("/", 1)[1])
        htmx = {"HX-Request": "true", "X-CSRFToken": ann.token}
        # every request on a new connection: the two processes take them as they come
        for n in range(30):
            with ann.post(
                f"/plans/{plan_id}/steps/lessons", {"lessons": f"note {n}"}, headers=htmx
            ) as saved:
                assert saved.status == 200
        page = ann.get(f"/plans/{plan_id}/steps/lessons").read().decode()
        assert "note 29" in page
        # each process made its own render worker after the fork: the PDF comes
        with ann.get(f"/plans/{plan_id}/plan.pdf") as download:
            assert download.status == 200
            assert download.read().startswith(b"%PDF")
    answered_by = set(re.findall(r"pid=<(\d+)>", served.output))
    assert len(answered_by) == 2, served.output[-2000:]


def test_the_login_limit_holds_across_processes(two_processes):
    _register(two_processes.base, "ann@example.com")
    guesses = [Browser(two_processes.base) for _ in range(30)]
    for browser in guesses:
        page = browser.get("/login").read().decode()
        browser.token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page)[1]
    start = threading.Barrier(len(guesses))

    def attempt(n: int) -> int:
        start.wait()
        return _status(
            lambda: guesses[n].post(
                "/login", {"email": "ann@example.com", "password": f"guess {n}"}
            )
        )

    with ThreadPoolExecutor(len(guesses)) as pool:
        statuses = sorted(pool.map(attempt, range(len(guesses))))
    assert statuses == [422] * 5 + [429] * 25


def test_the_cores_are_shared_out_between_the_processes_render_workers():
    assert render_workers_per_process(2, cores=2) == 1
    assert render_workers_per_process(2, cores=8) == 4
    assert render_workers_per_process(4, cores=2) == 1  # never none


# ---- the real stack: gunicorn ×2, RQ workers ×2, Redis, the database --------------------------


def _rq_workers(env: dict, cwd, processes: int):
    exe = Path(sys.executable).with_name("exitcoach")
    return subprocess.Popen(
        [str(exe), "worker", "--processes", str(processes)],
        env=env,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
    )


@pytest.fixture
def postgresql_database():
    """A new, empty database on the PostgreSQL server (whichever run this is: the scale-out
    stack is PostgreSQL's; `exitcoach serve` builds the schema), dropped afterwards."""
    base = make_url(_pg_url(TEST_DATABASE_URL or "postgresql://postgres@127.0.0.1:5432/test"))
    name = f"exitcoach_stack_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield base.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_a_workshops_thirty_exports_at_once_with_autosaves_running_all_succeed(
    postgresql_database, tmp_path
):
    """What CI runs of the scale-out set-up (docs/deploy.md): PostgreSQL, Redis, gunicorn ×2
    and two render workers. Thirty participants press "Download PDF" at the same moment while
    another keeps typing: every PDF comes and every autosave is stored; how fast is the
    benchmark's business (bench/scale_bench.py). It needs no test database of its own, so it
    runs once, in the first run of the suite, always on PostgreSQL."""
    database_url = postgresql_database
    prefix = f"exitcoach-test:{uuid.uuid4().hex[:12]}:"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "the-real-stack",
        "REDIS_URL": REDIS_URL,
        "EXITCOACH_REDIS_PREFIX": prefix,
        "EXITCOACH_PDF_WORKERS": "2",
    }
    workers = _rq_workers(env, tmp_path, 2)
    try:
        with exitcoach_serve(env, tmp_path, args=("--workers", "2", "--threads", "24")) as served:
            ann = _register(served.base, "ann@example.com")
            plan_ids = []
            for n in range(30):
                with ann.post("/plans", {"client_name": f"Participant {n} BV"}) as made:
                    plan_ids.append(int(made.geturl().rstrip("/").rsplit("/", 1)[1]))
            typist = _register(served.base, "bo@example.com")
            with typist.post("/plans", {"client_name": "Typist BV"}) as made:
                typed_plan = int(made.geturl().rstrip("/").rsplit("/", 1)[1])

            saving, saves = threading.Event(), []
            saving.set()

            def type_along() -> None:
                htmx = {"HX-Request": "true", "X-CSRFToken": typist.token}
                n = 0
                while saving.is_set():
                    n += 1
                    saves.append(
                        _status(
                            lambda n=n: typist.post(
                                f"/plans/{typed_plan}/steps/lessons",
                                {"lessons": f"draft {n}"},
                                headers=htmx,
                            )
                        )
                    )
                    time.sleep(0.05)

            typing = threading.Thread(target=type_along)
            typing.start()
            try:
                _began, _ended, answers = downloads_at_once(
                    [(ann, f"/plans/{plan_id}/plan.pdf") for plan_id in plan_ids]
                )
            finally:
                saving.clear()
                typing.join(30)
            assert [status for status, _seconds in answers] == [200] * 30
            assert saves and set(saves) == {200}, saves
            # and the last draft is what the plan holds
            page = typist.get(f"/plans/{typed_plan}/steps/lessons").read().decode()
            assert f"draft {len(saves)}" in page
    finally:
        workers.send_signal(signal.SIGTERM)
        workers.wait(60)
        connection = redis_py.Redis.from_url(REDIS_URL)
        keys = list(connection.scan_iter(match=f"*{prefix}*"))
        if keys:
            connection.delete(*keys)
