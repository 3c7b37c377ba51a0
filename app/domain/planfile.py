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

from app.domain.preparation import SCRIPT_STEPS

FORMAT = "exitcoach-plan/1"
MAX_TEXT = 20000
MAX_ITEMS = 200
DISC = ("D", "I", "S", "C")
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,63}$")

MESSAGES = {
    "en": {
        "unknown_key": "unknown key",
        "number": "must be a number",
        "whole": "must be a whole number",
        "min": "must be ≥ {min}",
        "max": "must be ≤ {max}",
        "text": "must be text",
        "too_long": "must be at most {max} characters",
        "bool": "must be true or false",
        "date": "must be a date like 2026-03-31",
        "choice": "must be one of: {choices}",
        "object": "must be an object",
        "list": "must be a list",
        "too_many": "must have at most {max} items",
        "format": f'must be "{FORMAT}"',
        "missing": "is required",
        "key": "must be a key like 'contract_checked'",
        "json": "is not a valid plan file (JSON in UTF-8 expected)",
        "top": "must be a JSON object",
    },
    "nl": {
        "unknown_key": "onbekende sleutel",
        "number": "moet een getal zijn",
        "whole": "moet een heel getal zijn",
        "min": "moet ≥ {min} zijn",
        "max": "moet ≤ {max} zijn",
        "text": "moet tekst zijn",
        "too_long": "mag hoogstens {max} tekens lang zijn",
        "bool": "moet true of false zijn",
        "date": "moet een datum zijn zoals 2026-03-31",
        "choice": "moet een van deze zijn: {choices}",
        "object": "moet een object zijn",
        "list": "moet een lijst zijn",
        "too_many": "mag hoogstens {max} onderdelen hebben",
        "format": f'moet "{FORMAT}" zijn',
        "missing": "ontbreekt",
        "key": "moet een sleutel zijn zoals 'contract_checked'",
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
    def __init__(self, minimum=0, maximum=None, whole=False):
        self.minimum, self.maximum, self.whole = minimum, maximum, whole

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
        return value


class Bool(_Node):
    def check(self, value, path, problems):
        if value is None or isinstance(value, bool):
            return value
        problems.append(Problem(path, "bool"))
        return None


class Date(_Node):
    def check(self, value, path, problems):
        if value is None:
            return None
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                date.fromisoformat(value)
                return value
            except ValueError:
                pass
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
            where = f"{path}.{key}" if path else str(key)
            node = self.fields.get(key)
            if node is None:
                problems.append(Problem(where, "unknown_key"))
                continue
            out[key] = node.check(item, where, problems)
        return out


class KeyMap(_Node):
    """An object whose keys are defined elsewhere (in content), each with the same value type."""

    def __init__(self, node: _Node):
        self.node = node

    def check(self, value, path, problems):
        if value is None:
            return None
        if not isinstance(value, Mapping):
            problems.append(Problem(path, "object"))
            return None
        out = {}
        for key, item in value.items():
            where = f"{path}.{key}"
            if not isinstance(key, str) or not KEY_PATTERN.match(key):
                problems.append(Problem(where, "key"))
                continue
            out[key] = self.node.check(item, where, problems)
        return out


class List(_Node):
    def __init__(self, item: _Node, maximum=MAX_ITEMS):
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
        return [self.item.check(v, f"{path}[{i}]", problems) for i, v in enumerate(value)]


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
            "financial": Obj(
                {
                    "annual_revenue": Num(0, 10**12),
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
            "preconditions": KeyMap(Bool()),
            "perspective": KeyMap(Bool()),
            "styles": Obj(
                {
                    "self_check": KeyMap(Num(1, 5, whole=True)),
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
                    "follow_through": KeyMap(Bool()),
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
    """A plan from the bytes of an uploaded or given file (UTF-8 JSON)."""
    try:
        document = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise PlanFileError([Problem("(file)", "json")], lang) from None
    return validate_plan(document, model, lang)


def _reject_constant(name: str):
    raise ValueError(f"{name} is not allowed")


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
