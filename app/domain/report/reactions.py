"""Reactions you may get: the user's own, and the ones likely for the main contact's style."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain import preparation
from app.domain.report.common import Facts, text_of, typographic, unquoted


@dataclass(frozen=True)
class Reaction:
    reaction: str
    response: str
    likely: bool = False  # from the library, likely for the main contact's style


@dataclass(frozen=True)
class Reactions:
    items: list[Reaction]


def build_reactions(plan: Mapping[str, Any], texts: Mapping[str, Any], facts: Facts) -> Reactions:
    """The user's reaction/response pairs first, then the library's likely ones.

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
    primary = preparation.primary_contact(plan) or {}
    for key, likely in preparation.reactions_for(primary.get("disc")):
        if likely:
            items.append(
                Reaction(
                    f"{typographic(library[key]['label'], t)}: "
                    f"{typographic(library[key]['example'], t)}",
                    typographic(library[key]["response"], t),
                    likely=True,
                )
            )
    return Reactions(items)
