"""When the decision is not an exit: the preparation is optional and an attention plan takes
its place."""

from __future__ import annotations

import re

import pytest

from tests.helpers import page_text, plan_data


@pytest.fixture
def kept(ann):
    plan_id = ann.create_plan("Keeper B.V.")
    ann.save_step(plan_id, "decision", {"choice": "keep"})  # an empty plan's advice is "keep"
    return plan_id


def test_an_exit_shows_no_attention_plan(ann):
    plan_id = ann.create_plan("Leaver")
    ann.save_step(plan_id, "decision", {"choice": "exit", "rationale": "Our reasons."})
    page = page_text(ann.client.get(f"/plans/{plan_id}/steps/styles"))
    assert "/steps/attention" not in page
    assert "(optional)" not in page


def test_keeping_the_client_makes_the_preparation_optional(ann, kept):
    page = page_text(ann.client.get(f"/plans/{kept}/steps/decision"))
    stepper = page[page.index('id="stepper"') : page.index("</nav>", page.index('id="stepper"'))]
    assert "Attention plan" in stepper
    assert stepper.count("(optional)") == 5
    assert re.search(r'href="/plans/\d+/steps/attention"', stepper)


def test_after_the_decision_the_next_step_is_the_attention_plan(ann, kept):
    response = ann.save_step(kept, "decision", {"choice": "keep", "go": "next"}, htmx=False)
    assert response.headers["Location"].endswith("/steps/attention")


def test_activities_are_picked_and_planned(app, ann, kept):
    page = page_text(ann.client.get(f"/plans/{kept}/steps/attention"))
    assert "Attention by client class (ABCDE)" in page
    assert "Moments of truth" in page
    assert "Deposits that rebuild the relationship" in page
    response = ann.save_step(
        kept,
        "attention",
        {
            "attention_plan-0-activity": "b_ambition",
            "attention_plan-0-date": "2027-01-15",
            "attention_plan-0-note": "With the new director",
        },
    )
    assert response.status_code == 200
    assert plan_data(app, kept)["attention_plan"] == [
        {"activity": "b_ambition", "date": "2027-01-15", "note": "With the new director"}
    ]


def test_an_unknown_activity_is_not_stored(app, ann, kept):
    ann.save_step(kept, "attention", {"attention_plan-0-activity": "bribe"})
    assert plan_data(app, kept)["attention_plan"] == []


def test_the_attention_plan_speaks_dutch(ann, kept):
    ann.switch_language("nl")
    page = page_text(ann.client.get(f"/plans/{kept}/steps/attention"))
    assert "Aandacht per klantklasse (ABCDE)" in page
    assert "(optioneel)" in page


def test_an_exits_attention_step_opened_by_its_address_leads_back_to_the_plan(ann):
    """It used to open and say 'your decision is not an exit' about an exit."""
    plan_id = ann.create_plan("Leaver")
    ann.save_step(plan_id, "decision", {"choice": "exit", "rationale": "Our reasons."})
    response = ann.client.get(f"/plans/{plan_id}/steps/attention")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/plans/{plan_id}")
    page = page_text(ann.client.get(f"/plans/{plan_id}"))
    assert "is not an exit" not in page


@pytest.mark.parametrize(
    ("lang", "label"),
    [
        ("en", "For B clients: hold an ambition talk about where they want to go"),
        ("nl", "Voor B-klanten: voer een ambitiegesprek over waar de klant naartoe wil"),
    ],
)
def test_an_activity_of_a_client_class_says_which_clients_it_is_for(ann, kept, lang, label):
    """On the step and in the memo (they read 'B: hold an ambition talk')."""
    from tests.helpers import pdf_text

    ann.switch_language(lang)
    ann.save_step(kept, "client", {"client_name": "Keeper B.V.", "language": lang})
    ann.save_step(kept, "decision", {"choice": "keep"})
    assert label in page_text(ann.client.get(f"/plans/{kept}/steps/attention"))
    ann.save_step(
        kept, "attention", {"attention_plan-0-activity": "b_ambition", "attention_plan-0-date": ""}
    )
    memo = " ".join(pdf_text(ann.client.get(f"/plans/{kept}/plan.pdf").data).split())
    assert label in memo
