"""The walk-away position: which offers from the client change nothing, and which deserve a
second look, read from the analysis the plan already has.

When a client bargains ("we'll pay more", "we'll need less from you"), the user should know in
advance where the line is. The analysis gives the price rise and the cut in hours that make
this client break even and reach the target margin (`break_even`, a contract in PRODUCT.md);
this module only reads those figures and words them. Pure functions, no Flask.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain import numbers

NOTHING, LITTLE, SECOND_LOOK = "nothing", "little", "second_look"
KINDS = (NOTHING, LITTLE, SECOND_LOOK)
# The rules whose advice comes from the strain on the team, not from the money (PRODUCT.md).
STRAIN_RULES = (3, 4)


@dataclass(frozen=True)
class Line:
    """One line of the walk-away position: what an offer does (NOTHING, LITTLE,
    SECOND_LOOK, or "" for a plain remark) and the sentence that says so."""

    kind: str
    text: str


@dataclass(frozen=True)
class WalkAway:
    lines: list[Line]
    # When an offer could deserve a second look: how to handle one, and what to say then.
    how: str = ""
    say: str = ""

    @property
    def texts(self) -> list[str]:
        return [line.text for line in self.lines]


def walk_away(
    analysis: Mapping[str, Any], model: Mapping[str, Any], texts: Mapping[str, Any], lang: str
) -> WalkAway:
    """The walk-away position in `lang` (`texts` = room.yaml's `walk_away` section, in the
    plan's form of address).

    A loss-making client: below the break-even rise an offer changes nothing, between break-even
    and the target margin it changes little, from the target on it deserves a second look; the
    same for fewer hours (or: fewer hours alone cannot do it). A client that pays its way but is
    left for the strain on the team: paying more changes nothing. Without figures: say so.
    """
    fin = analysis.get("financial") or {}
    verdict = fin.get("verdict")
    if verdict is None:
        return WalkAway([Line("", texts["no_figures"])])
    if verdict == "profitable":
        key = "not_money" if analysis.get("rule") in STRAIN_RULES else "profitable"
        return WalkAway([Line(NOTHING, texts[key])])
    be = analysis.get("break_even") or {}
    margin = numbers.percent(model["financial"]["marginal_pct"], lang, 0)
    lines = _lever(
        "price",
        be.get("price_increase_pct_to_break_even"),
        be.get("price_increase_pct_to_target"),
        texts,
        lang,
        margin,
    )
    hours = _lever(
        "hours",
        be.get("hours_cut_pct_to_break_even"),
        be.get("hours_cut_pct_to_target"),
        texts,
        lang,
        margin,
    )
    lines += hours or [Line(NOTHING, texts["hours_impossible"])]
    if any(line.kind == SECOND_LOOK for line in lines):
        return WalkAway(lines, texts["how"], texts["say_second_look"])
    return WalkAway(lines)


def _lever(
    lever: str,
    to_break_even: float | None,
    to_target: float | None,
    texts: Mapping[str, Any],
    lang: str,
    margin: str,
) -> list[Line]:
    """The lines for one lever (a price rise or fewer hours), from its two thresholds."""

    def pct(value: float) -> str:
        return numbers.percent(value, lang)

    lines = []
    if to_break_even is not None:
        lines.append(
            Line(NOTHING, texts[f"{lever}_below_break_even"].format(pct=pct(to_break_even)))
        )
        if to_target is not None and to_target > to_break_even:
            lines.append(
                Line(
                    LITTLE,
                    texts[f"{lever}_between"].format(
                        low=pct(to_break_even), high=pct(to_target), margin=margin
                    ),
                )
            )
    elif to_target is not None:
        lines.append(
            Line(NOTHING, texts[f"{lever}_below_target"].format(pct=pct(to_target), margin=margin))
        )
    if to_target is not None:
        lines.append(
            Line(
                SECOND_LOOK,
                texts[f"{lever}_second_look"].format(pct=pct(to_target), margin=margin),
            )
        )
    return lines
