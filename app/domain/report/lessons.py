"""Lessons for future clients: what this client taught, and the client to look for."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.report.common import Facts, text_of


@dataclass(frozen=True)
class Lessons:
    lessons: str
    ideal_client: str


def build_lessons(plan: Mapping[str, Any], texts: Mapping[str, Any], facts: Facts) -> Lessons:
    """The user's two texts, as written."""
    return Lessons(text_of(plan.get("lessons")), text_of(plan.get("ideal_client")))
