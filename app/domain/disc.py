"""DISC behavioural styles: a short self-check, two observed-behaviour questions, pair advice.

An indication, not a validated assessment. Two axes: pace (outgoing ↔ reserved) and focus
(task ↔ people). Outgoing + task = D (red), outgoing + people = I (yellow), reserved + people =
S (green), reserved + task = C (blue).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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


def pair_key(yours: str | None, theirs: str | None) -> str | None:
    """ "S-D" for a steady you and a dominant contact; None unless both styles are known."""
    if yours not in STYLES or theirs not in STYLES:
        return None
    return f"{yours}-{theirs}"


def pair_advice(
    yours: str | None, theirs: str | None, name: str, texts: Mapping[str, Any]
) -> list[str]:
    """How your style and theirs meet in an exit talk: the note written for this pair, then
    what the other needs most (`texts` is the `styles` section of prepare.yaml).

    Every note says the decision comes first, as the conversation script does; warmth and
    the relationship come after the message, never instead of it."""
    key = pair_key(yours, theirs)
    if key is None:
        return []
    needs = texts["kinds"][theirs]["needs"]
    advice = [
        texts["pair_notes"][key].format(name=name),
        texts["labels"]["they_need"].format(name=name, needs=lower_first(needs)),
    ]
    return [tidy(line) for line in advice]


def under_pressure(
    yours: str | None, theirs: str | None, name: str, texts: Mapping[str, Any]
) -> tuple[str, str] | None:
    """What you tend to do wrong with this person when the talk gets hard, and one
    countermeasure; None unless both styles are known."""
    key = pair_key(yours, theirs)
    if key is None:
        return None
    line = texts["pressure"][key]
    return tuple(
        upper_first(tidy(line[part].format(name=name))) for part in ("tendency", "counter")
    )


# After the primary contact: the one who may escalate when passed over (D), the one who will
# pass the news on (I), the one who wants it formal and complete (C), the one who needs a calm
# talk with time (S), and last those whose style is not known.
_TELLING_ORDER = {"D": 0, "I": 1, "C": 2, "S": 3}


def upper_first(text: str) -> str:
    """A sentence that may begin with a name or "the other person": its first letter upper."""
    return text[:1].upper() + text[1:]


def telling_order(contacts: Sequence[Mapping[str, Any]]) -> list[int]:
    """The order in which to tell several contacts, as indexes into `contacts`.

    The primary contact (else the first) hears it first, as the script's first step says; the
    others follow by style, in the plan's order where the style is the same."""
    primary = next((i for i, c in enumerate(contacts) if c.get("primary")), 0)

    def rank(i: int) -> tuple[int, int, int]:
        style = contacts[i].get("disc")
        return (0 if i == primary else 1, _TELLING_ORDER.get(style, len(_TELLING_ORDER)), i)

    return sorted(range(len(contacts)), key=rank)


def telling_plan(
    contacts: Sequence[Mapping[str, Any]], several: Mapping[str, Any]
) -> list[tuple[int, str]]:
    """With two or more contacts whose style is known: each contact's index in the order to
    tell them, with why that place (`several` is `styles.several` of prepare.yaml); else []."""
    if sum(1 for c in contacts if c.get("disc") in STYLES) < 2:
        return []
    order = telling_order(contacts)
    why = several["why"]
    plan = []
    for place, index in enumerate(order):
        style = contacts[index].get("disc")
        reason = why["primary"] if place == 0 else why[style if style in STYLES else "unknown"]
        plan.append((index, reason))
    return plan
