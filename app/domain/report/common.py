"""What every section of the report shares: plain rows and checks, the plan's facts, helpers.

Each section builder (`build_<section>(plan, texts, facts) -> Section`) gets the same three
arguments: the plan, the content texts of its language (`{"report", "decide", "prepare"}`) and
the `Facts` worked out once per report (language, analysis, model).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.domain import numbers

EXIT, MEMO = "exit", "memo"


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
class Facts:
    """What the sections need besides the plan: its language, the model and the analysis."""

    lang: str
    model: Mapping[str, Any]
    analysis: Mapping[str, Any]
    kind: str  # EXIT or MEMO

    def money(self, value: Any, cents: bool = False) -> str:
        return numbers.money(value, self.lang, cents=cents)

    def long_date(self, value: date | str | None) -> str:
        """A date written out in the plan's language; '' for none."""
        if not value:
            return ""
        day = date.fromisoformat(value) if isinstance(value, str) else value
        return numbers.long_date(day, self.lang)


def plan_language(plan: Mapping[str, Any]) -> str:
    """The language of the printed documents: the plan's own, English when it has none."""
    return plan.get("language") if plan.get("language") in ("nl", "en") else "en"


def text_of(value: Any) -> str:
    """A user's text, stripped; '' for nothing."""
    return (value or "").strip() if isinstance(value, str) or value is None else str(value)


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
