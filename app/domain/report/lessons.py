"""Lessons for future clients: what this client taught, and the client to look for."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.report.common import Facts, text_of
from app.domain.tips import Tip, tips_for


@dataclass(frozen=True)
class Lessons:
    lessons: str
    ideal_client: str
    # The coaching tips of the lessons step that apply to this plan, printed with the lessons.
    tips_heading: str = ""
    tips: tuple[Tip, ...] = ()


def build_lessons(plan: Mapping[str, Any], texts: Mapping[str, Any], facts: Facts) -> Lessons:
    """The user's two texts, as written, and the tips the lessons step shows for this plan."""
    tips = texts.get("tips") or {}
    return Lessons(
        text_of(plan.get("lessons")),
        text_of(plan.get("ideal_client")),
        tips.get("heading", ""),
        tuple(tips_for("lessons", plan, tips.get("tips") or {})),
    )
