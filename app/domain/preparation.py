"""Preparing the conversation: suggestions built from the plan, transition dates, a calendar.

Pure functions. Suggestions are written in the plan's language from the content texts and the
plan's own figures, so the user starts from something specific, not a blank page.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from app.domain import numbers
from app.domain.words import clause, join_words, lower_first, pick, sentence, tidy

SCRIPT_STEPS = (
    "individual",
    "framing",
    "logic",
    "emotion",
    "empathy",
    "transition",
    "stay_in_contact",
)
FOLLOW_UP_MONTHS = (3, 6, 12)
REACTIONS = (
    "denial",
    "anger",
    "bargaining",
    "sadness",
    "relief",
    "public_threat",
    "abandonment",
)
# The reactions each style tends to show first (see the style texts in prepare.yaml).
LIKELY_REACTIONS = {
    "D": ("anger", "bargaining", "public_threat"),
    "I": ("sadness", "abandonment", "public_threat"),
    "S": ("sadness", "abandonment", "denial"),
    "C": ("denial", "bargaining", "relief"),
}
FOLLOW_THROUGH = ("handover", "final_invoice", "access_data", "introduction")
# Activities for an attention plan when the decision is not an exit, grouped as on screen.
ATTENTION_GROUPS = {
    "abcde": (
        "a_events",
        "a_connect",
        "b_ambition",
        "b_specialist",
        "b_improvement",
        "c_twice_yearly",
        "d_inside_sales",
        "e_rates",
    ),
    "moments": ("moments_map", "moments_fix"),
    "deposits": (
        "deposit_promise",
        "deposit_attention",
        "deposit_listen",
        "deposit_expectations",
    ),
}
ATTENTION_ACTIVITIES = tuple(a for group in ATTENTION_GROUPS.values() for a in group)


def reactions_for(style: str | None) -> list[tuple[str, bool]]:
    """All reactions, the ones likely for this style first, each marked likely or not."""
    likely = LIKELY_REACTIONS.get(style or "", ())
    rest = [key for key in REACTIONS if key not in likely]
    return [(key, True) for key in likely] + [(key, False) for key in rest]


def primary_contact(plan: Mapping[str, Any]) -> Mapping[str, Any] | None:
    contacts = (plan.get("client") or {}).get("contacts") or []
    return next((c for c in contacts if c.get("primary")), contacts[0] if contacts else None)


def end_date(plan: Mapping[str, Any]) -> date | None:
    """The stored end date, else the conversation date plus the notice period."""
    transition = plan.get("transition") or {}
    if transition.get("end_date"):
        return date.fromisoformat(transition["end_date"])
    start, weeks = plan.get("conversation_date"), transition.get("notice_weeks")
    if start and weeks is not None:
        return date.fromisoformat(start) + timedelta(weeks=weeks)
    return None


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clipped to the month's end (31 Jan + 1 → 28/29 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def suggested_follow_ups(plan: Mapping[str, Any]) -> list[date]:
    """Three, six and twelve months after the end date (none without an end date)."""
    end = end_date(plan)
    return [add_months(end, m) for m in FOLLOW_UP_MONTHS] if end else []


def suggestions(
    plan: Mapping[str, Any],
    analysis: Mapping[str, Any],
    texts: Mapping[str, Any],
    lang: str,
) -> dict[str, str]:
    """A suggested text for each of the seven steps (`texts` = prepare.yaml of `lang`).

    Every text is composed as whole sentences in `lang`: counts take their plural form, lists
    are joined with "en"/"and", and the user's own words (handover, referral) are fitted in
    without a doubled full stop.
    """
    script = texts["script"]
    contact = primary_contact(plan)
    client_name = (plan.get("client") or {}).get("name") or ""
    name = (contact or {}).get("name") or client_name
    style = (contact or {}).get("disc")
    reactions = (
        texts["styles"]["kinds"][style]["reactions"] if style else script["unknown_reactions"]
    )
    values = {
        "contact": name,
        "reason": _reason(analysis, script, lang),
        "reactions": lower_first(reactions),
        "transition": _transition_text(plan, script, lang),
        "follow_up": _follow_up_text(plan, script, lang),
    }
    result = {step: script["steps"][step]["suggestion"].format(**values) for step in SCRIPT_STEPS}
    others = _others_text(plan, contact, script, lang)
    if others:
        result["individual"] = f"{result['individual']} {others}"
    return {step: tidy(text) for step, text in result.items()}


def _reason(analysis: Mapping[str, Any], script: Mapping[str, Any], lang: str) -> str:
    """Step 3: the figures behind the advice, a loss always said as a loss."""
    fin = analysis["financial"]
    reason_key = {1: "loss", 2: "loss", 3: "strain", 4: "strain", 5: "marginal", 6: "marginal"}
    key = reason_key.get(analysis["rule"], "fallback")
    hours = fin.get("service_hours_per_year")
    if key in ("loss", "marginal") and not hours:
        key = "fallback"
    if key == "loss" and (fin.get("contribution") or 0) >= 0:
        key = "fallback"
    return pick(script["reasons"][key], round(hours or 0)).format(
        hours=numbers.number(hours, lang, 0),
        loss=numbers.money(abs(fin.get("contribution") or 0), lang, cents=False),
    )


def _others_text(
    plan: Mapping[str, Any],
    primary: Mapping[str, Any] | None,
    script: Mapping[str, Any],
    lang: str,
) -> str:
    """Step 1: who else hears it from you ("Joost en Sandra horen het daarna ook…"), if anyone."""
    contacts = (plan.get("client") or {}).get("contacts") or []
    names = [
        (c.get("name") or "").strip()
        for c in contacts
        if c is not primary and (c.get("name") or "").strip()
    ]
    if not names:
        return ""
    return pick(script["others"], len(names)).format(others=join_words(names, lang))


def _transition_text(plan: Mapping[str, Any], script: Mapping[str, Any], lang: str) -> str:
    """Step 6: the end date (with the notice period it follows from), handover and referral."""
    transition = plan.get("transition") or {}
    parts = script["transition_parts"]
    pieces = []
    end = end_date(plan)
    if end:
        pieces.append(parts["end_date"].format(date=numbers.long_date(end, lang)))
        weeks = transition.get("notice_weeks")
        from_notice = end_date({**plan, "transition": {**transition, "end_date": None}})
        if weeks is not None and end == from_notice:
            pieces.append(pick(parts["notice"], weeks).format(count=weeks))
    if (transition.get("handover") or "").strip():
        pieces.append(parts["handover"].format(handover=sentence(transition["handover"])))
    if clause(transition.get("referral")):
        pieces.append(parts["referral"].format(referral=clause(transition["referral"])))
    return " ".join(pieces) if pieces else parts["none"]


def _follow_up_text(plan: Mapping[str, Any], script: Mapping[str, Any], lang: str) -> str:
    """Step 7: the first three follow-up moments, as a list in the plan's language."""
    follow_dates = [f.get("date") for f in plan.get("follow_ups") or [] if f.get("date")]
    dates = [date.fromisoformat(d) for d in follow_dates] or suggested_follow_ups(plan)
    follow = script["follow_up_parts"]
    if not dates:
        return follow["none"]
    return follow["dates"].format(
        dates=join_words((numbers.long_date(d, lang) for d in dates[:3]), lang)
    )


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 5545: lines longer than 75 octets continue on the next line after a space."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode("utf-8")) > 75:
            out.append(current)
            current = " " + char
        else:
            current += char
    out.append(current)
    return "\r\n".join(out)


def calendar(
    plan_id: int,
    plan: Mapping[str, Any],
    titles: Mapping[str, str],
    now: datetime,
) -> str:
    """An iCalendar file with the conversation and the follow-up moments as all-day events."""
    client = (plan.get("client") or {}).get("name") or ""
    events = []
    if plan.get("conversation_date"):
        events.append(("conversation", plan["conversation_date"], titles["conversation"], ""))
    follow_ups = [f for f in plan.get("follow_ups") or [] if f.get("date")]
    for i, item in enumerate(follow_ups):
        events.append((f"follow-up-{i}", item["date"], titles["follow_up"], item.get("note") or ""))
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Exit Coach//exitcoach//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for uid, day, title, note in events:
        start = date.fromisoformat(day)
        lines += [
            "BEGIN:VEVENT",
            f"UID:plan-{plan_id}-{uid}@exitcoach",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
            f"DTEND;VALUE=DATE:{start + timedelta(days=1):%Y%m%d}",
            _fold(f"SUMMARY:{_ics_text(f'{title}: {client}' if client else title)}"),
        ]
        if note:
            lines.append(_fold(f"DESCRIPTION:{_ics_text(note)}"))
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"
