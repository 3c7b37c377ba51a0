"""The report: everything the printed plan, the decision memo and the meeting card show.

`build_report` turns a plan into plain data — texts in the plan's own language, figures
already formatted in its locale (`€ 8.842,27` / `€8,842.27`), dates written out. It only
assembles: each section of the documents has its own small builder in this package
(`build_<section>(plan, texts, facts) -> Section`) beside its partial
`templates/report/_<section>.html`, so a new section is a new small file. The HTML print
preview and the PDF render the same object, so they cannot drift apart, and nothing here knows
about Flask, the database or WeasyPrint.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.domain.analysis import analyze
from app.domain.report.alternatives import Alternative, Alternatives, build_alternatives
from app.domain.report.attention import Attention, build_attention
from app.domain.report.card import Card, build_card
from app.domain.report.common import (
    EXIT,
    MEMO,
    Check,
    Facts,
    Row,
    first_sentence,
    plan_language,
    shorten,
)
from app.domain.report.conversation import Conversation, ScriptStep, build_conversation
from app.domain.report.financial import Bar, Financial, ServiceRow, build_financial
from app.domain.report.in_room import build_room
from app.domain.report.lessons import Lessons, build_lessons
from app.domain.report.limits import CARD_LIMITS
from app.domain.report.pitfalls import Pitfalls, build_pitfalls
from app.domain.report.preconditions import Preconditions, build_preconditions
from app.domain.report.reactions import Reaction, Reactions, build_reactions
from app.domain.report.scores import Score, Scores, build_scores
from app.domain.report.styles import Person, Styles, build_styles
from app.domain.report.summary import Summary, build_summary, client_name
from app.domain.report.transition import Transition, build_transition
from app.domain.room import Room
from app.domain.steps import keeps_client
from app.domain.talks import TalkPrep, build_talk

__all__ = [
    "CARD_LIMITS",
    "EXIT",
    "MEMO",
    "Alternative",
    "Alternatives",
    "Attention",
    "Bar",
    "Card",
    "Check",
    "Conversation",
    "Financial",
    "Lessons",
    "Person",
    "Pitfalls",
    "Preconditions",
    "Reaction",
    "Reactions",
    "Report",
    "Room",
    "Row",
    "Score",
    "Scores",
    "ScriptStep",
    "ServiceRow",
    "Styles",
    "Summary",
    "Transition",
    "build_report",
    "first_sentence",
    "plan_language",
    "shorten",
]


@dataclass(frozen=True)
class Report:
    """The whole report of one plan, ready to print: the document's frame and its sections."""

    lang: str
    kind: str  # EXIT: the conversation plan; MEMO: the decision memo
    t: Mapping[str, Any]  # the report texts (content/<lang>/report.yaml)
    title: str
    client_name: str
    made_on: str
    prepared_by: str
    summary: Summary
    financial: Financial
    scores: Scores
    pitfalls: Pitfalls
    alternatives: Alternatives
    styles: Styles
    preconditions: Preconditions
    conversation: Conversation
    room: Room
    reactions: Reactions
    transition: Transition
    attention: Attention
    lessons: Lessons
    card: Card
    talk: TalkPrep | None = None  # the memo: the conversation that follows (domain/talks.py)

    @property
    def is_exit(self) -> bool:
        return self.kind == EXIT


def build_report(
    plan: Mapping[str, Any],
    texts: Mapping[str, Any],
    model: Mapping[str, Any],
    *,
    today: date,
) -> Report:
    """The report of `plan` in the plan's language.

    `texts` are the content texts of that language (`{"report": …, "decide": …, "prepare": …,
    "room": …}`),
    `model` the analysis model; `today` is the date printed as "made on".
    """
    kind = MEMO if keeps_client(plan) else EXIT
    facts = Facts(plan_language(plan), model, analyze(plan, model), kind)
    doc = texts["report"]["document"]
    owner_name = (plan.get("owner") or {}).get("name")
    summary = build_summary(plan, texts, facts)
    styles = build_styles(plan, texts, facts)
    conversation = build_conversation(plan, texts, facts)
    attention = build_attention(plan, texts, facts)
    transition = build_transition(plan, texts, facts)
    return Report(
        lang=facts.lang,
        kind=kind,
        t=texts["report"],
        title=doc["plan_title"] if kind == EXIT else doc["memo_title"],
        client_name=client_name(plan),
        made_on=doc["made_on"].format(date=facts.long_date(today)),
        prepared_by=doc["prepared_by"].format(name=owner_name) if owner_name else "",
        summary=summary,
        financial=build_financial(plan, texts, facts),
        scores=build_scores(plan, texts, facts),
        pitfalls=build_pitfalls(plan, texts, facts),
        alternatives=build_alternatives(plan, texts, facts),
        styles=styles,
        preconditions=build_preconditions(plan, texts, facts),
        conversation=conversation,
        room=build_room(plan, texts, facts),
        reactions=build_reactions(plan, texts, facts),
        transition=transition,
        attention=attention,
        lessons=build_lessons(plan, texts, facts),
        card=build_card(
            plan,
            texts,
            facts,
            summary=summary,
            styles=styles,
            conversation=conversation,
            attention=attention,
            end_date=transition.end_date,
        ),
        talk=build_talk(plan, facts.analysis, texts, model, facts.lang, today)
        if kind == MEMO
        else None,
    )
