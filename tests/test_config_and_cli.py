"""Configuration from the environment, the database setup, /healthz and the exitcoach command."""

from __future__ import annotations

import io
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from app import create_app
from app.cli import main
from app.config import database_url
from app.extensions import db
from tests.conftest import TEST_DATABASE_URL, Actions
from tests.serving import exitcoach_serve

ROOT = Path(__file__).resolve().parents[1]


def test_a_missing_secret_is_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    instance = tmp_path / "instance"
    first = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"}, instance_path=str(instance))
    second = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"}, instance_path=str(instance))
    key_file = instance / "secret_key"
    assert len(first.config["SECRET_KEY"]) >= 40
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert key_file.read_text() == first.config["SECRET_KEY"]
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_secret_key_and_database_come_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("DATABASE_URL", "postgresql://someone@db.example/exits")
    app = create_app(instance_path=str(tmp_path / "instance"))
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://someone@db.example/exits"
    assert not (tmp_path / "instance" / "secret_key").exists()


def test_the_default_database_is_sqlite_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert database_url(tmp_path) == f"sqlite:///{tmp_path / 'exitcoach.sqlite3'}"


@pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="SQLite pragmas; this run is on PostgreSQL")
def test_sqlite_uses_wal_and_waits_for_locks(app):
    with app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_healthz_answers_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_healthz_says_503_when_the_database_is_gone(make_app, tmp_path):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/missing-dir/none.db")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503


def test_the_migrations_build_the_schema_and_can_go_back_down(tmp_path):
    from flask_migrate import downgrade, upgrade

    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/m.db", "SECRET_KEY": "x"},
        instance_path=str(tmp_path / "i"),
    )
    with app.app_context():
        upgrade()
        tables = set(db.inspect(db.engine).get_table_names())
        assert {"users", "plans", "login_sessions", "login_failures"} <= tables
        downgrade(revision="base")
        assert set(db.inspect(db.engine).get_table_names()) <= {"alembic_version"}
        db.engine.dispose()


def test_the_cli_explains_itself(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "serve" in out and "user" in out
    with pytest.raises(SystemExit):
        main(["user", "create", "--help"])
    assert "--password-stdin" in capsys.readouterr().out


def test_user_create_makes_an_account_that_can_log_in(app, database_url, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("SECRET_KEY", "cli-test")
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long passphrase\n"))
    assert main(["user", "create", "coach@example.com", "--password-stdin"]) == 0
    assert "created user coach@example.com" in capsys.readouterr().out
    login = Actions(app.test_client()).login("coach@example.com", "a long passphrase")
    assert login.status_code == 302


def test_user_create_refuses_a_short_password_or_a_taken_address(database_url, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("SECRET_KEY", "cli-test")
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert main(["user", "create", "coach@example.com", "--password-stdin"]) == 2
    assert "at least 10 characters" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long passphrase\n"))
    assert main(["user", "create", "coach@example.com", "--password-stdin"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long passphrase\n"))
    assert main(["user", "create", "coach@example.com", "--password-stdin"]) == 2
    assert "already exists" in capsys.readouterr().err


def test_exitcoach_serve_migrates_and_serves_with_a_production_server(tmp_path):
    """A brand-new database: serve brings the schema up and answers /healthz."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path}/fresh.db",
        "SECRET_KEY": "serve-test",
    }
    with exitcoach_serve(env, tmp_path) as served:
        assert served.status == 200
        assert served.headers["Server"] == "exitcoach"  # waitress, not the Flask dev server
    output = served.output
    assert "Running upgrade" in output or "running on http://127.0.0.1" in output.lower()
    # the PDF workers were started and warmed before the server took its first request
    assert re.search(r"PDF rendering: \d+ worker process\(es\)", output)
    assert output.index("PDF rendering") < output.index("is running on")


@pytest.mark.parametrize("command", ["pdf", "analyze"])
def test_pdf_and_analyze_start_without_the_web_stack(tmp_path, command):
    """`exitcoach pdf` and `exitcoach analyze` need neither Flask nor the database layer, and
    do not import them (they cost a cold start more than half a second)."""
    plan = Path(__file__).resolve().parents[1] / "content/examples/en-northwind-retail.json"
    args = [command, str(plan)] + (["-o", str(tmp_path / "plan.pdf")] if command == "pdf" else [])
    script = (
        "import sys, contextlib, io\n"
        "from app.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    status = main({args!r})\n"
        "web = {'flask', 'sqlalchemy', 'alembic', 'flask_sqlalchemy', 'wtforms', 'redis', 'rq'}\n"
        "print(status, sorted(web & {m.split('.')[0] for m in sys.modules}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert done.stdout.strip() == "0 []", done.stdout + done.stderr
