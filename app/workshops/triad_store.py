"""Reading and writing the role-play groups, the round and the observers' notes of a workshop.

Beside `store` (which checks who is asking: call `store.membership` first). The groups are
read through `app.domain.triads`, so a participant removed from the workshop drops out of
their group on every read, without rewriting the rows.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from app.domain import triads
from app.extensions import db
from app.models import Plan, User, Workshop, WorkshopObservation, WorkshopPlan, WorkshopTriad
from app.workshops import store


def participants(workshop: Workshop) -> list[User]:
    """The participants still in the workshop, in joining order."""
    return [m.user for m in store.members(workshop) if m.role == "participant"]


def groups(workshop: Workshop) -> list[triads.Group]:
    """The groups as they are now (members who left dropped), by number."""
    rows = db.session.scalars(
        select(WorkshopTriad)
        .where(WorkshopTriad.workshop_id == workshop.id)
        .order_by(WorkshopTriad.number)
    )
    stored = [triads.Group(r.number, tuple(r.member_ids or ()), r.first_round) for r in rows]
    return triads.still_in(stored, [u.id for u in participants(workshop)])


def current_round(workshop: Workshop) -> int:
    """The round whose roles are shown: round 1 before the coach starts the first."""
    return max(workshop.round or 0, 1)


def form(workshop: Workshop) -> str | None:
    """Replace the groups by new ones from the participants in joining order; their roles
    start in the current round. Returns the domain's reason when no group can be formed."""
    ids = [u.id for u in participants(workshop)]
    problem = triads.forming_problem(len(ids))
    if problem:
        return problem
    _replace(workshop, triads.form_groups(ids, current_round(workshop)))
    return None


def move(workshop: Workshop, user_id: int, number: int) -> str | None:
    """Move a participant to another group (None when done, else the domain's reason)."""
    ids = [u.id for u in participants(workshop)]
    moved, problem = triads.move(groups(workshop), ids, user_id, number)
    if problem is None:
        _replace(workshop, moved)
    return problem


def _replace(workshop: Workshop, new: list[triads.Group]) -> None:
    db.session.execute(delete(WorkshopTriad).where(WorkshopTriad.workshop_id == workshop.id))
    db.session.flush()
    for group in new:
        db.session.add(
            WorkshopTriad(
                workshop_id=workshop.id,
                number=group.number,
                member_ids=list(group.members),
                first_round=group.first_round,
            )
        )
    db.session.commit()


def next_round(workshop: Workshop) -> int:
    """The room moves on: every role goes one place further in every group."""
    workshop.round = (workshop.round or 0) + 1
    db.session.commit()
    return workshop.round


def speaker_plan(workshop: Workshop, user_id: int) -> Plan | None:
    """The speaker's plan for the role play: their most recently changed copy in this workshop."""
    return db.session.scalar(
        select(Plan)
        .join(WorkshopPlan, WorkshopPlan.plan_id == Plan.id)
        .where(WorkshopPlan.workshop_id == workshop.id, WorkshopPlan.user_id == user_id)
        .order_by(Plan.updated_at.desc(), Plan.id.desc())
        .limit(1)
    )


def observation(workshop: Workshop, observer: User, round_: int) -> WorkshopObservation | None:
    return db.session.scalar(
        select(WorkshopObservation).where(
            WorkshopObservation.workshop_id == workshop.id,
            WorkshopObservation.observer_id == observer.id,
            WorkshopObservation.round == round_,
        )
    )


def save_observation(
    workshop: Workshop, observer: User, round_: int, seen: triads.Observation
) -> None:
    """What one observer ticked and noted in one round; saving again replaces it (also when
    two saves from the same observer arrive at once: one row per observer and round)."""
    for _attempt in range(2):
        row = observation(workshop, observer, round_)
        if row is None:
            row = WorkshopObservation(
                workshop_id=workshop.id, observer_id=observer.id, round=round_
            )
            db.session.add(row)
        row.ticks = list(seen.ticks)
        row.notes = dict(seen.notes)
        try:
            db.session.commit()
            return
        except IntegrityError:  # the other save made the row first: update that one
            db.session.rollback()
    raise RuntimeError("observation not saved")


def ticks_by_round(workshop: Workshop) -> dict[int, list[list[str]]]:
    """Every observation sheet's ticks, by round ({round: [ticks of one sheet, …]}), in one
    query: the debrief and the summary count sheets and add up ticks from it."""
    found: dict[int, list[list[str]]] = {}
    for round_, ticks in db.session.execute(
        select(WorkshopObservation.round, WorkshopObservation.ticks).where(
            WorkshopObservation.workshop_id == workshop.id
        )
    ):
        found.setdefault(round_, []).append(ticks or [])
    return found
