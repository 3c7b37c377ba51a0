"""DISC behavioural styles: a short self-check, two observed-behaviour questions, pair advice.

An indication, not a validated assessment. Two axes: pace (outgoing ↔ reserved) and focus
(task ↔ people). Outgoing + task = D (red), outgoing + people = I (yellow), reserved + people =
S (green), reserved + task = C (blue).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.domain.words import lower_first, tidy

STYLES = ("D", "I", "S", "C")
PACE, FOCUS = "pace", "focus"
OUTGOING, RESERVED, TASK, PEOPLE = "outgoing", "reserved", "task", "people"

# Each self-check statement leans one way on one axis: +1 outgoing/task, −1 reserved/people.
STATEMENTS: dict[str, tuple[str, int]] = {
    "quick_decisions": (PACE, 1),
    "speak_up": (PACE, 1),
    "take_initiative": (PACE, 1),
    "think_first": (PACE, -1),
    "steady_pace": (PACE, -1),
    "results_first": (FOCUS, 1),
    "facts_convince": (FOCUS, 1),
    "clear_rules": (FOCUS, 1),
    "relationships_matter": (FOCUS, -1),
    "avoid_conflict": (FOCUS, -1),
}

_BY_AXES = {
    (OUTGOING, TASK): "D",
    (OUTGOING, PEOPLE): "I",
    (RESERVED, PEOPLE): "S",
    (RESERVED, TASK): "C",
}


def style_of(pace: str | None, focus: str | None) -> str | None:
    """The style for two observed answers; None when either is unknown."""
    return _BY_AXES.get((pace, focus))


def axes_of(style: str | None) -> tuple[str | None, str | None]:
    """The two answers that a style stands for (for showing a stored style as answers)."""
    for axes, code in _BY_AXES.items():
        if code == style:
            return axes
    return None, None


def self_check_style(answers: Mapping[str, Any] | None) -> str | None:
    """The style the self-check points to, or None while an axis has no answer.

    Each answer 1–5 counts (answer − 3) in the statement's direction. A tie on an axis reads as
    reserved or people-oriented: the more careful reading for someone preparing a hard talk.
    """
    totals = {PACE: 0, FOCUS: 0}
    answered = {PACE: 0, FOCUS: 0}
    for key, (axis, sign) in STATEMENTS.items():
        value = (answers or {}).get(key)
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5:
            totals[axis] += (value - 3) * sign
            answered[axis] += 1
    if not answered[PACE] or not answered[FOCUS]:
        return None
    pace = OUTGOING if totals[PACE] > 0 else RESERVED
    focus = TASK if totals[FOCUS] > 0 else PEOPLE
    return style_of(pace, focus)


def pair_advice(
    yours: str | None, theirs: str | None, name: str, texts: Mapping[str, Any]
) -> list[str]:
    """Where your style and theirs clash in an exit talk, composed from per-axis parts plus a
    note for the pairs that need one (`texts` is the `styles` section of prepare.yaml)."""
    if yours not in STYLES or theirs not in STYLES:
        return []
    clash = texts["clash"]
    my_pace, my_focus = axes_of(yours)
    their_pace, their_focus = axes_of(theirs)
    if my_pace == their_pace:
        pace = clash["same_pace"]
    else:
        pace = clash["pace_faster"] if my_pace == OUTGOING else clash["pace_slower"]
    if my_focus == their_focus:
        focus = clash["same_focus"]
    else:
        focus = clash["focus_task_people"] if my_focus == TASK else clash["focus_people_task"]
    needs = texts["kinds"][theirs]["needs"]
    advice = [
        pace.format(name=name),
        focus.format(name=name),
        clash["they_need"].format(name=name, needs=lower_first(needs)),
    ]
    note = texts["pair_notes"].get(f"{yours}-{theirs}")
    if note:
        advice.append(note.format(name=name))
    return [tidy(line) for line in advice]
