"""The two documents of a role play in threes: the card for the one who plays the client and
the checklist for the observer (issue 13, point 5).

Pure builders, like the report (app/domain/report/): a plan and the content texts in, plain
data out, in the plan's language. The phone screen and the A4 PDF read the same object
through the same partials (templates/report/_roleplay_card.html, _observer_checklist.html).

The card comes from the speaker's own plan: its primary contact is the person to play. Where
the plan does not say something yet (no contact, no style, no history), the card says what to
make up instead, so the one playing the client never faces an empty box.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.domain.keys import PERSPECTIVE
from app.domain.preparation import SCRIPT_STEPS, primary_contact, reactions_for
from app.domain.report.common import plan_language, text_of, typographic
from app.domain.words import clause, sentence

CARD = "roleplay_card"
CHECKLIST = "observer_checklist"
# How many reactions from the library the card offers: the ones likely for the contact's
# style first (three), then the next of the library, so there is a choice but not a list.
CARD_REACTIONS = 4


@dataclass(frozen=True)
class Line:
    """A labelled line of the persona: `value` is the plan's, else `improvise` says what to
    make up."""

    label: str
    value: str


@dataclass(frozen=True)
class Style:
    key: str  # D, I, S, C
    name: str
    colour: str
    traits: str
    play: str  # how to play it, in the card's own words
    under_pressure: str  # the style's "bad news" and "under stress" texts


@dataclass(frozen=True)
class TryReaction:
    label: str
    words: str  # what the client could say, in the language's quotation marks
    likely: bool


@dataclass(frozen=True)
class RolePlayCard:
    """Everything the one who plays the client reads, with its section titles (`w`)."""

    lang: str
    title: str
    client_name: str  # the company played (the documents' running header)
    t: Mapping[str, Any]  # the documents' page words (report.yaml), for report/base.html
    w: Mapping[str, Any]  # the card's texts (workshop.yaml `card`)
    intro: str
    notice: str  # the speaker has no plan yet: where this card comes from ("" otherwise)
    persona: tuple[Line, ...]
    persona_improvise: str
    history: tuple[str, ...]
    history_improvise: str
    style: Style | None
    style_improvise: str
    care: tuple[str, ...]
    care_improvise: str
    reactions: tuple[TryReaction, ...]
    respected: tuple[str, ...]
    kind: str = CARD


@dataclass(frozen=True)
class Point:
    """A line of the observer's checklist, with what the observer ticked and wrote."""

    key: str
    title: str
    look: str
    ticked: bool = False
    note: str = ""


@dataclass(frozen=True)
class ObserverChecklist:
    lang: str
    title: str
    client_name: str
    t: Mapping[str, Any]
    w: Mapping[str, Any]  # workshop.yaml `checklist`
    intro: str
    steps: tuple[Point, ...]
    perspective: tuple[Point, ...]
    questions: tuple[str, ...]
    kind: str = CHECKLIST
    points: tuple[Point, ...] = field(default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "points", (*self.steps, *self.perspective))


def build_card(
    plan: Mapping[str, Any],
    texts: Mapping[str, Any],
    *,
    speaker: str,
    fallback_case: str = "",
) -> RolePlayCard:
    """The role-play card of the speaker's plan (`texts`: the content of the plan's language,
    `{"workshop", "prepare", "report"}`). `fallback_case` names the workshop's case when the
    speaker has no plan of their own yet and `plan` is that case."""
    w = texts["workshop"]["card"]
    t = texts["report"]
    contact = primary_contact(plan) or {}
    client = plan.get("client") or {}
    style = _style(contact.get("disc"), texts, w)
    return RolePlayCard(
        lang=plan_language(plan),
        title=w["title"],
        client_name=text_of(client.get("name")),
        t=t,
        w=w,
        intro=w["intro"].format(speaker=speaker),
        notice=(
            w["improvise"]["no_plan"].format(speaker=speaker, case=fallback_case)
            if fallback_case
            else ""
        ),
        persona=_persona(contact, client, w),
        persona_improvise="" if text_of(contact.get("name")) else w["improvise"]["name"],
        history=_history(plan, contact, w),
        history_improvise="" if _has_history(plan) else w["improvise"]["history"],
        style=style,
        style_improvise="" if style else w["improvise"]["style"],
        care=_care(plan, contact, style, texts),
        care_improvise="" if _care(plan, contact, style, texts) else w["improvise"]["care"],
        reactions=_reactions(contact.get("disc"), texts),
        respected=_respected(contact.get("disc"), texts, w),
    )


def _persona(contact: Mapping[str, Any], client: Mapping[str, Any], w) -> tuple[Line, ...]:
    rows = (
        (w["name"], text_of(contact.get("name"))),
        (w["role"], text_of(contact.get("role"))),
        (w["company"], text_of(client.get("name"))),
    )
    return tuple(Line(label, value) for label, value in rows if value)


def _has_history(plan: Mapping[str, Any]) -> bool:
    """Whether the plan says how the collaboration went (the client's view), beyond dates."""
    view = plan.get("client_view") if isinstance(plan.get("client_view"), Mapping) else {}
    return any(clause(view.get(k)) for k in ("good", "turned", "valued"))


def _history(plan: Mapping[str, Any], contact: Mapping[str, Any], w) -> tuple[str, ...]:
    """Since when, the line of business, and the client's view of the good and bad times."""
    client = plan.get("client") or {}
    supplier = text_of((plan.get("owner") or {}).get("company"))
    lines = []
    if client.get("client_since"):
        since = w["since"] if supplier else w["since_unnamed"]
        lines.append(since.format(supplier=supplier, year=client["client_since"]))
    if text_of(client.get("sector")):
        lines.append(w["sector"].format(sector=clause(client["sector"])))
    view = plan.get("client_view") if isinstance(plan.get("client_view"), Mapping) else {}
    for key in ("good", "turned"):
        if clause(view.get(key)):
            lines.append(w[key].format(**{key: clause(view[key])}))
    return tuple(lines)


def _style(disc: str | None, texts: Mapping[str, Any], w) -> Style | None:
    kinds = texts["prepare"]["styles"]["kinds"]
    if disc not in kinds:
        return None
    kind = kinds[disc]
    return Style(
        key=disc,
        name=kind["name"],
        colour=kind["colour"],
        traits=kind["traits"],
        play=w["play"][disc],
        under_pressure=f"{kind['bad_news']} {kind['under_stress']}",
    )


def _care(
    plan: Mapping[str, Any], contact: Mapping[str, Any], style: Style | None, texts
) -> tuple[str, ...]:
    """What the contact cares about: what they valued in the supplier, what the ending costs
    them inside their own company (both from the plan), and what their style needs."""
    w = texts["workshop"]["card"]
    view = plan.get("client_view") if isinstance(plan.get("client_view"), Mapping) else {}
    lines = []
    if clause(view.get("valued")):
        lines.append(w["valued"].format(valued=clause(view["valued"])))
    costs = clause((contact.get("involved") or {}).get("costs"))
    if costs:
        lines.append(sentence(w["costs"].format(costs=costs)))
    if style:
        lines.append(texts["prepare"]["styles"]["kinds"][style.key]["motivators"])
    return tuple(lines)


def _reactions(disc: str | None, texts: Mapping[str, Any]) -> tuple[TryReaction, ...]:
    """The reactions to try: the library's likely ones for the style first, with the words a
    client might say (the library's example)."""
    library = texts["prepare"]["reactions"]["kinds"]
    t = texts["report"]
    return tuple(
        TryReaction(
            typographic(library[key]["label"], t), typographic(library[key]["example"], t), likely
        )
        for key, likely in reactions_for(disc)[:CARD_REACTIONS]
    )


def _respected(disc: str | None, texts: Mapping[str, Any], w) -> tuple[str, ...]:
    """The client's-perspective points seen from the client's chair, then the style's needs."""
    lines = [w["respect"][key] for key in PERSPECTIVE]
    kinds = texts["prepare"]["styles"]["kinds"]
    if disc in kinds:
        lines.append(kinds[disc]["needs"])
    return tuple(lines)


def point_labels(texts: Mapping[str, Any]) -> dict[str, str]:
    """The checklist's points by id (`triads.POINTS`): the seven steps by their titles, then
    the client's-perspective points, in the words of `texts` (the content of one language)."""
    steps = texts["prepare"]["script"]["steps"]
    points = texts["workshop"]["checklist"]["points"]
    return {
        **{key: steps[key]["title"] for key in SCRIPT_STEPS},
        **{key: points[key] for key in PERSPECTIVE},
    }


def build_checklist(
    texts: Mapping[str, Any],
    lang: str,
    *,
    speaker: str,
    client: str,
    client_name: str = "",
    ticks: Sequence[str] = (),
    notes: Mapping[str, str] | None = None,
) -> ObserverChecklist:
    """The observer's checklist (`texts`: the content of `lang`): the seven steps with what to
    look for, the client's-perspective points, and the three debrief questions; with what this
    observer ticked and noted so far (`ticks`, `notes`)."""
    w = texts["workshop"]["checklist"]
    labels = point_labels(texts)
    notes = notes or {}
    ticked = set(ticks)

    def point(key: str, title: str, look: str) -> Point:
        return Point(key, title, look, key in ticked, text_of(notes.get(key)))

    return ObserverChecklist(
        lang=lang,
        title=w["title"],
        client_name=client_name,
        t=texts["report"],
        w=w,
        intro=w["intro"].format(speaker=speaker, client=client),
        steps=tuple(point(k, labels[k], w["look"][k]) for k in SCRIPT_STEPS),
        perspective=tuple(
            point(k, labels[k], texts["prepare"]["perspective"]["items"][k]["why"])
            for k in PERSPECTIVE
        ),
        questions=tuple(w["questions"]),
    )
