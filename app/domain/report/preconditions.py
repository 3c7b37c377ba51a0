"""The preconditions checklist and the client's perspective."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain import room
from app.domain.keys import PERSPECTIVE, PRECONDITIONS
from app.domain.report.common import Check, Facts, Row


@dataclass(frozen=True)
class Preconditions:
    before: list[Check]  # before the conversation
    perspective: list[Check]  # through the client's eyes
    client_view: tuple[Row, ...] = ()  # how the client sees it, as the user wrote it
    client_view_title: str = ""


def build_preconditions(
    plan: Mapping[str, Any], texts: Mapping[str, Any], facts: Facts
) -> Preconditions:
    """Both checklists, each line ticked or open, and how the client sees the relationship
    (the questions the user answered), which the perspective check is read against."""
    prepare = texts["prepare"]
    view_texts = texts["room"]["client_view"]
    view = room.client_view(plan)
    ticked = plan.get("preconditions") or {}
    seen = plan.get("perspective") or {}
    return Preconditions(
        [
            Check(prepare["preconditions"]["items"][k]["label"], ticked.get(k) is True)
            for k in PRECONDITIONS
        ],
        [
            Check(prepare["perspective"]["items"][k]["label"], seen.get(k) is True)
            for k in PERSPECTIVE
        ],
        tuple(Row(view_texts[key], text) for key, text in view.items() if text),
        view_texts["title"],
    )
