"""The alternatives weighed, and what it would take to keep the client."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain import explain
from app.domain.report.common import Facts, text_of


@dataclass(frozen=True)
class Alternative:
    kind: str
    status: str
    note: str


@dataclass(frozen=True)
class Alternatives:
    items: list[Alternative]
    break_even: list[str]  # the price rise or hours cut that would make the client pay


def build_alternatives(
    plan: Mapping[str, Any], texts: Mapping[str, Any], facts: Facts
) -> Alternatives:
    """The user's alternatives with their status, and the break-even lines of the analysis."""
    decide = texts["decide"]
    alt_texts = decide["alternatives"]
    items = [
        Alternative(
            alt_texts["kinds"][alt["kind"]]["label"] if alt.get("kind") else "–",
            alt_texts["statuses"].get(alt.get("status") or "", ""),
            text_of(alt.get("note")),
        )
        for alt in plan.get("alternatives") or []
        if alt.get("kind") or alt.get("note")
    ]
    lines = explain.break_even_lines(facts.analysis, facts.model, decide, facts.lang)["lines"]
    return Alternatives(items, lines)
