"""The schema of the coaching content: which texts each file of `content/<lang>/` must have.

Per file a tree of required keys; a leaf says what kind of text it holds (TEXT, PLURAL, TEXTS,
ADDRESSED, ADDRESSED_PLURAL). `app.content` validates both languages against it at start-up.
"""

from __future__ import annotations

from typing import Any

from app.content_schema_workshop import workshop_schema
from app.domain import tips
from app.domain.attention import ACTIVITIES as ATTENTION_PLAN_ACTIVITIES
from app.domain.attention import CLIENT_VALUES
from app.domain.attention import GROUPS as ATTENTION_PLAN_GROUPS
from app.domain.disc import STATEMENTS, STYLES
from app.domain.examples import OUTCOMES as EXAMPLE_OUTCOMES
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
from app.domain.portfolio import ACTIVITIES as PORTFOLIO_ACTIVITIES
from app.domain.portfolio import CLASSES as PORTFOLIO_CLASSES
from app.domain.portfolio import PEARL_STEPS, SEGMENTS
from app.domain.preparation import (
    FOLLOW_THROUGH,
    REACTIONS,
    SCRIPT_STEPS,
)
from app.domain.steps import ALL_STEPS
from app.domain.talks import TALKS

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
TEXTS = "texts"  # a required, non-empty list of non-empty texts (the same length in nl and en)
# Words the user may say to the client (script suggestions, words for a reaction): in Dutch a
# mapping {je: …, u: …} with both forms of address, each a text (ADDRESSED) or a text with
# plural forms (ADDRESSED_PLURAL); in English, which has one form, the plain text or plural.
ADDRESSED = "addressed"
ADDRESSED_PLURAL = "addressed_plural"
ADDRESSING_LANGUAGES = ("nl",)

# Required keys per content file. Later features add their files here; a key listed here
# must exist, non-empty, in both languages. Keys beyond the schema are allowed but must also
# exist in both languages.
_COMPOSED_STEPS = ("logic", "transition", "stay_in_contact")
_LABELLED = {"label": TEXT, "question": TEXT, "why": TEXT}
_PLURAL = {"one": TEXT, "other": TEXT}  # a text with {count}, in its singular and plural form


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
    "bad_news",
    "under_stress",
    "fears",
    "motivators",
) | {"dos": TEXTS, "donts": TEXTS}
# Every pair of your style and theirs ("S-D": you steady, they dominant) has its own note and
# its own "you under pressure" line: a tendency and one countermeasure.
_PAIRS = [f"{yours}-{theirs}" for yours in STYLES for theirs in STYLES]
# The conversation that follows a decision other than an exit (domain/talks.py).
_TALK_KINDS = {
    "price": (
        "key_message",
        "key_message_plain",
        "floor_loss",
        "aim",
        "floor_marginal",
        "floor_none",
        "no_figures",
    ),
    "reset": ("key_message", "floor_hours_loss", "floor_hours_target", "floor", "no_figures"),
    "trial": ("key_message", "floor"),
    "repair": ("key_message", "floor"),
}
_TALKS = {
    **_texts(
        "title",
        "intro",
        "alternative",
        "alternative_help",
        "suggested",
        "none",
        "key_message",
        "key_message_help",
        "suggestion",
        "figures",
        "reactions",
        "reactions_general",
        "walk_away",
        "walk_away_help",
        "review_date",
        "review_date_help",
        "review",
        "agree",
    ),
    "figure_labels": _texts(
        "price_increase_pct_to_break_even",
        "price_increase_pct_to_target",
        "hours_cut_pct_to_break_even",
        "hours_cut_pct_to_target",
    ),
    "kinds": {
        talk: {**_texts("title", *_TALK_KINDS[talk]), "reactions": _texts(*STYLES)}
        for talk in TALKS
    },
}
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
            "profile": _texts("title", "note", "answer", "not_answered"),
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
            "kinds": {
                key: _texts("label", "guidance", "fits", "not_fits", "agree", "review")
                for key in ALTERNATIVE_KINDS
            },
            "criteria": _texts("fits", "not_fits", "agree", "review"),
            "talks": _TALKS,
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
            "potential": {
                **_texts(
                    "title",
                    "warning",
                    "question",
                    "note",
                    "note_help",
                    "held",
                    "if_real",
                    "if_hope",
                ),
                "answers": _texts("real", "hope"),
            },
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
            "pair_notes": _texts(*_PAIRS),
            "pressure": {pair: _texts("tendency", "counter") for pair in _PAIRS},
            "labels": _texts(
                "disclaimer_short",
                "depth_title",
                "depth_intro",
                "you",
                "bad_news",
                "under_stress",
                "fears",
                "motivators",
                "dos",
                "donts",
                "in_writing",
                "where_meet",
                "they_need",
                "pressure",
                "tendency",
                "counter",
                "pressure_all",
                "facing",
                "facing_own",
                "same_as",
                "the_other",
                "full_profile",
            ),
            "several": {
                **_texts("title", "intro", "one_message_title"),
                "one_message": TEXTS,
                "why": _texts("primary", *STYLES, "unknown"),
            },
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
            "note_label": TEXT,
            # Steps 3, 6 and 7 are composed from parts (reasons, transition, follow-up) that
            # carry their own forms of address; the others speak to the client directly.
            "steps": {
                key: {
                    **_texts("title", "intent", "guidance"),
                    "suggestion": TEXT if key in _COMPOSED_STEPS else ADDRESSED,
                }
                for key in SCRIPT_STEPS
            }
            | {
                "individual": {
                    **_texts("title", "intent", "guidance"),
                    "suggestion": ADDRESSED,
                    "suggestion_no_name": ADDRESSED,
                }
            },
            "transition_parts": {
                **_texts("end_date", "handover", "none"),
                "referral": ADDRESSED,
                "notice": PLURAL,
            },
            "others": PLURAL,
            "view_parts": {**_texts("turned", "good"), "valued": ADDRESSED},
            "follow_up_parts": {"dates": ADDRESSED, "none": ADDRESSED},
            "reasons": {
                "fallback": ADDRESSED,
                "strain": ADDRESSED,
                "loss": ADDRESSED_PLURAL,
                "marginal": ADDRESSED_PLURAL,
            },
            "notes": _texts("individual_no_name", "emotion", "costs"),
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
            **_texts("title", "intro", "likely", "say_label", "own_reaction", "own_response"),
            "kinds": {
                key: {**_texts("label", "example", "response"), "say": ADDRESSED}
                for key in REACTIONS
            },
        },
        "attention": {
            **_texts("intro", "optional", "activity", "when", "note", "choose"),
            "groups": _texts(*ATTENTION_PLAN_GROUPS),
            "activities": _texts(*ATTENTION_PLAN_ACTIVITIES),
            "client_values": {
                **_texts("title", "intro", "sources"),
                "items": {key: _texts("label", "meaning") for key in CLIENT_VALUES},
            },
        },
        "after_talk": {
            **_texts("title", "intro", "went", "reactions_seen", "worked", "differently"),
            "follow_through": _texts(*FOLLOW_THROUGH),
        },
    },
    # The example cases on the dashboard: per outcome the plan's file and how the list shows it.
    "examples.yaml": {
        "cases": {key: _texts("file", "title", "summary", "outcome") for key in EXAMPLE_OUTCOMES},
    },
    "tips.yaml": {
        "heading": TEXT,
        "tips": {tid: _texts("step", "title", "body") for tid in tips.TIPS},
    },
    "room.yaml": {
        "room": {
            **_texts("title", "intro"),
            "opening": {**_texts("title", "guidance"), "say": ADDRESSED},
            "silence": _texts("title", "guidance"),
            "never": {"title": TEXT},
            "close": {**_texts("title", "guidance", "end_unknown"), "say": ADDRESSED},
            "moments": _texts("title", "intro", "on_screen"),
            "card": _texts("title", "opening", "silence", "close"),
        },
        "walk_away": {
            **_texts(
                "title",
                "intro",
                "nothing",
                "little",
                "second_look",
                "price_below_break_even",
                "price_between",
                "price_below_target",
                "price_second_look",
                "hours_below_break_even",
                "hours_between",
                "hours_below_target",
                "hours_second_look",
                "hours_impossible",
                "not_money",
                "profitable",
                "no_figures",
                "how",
            ),
            "say_second_look": ADDRESSED,
        },
        "involved": {
            **_texts(
                "title",
                "summary",
                "summary_unnamed",
                "intro",
                "by",
                "when",
                "hears",
                "costs",
                "none",
            ),
            "help": _texts("by", "when", "hears", "costs"),
        },
        "client_view": _texts(
            "title",
            "intro",
            "good",
            "good_help",
            "turned",
            "turned_help",
            "valued",
            "valued_help",
            "none",
        ),
        "address": _texts(
            "title", "help", "names", "names_help", "je", "u", "first_names", "no_first_names"
        ),
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
            "quote",
        ),
        "files": _texts("plan", "memo", "card", "calendar"),
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
            "loss",
            "loss_pct",
            "pitfalls",
            "alternatives",
            "no_alternatives",
            "break_even",
        )
        | {
            "scales": {scale: _texts(*"12345") for scale in ("frequency", "extent", "risk")},
            "not_ready": _PLURAL,
        },
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
            "end_date",
            "handover",
            "referral",
            "follow_ups",
        )
        | {"notice_weeks": _PLURAL},
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
    "portfolio.yaml": {
        "title": TEXT,
        "intro": TEXT,
        "classes": {k: _texts("name", "short", "summary") for k in PORTFOLIO_CLASSES},
        "activities": _texts(*PORTFOLIO_ACTIVITIES),
        "segments": {s: _texts("name", "summary", "visits", "calls", "approach") for s in SEGMENTS},
        "pearls": {
            "title": TEXT,
            "intro": TEXT,
            "criteria": TEXTS,
            "steps": _texts(*PEARL_STEPS),
        },
        "pareto": _texts("title", "explain"),
        "whale": _texts("title", "explain"),
        "quadrant": _texts("title", "explain", "keep", "fix", "exit", "grow"),
        "balance": _texts("title", "intro"),
        "segments_example": TEXT,
    },
}
SCHEMA["workshop.yaml"] = workshop_schema(TEXT, TEXTS)
