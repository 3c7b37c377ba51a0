"""Crafted step posts: each gets a clear answer next to its field, or is simply no answer;
nothing saved before is lost and no page breaks afterwards."""

from __future__ import annotations

import pytest

from tests.helpers import page_text, plan_data, visible_text


@pytest.fixture
def plan_id(ann):
    return ann.create_plan("Acme Logistics")


def test_a_blank_radio_value_is_no_answer(app, ann, plan_id):
    ann.save_step(plan_id, "interpersonal", {"dread": "4"})
    assert ann.save_step(plan_id, "interpersonal", {"dread": " "}).status_code == 200
    assert plan_data(app, plan_id)["interpersonal"]["dread"] is None
    assert ann.save_step(plan_id, "styles", {"direct_pick": " "}).status_code == 200
    assert (plan_data(app, plan_id).get("styles") or {}).get("direct_pick") is None
    assert ann.client.get(f"/plans/{plan_id}/steps/styles").status_code == 200


def test_a_date_far_away_is_refused_next_to_the_field(app, ann, plan_id):
    ann.save_step(plan_id, "client", {"client_name": "Acme", "conversation_date": "2027-02-08"})
    answer = ann.save_step(
        plan_id, "client", {"client_name": "Acme", "conversation_date": "9999-12-01"}
    )
    assert answer.status_code == 422
    assert "Enter a date between" in visible_text(page_text(answer))
    assert plan_data(app, plan_id)["conversation_date"] == "2027-02-08"
    ann.switch_language("nl")
    answer = ann.save_step(
        plan_id, "client", {"client_name": "Acme", "conversation_date": "1899-01-01"}
    )
    assert "Vul een datum in tussen" in visible_text(page_text(answer))


def test_a_number_of_four_hundred_digits_is_refused(app, ann, plan_id):
    answer = ann.save_step(plan_id, "client", {"client_name": "Acme", "client_since": "9" * 400})
    assert answer.status_code == 422
    assert 'id="client_since-error"' in page_text(answer)
    assert "valid integer" in visible_text(page_text(answer))


def test_an_amount_smaller_than_a_cent_is_refused(app, ann, plan_id):
    answer = ann.save_step(plan_id, "financial", {"annual_revenue": "0." + "0" * 29 + "1"})
    assert answer.status_code == 422
    assert "Use at most 2 decimals." in visible_text(page_text(answer))
    assert (plan_data(app, plan_id).get("financial") or {}).get("annual_revenue") is None


def test_removing_the_only_alternative_leaves_no_phantom_row(app, ann, plan_id):
    ann.save_step(
        plan_id,
        "alternatives",
        {"alternatives-0-kind": "reprice", "alternatives-0-status": "tried"},
    )
    answer = ann.save_step(
        plan_id,
        "alternatives",
        {
            "alternatives-0-kind": "reprice",
            "alternatives-0-status": "tried",
            "row_action": "remove:0",
        },
    )
    assert answer.status_code == 200
    assert "Not a valid choice" not in page_text(answer)
    assert plan_data(app, plan_id)["alternatives"] == []


def test_crafted_row_names_are_ignored(app, ann, plan_id):
    answer = ann.save_step(
        plan_id,
        "client",
        {
            "client_name": "Acme",
            "contacts-²-name": "x",
            "contacts-x": "y",
            "row_action": "remove:0",
        },
    )
    assert answer.status_code == 200
    assert plan_data(app, plan_id)["client"]["name"] == "Acme"


def test_control_characters_never_reach_the_plan(app, ann, plan_id):
    ann.save_step(plan_id, "client", {"client_name": "Acme", "sector": "Log\x00is\x07tics"})
    assert plan_data(app, plan_id)["client"]["sector"] == "Logistics"
