"""When the client is kept: the attention plan, activity by activity."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.report.common import Facts, Row, text_of


@dataclass(frozen=True)
class Attention:
    items: list[Row]  # activity, date, note


def build_attention(plan: Mapping[str, Any], texts: Mapping[str, Any], facts: Facts) -> Attention:
    """The activities the user picked to rebuild the relationship, with their dates."""
    activities = texts["prepare"]["attention"]["activities"]
    return Attention(
        [
            Row(
                activities.get(item.get("activity") or "", item.get("activity") or "–"),
                facts.long_date(item.get("date")),
                text_of(item.get("note")),
            )
            for item in plan.get("attention_plan") or []
            if item.get("activity") or item.get("note")
        ]
    )
