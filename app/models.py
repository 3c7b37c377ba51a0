"""Database models (SQLAlchemy 2 typed declarative)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db


def utcnow() -> datetime:
    return datetime.now(UTC)


class User(db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    locale: Mapped[str | None] = mapped_column(String(5))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    plans: Mapped[list[Plan]] = relationship(
        back_populates="owner", cascade="all, delete-orphan", passive_deletes=True
    )


class LoginSession(db.Model):
    """A server-side login: the cookie holds only its random id, renewed at every login."""

    __tablename__ = "login_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    user: Mapped[User] = relationship()


class LoginFailure(db.Model):
    """One login attempt that failed (or is still being checked), kept to slow down guessing.

    Written before the password is checked, so attempts sent at once are counted; removed when
    the login succeeds, pruned once older than the lock window.
    """

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_email_at", "email", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Plan(db.Model):
    """One client exit plan. `data` holds the plan document (format exitcoach-plan/1).

    `version` goes up with every write and every UPDATE names the version it read: a write
    based on a stale read changes no row and raises StaleDataError (see store.save_with_retry),
    so two saves at the same moment can never silently undo each other."""

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    client_name: Mapped[str] = mapped_column(String(200))
    current_step: Mapped[str] = mapped_column(String(40), default="client")
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    version: Mapped[int] = mapped_column(default=1, server_default="1")

    owner: Mapped[User] = relationship(back_populates="plans")

    __mapper_args__ = {"version_id_col": version}
