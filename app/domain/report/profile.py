"""The value profile: every value answer as one bar, so value reads as a shape, not a number.

Used by the value step's live panel and by the printed plan, through the same template
(`templates/report/_value_profile.html`), so screen and paper show the same chart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

REPUTATION_RISK = "reputation_risk"
SCALE_MAX = 5


@dataclass(frozen=True)
class ProfileBar:
    label: str
    value: str  # "4 of 5", or "not answered"
    share: float  # the bar's length, 0..1 of the scale
    answered: bool
    against: bool  # the reputation risk counts against the value: drawn hatched


@dataclass(frozen=True)
class ValueProfile:
    title: str
    bars: list[ProfileBar]
    note: str
    description: str  # the whole chart in words, for screen readers

    @property
    def height(self) -> int:
        return 2 + 34 * len(self.bars)


def build_value_profile(
    answers: Mapping[str, Any] | None, decide: Mapping[str, Any], items: Sequence[str]
) -> ValueProfile:
    """The profile of the value answers, in the language of `decide` (its content texts);
    `items` are the value items of the model, the reputation risk comes last."""
    value = decide["value"]
    t = value["profile"]
    answers = answers or {}
    labels = {key: value["items"][key]["label"] for key in items}
    labels[REPUTATION_RISK] = value[REPUTATION_RISK]["label"]
    bars = []
    for key in (*items, REPUTATION_RISK):
        answer = answers.get(key)
        answered = isinstance(answer, int | float) and not isinstance(answer, bool)
        bars.append(
            ProfileBar(
                label=labels[key],
                value=t["answer"].format(answer=int(answer)) if answered else t["not_answered"],
                share=float(answer) / SCALE_MAX if answered else 0.0,
                answered=answered,
                against=key == REPUTATION_RISK,
            )
        )
    description = "; ".join(f"{bar.label}: {bar.value}" for bar in bars)
    return ValueProfile(t["title"], bars, t["note"], f"{t['title']}. {description}.")
