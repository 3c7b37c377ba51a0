"""The conversation in seven steps: the user's own words, or the app's suggestion, each step
with its notes for the user; and everyone involved at the client, who tells whom and when."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain import preparation, room
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
    notes: tuple[str, ...] = ()  # for the user, not to say: what to expect, what it costs them

    @property
    def text(self) -> str:
        """What to say: the user's words, else the suggestion."""
        return self.words or self.suggestion


@dataclass(frozen=True)
class Conversation:
    steps: list[ScriptStep]
    note_label: str = ""
    involved: tuple[room.Involved, ...] = ()  # the contacts whose line is (partly) filled in
    involved_missing: bool = False  # contacts, but nobody's line is filled in yet
    involved_texts: Mapping[str, Any] | None = None  # its title and labels (room.yaml)

    def step(self, key: str) -> ScriptStep:
        return next(s for s in self.steps if s.key == key)


def build_conversation(
    plan: Mapping[str, Any], texts: Mapping[str, Any], facts: Facts
) -> Conversation:
    """Each step with its intent, the words to use and its notes; everyone involved."""
    prepare = texts["prepare"]
    written = plan.get("script") or {}
    suggested = preparation.suggestions(plan, facts.analysis, prepare, facts.lang)
    notes = preparation.notes(plan, prepare, facts.lang)
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
                notes=tuple(notes[key]),
            )
        )
    people = room.involved(plan)
    filled = tuple(person for person in people if person.filled)
    return Conversation(
        steps,
        note_label=prepare["script"]["note_label"],
        involved=filled,
        involved_missing=bool(people) and not filled,
        involved_texts=texts["room"]["involved"],
    )
