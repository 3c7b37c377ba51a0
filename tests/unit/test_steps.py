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
            "gross_margin_pct": 30,
            "service_hours": [{"department": "sales", "hours_per_week": 2, "hourly_cost": 50}],
        },
        "interpersonal": dict.fromkeys(model["interpersonal_items"], 3),
        "value": {"reference": 4},
        "pitfalls": dict.fromkeys(model["pitfalls"], True),
        "alternatives": [{"kind": "raise_rates", "status": "tried", "note": None}],
        "decision": {"choice": "exit", "rationale": None},
    }
    state = steps.completion(plan, model)
    assert list(state) == steps.step_ids(plan)
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
        "transition": steps.TODO,
        "script": steps.TODO,
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


def test_the_transition_comes_before_the_script_so_the_script_knows_its_dates():
    ids = steps.step_ids()
    assert ids[ids.index("preconditions") :] == [
        "preconditions",
        "transition",
        "script",
        "lessons",
        "export",
    ]
    assert steps.next_step("transition") == "script"
    assert steps.next_step("script") == "lessons"


@pytest.mark.parametrize(
    ("financial", "state"),
    [
        pytest.param({"annual_revenue": 84000}, steps.STARTED, id="revenue-only"),
        pytest.param(
            {
                "annual_revenue": 84000,
                "service_hours": [{"department": "sales", "hours_per_week": 2, "hourly_cost": 85}],
            },
            steps.STARTED,
            id="no-gross-margin",
        ),
        pytest.param(
            {
                "annual_revenue": 84000,
                "gross_margin_pct": 32,
                "service_hours": [{"department": "sales", "hours_per_week": 2, "hourly_cost": 85}],
            },
            steps.DONE,
            id="complete",
        ),
    ],
)
def test_the_financial_step_is_done_when_a_verdict_can_be_given(model, financial, state):
    assert steps.completion({"financial": financial}, model)["financial"] == state


CONTACTS = [{"name": "Marco", "disc": "D"}, {"name": "Sandra", "disc": None}]


def test_a_contact_whose_style_is_honestly_dont_know_completes_the_style_step(model):
    plan = {"owner": {"disc": "S"}, "client": {"name": "Acme", "contacts": CONTACTS}}
    assert steps.completion(plan, model)["styles"] == steps.STARTED
    unknown = {"pace": steps.DONT_KNOW, "focus": steps.DONT_KNOW}
    answered = [CONTACTS[0], {**CONTACTS[1], "observed": unknown}]
    plan["client"]["contacts"] = answered
    assert steps.completion(plan, model)["styles"] == steps.DONE
    half = [CONTACTS[0], {**CONTACTS[1], "observed": {"pace": "outgoing", "focus": None}}]
    plan["client"]["contacts"] = half
    assert steps.completion(plan, model)["styles"] == steps.STARTED


def test_suggested_follow_ups_complete_the_transition_step(model):
    plan = {"conversation_date": "2026-12-14", "transition": {"notice_weeks": 8}}
    assert steps.completion(plan, model)["transition"] == steps.DONE
    without_date = {"transition": {"notice_weeks": 8}}
    assert steps.completion(without_date, model)["transition"] == steps.STARTED
    own = {"transition": {"notice_weeks": 8}, "follow_ups": [{"date": "2027-05-01", "note": "x"}]}
    assert steps.completion(own, model)["transition"] == steps.DONE
