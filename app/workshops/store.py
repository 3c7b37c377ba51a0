"""Reading and writing workshops. Every read by id goes through `membership`, so a view cannot
forget to check who is asking."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import abort
from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from app.domain import workshops as rules
from app.extensions import db
from app.locks import take_turn
from app.models import JoinFailure, Plan, User, Workshop, WorkshopMember, WorkshopPlan
from app.plans import examples


def create_workshop(user: User, fields: rules.NewWorkshop) -> Workshop:
    """A new workshop with a fresh join code; its creator is its coach."""
    for _attempt in range(10):
        workshop = Workshop(
            title=fields.title.strip(),
            language=fields.language,
            date=fields.date,
            join_code=rules.new_code(),
            cases=list(fields.cases),
            created_by=user.id,
            status=rules.OPEN,
        )
        workshop.members.append(WorkshopMember(user_id=user.id, role=rules.COACH))
        db.session.add(workshop)
        try:
            db.session.commit()
        except IntegrityError:  # the code is taken (about once in 10**11): draw another
            db.session.rollback()
            continue
        return workshop
    raise RuntimeError("no free join code found")


def member_of(workshop: Workshop, user: User) -> WorkshopMember | None:
    return db.session.scalar(
        select(WorkshopMember).where(
            WorkshopMember.workshop_id == workshop.id, WorkshopMember.user_id == user.id
        )
    )


def role_of(member: WorkshopMember | None) -> str | None:
    """The member's role, None for a non-member or a removed participant."""
    if member is None or member.removed_at is not None:
        return None
    return member.role


def membership(user: User, workshop_id: int) -> tuple[Workshop, str]:
    """The workshop and the user's role in it; 404 when it does not exist or the user may not
    see it (a non-member learns nothing, not even that it exists)."""
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None:
        abort(404)
    role = role_of(member_of(workshop, user))
    if not rules.may_see(role):
        abort(404)
    return workshop, role


def workshops_of(user: User) -> list[tuple[Workshop, str]]:
    """The user's workshops with their role, newest date first (removed ones left out)."""
    rows = db.session.execute(
        select(Workshop, WorkshopMember.role)
        .join(WorkshopMember, WorkshopMember.workshop_id == Workshop.id)
        .where(WorkshopMember.user_id == user.id, WorkshopMember.removed_at.is_(None))
        .order_by(Workshop.date.desc(), Workshop.id.desc())
    )
    return [(workshop, role) for workshop, role in rows]


def members(workshop: Workshop) -> list[WorkshopMember]:
    """Everyone still in the workshop: coaches first, then participants in joining order."""
    order = {rules.COACH: 0, rules.CO_COACH: 1, rules.PARTICIPANT: 2}
    found = db.session.scalars(
        select(WorkshopMember)
        .where(WorkshopMember.workshop_id == workshop.id, WorkshopMember.removed_at.is_(None))
        .order_by(WorkshopMember.joined_at, WorkshopMember.id)
    )
    return sorted(found, key=lambda m: order.get(m.role, 3))


def by_code(code: str) -> Workshop | None:
    return db.session.scalar(select(Workshop).where(Workshop.join_code == code))


def join(workshop: Workshop, user: User) -> str:
    """Join as a participant; returns the domain's outcome (`join`, `member`, `closed`,
    `removed`). Joining twice, at once from two devices too, leaves one membership."""
    member = member_of(workshop, user)
    outcome = rules.join_outcome(
        workshop.status, role_of(member), member is not None and member.removed_at is not None
    )
    if outcome != "join":
        return outcome
    db.session.add(WorkshopMember(workshop_id=workshop.id, user_id=user.id, role=rules.PARTICIPANT))
    try:
        db.session.commit()
    except IntegrityError:  # the other device was first: the membership is there
        db.session.rollback()
        return "member"
    return "join"


def add_co_coach(workshop: Workshop, user: User) -> bool:
    """Make `user` a co-coach (a participant is promoted, a removed one comes back as
    co-coach); False when they already coach this workshop."""
    member = member_of(workshop, user)
    if member is None:
        db.session.add(
            WorkshopMember(workshop_id=workshop.id, user_id=user.id, role=rules.CO_COACH)
        )
    elif rules.runs(role_of(member)):
        return False
    else:
        member.role = rules.CO_COACH
        member.removed_at = None
    db.session.commit()
    return True


def remove_participant(workshop: Workshop, user_id: int) -> WorkshopMember | None:
    """Take a participant out; the row stays (marked removed) so the code cannot bring them
    back. None when there is no such participant."""
    member = db.session.scalar(
        select(WorkshopMember).where(
            WorkshopMember.workshop_id == workshop.id, WorkshopMember.user_id == user_id
        )
    )
    if member is None or role_of(member) != rules.PARTICIPANT:
        return None
    member.removed_at = datetime.now(UTC)
    db.session.execute(
        update(WorkshopPlan)
        .where(WorkshopPlan.workshop_id == workshop.id, WorkshopPlan.user_id == user_id)
        .values(shared_at=None)
    )
    _unproject_unshared(workshop)
    db.session.commit()
    return member


def close(workshop: Workshop) -> None:
    """No new joins from now on, and every plan stops being shared (the projector too);
    closing twice keeps the first time. Participants keep their plans."""
    if workshop.status != rules.CLOSED:
        workshop.status = rules.CLOSED
        workshop.closed_at = datetime.now(UTC)
        workshop.projected_id = None
        workshop.timer_ends_at = None
        db.session.execute(
            update(WorkshopPlan)
            .where(WorkshopPlan.workshop_id == workshop.id)
            .values(shared_at=None)
        )
        db.session.commit()


def workshop_plan(workshop: Workshop, user: User, plan_id: int) -> WorkshopPlan:
    """The user's own copy `plan_id` in this workshop; 404 when it is not theirs or not here."""
    row = db.session.scalar(
        select(WorkshopPlan).where(
            WorkshopPlan.workshop_id == workshop.id,
            WorkshopPlan.user_id == user.id,
            WorkshopPlan.plan_id == plan_id,
        )
    )
    if row is None:
        abort(404)
    return row


def share(workshop: Workshop, row: WorkshopPlan) -> None:
    """Share this plan with the workshop's coaches: one plan at a time, so the owner's other
    plan in this workshop stops being shared. Only while the workshop is open."""
    if workshop.status != rules.OPEN:
        abort(404)
    db.session.execute(
        update(WorkshopPlan)
        .where(
            WorkshopPlan.workshop_id == workshop.id,
            WorkshopPlan.user_id == row.user_id,
            WorkshopPlan.id != row.id,
        )
        .values(shared_at=None)
    )
    if row.shared_at is None:
        row.shared_at = datetime.now(UTC)
    _unproject_unshared(workshop)
    db.session.commit()


def stop_sharing(workshop: Workshop, row: WorkshopPlan) -> None:
    """The owner takes the plan back: the coaches (and the projector) no longer see it."""
    row.shared_at = None
    _unproject_unshared(workshop)
    db.session.commit()


def _unproject_unshared(workshop: Workshop) -> None:
    db.session.flush()
    if workshop.projected_id is not None:
        projected = db.session.get(WorkshopPlan, workshop.projected_id)
        if projected is None or projected.shared_at is None:
            workshop.projected_id = None


def shared_plans(workshop: Workshop) -> list[WorkshopPlan]:
    """The plans shared with this workshop now (none once it is closed), oldest share first;
    only of participants still in it."""
    if workshop.status != rules.OPEN:
        return []
    return list(
        db.session.scalars(
            select(WorkshopPlan)
            .join(
                WorkshopMember,
                (WorkshopMember.workshop_id == WorkshopPlan.workshop_id)
                & (WorkshopMember.user_id == WorkshopPlan.user_id),
            )
            .where(
                WorkshopPlan.workshop_id == workshop.id,
                WorkshopPlan.shared_at.is_not(None),
                WorkshopMember.removed_at.is_(None),
            )
            .order_by(WorkshopPlan.shared_at, WorkshopPlan.id)
        )
    )


def shared_plan(workshop: Workshop, plan_id: int) -> WorkshopPlan:
    """A plan its owner shares with this workshop now; 404 for any other plan, so a coach
    cannot tell an unshared plan from one that does not exist."""
    for row in shared_plans(workshop):
        if row.plan_id == plan_id:
            return row
    abort(404)


def projected(workshop: Workshop) -> WorkshopPlan | None:
    """The shared plan on the projector, if the coach chose one and it is still shared."""
    if workshop.projected_id is None:
        return None
    return next((row for row in shared_plans(workshop) if row.id == workshop.projected_id), None)


def set_timer(workshop: Workshop, label: str, minutes: int, ends_at: datetime) -> None:
    """Start the projector's phase timer (a running one is replaced): `label` for `minutes`,
    ending at `ends_at`."""
    workshop.timer_label = label
    workshop.timer_minutes = minutes
    workshop.timer_ends_at = ends_at
    db.session.commit()


def stop_timer(workshop: Workshop) -> None:
    """No timer on the projector any more (the label and length stay for the form)."""
    workshop.timer_ends_at = None
    db.session.commit()


def project(workshop: Workshop, row: WorkshopPlan | None) -> None:
    """Put a shared plan on the projector, or clear the screen (None). `row` comes from
    `shared_plan`, so only a plan its owner shares with this workshop can be shown."""
    workshop.projected_id = row.id if row is not None else None
    db.session.commit()


def plans_in(workshop: Workshop, user: User) -> dict[str, Plan]:
    """The user's own copies of this workshop's cases, by case key."""
    rows = db.session.scalars(
        select(WorkshopPlan).where(
            WorkshopPlan.workshop_id == workshop.id, WorkshopPlan.user_id == user.id
        )
    )
    return {row.case_key: row.plan for row in rows}


def start_case(workshop: Workshop, user: User, key: str) -> Plan:
    """The user's copy of the workshop's case `key` — made once: when they already have it
    (also when a second click arrived at the same moment) that plan is returned."""
    if key not in workshop.cases:
        abort(404)
    have = plans_in(workshop, user).get(key)
    if have is not None:
        return have
    plan = examples.start_case(user, workshop.language, key, as_exercise=True)
    db.session.add(
        WorkshopPlan(workshop_id=workshop.id, user_id=user.id, case_key=key, plan_id=plan.id)
    )
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        db.session.delete(plan)
        db.session.commit()
        return plans_in(workshop, user)[key]
    return plan


def reserve_code_attempt(user: User, ip: str, window: timedelta, limit: int) -> int | None:
    """Count a join-code attempt before the code is looked up; None when this user or this
    address had `limit` wrong codes within `window` and must wait.

    Written first and counted in the same transaction (like accounts.reserve_attempt), so
    guesses sent at once cannot all slip under the limit. Returns the attempt's id: the caller
    forgets it with `forget_attempt` when the code was right, else it stays as a failure."""
    take_turn(f"join:{user.id}")
    attempt = JoinFailure(user_id=user.id, ip=ip)
    db.session.add(attempt)
    db.session.flush()
    since = datetime.now(UTC) - window
    by_user, by_ip = (
        db.session.scalar(
            select(func.count(JoinFailure.id)).where(condition, JoinFailure.at >= since)
        )
        for condition in (JoinFailure.user_id == user.id, JoinFailure.ip == ip)
    )
    if max(by_user, by_ip) > limit:
        db.session.rollback()
        return None
    attempt_id = attempt.id
    db.session.execute(delete(JoinFailure).where(JoinFailure.at < since))
    db.session.commit()
    return attempt_id


def forget_attempt(attempt_id: int) -> None:
    """A right code is not a failure."""
    db.session.execute(delete(JoinFailure).where(JoinFailure.id == attempt_id))
    db.session.commit()


def wrong_codes(user: User, ip: str, window: timedelta) -> int:
    """How many wrong codes count against this user or address now (for tests and logs)."""
    since = datetime.now(UTC) - window
    return db.session.scalar(
        select(func.count(JoinFailure.id)).where(
            or_(JoinFailure.user_id == user.id, JoinFailure.ip == ip), JoinFailure.at >= since
        )
    )


@dataclass(frozen=True)
class ProgressPlan:
    """What the progress page reads of one participant's plan: enough for the dots, the
    totals and the list of shared plans; `data` is read for the step states only."""

    user_id: int
    plan_id: int
    client_name: str
    current_step: str
    data: dict
    updated_at: datetime
    shared_at: datetime | None


def progress_of(workshop: Workshop) -> tuple[list[tuple[int, str]], list[ProgressPlan]]:
    """The participants still in the workshop in joining order, as (user id, e-mail), and
    their plans here. Two queries whatever the group's size (the page polls every 2 s);
    `shared_at` is None for every plan once the workshop is closed."""
    people = [
        (user_id, email)
        for user_id, email in db.session.execute(
            select(WorkshopMember.user_id, User.email)
            .join(User, User.id == WorkshopMember.user_id)
            .where(
                WorkshopMember.workshop_id == workshop.id,
                WorkshopMember.role == rules.PARTICIPANT,
                WorkshopMember.removed_at.is_(None),
            )
            .order_by(WorkshopMember.joined_at, WorkshopMember.id)
        )
    ]
    present = {user_id for user_id, _email in people}
    is_open = workshop.status == rules.OPEN
    plans = [
        ProgressPlan(user_id, plan_id, name, step, data or {}, updated, shared if is_open else None)
        for user_id, plan_id, name, step, data, updated, shared in db.session.execute(
            select(
                WorkshopPlan.user_id,
                Plan.id,
                Plan.client_name,
                Plan.current_step,
                Plan.data,
                Plan.updated_at,
                WorkshopPlan.shared_at,
            )
            .join(Plan, Plan.id == WorkshopPlan.plan_id)
            .where(WorkshopPlan.workshop_id == workshop.id)
            .order_by(WorkshopPlan.id)
        )
        if user_id in present
    ]
    return people, plans


def sharing_of(workshop: Workshop, user: User) -> dict[int, datetime]:
    """The user's plans shared with this workshop now, {plan id: since when} (at most one)."""
    if workshop.status != rules.OPEN:
        return {}
    return dict(
        db.session.execute(
            select(WorkshopPlan.plan_id, WorkshopPlan.shared_at).where(
                WorkshopPlan.workshop_id == workshop.id,
                WorkshopPlan.user_id == user.id,
                WorkshopPlan.shared_at.is_not(None),
            )
        ).all()
    )


def cases_started(workshop: Workshop) -> dict[str, int]:
    """How many copies of each case the participants started ({case key: copies})."""
    return dict(
        db.session.execute(
            select(WorkshopPlan.case_key, func.count(WorkshopPlan.id))
            .where(WorkshopPlan.workshop_id == workshop.id)
            .group_by(WorkshopPlan.case_key)
        ).all()
    )
