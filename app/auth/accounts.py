"""Accounts, logins and the brake on password guessing. No Flask request objects here."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from functools import cache

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import joinedload
from werkzeug.security import check_password_hash, generate_password_hash

from app.domain.account import needs_touch, stored_user_agent
from app.extensions import db
from app.locks import take_turn
from app.models import LoginFailure, LoginSession, User

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024
MAX_EMAIL_LENGTH = 254  # the longest address SMTP allows, and the width of the columns


class EmailTaken(Exception):
    pass


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_user(email: str, password: str, locale: str | None = None) -> User:
    """A new account with a hashed password; EmailTaken when the address is in use."""
    email = normalise_email(email)
    if find_user(email) is not None:
        raise EmailTaken(email)
    user = User(email=email, password_hash=generate_password_hash(password), locale=locale)
    db.session.add(user)
    db.session.commit()
    return user


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def recent_failures(email: str, window: timedelta) -> int:
    """How many failed (or still running) logins this address had within `window`."""
    since = datetime.now(UTC) - window
    return db.session.scalar(
        select(func.count(LoginFailure.id)).where(
            LoginFailure.email == normalise_email(email), LoginFailure.at >= since
        )
    )


def reserve_attempt(email: str, window: timedelta, limit: int) -> bool:
    """Record a login attempt before its password is checked; False when the address must wait.

    The attempt is written first and counted in the same transaction, and the attempts of one
    address take their turn: PostgreSQL holds an advisory lock on the address until the commit,
    SQLite's single write lock does the same. So thirty attempts at once cannot all see "under the
    limit": at most `limit` get their password checked. An attempt over the limit is rolled back,
    so waiting stores nothing. The row stays as the failure unless the password turns out right.
    """
    email = normalise_email(email)
    take_turn(email)
    db.session.add(LoginFailure(email=email))
    db.session.flush()
    if recent_failures(email, window) > limit:
        db.session.rollback()
        return False
    db.session.commit()
    prune_failures(window)
    return True


def prune_failures(window: timedelta) -> None:
    """Forget failures older than `window`: they no longer count, so the table stays small."""
    since = datetime.now(UTC) - window
    db.session.execute(delete(LoginFailure).where(LoginFailure.at < since))
    db.session.commit()


@cache
def _dummy_hash() -> str:
    """A hash of a random password, made the same way as real ones (made once, on first use)."""
    return generate_password_hash(secrets.token_urlsafe(16))


def authenticate(email: str, password: str) -> User | None:
    """The user when the password matches, after `reserve_attempt` has let this attempt through.

    An unknown address is checked against a dummy hash, so it takes as long as a wrong password
    for a known one and the answer time does not tell which addresses have an account. On
    success the address's failures are cleared; otherwise the reserved attempt stays recorded.
    """
    user = find_user(email)
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return None
    if not check_password_hash(user.password_hash, password):
        return None
    db.session.execute(delete(LoginFailure).where(LoginFailure.email == user.email))
    db.session.commit()
    return user


def start_session(user: User, user_agent: str | None = None) -> str:
    """A fresh random login id (never reused), stored server-side so logout really ends it,
    with the browser it was made in (for the account page's list of logins)."""
    sid = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    db.session.add(
        LoginSession(
            id=sid,
            user_id=user.id,
            user_agent=stored_user_agent(user_agent),
            created_at=now,
            last_seen_at=now,
        )
    )
    db.session.commit()
    return sid


def end_session(sid: str | None) -> None:
    if sid:
        db.session.execute(delete(LoginSession).where(LoginSession.id == sid))
        db.session.commit()


def user_for_session(sid: str | None, max_age: timedelta) -> User | None:
    """The user behind a login id, if that login exists and has not expired."""
    if not sid:
        return None
    # One query for the login and its user: this runs on every request.
    login = db.session.get(LoginSession, sid, options=[joinedload(LoginSession.user)])
    if login is None:
        return None
    created = login.created_at
    if created.tzinfo is None:  # SQLite returns naive datetimes
        created = created.replace(tzinfo=UTC)
    now = datetime.now(UTC)
    if now - created > max_age:
        end_session(sid)
        return None
    _touch(login, now)
    return login.user


def _touch(login: LoginSession, now: datetime) -> None:
    """Note that the login is in use, at most once per TOUCH_INTERVAL (one cheap UPDATE, and
    only when the stored moment is that old: most requests write nothing)."""
    seen = login.last_seen_at
    if seen is not None and seen.tzinfo is None:
        seen = seen.replace(tzinfo=UTC)
    if not needs_touch(seen, now):
        return
    db.session.execute(
        update(LoginSession)
        .where(LoginSession.id == login.id)
        .values(last_seen_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def set_locale(user: User, locale: str) -> None:
    user.locale = locale
    db.session.commit()
