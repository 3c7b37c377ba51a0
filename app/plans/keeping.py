"""What the value, alternatives, decision and attention steps show beside their fields: the
value profile, each alternative's criteria, the potential exception and the conversation that
follows a decision other than an exit. Thin: the domain computes, this only picks languages.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from app.domain import attention, talks
from app.domain.potential import effective_advice
from app.domain.report.profile import build_value_profile


def value_extras(content, data: Mapping[str, Any], ui_lang: str) -> dict:
    decide = content.section(ui_lang, "decide")
    return {"profile": build_value_profile(data.get("value"), decide, content.model["value_items"])}


def potential_view(content, analysis: Mapping[str, Any], ui_lang: str) -> dict | None:
    """The potential exception in words, or None when it does not apply."""
    exception = analysis.get("potential_exception")
    if not exception:
        return None
    decide = content.section(ui_lang, "decide")
    t = decide["decision"]["potential"]
    other = exception["other_value"]
    advice_label = decide["recommendations"][exception["if_real"]]["label"]
    outcome = {"real": t["if_real"].format(advice=advice_label), "hope": t["if_hope"], None: ""}
    return {
        **exception,
        "warning": t["warning"].format(
            potential=exception["potential"], other=other if other is not None else "–"
        ),
        "outcome": outcome[exception["answer"]],
    }


def decision_extras(content, analysis: Mapping[str, Any], ui_lang: str) -> dict:
    return {
        "potential": potential_view(content, analysis, ui_lang),
        "advice": effective_advice(analysis),
    }


def attention_extras(
    content, data: Mapping[str, Any], analysis: Mapping[str, Any], plan_lang: str
) -> dict:
    """The groups of activities, what clients value, and the conversation that follows,
    prepared in the plan's language (its words are for the client)."""
    texts = {"decide": content.section(plan_lang, "decide")}
    texts["prepare"] = content.section(plan_lang, "prepare")
    return {
        "attention_groups": attention.GROUPS,
        "client_values": attention.CLIENT_VALUES,
        "talk": talks.build_talk(data, analysis, texts, content.model, plan_lang, date.today()),
    }
