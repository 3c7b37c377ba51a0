"""Coaching content and analysis defaults, loaded once from `content/` and validated.

Content is data: every text exists in Dutch and English with the same keys, none is empty, and
`model.yaml` matches its schema. A broken file stops the app at start-up with a message that
names the file and the key, instead of a half-translated screen in front of a user.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from app.content_model import ModelError, validate_model
from app.domain import tips
from app.domain.attention import ACTIVITIES as ATTENTION_PLAN_ACTIVITIES
from app.domain.attention import CLIENT_VALUES
from app.domain.attention import GROUPS as ATTENTION_PLAN_GROUPS
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
    FOLLOW_THROUGH,
    REACTIONS,
    SCRIPT_STEPS,
)
from app.domain.steps import ALL_STEPS
from app.domain.talks import TALKS
from app.domain.words import ADDRESS_FORMS, CATEGORIES, Addressed, Plural, plural_categories

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

LANGUAGES = ("nl", "en")
DEFAULT_DIR = Path(__file__).resolve().parent.parent / "content"
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
        "files": _texts("plan", "memo", "card"),
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
}


class ContentError(Exception):
    """Content that the app refuses to start with; the message names file and key."""


@dataclass(frozen=True)
class Content:
    """All content: `model` (analysis defaults) and `texts[lang][file_stem]`."""

    model: dict[str, Any]
    texts: dict[str, dict[str, Any]]

    def section(self, lang: str, dotted: str) -> Any:
        """The value at `file.key.key` in one language, e.g. `steps.steps.client.title`."""
        node: Any = self.texts[lang if lang in self.texts else "en"]
        for part in dotted.split("."):
            node = node[part]
        return node

    def text(self, lang: str, dotted: str) -> str | Plural:
        """A text; a text with plural forms comes as a `Plural` (use `.format(count=n)`)."""
        value = self.section(lang, dotted)
        if not isinstance(value, str | Plural):
            raise KeyError(f"{dotted} is not a text")
        return value

    def counted(self, lang: str, dotted: str, n: int | float) -> str:
        """The form of a text for the number n ("1 toets", "2 toetsen"), placeholders left."""
        value = self.text(lang, dotted)
        return value.pick(n) if isinstance(value, Plural) else value


def load_content(directory: str | Path | None = None) -> Content:
    """Read and validate every content file; raise ContentError on the first problem."""
    root = Path(directory) if directory else DEFAULT_DIR
    model = _load_model(root / "model.yaml")
    texts: dict[str, dict[str, Any]] = {}
    files: dict[str, set[str]] = {}
    for lang in LANGUAGES:
        folder = root / lang
        if not folder.is_dir():
            raise ContentError(f"{_rel(folder)}: folder for language '{lang}' is missing")
        files[lang] = {p.name for p in folder.glob("*.yaml")}
    for lang, other in (("nl", "en"), ("en", "nl")):
        for name in sorted(files[lang] - files[other]):
            raise ContentError(f"{_rel(root / other / name)}: file is missing (exists in {lang})")
    for name in SCHEMA:
        if name not in files["en"]:
            raise ContentError(f"{_rel(root / 'en' / name)}: file is missing")
    for lang in LANGUAGES:
        texts[lang] = {}
        for name in sorted(files[lang]):
            path = root / lang / name
            data = _read_yaml(path)
            if not isinstance(data, dict):
                raise ContentError(f"{_rel(path)}: must be a mapping of keys to texts")
            _check_schema(path, data, SCHEMA.get(name, {}), "", lang)
            _check_leaves(path, data, "", lang)
            texts[lang][path.stem] = _with_plurals(data, lang)
    for name in sorted(files["en"]):
        stem = Path(name).stem
        _check_parity(root, name, texts["nl"][stem], texts["en"][stem], "")
    for lang, problem in tips.problems({lang: texts[lang].get("tips") for lang in LANGUAGES}):
        raise ContentError(f"{_rel(root / lang / 'tips.yaml')}: {problem}")
    return Content(model=model, texts=texts)


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ContentError(f"{_rel(path)}: file is missing") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ContentError(f"{_rel(path)}: not valid YAML ({exc})") from exc


def _load_model(path: Path) -> dict[str, Any]:
    try:
        return validate_model(_read_yaml(path))
    except ModelError as exc:
        raise ContentError(f"{_rel(path)}: {exc}") from exc


def _join(prefix: str, key: Any) -> str:
    return f"{prefix}[{key}]" if isinstance(key, int) else (f"{prefix}.{key}" if prefix else key)


def _is_plural(data: Any) -> bool:
    """A mapping whose keys are all plural categories, one of them "other", is a plural text."""
    return (
        isinstance(data, Mapping)
        and bool(data)
        and "other" in data
        and all(isinstance(k, str) and k in CATEGORIES for k in data)
    )


def _is_addressed(data: Any) -> bool:
    """A mapping whose keys are exactly the forms of address is a text in both forms."""
    return isinstance(data, Mapping) and set(data) == set(ADDRESS_FORMS)


def _check_schema(path: Path, data: Any, schema: Any, prefix: str, lang: str) -> None:
    if schema in (ADDRESSED, ADDRESSED_PLURAL):
        inner = TEXT if schema == ADDRESSED else PLURAL
        if lang not in ADDRESSING_LANGUAGES:
            _check_schema(path, data, inner, prefix, lang)
            return
        if not _is_addressed(data):
            raise ContentError(
                f"{_rel(path)}: {prefix} must have both forms of address (je: …, u: …)"
            )
        for form in ADDRESS_FORMS:
            _check_schema(path, data[form], inner, _join(prefix, form), lang)
        return
    if schema == TEXT:
        if not isinstance(data, str):
            raise ContentError(f"{_rel(path)}: {prefix} must be a text")
        return
    if schema == TEXTS:
        if not isinstance(data, list) or not all(isinstance(item, str) for item in data):
            raise ContentError(f"{_rel(path)}: {prefix} must be a list of texts")
        return
    if schema == PLURAL:
        if not _is_plural(data):
            raise ContentError(f"{_rel(path)}: {prefix} must have plural forms (one: …, other: …)")
        return
    for key, sub in schema.items():
        where = _join(prefix, key)
        if not isinstance(data, Mapping) or key not in data:
            raise ContentError(f"{_rel(path)}: {where} is missing")
        _check_schema(path, data[key], sub, where, lang)


def _check_plural(path: Path, data: Mapping, prefix: str, lang: str) -> None:
    """Exactly the language's plural categories, each a non-empty text, and every form with
    the same placeholders (a form may spell out its number instead of using {count})."""
    wanted = plural_categories(lang)
    if set(data) != wanted:
        raise ContentError(
            f"{_rel(path)}: {prefix} needs exactly the plural forms {', '.join(sorted(wanted))} "
            f"for '{lang}', has {', '.join(sorted(data))}"
        )
    for key, form in data.items():
        if not isinstance(form, str) or not form.strip():
            raise ContentError(f"{_rel(path)}: {_join(prefix, key)} is empty")
    shapes = {frozenset(_placeholders(form) - {"count"}) for form in data.values()}
    if len(shapes) > 1:
        raise ContentError(f"{_rel(path)}: {prefix}: the plural forms use different placeholders")


def _check_addressed(path: Path, data: Mapping, prefix: str, lang: str) -> None:
    """Both forms of address, in a language that has them, with the same placeholders."""
    if lang not in ADDRESSING_LANGUAGES:
        raise ContentError(
            f"{_rel(path)}: {prefix}: '{lang}' has one form of address, not je and u"
        )
    for form in ADDRESS_FORMS:
        _check_leaves(path, data[form], _join(prefix, form), lang)
    shapes = {frozenset(_placeholders(_with_plurals(data[form], lang))) for form in ADDRESS_FORMS}
    if len(shapes) > 1:
        raise ContentError(f"{_rel(path)}: {prefix}: je and u use different placeholders")


def _check_leaves(path: Path, data: Any, prefix: str, lang: str) -> None:
    if _is_addressed(data):
        _check_addressed(path, data, prefix, lang)
    elif _is_plural(data):
        _check_plural(path, data, prefix, lang)
    elif isinstance(data, Mapping):
        for key, value in data.items():
            _check_leaves(path, value, _join(prefix, key), lang)
    elif isinstance(data, list):
        if not data:
            raise ContentError(f"{_rel(path)}: {prefix} is an empty list")
        for i, value in enumerate(data):
            _check_leaves(path, value, _join(prefix, i), lang)
    elif isinstance(data, str):
        if not data.strip():
            raise ContentError(f"{_rel(path)}: {prefix} is empty")
    elif data is None:
        raise ContentError(f"{_rel(path)}: {prefix} is empty")
    elif not isinstance(data, bool | int | float):
        raise ContentError(f"{_rel(path)}: {prefix} has an unsupported type")


def _with_plurals(data: Any, lang: str) -> Any:
    """The validated content with each plural text made a `Plural` of its language, and
    each text in both forms of address an `Addressed`."""
    if _is_addressed(data):
        return Addressed({form: _with_plurals(data[form], lang) for form in ADDRESS_FORMS})
    if _is_plural(data):
        return Plural(lang, dict(data))
    if isinstance(data, Mapping):
        return {key: _with_plurals(value, lang) for key, value in data.items()}
    if isinstance(data, list):
        return [_with_plurals(value, lang) for value in data]
    return data


def _placeholders(text: str | Plural | Addressed) -> set[str]:
    if isinstance(text, Addressed):
        return set().union(*(_placeholders(form) for form in text.forms.values()))
    if isinstance(text, Plural):
        return set().union(*(_placeholders(form) for form in text.forms.values()))
    return set(re.findall(r"\{(\w+)\}", text))


def _check_parity(root: Path, name: str, nl: Any, en: Any, prefix: str) -> None:
    """Both languages hold the same keys, the same list lengths, texts in the same places.

    A Dutch text in both forms of address stands beside the one English form: each Dutch
    form has the shape of the English text (plain or with plural forms), and all share the
    same placeholders."""
    if isinstance(nl, Addressed) and isinstance(en, str | Plural):
        for form in ADDRESS_FORMS:
            _check_parity(root, name, nl[form], en, _join(prefix, form))
        return
    if isinstance(en, Plural) or isinstance(nl, Plural):
        if type(en) is not type(nl):
            raise ContentError(f"{_rel(root / 'nl' / name)}: {prefix} differs in shape from en")
        if _placeholders(en) != _placeholders(nl):
            raise ContentError(
                f"{_rel(root / 'nl' / name)}: {prefix} uses placeholders "
                f"{sorted(_placeholders(nl))}, en uses {sorted(_placeholders(en))}"
            )
    elif isinstance(en, Mapping) and isinstance(nl, Mapping):
        for key in en:
            if key not in nl:
                raise ContentError(
                    f"{_rel(root / 'nl' / name)}: {_join(prefix, key)} is missing "
                    "(present in en only)"
                )
        for key in nl:
            if key not in en:
                raise ContentError(
                    f"{_rel(root / 'en' / name)}: {_join(prefix, key)} is missing "
                    "(present in nl only)"
                )
        for key in en:
            _check_parity(root, name, nl[key], en[key], _join(prefix, key))
    elif isinstance(en, list) and isinstance(nl, list):
        if len(en) != len(nl):
            raise ContentError(
                f"{_rel(root / 'nl' / name)}: {prefix} has {len(nl)} items, en has {len(en)}"
            )
        for i, (a, b) in enumerate(zip(nl, en, strict=True)):
            _check_parity(root, name, a, b, _join(prefix, i))
    elif isinstance(en, str) and isinstance(nl, str):
        if _placeholders(en) != _placeholders(nl):
            raise ContentError(
                f"{_rel(root / 'nl' / name)}: {prefix} uses placeholders "
                f"{sorted(_placeholders(nl))}, en uses {sorted(_placeholders(en))}"
            )
    elif type(en) is not type(nl):
        raise ContentError(f"{_rel(root / 'nl' / name)}: {prefix} differs in shape from en")
