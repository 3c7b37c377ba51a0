"""The preconditions checklist and the client's perspective."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.keys import PERSPECTIVE, PRECONDITIONS
from app.domain.report.common import Check, Facts


@dataclass(frozen=True)
class Preconditions:
    before: list[Check]  # before the conversation
    perspective: list[Check]  # through the client's eyes


def build_preconditions(
    plan: Mapping[str, Any], texts: Mapping[str, Any], facts: Facts
) -> Preconditions:
    """Both checklists, each line ticked or open."""
    prepare = texts["prepare"]
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
    )
