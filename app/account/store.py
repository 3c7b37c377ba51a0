"""Reading and removing one user's account and everything in it. Only ever the user's own
rows: every query here is bound to the user's id."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from app.auth import accounts
from app.domain.account import CoachedWorkshop, Deletion, ExportPlan, without_member
from app.extensions import db
from app.models import (
    JoinFailure,
    LoginFailure,
    LoginSession,
    PasswordReset,
    Plan,
    PortfolioClient,
    PortfolioSettings,
    PortfolioSnapshot,
    User,
    Workshop,
    WorkshopMember,
    WorkshopObservation,
    WorkshopPlan,
    WorkshopTriad,
)


def logins_of(user: User) -> list[LoginSession]:
    """The user's active logins, the most recently used first."""
    return list(
        db.session.scalars(
            select(LoginSession)
            .where(LoginSession.user_id == user.id)
            .order_by(
                func.coalesce(LoginSession.last_seen_at, LoginSession.created_at).desc(),
                LoginSession.id,
            )
        )
    )


def end_logins(user: User, keep: str | None = None) -> int:
    """End every login of the user but `keep` (None: all of them); how many ended."""
    query = delete(LoginSession).where(LoginSession.user_id == user.id)
    if keep:
        query = query.where(LoginSession.id != keep)
    ended = db.session.execute(query).rowcount
    db.session.commit()
    return ended


def export_plans(user: User) -> list[ExportPlan]:
    """Every plan of the user, oldest first, read in one query as plain values (the
    download then needs the database no more)."""
    rows = db.session.execute(
        select(Plan.id, Plan.client_name, Plan.data, Plan.updated_at)
        .where(Plan.user_id == user.id)
        .order_by(Plan.created_at, Plan.id)
    )
    return [
        ExportPlan(plan_id, name, {**(data or {}), "format": "exitcoach-plan/1"}, _day(updated))
        for plan_id, name, data, updated in rows
    ]


def _day(moment: datetime | None) -> date:
    return moment.date() if moment else date.today()


def _count(model, column, user_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(column == user_id))


def deletion_of(user: User) -> Deletion:
    """What deleting the account would remove, counted."""
    participants = (
        select(func.count(WorkshopMember.id))
        .where(
            WorkshopMember.workshop_id == Workshop.id,
            WorkshopMember.role == "participant",
            WorkshopMember.removed_at.is_(None),
        )
        .scalar_subquery()
    )
    coached = db.session.execute(
        select(Workshop.title, participants, Workshop.status)
        .where(Workshop.created_by == user.id)
        .order_by(Workshop.date, Workshop.id)
    )
    memberships = db.session.scalar(
        select(func.count(WorkshopMember.id))
        .join(Workshop, Workshop.id == WorkshopMember.workshop_id)
        .where(WorkshopMember.user_id == user.id, Workshop.created_by != user.id)
    )
    return Deletion(
        plans=_count(Plan, Plan.user_id, user.id),
        portfolio_clients=_count(PortfolioClient, PortfolioClient.user_id, user.id),
        snapshots=_count(PortfolioSnapshot, PortfolioSnapshot.user_id, user.id),
        workshops=[CoachedWorkshop(t, n, s == "open") for t, n, s in coached],
        memberships=memberships,
        logins=_count(LoginSession, LoginSession.user_id, user.id),
    )


def delete_account(user: User) -> None:
    """Remove the user and every row that is theirs, in one transaction: all of it or, when
    anything fails, none of it.

    The deletes are spelled out (not left to ON DELETE CASCADE) so the order is explicit and
    the same on SQLite and PostgreSQL. Workshops the user created go with everything in them;
    their participants keep their own plans. In other people's workshops the user leaves their
    role-play groups (the others stay, in order) and their observations go.
    """
    uid = user.id
    email = user.email
    session = db.session
    try:
        _leave_groups(uid)
        own_workshops = select(Workshop.id).where(Workshop.created_by == uid)
        session.execute(
            update(Workshop).where(Workshop.id.in_(own_workshops)).values(projected_id=None)
        )
        own_links = select(WorkshopPlan.id).where(WorkshopPlan.user_id == uid)
        session.execute(
            update(Workshop).where(Workshop.projected_id.in_(own_links)).values(projected_id=None)
        )
        session.execute(delete(WorkshopObservation).where(WorkshopObservation.observer_id == uid))
        for model in (WorkshopObservation, WorkshopTriad, WorkshopPlan, WorkshopMember):
            session.execute(delete(model).where(model.workshop_id.in_(own_workshops)))
        for model in (WorkshopPlan, WorkshopMember):
            session.execute(delete(model).where(model.user_id == uid))
        session.execute(delete(Workshop).where(Workshop.created_by == uid))
        for model in (
            PortfolioClient,
            PortfolioSnapshot,
            PortfolioSettings,
            Plan,
            LoginSession,
            PasswordReset,
            JoinFailure,
        ):
            session.execute(delete(model).where(model.user_id == uid))
        session.execute(delete(LoginFailure).where(LoginFailure.email == email))
        session.execute(delete(User).where(User.id == uid))
        session.commit()
    except Exception:
        session.rollback()
        raise
    session.expunge_all()


def _leave_groups(uid: int) -> None:
    """Take the user out of the role-play groups of other people's workshops."""
    joined = select(WorkshopMember.workshop_id).where(WorkshopMember.user_id == uid)
    for triad in db.session.scalars(
        select(WorkshopTriad).where(WorkshopTriad.workshop_id.in_(joined))
    ):
        if uid in (triad.member_ids or []):
            triad.member_ids = without_member(triad.member_ids, uid)
    db.session.flush()


def change_email(user: User, email: str, keep: str | None) -> None:
    """A new login address; every other login of the user ends, `keep` (this one) stays.
    The caller has checked that no other account uses it."""
    user.email = email
    try:
        _end_others(user, keep)
    except IntegrityError:  # taken in the moment between the check and the save
        db.session.rollback()
        raise accounts.EmailTaken(email) from None


def change_password(user: User, password: str, keep: str | None) -> None:
    """A new password; every other login ends and unused reset links are void."""
    user.password_hash = accounts.generate_password_hash(password)
    db.session.execute(delete(PasswordReset).where(PasswordReset.user_id == user.id))
    _end_others(user, keep)


def _end_others(user: User, keep: str | None) -> None:
    query = delete(LoginSession).where(LoginSession.user_id == user.id)
    if keep:
        query = query.where(LoginSession.id != keep)
    db.session.execute(query)
    db.session.commit()
