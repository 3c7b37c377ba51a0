"""The plan wizard's steps: their order and which of them this version offers.

Pure data and functions, no Flask: the navigator, the dashboard ("current step") and the
completeness checks all read the order from here, never from templates.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.domain.analysis import missing_inputs
from app.domain.keys import PRECONDITIONS
from app.domain.preparation import SCRIPT_STEPS, suggested_follow_ups

# The full journey of PRODUCT.md, in order. `phase` groups the navigator.
ALL_STEPS: tuple[tuple[str, str], ...] = (
    ("client", "decide"),
    ("financial", "decide"),
    ("interpersonal", "decide"),
    ("value", "decide"),
    ("pitfalls", "decide"),
    ("alternatives", "decide"),
    ("decision", "decide"),
    ("attention", "prepare"),
    ("styles", "prepare"),
    ("preconditions", "prepare"),
    # The transition comes before the script: the script's steps 6 and 7 quote its dates.
    ("transition", "prepare"),
    ("script", "prepare"),
    ("lessons", "prepare"),
    ("export", "room"),
)

# Steps whose screens exist in this version; the navigator shows only these.
AVAILABLE: frozenset[str] = frozenset(
    {
        "client",
        "financial",
        "interpersonal",
        "value",
        "pitfalls",
        "alternatives",
        "decision",
        "styles",
        "preconditions",
        "script",
        "transition",
        "lessons",
        "attention",
        "export",
    }
)

DONE, STARTED, TODO, OPTIONAL = "done", "started", "todo", "optional"
# An observed-behaviour question answered with "don't know" (stored in a contact's `observed`).
DONT_KNOW = "unknown"
EXIT_PREPARATION = frozenset({"styles", "preconditions", "script", "transition", "lessons"})


@dataclass(frozen=True)
class Step:
    id: str
    phase: str
    number: int


def keeps_client(plan: Mapping[str, Any] | None) -> bool:
    """True when the user decided on something other than an exit."""
    choice = ((plan or {}).get("decision") or {}).get("choice")
    return bool(choice) and choice != "exit"


def steps(plan: Mapping[str, Any] | None = None) -> list[Step]:
    """The steps of this plan, numbered in journey order.

    The attention plan appears only when the decision is not an exit."""
    shown = AVAILABLE if keeps_client(plan) else AVAILABLE - {"attention"}
    available = [(sid, phase) for sid, phase in ALL_STEPS if sid in shown]
    return [Step(sid, phase, n) for n, (sid, phase) in enumerate(available, start=1)]


def step_ids(plan: Mapping[str, Any] | None = None) -> list[str]:
    return [s.id for s in steps(plan)]


def is_step(step_id: str) -> bool:
    return step_id in AVAILABLE


def first_step() -> str:
    return steps()[0].id


def next_step(step_id: str, plan: Mapping[str, Any] | None = None) -> str | None:
    """The step after `step_id` in this plan's journey, or None at the end."""
    ids = step_ids(plan)
    if step_id not in ids:
        return None
    index = ids.index(step_id)
    return ids[index + 1] if index + 1 < len(ids) else None


def _filled(value: Any) -> bool:
    return value not in (None, "", [], {})


def style_answered(contact: Mapping[str, Any]) -> bool:
    """True when the user gave this contact a style, or honestly answered "don't know".

    The style itself (`disc`) stays null with a "don't know"; the answers are kept in
    `observed` ({pace, focus}, each an axis value or DONT_KNOW), so an answered "don't know"
    is told apart from a question not looked at yet.
    """
    if contact.get("disc"):
        return True
    observed = contact.get("observed") or {}
    return all(_filled(observed.get(axis)) for axis in ("pace", "focus"))


def _transition_state(plan: Mapping[str, Any]) -> str:
    """Done with a notice period and follow-up moments: the user's own, or else the suggested
    ones (3, 6 and 12 months after the end date), which the calendar and the plan use too."""
    transition = plan.get("transition") or {}
    moments = plan.get("follow_ups") or suggested_follow_ups(plan)
    if transition.get("notice_weeks") is not None and moments:
        return DONE
    return STARTED if any(_filled(v) for v in transition.values()) else TODO


def _items_state(section: Mapping[str, Any] | None, items: Sequence[str]) -> str:
    answered = sum(1 for key in items if _filled((section or {}).get(key)))
    if answered == len(items):
        return DONE
    return STARTED if answered else TODO


def completion(plan: Mapping[str, Any], model: Mapping[str, Any]) -> dict[str, str]:
    """Each available step's state: done, started or todo, judged from the plan's own data.

    Done means the step has what the analysis needs from it: the client has a name and a
    contact; the financial check has every input a verdict needs (revenue, gross margin,
    service hours with their hourly cost: `analysis.missing_inputs`); every scale item is answered;
    every pitfall is ticked; at least one alternative is described; a decision is made.
    """
    client = plan.get("client") or {}
    financial = plan.get("financial") or {}
    contacts = [c for c in client.get("contacts") or [] if _filled(c.get("name"))]
    state = {
        "client": DONE if client.get("name") and contacts else STARTED,
        "financial": (
            DONE
            if not missing_inputs(financial)
            else STARTED
            if any(_filled(financial.get(k)) for k in financial)
            else TODO
        ),
        "interpersonal": _items_state(plan.get("interpersonal"), model["interpersonal_items"]),
        "value": _items_state(plan.get("value"), model["value_items"]),
        "pitfalls": _items_state(
            {k: v for k, v in (plan.get("pitfalls") or {}).items() if v is True},
            model["pitfalls"],
        ),
        "alternatives": DONE if plan.get("alternatives") else TODO,
        "decision": DONE if (plan.get("decision") or {}).get("choice") else TODO,
        "styles": (
            DONE
            if (plan.get("owner") or {}).get("disc")
            and contacts
            and all(style_answered(c) for c in contacts)
            else STARTED
            if (plan.get("owner") or {}).get("disc")
            else TODO
        ),
        "script": _items_state(plan.get("script"), SCRIPT_STEPS),
        "transition": _transition_state(plan),
        "lessons": DONE if plan.get("lessons") or plan.get("ideal_client") else TODO,
        "attention": DONE if plan.get("attention_plan") else TODO,
        # The documents can be printed at any time; the step counts as done once there is a
        # decision and, for an exit, the conversation is written.
        "export": (
            DONE
            if (plan.get("decision") or {}).get("choice")
            and (keeps_client(plan) or _items_state(plan.get("script"), SCRIPT_STEPS) == DONE)
            else TODO
        ),
        "preconditions": _items_state(
            {k: v for k, v in (plan.get("preconditions") or {}).items() if v is True},
            PRECONDITIONS,
        ),
    }
    if keeps_client(plan):
        for sid in EXIT_PREPARATION:
            if state.get(sid) != DONE:
                state[sid] = OPTIONAL
    return {step.id: state.get(step.id, TODO) for step in steps(plan)}
