"""Your style and theirs: what to watch for, and how to bring the message to each contact.

The printed section shows the depth for this plan only: the profile of each contact's style
(once per style), the note for your pair, what you tend to do under pressure with that person,
and, with several contacts, who hears it first and how it stays one message.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.domain import disc, preparation
from app.domain.report.common import Facts, Row, lead_in, text_of


@dataclass(frozen=True)
class Profile:
    """A style's page for an exit talk: how bad news lands, stress, fears, drivers, do's and
    don'ts in the room, and what to put in writing afterwards."""

    traits: str
    rows: list[Row]
    dos_title: str
    dos: list[str]
    donts_title: str
    donts: list[str]
    in_writing: Row


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
    profile: Profile | None = None
    same_as: str = ""  # a contact above with the same style, whose profile is printed there
    pressure: list[Row] = field(default_factory=list)  # what you tend to do; what to do instead

    @property
    def reminder(self) -> str:
        """How to bring it to this contact (for the meeting card)."""
        return self.points[0].value if self.points else ""

    @property
    def countermeasure(self) -> str:
        """What to do instead when you are under pressure with this contact."""
        return self.pressure[1].value if self.pressure else ""


@dataclass(frozen=True)
class Telling:
    """With several contacts: who hears it first, and how the message stays one message."""

    title: str
    intro: str
    order: list[Row]  # the contact's name (and role), and why this place
    one_message_title: str
    one_message: list[str]


@dataclass(frozen=True)
class Styles:
    you: Person
    theirs: list[Person]
    telling: Telling | None = None
    pressure_title: str = ""

    @property
    def main_contact(self) -> Person | None:
        """The contact the message is brought to first: the primary one, else the first."""
        return next((p for p in self.theirs if p.primary), self.theirs[0] if self.theirs else None)


def build_styles(plan: Mapping[str, Any], texts: Mapping[str, Any], facts: Facts) -> Styles:
    """Your own style's risks and tips, and per contact how to bring it and how they may react."""
    st = texts["report"]["styles"]
    styles = texts["prepare"]["styles"]
    kinds = styles["kinds"]
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
    contacts = [
        c for c in (plan.get("client") or {}).get("contacts") or [] if text_of(c.get("name"))
    ]
    theirs = []
    profiled: dict[str, str] = {}  # style → the first contact whose profile shows it
    for contact in contacts:
        name = text_of(contact.get("name"))
        style = contact.get("disc")
        points, profile, same_as = [], None, ""
        if style in disc.STYLES:
            points = [Row(lead_in(st["deliver"].format(name=name)), kinds[style]["deliver"])]
            if style in profiled:
                same_as = styles["labels"]["same_as"].format(name=profiled[style])
            else:
                profiled[style] = name
                profile = style_profile(style, styles)
        theirs.append(
            Person(
                name,
                text_of(contact.get("role")),
                style,
                style_label(style, texts),
                points,
                disc.pair_advice(mine, style, name, styles),
                primary=contact is primary,
                profile=profile,
                same_as=same_as,
                pressure=_pressure(mine, style, name, styles),
            )
        )
    return Styles(
        you,
        theirs,
        telling=_telling(contacts, texts),
        pressure_title=styles["labels"]["pressure"],
    )


def style_profile(style: str, styles: Mapping[str, Any]) -> Profile:
    """The page of one style (`styles` is the `styles` section of prepare.yaml)."""
    kind, labels = styles["kinds"][style], styles["labels"]
    return Profile(
        traits=kind["traits"],
        rows=[
            Row(lead_in(labels[key]), kind[key])
            for key in ("bad_news", "under_stress", "fears", "motivators")
        ],
        dos_title=labels["dos"],
        dos=list(kind["dos"]),
        donts_title=labels["donts"],
        donts=list(kind["donts"]),
        in_writing=Row(lead_in(labels["in_writing"]), kind["in_writing"]),
    )


def _pressure(mine: Any, style: Any, name: str, styles: Mapping[str, Any]) -> list[Row]:
    line = disc.under_pressure(mine, style, name, styles)
    if line is None:
        return []
    labels = styles["labels"]
    return [Row(lead_in(labels["tendency"]), line[0]), Row(lead_in(labels["counter"]), line[1])]


def _telling(contacts: list[Mapping[str, Any]], texts: Mapping[str, Any]) -> Telling | None:
    """Who hears it first and why, when two or more contacts have a style."""
    several = texts["prepare"]["styles"]["several"]
    plan = disc.telling_plan(contacts, several)
    if not plan:
        return None
    order = []
    for index, why in plan:
        name, role = text_of(contacts[index].get("name")), text_of(contacts[index].get("role"))
        order.append(Row(f"{name} ({role})" if role else name, why))
    return Telling(
        several["title"],
        several["intro"],
        order,
        several["one_message_title"],
        list(several["one_message"]),
    )


def style_label(style: str | None, texts: Mapping[str, Any]) -> str:
    """'Steady, green', or that no style was chosen yet."""
    st = texts["report"]["styles"]
    if style not in disc.STYLES:
        return st["unknown"]
    kind = texts["prepare"]["styles"]["kinds"][style]
    return st["style_label"].format(name=kind["name"], colour=kind["colour"])
