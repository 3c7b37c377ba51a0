"""The attention plan as a calendar: every client's contact rhythm as recurring events.

One all-day series of visits (`FREQ=MONTHLY;INTERVAL=n`) and one of calls
(`FREQ=WEEKLY;INTERVAL=n`) per client with a rhythm, from January of the plan's year for that
year only (`COUNT`: as many as the printed plan counts). Clients are spread over the working
days of the month and the week, so fifty visits do not all land on 1 January. A client without
a fixed rhythm (tiring) gets no events. Texts are escaped and folded as in the plan's calendar
(preparation.ics_text, preparation.fold: RFC 5545). Pure, no Flask.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta

from app.domain.attention_plan import AttentionPlan, PlanClient
from app.domain.preparation import fold, ics_text

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR")
# Visits go to the first to fourth Monday … Friday of the month: 20 slots.
VISIT_WEEKS = 4


def first_weekday(year: int, month: int, weekday: int) -> date:
    """The first `weekday` (0 = Monday) of a month."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7)


def visit_start(year: int, slot: int) -> tuple[date, str]:
    """The first visit of slot `slot` in January and its BYDAY ("+2TU": second Tuesday)."""
    slot %= VISIT_WEEKS * len(WEEKDAYS)
    week, weekday = divmod(slot, len(WEEKDAYS))
    day = first_weekday(year, 1, weekday) + timedelta(weeks=week)
    return day, f"+{week + 1}{WEEKDAYS[weekday]}"


def call_start(year: int, slot: int) -> tuple[date, str]:
    """The first call of slot `slot`: a weekday of January's first week, and its BYDAY."""
    weekday = slot % len(WEEKDAYS)
    return first_weekday(year, 1, weekday), WEEKDAYS[weekday]


def _description(client: PlanClient, plan: AttentionPlan, class_title: str) -> str:
    lines = [f"{class_title} · {client.segment_name}"]
    lines += [plan.activity_texts[key] for key in client.activities]
    return "\n".join(lines)


def _event(uid: str, stamp: str, start: date, rule: str, summary: str, description: str):
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
        f"DTEND;VALUE=DATE:{start + timedelta(days=1):%Y%m%d}",
        f"RRULE:{rule}",
        fold(f"SUMMARY:{ics_text(summary)}"),
        fold(f"DESCRIPTION:{ics_text(description)}"),
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def attention_calendar(
    plan: AttentionPlan, titles: Mapping[str, str], now: datetime, owner: str = "portfolio"
) -> str:
    """The plan's contact rhythm as an iCalendar file (CRLF line ends, folded lines).

    `titles` has `visit` and `call`, each with `{client}` ("Visit: {client}"); `owner` makes
    the event ids unique per user (`attention-<owner>-<year>-<client>-visit@exitcoach`).
    """
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Exit Coach//exitcoach//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        fold(f"X-WR-CALNAME:{ics_text(plan.title)}"),
    ]
    class_titles = {section.klass: section.title for section in plan.classes}
    ordered = sorted(plan.members, key=lambda m: (m.klass, m.position))
    visit_slot = call_slot = 0
    for client in ordered:
        rhythm = plan.rhythms[client.segment]
        ref = client.client_id if client.client_id is not None else f"row{client.position}"
        uid = f"attention-{owner}-{plan.year}-{ref}"
        description = _description(client, plan, class_titles[client.klass])
        if rhythm.visit_every_months:
            start, byday = visit_start(plan.year, visit_slot)
            visit_slot += 1
            rule = (
                f"FREQ=MONTHLY;INTERVAL={rhythm.visit_every_months};BYDAY={byday};"
                f"COUNT={rhythm.visits}"
            )
            summary = titles["visit"].format(client=client.name)
            lines += _event(f"{uid}-visit@exitcoach", stamp, start, rule, summary, description)
        if rhythm.call_every_weeks:
            start, byday = call_start(plan.year, call_slot)
            call_slot += 1
            rule = (
                f"FREQ=WEEKLY;INTERVAL={rhythm.call_every_weeks};BYDAY={byday};COUNT={rhythm.calls}"
            )
            summary = titles["call"].format(client=client.name)
            lines += _event(f"{uid}-call@exitcoach", stamp, start, rule, summary, description)
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"
