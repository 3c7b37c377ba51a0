"""The alternatives weighed, each with its criteria, and what it would take to keep the client."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain import explain
from app.domain.report.common import Facts, Row, text_of


@dataclass(frozen=True)
class Alternative:
    kind: str
    status: str
    note: str
    criteria: tuple[Row, ...] = ()  # when it fits, when it does not


@dataclass(frozen=True)
class Alternatives:
    items: list[Alternative]
    break_even: list[str]  # the price rise or hours cut that would make the client pay


def build_alternatives(
    plan: Mapping[str, Any], texts: Mapping[str, Any], facts: Facts
) -> Alternatives:
    """The user's alternatives with their status and when each fits or does not, and the
    break-even lines of the analysis."""
    decide = texts["decide"]
    alt_texts = decide["alternatives"]
    items = []
    for alt in plan.get("alternatives") or []:
        if not (alt.get("kind") or alt.get("note")):
            continue
        kind = alt_texts["kinds"].get(alt.get("kind") or "")
        items.append(
            Alternative(
                kind["label"] if kind else "–",
                alt_texts["statuses"].get(alt.get("status") or "", ""),
                text_of(alt.get("note")),
                criteria_rows(kind, alt_texts["criteria"], ("fits", "not_fits")) if kind else (),
            )
        )
    lines = explain.break_even_lines(facts.analysis, facts.model, decide, facts.lang)["lines"]
    return Alternatives(items, lines)


def criteria_rows(
    kind: Mapping[str, str], labels: Mapping[str, str], parts: tuple[str, ...]
) -> tuple[Row, ...]:
    """An alternative's criteria as labelled rows ("When it fits" → the text)."""
    return tuple(Row(labels[part], kind[part]) for part in parts)
