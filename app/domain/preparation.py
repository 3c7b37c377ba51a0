"""Preparing the conversation: suggestions built from the plan, transition dates, a calendar.

Pure functions. Suggestions are written in the plan's language from the content texts and the
plan's own figures, so the user starts from something specific, not a blank page.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from app.domain import address, numbers
from app.domain.dates import add_months, add_weeks, parse_date
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
    "time",
    "escalation",
    "legal",
    "public_threat",
    "abandonment",
)
# The reactions each style tends to show first (see the style texts in prepare.yaml): the
# steady contact who says little now asks for time, the conscientious one checks the contract.
LIKELY_REACTIONS = {
    "D": ("anger", "bargaining", "escalation"),
    "I": ("sadness", "abandonment", "public_threat"),
    "S": ("sadness", "time", "abandonment"),
    "C": ("denial", "legal", "bargaining"),
}
# The difficult moments the "in the room" guidance goes through, in its order.
ROOM_MOMENTS = ("time", "escalation", "legal", "sadness", "relief")
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
    """The stored end date, else the conversation date plus the notice period.

    A date outside the plan's range (app/domain/dates.py) counts as not given; the computed
    date stays inside the range, however long the notice period."""
    transition = plan.get("transition") or {}
    stored = parse_date(transition.get("end_date"))
    if stored:
        return stored
    start, weeks = parse_date(plan.get("conversation_date")), transition.get("notice_weeks")
    if start and weeks is not None:
        return add_weeks(start, weeks)
    return None


def suggested_follow_ups(plan: Mapping[str, Any]) -> list[date]:
    """Three, six and twelve months after the end date (none without an end date)."""
    end = end_date(plan)
    return [add_months(end, m) for m in FOLLOW_UP_MONTHS] if end else []


def planned_follow_ups(plan: Mapping[str, Any]) -> list[date]:
    """The follow-up dates the user set, in their order (a date out of range is left out)."""
    rows = [row for row in plan.get("follow_ups") or [] if isinstance(row, Mapping)]
    return [day for day in (parse_date(row.get("date")) for row in rows) if day]


def suggestions(
    plan: Mapping[str, Any],
    analysis: Mapping[str, Any],
    texts: Mapping[str, Any],
    lang: str,
) -> dict[str, str]:
    """A suggested text for each of the seven steps (`texts` = prepare.yaml of `lang`).

    Every suggestion is words the user can say to the client, in the plan's form of address
    (je or u in Dutch) and calling the contact by first name or by no name, as the plan is
    set. Every text is composed as whole sentences in `lang`: counts take their plural form,
    lists are joined with "en"/"and", and the user's own words (handover, referral, how the
    client sees it) are fitted in without a doubled full stop. What the user should know
    about the contact goes to `notes`, never into the words to say.
    """
    script = address.addressed(texts["script"], plan)
    contact = primary_contact(plan)
    spoken = _spoken_name(plan, contact)
    values = {
        "contact": spoken,
        "reason": _reason(analysis, script, lang),
        "transition": _transition_text(plan, script, lang),
        "follow_up": _follow_up_text(plan, script, lang),
        **_client_view_parts(plan, script),
    }
    steps = script["steps"]
    result = {step: steps[step]["suggestion"].format(**values) for step in SCRIPT_STEPS}
    if not spoken:
        result["individual"] = steps["individual"]["suggestion_no_name"]
    others = _others_text(plan, contact, script, lang)
    if others:
        result["individual"] = f"{result['individual']} {others}"
    return {step: tidy(text) for step, text in result.items()}


def notes(plan: Mapping[str, Any], texts: Mapping[str, Any], lang: str) -> dict[str, list[str]]:
    """What the user should keep in mind at a step, apart from the words to say: that the
    opening has no name (step 1), what to expect from the contact (step 4), what the
    decision costs the contact inside their own company (step 5)."""
    script = texts["script"]
    contact = primary_contact(plan) or {}
    name = (contact.get("name") or "").strip() or (plan.get("client") or {}).get("name") or ""
    style = contact.get("disc")
    reactions = (
        texts["styles"]["kinds"][style]["reactions"] if style else script["unknown_reactions"]
    )
    out: dict[str, list[str]] = {step: [] for step in SCRIPT_STEPS}
    if not _spoken_name(plan, primary_contact(plan)):
        out["individual"].append(script["notes"]["individual_no_name"])
    if name:
        out["emotion"].append(
            tidy(script["notes"]["emotion"].format(contact=name, reactions=lower_first(reactions)))
        )
    costs = clause((contact.get("involved") or {}).get("costs"))
    if costs:
        out["empathy"].append(
            sentence(script["notes"]["costs"].format(contact=name or "", costs=costs))
        )
    return out


def _spoken_name(plan: Mapping[str, Any], contact: Mapping[str, Any] | None) -> str:
    """How the opening calls the main contact: the first name, or no name at all (when the
    plan uses no first names, or the contact has no name)."""
    name = ((contact or {}).get("name") or "").strip()
    if not name or not address.uses_first_names(plan):
        return ""
    return address.first_name(name)


def _client_view_parts(plan: Mapping[str, Any], script: Mapping[str, Any]) -> dict[str, str]:
    """Steps 2 and 5 from how the client sees it: since when it chafed, the good times and
    what they valued; each sentence only when the user has written its part."""
    view = plan.get("client_view") if isinstance(plan.get("client_view"), Mapping) else {}
    parts = script["view_parts"]
    given = {key: clause(view.get(key)) for key in ("turned", "good", "valued")}
    turned = parts["turned"].format(turned=given["turned"]) if given["turned"] else ""
    memories = " ".join(
        parts[key].format(**{key: given[key]}) for key in ("good", "valued") if given[key]
    )
    return {"turned": turned, "memories": memories}


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
    dates = planned_follow_ups(plan) or suggested_follow_ups(plan)
    follow = script["follow_up_parts"]
    if not dates:
        return follow["none"]
    return follow["dates"].format(
        dates=join_words((numbers.long_date(d, lang) for d in dates[:3]), lang)
    )


# Characters that end a line for some calendar readers (Python's str.splitlines() among
# them): written as the escaped newline "\\n", so no text can start a property of its own.
_ICS_BREAKS = {ord(c): "\\n" for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}
# Other control characters have no place in iCalendar TEXT (RFC 5545 3.3.11): left out.
_ICS_CONTROLS = {c: None for c in (*range(0x20), 0x7F) if c not in _ICS_BREAKS and c != 0x09}
_ICS_TABLE = {**_ICS_CONTROLS, **_ICS_BREAKS}


def ics_text(value: str) -> str:
    """A TEXT value as RFC 5545 writes it: backslash, semicolon and comma escaped, every line
    break as \\n (CR LF counts once), other control characters left out."""
    value = value.replace("\r\n", "\n")
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.translate(_ICS_TABLE)


def fold(line: str) -> str:
    """RFC 5545 3.1: a line longer than 75 octets continues on the next after CRLF and a space;
    a line is only broken between characters, never inside one's UTF-8 bytes."""
    out, current, size = [], [], 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += width
    out.append("".join(current))
    return "\r\n".join(out)


def calendar(
    plan_id: int,
    plan: Mapping[str, Any],
    titles: Mapping[str, str],
    now: datetime,
) -> str:
    """An iCalendar file with the conversation and the follow-up moments as all-day events.

    Every text is escaped and folded (RFC 5545), so a name with line breaks or a long note stays
    inside its own property; a date outside the plan's range is left out."""
    client = (plan.get("client") or {}).get("name") or ""
    events = []
    conversation = parse_date(plan.get("conversation_date"))
    if conversation:
        events.append(("conversation", conversation, titles["conversation"], ""))
    rows = [row for row in plan.get("follow_ups") or [] if isinstance(row, Mapping)]
    follow_ups = [(parse_date(row.get("date")), row.get("note") or "") for row in rows]
    for i, (day, note) in enumerate((day, note) for day, note in follow_ups if day):
        events.append((f"follow-up-{i}", day, titles["follow_up"], note))
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Exit Coach//exitcoach//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for uid, start, title, note in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:plan-{plan_id}-{uid}@exitcoach",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
            # start is at most dates.LATEST, so the day after it always exists
            f"DTEND;VALUE=DATE:{start + timedelta(days=1):%Y%m%d}",
            fold(f"SUMMARY:{ics_text(f'{title}: {client}' if client else title)}"),
        ]
        if note:
            lines.append(fold(f"DESCRIPTION:{ics_text(str(note))}"))
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"
