"""The figures behind the advice, in plain words, in the plan's language.

Pure functions over the analysis output and the content texts (`decide.yaml`), so the screen
and the printed plan tell exactly the same story.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.domain import numbers
from app.domain.words import pick


def _figures(analysis: Mapping[str, Any], model: Mapping[str, Any], lang: str) -> dict[str, str]:
    fin = analysis["financial"]
    scores = model["scores"]
    contribution = fin["contribution"]
    marginal = model["financial"]["marginal_pct"]
    return {
        "contribution": numbers.money(contribution, lang, cents=False),
        "loss": numbers.money(abs(contribution) if contribution is not None else None, lang, False),
        "contribution_pct": numbers.percent(fin["contribution_pct"], lang),
        "marginal_pct": numbers.percent(marginal, lang, 0),
        "target": numbers.percent(marginal, lang, 0),
        "strain": str(analysis["strain_score"]) if analysis["strain_score"] is not None else "–",
        "strain_high": str(scores["strain_high"]),
        "value": str(analysis["value_score"]) if analysis["value_score"] is not None else "–",
        "value_high": str(scores["value_high"]),
        "value_low": str(scores["value_low"]),
        "hours": numbers.number(fin["service_hours_per_year"], lang, 0),
    }


def _hours(analysis: Mapping[str, Any]) -> int:
    """The yearly hours as shown (whole hours), which decides "1 hour" or "2 hours"."""
    return round(analysis["financial"].get("service_hours_per_year") or 0)


def rule_explanation(
    analysis: Mapping[str, Any], model: Mapping[str, Any], texts: Mapping[str, Any], lang: str
) -> str:
    """Why the app recommends what it does, in the user's terms and with the plan's figures.

    The last rule ("nothing points to an exit") is only a finding when the checks it looks at
    are answered; while some are open the text says so instead of quoting empty figures.
    """
    if analysis["rule"] == 7 and analysis.get("unanswered"):
        return texts["rule_incomplete"]
    template = texts["rules"][str(analysis["rule"])]
    return template.format(**_figures(analysis, model, lang))


def break_even_lines(
    analysis: Mapping[str, Any], model: Mapping[str, Any], texts: Mapping[str, Any], lang: str
) -> dict[str, Any]:
    """The 'what it would take' sentences: price rise and hours cut next to an exit."""
    be = analysis["break_even"]
    t = texts["alternatives"]["break_even"]
    figures = _figures(analysis, model, lang)
    fin = analysis["financial"]
    if "financial" in analysis.get("unanswered", []) or fin["verdict"] is None:
        return {"answered": False, "lines": [t["no_figures"]], "exit": None}
    lines = []

    def pct(key):
        return numbers.percent(be[key], lang)

    if fin["contribution"] >= 0:
        lines.append(t["already_break_even"])
    else:
        if be["price_increase_pct_to_break_even"] is not None:
            lines.append(
                t["price_to_break_even"].format(pct=pct("price_increase_pct_to_break_even"))
            )
        if be["hours_cut_pct_to_break_even"] is not None:
            lines.append(t["hours_to_break_even"].format(pct=pct("hours_cut_pct_to_break_even")))
        else:
            lines.append(t["hours_impossible"])
    if fin["verdict"] == "profitable":
        lines.append(t["already_target"].format(target=figures["target"]))
    else:
        if be["price_increase_pct_to_target"] is not None:
            lines.append(
                t["price_to_target"].format(
                    pct=pct("price_increase_pct_to_target"), target=figures["target"]
                )
            )
        if be["hours_cut_pct_to_target"] is not None:
            lines.append(
                t["hours_to_target"].format(
                    pct=pct("hours_cut_pct_to_target"), target=figures["target"]
                )
            )
    return {"answered": True, "lines": lines, "exit": _exit_line(analysis, t, figures)}


def _exit_line(analysis: Mapping[str, Any], t: Mapping[str, Any], figures: Mapping[str, str]):
    """What an exit means in money and time: a contribution that stops, or a loss that ends."""
    hours = _hours(analysis)
    if analysis["financial"]["contribution"] < 0:
        return pick(t["exit_side_loss"], hours).format(loss=figures["loss"], hours=figures["hours"])
    return pick(t["exit_side"], hours).format(
        contribution=figures["contribution"], hours=figures["hours"]
    )
