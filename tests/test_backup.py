"""Backups: `exitcoach backup FILE` while people go on saving, `exitcoach restore FILE` into an
empty database with nothing missing, and every refusal as one clear line (exit status 2).

On SQLite in the normal run; on PostgreSQL (pg_dump, pg_restore) in the run with
TEST_DATABASE_URL, where CI must have pg_dump: there a missing pg_dump fails, never skips."""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import sqlite3
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
from alembic.script import ScriptDirectory
from flask_migrate import upgrade
from sqlalchemy import MetaData, create_engine, make_url, select, text
from werkzeug.security import generate_password_hash

from app import backup, create_app
from app.cli import main
from app.extensions import db
from tests.conftest import TEST_DATABASE_URL, Actions, example_plan
from tests.portfolio_helpers import EXCEL_NL
from tests.serving import exitcoach_serve

ROOT = Path(__file__).resolve().parents[1]
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


def migrate(url: str, tmp_path: Path, revision: str = "head", then=None) -> None:
    """Build the schema of `revision` on the database at `url`; `then(db)` adds rows to it."""
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x"},
        instance_path=str(tmp_path / "instance"),
    )
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory, revision=revision)
        if then:
            then(db)
        db.session.remove()
        db.engine.dispose()


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
    whole = empty_database()
    assert restore(whole, quiet, monkeypatch) == 0
    assert contents(whole) == source

    # Each backup taken while she typed holds every draft acknowledged before it began, with
    # the version that draft got, and everything else exactly as it was.
    start_version = next(row.version for row in first_version if row.id == plan_id)
    for target, acked_before, sent_by_end in taken:
        restored = empty_database()
        assert restore(restored, target, monkeypatch) == 0
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
    ann_sees(whole, tmp_path, plan_id, typist.acked)


def restore(url: str, backup_file: Path, monkeypatch) -> int:
    """`exitcoach restore FILE` with DATABASE_URL=url (in this process: quicker)."""
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("SECRET_KEY", "backup-test")
    return main(["restore", str(backup_file)])


def ann_sees(restored: str, cwd: Path, plan_id: int, draft: int):
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


@pytest.fixture
def cli(monkeypatch, capsys):
    """`cli(url, "backup", FILE)`: the exit status and the one line printed on stderr."""

    def run(url: str, *args: str) -> tuple[int, str]:
        monkeypatch.setenv("DATABASE_URL", url)
        monkeypatch.setenv("SECRET_KEY", "backup-test")
        status = main(list(args))
        return status, capsys.readouterr().err.strip()

    return run


def test_restore_wants_an_empty_database(ann, database_url, empty_database, cli, tmp_path):
    assert cli(database_url, "backup", str(tmp_path / "ann.backup"))[0] == 0
    status, said = cli(database_url, "restore", str(tmp_path / "ann.backup"))
    assert status == 2
    assert said == "exitcoach: the database already has data: restore needs an empty one"

    schema_only = empty_database()
    migrate(schema_only, tmp_path)
    status, said = cli(schema_only, "restore", str(tmp_path / "ann.backup"))
    assert status == 2
    assert "already has Exit Coach's tables (with no data in them)" in said
    assert contents(schema_only)["users"] == []


def test_a_backup_of_the_other_database_kind_is_refused(tmp_path, cli):
    sqlite_file = tmp_path / "sqlite.backup"
    made = sqlite3.connect(sqlite_file)
    made.execute("CREATE TABLE alembic_version (version_num TEXT)")
    made.close()
    dump = tmp_path / "postgres.backup"
    dump.write_bytes(b"PGDMP\x01\x0f\x00" + bytes(200))

    status, said = cli(f"sqlite:///{tmp_path}/new.sqlite3", "restore", str(dump))
    assert status == 2
    assert said == (
        f"exitcoach: {dump} is a backup of PostgreSQL, but this database is SQLite: "
        "restore it into an empty PostgreSQL database (set DATABASE_URL to one)"
    )
    assert not (tmp_path / "new.sqlite3").exists()
    status, said = cli("postgresql://nobody@127.0.0.1:1/none", "restore", str(sqlite_file))
    assert status == 2
    assert "is a backup of SQLite, but this database is PostgreSQL" in said


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file: {file}"),
        (b"name,revenue\nAcme,1000\n", "{file} is not an Exit Coach backup"),
        (b"SQLite format 3\x00" + bytes(90), "cannot read {file}"),
    ],
    ids=["missing", "a CSV", "a broken SQLite file"],
)
def test_restore_refuses_a_file_that_is_no_backup(tmp_path, cli, content, message):
    file = tmp_path / "the.backup"
    if content is not None:
        file.write_bytes(content)
    url = f"sqlite:///{tmp_path}/new.sqlite3"
    status, said = cli(url, "restore", str(file))
    assert status == 2
    assert said.startswith("exitcoach: " + message.format(file=file))


def test_a_backup_that_cannot_be_written_leaves_nothing_behind(ann, database_url, cli, tmp_path):
    backups = tmp_path / "backups"
    backups.mkdir()
    (backups / "a-file").write_text("not a folder")
    for target in (backups / "no-such-folder" / "x.backup", backups / "a-file" / "x.backup"):
        status, said = cli(database_url, "backup", str(target))
        assert status == 2
        assert said.startswith(f"exitcoach: cannot write {target}: ")

    # A failed backup keeps yesterday's file as it was, and no half file lies beside it.
    yesterday = backups / "exitcoach.backup"
    yesterday.write_bytes(b"yesterday's backup")
    status, said = cli(f"sqlite:///{tmp_path}/gone.sqlite3", "backup", str(yesterday))
    assert status == 2
    assert (
        said
        == f"exitcoach: the database {tmp_path}/gone.sqlite3 does not exist: nothing to back up"
    )
    assert yesterday.read_bytes() == b"yesterday's backup"
    assert sorted(p.name for p in backups.iterdir()) == ["a-file", "exitcoach.backup"]


def test_without_pg_dump_the_backup_says_what_to_install(tmp_path, cli, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    status, said = cli("postgresql://someone@db.example/exits", "backup", str(tmp_path / "b"))
    assert status == 2
    assert said == (
        "exitcoach: pg_dump is not on the PATH: install postgresql-client "
        "(the version of your PostgreSQL server or newer)"
    )


def test_a_pg_dump_older_than_the_server_is_refused_before_it_runs():
    assert backup.version_mismatch(14, 15) == (
        "pg_dump 14 cannot dump a PostgreSQL 15 server: install postgresql-client-15 "
        "(or newer) and put its pg_dump on the PATH"
    )
    assert backup.version_mismatch(15, 15) is None
    assert backup.version_mismatch(16, 15) is None


@pytest.mark.skipif(not TEST_DATABASE_URL, reason="needs the PostgreSQL server")
def test_an_old_pg_dump_on_the_path_gets_the_version_message(
    database_url, cli, tmp_path, monkeypatch
):
    fake = tmp_path / "bin" / "pg_dump"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake.parent))
    status, said = cli(database_url, "backup", str(tmp_path / "b"))
    assert status == 2
    assert re.fullmatch(r"exitcoach: pg_dump 9 cannot dump a PostgreSQL \d+ server: .*", said)


def test_a_backup_of_an_older_version_is_restored_and_brought_up_to_date(
    empty_database, cli, tmp_path, needs_pg_dump
):
    older = empty_database()

    def ann_signed_up(db):
        db.session.execute(
            text(
                "INSERT INTO users (email, password_hash, locale, created_at) "
                "VALUES ('ann@example.com', :hash, 'en', :now)"
            ),
            {"hash": generate_password_hash(PASSWORD, "pbkdf2:sha256:1"), "now": datetime.now()},
        )
        db.session.commit()

    migrate(older, tmp_path, "0005", then=ann_signed_up)
    assert cli(older, "backup", str(tmp_path / "old.backup"))[0] == 0

    restored = empty_database()
    assert cli(restored, "restore", str(tmp_path / "old.backup")) == (0, "")
    head = ScriptDirectory(str(ROOT / "migrations")).get_current_head()
    assert contents(restored)["alembic_version"] == [(head,)]
    app = create_app(
        {"TESTING": True, "SQLALCHEMY_DATABASE_URI": restored, "SECRET_KEY": "x"},
        instance_path=str(tmp_path / "instance"),
    )
    try:
        assert Actions(app.test_client()).login("ann@example.com", PASSWORD).status_code == 302
    finally:
        with app.app_context():
            db.engine.dispose()


def test_a_backup_from_a_newer_version_is_refused(empty_database, cli, tmp_path, needs_pg_dump):
    newer = empty_database()
    migrate(newer, tmp_path)
    engine = create_engine(newer)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    engine.dispose()
    assert cli(newer, "backup", str(tmp_path / "new.backup"))[0] == 0

    restored = empty_database()
    status, said = cli(restored, "restore", str(tmp_path / "new.backup"))
    assert status == 2
    assert said == (
        f"exitcoach: {tmp_path}/new.backup comes from a newer Exit Coach "
        "(schema 9999_from_the_future): upgrade Exit Coach first, then restore"
    )
    assert contents(restored) == {}
