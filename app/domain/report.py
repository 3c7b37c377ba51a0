"""The report: everything the printed plan, the decision memo and the meeting card show.

One pure function, `build_report`, turns a plan into plain data — texts in the plan's own
language, figures already formatted in its locale (`€ 8.842,27` / `€8,842.27`), dates written
out. The HTML print preview and the PDF render the same object, so they cannot drift apart,
and nothing here knows about Flask, the database or WeasyPrint.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from app.domain import disc, explain, numbers, preparation
from app.domain.analysis import analyze
from app.domain.keys import PERSPECTIVE, PRECONDITIONS
from app.domain.steps import keeps_client

EXIT, MEMO = "exit", "memo"

# How much of the user's own text fits on the one-page meeting card. Longer texts end in an
# ellipsis: the card must stay one page whatever is typed.
CARD_LIMITS = {
    "client": 60,
    "key_message": 230,
    "phrase": 110,
    "reminder": 190,
    "transition": 280,
    "checklist": 7,
}


@dataclass(frozen=True)
class Row:
    """A label with its value, e.g. a key figure."""

    label: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class Check:
    """A line of a checklist: ticked or still open."""

    label: str
    done: bool


@dataclass(frozen=True)
class ServiceRow:
    department: str
    hours_per_week: str
    hourly_cost: str
    yearly_cost: str


@dataclass(frozen=True)
class Bar:
    """One bar of the cost-to-serve chart; `share` is its length as a fraction of the longest."""

    label: str
    value: str
    share: float
    pattern: str  # "solid" or "hatched": the chart reads in black and white


@dataclass(frozen=True)
class Alternative:
    kind: str
    status: str
    note: str


@dataclass(frozen=True)
class Person:
    """You or a contact, with their style and what it means for the conversation."""

    name: str
    role: str
    style: str | None
    style_label: str
    points: list[Row] = field(default_factory=list)
    pair: list[str] = field(default_factory=list)
    primary: bool = False


@dataclass(frozen=True)
class ScriptStep:
    number: int
    key: str
    title: str
    intent: str
    words: str
    suggestion: str
    phrase: str  # the short key phrase for the meeting card


@dataclass(frozen=True)
class Reaction:
    reaction: str
    response: str
    likely: bool = False


@dataclass(frozen=True)
class Card:
    client: str
    key_message: str
    figures: list[Row]
    checklist: list[tuple[str, str]]  # (title, key phrase) as tick boxes
    checklist_title: str
    reminders: list[Row]
    transition: str


@dataclass(frozen=True)
class Report:
    """The whole report of one plan, ready to print."""

    lang: str
    kind: str  # EXIT: the conversation plan; MEMO: the decision memo
    t: Mapping[str, Any]  # the report texts (content/<lang>/report.yaml)
    title: str
    client_name: str
    made_on: str
    prepared_by: str
    conversation_date: str
    summary: list[Row]
    contacts: list[Person]
    decision: Row | None
    advice: Row
    follows_advice: bool | None
    rationale: str
    key_figures: list[Row]
    financial: list[Row]
    service_rows: list[ServiceRow]
    service_total: ServiceRow
    chart: list[Bar]
    chart_note: str
    verdict: Row | None
    rule_text: str
    strain: Row
    strain_answers: list[Row]
    value: Row
    value_answers: list[Row]
    pitfalls: list[Check]
    readiness: str
    alternatives: list[Alternative]
    break_even: list[str]
    you: Person
    theirs: list[Person]
    preconditions: list[Check]
    perspective: list[Check]
    script: list[ScriptStep]
    reactions: list[Reaction]
    transition: list[Row]
    follow_ups: list[Row]
    lessons: str
    ideal_client: str
    attention: list[Row]
    card: Card

    @property
    def is_exit(self) -> bool:
        return self.kind == EXIT


def plan_language(plan: Mapping[str, Any]) -> str:
    """The language of the printed documents: the plan's own, English when it has none."""
    return plan.get("language") if plan.get("language") in ("nl", "en") else "en"


def shorten(text: str | None, limit: int) -> str:
    """The text on one line, cut at a word boundary with an ellipsis when longer than `limit`."""
    flat = " ".join((text or "").split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–") + "…"


def first_sentence(text: str | None) -> str:
    """The first sentence of a text (up to . ! ? or a line break)."""
    line = (text or "").strip().split("\n", 1)[0]
    match = re.match(r"(.+?[.!?])(\s|$)", line)
    return match.group(1) if match else line


def _style_label(style: str | None, kinds: Mapping[str, Any], unknown: str, fmt: str) -> str:
    if style not in disc.STYLES:
        return unknown
    kind = kinds[style]
    return fmt.format(name=kind["name"], colour=kind["colour"])


def _scale(answers: Mapping[str, Any] | None, items: Sequence[str], texts, t) -> list[Row]:
    """Each scale item with the answer given ("4 out of 5"), or that it is not answered."""
    a = t["analysis"]
    return [
        Row(
            texts[key]["label"],
            a["answer"].format(answer=value)
            if (value := (answers or {}).get(key))
            else a["not_answered"],
        )
        for key in items
    ]


def _score(label: str, score: int | None, t) -> Row:
    return Row(label, t["analysis"]["score"].format(score=score) if score is not None else "–")


def _chart(fin: Mapping[str, Any], profit_label: str, cost_label: str, lang: str) -> list[Bar]:
    """Gross profit against everything it takes to serve the client, as two bars.

    Everything it takes (hours, other yearly costs, late payment) is exactly what the
    contribution leaves of the gross profit.
    """
    profit = Decimal(str(fin["gross_profit"] or 0))
    cost = profit - Decimal(str(fin["contribution"] or 0))
    longest = max(profit, cost, Decimal(1))
    return [
        Bar(
            profit_label,
            numbers.money(profit, lang, cents=False),
            float(max(profit, Decimal(0)) / longest),
            "solid",
        ),
        Bar(
            cost_label,
            numbers.money(cost, lang, cents=False),
            float(cost / longest),
            "hatched",
        ),
    ]


def build_report(
    plan: Mapping[str, Any],
    texts: Mapping[str, Any],
    model: Mapping[str, Any],
    *,
    today: date,
) -> Report:
    """The report of `plan` in the plan's language.

    `texts` are the content texts of that language (`{"report": …, "decide": …, "prepare": …}`),
    `model` the analysis model; `today` is the date printed as "made on".
    """
    lang = plan_language(plan)
    t, decide, prepare = texts["report"], texts["decide"], texts["prepare"]
    analysis = analyze(plan, model)
    fin = analysis["financial"]
    financial_in = plan.get("financial") or {}
    client = plan.get("client") or {}
    owner = plan.get("owner") or {}
    kinds = prepare["styles"]["kinds"]
    kind = MEMO if keeps_client(plan) else EXIT
    doc = t["document"]
    client_name = (client.get("name") or "").strip() or "–"

    def money(value, cents=False):
        return numbers.money(value, lang, cents=cents)

    def style_label(style):
        return _style_label(style, kinds, t["styles"]["unknown"], t["styles"]["style_label"])

    # -- summary ------------------------------------------------------------------------------
    s = t["summary"]
    summary = [Row(s["client"], client_name)]
    if client.get("sector"):
        summary.append(Row(s["sector"], client["sector"]))
    if client.get("client_since"):
        summary.append(Row(s["client_since"], str(client["client_since"])))
    if owner.get("name") or owner.get("company"):
        who = ", ".join(p for p in (owner.get("name"), owner.get("company")) if p)
        summary.append(Row(s["owner"], who))
    conversation_date = (
        numbers.long_date(date.fromisoformat(plan["conversation_date"]), lang)
        if plan.get("conversation_date")
        else ""
    )
    if conversation_date:
        summary.append(Row(s["conversation_date"], conversation_date))

    recommendations = decide["recommendations"]
    advice_key = analysis["recommendation"]
    advice = Row(
        s["advice"], recommendations[advice_key]["label"], recommendations[advice_key]["summary"]
    )
    choice = (plan.get("decision") or {}).get("choice")
    decision = (
        Row(s["decision"], recommendations[choice]["label"], recommendations[choice]["summary"])
        if choice in recommendations
        else None
    )
    rationale = ((plan.get("decision") or {}).get("rationale") or "").strip()

    labels = decide["financial"]["figures"]
    key_figures = [
        Row(labels["contribution"]["label"], money(fin["contribution"])),
        Row(labels["contribution_pct"]["label"], numbers.percent(fin["contribution_pct"], lang)),
        Row(labels["service_cost"]["label"], money(fin["service_cost"])),
        Row(
            labels["service_hours_per_year"]["label"],
            numbers.number(fin["service_hours_per_year"], lang, 0),
        ),
    ]

    # -- decision analysis --------------------------------------------------------------------
    a = t["analysis"]
    financial = [
        Row(a["revenue"], money(financial_in.get("annual_revenue"), True)),
        Row(a["gross_margin"], numbers.percent(financial_in.get("gross_margin_pct"), lang)),
        Row(labels["gross_profit"]["label"], money(fin["gross_profit"], True)),
        Row(labels["service_cost"]["label"], money(fin["service_cost"], True)),
        Row(a["other_costs"], money(financial_in.get("other_annual_costs") or 0, True)),
        Row(
            labels["financing_cost"]["label"],
            money(fin["financing_cost"], True),
            _fmt_days(financial_in.get("payment_days_late"), a, lang),
        ),
        Row(labels["contribution"]["label"], money(fin["contribution"], True)),
        Row(labels["contribution_pct"]["label"], numbers.percent(fin["contribution_pct"], lang)),
        Row(labels["yield_per_hour"]["label"], money(fin["yield_per_hour"], True)),
    ]
    departments = decide["financial"]["departments"]
    weeks = Decimal(str(financial_in.get("working_weeks") or model["financial"]["working_weeks"]))
    service_rows = []
    total_hours = Decimal(0)
    for row in financial_in.get("service_hours") or []:
        hours = Decimal(str(row.get("hours_per_week") or 0))
        rate = Decimal(str(row.get("hourly_cost") or 0))
        total_hours += hours
        service_rows.append(
            ServiceRow(
                departments.get(row.get("department") or "", row.get("department") or "–"),
                numbers.number(hours, lang, 1),
                money(rate, True),
                money(hours * rate * weeks),
            )
        )
    service_total = ServiceRow(
        a["total"], numbers.number(total_hours, lang, 1), "", money(fin["service_cost"])
    )
    verdict_key = fin["verdict"]
    verdict = (
        Row(
            decide["financial"]["verdicts"][verdict_key]["label"],
            decide["financial"]["verdicts"][verdict_key]["text"],
        )
        if verdict_key
        else None
    )
    chart = _chart(fin, labels["gross_profit"]["label"], a["chart_cost"], lang)
    chart_note = a["chart_note"].format(total=chart[1].value)

    strain = _score(decide["interpersonal"]["score"]["label"], analysis["strain_score"], t)
    strain_answers = _scale(
        plan.get("interpersonal"), model["interpersonal_items"], decide["interpersonal"]["items"], t
    )
    value = _score(decide["value"]["score"]["label"], analysis["value_score"], t)
    value_texts = {
        **decide["value"]["items"],
        "reputation_risk": decide["value"]["reputation_risk"],
    }
    value_answers = _scale(plan.get("value"), model["value_items"], value_texts, t)

    pitfall_answers = plan.get("pitfalls") or {}
    pitfalls = [
        Check(decide["pitfalls"]["items"][k]["label"], pitfall_answers.get(k) is True)
        for k in model["pitfalls"]
    ]
    open_count = sum(1 for p in pitfalls if not p.done)
    readiness = (
        decide["pitfalls"]["ready"]
        if not open_count
        else decide["pitfalls"]["not_ready"].format(count=open_count)
    )
    alt_texts = decide["alternatives"]
    alternatives = [
        Alternative(
            alt_texts["kinds"][alt["kind"]]["label"] if alt.get("kind") else "–",
            alt_texts["statuses"].get(alt.get("status") or "", ""),
            (alt.get("note") or "").strip(),
        )
        for alt in plan.get("alternatives") or []
        if alt.get("kind") or alt.get("note")
    ]
    break_even = explain.break_even_lines(analysis, model, decide, lang)["lines"]
    rule_text = explain.rule_explanation(analysis, model, decide, lang)

    # -- styles -------------------------------------------------------------------------------
    st = t["styles"]
    mine = owner.get("disc")
    you_points = []
    if mine in disc.STYLES:
        you_points = [
            Row(st["your_risks"], kinds[mine]["risks"]),
            Row(st["your_tips"], kinds[mine]["tips"]),
        ]
    you = Person(owner.get("name") or st["you"], "", mine, style_label(mine), you_points)
    theirs = []
    primary = preparation.primary_contact(plan) or {}
    for contact in client.get("contacts") or []:
        name = (contact.get("name") or "").strip()
        if not name:
            continue
        style = contact.get("disc")
        points = []
        if style in disc.STYLES:
            points = [
                Row(st["deliver"].format(name=name), kinds[style]["deliver"]),
                Row(st["reactions"].format(name=name), kinds[style]["reactions"]),
                Row(st["in_writing"], kinds[style]["in_writing"]),
            ]
        theirs.append(
            Person(
                name,
                (contact.get("role") or "").strip(),
                style,
                style_label(style),
                points,
                disc.pair_advice(mine, style, name, prepare["styles"]),
                primary=contact is primary,
            )
        )

    # -- preconditions ------------------------------------------------------------------------
    ticked = plan.get("preconditions") or {}
    preconditions = [
        Check(prepare["preconditions"]["items"][k]["label"], ticked.get(k) is True)
        for k in PRECONDITIONS
    ]
    seen = plan.get("perspective") or {}
    perspective = [
        Check(prepare["perspective"]["items"][k]["label"], seen.get(k) is True) for k in PERSPECTIVE
    ]

    # -- the conversation ---------------------------------------------------------------------
    written = plan.get("script") or {}
    suggested = preparation.suggestions(plan, analysis, prepare, lang)
    script = []
    for n, key in enumerate(preparation.SCRIPT_STEPS, start=1):
        step = prepare["script"]["steps"][key]
        words = (written.get(key) or "").strip()
        script.append(
            ScriptStep(
                number=n,
                key=key,
                title=step["title"],
                intent=step["intent"],
                words=words,
                suggestion="" if words else suggested[key],
                phrase=shorten(first_sentence(words) or step["intent"], CARD_LIMITS["phrase"]),
            )
        )
    reactions = [
        Reaction((r.get("reaction") or "").strip(), (r.get("response") or "").strip())
        for r in plan.get("reactions") or []
        if (r.get("reaction") or "").strip() or (r.get("response") or "").strip()
    ]
    library = prepare["reactions"]["kinds"]
    for key, likely in preparation.reactions_for(primary.get("disc")):
        if likely:
            reactions.append(
                Reaction(
                    f"{library[key]['label']}: {library[key]['example']}",
                    library[key]["response"],
                    likely=True,
                )
            )

    # -- transition ---------------------------------------------------------------------------
    tr = t["transition"]
    transition_in = plan.get("transition") or {}
    end = preparation.end_date(plan)
    transition = []
    if transition_in.get("notice_weeks") is not None:
        transition.append(
            Row(tr["notice"], tr["notice_weeks"].format(weeks=transition_in["notice_weeks"]))
        )
    if end:
        transition.append(Row(tr["end_date"], numbers.long_date(end, lang)))
    if (transition_in.get("handover") or "").strip():
        transition.append(Row(tr["handover"], transition_in["handover"].strip()))
    if (transition_in.get("referral") or "").strip():
        transition.append(Row(tr["referral"], transition_in["referral"].strip()))
    follow_ups = [
        Row(numbers.long_date(date.fromisoformat(f["date"]), lang), (f.get("note") or "").strip())
        for f in plan.get("follow_ups") or []
        if f.get("date")
    ]
    if not follow_ups:
        note = prepare["transition"]["suggested_note"]
        follow_ups = [
            Row(numbers.long_date(d, lang), note) for d in preparation.suggested_follow_ups(plan)
        ]

    # -- not an exit: the attention plan ------------------------------------------------------
    activities = prepare["attention"]["activities"]
    attention = [
        Row(
            activities.get(item.get("activity") or "", item.get("activity") or "–"),
            numbers.long_date(date.fromisoformat(item["date"]), lang) if item.get("date") else "",
            (item.get("note") or "").strip(),
        )
        for item in plan.get("attention_plan") or []
        if item.get("activity") or item.get("note")
    ]

    card = _card(
        kind,
        t,
        client_name,
        script,
        key_figures,
        you,
        theirs,
        suggested,
        attention,
        decision,
        rationale,
    )
    title = doc["plan_title"] if kind == EXIT else doc["memo_title"]
    prepared_by = doc["prepared_by"].format(name=owner["name"]) if owner.get("name") else ""
    return Report(
        lang=lang,
        kind=kind,
        t=t,
        title=title,
        client_name=client_name,
        made_on=doc["made_on"].format(date=numbers.long_date(today, lang)),
        prepared_by=prepared_by,
        conversation_date=conversation_date,
        summary=summary,
        contacts=theirs,
        decision=decision,
        advice=advice,
        follows_advice=(choice == advice_key) if decision else None,
        rationale=rationale,
        key_figures=key_figures,
        financial=financial,
        service_rows=service_rows,
        service_total=service_total,
        chart=chart,
        chart_note=chart_note,
        verdict=verdict,
        rule_text=rule_text,
        strain=strain,
        strain_answers=strain_answers,
        value=value,
        value_answers=value_answers,
        pitfalls=pitfalls,
        readiness=readiness,
        alternatives=alternatives,
        break_even=break_even,
        you=you,
        theirs=theirs,
        preconditions=preconditions,
        perspective=perspective,
        script=script,
        reactions=reactions,
        transition=transition,
        follow_ups=follow_ups,
        lessons=(plan.get("lessons") or "").strip(),
        ideal_client=(plan.get("ideal_client") or "").strip(),
        attention=attention,
        card=card,
    )


def _fmt_days(days: Any, a: Mapping[str, Any], lang: str) -> str:
    if not days:
        return ""
    return f"{a['days_late']}: {numbers.number(days, lang, 0)}"


def _card(
    kind: str,
    t: Mapping[str, Any],
    client_name: str,
    script: list[ScriptStep],
    key_figures: list[Row],
    you: Person,
    theirs: list[Person],
    suggested: Mapping[str, str],
    attention: list[Row],
    decision: Row | None,
    rationale: str,
) -> Card:
    """The one-page meeting card: every user text cut to what fits on the page."""
    c = t["card"]
    limit = CARD_LIMITS
    figures = [key_figures[0], key_figures[2], key_figures[3]]
    contact = next((p for p in theirs if p.primary), theirs[0] if theirs else None)
    reminders = []
    if you.style:
        reminders.append(
            Row(
                c["reminder_you"].format(style=you.style_label),
                shorten(you.points[1].value, limit["reminder"]),
            )
        )
    if contact and contact.style:
        reminders.append(
            Row(
                c["reminder_them"].format(
                    name=shorten(contact.name, 40), style=contact.style_label
                ),
                shorten(contact.points[0].value, limit["reminder"]),
            )
        )
    if kind == EXIT:
        framing = next(s for s in script if s.key == "framing")
        key_message = shorten(framing.words, limit["key_message"]) or c["no_key_message"]
        checklist = [(s.title, s.phrase) for s in script]
        checklist_title = c["steps"]
        transition_step = next(s for s in script if s.key == "transition")
        transition = shorten(transition_step.words or suggested["transition"], limit["transition"])
    else:
        message = " — ".join(p for p in ((decision.value if decision else ""), rationale) if p)
        key_message = shorten(message, limit["key_message"]) or c["no_key_message"]
        checklist = [
            (
                shorten(a.label, limit["phrase"]),
                shorten(" · ".join(p for p in (a.value, a.note) if p), limit["phrase"]),
            )
            for a in attention[: limit["checklist"]]
        ]
        checklist_title = c["checklist"]
        transition = ""
    return Card(
        client=shorten(client_name, limit["client"]),
        key_message=key_message,
        figures=figures,
        checklist=checklist,
        checklist_title=checklist_title,
        reminders=reminders,
        transition=transition,
    )
