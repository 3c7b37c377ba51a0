"""A logged-in user keeps one plan per client: create, open, rename, delete."""

from __future__ import annotations

import re

import pytest


def _text(response) -> str:
    return response.get_data(as_text=True)


def test_the_dashboard_lists_plans_with_client_step_and_last_edited(ann):
    ann.create_plan("Acme Logistics")
    ann.create_plan("Bakker & Zonen")
    page = _text(ann.client.get("/plans"))
    assert "Acme Logistics" in page
    assert "Bakker &amp; Zonen" in page
    assert page.count("Client &amp; contacts") >= 2  # the current step of each plan
    assert re.search(r"<time datetime=\"\d{4}-\d\d-\d\dT", page)
    # the most recently edited plan comes first
    assert page.index("Bakker") < page.index("Acme Logistics")


def test_creating_a_plan_opens_it_on_its_first_step(ann):
    response = ann.post("/plans", {"client_name": "  Acme Logistics  "})
    assert response.status_code == 302
    page = _text(ann.client.get(response.headers["Location"]))
    assert "<h1>Acme Logistics</h1>" in page
    assert 'aria-current="step"' in page
    assert "Client &amp; contacts" in page


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Enter the name of the client."),
        ("   ", "Enter the name of the client."),
        ("x" * 201, "Keep the name under 200 characters."),
    ],
)
def test_a_plan_needs_a_sensible_client_name(ann, name, message):
    response = ann.post("/plans", {"client_name": name})
    assert response.status_code == 422
    assert message in _text(response)
    assert "No plans yet." in _text(response)


def test_the_plan_page_shows_the_step_navigator(ann):
    plan_id = ann.create_plan()
    page = _text(ann.client.get(f"/plans/{plan_id}"))
    assert 'class="stepper"' in page
    assert f'href="/plans/{plan_id}/steps/client"' in page
    assert ann.client.get(f"/plans/{plan_id}/steps/client").status_code == 200
    assert ann.client.get(f"/plans/{plan_id}/steps/no-such-step").status_code == 404


def test_rename_inline_with_htmx_returns_just_the_row(ann):
    plan_id = ann.create_plan("Acme")
    form = ann.client.get(f"/plans/{plan_id}/rename", headers={"HX-Request": "true"})
    assert form.status_code == 200
    assert "<html" not in _text(form)
    assert f'hx-post="/plans/{plan_id}/rename"' in _text(form)
    response = ann.post(f"/plans/{plan_id}/rename", {"client_name": "Acme B.V."}, htmx=True)
    assert response.status_code == 200
    row = _text(response)
    assert row.lstrip().startswith(f'<tr id="plan-{plan_id}"')
    assert "Acme B.V." in row
    assert "Acme B.V." in _text(ann.client.get("/plans"))


def test_an_invalid_inline_rename_keeps_the_old_name_and_shows_why(ann):
    plan_id = ann.create_plan("Acme")
    response = ann.post(f"/plans/{plan_id}/rename", {"client_name": ""}, htmx=True)
    assert response.status_code == 422
    assert "Enter the name of the client." in _text(response)
    assert "<html" not in _text(response)
    assert ">Acme<" in _text(ann.client.get("/plans"))


def test_rename_works_without_javascript(ann):
    plan_id = ann.create_plan("Acme")
    page = ann.client.get(f"/plans/{plan_id}/rename")
    assert "<html" in _text(page)
    response = ann.post(f"/plans/{plan_id}/rename", {"client_name": "Acme Holding"})
    assert response.status_code == 302
    dashboard = _text(ann.client.get("/plans"))
    assert "The plan is now called “Acme Holding”." in dashboard


def test_cancel_brings_the_plain_row_back(ann):
    plan_id = ann.create_plan("Acme")
    row = ann.client.get(f"/plans/{plan_id}/row", headers={"HX-Request": "true"})
    assert _text(row).lstrip().startswith(f'<tr id="plan-{plan_id}"')


def test_delete_asks_for_confirmation_first(ann):
    plan_id = ann.create_plan("Acme")
    confirm = ann.client.get(f"/plans/{plan_id}/delete", headers={"HX-Request": "true"})
    assert "Delete the plan for “Acme”?" in _text(confirm)
    assert "This cannot be undone." in _text(confirm)
    assert "Acme" in _text(ann.client.get("/plans"))  # nothing deleted by looking


def test_confirmed_delete_with_htmx_updates_the_list_in_place(ann):
    keep = ann.create_plan("Keep me")
    gone = ann.create_plan("Delete me")
    response = ann.post(f"/plans/{gone}/delete", htmx=True)
    assert response.status_code == 200
    fragment = _text(response)
    assert fragment.lstrip().startswith('<div id="plan-list"')
    assert "The plan for “Delete me” has been deleted." in fragment
    assert "Keep me" in fragment
    assert ann.client.get(f"/plans/{gone}").status_code == 404
    assert ann.client.get(f"/plans/{keep}").status_code == 200


def test_delete_works_without_javascript(ann):
    plan_id = ann.create_plan("Acme")
    page = ann.client.get(f"/plans/{plan_id}/delete")
    assert "<html" in _text(page)
    response = ann.post(f"/plans/{plan_id}/delete")
    assert response.status_code == 302
    dashboard = _text(ann.client.get("/plans"))
    assert "The plan for “Acme” has been deleted." in dashboard
    assert "No plans yet." in dashboard


def test_client_names_are_escaped(ann):
    ann.create_plan('<script>alert("x")</script>')
    page = _text(ann.client.get("/plans"))
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page
