"""Your style and theirs: what to watch for, and how to bring the message to each contact."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.domain import disc, preparation
from app.domain.report.common import Facts, Row, lead_in, text_of


@dataclass(frozen=True)
class Person:
    """You or a contact, with their style and what it means for the conversation."""

    name: str
    role: str
    style: str | None
    style_label: str
    points: list[Row] = field(default_factory=list)
    pair: list[str] = field(default_factory=list)
    primary: bool = False


@dataclass(frozen=True)
class Styles:
    you: Person
    theirs: list[Person]

    @property
    def main_contact(self) -> Person | None:
        """The contact the message is brought to first: the primary one, else the first."""
        return next((p for p in self.theirs if p.primary), self.theirs[0] if self.theirs else None)


def build_styles(plan: Mapping[str, Any], texts: Mapping[str, Any], facts: Facts) -> Styles:
    """Your own style's risks and tips, and per contact how to bring it and how they may react."""
    st = texts["report"]["styles"]
    prepare = texts["prepare"]
    kinds = prepare["styles"]["kinds"]
    owner = plan.get("owner") or {}
    mine = owner.get("disc")
    you_points = []
    if mine in disc.STYLES:
        you_points = [
            Row(lead_in(st["your_risks"]), kinds[mine]["risks"]),
            Row(lead_in(st["your_tips"]), kinds[mine]["tips"]),
        ]
    you = Person(owner.get("name") or st["you"], "", mine, style_label(mine, texts), you_points)
    primary = preparation.primary_contact(plan)
    theirs = []
    for contact in (plan.get("client") or {}).get("contacts") or []:
        name = text_of(contact.get("name"))
        if not name:
            continue
        style = contact.get("disc")
        points = []
        if style in disc.STYLES:
            points = [
                Row(lead_in(st["deliver"].format(name=name)), kinds[style]["deliver"]),
                Row(lead_in(st["reactions"].format(name=name)), kinds[style]["reactions"]),
                Row(lead_in(st["in_writing"]), kinds[style]["in_writing"]),
            ]
        theirs.append(
            Person(
                name,
                text_of(contact.get("role")),
                style,
                style_label(style, texts),
                points,
                disc.pair_advice(mine, style, name, prepare["styles"]),
                primary=contact is primary,
            )
        )
    return Styles(you, theirs)


def style_label(style: str | None, texts: Mapping[str, Any]) -> str:
    """'Steady, green', or that no style was chosen yet."""
    st = texts["report"]["styles"]
    if style not in disc.STYLES:
        return st["unknown"]
    kind = texts["prepare"]["styles"]["kinds"][style]
    return st["style_label"].format(name=kind["name"], colour=kind["colour"])
