"""The summary: who the client is, the decision with its reason, and the key figures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain import numbers, preparation
from app.domain.potential import effective_advice
from app.domain.report.common import Facts, Row, missing_inputs_sentence, text_of
from app.domain.report.financial import contribution_rows, known_figures


@dataclass(frozen=True)
class Summary:
    rows: list[Row]  # client, sector, since, prepared by, conversation date
    contacts: list[str]  # "Name, role (main contact)"
    decision: Row | None  # the user's choice, None while undecided
    advice: Row  # what the analysis recommends
    follows_advice: bool | None
    rationale: str
    key_figures: list[Row]
    conversation_date: str
    advice_note: str = ""  # the potential exception: why the advice is held back or changed


def build_summary(plan: Mapping[str, Any], texts: Mapping[str, Any], facts: Facts) -> Summary:
    """The first page: the facts of the client, the decision against the advice, key figures."""
    s = texts["report"]["summary"]
    recommendations = texts["decide"]["recommendations"]
    client = plan.get("client") or {}
    owner = plan.get("owner") or {}
    rows = [Row(s["client"], client_name(plan))]
    if client.get("sector"):
        rows.append(Row(s["sector"], client["sector"]))
    if client.get("client_since"):
        rows.append(Row(s["client_since"], str(client["client_since"])))
    if owner.get("name") or owner.get("company"):
        who = ", ".join(p for p in (owner.get("name"), owner.get("company")) if p)
        rows.append(Row(s["owner"], who))
    conversation_date = facts.long_date(plan.get("conversation_date"))
    if conversation_date:
        rows.append(Row(s["conversation_date"], conversation_date))

    advice_key = effective_advice(facts.analysis) or facts.analysis["recommendation"]
    advice = Row(
        s["advice"], recommendations[advice_key]["label"], recommendations[advice_key]["summary"]
    )
    advice_note = ""
    exception = facts.analysis.get("potential_exception")
    fill_in = missing_inputs_sentence(texts, facts)
    if fill_in:  # too little entered: no advice, but what it waits for
        title = texts["decide"]["panels"]["missing"]["title"]
        advice, advice_note, advice_key = Row(s["advice"], title), fill_in, None
    elif exception:
        advice, advice_note, advice_key = _potential_advice(exception, texts, s["advice"])
    choice = (plan.get("decision") or {}).get("choice")
    decision = (
        Row(s["decision"], recommendations[choice]["label"], recommendations[choice]["summary"])
        if choice in recommendations
        else None
    )
    return Summary(
        rows=rows,
        contacts=_contacts(plan, s["primary"]),
        decision=decision,
        advice=advice,
        follows_advice=(choice == advice_key) if decision and advice_key else None,
        rationale=text_of((plan.get("decision") or {}).get("rationale")),
        key_figures=key_figures(texts, facts),
        conversation_date=conversation_date,
        advice_note=advice_note,
    )


def _potential_advice(
    exception: Mapping[str, Any], texts: Mapping[str, Any], label: str
) -> tuple[Row, str, str | None]:
    """The advice when the potential exception applies: held back with the reason, or what
    the user's judgement of the growth made of it."""
    decide = texts["decide"]
    t = decide["decision"]["potential"]
    recommendations = decide["recommendations"]
    if exception["held"]:
        warning = t["warning"].format(
            potential=exception["potential"],
            other="–" if exception["other_value"] is None else exception["other_value"],
        )
        return Row(label, t["held"]), warning, None
    key = exception["advice"]
    if exception["answer"] == "real":
        note = t["if_real"].format(advice=recommendations[key]["label"])
    else:
        note = t["if_hope"]
    return Row(label, recommendations[key]["label"], recommendations[key]["summary"]), note, key


def client_name(plan: Mapping[str, Any]) -> str:
    """The client's name as printed, '–' when it has none."""
    return text_of((plan.get("client") or {}).get("name")) or "–"


def _contacts(plan: Mapping[str, Any], primary_word: str) -> list[str]:
    contacts = [
        c for c in (plan.get("client") or {}).get("contacts") or [] if text_of(c.get("name"))
    ]
    primary = preparation.primary_contact(plan)
    lines = []
    for contact in contacts:
        line = text_of(contact.get("name"))
        if text_of(contact.get("role")):
            line += f", {text_of(contact.get('role'))}"
        if contact is primary and len(contacts) > 1:
            line += f" ({primary_word})"
        lines.append(line)
    return lines


def key_figures(texts: Mapping[str, Any], facts: Facts) -> list[Row]:
    """The contribution (or loss), its share of revenue, the cost to serve, the hours a year."""
    fin = known_figures(facts)
    labels = texts["decide"]["financial"]["figures"]
    contribution, share = contribution_rows(texts, facts, cents=False)
    return [
        contribution,
        share,
        Row(labels["service_cost"]["label"], facts.money(fin["service_cost"])),
        Row(
            labels["service_hours_per_year"]["label"],
            numbers.number(fin["service_hours_per_year"], facts.lang, 0),
        ),
    ]
