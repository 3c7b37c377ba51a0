"""The plan file format `exitcoach-plan/1`: strict validation and canonical JSON.

Pure code, no Flask. The schema is declarative: each section is built from a few small node
types (numbers, texts, dates, choices, objects, lists), so later sections are one line each.
Every error names its path (`financial.service_hours[2].hours_per_week`) and is worded in the
user's language.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.domain import dates
from app.domain.disc import STATEMENTS
from app.domain.keys import PERSPECTIVE, PRECONDITIONS
from app.domain.potential import ANSWERS as POTENTIAL_ANSWERS
from app.domain.preparation import FOLLOW_THROUGH, SCRIPT_STEPS
from app.domain.words import ADDRESS_FORMS

# How the client sees the relationship (room.py reads it): what was good, when it turned,
# what they valued.
CLIENT_VIEW_PARTS = ("good", "turned", "valued")

FORMAT = "exitcoach-plan/1"
MAX_TEXT = 20000
# Rows per list (contacts, service hours, alternatives, …): the web forms allow as many.
MAX_ROWS = 50
# The largest plan file, on the web and on the command line; a real plan is a few kilobytes.
MAX_FILE_BYTES = 1024 * 1024
DISC = ("D", "I", "S", "C")
# C0 control characters other than tab, line feed and carriage return: no text holds them
# (PostgreSQL cannot store NUL at all).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
SAFE_KEY = re.compile(r"[A-Za-z0-9_]{1,64}")

MESSAGES = {
    "en": {
        "unknown_key": "unknown key",
        "number": "must be a number",
        "whole": "must be a whole number",
        "min": "must be ≥ {min}",
        "max": "must be ≤ {max}",
        "smallest": "must be 0 or at least {smallest}",
        "text": "must be text",
        "too_long": "must be at most {max} characters",
        "bool": "must be true or false",
        "date": "must be a date like 2026-03-31",
        "date_range": "must be a date from {earliest} to {latest}",
        "choice": "must be one of: {choices}",
        "object": "must be an object",
        "list": "must be a list",
        "too_many": "must have at most {max} items",
        "null_item": "must not be null",
        "surrogate": "contains an invalid character (a lone UTF-16 surrogate)",
        "control": (
            "contains a control character (such as NUL): only tabs and line breaks are allowed"
        ),
        "too_large": "is too large for a plan file ({max} MB at most)",
        "format": f'must be "{FORMAT}"',
        "missing": "is required",
        "json": "is not a valid plan file (JSON in UTF-8 expected)",
        "top": "must be a JSON object",
    },
    "nl": {
        "unknown_key": "onbekende sleutel",
        "number": "moet een getal zijn",
        "whole": "moet een heel getal zijn",
        "min": "moet ≥ {min} zijn",
        "max": "moet ≤ {max} zijn",
        "smallest": "moet 0 of minstens {smallest} zijn",
        "text": "moet tekst zijn",
        "too_long": "mag hoogstens {max} tekens lang zijn",
        "bool": "moet true of false zijn",
        "date": "moet een datum zijn zoals 2026-03-31",
        "date_range": "moet een datum van {earliest} tot en met {latest} zijn",
        "choice": "moet een van deze zijn: {choices}",
        "object": "moet een object zijn",
        "list": "moet een lijst zijn",
        "too_many": "mag hoogstens {max} onderdelen hebben",
        "null_item": "mag niet null zijn",
        "surrogate": "bevat een ongeldig teken (een los UTF-16-surrogaat)",
        "control": "bevat een stuurteken (zoals NUL): alleen tabs en regeleinden zijn toegestaan",
        "too_large": "is te groot voor een planbestand (hoogstens {max} MB)",
        "format": f'moet "{FORMAT}" zijn',
        "missing": "ontbreekt",
        "json": "is geen geldig planbestand (JSON in UTF-8 verwacht)",
        "top": "moet een JSON-object zijn",
    },
}


@dataclass(frozen=True)
class Problem:
    path: str
    code: str
    params: tuple[tuple[str, Any], ...] = ()

    def message(self, lang: str = "en") -> str:
        table = MESSAGES.get(lang, MESSAGES["en"])
        return table[self.code].format(**dict(self.params))

    def text(self, lang: str = "en") -> str:
        return f"{self.path}: {self.message(lang)}"


class PlanFileError(ValueError):
    """A plan file that cannot be accepted; `problems` says where and why."""

    def __init__(self, problems: list[Problem], lang: str = "en"):
        self.problems = problems
        self.lang = lang
        super().__init__("; ".join(p.text(lang) for p in problems))

    def messages(self, lang: str | None = None) -> list[str]:
        return [p.text(lang or self.lang) for p in self.problems]


# ---- schema nodes -----------------------------------------------------------------------------


class _Node:
    def check(self, value: Any, path: str, problems: list[Problem]) -> Any:
        raise NotImplementedError


class Num(_Node):
    """A number from `minimum` to `maximum`; `smallest` refuses the crumbs between 0 and it
    (a revenue of 1e-30 would make the margin a percentage too long to print)."""

    def __init__(self, minimum=0, maximum=None, whole=False, smallest=None):
        self.minimum, self.maximum, self.whole = minimum, maximum, whole
        self.smallest = smallest

    def check(self, value, path, problems):
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            problems.append(Problem(path, "number"))
            return None
        if isinstance(value, float) and not math.isfinite(value):
            problems.append(Problem(path, "number"))
            return None
        if self.whole and value != int(value):
            problems.append(Problem(path, "whole"))
            return None
        if self.minimum is not None and value < self.minimum:
            problems.append(Problem(path, "min", (("min", self.minimum),)))
            return None
        if self.maximum is not None and value > self.maximum:
            problems.append(Problem(path, "max", (("max", self.maximum),)))
            return None
        if self.smallest is not None and 0 < value < self.smallest:
            problems.append(Problem(path, "smallest", (("smallest", self.smallest),)))
            return None
        return int(value) if self.whole else value


class Text(_Node):
    def __init__(self, maximum=MAX_TEXT):
        self.maximum = maximum

    def check(self, value, path, problems):
        if value is None:
            return None
        if not isinstance(value, str):
            problems.append(Problem(path, "text"))
            return None
        if len(value) > self.maximum:
            problems.append(Problem(path, "too_long", (("max", self.maximum),)))
            return None
        problem = text_problem(value)
        if problem:
            problems.append(Problem(path, problem))
            return None
        return value


class Bool(_Node):
    def check(self, value, path, problems):
        if value is None or isinstance(value, bool):
            return value
        problems.append(Problem(path, "bool"))
        return None


class Date(_Node):
    """A `YYYY-MM-DD` date from dates.EARLIEST to dates.LATEST."""

    def check(self, value, path, problems):
        if value is None:
            return None
        if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            if dates.parse_date(value):
                return value
            try:
                date.fromisoformat(value)  # a real day, but outside the range?
            except ValueError:
                pass
            else:
                span = (
                    ("earliest", dates.EARLIEST.isoformat()),
                    ("latest", dates.LATEST.isoformat()),
                )
                problems.append(Problem(path, "date_range", span))
                return None
        problems.append(Problem(path, "date"))
        return None


class Choice(_Node):
    def __init__(self, choices):
        self.choices = tuple(choices)

    def check(self, value, path, problems):
        if value is None or (isinstance(value, str) and value in self.choices):
            return value
        problems.append(Problem(path, "choice", (("choices", ", ".join(self.choices)),)))
        return None


class Obj(_Node):
    def __init__(self, fields: Mapping[str, _Node]):
        self.fields = dict(fields)

    def check(self, value, path, problems):
        if value is None:
            return None
        if not isinstance(value, Mapping):
            problems.append(Problem(path, "object"))
            return None
        out = {}
        for key, item in value.items():
            where = f"{path}.{key_label(key)}" if path else key_label(key)
            node = self.fields.get(key)
            if node is None:
                problems.append(Problem(where, "unknown_key"))
                continue
            out[key] = node.check(item, where, problems)
        return out


class List(_Node):
    """A list of rows; a row may not be null (an empty row is `{}`)."""

    def __init__(self, item: _Node, maximum=MAX_ROWS):
        self.item, self.maximum = item, maximum

    def check(self, value, path, problems):
        if value is None:
            return None
        if not isinstance(value, list):
            problems.append(Problem(path, "list"))
            return None
        if len(value) > self.maximum:
            problems.append(Problem(path, "too_many", (("max", self.maximum),)))
            return None
        rows = []
        for i, item in enumerate(value):
            if item is None:
                problems.append(Problem(f"{path}[{i}]", "null_item"))
            else:
                rows.append(self.item.check(item, f"{path}[{i}]", problems))
        return rows


def text_problem(value: str) -> str | None:
    """Why a text cannot be part of a plan (the code of its message), or None when it can.

    A lone surrogate cannot be written as UTF-8 (no page, PDF or file could show it); control
    characters other than tab and line breaks have no meaning in a plan."""
    if CONTROL_CHARACTERS.search(value):
        return "control"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "surrogate"
    return None


def key_label(key: Any) -> str:
    """A key as a path shows it: as it is when plain, else quoted with escapes and shortened,
    so an odd key (a lone surrogate, a control character, a megabyte) cannot break a message."""
    if isinstance(key, str) and SAFE_KEY.fullmatch(key):
        return key
    text = json.dumps(str(key), ensure_ascii=True)
    return text if len(text) <= 40 else text[:38] + '…"'


def plan_schema(model: Mapping[str, Any]) -> Obj:
    """The whole `exitcoach-plan/1` schema; item keys and choices come from content/model.yaml."""
    # `observed`: the two observed-behaviour answers; "unknown" is an answered "don't know".
    observed = Obj(
        {
            "pace": Choice(("outgoing", "reserved", "unknown")),
            "focus": Choice(("task", "people", "unknown")),
        }
    )
    contact = Obj(
        {
            "name": Text(200),
            "role": Text(200),
            "primary": Bool(),
            "disc": Choice(DISC),
            "observed": observed,
            # who tells this contact, when, what they need to hear, what it costs them
            "involved": Obj({"by": Text(200), "when": Text(200), "hears": Text(), "costs": Text()}),
        }
    )
    return Obj(
        {
            "format": Text(40),
            "language": Choice(("nl", "en")),
            "client": Obj(
                {
                    "name": Text(200),
                    "sector": Text(200),
                    "client_since": Num(1900, 2100, whole=True),
                    "contacts": List(contact),
                }
            ),
            "owner": Obj({"name": Text(200), "company": Text(200), "disc": Choice(DISC)}),
            "conversation_date": Date(),
            # how the suggestions address the client: "je" or "u" (Dutch only), first names
            "address": Obj({"form": Choice(ADDRESS_FORMS), "first_names": Bool()}),
            "financial": Obj(
                {
                    "annual_revenue": Num(0, 10**12, smallest=0.01),
                    "gross_margin_pct": Num(0, 100),
                    "other_annual_costs": Num(0, 10**12),
                    "payment_days_late": Num(0, 3650),
                    "cost_of_capital_pct": Num(0, 100),
                    "working_weeks": Num(1, 53, whole=True),
                    "service_hours": List(
                        Obj(
                            {
                                "department": Text(100),
                                "hours_per_week": Num(0, 168),
                                "hourly_cost": Num(0, 100000),
                            }
                        )
                    ),
                }
            ),
            "interpersonal": Obj({k: Num(1, 5, whole=True) for k in model["interpersonal_items"]}),
            "value": Obj(
                {k: Num(1, 5, whole=True) for k in (*model["value_items"], "reputation_risk")}
            ),
            "pitfalls": Obj({k: Bool() for k in model["pitfalls"]}),
            "alternatives": List(
                Obj(
                    {
                        "kind": Choice(model["alternative_kinds"]),
                        "status": Choice(model["alternative_statuses"]),
                        "note": Text(),
                    }
                )
            ),
            "decision": Obj({"choice": Choice(model["recommendations"]), "rationale": Text()}),
            # The answer to the potential exception (domain/potential.py) and the conversation
            # that follows a decision other than an exit (domain/talks.py).
            "potential_review": Obj({"answer": Choice(POTENTIAL_ANSWERS), "note": Text()}),
            "next_talk": Obj(
                {
                    "alternative": Choice(model["alternative_kinds"]),
                    "key_message": Text(),
                    "walk_away": Text(),
                    "review_date": Date(),
                }
            ),
            "preconditions": Obj({k: Bool() for k in PRECONDITIONS}),
            "perspective": Obj({k: Bool() for k in PERSPECTIVE}),
            "client_view": Obj({k: Text() for k in CLIENT_VIEW_PARTS}),
            "styles": Obj(
                {
                    "self_check": Obj({k: Num(1, 5, whole=True) for k in STATEMENTS}),
                    "direct_pick": Choice(DISC),
                }
            ),
            "script": Obj({k: Text() for k in SCRIPT_STEPS}),
            "reactions": List(Obj({"reaction": Text(), "response": Text()})),
            "transition": Obj(
                {
                    "notice_weeks": Num(0, 520, whole=True),
                    "end_date": Date(),
                    "handover": Text(),
                    "referral": Text(),
                }
            ),
            "follow_ups": List(Obj({"date": Date(), "note": Text()})),
            "lessons": Text(),
            "ideal_client": Text(),
            "attention_plan": List(Obj({"activity": Text(100), "date": Date(), "note": Text()})),
            "after_talk": Obj(
                {
                    "went": Text(),
                    "reactions_seen": Text(),
                    "worked": Text(),
                    "differently": Text(),
                    "follow_through": Obj({k: Bool() for k in FOLLOW_THROUGH}),
                }
            ),
        }
    )


# ---- public API ---------------------------------------------------------------------------------


def validate_plan(document: Any, model: Mapping[str, Any], lang: str = "en") -> dict:
    """The plan, checked against the schema; PlanFileError lists every problem with its path."""
    if not isinstance(document, Mapping):
        raise PlanFileError([Problem("(file)", "top")], lang)
    problems: list[Problem] = []
    if document.get("format") != FORMAT:
        problems.append(Problem("format", "format"))
    plan = plan_schema(model).check(document, "", problems)
    if problems:
        raise PlanFileError(problems, lang)
    return plan


def parse_plan_bytes(raw: bytes, model: Mapping[str, Any], lang: str = "en") -> dict:
    """A plan from the bytes of an uploaded or given file (UTF-8 JSON, MAX_FILE_BYTES at most)."""
    if len(raw) > MAX_FILE_BYTES:
        size = (("max", MAX_FILE_BYTES // (1024 * 1024)),)
        raise PlanFileError([Problem("(file)", "too_large", size)], lang)
    try:
        document = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise PlanFileError([Problem("(file)", "json")], lang) from None
    return validate_plan(document, model, lang)


def _reject_constant(name: str):
    raise ValueError(f"{name} is not allowed")


def copy_plan(value: Any) -> Any:
    """A copy of a plan document (JSON: dicts, lists and plain values) to change freely: what
    copy.deepcopy does for it, without its bookkeeping (a save copies the plan every time)."""
    if isinstance(value, Mapping):
        return {key: copy_plan(item) for key, item in value.items()}
    if isinstance(value, list):
        return [copy_plan(item) for item in value]
    return value


def dump_plan(plan: Mapping[str, Any]) -> str:
    """Canonical JSON: `format` first, then the keys sorted, two-space indent, a final newline."""
    body = _sorted({k: v for k, v in plan.items() if k != "format"})
    return json.dumps({"format": FORMAT, **body}, indent=2, ensure_ascii=False) + "\n"


def _sorted(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _sorted(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_sorted(v) for v in value]
    return value
