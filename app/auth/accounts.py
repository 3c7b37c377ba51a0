"""Accounts, logins and the brake on password guessing. No Flask request objects here."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import joinedload
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models import LoginFailure, LoginSession, User

MIN_PASSWORD_LENGTH = 10


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
    """How many failed logins this address had within `window`."""
    since = datetime.now(UTC) - window
    return db.session.scalar(
        select(func.count(LoginFailure.id)).where(
            LoginFailure.email == normalise_email(email), LoginFailure.at >= since
        )
    )


def authenticate(email: str, password: str) -> User | None:
    """The user when the password matches; a failure is recorded otherwise."""
    user = find_user(email)
    if user is not None and check_password_hash(user.password_hash, password):
        db.session.execute(delete(LoginFailure).where(LoginFailure.email == user.email))
        db.session.commit()
        return user
    db.session.add(LoginFailure(email=normalise_email(email)))
    db.session.commit()
    return None


def start_session(user: User) -> str:
    """A fresh random login id (never reused), stored server-side so logout really ends it."""
    sid = secrets.token_urlsafe(32)
    db.session.add(LoginSession(id=sid, user_id=user.id))
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
    if datetime.now(UTC) - created > max_age:
        end_session(sid)
        return None
    return login.user


def set_locale(user: User, locale: str) -> None:
    user.locale = locale
    db.session.commit()
