"""Logins that cannot be abused: capped fields, a limit that holds at once, equal answers."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.auth import accounts
from app.extensions import db
from app.models import LoginFailure, User
from tests.conftest import Actions, csrf_token

HUGE_EMAIL = "a" * (1900 * 1024) + "@example.com"  # 1.9 MB, under the 2 MB request limit


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def hash_calls(monkeypatch):
    """Every password check and every new hash, as (kind, stored hash or None); thread-safe."""
    calls: list[tuple[str, str | None]] = []
    lock = threading.Lock()
    real_check, real_make = accounts.check_password_hash, accounts.generate_password_hash

    def check(stored, password):
        with lock:
            calls.append(("check", stored))
        time.sleep(0.05)  # as slow as a real check on a busy machine: widens any race
        return real_check(stored, password)

    def make(password, *args, **kwargs):
        with lock:
            calls.append(("hash", None))
        return real_make(password, *args, **kwargs)

    monkeypatch.setattr(accounts, "check_password_hash", check)
    monkeypatch.setattr(accounts, "generate_password_hash", make)
    return calls


@pytest.mark.parametrize(
    ("url", "email", "password", "message"),
    [
        ("/login", HUGE_EMAIL, "a long passphrase", "This e-mail address is too long."),
        ("/login", "a" * 250 + "@x.nl", "a long passphrase", "This e-mail address is too long."),
        ("/login", "ann@example.com", "p" * 1025, "Use at most 1024 characters for the password."),
        ("/register", HUGE_EMAIL, "a long passphrase", "This e-mail address is too long."),
        ("/register", "bob@example.com", "p" * 1025, "Use at most 1024 characters for the"),
    ],
)
def test_an_over_long_field_is_refused_next_to_it_before_anything_is_stored_or_hashed(
    app, user, hash_calls, url, email, password, message
):
    response = user.post(url, {"email": email, "password": password})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page
    assert 'aria-invalid="true"' in page
    assert _count(app, LoginFailure) == 0
    assert _count(app, User) == 0
    assert hash_calls == []


def test_the_longest_allowed_values_still_work(user):
    email = "a" * 240 + "@example.com"  # 252 characters
    assert user.register(email, "p" * 1024).status_code == 302
    user.logout()
    assert user.login(email, "p" * 1024).status_code == 302


def test_the_length_message_is_in_dutch_for_a_dutch_visitor(client):
    client.get("/login", headers={"Accept-Language": "nl"})
    token = csrf_token(client)
    response = client.post(
        "/login",
        data={"csrf_token": token, "email": "ann@example.com", "password": "p" * 2000},
        headers={"Accept-Language": "nl"},
    )
    assert response.status_code == 422
    assert "Gebruik hoogstens 1024 tekens voor het wachtwoord." in response.get_data(as_text=True)


def test_failures_older_than_the_lock_window_are_forgotten(make_app):
    app = make_app(LOGIN_LOCK_MINUTES=15)
    user = Actions(app.test_client())
    long_ago = datetime.now(UTC) - timedelta(minutes=16)
    with app.app_context():
        for n in range(50):
            db.session.add(LoginFailure(email=f"guess{n}@example.com", at=long_ago))
        db.session.add(LoginFailure(email="recent@example.com"))
        db.session.commit()
    response = user.login("someone@example.com", "wrong password!")
    assert "This e-mail address and password do not match." in response.get_data(as_text=True)
    with app.app_context():
        left = sorted(db.session.scalars(select(LoginFailure.email)))
    assert left == ["recent@example.com", "someone@example.com"]


def test_thirty_wrong_passwords_at_once_get_only_five_checks(make_app, hash_calls):
    app = make_app(LOGIN_MAX_FAILURES=5, LOGIN_LOCK_MINUTES=15)
    Actions(app.test_client()).register("ann@example.com", "correct horse battery")
    del hash_calls[:]
    clients = [app.test_client() for _ in range(30)]
    tokens = [csrf_token(c) for c in clients]
    start = threading.Barrier(len(clients))

    def attempt(n: int):
        start.wait()
        response = clients[n].post(
            "/login",
            data={"csrf_token": tokens[n], "email": "ann@example.com", "password": f"guess {n}!!"},
        )
        return response.status_code, response.get_data(as_text=True)

    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        results = list(pool.map(attempt, range(len(clients))))

    checks = [c for c in hash_calls if c[0] == "check"]
    assert len(checks) == 5
    statuses = sorted(status for status, _ in results)
    assert statuses == [422] * 5 + [429] * 25
    for status, page in results:
        if status == 429:
            assert "Too many failed attempts for this account. Wait 15 minutes" in page
        else:
            assert "This e-mail address and password do not match." in page
    assert _count(app, LoginFailure) == 5  # the attempts that had to wait stored nothing


def test_an_unknown_address_is_checked_against_a_hash_like_a_known_one(user, hash_calls):
    user.register("ann@example.com", "correct horse battery")
    user.logout()
    del hash_calls[:]
    known = user.login("ann@example.com", "wrong password!")
    unknown = user.login("nobody@example.com", "wrong password!")
    for response in (known, unknown):
        assert response.status_code == 422
        assert "This e-mail address and password do not match." in response.get_data(as_text=True)
    checks = [stored for kind, stored in hash_calls if kind == "check"]
    assert len(checks) == 2  # one per attempt: the unknown address costs as much as the known
    method = checks[0].split("$", 1)[0]
    assert checks[1].split("$", 1)[0] == method  # same algorithm and cost


def test_unknown_addresses_are_limited_like_known_ones(make_app, hash_calls):
    app = make_app(LOGIN_MAX_FAILURES=2)
    user = Actions(app.test_client())
    for _ in range(2):
        assert user.login("nobody@example.com", "wrong password!").status_code == 422
    locked = user.login("nobody@example.com", "wrong password!")
    assert locked.status_code == 429
    assert "Wait 15 minutes" in locked.get_data(as_text=True)
    assert len([c for c in hash_calls if c[0] == "check"]) == 2
