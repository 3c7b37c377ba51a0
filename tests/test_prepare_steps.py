"""Preparing the talk: your style and theirs, the preconditions and the client's perspective."""

from __future__ import annotations

import re

import pytest

from tests.conftest import Actions
from tests.helpers import page_text, plan_data, visible_text


@pytest.fixture
def plan_id(ann):
    plan_id = ann.create_plan("Acme Logistics")
    ann.post(
        f"/plans/{plan_id}/steps/client",
        {
            "client_name": "Acme Logistics",
            "contacts-0-name": "Marleen de Vries",
            "contacts-0-role": "Purchasing",
            "contacts-1-name": "Joost Bakker",
        },
        htmx=True,
    )
    return plan_id


@pytest.mark.parametrize("step", ["styles", "preconditions"])
def test_the_preparation_steps_open_for_the_owner_only(app, ann, plan_id, step):
    assert ann.client.get(f"/plans/{plan_id}/steps/{step}").status_code == 200
    bob = Actions(app.test_client())
    bob.register("bob@example.com")
    assert bob.client.get(f"/plans/{plan_id}/steps/{step}").status_code == 404
    assert bob.save_step(plan_id, step, {}).status_code == 404
    assert ann.client.post(f"/plans/{plan_id}/steps/{step}", data={}).status_code == 400


def test_the_style_step_says_it_is_an_indication_not_an_assessment(ann, plan_id):
    page = visible_text(page_text(ann.client.get(f"/plans/{plan_id}/steps/styles")))
    assert "not a validated DISC assessment" in page
    assert page.count("Not sure") == 10  # ten self-check statements
    assert "Marleen de Vries" in page and "Joost Bakker" in page


def test_the_self_check_gives_a_style_with_its_colour_and_advice(app, ann, plan_id):
    response = ann.save_step(
        plan_id,
        "styles",
        {"self_think_first": "5", "self_steady_pace": "4", "self_relationships_matter": "5"},
    )
    assert response.status_code == 200
    page = page_text(response)
    assert "Green – Steady" in page
    assert "Of all styles, you probably find this hardest." in page
    assert plan_data(app, plan_id)["owner"]["disc"] == "S"
    assert plan_data(app, plan_id)["styles"]["self_check"]["think_first"] == 5


def test_a_direct_pick_overrides_the_self_check(app, ann, plan_id):
    ann.save_step(plan_id, "styles", {"self_think_first": "5", "self_relationships_matter": "5"})
    ann.save_step(
        plan_id,
        "styles",
        {"self_think_first": "5", "self_relationships_matter": "5", "direct_pick": "D"},
    )
    assert plan_data(app, plan_id)["owner"]["disc"] == "D"
    page = page_text(ann.client.get(f"/plans/{plan_id}/steps/styles"))
    assert re.search(r'value="D"[^>]*checked|checked[^>]*value="D"', page)


def test_their_style_comes_from_two_observations_with_pair_advice(app, ann, plan_id):
    response = ann.save_step(
        plan_id,
        "styles",
        {
            "direct_pick": "D",
            "contacts-0-index": "0",
            "contacts-1-index": "1",
            "contacts-0-pace": "reserved",
            "contacts-0-focus": "people",
            "contacts-1-pace": "",
            "contacts-1-focus": "task",
        },
    )
    contacts = plan_data(app, plan_id)["client"]["contacts"]
    assert [c["disc"] for c in contacts] == ["S", None]  # "don't know" leaves it open
    page = visible_text(page_text(response))
    assert "You and Marleen de Vries" in page
    # the note written for a dominant you and a steady contact, and your pitfall with them
    assert "Your speed can overwhelm Marleen de Vries, who may go quiet" in page
    assert "Racing on to the next step while Marleen de Vries is still taking in" in page
    assert "a step-by-step transition plan with dates, names" in page  # the steady profile
    assert "Answer the two questions above" in page  # for Joost, still unknown


def test_a_bad_answer_is_refused_and_keeps_the_stored_style(app, ann, plan_id):
    ann.save_step(plan_id, "styles", {"direct_pick": "C"})
    response = ann.save_step(plan_id, "styles", {"direct_pick": "Z"})
    assert response.status_code == 422
    assert 'id="direct_pick-error"' in page_text(response)
    assert plan_data(app, plan_id)["owner"]["disc"] == "C"


def test_the_style_step_works_in_dutch(ann, plan_id):
    ann.switch_language("nl")
    response = ann.save_step(plan_id, "styles", {"direct_pick": "I"})
    page = page_text(response)
    assert "Geel – Invloedrijk" in page


def test_preconditions_and_the_clients_perspective_are_ticked(app, ann, plan_id):
    page = visible_text(page_text(ann.client.get(f"/plans/{plan_id}/steps/preconditions")))
    assert "face to face" in page
    assert "I will thank them for the years we worked together." in page
    response = ann.save_step(
        plan_id,
        "preconditions",
        {"pre_face_to_face": "y", "pre_timing": "y", "per_thank": "y"},
    )
    assert response.status_code == 200
    assert re.search(r'class="score__value">2<', page_text(response))
    data = plan_data(app, plan_id)
    assert data["preconditions"]["face_to_face"] is True
    assert data["preconditions"]["contract_checked"] is False
    assert data["perspective"]["thank"] is True


def test_every_precondition_explains_why(ann, plan_id):
    page = page_text(ann.client.get(f"/plans/{plan_id}/steps/preconditions"))
    items = re.findall(r'class="help" id="pre_\w+-why">([^<]+)<', page)
    assert len(items) >= 8
    assert all(len(why.strip()) > 40 for why in items)


def test_without_javascript_the_style_step_saves_on_submit(app, ann, plan_id):
    response = ann.save_step(plan_id, "styles", {"direct_pick": "C", "go": "next"}, htmx=False)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/steps/preconditions")
    assert plan_data(app, plan_id)["owner"]["disc"] == "C"
