"""Coaching tips: short advice shown beside a step, where the user needs it.

The tips live in `content/<lang>/tips.yaml`, one entry per id of `TIPS`: the step whose page
shows it, optionally a condition on the plan (`when`), a title and a body. Which tips a step
shows is decided here, from the plan alone, so the step page and the printed plan (the lessons
section) show the same ones. No Flask: the content loader validates the file with `problems`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.steps import ALL_STEPS, keeps_client

# The tips the content must have, in the order a step shows them.
TIPS = (
    "serve_everyone",
    "quiet_clients",
    "value_chain",
    "like_private",
    "bank_account",
    "eroding_loyalty",
    "competitor_attention",
    "exceed_expectations",
    "raise_the_bar",
    "one_moment",
    "no_regret",
    "new_start",
)

# The conditions a tip may have. The exit path is the journey's default: the decision is an
# exit or not made yet (as the navigator has it, `steps.keeps_client`).
CONDITIONS: dict[str, Callable[[Mapping[str, Any]], bool]] = {
    "exit": lambda plan: not keeps_client(plan),
    "keep": keeps_client,
}
STEP_IDS = frozenset(sid for sid, _phase in ALL_STEPS)


@dataclass(frozen=True)
class Tip:
    id: str
    step: str
    title: str
    body: str
    when: str | None = None


def _ordered(tips: Mapping[str, Any]) -> list[str]:
    """The ids of `tips` in the order of TIPS, any others after them in file order."""
    known = [tid for tid in TIPS if tid in tips]
    return known + [tid for tid in tips if tid not in TIPS]


def tips_for(step: str, plan: Mapping[str, Any] | None, tips: Mapping[str, Any]) -> list[Tip]:
    """The tips of one step that apply to this plan; `tips` is the `tips` mapping of one
    language's tips.yaml (already validated)."""
    plan = plan or {}
    chosen = []
    for tid in _ordered(tips):
        entry = tips[tid]
        when = entry.get("when")
        if entry["step"] != step or (when and not CONDITIONS[when](plan)):
            continue
        chosen.append(Tip(tid, step, entry["title"].strip(), entry["body"].strip(), when))
    return chosen


def _placement(entry: Any) -> tuple[Any, Any]:
    return (entry.get("step"), entry.get("when")) if isinstance(entry, Mapping) else (None, None)


def problems(by_lang: Mapping[str, Mapping[str, Any] | None]) -> list[tuple[str, str]]:
    """What is wrong with the tips files, as (language, message): a tip on a step that does
    not exist, a condition outside CONDITIONS, a title or body missing, or a tip placed
    differently in the two languages."""
    found = []
    for lang, tips in by_lang.items():
        for tid, entry in ((tips or {}).get("tips") or {}).items():
            if not isinstance(entry, Mapping):
                found.append((lang, f"tips.{tid} must have a step, a title and a body"))
                continue
            for key in ("step", "title", "body"):
                if not isinstance(entry.get(key), str) or not entry[key].strip():
                    found.append((lang, f"tips.{tid}.{key} is missing"))
            if entry.get("step") not in STEP_IDS:
                found.append((lang, f"tips.{tid}.step: no step is called {entry.get('step')!r}"))
            if "when" in entry and entry["when"] not in CONDITIONS:
                found.append(
                    (
                        lang,
                        f"tips.{tid}.when must be one of {', '.join(CONDITIONS)}, "
                        f"not {entry['when']!r}",
                    )
                )
    languages = list(by_lang)
    first = ((by_lang[languages[0]] or {}).get("tips") or {}) if languages else {}
    for lang in languages[1:]:
        other = (by_lang[lang] or {}).get("tips") or {}
        for tid in first.keys() & other.keys():
            if _placement(first[tid]) != _placement(other[tid]):
                found.append((lang, f"tips.{tid}: step and condition differ from {languages[0]}"))
    return found
