"""Reactions you may get: the user's own, and the ones likely for the main contact's style."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain import address, bargaining, preparation, room
from app.domain.report.common import Facts, text_of, typographic, unquoted


@dataclass(frozen=True)
class Reaction:
    reaction: str
    response: str
    likely: bool = False  # from the library, likely for the main contact's style
    say: str = ""  # from the library: words to say, in the plan's form of address


@dataclass(frozen=True)
class Reactions:
    items: list[Reaction]
    say_label: str = ""
    walk_away: bargaining.WalkAway | None = None
    walk_away_title: str = ""
    walk_away_labels: Mapping[str, str] | None = None


def build_reactions(plan: Mapping[str, Any], texts: Mapping[str, Any], facts: Facts) -> Reactions:
    """The user's reaction/response pairs first, then the library's likely ones (those the
    "in the room" section does not already go through), each with words to say; then the
    walk-away position for when the client bargains.

    Every quotation is set in the language's own marks ('„…”' in Dutch, '“…”' in English).
    """
    t = texts["report"]
    quote = t["document"]["quote"]
    items = [
        Reaction(
            quote.format(text=unquoted(text_of(r.get("reaction")))) if r.get("reaction") else "",
            text_of(r.get("response")),
        )
        for r in plan.get("reactions") or []
        if text_of(r.get("reaction")) or text_of(r.get("response"))
    ]
    library = texts["prepare"]["reactions"]["kinds"]
    words = room.reaction_words(plan, texts["prepare"])
    primary = preparation.primary_contact(plan) or {}
    for key, likely in preparation.reactions_for(primary.get("disc")):
        if likely and key not in preparation.ROOM_MOMENTS:
            items.append(
                Reaction(
                    f"{typographic(library[key]['label'], t)}: "
                    f"{typographic(library[key]['example'], t)}",
                    typographic(library[key]["response"], t),
                    likely=True,
                    say=quote.format(text=words[key]),
                )
            )
    walk_texts = address.addressed(texts["room"]["walk_away"], plan)
    walk = bargaining.walk_away(facts.analysis, facts.model, walk_texts, facts.lang)
    if walk.say:
        walk = bargaining.WalkAway(walk.lines, walk.how, quote.format(text=walk.say))
    return Reactions(
        items,
        say_label=texts["prepare"]["reactions"]["say_label"],
        walk_away=walk,
        walk_away_title=walk_texts["title"],
        walk_away_labels={k: walk_texts[k] for k in bargaining.KINDS},
    )
