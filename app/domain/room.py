"""The conversation as a whole, beyond its seven steps: what to do in the room, everyone
involved at the client, and how the client sees the relationship.

Pure functions over the plan and the content texts of its language (room.yaml and
prepare.yaml), every text the user may say in the plan's form of address. The script step and
the printed plan show the same result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain import address, numbers
from app.domain.planfile import CLIENT_VIEW_PARTS
from app.domain.preparation import (
    REACTIONS,
    ROOM_MOMENTS,
    end_date,
    primary_contact,
    reactions_for,
)
from app.domain.words import clause

INVOLVED_PARTS = ("by", "when", "hears", "costs")


@dataclass(frozen=True)
class Guidance:
    title: str
    guidance: str
    say: str = ""  # words the user can say, in the plan's form of address


@dataclass(frozen=True)
class Moment:
    """A difficult moment in the room: what to do and what to say."""

    key: str
    label: str
    response: str
    say: str
    likely: bool


@dataclass(frozen=True)
class Room:
    title: str
    intro: str
    opening: Guidance
    silence: Guidance
    never_title: str
    never: list[tuple[str, str]]  # (what not to say, why)
    close: Guidance
    moments_title: str
    moments_intro: str
    moments: list[Moment]
    moments_on_screen: str = ""


def in_the_room(plan: Mapping[str, Any], texts: Mapping[str, Any], lang: str) -> Room:
    """The "in the room" guidance (`texts` = {"room": room.yaml, "prepare": prepare.yaml})."""
    room = address.addressed(texts["room"]["room"], plan)
    library = address.addressed(texts["prepare"]["reactions"]["kinds"], plan)
    end = end_date(plan)
    close = room["close"]
    likely = dict(reactions_for((primary_contact(plan) or {}).get("disc")))
    return Room(
        title=room["title"],
        intro=room["intro"],
        opening=Guidance(**room["opening"]),
        silence=Guidance(**room["silence"]),
        never_title=room["never"]["title"],
        never=[(item["say"], item["why"]) for item in room["never"]["items"]],
        close=Guidance(
            close["title"],
            close["guidance"],
            close["say"].format(end=numbers.long_date(end, lang) if end else close["end_unknown"]),
        ),
        moments_title=room["moments"]["title"],
        moments_intro=room["moments"]["intro"],
        moments=[
            Moment(
                key,
                library[key]["label"],
                library[key]["response"],
                library[key]["say"],
                likely.get(key, False),
            )
            for key in ROOM_MOMENTS
        ],
        moments_on_screen=room["moments"]["on_screen"],
    )


def reaction_words(plan: Mapping[str, Any], texts: Mapping[str, Any]) -> dict[str, str]:
    """For each reaction of the library, the words to say, in the plan's form of address."""
    library = address.addressed(texts["reactions"]["kinds"], plan)
    return {key: library[key]["say"] for key in REACTIONS}


@dataclass(frozen=True)
class Involved:
    """One contact at the client: who tells them, when, what they need to hear, and what the
    decision costs them inside their own organisation."""

    name: str
    role: str
    primary: bool
    by: str
    when: str
    hears: str
    costs: str

    @property
    def filled(self) -> bool:
        return any((self.by, self.when, self.hears, self.costs))


def involved(plan: Mapping[str, Any]) -> list[Involved]:
    """Every contact with a name or role, with their line (empty parts where not filled)."""
    out = []
    for contact in (plan.get("client") or {}).get("contacts") or []:
        if not isinstance(contact, Mapping):
            continue
        name, role = (contact.get("name") or "").strip(), (contact.get("role") or "").strip()
        if not (name or role):
            continue
        parts = contact.get("involved") if isinstance(contact.get("involved"), Mapping) else {}
        out.append(
            Involved(
                name,
                role,
                bool(contact.get("primary")),
                *(clause(parts.get(key)) for key in INVOLVED_PARTS),
            )
        )
    return out


def client_view(plan: Mapping[str, Any]) -> dict[str, str]:
    """How the client sees the relationship, as the user wrote it ('' where not written)."""
    view = plan.get("client_view") if isinstance(plan.get("client_view"), Mapping) else {}
    return {key: (view.get(key) or "").strip() for key in CLIENT_VIEW_PARTS}
