"""The plan wizard's steps: their order and which of them this version offers.

Pure data and functions, no Flask: the navigator, the dashboard ("current step") and the
completeness checks all read the order from here, never from templates.
"""

from __future__ import annotations

from dataclasses import dataclass

# The full journey of PRODUCT.md, in order. `phase` groups the navigator.
ALL_STEPS: tuple[tuple[str, str], ...] = (
    ("client", "decide"),
    ("financial", "decide"),
    ("interpersonal", "decide"),
    ("value", "decide"),
    ("pitfalls", "decide"),
    ("alternatives", "decide"),
    ("decision", "decide"),
    ("styles", "prepare"),
    ("preconditions", "prepare"),
    ("script", "prepare"),
    ("transition", "prepare"),
    ("lessons", "prepare"),
    ("export", "room"),
)

# Steps whose screens exist in this version; the navigator shows only these.
AVAILABLE: frozenset[str] = frozenset({"client"})


@dataclass(frozen=True)
class Step:
    id: str
    phase: str
    number: int


def steps() -> list[Step]:
    """The steps a user can open now, numbered in journey order."""
    available = [(sid, phase) for sid, phase in ALL_STEPS if sid in AVAILABLE]
    return [Step(sid, phase, n) for n, (sid, phase) in enumerate(available, start=1)]


def step_ids() -> list[str]:
    return [s.id for s in steps()]


def is_step(step_id: str) -> bool:
    return step_id in AVAILABLE


def first_step() -> str:
    return steps()[0].id
