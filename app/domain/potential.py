"""The one exception to an exit advice: a client whose future lies ahead of it.

The rules advise an exit when a client loses money or wears the team out and offers little
value beyond money (rules 1 and 3). That value score averages every value answer, future
potential included, so a client with little to show today but a real prospect of growth is
still advised to go. Such a client should not be let go on a formula: the advice is held back
until the user has said whether the growth is real (a plan, a budget, a date) or a hope.

Pure data and functions; `analysis.analyze` adds the result beside the contract's keys as
`potential_exception`, and the screens and the printed plan read it from there.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ANSWERS = ("real", "hope")
# Rule → what the advice becomes when the potential is real: the rule that holds for the same
# client with a high value score (2 instead of 1, 4 instead of 3).
IF_REAL = {1: "reprice", 3: "reset_expectations"}
SECTION = "potential_review"


def potential_exception(
    rule: int,
    recommendation: str,
    value_answers: Mapping[str, Any] | None,
    other_value: int | None,
    review: Mapping[str, Any] | None,
    potential_high: int,
) -> dict[str, Any] | None:
    """The potential exception of a plan, or None when it does not apply.

    It applies when the advice is an exit by rule 1 or 3 and the `potential` answer is at least
    `potential_high`. Then: `potential` (the answer, 1–5), `other_value` (the value score
    without potential), `answer` (the user's "real" or "hope", None while unanswered), `held`
    (True while unanswered: the screens show no advice until then), `if_real` (the advice when
    the growth is real) and `advice` (what the screens advise now: None while held, `if_real`
    for a real potential, the exit for a hope).
    """
    if recommendation != "exit" or rule not in IF_REAL:
        return None
    potential = (value_answers or {}).get("potential")
    if not isinstance(potential, int | float) or potential < potential_high:
        return None
    answer = (review or {}).get("answer")
    answer = answer if answer in ANSWERS else None
    if_real = IF_REAL[rule]
    return {
        "potential": int(potential),
        "other_value": other_value,
        "answer": answer,
        "held": answer is None,
        "if_real": if_real,
        "advice": None if answer is None else if_real if answer == "real" else recommendation,
    }


def effective_advice(analysis: Mapping[str, Any]) -> str | None:
    """The advice the screens show and a decision is measured against: the recommendation, or
    what the potential exception makes of it; None while advice is held back or inputs are
    missing (then no decision "differs from the advice")."""
    if analysis.get("missing"):
        return None
    exception = analysis.get("potential_exception")
    if exception:
        return exception["advice"]
    return analysis["recommendation"]
