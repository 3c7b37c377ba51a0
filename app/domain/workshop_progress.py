"""A workshop's progress as the coach sees it: per participant the step they are on and which
steps are done, and group totals that name nobody. Pure: no Flask, no database.

Progress without surveillance (issue 13): the coach sees where people are, never what they
wrote. The input carries only what the dots and the totals need — the step, each step's state,
the decision's key and the participant's own style — so a plan's content cannot end up here.

Input per participant: `who` (an opaque label: the view passes the e-mail address the coach
already sees in the members list) and their plans in this workshop as plain dicts:

    {"plan_id": 7, "client_name": "Northwind", "current_step": "value",
     "completion": {"client": "done", ...},   # app.domain.steps.completion, in journey order
     "decision": "exit" | None,               # data["decision"]["choice"]
     "disc": "D" | None,                      # data["owner"]["disc"]: the participant's style
     "updated_at": datetime}
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.domain.disc import STYLES
from app.domain.keys import RECOMMENDATIONS
from app.domain.steps import ALL_STEPS, DONE, OPTIONAL, STARTED, TODO

STATES = (DONE, STARTED, TODO, OPTIONAL)
JOURNEY = tuple(step_id for step_id, _phase in ALL_STEPS)


@dataclass(frozen=True)
class Dot:
    """One step of a participant's plan: its state (done, started, todo, optional) and whether
    it is the step they are on."""

    step: str
    number: int
    state: str
    current: bool


@dataclass(frozen=True)
class Row:
    """One participant: the plan they worked on last (None before they start a case), the
    step they are on and a dot per step of that plan."""

    who: str
    plan_id: int | None
    client_name: str | None
    step: str | None
    step_number: int | None
    dots: tuple[Dot, ...]

    @property
    def done(self) -> int:
        return sum(1 for dot in self.dots if dot.state == DONE)

    @property
    def total(self) -> int:
        return len(self.dots)


@dataclass(frozen=True)
class Totals:
    """The group in numbers, naming nobody. Each list holds (key, count) pairs with a count
    above zero, in a fixed order (the journey, the recommendations, D-I-S-C); the `not_*`
    counts are the participants without a plan, a decision or a style yet."""

    participants: int
    at_step: tuple[tuple[str, int], ...]
    not_started: int
    decisions: tuple[tuple[str, int], ...]
    not_decided: int
    styles: tuple[tuple[str, int], ...]
    no_style: int


@dataclass(frozen=True)
class Progress:
    rows: tuple[Row, ...]
    totals: Totals


def latest(plans: Iterable[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The plan worked on last (the newest `updated_at`; the higher plan id on a tie, so the
    answer does not change between two polls)."""
    return max(plans, key=lambda p: (p["updated_at"], p["plan_id"]), default=None)


def own_style(
    plans: Sequence[Mapping[str, Any]], worked_on: Mapping[str, Any] | None
) -> str | None:
    """The participant's own DISC style: the one in the plan they worked on last, else the one
    they chose in their newest other plan (a style belongs to the person, not to a case)."""
    if worked_on is not None and worked_on.get("disc") in STYLES:
        return worked_on["disc"]
    with_style = [p for p in plans if p.get("disc") in STYLES]
    found = latest(with_style)
    return found["disc"] if found else None


def dots(plan: Mapping[str, Any]) -> tuple[Dot, ...]:
    """A dot per step of the plan, in its own journey order (the attention plan appears only
    when the decision keeps the client, as in the navigator). An unknown state counts as todo."""
    current = plan.get("current_step")
    return tuple(
        Dot(step, n, state if state in STATES else TODO, step == current)
        for n, (step, state) in enumerate(plan["completion"].items(), start=1)
    )


def row(who: str, plans: Sequence[Mapping[str, Any]]) -> Row:
    """One participant's row: the plan they worked on last, or an empty row before any."""
    plan = latest(plans)
    if plan is None:
        return Row(who, None, None, None, None, ())
    shown = dots(plan)
    on = next((dot for dot in shown if dot.current), None)
    return Row(
        who,
        plan["plan_id"],
        plan.get("client_name"),
        on.step if on else None,
        on.number if on else None,
        shown,
    )


def _ordered(counts: Counter, order: Sequence[str]) -> tuple[tuple[str, int], ...]:
    known = [(key, counts[key]) for key in order if counts[key]]
    others = sorted((key, n) for key, n in counts.items() if key not in order and n)
    return tuple(known + others)


def totals(participants: Mapping[str, Sequence[Mapping[str, Any]]]) -> Totals:
    """Group totals over every participant, each counted once from the plan they worked on
    last: how many are at each step, the decisions taken there, and the spread of their own
    styles. Nobody is named: only keys and counts come out."""
    steps_at, decisions, styles = Counter(), Counter(), Counter()
    for plans in participants.values():
        plan = latest(plans)
        if plan is None:
            continue
        if plan.get("current_step") in plan["completion"]:
            steps_at[plan["current_step"]] += 1
        if plan.get("decision"):
            decisions[plan["decision"]] += 1
        style = own_style(plans, plan)
        if style:
            styles[style] += 1
    count = len(participants)
    return Totals(
        participants=count,
        at_step=_ordered(steps_at, JOURNEY),
        not_started=count - sum(steps_at.values()),
        decisions=_ordered(decisions, RECOMMENDATIONS),
        not_decided=count - sum(decisions.values()),
        styles=_ordered(styles, STYLES),
        no_style=count - sum(styles.values()),
    )


def progress(participants: Mapping[str, Sequence[Mapping[str, Any]]]) -> Progress:
    """Rows in the order given (the view passes joining order) and the group's totals."""
    return Progress(
        rows=tuple(row(who, plans) for who, plans in participants.items()),
        totals=totals(participants),
    )
