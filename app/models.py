"""Database models (SQLAlchemy 2 typed declarative)."""

from __future__ import annotations

from datetime import UTC, datetime
from datetime import date as Day
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, String, UniqueConstraint
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
    # For the account page's list of active logins: the browser it was made in (its
    # User-Agent, cut short) and when it was last used (updated at most every few minutes).
    user_agent: Mapped[str | None] = mapped_column(String(200), nullable=True)
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    user: Mapped[User] = relationship()


class PasswordReset(db.Model):
    """A one-time link to set a new password (issue 14): only the SHA-256 of its token is
    stored, so a copy of the database opens no account. Valid until `expires_at`, once."""

    __tablename__ = "password_resets"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ResetRequest(db.Model):
    """One "forgot your password?" mail asked for, whether or not the address has an account,
    counted per address and per IP address to cap the mails; pruned after the window."""

    __tablename__ = "reset_requests"
    __table_args__ = (
        Index("ix_reset_requests_email_at", "email", "at"),
        Index("ix_reset_requests_ip_at", "ip", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    ip: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


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


class PortfolioClient(db.Model):
    """One client of a user's portfolio: its quick estimates (PRODUCT.md, "Portfolio model").

    `figures` holds the numbers as decimal strings by their contract names (`strain`, `value`
    and `potential` as integers), absent when unknown. `name_key` makes a re-import of the same
    name update the client instead of adding it twice. `plan_id` is the plan started from this
    row: once that plan has its own figures, the portfolio shows those. `activities` are the
    attention-plan activities chosen for next year (None: the class's own list).
    """

    __tablename__ = "portfolio_clients"
    __table_args__ = (Index("ix_portfolio_clients_user_key", "user_id", "name_key", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)  # the order of the last import
    figures: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    activities: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    plan_id: Mapped[int | None] = mapped_column(
        ForeignKey("plans.id", ondelete="SET NULL"), nullable=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}


class PortfolioSettings(db.Model):
    """A user's own class limits for the pyramid (None: the defaults of content/model.yaml)."""

    __tablename__ = "portfolio_settings"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    thresholds: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}


class PortfolioSnapshot(db.Model):
    """The portfolio as it stood in one year (the December balance): every client's figures,
    class and segment, kept to compare the next year with."""

    __tablename__ = "portfolio_snapshots"
    __table_args__ = (Index("ix_portfolio_snapshots_user_year", "user_id", "year", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column()
    taken_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Workshop(db.Model):
    """A session a coach runs for a group (issue 13). Participants join with `join_code`, kept
    normalised (8 characters, no dash: see app.domain.workshops). `cases` are the keys of the
    example cases on offer (`exit`, `reprice`, `keep`), started in the workshop's `language`.
    Deleting the coach who created it deletes the workshop; participants keep their plans."""

    __tablename__ = "workshops"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(5))
    date: Mapped[Day] = mapped_column(Date)
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    cases: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(10), default="open")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # The phase timer on the projector ("Role play: 12 minutes"): its label, its length and
    # when it ends (None: no timer running).
    timer_label: Mapped[str | None] = mapped_column(String(80), nullable=True)
    timer_minutes: Mapped[int | None] = mapped_column(nullable=True)
    timer_ends_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # The shared plan the coach puts on the projector; shown only while its owner shares it.
    projected_id: Mapped[int | None] = mapped_column(
        ForeignKey(
            "workshop_plans.id",
            ondelete="SET NULL",
            use_alter=True,
            name="fk_workshops_projected_id",
        ),
        nullable=True,
    )
    # The role-play round the room is in (0 before the first); roles in a triad rotate with it.
    round: Mapped[int] = mapped_column(default=0, server_default="0")

    members: Mapped[list[WorkshopMember]] = relationship(
        back_populates="workshop", cascade="all, delete-orphan", passive_deletes=True
    )


class WorkshopMember(db.Model):
    """Who belongs to a workshop, and as what (coach, co_coach, participant). One row per
    person: joining again finds it. A participant the coach removed keeps the row with
    `removed_at` set, so the code cannot bring them back."""

    __tablename__ = "workshop_members"
    __table_args__ = (UniqueConstraint("workshop_id", "user_id", name="uq_workshop_members"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(12))
    joined_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    workshop: Mapped[Workshop] = relationship(back_populates="members")
    user: Mapped[User] = relationship()


class WorkshopPlan(db.Model):
    """A participant's own copy of one of the workshop's cases: at most one per case, so
    "Start this case" twice opens the same plan. Deleting the plan deletes the link."""

    __tablename__ = "workshop_plans"
    __table_args__ = (
        UniqueConstraint("workshop_id", "user_id", "case_key", name="uq_workshop_plans"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    case_key: Mapped[str] = mapped_column(String(20))
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Set while its owner shares this plan with the workshop's coaches (one plan at a time per
    # owner; cleared when they stop sharing and when the workshop closes).
    shared_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    plan: Mapped[Plan] = relationship()


class WorkshopTriad(db.Model):
    """A group for the role plays: usually three participants, in `member_ids` order. In round
    `first_round` the first brings the message, the second plays the client and the third
    observes; each next round of the workshop moves every role on by one place."""

    __tablename__ = "workshop_triads"
    __table_args__ = (UniqueConstraint("workshop_id", "number", name="uq_workshop_triads"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column()  # "Group 3", as the room calls it
    member_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    first_round: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class WorkshopObservation(db.Model):
    """What one observer ticked and noted during one round: `ticks` are the ids of the points
    seen (the seven steps, the client's-perspective points), `notes` the observer's words by
    point. The debrief sums the ticks per point and names nobody."""

    __tablename__ = "workshop_observations"
    __table_args__ = (
        UniqueConstraint("workshop_id", "observer_id", "round", name="uq_workshop_observations"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    observer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    round: Mapped[int] = mapped_column()
    ticks: Mapped[list[str]] = mapped_column(JSON, default=list)
    notes: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class JoinFailure(db.Model):
    """One join-code attempt that failed (or is still being checked), counted per user and per
    address to slow down guessing, as LoginFailure does for passwords."""

    __tablename__ = "join_failures"
    __table_args__ = (
        Index("ix_join_failures_user_at", "user_id", "at"),
        Index("ix_join_failures_ip_at", "ip", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=True
    )
    ip: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
