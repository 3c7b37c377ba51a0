"""The conversation in seven steps: the user's own words, or the app's suggestion."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain import preparation
from app.domain.report.common import Facts, first_sentence, shorten, text_of
from app.domain.report.limits import CARD_LIMITS


@dataclass(frozen=True)
class ScriptStep:
    number: int
    key: str
    title: str
    intent: str
    words: str
    suggestion: str  # only when the user has not written this step yet
    phrase: str  # the short key phrase for the meeting card

    @property
    def text(self) -> str:
        """What to say: the user's words, else the suggestion."""
        return self.words or self.suggestion


@dataclass(frozen=True)
class Conversation:
    steps: list[ScriptStep]

    def step(self, key: str) -> ScriptStep:
        return next(s for s in self.steps if s.key == key)


def build_conversation(
    plan: Mapping[str, Any], texts: Mapping[str, Any], facts: Facts
) -> Conversation:
    """Each step with its intent and the words to use."""
    prepare = texts["prepare"]
    written = plan.get("script") or {}
    suggested = preparation.suggestions(plan, facts.analysis, prepare, facts.lang)
    steps = []
    for n, key in enumerate(preparation.SCRIPT_STEPS, start=1):
        step = prepare["script"]["steps"][key]
        words = text_of(written.get(key))
        steps.append(
            ScriptStep(
                number=n,
                key=key,
                title=step["title"],
                intent=step["intent"],
                words=words,
                suggestion="" if words else suggested[key],
                phrase=shorten(first_sentence(words) or step["intent"], CARD_LIMITS["phrase"]),
            )
        )
    return Conversation(steps)
