"""The pitfalls checked before deciding, and whether the decision is ready."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.report.common import Check, Facts


@dataclass(frozen=True)
class Pitfalls:
    checks: list[Check]
    readiness: str


def build_pitfalls(plan: Mapping[str, Any], texts: Mapping[str, Any], facts: Facts) -> Pitfalls:
    """Each pitfall check ticked or open, and what that means for the decision ('1 check is
    still open', '2 checks are')."""
    p = texts["decide"]["pitfalls"]
    answers = plan.get("pitfalls") or {}
    checks = [
        Check(p["items"][k]["label"], answers.get(k) is True) for k in facts.model["pitfalls"]
    ]
    open_count = sum(1 for c in checks if not c.done)
    not_ready = texts["report"]["analysis"]["not_ready"]
    readiness = p["ready"] if not open_count else facts.plural(not_ready, open_count)
    return Pitfalls(checks, readiness)
