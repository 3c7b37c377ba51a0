"""When the decision is not an exit: the preparation is optional and an attention plan takes
its place."""

from __future__ import annotations

import re

import pytest


def _text(response) -> str:
    return response.get_data(as_text=True)


def _data(app, plan_id):
    from app.extensions import db
    from app.models import Plan

    with app.app_context():
        return db.session.get(Plan, plan_id).data


def save(ann, plan_id, step, data, htmx=True):
    return ann.post(f"/plans/{plan_id}/steps/{step}", data, htmx=htmx)


@pytest.fixture
def kept(ann):
    plan_id = ann.create_plan("Keeper B.V.")
    save(ann, plan_id, "decision", {"choice": "keep"})  # an empty plan's advice is "keep"
    return plan_id


def test_an_exit_shows_no_attention_plan(ann):
    plan_id = ann.create_plan("Leaver")
    save(ann, plan_id, "decision", {"choice": "exit", "rationale": "Our reasons."})
    page = _text(ann.client.get(f"/plans/{plan_id}/steps/styles"))
    assert "/steps/attention" not in page
    assert "(optional)" not in page


def test_keeping_the_client_makes_the_preparation_optional(ann, kept):
    page = _text(ann.client.get(f"/plans/{kept}/steps/decision"))
    stepper = page[page.index('id="stepper"') : page.index("</nav>", page.index('id="stepper"'))]
    assert "Attention plan" in stepper
    assert stepper.count("(optional)") == 5
    assert re.search(r'href="/plans/\d+/steps/attention"', stepper)


def test_after_the_decision_the_next_step_is_the_attention_plan(ann, kept):
    response = save(ann, kept, "decision", {"choice": "keep", "go": "next"}, htmx=False)
    assert response.headers["Location"].endswith("/steps/attention")


def test_activities_are_picked_and_planned(app, ann, kept):
    page = _text(ann.client.get(f"/plans/{kept}/steps/attention"))
    assert "Attention by client class (ABCDE)" in page
    assert "Moments of truth" in page
    assert "Deposits that rebuild the relationship" in page
    response = save(
        ann,
        kept,
        "attention",
        {
            "attention_plan-0-activity": "b_ambition",
            "attention_plan-0-date": "2027-01-15",
            "attention_plan-0-note": "With the new director",
        },
    )
    assert response.status_code == 200
    assert _data(app, kept)["attention_plan"] == [
        {"activity": "b_ambition", "date": "2027-01-15", "note": "With the new director"}
    ]


def test_an_unknown_activity_is_not_stored(app, ann, kept):
    save(ann, kept, "attention", {"attention_plan-0-activity": "bribe"})
    assert _data(app, kept)["attention_plan"] == []


def test_the_attention_plan_speaks_dutch(ann, kept):
    ann.switch_language("nl")
    page = _text(ann.client.get(f"/plans/{kept}/steps/attention"))
    assert "Aandacht per klantklasse (ABCDE)" in page
    assert "(optioneel)" in page
