"""Backups: `exitcoach backup FILE` while people go on saving, `exitcoach restore FILE` into an
empty database with nothing missing, and every refusal as one clear line (exit status 2).

On SQLite in the normal run; on PostgreSQL (pg_dump, pg_restore) in the run with
TEST_DATABASE_URL, where CI must have pg_dump: there a missing pg_dump fails, never skips."""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, make_url, select, text
from werkzeug.security import generate_password_hash

from app import backup, create_app
from app.cli import main
from app.extensions import db
from tests.conftest import TEST_DATABASE_URL, Actions, example_plan
from tests.portfolio_helpers import EXCEL_NL
from tests.serving import exitcoach_serve

EXE = Path(sys.executable).with_name("exitcoach")
PASSWORD = "correct horse battery"  # the one Actions.register uses
DRAFT_RE = re.compile(r"Lesson draft (\d+)\.")


@pytest.fixture
def needs_pg_dump():
    """On the PostgreSQL run a backup needs pg_dump: CI must have it (.ci/run installs
    postgresql-client); on a laptop without it the test says so and is skipped."""
    if TEST_DATABASE_URL and shutil.which("pg_dump") is None:
        if os.environ.get("CI"):
            pytest.fail("pg_dump is not on the PATH: CI must test PostgreSQL backups")
        pytest.skip("pg_dump is not on the PATH (install postgresql-client)")


@pytest.fixture
def empty_database(migrated_database, tmp_path):
    """`empty_database()`: the URL of a new, empty database of the kind this run tests (a new
    SQLite file, or a new PostgreSQL database beside the test database); dropped afterwards."""
    made = []

    def make() -> str:
        suffix = len(made) or ""
        if not TEST_DATABASE_URL:
            made.append(tmp_path / f"restored{suffix}.sqlite3")
            return f"sqlite:///{made[-1]}"
        base = make_url(migrated_database)
        made.append(f"{base.database}_restore{suffix}")
        _admin(base, f'DROP DATABASE IF EXISTS "{made[-1]}" WITH (FORCE)')
        _admin(base, f'CREATE DATABASE "{made[-1]}"')
        return base.set(database=made[-1]).render_as_string(hide_password=False)

    yield make
    if TEST_DATABASE_URL:
        for name in made:
            _admin(make_url(migrated_database), f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _admin(url, statement: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(statement))
    engine.dispose()


def exitcoach(env: dict, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(EXE), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120
    )


def contents(url: str) -> dict[str, list[tuple]]:
    """Every table's rows, in a stable order: what 'nothing missing' is compared on."""
    engine = create_engine(url)
    tables = MetaData()
    tables.reflect(engine)
    with engine.connect() as conn:
        found = {
            name: sorted(conn.execute(select(table)).all(), key=repr)
            for name, table in tables.tables.items()
        }
    engine.dispose()
    return found


class Browser:
    """Someone logged in over HTTP against the real server, saving as the page's htmx does."""

    def __init__(self, base: str):
        self.base = base
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        self.token = ""

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.read().decode()

    def post(self, path: str, fields: dict, headers: dict | None = None) -> int:
        data = urllib.parse.urlencode({"csrf_token": self.token, **fields}).encode()
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        with self.opener.open(request, timeout=30) as response:
            response.read()
            return response.status

    def login(self, email: str) -> None:
        page = self.get("/login")
        self.token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page)[1]
        self.post("/login", {"email": email, "password": PASSWORD})
        page = self.get("/plans").replace("&#34;", '"')
        self.token = re.search(r'"X-CSRFToken": ?"([^"]+)"', page)[1]


class Typist(threading.Thread):
    """Ann writing her lessons: an htmx autosave every 20 ms until stopped. `acked` is the
    last draft the server acknowledged, `started` the last one sent."""

    def __init__(self, browser: Browser, plan_id: int):
        super().__init__(daemon=True)
        self.browser, self.plan_id = browser, plan_id
        self.acked = self.started = 0
        self.errors: list[str] = []
        self.running = threading.Event()
        self.running.set()

    def run(self) -> None:
        htmx = {"HX-Request": "true", "X-CSRFToken": self.browser.token}
        while self.running.is_set():
            self.started += 1
            fields = {"lessons": f"Lesson draft {self.started}."}
            try:
                status = self.browser.post(f"/plans/{self.plan_id}/steps/lessons", fields, htmx)
            except (urllib.error.URLError, OSError) as exc:
                self.errors.append(f"draft {self.started}: {exc}")
            else:
                if status == 200:
                    self.acked = self.started
                else:
                    self.errors.append(f"draft {self.started}: status {status}")
            time.sleep(0.02)

    def stop(self) -> None:
        self.running.clear()
        self.join(timeout=30)


def fill_the_house(person, coach, monkeypatch, database_url) -> int:
    """Accounts, plans, a portfolio and a workshop with a participant's shared case; returns
    the id of Ann's plan, the one she goes on typing in."""
    ann = person("ann@example.com")
    plan_id = ann.import_plan(example_plan("en-northwind-retail"))
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("SECRET_KEY", "backup-test")
    assert main(["portfolio", "import", str(EXCEL_NL), "--user", "ann@example.com"]) == 0
    workshop_id = coach.new_workshop()
    bo = person("bo@example.com")
    assert bo.join(coach.code_of(workshop_id)).status_code == 302
    case = bo.own_case(workshop_id, "exit")
    assert bo.save_step(case, "client", {"client_name": "Bo's case"}).status_code == 200
    assert bo.share(workshop_id, case).status_code == 302
    return plan_id


def test_a_backup_taken_while_ann_types_restores_with_nothing_missing(
    person, coach, monkeypatch, database_url, empty_database, tmp_path, needs_pg_dump
):
    plan_id = fill_the_house(person, coach, monkeypatch, database_url)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "backup-test",
        "EXITCOACH_PDF_WORKERS": "0",
    }
    taken = []  # (file, last draft acknowledged before it began, last draft sent when it ended)
    with exitcoach_serve(env, tmp_path) as served:
        browser = Browser(served.base)
        browser.login("ann@example.com")
        first_version = contents(database_url)["plans"]
        typist = Typist(browser, plan_id)
        typist.start()
        while typist.acked < 5:
            time.sleep(0.05)
        for n in range(1, 4):
            target = tmp_path / f"during-{n}.backup"
            before = typist.acked
            done = exitcoach(env, tmp_path, "backup", str(target))
            taken.append((target, before, typist.started))
            assert done.returncode == 0, done.stderr
            assert f"wrote {target}" in done.stdout
            time.sleep(0.3)
        typist.stop()
        assert typist.errors == []
        assert typist.acked > taken[-1][2], "Ann kept typing through every backup"
        quiet = tmp_path / "quiet.backup"
        assert exitcoach(env, tmp_path, "backup", str(quiet)).returncode == 0
        source = contents(database_url)
    assert not list(tmp_path.glob(".*.partial")), "no half-written file left behind"
    for table in ("users", "plans", "portfolio_clients", "workshops", "workshop_plans"):
        assert source[table], f"the test database has {table}"

    # The backup taken after the typing stopped is the database, table by table, row by row.
    restored = empty_database()
    done = exitcoach({**env, "DATABASE_URL": restored}, tmp_path, "restore", str(quiet))
    assert done.returncode == 0, done.stderr
    assert "schema up to date" in done.stdout
    assert contents(restored) == source

    # Each backup taken while she typed holds every draft acknowledged before it began, with
    # the version that draft got, and everything else exactly as it was.
    start_version = next(row.version for row in first_version if row.id == plan_id)
    for target, acked_before, sent_by_end in taken:
        restored = empty_database()
        done = exitcoach({**env, "DATABASE_URL": restored}, tmp_path, "restore", str(target))
        assert done.returncode == 0, done.stderr
        copy = contents(restored)
        assert set(copy) == set(source)
        for table in set(source) - {"plans", "login_sessions"}:
            assert copy[table] == source[table], table
        assert [row.id for row in copy["login_sessions"]] == [
            row.id for row in source["login_sessions"]
        ]
        others = [row for row in copy["plans"] if row.id != plan_id]
        assert others == [row for row in source["plans"] if row.id != plan_id]
        (typed,) = [row for row in copy["plans"] if row.id == plan_id]
        draft = int(DRAFT_RE.search(str(typed.data))[1])
        assert acked_before <= draft <= sent_by_end
        assert typed.version == start_version + draft

    # And Ann can log in to the restored database and read her last words.
    ann_sees(empty_database(), quiet, env, tmp_path, plan_id, typist.acked)


def ann_sees(restored: str, backup_file: Path, env: dict, cwd: Path, plan_id: int, draft: int):
    done = exitcoach({**env, "DATABASE_URL": restored}, cwd, "restore", str(backup_file))
    assert done.returncode == 0, done.stderr
    app = create_app(
        {"TESTING": True, "SQLALCHEMY_DATABASE_URI": restored, "SECRET_KEY": "x", "PDF_WORKERS": 0},
        instance_path=str(cwd / "instance"),
    )
    try:
        ann = Actions(app.test_client())
        assert ann.login("ann@example.com", PASSWORD).status_code == 302
        page = ann.client.get(f"/plans/{plan_id}/steps/lessons").get_data(as_text=True)
        assert f"Lesson draft {draft}." in page
    finally:
        with app.app_context():
            db.engine.dispose()
