"""The dashboard's list of plans: per plan the decision (or the advice while undecided), the
contribution, the step reached; searched by client name and sorted.

Pure: a plan comes in as its plain values (id, client name, step, last edited, document), so
the list can be tested without an app, and one query for all plans is all the view needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.domain import steps
from app.domain.analysis import analyze
from app.domain.potential import effective_advice

# The sort orders offered, the first one the default: most recently edited first, client
# A–Z, lowest contribution first (the losses on top: the plans that need a decision), and
# the plans furthest along first.
SORTS = ("edited", "client", "contribution", "step")
DEFAULT_SORT = SORTS[0]
MAX_QUERY = 200


@dataclass(frozen=True)
class PlanRow:
    """One line of the dashboard. `decision` is the user's choice; `advice` the advice
    shown while there is none (None while inputs are missing or the advice is held back).
    `contribution` is None until the financial check has what a verdict needs."""

    id: int
    client_name: str
    updated_at: datetime
    decision: str | None
    advice: str | None
    contribution: float | None
    verdict: str | None
    step: str
    step_number: int
    step_total: int


def plan_row(
    plan_id: int,
    client_name: str,
    current_step: str,
    updated_at: datetime,
    data: Mapping[str, Any] | None,
    model: Mapping[str, Any],
) -> PlanRow:
    """The dashboard line of one plan, from its document: the analysis decides the advice
    and the contribution, the plan's own journey numbers the step it was left at."""
    data = data or {}
    analysis = analyze(data, model)
    financial = analysis["financial"]
    decision = (data.get("decision") or {}).get("choice") or None
    journey = steps.steps(data)
    step = next((s for s in journey if s.id == current_step), journey[0])
    return PlanRow(
        id=plan_id,
        client_name=client_name,
        updated_at=updated_at,
        decision=decision,
        advice=None if decision else effective_advice(analysis),
        contribution=financial["contribution"] if financial["verdict"] else None,
        verdict=financial["verdict"],
        step=step.id,
        step_number=step.number,
        step_total=len(journey),
    )


def normal_sort(value: str | None) -> str:
    """The sort asked for, or the default for anything unknown (a link typed by hand)."""
    return value if value in SORTS else DEFAULT_SORT


def normal_query(value: str | None) -> str:
    """The search text as used: trimmed, inner whitespace collapsed, at most MAX_QUERY."""
    return " ".join((value or "").split())[:MAX_QUERY]


def matches(client_name: str, query: str) -> bool:
    """True when the client name contains the search text, ignoring case."""
    return not query or query.casefold() in client_name.casefold()


def _name(row: PlanRow) -> str:
    return row.client_name.casefold()


def arrange(rows: Iterable[PlanRow], sort: str) -> list[PlanRow]:
    """The rows in the order of `sort` (see SORTS); ties by client name, then newest first.
    Plans without a contribution yet come after those with one."""
    ordered = sorted(rows, key=lambda r: r.updated_at, reverse=True)
    if sort == "client":
        return sorted(ordered, key=_name)
    if sort == "contribution":
        return sorted(
            ordered,
            key=lambda r: (r.contribution is None, r.contribution or 0.0, _name(r)),
        )
    if sort == "step":
        return sorted(ordered, key=lambda r: (-r.step_number, _name(r)))
    return ordered
