"""Reading and writing plans for one owner. A plan of another user does not exist for you."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TypeVar

from flask import abort
from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from app.domain import steps
from app.extensions import db
from app.models import Plan, User

T = TypeVar("T")
SAVE_ATTEMPTS = 10


class SaveContention(Exception):
    """Other writes kept getting in first; nothing was saved (the page says so and retries)."""


def save_with_retry(load: Callable[[], Plan], change: Callable[[Plan], T]) -> tuple[Plan, T]:
    """Read the plan, let `change` modify it, commit; when another write committed in between
    (the version moved on: StaleDataError), read it again and redo the change on top of it.
    So a save always builds on the latest stored plan, atomically, on every database."""
    session = db.session()
    for _ in range(SAVE_ATTEMPTS):
        plan = load()
        result = change(plan)
        # What was just written is what the answer shows: no need to read it all back.
        keep, session.expire_on_commit = session.expire_on_commit, False
        try:
            session.commit()
        except StaleDataError:
            session.rollback()
            continue
        finally:
            session.expire_on_commit = keep
        return plan, result
    raise SaveContention()


def plans_of(user: User) -> list[Plan]:
    return list(
        db.session.scalars(
            select(Plan).where(Plan.user_id == user.id).order_by(Plan.updated_at.desc())
        )
    )


def count_plans(user: User) -> int:
    return db.session.scalar(select(func.count(Plan.id)).where(Plan.user_id == user.id)) or 0


def plan_of(user: User, plan_id: int) -> Plan:
    """The user's plan, or 404 — also when the plan exists but belongs to someone else."""
    plan = db.session.scalar(select(Plan).where(Plan.id == plan_id, Plan.user_id == user.id))
    if plan is None:
        abort(404)
    return plan


def fresh_plan_of(user: User, plan_id: int) -> Plan:
    """The user's plan read again from the database (after another write got in first)."""
    plan = db.session.scalar(
        select(Plan)
        .where(Plan.id == plan_id, Plan.user_id == user.id)
        .execution_options(populate_existing=True)
    )
    if plan is None:
        abort(404)
    return plan


def create_plan(user: User, client_name: str) -> Plan:
    plan = Plan(
        user_id=user.id,
        client_name=client_name,
        current_step=steps.first_step(),
        data={"format": "exitcoach-plan/1", "client": {"name": client_name}},
    )
    db.session.add(plan)
    db.session.commit()
    return plan


def rename_plan(plan: Plan, client_name: str) -> None:
    def change(fresh: Plan) -> None:
        fresh.client_name = client_name
        data = dict(fresh.data or {})
        data["client"] = {**(data.get("client") or {}), "name": client_name}
        fresh.data = data

    save_with_retry(lambda: plan_of(plan.owner, plan.id), change)


def set_plan_data(plan: Plan, data: dict, step: str) -> None:
    """Put a step's saved data in the plan (committed by save_with_retry); the plan remembers
    the step the user worked on last."""
    plan.data = data
    plan.client_name = ((data.get("client") or {}).get("name") or plan.client_name)[:200]
    plan.current_step = step


def duplicate_plan(plan: Plan, client_name: str) -> Plan:
    """A new plan for the same owner with a copy of everything in `plan`, named `client_name`
    (in the plan document too, so the next save keeps the new name); the original is left
    alone and changing the copy never changes it."""
    data = copy.deepcopy(plan.data or {})
    data["client"] = {**(data.get("client") or {}), "name": client_name}
    copied = Plan(
        user_id=plan.user_id,
        client_name=client_name,
        current_step=plan.current_step,
        data=data,
    )
    db.session.add(copied)
    db.session.commit()
    return copied


def delete_plan(plan: Plan) -> None:
    db.session.delete(plan)
    db.session.commit()


def import_plan(user: User, document: dict) -> Plan:
    """A new plan for `user` from a validated plan document."""
    name = ((document.get("client") or {}).get("name") or "").strip()[:200] or "Imported plan"
    plan = Plan(
        user_id=user.id,
        client_name=name,
        current_step=steps.first_step(),
        data={**document, "format": "exitcoach-plan/1"},
    )
    db.session.add(plan)
    db.session.commit()
    return plan


def export_plan(plan: Plan) -> dict:
    """The plan document as stored, marked with its format."""
    return {**(plan.data or {}), "format": "exitcoach-plan/1"}
