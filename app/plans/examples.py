"""Starting from an example case: the user's own copy of one of the shipped example plans."""

from __future__ import annotations

import copy

from flask import abort, current_app

from app.domain import examples
from app.domain.examples import ExampleCase
from app.models import Plan, User
from app.plans import store


def _content():
    return current_app.extensions["exitcoach.content"]


def available_cases(lang: str) -> list[ExampleCase]:
    """The example cases offered in a language (the dashboard, `exitcoach demo`, workshops)."""
    content = _content()
    return examples.cases(content.texts[lang if lang in content.texts else "en"], lang)


def example_plan(found: ExampleCase) -> dict:
    """A fresh copy of the case's plan: changing it never changes the example."""
    return copy.deepcopy(_content().examples[found.name])


def start_case(user: User, lang: str, key: str, *, as_exercise: bool = False) -> Plan:
    """A new plan for `user`, a copy of the example case `key` of `lang`; 404 when there is
    no such case. `as_exercise` (a workshop): only the case's facts, the rest to be done."""
    found = examples.case(_content().texts.get(lang) or {}, lang, key)
    if found is None:
        abort(404)
    plan = example_plan(found)
    return store.import_plan(user, examples.exercise(plan) if as_exercise else plan)


def fill_with_examples(user: User, languages: tuple[str, ...]) -> tuple[list[Plan], list[str]]:
    """Give `user` a copy of every example case in `languages`, except the ones they already
    have (a plan for the same client): running it twice adds nothing. Returns the new plans
    and the client names that were skipped."""
    have = {plan.client_name for plan in store.plans_of(user)}
    made, skipped = [], []
    for lang in languages:
        for found in available_cases(lang):
            plan = example_plan(found)
            name = plan["client"]["name"]
            if name in have:
                skipped.append(name)
                continue
            made.append(store.import_plan(user, plan))
            have.add(name)
    return made, skipped
