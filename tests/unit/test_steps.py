"""The wizard's steps: their order and when each counts as done."""

from __future__ import annotations

import pytest
import yaml

from app.content import DEFAULT_DIR
from app.domain import steps


@pytest.fixture(scope="module")
def model():
    return yaml.safe_load((DEFAULT_DIR / "model.yaml").read_text(encoding="utf-8"))


def test_the_decision_steps_come_in_the_order_of_the_journey():
    assert steps.step_ids()[:7] == [
        "client",
        "financial",
        "interpersonal",
        "value",
        "pitfalls",
        "alternatives",
        "decision",
    ]
    assert steps.next_step("client") == "financial"
    assert steps.next_step(steps.step_ids()[-1]) is None


def test_an_empty_plan_has_everything_still_to_do(model):
    state = steps.completion({}, model)
    assert state["financial"] == steps.TODO
    assert state["decision"] == steps.TODO


def test_steps_are_done_when_the_analysis_has_what_it_needs(model):
    plan = {
        "client": {"name": "Acme", "contacts": [{"name": "Marleen", "primary": True}]},
        "financial": {
            "annual_revenue": 1000,
            "service_hours": [{"department": "sales", "hours_per_week": 2, "hourly_cost": 50}],
        },
        "interpersonal": dict.fromkeys(model["interpersonal_items"], 3),
        "value": {"reference": 4},
        "pitfalls": dict.fromkeys(model["pitfalls"], True),
        "alternatives": [{"kind": "raise_rates", "status": "tried", "note": None}],
        "decision": {"choice": "exit", "rationale": None},
    }
    state = steps.completion(plan, model)
    assert state == {
        "client": steps.DONE,
        "financial": steps.DONE,
        "interpersonal": steps.DONE,
        "value": steps.STARTED,
        "pitfalls": steps.DONE,
        "alternatives": steps.DONE,
        "decision": steps.DONE,
        "styles": steps.TODO,
        "preconditions": steps.TODO,
        "script": steps.TODO,
        "transition": steps.TODO,
        "lessons": steps.TODO,
        # the script is not written yet, so the conversation plan is not ready to print
        "export": steps.TODO,
    }


def test_an_unticked_pitfall_keeps_the_step_open(model):
    pitfalls = dict.fromkeys(model["pitfalls"], True) | {"independent_voice": False}
    assert steps.completion({"pitfalls": pitfalls}, model)["pitfalls"] == steps.STARTED


def test_the_export_step_is_done_once_decided_and_the_conversation_is_written(model):
    decided = {"decision": {"choice": "exit"}}
    assert steps.completion(decided, model)["export"] == steps.TODO
    written = decided | {"script": dict.fromkeys(steps.SCRIPT_STEPS, "words")}
    assert steps.completion(written, model)["export"] == steps.DONE
    kept = {"decision": {"choice": "reprice"}}
    assert steps.completion(kept, model)["export"] == steps.DONE
