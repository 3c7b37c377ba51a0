"""The one-page meeting card, made from the sections the full plan already has."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.report.attention import Attention
from app.domain.report.common import EXIT, Facts, Row, shorten
from app.domain.report.conversation import Conversation
from app.domain.report.limits import CARD_LIMITS
from app.domain.report.styles import Styles
from app.domain.report.summary import Summary, client_name


@dataclass(frozen=True)
class Card:
    client: str
    key_message: str
    figures: list[Row]
    checklist: list[tuple[str, str]]  # (title, key phrase) as tick boxes
    checklist_title: str
    reminders: list[Row]
    transition: str
    end_date: str  # printed with the transition offer, whatever the offer's words say
    room_title: str = ""
    room: tuple[str, ...] = ()  # in the room: the opening, silence, the close (exit plans)


def build_card(
    plan: Mapping[str, Any],
    texts: Mapping[str, Any],
    facts: Facts,
    *,
    summary: Summary,
    styles: Styles,
    conversation: Conversation,
    attention: Attention,
    end_date: str,
) -> Card:
    """The meeting card: every user text cut to what fits on the page."""
    c = texts["report"]["card"]
    limit = CARD_LIMITS
    figures = [summary.key_figures[0], summary.key_figures[2], summary.key_figures[3]]
    if facts.kind == EXIT:
        key_message = conversation.step("framing").words
        checklist = [(s.title, s.phrase) for s in conversation.steps]
        checklist_title = c["steps"]
        transition = shorten(conversation.step("transition").text, limit["transition"])
    else:
        decided = summary.decision.value if summary.decision else ""
        key_message = " — ".join(p for p in (decided, summary.rationale) if p)
        checklist = [
            (
                shorten(a.label, limit["phrase"]),
                shorten(" · ".join(p for p in (a.value, a.note) if p), limit["phrase"]),
            )
            for a in attention.items[: limit["checklist"]]
        ]
        checklist_title = c["checklist"]
        transition = ""
        end_date = ""
    in_room = texts["room"]["room"]["card"] if facts.kind == EXIT else {}
    return Card(
        room_title=in_room.get("title", ""),
        room=tuple(in_room[k] for k in ("opening", "silence", "close") if k in in_room),
        client=shorten(client_name(plan), limit["client"]),
        key_message=shorten(key_message, limit["key_message"]) or c["no_key_message"],
        figures=figures,
        checklist=checklist,
        checklist_title=checklist_title,
        reminders=_reminders(c, styles),
        transition=transition,
        end_date=end_date,
    )


def _reminders(c: Mapping[str, Any], styles: Styles) -> list[Row]:
    """Your own reminder and how to bring it to the main contact.

    Yours is what to do when the talk with the main contact gets hard (the countermeasure for
    your pair), or your style's general tip while that contact's style is not known."""
    limit = CARD_LIMITS["reminder"]
    you, contact = styles.you, styles.main_contact
    reminders = []
    if you.points:
        mine = contact.countermeasure if contact else ""
        reminders.append(
            Row(
                c["reminder_you"].format(style=you.style_label),
                shorten(mine or you.points[1].value, limit),
            )
        )
    if contact and contact.reminder:
        reminders.append(
            Row(
                c["reminder_them"].format(
                    name=shorten(contact.name, 40), style=contact.style_label
                ),
                shorten(contact.reminder, limit),
            )
        )
    return reminders
