"""Fixtures: a fresh database per test (built by the migrations), an app, and user actions."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from app import create_app
from app.extensions import db
from app.schema import upgrade_schema

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
# The real Redis of this machine and CI, for the Redis-backed parts (none is a failure).
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
TABLES = (
    "join_failures",
    "login_failures",
    "login_sessions",
    "plans",
    "reset_requests",
    "users",
)


def _pg_url(url: str) -> str:
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def _worker_database(url: str) -> str:
    """With pytest-xdist each worker gets a database of its own on the same server (`test` →
    `test_gw0`, `test_gw1`), created when missing, so workers never drop each other's schema."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    base = make_url(url)
    name = f"{base.database}_{worker}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        if exists.scalar() is None:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory):
    """Run every migration once on an empty database; tests start from copies of it."""
    if TEST_DATABASE_URL:
        url = _worker_database(_pg_url(TEST_DATABASE_URL))
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        app = create_app(
            {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "test"},
            instance_path=str(tmp_path_factory.mktemp("instance")),
        )
        upgrade_schema(app)
        with app.app_context():
            db.engine.dispose()
        return url
    template = tmp_path_factory.mktemp("db") / "template.sqlite3"
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{template}", "SECRET_KEY": "test"},
        instance_path=str(tmp_path_factory.mktemp("instance")),
    )
    upgrade_schema(app)
    with app.app_context():
        db.engine.dispose()
    return template


@pytest.fixture
def database_url(migrated_database, tmp_path):
    """A fresh, migrated, empty database for one test."""
    if TEST_DATABASE_URL:
        yield migrated_database
        engine = create_engine(migrated_database)
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))
        engine.dispose()
        return
    path = tmp_path / "test.sqlite3"
    shutil.copy(migrated_database, path)
    yield f"sqlite:///{path}"


@pytest.fixture
def make_app(database_url, tmp_path):
    """Build an app on the test database; call it with config overrides."""
    apps = []

    def _make(**overrides):
        config = {
            "TESTING": True,
            "PDF_WORKERS": 0,  # render in the test process; the pool has its own tests
            # Documents are not made in the background unless a test asks for it (it would
            # only cost the suite time); the cache is the test's own instance folder.
            "PDF_PRERENDER": False,
            "REDIS_URL": None,  # tests of the Redis-backed parts set their own
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": database_url,
            **overrides,
        }
        app = create_app(config, instance_path=str(tmp_path / "instance"))
        apps.append(app)
        return app

    yield _make
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


CSRF_RE = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def csrf_token(client, page: str = "/login") -> str:
    """The CSRF token of the client's session, read from a form on `page`."""
    html = client.get(page, follow_redirects=True).get_data(as_text=True)
    match = CSRF_RE.search(html)
    assert match, f"no csrf_token on {page}"
    return match.group(1)


class Actions:
    """What a user does, as one-liners for the tests (like flaskr's AuthActions)."""

    def __init__(self, client):
        self.client = client

    def post(self, url: str, data: dict | None = None, *, htmx: bool = False, **kwargs):
        token = csrf_token(self.client)
        headers = kwargs.pop("headers", {})
        if htmx:
            headers = {"HX-Request": "true", "X-CSRFToken": token, **headers}
        return self.client.post(
            url, data={"csrf_token": token, **(data or {})}, headers=headers, **kwargs
        )

    def register(self, email="ann@example.com", password="correct horse battery"):
        return self.post("/register", {"email": email, "password": password})

    def login(self, email="ann@example.com", password="correct horse battery"):
        return self.post("/login", {"email": email, "password": password})

    def logout(self):
        return self.post("/logout")

    def create_plan(self, client_name="Acme Logistics") -> int:
        response = self.post("/plans", {"client_name": client_name})
        assert response.status_code == 302, response.get_data(as_text=True)
        return int(response.headers["Location"].rsplit("/", 1)[1])

    def import_plan(self, document: dict) -> int:
        """Upload a plan file, as on the dashboard; returns the new plan's id."""
        token = csrf_token(self.client)
        body = json.dumps(document).encode()
        response = self.client.post(
            "/plans/import",
            data={"csrf_token": token, "plan_file": (io.BytesIO(body), "plan.json")},
            content_type="multipart/form-data",
        )
        assert response.status_code == 302, response.get_data(as_text=True)
        return int(response.headers["Location"].rsplit("/", 1)[1])

    def save_step(self, plan_id: int, step: str, data: dict, htmx: bool = True):
        """Save one wizard step as the page does: htmx autosave, or a plain submit."""
        return self.post(f"/plans/{plan_id}/steps/{step}", data, htmx=htmx)

    def switch_language(self, locale: str, next_url: str = "/plans"):
        return self.post("/language", {"locale": locale, "next": next_url})


@pytest.fixture
def user(client):
    return Actions(client)


@pytest.fixture
def ann(client):
    """A registered, logged-in user."""
    actions = Actions(client)
    actions.register()
    return actions


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A writable copy of content/, to break on purpose."""
    target = tmp_path / "content"
    shutil.copytree(Path(__file__).resolve().parents[1] / "content", target)
    return target


EXAMPLES = Path(__file__).resolve().parents[1] / "content" / "examples"


def example_plan(name: str) -> dict:
    """One of the example cases shipped in content/examples (e.g. "en-northwind-retail")."""
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture
def pool():
    """Make render pools for a test (`pool(size, queue, time_limit)`); all shut down after."""
    from app.pdf.pool import RenderPool

    pools = []

    def make(size=1, queue=0, time_limit=15.0, warm=True):
        made = RenderPool(size, queue, time_limit, warm=warm)
        made.start()
        pools.append(made)
        return made

    yield make
    for made in pools:
        made.shutdown()


@pytest.fixture
def person(app, monkeypatch):
    """`person("bo@example.com")`: a new browser with a registered, logged-in user (with the
    workshop actions of tests/workshop_helpers.py).

    Passwords are hashed with a single round here: a workshop test registers many people, and
    the strength of the hash is tested with the accounts."""
    from werkzeug.security import generate_password_hash

    from app.auth import accounts
    from tests.workshop_helpers import WorkshopActions

    monkeypatch.setattr(
        accounts,
        "generate_password_hash",
        lambda password: generate_password_hash(password, method="pbkdf2:sha256:1"),
    )

    def make(email: str, locale: str | None = None):
        actions = WorkshopActions(app.test_client())
        assert actions.register(email).status_code == 302
        if locale:
            actions.switch_language(locale)
        return actions

    return make


@pytest.fixture
def coach(person):
    return person("coach@example.com")


def pytest_collection_modifyitems(config, items):
    """On the PostgreSQL run (TEST_DATABASE_URL), only the tests that use the database.

    CI runs the suite on SQLite and then on PostgreSQL. A test without a database (the domain's
    unit tests, the content checks, the render pool, the Redis queue) gives the same answer on
    both runs, so it runs once, in the SQLite run; so do the browser tests, which drive the
    screens through the same views, forms and stores that the tests beside them run on both
    databases (the browser adds the layout and the scripts, which no database changes). Every
    other test that touches the database runs on both."""
    if not TEST_DATABASE_URL:
        return

    def on_both(item) -> bool:
        return "database_url" in getattr(item, "fixturenames", ()) and not item.get_closest_marker(
            "browser"
        )

    keep = [item for item in items if on_both(item)]
    dropped = [item for item in items if not on_both(item)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep
