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

from babel import Locale
from babel.lists import format_list

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

    def plural(self, forms: Mapping[str, str], count: int) -> str:
        """The form of `forms` (`one`, `other`) that fits `count`, with {count} filled in."""
        return plural(forms, count, self.lang)

    def join(self, items: list[str]) -> str:
        """'a, b and c' / 'a, b en c'."""
        return format_list(items, locale=numbers.LOCALES[self.lang]) if items else ""

    def long_date(self, value: date | str | None) -> str:
        """A date written out in the plan's language; '' for none."""
        if not value:
            return ""
        day = date.fromisoformat(value) if isinstance(value, str) else value
        return numbers.long_date(day, self.lang)


def missing_inputs_sentence(texts: Mapping[str, Any], facts: Facts) -> str:
    """'Fill in the gross margin and the service hours to get advice.' while the analysis
    still misses inputs it needs for advice (its `missing`); '' once they are all there. The
    same sentence the decision screen shows, so no document advises on an empty form."""
    missing = facts.analysis.get("missing") or ()
    if not missing:
        return ""
    t = texts["decide"]["panels"]["missing"]
    return t["fill_in"].format(items=facts.join([t["items"][key] for key in missing]))


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


def plural(forms: Mapping[str, str], count: int, lang: str) -> str:
    """The plural form of `forms` for `count` by the language's own rules ('1 week', '2 weken')."""
    category = Locale.parse(numbers.LOCALES.get(lang, "en_GB")).plural_form(count)
    return forms.get(category, forms["other"]).format(count=count)


_STRAIGHT_QUOTES = re.compile(r'"([^"]*)"')


def quoted(text: str, t: Mapping[str, Any]) -> str:
    """`text` between the language's own quotation marks ('„…”' / '“…”').

    Straight quotes inside (as the content files write them) become the same marks, so one
    kind of quotation marks is used throughout a document.
    """
    return t["document"]["quote"].format(text=typographic(text, t))


def typographic(text: str, t: Mapping[str, Any]) -> str:
    """Pairs of straight double quotes in a content text as the language's own marks."""
    opening, closing = t["document"]["quote"].split("{text}")
    return _STRAIGHT_QUOTES.sub(lambda m: f"{opening}{m.group(1)}{closing}", text)


def unquoted(text: str) -> str:
    """A text without the quotation marks around it."""
    stripped = text.strip()
    if len(stripped) >= 2 and stripped[0] in '"“„' and stripped[-1] in '"”':
        return stripped[1:-1]
    return stripped


def lead_in(label: str) -> str:
    """A label that opens a sentence ('Watch out for.'), never with a doubled full stop."""
    label = label.rstrip()
    return label if label.endswith((".", "!", "?", ":", "…")) else f"{label}."


def sentence(text: str) -> str:
    """A text that ends as a sentence: with its own mark, or a full stop added."""
    text = text.rstrip()
    return text if not text or text.endswith((".", "!", "?", "…", "”", '"', ":")) else f"{text}."
