"""Transition and staying in contact: notice, end date, handover, follow-up moments."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain import preparation
from app.domain.report.common import Facts, Row, text_of


@dataclass(frozen=True)
class Transition:
    rows: list[Row]
    follow_ups: list[Row]  # date, note
    end_date: str


def build_transition(plan: Mapping[str, Any], texts: Mapping[str, Any], facts: Facts) -> Transition:
    """The transition as planned, with follow-ups suggested from the end date when none are."""
    tr = texts["report"]["transition"]
    given = plan.get("transition") or {}
    end = facts.long_date(preparation.end_date(plan))
    rows = []
    if given.get("notice_weeks") is not None:
        rows.append(Row(tr["notice"], facts.plural(tr["notice_weeks"], int(given["notice_weeks"]))))
    if end:
        rows.append(Row(tr["end_date"], end))
    if text_of(given.get("handover")):
        rows.append(Row(tr["handover"], text_of(given.get("handover"))))
    if text_of(given.get("referral")):
        rows.append(Row(tr["referral"], text_of(given.get("referral"))))
    follow_ups = [
        Row(facts.long_date(f["date"]), text_of(f.get("note")))
        for f in plan.get("follow_ups") or []
        if f.get("date")
    ]
    if not follow_ups:
        note = texts["prepare"]["transition"]["suggested_note"]
        follow_ups = [Row(facts.long_date(d), note) for d in preparation.suggested_follow_ups(plan)]
    return Transition(rows, follow_ups, end)
