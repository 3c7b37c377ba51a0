"""The shape of the coaching content: which keys each file must have, in both languages.

A key listed here must exist in both languages: `TEXT` is a non-empty text, `PLURAL` a text with
a form per plural category (`{one: …, other: …}`). Keys beyond the schema are allowed but must
also exist in both languages (checked by the loader in `app/content.py`).
"""

from __future__ import annotations

from typing import Any

from app.domain.disc import STATEMENTS, STYLES
from app.domain.keys import (
    ALTERNATIVE_KINDS,
    ALTERNATIVE_STATUSES,
    DEPARTMENTS,
    INTERPERSONAL,
    PERSPECTIVE,
    PITFALLS,
    PRECONDITIONS,
    RECOMMENDATIONS,
    VALUE,
)
from app.domain.preparation import (
    ATTENTION_ACTIVITIES,
    ATTENTION_GROUPS,
    FOLLOW_THROUGH,
    REACTIONS,
    SCRIPT_STEPS,
)
from app.domain.steps import ALL_STEPS

FIGURES = (
    "gross_profit",
    "service_cost",
    "service_hours_per_year",
    "financing_cost",
    "contribution",
    "contribution_pct",
    "yield_per_hour",
    "loss",
)

TEXT = "text"  # a required, non-empty string in the schema below
# A required text with a form per plural category of its language: {one: …, other: …} in Dutch
# and English (the categories come from Babel's CLDR plural rules for the language). The form
# is chosen by the number at the time of use (`Plural.format(count=n)` or `Plural.pick(n)`).
PLURAL = "plural"

# Required keys per content file. Later features add their files here; a key listed here
# must exist, non-empty, in both languages. Keys beyond the schema are allowed but must also
# exist in both languages.
_LABELLED = {"label": TEXT, "question": TEXT, "why": TEXT}


def _texts(*keys: str) -> dict[str, str]:
    return dict.fromkeys(keys, TEXT)


_STYLE = _texts(
    "name",
    "colour",
    "traits",
    "exit_style",
    "risks",
    "tips",
    "deliver",
    "needs",
    "in_writing",
    "reactions",
)
SCHEMA: dict[str, Any] = {
    "steps.yaml": {
        "phases": _texts("decide", "prepare", "room"),
        "steps": {sid: {"title": TEXT, "summary": TEXT} for sid, _ in ALL_STEPS},
    },
    "decide.yaml": {
        "client": {
            "intro": TEXT,
            "help": _texts(
                "sector", "client_since", "contacts", "owner", "conversation_date", "language"
            ),
        },
        "financial": {
            "intro": TEXT,
            "help": _texts(
                "annual_revenue",
                "gross_margin_pct",
                "other_annual_costs",
                "payment_days_late",
                "cost_of_capital_pct",
                "working_weeks",
                "service_hours",
            ),
            "departments": _texts(*DEPARTMENTS),
            "figures": {key: {"label": TEXT, "explain": TEXT} for key in FIGURES},
            "verdicts": {
                key: {"label": TEXT, "text": TEXT}
                for key in ("loss", "marginal", "profitable", "unanswered")
            },
        },
        "interpersonal": {
            "intro": TEXT,
            "scale": _texts("low", "high"),
            "items": {key: _LABELLED for key in INTERPERSONAL},
            "score": _texts("label", "explain"),
        },
        "value": {
            "intro": TEXT,
            "scale": _texts("low", "high"),
            "items": {key: _LABELLED for key in VALUE},
            "reputation_risk": {**_LABELLED, "low": TEXT, "high": TEXT},
            "score": _texts("label", "explain"),
        },
        "pitfalls": {
            "intro": TEXT,
            "items": {key: _texts("label", "explain") for key in PITFALLS},
            "ready": TEXT,
            "not_ready": PLURAL,
        },
        "alternatives": {
            "intro": TEXT,
            "kinds": {key: _texts("label", "guidance") for key in ALTERNATIVE_KINDS},
            "statuses": _texts(*ALTERNATIVE_STATUSES),
            "break_even": {
                **_texts(
                    "title",
                    "price_to_break_even",
                    "price_to_target",
                    "hours_to_break_even",
                    "hours_to_target",
                    "hours_impossible",
                    "already_break_even",
                    "already_target",
                    "no_figures",
                ),
                "exit_side": PLURAL,
                "exit_side_loss": PLURAL,
            },
        },
        "recommendations": {key: _texts("label", "summary") for key in RECOMMENDATIONS},
        "rules": _texts("1", "2", "3", "4", "5", "6", "7"),
        "rule_incomplete": TEXT,
        "unanswered": _texts("financial", "interpersonal", "value"),
        "decision": {
            **_texts(
                "intro",
                "advises",
                "choice_label",
                "rationale_label",
                "rationale_help",
                "rationale_required",
            ),
            "not_ready": PLURAL,
        },
    },
    "prepare.yaml": {
        "styles": {
            "intro": TEXT,
            "disclaimer": TEXT,
            "self_check": {
                **_texts("title", "intro", "low", "high", "result", "direct_pick", "unknown"),
                "statements": {key: {"text": TEXT} for key in STATEMENTS},
            },
            "observe": _texts(
                "title",
                "intro",
                "pace_question",
                "pace_outgoing",
                "pace_reserved",
                "focus_question",
                "focus_task",
                "focus_people",
                "unknown",
                "no_contacts",
            ),
            "pair_title": TEXT,
            "kinds": {key: _STYLE for key in STYLES},
            "clash": _texts(
                "same_pace",
                "pace_faster",
                "pace_slower",
                "same_focus",
                "focus_task_people",
                "focus_people_task",
                "they_need",
            ),
            "pair_notes": {},
        },
        "preconditions": {
            "intro": TEXT,
            "items": {key: _texts("label", "why") for key in PRECONDITIONS},
        },
        "perspective": {
            "intro": TEXT,
            "items": {key: _texts("label", "why") for key in PERSPECTIVE},
        },
        "script": {
            "intro": TEXT,
            "title_conversation": TEXT,
            "title_follow_up": TEXT,
            "use": TEXT,
            "steps": {
                key: _texts("title", "intent", "guidance", "suggestion") for key in SCRIPT_STEPS
            },
            "transition_parts": {
                **_texts("end_date", "handover", "referral", "none"),
                "notice": PLURAL,
            },
            "others": PLURAL,
            "follow_up_parts": _texts("dates", "none"),
            "reasons": {**_texts("fallback", "strain"), "loss": PLURAL, "marginal": PLURAL},
            "unknown_reactions": TEXT,
        },
        "transition": {
            "intro": TEXT,
            "help": _texts("notice_weeks", "end_date", "handover", "referral", "follow_ups"),
            "calendar": TEXT,
            "suggested_note": TEXT,
        },
        "lessons": _texts("intro", "avoid_help", "ideal_help"),
        "reactions": {
            **_texts("title", "intro", "likely", "own_reaction", "own_response"),
            "kinds": {key: _texts("label", "example", "response") for key in REACTIONS},
        },
        "attention": {
            **_texts("intro", "optional", "activity", "when", "note", "choose"),
            "groups": _texts(*ATTENTION_GROUPS),
            "activities": _texts(*ATTENTION_ACTIVITIES),
        },
        "after_talk": {
            **_texts("title", "intro", "went", "reactions_seen", "worked", "differently"),
            "follow_through": _texts(*FOLLOW_THROUGH),
        },
    },
    "report.yaml": {
        "document": _texts(
            "plan_title",
            "memo_title",
            "card_title",
            "confidential",
            "page_before",
            "page_middle",
            "made_on",
            "prepared_by",
            "not_filled",
        ),
        "sections": _texts(
            "summary",
            "analysis",
            "styles",
            "preconditions",
            "conversation",
            "reactions",
            "transition",
            "lessons",
            "alternative",
            "attention",
        ),
        "summary": _texts(
            "client",
            "sector",
            "client_since",
            "contacts",
            "primary",
            "owner",
            "conversation_date",
            "decision",
            "advice",
            "follows_advice",
            "differs",
            "rationale",
            "key_figures",
            "no_decision",
        ),
        "analysis": _texts(
            "figures",
            "revenue",
            "gross_margin",
            "other_costs",
            "days_late",
            "service_hours",
            "department",
            "hours_per_week",
            "hourly_cost",
            "yearly_cost",
            "total",
            "chart_title",
            "chart_cost",
            "chart_note",
            "why",
            "strain",
            "value",
            "score",
            "answer",
            "not_answered",
            "pitfalls",
            "alternatives",
            "no_alternatives",
            "break_even",
        ),
        "styles": _texts(
            "you",
            "unknown",
            "style_label",
            "your_risks",
            "your_tips",
            "deliver",
            "reactions",
            "in_writing",
            "pair",
            "disclaimer",
        ),
        "preconditions": _texts("title", "perspective", "done", "open"),
        "conversation": _texts("suggestion", "likely"),
        "transition": _texts(
            "notice",
            "notice_weeks",
            "end_date",
            "handover",
            "referral",
            "follow_ups",
        ),
        "lessons": _texts("lessons", "ideal"),
        "memo": _texts("chosen", "no_plan"),
        "card": _texts(
            "key_message",
            "figures",
            "steps",
            "checklist",
            "reminder_you",
            "reminder_them",
            "transition",
            "notes",
            "no_key_message",
        ),
    },
}
