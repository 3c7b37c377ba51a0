"""The example cases: full plans shipped in `content/examples/` that a user can start from.

Each language offers one case per outcome (an exit, a repricing, a client kept despite the
strain), described in `content/<lang>/examples.yaml` (`cases.<outcome>`: the example file, a
title, one line about the situation and what the case shows). Pure: the plans and texts come
in as data, so the dashboard, `exitcoach demo` and later the workshops list the same cases.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# The outcome each case illustrates, and the recommendation its analysis must give.
OUTCOMES = ("exit", "reprice", "keep")
RECOMMENDATION = {"exit": "exit", "reprice": "reprice", "keep": "reset_expectations"}
# An example is named by its file in content/examples without ".json": a plain slug, so a
# name can never reach outside that folder.
NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class ExampleCase:
    """One example case as the dashboard lists it; `key` is its outcome, unique per language."""

    key: str
    language: str
    name: str
    title: str
    summary: str
    outcome: str


def cases(texts: Mapping[str, Any], lang: str) -> list[ExampleCase]:
    """The example cases of one language, in the order of OUTCOMES, from that language's
    `examples` content (`texts` is the content of the language: `{file_stem: data}`)."""
    described = (texts.get("examples") or {}).get("cases") or {}
    return [
        ExampleCase(
            key=key,
            language=lang,
            name=described[key]["file"],
            title=described[key]["title"],
            summary=described[key]["summary"],
            outcome=described[key]["outcome"],
        )
        for key in OUTCOMES
        if key in described
    ]


def case(texts: Mapping[str, Any], lang: str, key: str) -> ExampleCase | None:
    """The case of one outcome in a language, or None when there is no such case."""
    return next((found for found in cases(texts, lang) if found.key == key), None)


# What a workshop participant is given of a case: the facts (who the client is, the figures,
# the strain, the value, the date and form of address). Everything else is the exercise: the
# pitfalls, the alternatives, the decision and the whole preparation are theirs to do.
CASE_FACTS = (
    "format",
    "language",
    "client",
    "owner",
    "conversation_date",
    "address",
    "financial",
    "interpersonal",
    "value",
    "client_view",
)


def exercise(plan: Mapping[str, Any]) -> dict[str, Any]:
    """The case as a workshop exercise: its facts only (CASE_FACTS), with the participant's own
    style left for them to find (`owner.disc` removed; the client's contacts keep theirs, as
    the case describes those people). A new dict: the example itself is not changed."""
    facts = {key: plan[key] for key in CASE_FACTS if key in plan}
    owner = {k: v for k, v in (facts.get("owner") or {}).items() if k != "disc"}
    if owner:
        facts["owner"] = owner
    else:
        facts.pop("owner", None)
    return facts


def problems(
    described: Mapping[str, Any], lang: str, plans: Mapping[str, Mapping[str, Any] | None]
) -> list[str]:
    """What is wrong with a language's example cases: a file name that is not a plain name, a
    plan that is missing (None in `plans`), or a plan in another language."""
    found = []
    for key in OUTCOMES:
        name = ((described.get("cases") or {}).get(key) or {}).get("file")
        if not isinstance(name, str) or not NAME.fullmatch(name):
            found.append(f"cases.{key}.file must be the name of a file in content/examples")
            continue
        plan = plans.get(name)
        if plan is None:
            found.append(f"cases.{key}.file: content/examples/{name}.json is missing")
        elif plan.get("language") != lang:
            found.append(f"cases.{key}.file: {name} is not a plan in '{lang}'")
    return found
