"""The conversation that follows a decision other than an exit.

A price rise or a reset of expectations is news the client did not ask for either. When the
user keeps the client, the decision memo prepares that conversation: which alternative it
carries out, the key message, the figures behind it, how each contact is likely to react (by
their style), the walk-away point and the date to look again. Pure functions over the plan,
its analysis and the content texts of one language (`decide`, `prepare`), so the attention
step and the printed memo say exactly the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.domain import numbers
from app.domain.dates import add_months, parse_date
from app.domain.disc import STYLES

TALKS = ("price", "reset", "trial", "repair")
# The kind of conversation each alternative leads to; every other alternative is a reset.
TALK_OF = {
    "raise_rates": "price",
    "renegotiate_terms": "price",
    "trial_period": "trial",
    "repair_attention": "repair",
}
# The alternative that carries out each decision, until the user picks one.
SUGGESTED = {
    "reprice": "raise_rates",
    "reset_expectations": "scope_reset",
    "reduce_attention": "reduce_service",
    "keep_invest": "repair_attention",
}
REVIEW_MONTHS = 3
SECTION = "next_talk"


@dataclass(frozen=True)
class Line:
    label: str
    value: str


@dataclass(frozen=True)
class TalkPrep:
    """Everything the memo and the attention step show about the conversation that follows."""

    alternative: str  # the alternative's key
    label: str  # the alternative's name
    suggested: bool  # True when the app picked it from the decision, not the user
    talk: str  # price, reset, trial or repair
    title: str
    key_message: str  # the user's words, else the suggestion
    own_key_message: bool
    suggestion: str
    figures: list[Line]
    walk_away: list[str]  # the floor in figures
    own_walk_away: str
    reactions: list[Line]  # "Name (style)" → what to expect and how to meet it
    reactions_note: str  # set when no contact has a style yet: these are the usual patterns
    review_date: str  # written out in the plan's language
    review: str  # how to tell whether it worked
    agree: str  # what to agree
    labels: Mapping[str, Any]  # the headings (decide.alternatives.talks) for the documents


def talk_kind(alternative: str | None) -> str:
    return TALK_OF.get(alternative or "", "reset")


def chosen_alternative(plan: Mapping[str, Any]) -> tuple[str | None, bool]:
    """The alternative the conversation carries out, and whether it is only suggested.

    The user's pick; else a trial period when the user judged a high potential real (the
    growth still has to show); else the alternative that fits the decision.
    """
    picked = (plan.get(SECTION) or {}).get("alternative")
    if picked:
        return picked, False
    if (plan.get("potential_review") or {}).get("answer") == "real":
        return "trial_period", True
    choice = (plan.get("decision") or {}).get("choice")
    return SUGGESTED.get(choice or ""), True


def review_date(plan: Mapping[str, Any], today: date) -> date:
    """The user's review date; else three months after the conversation (or after today)."""
    own = parse_date((plan.get(SECTION) or {}).get("review_date"))
    if own:
        return own
    start = parse_date(plan.get("conversation_date")) or today
    return add_months(start, REVIEW_MONTHS)


def build_talk(
    plan: Mapping[str, Any],
    analysis: Mapping[str, Any],
    texts: Mapping[str, Any],
    model: Mapping[str, Any],
    lang: str,
    today: date,
) -> TalkPrep | None:
    """The preparation of the conversation that follows, or None without an alternative."""
    alternative, suggested = chosen_alternative(plan)
    kinds = texts["decide"]["alternatives"]["kinds"]
    if alternative not in kinds:
        return None
    t = texts["decide"]["alternatives"]["talks"]
    talk = talk_kind(alternative)
    own = plan.get(SECTION) or {}
    when = numbers.long_date(review_date(plan, today), lang)
    values = _values(analysis, model, lang) | {"date": when}
    suggestion = _suggestion(t["kinds"][talk], talk, values)
    own_message = (own.get("key_message") or "").strip()
    reactions, note = _reactions(plan, t, texts, talk)
    return TalkPrep(
        alternative=alternative,
        label=kinds[alternative]["label"],
        suggested=suggested,
        talk=talk,
        title=t["kinds"][talk]["title"],
        key_message=own_message or suggestion,
        own_key_message=bool(own_message),
        suggestion=suggestion,
        figures=_figures(analysis, texts, talk, lang),
        walk_away=_walk_away(analysis, t["kinds"][talk], talk, values),
        own_walk_away=(own.get("walk_away") or "").strip(),
        reactions=reactions,
        reactions_note=note,
        review_date=when,
        review=kinds[alternative]["review"],
        agree=kinds[alternative]["agree"],
        labels=t,
    )


def _values(
    analysis: Mapping[str, Any], model: Mapping[str, Any], lang: str
) -> dict[str, str | None]:
    """The break-even figures as the plan's language writes them ("18,7%"), None when absent,
    and the target margin."""
    be = analysis["break_even"]

    def pct(key: str) -> str | None:
        return numbers.percent(be[key], lang) if be.get(key) is not None else None

    return {
        "break_even": pct("price_increase_pct_to_break_even"),
        "target": pct("price_increase_pct_to_target"),
        "hours_break_even": pct("hours_cut_pct_to_break_even"),
        "hours_target": pct("hours_cut_pct_to_target"),
        "margin": numbers.percent(model["financial"]["marginal_pct"], lang, 0),
    }


def _suggestion(t: Mapping[str, Any], talk: str, values: Mapping[str, Any]) -> str:
    if talk == "price":
        pct = values["target"] or values["break_even"]
        return t["key_message"].format(pct=pct) if pct else t["key_message_plain"]
    if talk == "trial":
        return t["key_message"].format(date=values["date"])
    return t["key_message"]


def _walk_away(
    analysis: Mapping[str, Any], t: Mapping[str, Any], talk: str, values: Mapping[str, Any]
) -> list[str]:
    """The walk-away point in figures: the price rise below which the client still loses money
    (or misses the target margin), the hours that must go, or the date the conditions fall."""
    if talk in ("trial", "repair"):
        return [t["floor"].format(date=values["date"])]
    if analysis["financial"]["verdict"] is None:
        return [t["no_figures"]]
    lines: list[str] = []
    if talk == "price":
        if values["break_even"]:
            lines.append(t["floor_loss"].format(break_even=values["break_even"]))
            if values["target"]:
                lines.append(t["aim"].format(target=values["target"], margin=values["margin"]))
        elif values["target"]:
            lines.append(
                t["floor_marginal"].format(target=values["target"], margin=values["margin"])
            )
        else:
            lines.append(t["floor_none"])
        return lines
    if analysis["financial"]["contribution"] < 0 and values["hours_break_even"]:
        lines.append(t["floor_hours_loss"].format(hours_cut=values["hours_break_even"]))
    elif values["hours_target"]:
        lines.append(
            t["floor_hours_target"].format(
                hours_cut=values["hours_target"], margin=values["margin"]
            )
        )
    lines.append(t["floor"])
    return lines


def _figures(analysis: Mapping[str, Any], texts: Mapping[str, Any], talk: str, lang: str):
    """The few figures the conversation rests on, for the kind of conversation."""
    fin, be = analysis["financial"], analysis["break_even"]
    labels = texts["decide"]["financial"]["figures"]
    extra = texts["decide"]["alternatives"]["talks"]["figure_labels"]
    if fin["verdict"] is None:
        money_rows: list[Line] = []
    elif fin["contribution"] < 0:
        money_rows = [
            Line(labels["loss"]["label"], numbers.money(-fin["contribution"], lang, cents=False))
        ]
    else:
        money_rows = [
            Line(
                labels["contribution"]["label"],
                numbers.money(fin["contribution"], lang, cents=False),
            ),
            Line(
                labels["contribution_pct"]["label"], numbers.percent(fin["contribution_pct"], lang)
            ),
        ]
    pct_rows = [
        Line(extra[key], numbers.percent(be[key], lang))
        for key in _PCT_KEYS[talk]
        if be.get(key) is not None
    ]
    if talk == "reset" and fin["verdict"] is not None:
        money_rows += [
            Line(
                labels["service_cost"]["label"],
                numbers.money(fin["service_cost"], lang, cents=False),
            ),
            Line(
                labels["service_hours_per_year"]["label"],
                numbers.number(fin["service_hours_per_year"], lang, 0),
            ),
        ]
    score_rows = []
    if talk in ("trial", "repair"):
        for key, check in (("strain_score", "interpersonal"), ("value_score", "value")):
            if analysis[key] is not None:
                label = texts["decide"][check]["score"]["label"]
                score_rows.append(Line(label, f"{analysis[key]} / 100"))
    return money_rows + pct_rows + score_rows


_PCT_KEYS = {
    "price": ("price_increase_pct_to_break_even", "price_increase_pct_to_target"),
    "reset": ("hours_cut_pct_to_break_even", "hours_cut_pct_to_target"),
    "trial": (),
    "repair": (),
}


def _reactions(
    plan: Mapping[str, Any], t: Mapping[str, Any], texts: Mapping[str, Any], talk: str
) -> tuple[list[Line], str]:
    """How each contact with a known style is likely to take this conversation; without any,
    the four usual patterns and a note saying so."""
    said = t["kinds"][talk]["reactions"]
    kinds = (texts.get("prepare") or {}).get("styles", {}).get("kinds", {})

    def style_name(letter: str) -> str:
        return (kinds.get(letter) or {}).get("name") or letter

    lines = []
    for contact in (plan.get("client") or {}).get("contacts") or []:
        letter, name = contact.get("disc"), (contact.get("name") or "").strip()
        if letter in STYLES and name:
            lines.append(Line(f"{name} ({style_name(letter)})", said[letter]))
    if lines:
        return lines, ""
    return [Line(style_name(letter), said[letter]) for letter in STYLES], t["reactions_general"]
