"""The account page (issue 14): language, e-mail and password, the logins, the download of all
one's data and deleting the account, as the person using it sees them, on SQLite and (with
TEST_DATABASE_URL) on PostgreSQL."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, func, inspect, select, text

from app.domain import portfolio_csv
from app.domain.planfile import parse_plan_bytes
from app.extensions import db
from app.models import LoginSession, PasswordReset, Plan, User, WorkshopTriad
from app.portfolio import store as portfolio_store
from tests.conftest import Actions, csrf_token, example_plan
from tests.helpers import page_text, pdf_text, visible_text
from tests.portfolio_helpers import import_file
from tests.workshop_helpers import field_errors

PASSWORD = "correct horse battery"
FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
PORTFOLIO = (
    b"klant;jaaromzet;uren_per_week;belasting\r\n"
    b"Bakker & Zonen;12500,5;12;4\r\nDe Vries BV;8000;3,5;\r\n"
)


def user_id(app, email: str) -> int:
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.email == email))


def second_browser(app, email="ann@example.com", password=PASSWORD, agent=SAFARI) -> Actions:
    """The same person logged in from another browser."""
    other = Actions(app.test_client())
    other.client.environ_base["HTTP_USER_AGENT"] = agent
    assert other.login(email, password).status_code == 302
    return other


def logged_in(actions: Actions) -> bool:
    return actions.client.get("/plans").status_code == 200


# ---- who may open what ----------------------------------------------------------------------

ROUTES = [
    ("GET", "/account"),
    ("POST", "/account/language"),
    ("POST", "/account/email"),
    ("POST", "/account/password"),
    ("POST", "/account/logout-everywhere"),
    ("GET", "/account/export.zip"),
    ("GET", "/account/delete"),
    ("POST", "/account/delete"),
]


@pytest.mark.parametrize(("method", "url"), ROUTES, ids=[f"{m} {u}" for m, u in ROUTES])
def test_anonymous_visitors_are_sent_to_the_login(client, method, url):
    token = csrf_token(client)
    if method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, data={"csrf_token": token, "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_old_addresses_lead_to_the_account_page(ann):
    for old in ("/settings", "/profile"):
        response = ann.client.get(old)
        assert response.status_code == 301
        assert response.headers["Location"] == "/account"


def test_another_user_sees_and_downloads_only_their_own(app, ann):
    ann.create_plan("Ann's secret client")
    bo = Actions(app.test_client())
    bo.register("bo@example.com")
    bo.create_plan("Bo's client")

    page = page_text(bo.client.get("/account"))
    assert "bo@example.com" in page and "ann@example.com" not in page
    archive = zipfile.ZipFile(io.BytesIO(bo.client.get("/account/export.zip").data))
    names = " ".join(archive.namelist())
    assert "bo-s-client" in names and "secret" not in names
    assert "Ann" not in archive.read("README.txt").decode()

    # Bo deleting their account leaves Ann's alone.
    assert bo.post("/account/delete", {"password": PASSWORD}).status_code == 302
    assert logged_in(ann)
    assert "Ann&#39;s secret client" in ann.client.get("/plans").get_data(as_text=True)


# ---- the page, the language, the logins ------------------------------------------------------


def test_the_account_page_is_in_the_header_and_lists_the_logins(app, client):
    client.environ_base["HTTP_USER_AGENT"] = FIREFOX
    Actions(client).register()
    second_browser(app)
    page = client.get("/plans").get_data(as_text=True)
    assert 'href="/account"' in page
    text_ = page_text(client.get("/account"))
    assert "Logged in as ann@example.com." in text_
    assert "Firefox on Windows" in text_ and "This browser" in text_
    assert "Safari on iPhone" in text_


def test_the_language_is_saved_on_the_account(app, ann):
    response = ann.post("/account/language", {"locale": "nl"})
    assert response.status_code == 302
    assert "Je account" in page_text(ann.client.get("/account"))
    with app.app_context():
        assert db.session.scalar(select(User.locale)) == "nl"
    again = second_browser(app)
    assert "Je account" in page_text(again.client.get("/account"))


def test_a_language_that_is_not_offered_is_refused(ann):
    assert ann.post("/account/language", {"locale": "fr"}).status_code == 422


def test_log_out_everywhere_ends_every_login(app, ann):
    other = second_browser(app)
    response = ann.post("/account/logout-everywhere")
    assert response.headers["Location"] == "/login"
    assert not logged_in(ann) and not logged_in(other)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(LoginSession)) == 0


def test_a_login_notes_its_last_use_at_most_every_five_minutes(app, ann):
    """One UPDATE per login per five minutes, not one per request."""
    with app.app_context():
        updates = []
        event.listen(
            db.engine,
            "before_cursor_execute",
            lambda *args: (
                updates.append(args[2])
                if args[2].lstrip().upper().startswith("UPDATE LOGIN_SESSIONS")
                else None
            ),
        )
        for _ in range(3):
            assert ann.client.get("/plans").status_code == 200
        assert updates == []
        old = datetime.now(UTC) - timedelta(minutes=6)
        db.session.execute(LoginSession.__table__.update().values(last_seen_at=old))
        db.session.commit()
        updates.clear()
        for _ in range(3):
            assert ann.client.get("/plans").status_code == 200
        assert len(updates) == 1
        seen = db.session.scalar(select(LoginSession.last_seen_at))
        db.session.remove()
    seen = seen if seen.tzinfo else seen.replace(tzinfo=UTC)
    assert seen > old + timedelta(minutes=5)


# ---- e-mail and password ----------------------------------------------------------------------


def test_changing_the_email_needs_the_current_password(ann):
    response = ann.post("/account/email", {"email": "ann@new.example", "current_password": "nope"})
    assert response.status_code == 422
    assert field_errors(response)["current_password"] == "This is not your password."
    assert "ann@example.com" in page_text(ann.client.get("/account"))


def test_an_email_in_use_is_refused_next_to_the_field(app, ann):
    Actions(app.test_client()).register("bo@example.com")
    response = ann.post("/account/email", {"email": "Bo@Example.com", "current_password": PASSWORD})
    assert response.status_code == 422
    assert field_errors(response)["email"] == "Another account already uses this e-mail address."


def test_a_new_email_ends_the_other_logins_and_keeps_this_one(app, ann):
    other = second_browser(app)
    response = ann.post(
        "/account/email", {"email": "ann@new.example", "current_password": PASSWORD}
    )
    assert response.status_code == 302
    page = page_text(ann.client.get("/account"))
    assert "Your e-mail address is changed. Your other logins have ended." in page
    assert "ann@new.example" in page
    assert not logged_in(other)
    assert second_browser(app, "ann@new.example")


def test_a_new_password_ends_the_other_logins_and_unused_reset_links(app, ann):
    other = second_browser(app)
    with app.app_context():
        uid = db.session.scalar(select(User.id))
        expires = datetime.now(UTC) + timedelta(hours=1)
        db.session.add(PasswordReset(user_id=uid, token_hash="a" * 64, expires_at=expires))
        db.session.commit()
    new = "a much longer sentence"
    response = ann.post("/account/password", {"current_password": PASSWORD, "new_password": new})
    assert response.status_code == 302
    assert logged_in(ann) and not logged_in(other)
    assert Actions(app.test_client()).login(password=PASSWORD).status_code == 422
    assert second_browser(app, password=new)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PasswordReset)) == 0


@pytest.mark.parametrize(
    ("new_password", "message"),
    [
        ("short", "Use at least 10 characters; a short sentence is easy to remember."),
        ("", "Choose a new password."),
    ],
)
def test_a_weak_new_password_is_refused_next_to_the_field(ann, new_password, message):
    response = ann.post(
        "/account/password", {"current_password": PASSWORD, "new_password": new_password}
    )
    assert response.status_code == 422
    assert field_errors(response)["new_password"] == message


def test_guessing_the_current_password_locks_like_the_login(make_app):
    app = make_app(LOGIN_MAX_FAILURES=3, LOGIN_LOCK_MINUTES=15)
    ann = Actions(app.test_client())
    ann.register()
    for _ in range(3):
        wrong = {"current_password": "wrong guess", "new_password": "x" * 12}
        assert ann.post("/account/password", wrong).status_code == 422
    right = {"current_password": PASSWORD, "new_password": "x" * 12}
    response = ann.post("/account/password", right)
    assert response.status_code == 429
    assert "Wait 15 minutes" in field_errors(response)["current_password"]


# ---- download all my data ---------------------------------------------------------------------


def test_the_download_holds_every_plan_its_pdf_the_portfolio_and_a_readme(app, ann):
    first = ann.import_plan(example_plan("en-northwind-retail"))
    second = ann.create_plan("Bakker & Zonen")
    import_file(ann, PORTFOLIO)
    response = ann.client.get("/account/export.zip")
    assert response.status_code == 200
    assert response.is_streamed
    assert response.mimetype == "application/zip"
    assert "exitcoach-data-" in response.headers["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert archive.testzip() is None
    names = archive.namelist()
    assert names[:2] == ["README.txt", "portfolio.csv"]

    with app.app_context():
        model = app.extensions["exitcoach.content"].model
        stored = {p.id: (p.client_name, p.data) for p in db.session.scalars(select(Plan))}
    plan_files = sorted(n for n in names if n.endswith(".json"))
    pdfs = sorted(n for n in names if n.endswith(".pdf"))
    assert len(plan_files) == len(pdfs) == 2
    for plan_id, plan_file, pdf_file in zip((first, second), plan_files, pdfs, strict=True):
        name, data = stored[plan_id]
        document = parse_plan_bytes(archive.read(plan_file), model, "en")
        assert document["format"] == "exitcoach-plan/1"
        assert document["client"] == data["client"]
        body = archive.read(pdf_file)
        assert body.startswith(b"%PDF")
        assert name in pdf_text(body)
    assert plan_files[0].startswith("plans/001-")

    parsed = portfolio_csv.parse(archive.read("portfolio.csv"))
    with app.app_context():
        stored_rows = portfolio_store.rows_of(db.session.scalar(select(User)))
    assert [item.row for item in parsed.rows] == stored_rows
    assert [row.client for row in stored_rows] == ["Bakker & Zonen", "De Vries BV"]
    assert str(stored_rows[0].annual_revenue) == "12500.5"

    readme = archive.read("README.txt").decode("utf-8")
    assert readme.startswith("Your data from Exit Coach")
    assert "2 plans, each in a folder of its own" in readme
    assert "2 clients in portfolio.csv" in readme
    assert "- Bakker & Zonen: plans/002-bakker-zonen/" in readme


def test_the_download_speaks_dutch_for_a_dutch_user(app, ann):
    ann.switch_language("nl")
    ann.create_plan("Bakker & Zonen")
    response = ann.client.get("/account/export.zip")
    assert "exitcoach-gegevens-" in response.headers["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    readme = archive.read("README.txt").decode("utf-8")
    assert readme.startswith("Je gegevens uit Exit Coach")
    assert "1 plan, in een eigen map onder plans/" in readme
    assert "klantenbestand.csv" in archive.namelist()


def test_a_pdf_that_cannot_be_made_leaves_a_note_in_its_place(app, ann, monkeypatch):
    from app.pdf import RenderFailed, documents

    ann.create_plan("Bakker & Zonen")

    def fail(*_args, **_kwargs):
        raise RenderFailed("gone")

    monkeypatch.setattr(documents, "pdf_for_plan", fail)
    archive = zipfile.ZipFile(io.BytesIO(ann.client.get("/account/export.zip").data))
    note = archive.read("plans/001-bakker-zonen/README.txt").decode()
    assert "could not be made just now" in note
    assert "plans/001-bakker-zonen/bakker-zonen.json" in archive.namelist()


def test_the_download_reads_the_database_before_it_streams(app, ann):
    ann.create_plan("Bakker & Zonen")
    response = ann.client.get("/account/export.zip", buffered=False)
    with app.app_context():
        queries = []
        event.listen(db.engine, "before_cursor_execute", lambda *a: queries.append(a[2]))
        body = b"".join(response.response)
        response.close()
    assert body.startswith(b"PK")
    assert queries == []


# ---- deleting the account ---------------------------------------------------------------------


def rows_of(app, uid: int, email: str) -> dict[str, int]:
    """Every row of every table that belongs to the user (by a users.id column, the address,
    or a role-play group listing them)."""
    found = {}
    with app.app_context():
        inspector = inspect(db.engine)
        for table in inspector.get_table_names():
            if table == "alembic_version":
                continue
            columns = [
                key["constrained_columns"][0]
                for key in inspector.get_foreign_keys(table)
                if key["referred_table"] == "users"
            ]
            if table == "users":
                columns = ["id"]
            for column in columns:
                found[f"{table}.{column}"] = db.session.scalar(
                    text(f"SELECT count(*) FROM {table} WHERE {column} = :uid"), {"uid": uid}
                )
        found["login_failures.email"] = db.session.scalar(
            text("SELECT count(*) FROM login_failures WHERE email = :e"), {"e": email}
        )
        found["workshop_triads.member_ids"] = sum(
            uid in (ids or []) for ids in db.session.scalars(select(WorkshopTriad.member_ids))
        )
        db.session.remove()
    return found


@pytest.fixture
def busy_account(app, person):
    """Ann with plans, a portfolio, a workshop she coaches (two participants, groups) and a
    place in Cy's workshop; Bo and Cy have their own things."""
    ann = person("ann@example.com")
    ann.create_plan("Bakker & Zonen")
    ann.create_plan("De Vries BV")
    import_file(ann, PORTFOLIO)
    ann_workshop = ann.new_workshop(title="Ann's March session")
    bo, cy, dee = person("bo@example.com"), person("cy@example.com"), person("dee@example.com")
    for participant in (bo, cy):
        assert participant.join(ann.code_of(ann_workshop)).status_code == 302
    bo_plan = bo.own_case(ann_workshop, "exit")
    assert ann.form_triads(ann_workshop).status_code == 302
    cy_workshop = cy.new_workshop(title="Cy's session")
    for participant in (ann, bo, dee):
        assert participant.join(cy.code_of(cy_workshop)).status_code == 302
    ann.own_case(cy_workshop, "exit")
    assert cy.form_triads(cy_workshop).status_code == 302
    second_browser(app)  # a second login of Ann's
    assert Actions(app.test_client()).login(password="wrong guess").status_code == 422
    return ann, bo, bo_plan, cy_workshop


def test_the_delete_page_lists_what_goes(busy_account):
    ann, *_ = busy_account
    page = visible_text(ann.client.get("/account/delete").get_data(as_text=True))
    for line in (
        "Your account, its e-mail address and password",
        "3 plans",
        "2 clients in your portfolio",
        "1 workshop you coach",
        "Your place in 1 workshop of another coach",
        "The workshops you coach end for their participants:",
        "Ann's March session – 2 participants",
        "The participants keep their own copies of the cases as plans.",
    ):
        assert line in page


def test_a_wrong_password_deletes_nothing(app, busy_account):
    ann, *_ = busy_account
    uid = user_id(app, "ann@example.com")
    before = rows_of(app, uid, "ann@example.com")
    response = ann.post("/account/delete", {"password": "not my password"})
    assert response.status_code == 422
    assert field_errors(response)["password"] == "This is not your password."
    after = rows_of(app, uid, "ann@example.com")
    # only the failed attempt itself is new (it counts towards the lock-out)
    assert {**after, "login_failures.email": 0} == {**before, "login_failures.email": 0}
    assert logged_in(ann)


def test_deleting_removes_every_row_of_the_user_and_nothing_else(app, busy_account):
    ann, bo, bo_plan, cy_workshop = busy_account
    uid, bo_id = user_id(app, "ann@example.com"), user_id(app, "bo@example.com")
    assert sum(rows_of(app, uid, "ann@example.com").values()) > 10
    bo_before = rows_of(app, bo_id, "bo@example.com")
    with app.app_context():
        others = {
            table: db.session.scalar(text(f"SELECT count(*) FROM {table}"))
            for table in ("plans", "workshops", "workshop_members")
        }

    response = ann.post("/account/delete", {"password": PASSWORD})
    assert response.headers["Location"] == "/account/deleted"
    page = page_text(ann.client.get("/account/deleted"))
    assert "Your account is deleted" in page and "Log out" not in page
    assert not logged_in(ann)

    left = rows_of(app, uid, "ann@example.com")
    assert {where: n for where, n in left.items() if n} == {}
    bo_after = rows_of(app, bo_id, "bo@example.com")
    # Bo leaves Ann's workshop with it (membership, case copy link, group); the rest stays.
    left_with_it = (
        "workshop_members.user_id",
        "workshop_plans.user_id",
        "workshop_triads.member_ids",
    )
    assert bo_after == {k: n - (k in left_with_it) for k, n in bo_before.items()}
    with app.app_context():
        assert db.session.get(Plan, bo_plan) is not None  # Bo keeps the case as a plan
        counts = {
            table: db.session.scalar(text(f"SELECT count(*) FROM {table}")) for table in others
        }
        triads = list(db.session.scalars(select(WorkshopTriad.member_ids)))
    assert counts["plans"] == others["plans"] - 3
    assert counts["workshops"] == others["workshops"] - 1
    assert all(uid not in ids for ids in triads) and any(triads)
    assert bo.client.get(f"/workshops/{cy_workshop}").status_code == 200
    assert bo.client.get(f"/plans/{bo_plan}").status_code in (200, 302)


def test_deleting_is_all_or_nothing(app, busy_account, monkeypatch):
    """A failure half-way (here: the last delete) leaves every row where it was."""
    from app.account import store

    ann, *_ = busy_account
    uid = user_id(app, "ann@example.com")
    before = rows_of(app, uid, "ann@example.com")
    original = store.db.session.execute

    def failing(statement, *args, **kwargs):
        if getattr(statement, "table", None) is not None and statement.table.name == "users":
            raise RuntimeError("the disk is full")
        return original(statement, *args, **kwargs)

    with app.app_context():
        user = db.session.get(User, uid)
        monkeypatch.setattr(store.db.session, "execute", failing)
        with pytest.raises(RuntimeError):
            store.delete_account(user)
        monkeypatch.undo()
        db.session.remove()
    after = rows_of(app, uid, "ann@example.com")
    assert {**after, "login_failures.email": 0} == {**before, "login_failures.email": 0}


# ---- the stream itself --------------------------------------------------------------------------


def test_pdfs_are_made_side_by_side_and_sent_in_order_a_few_ahead_at_most():
    import threading
    import time

    from app.account.export import in_order

    lock, running, most = threading.Lock(), [0], [0]
    started = []

    def run(n):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
            started.append(n)
        time.sleep(0.02 if n % 3 else 0.05)  # some finish out of order
        with lock:
            running[0] -= 1
        return n * 10

    results = []
    for value in in_order(range(12), run, workers=2, ahead=4):
        results.append(value)
        # never more than `ahead` jobs beyond the one just handed out
        assert len(started) <= len(results) + 4
    assert results == [n * 10 for n in range(12)]
    assert most[0] == 2


def test_the_zip_goes_out_entry_by_entry():
    from app.account.export import Part, zip_stream

    made = []

    def parts():
        for n in range(3):
            made.append(n)
            yield Part(f"file-{n}.txt", b"x" * 1000)

    stream = zip_stream(parts(), datetime(2026, 12, 1, 12, 0))
    first = next(stream)
    assert first.startswith(b"PK") and made == [0]  # sent before the next file is made
    body = first + b"".join(stream)
    archive = zipfile.ZipFile(io.BytesIO(body))
    assert archive.namelist() == ["file-0.txt", "file-1.txt", "file-2.txt"]
    assert archive.read("file-2.txt") == b"x" * 1000


def test_a_pdf_whose_worker_was_lost_gets_a_second_go(ann, monkeypatch):
    from app.pdf import RenderFailed, documents

    ann.create_plan("Bakker & Zonen")
    real, calls = documents.pdf_for_plan, []

    def once_lost(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RenderFailed("the worker stopped")
        return real(*args, **kwargs)

    monkeypatch.setattr(documents, "pdf_for_plan", once_lost)
    archive = zipfile.ZipFile(io.BytesIO(ann.client.get("/account/export.zip").data))
    pdfs = [n for n in archive.namelist() if n.endswith(".pdf")]
    assert len(pdfs) == 1 and archive.read(pdfs[0]).startswith(b"%PDF")
    assert len(calls) == 2
