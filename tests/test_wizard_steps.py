"""The seven decision steps: every field saves itself, figures follow, bad input never wins."""

from __future__ import annotations

import re

import pytest

from tests.helpers import page_text, plan_data, visible_text


@pytest.fixture
def plan_id(ann):
    return ann.create_plan("Acme Logistics")


FINANCIALS = {
    "annual_revenue": "120000",
    "gross_margin_pct": "30",
    "other_annual_costs": "2000",
    "payment_days_late": "45",
    "cost_of_capital_pct": "8",
    "working_weeks": "46",
    "service_hours-0-department": "Account management",
    "service_hours-0-hours_per_week": "6",
    "service_hours-0-hourly_cost": "75",
    "service_hours-1-department": "Customer service",
    "service_hours-1-hours_per_week": "4",
    "service_hours-1-hourly_cost": "55",
}


# ---- every step opens, for its owner only ---------------------------------------------------

STEPS = ["client", "financial", "interpersonal", "value", "pitfalls", "alternatives", "decision"]


@pytest.mark.parametrize("step", STEPS)
def test_every_step_opens_with_its_title_and_a_form(ann, plan_id, step):
    page = ann.client.get(f"/plans/{plan_id}/steps/{step}")
    assert page.status_code == 200
    assert 'id="step-form"' in page_text(page)
    assert 'aria-current="step"' in page_text(page)


@pytest.mark.parametrize("step", STEPS)
def test_another_users_step_is_404_to_look_at_and_to_save(app, ann, plan_id, step):
    from tests.conftest import Actions

    bob = Actions(app.test_client())
    bob.register("bob@example.com")
    assert bob.client.get(f"/plans/{plan_id}/steps/{step}").status_code == 404
    assert bob.save_step(plan_id, step, {"client_name": "Hijack"}).status_code == 404


@pytest.mark.parametrize("step", STEPS)
def test_saving_a_step_without_csrf_token_is_refused(ann, plan_id, step):
    response = ann.client.post(f"/plans/{plan_id}/steps/{step}", data={"client_name": "X"})
    assert response.status_code == 400


# ---- client & contacts ----------------------------------------------------------------------


def test_client_details_contacts_and_conversation_date_are_saved(app, ann, plan_id):
    response = ann.save_step(
        plan_id,
        "client",
        {
            "client_name": "Acme Logistics B.V.",
            "sector": "Transport",
            "client_since": "2014",
            "contacts-0-name": "Marleen de Vries",
            "contacts-0-role": "Purchasing manager",
            "contacts-1-name": "Joost Bakker",
            "contacts-1-role": "Finance",
            "primary_contact": "1",
            "owner_name": "Ann Jansen",
            "owner_company": "Jansen Advies",
            "conversation_date": "2026-12-14",
            "language": "nl",
        },
    )
    assert response.status_code == 200
    assert "Saved at" in page_text(response)
    data = plan_data(app, plan_id)
    assert data["client"]["name"] == "Acme Logistics B.V."
    assert data["client"]["client_since"] == 2014
    assert [c["name"] for c in data["client"]["contacts"]] == ["Marleen de Vries", "Joost Bakker"]
    assert [c["primary"] for c in data["client"]["contacts"]] == [False, True]
    assert data["owner"] == {"name": "Ann Jansen", "company": "Jansen Advies", "disc": None}
    assert data["conversation_date"] == "2026-12-14"
    assert data["language"] == "nl"
    assert "Acme Logistics B.V." in page_text(ann.client.get("/plans"))


def test_an_autosave_answers_with_status_and_errors_but_never_the_inputs(ann, plan_id):
    response = ann.save_step(plan_id, "client", {"client_name": "Acme", "client_since": "12345"})
    assert response.status_code == 422
    fragment = page_text(response)
    # Only the page's hidden save base comes back; never an input the user may be typing in.
    assert re.findall(r"<input[^>]*>", fragment) == [
        m for m in re.findall(r"<input[^>]*>", fragment) if 'name="_base"' in m
    ]
    assert 'id="client_since-error"' in fragment
    assert "Enter a year between 1900 and 2100." in fragment
    assert 'hx-swap-oob="true"' in fragment


def test_an_invalid_value_never_overwrites_the_last_valid_one(app, ann, plan_id):
    ann.save_step(plan_id, "client", {"client_name": "Acme", "client_since": "2014"})
    response = ann.save_step(
        plan_id, "client", {"client_name": "Acme", "client_since": "next year"}
    )
    assert response.status_code == 422
    assert plan_data(app, plan_id)["client"]["client_since"] == 2014
    response = ann.save_step(plan_id, "client", {"client_name": "", "client_since": "2015"})
    assert "Enter the name of the client." in page_text(response)
    data = plan_data(app, plan_id)
    assert data["client"]["name"] == "Acme"
    assert data["client"]["client_since"] == 2015


def test_without_javascript_an_invalid_save_shows_the_page_with_what_was_typed(ann, plan_id):
    response = ann.save_step(
        plan_id, "client", {"client_name": "Acme", "client_since": "soon"}, htmx=False
    )
    assert response.status_code == 422
    page = page_text(response)
    assert "<html" in page
    assert 'value="soon"' in page
    assert 'aria-invalid="true"' in page


def test_without_javascript_save_and_continue_goes_to_the_next_step(ann, plan_id):
    response = ann.save_step(plan_id, "client", {"client_name": "Acme", "go": "next"}, htmx=False)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/plans/{plan_id}/steps/financial"


def test_contacts_are_added_and_removed_inline(app, ann, plan_id):
    added = ann.save_step(
        plan_id,
        "client",
        {"client_name": "Acme", "contacts-0-name": "Marleen", "row_action": "add"},
    )
    assert added.status_code == 200
    fragment = page_text(added)
    assert fragment.lstrip().startswith('<fieldset id="rows-contacts"')
    assert 'name="contacts-1-name"' in fragment
    assert 'value="Marleen"' in fragment
    removed = ann.save_step(
        plan_id,
        "client",
        {
            "client_name": "Acme",
            "contacts-0-name": "Marleen",
            "contacts-1-name": "Joost",
            "contacts-2-name": "Ingrid",
            "primary_contact": "2",
            "row_action": "remove:1",
        },
    )
    fragment = page_text(removed)
    assert "Joost" not in fragment
    assert 'name="contacts-1-name" type="text" value="Ingrid"' in fragment
    data = plan_data(app, plan_id)
    assert [c["name"] for c in data["client"]["contacts"]] == ["Marleen", "Ingrid"]
    assert [c["primary"] for c in data["client"]["contacts"]] == [False, True]


def test_add_a_contact_works_without_javascript(ann, plan_id):
    response = ann.save_step(
        plan_id, "client", {"client_name": "Acme", "row_action": "add"}, htmx=False
    )
    assert response.status_code == 200
    assert 'name="contacts-1-name"' in page_text(response)


# ---- financial check --------------------------------------------------------------------------


def test_the_financial_check_shows_the_figures_of_the_model(app, ann, plan_id):
    response = ann.save_step(plan_id, "financial", FINANCIALS)
    assert response.status_code == 200
    results = page_text(response)
    # gross profit 36,000; service cost (6×75 + 4×55) × 46 = 30,820; financing 120,000×45/365×8% =
    # 1,183.56; contribution 36,000 − 30,820 − 2,000 − 1,183.56 = 1,996.44 (1.7 %): marginal
    assert "€36,000.00" in results
    assert "€30,820.00" in results
    assert "€1,183.56" in results
    assert "€1,996.44" in results
    assert "1.7%" in results
    assert "460" in results  # hours a year
    assert "€78.26" in results  # yield per hour: 36,000 / 460
    data = plan_data(app, plan_id)["financial"]
    assert data["service_hours"][0] == {
        "department": "account_management",
        "hours_per_week": 6,
        "hourly_cost": 75,
    }


def test_money_is_shown_in_the_plans_language(ann, plan_id):
    ann.save_step(plan_id, "client", {"client_name": "Acme", "language": "nl"})
    results = page_text(ann.save_step(plan_id, "financial", FINANCIALS))
    assert "€ 36.000,00" in results
    assert "€ 1.996,44" in results
    assert "1,7%" in results


def test_dutch_users_type_dutch_numbers(app, ann, plan_id):
    ann.switch_language("nl", f"/plans/{plan_id}")
    ann.save_step(plan_id, "financial", {"annual_revenue": "1.250.000", "gross_margin_pct": "32,5"})
    data = plan_data(app, plan_id)["financial"]
    assert data["annual_revenue"] == 1250000
    assert data["gross_margin_pct"] == 32.5
    page = page_text(ann.client.get(f"/plans/{plan_id}/steps/financial"))
    assert 'value="32,5"' in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("annual_revenue", "lots", "Enter a number, like 1,250 or 12.5."),
        ("annual_revenue", "-5", "Must be at least 0."),
        ("gross_margin_pct", "120", "Must be at most 100."),
        ("working_weeks", "46.5", "Enter a whole number."),
        ("service_hours-0-hours_per_week", "-1", "Must be at least 0."),
    ],
)
def test_bad_financial_input_is_explained_next_to_the_field(ann, plan_id, field, value, message):
    response = ann.save_step(plan_id, "financial", {**FINANCIALS, field: value})
    assert response.status_code == 422
    assert re.search(rf'id="{field}-error"[^>]*>{re.escape(message)}<', page_text(response))


def test_a_bad_financial_value_keeps_the_stored_one(app, ann, plan_id):
    ann.save_step(plan_id, "financial", FINANCIALS)
    ann.save_step(plan_id, "financial", {**FINANCIALS, "service_hours-1-hourly_cost": "cheap"})
    rows = plan_data(app, plan_id)["financial"]["service_hours"]
    assert rows[1]["hourly_cost"] == 55


def test_service_hour_rows_are_added_and_removed(app, ann, plan_id):
    added = ann.save_step(plan_id, "financial", {**FINANCIALS, "row_action": "add"})
    assert 'name="service_hours-2-department"' in page_text(added)
    ann.save_step(plan_id, "financial", {**FINANCIALS, "row_action": "remove:0"})
    rows = plan_data(app, plan_id)["financial"]["service_hours"]
    assert [r["department"] for r in rows] == ["customer_service"]


def test_free_text_departments_are_kept(app, ann, plan_id):
    ann.save_step(plan_id, "financial", {"service_hours-0-department": "Warehouse crew"})
    rows = plan_data(app, plan_id)["financial"]["service_hours"]
    assert rows[0]["department"] == "Warehouse crew"


# ---- interpersonal and value ------------------------------------------------------------------


def test_strain_is_scored_live(app, ann, plan_id):
    response = ann.save_step(
        plan_id, "interpersonal", {"disrespect": "5", "scope_creep": "4", "dread": "4"}
    )
    assert response.status_code == 200
    # mean 4.333 → (4.333 − 1) / 4 × 100 = 83
    assert re.search(r'class="score__value">83<', page_text(response))
    assert plan_data(app, plan_id)["interpersonal"]["disrespect"] == 5


def test_a_scale_can_be_reset_to_not_sure(app, ann, plan_id):
    ann.save_step(plan_id, "interpersonal", {"disrespect": "5"})
    ann.save_step(plan_id, "interpersonal", {"disrespect": ""})
    assert plan_data(app, plan_id)["interpersonal"]["disrespect"] is None


def test_a_scale_refuses_values_outside_one_to_five(app, ann, plan_id):
    response = ann.save_step(plan_id, "interpersonal", {"disrespect": "9"})
    assert response.status_code == 422
    assert plan_data(app, plan_id)["interpersonal"].get("disrespect") is None


def test_value_is_scored_live_with_reputation_risk(ann, plan_id):
    answers = dict.fromkeys(
        ["reference", "innovation", "knowledge", "energy", "network", "prestige", "potential"], "4"
    )
    response = ann.save_step(plan_id, "value", {**answers, "reputation_risk": "3"})
    # mean 4 → 75, minus (3 − 1) × 5 = 65
    assert re.search(r'class="score__value">65<', page_text(response))


def test_the_scale_pages_explain_why_each_item_matters(ann, plan_id):
    page = visible_text(page_text(ann.client.get(f"/plans/{plan_id}/steps/interpersonal")))
    assert page.count("Not sure") == 6


# ---- pitfalls -----------------------------------------------------------------------------------


def test_pitfalls_are_ticked_and_readiness_follows(app, ann, plan_id):
    response = ann.save_step(
        plan_id, "pitfalls", {"all_resources_counted": "y", "own_part_examined": "y"}
    )
    assert response.status_code == 200
    data = plan_data(app, plan_id)["pitfalls"]
    assert data["all_resources_counted"] is True
    assert data["independent_voice"] is False
    assert "open-list" in page_text(response)
    every = dict.fromkeys(
        [
            "all_resources_counted",
            "own_part_examined",
            "external_checked",
            "not_decided_early",
            "independent_voice",
            "alternatives_considered",
        ],
        "y",
    )
    response = ann.save_step(plan_id, "pitfalls", every)
    assert "open-list" not in page_text(response)


# ---- alternatives -------------------------------------------------------------------------------


def test_alternatives_are_listed_with_kind_status_and_note(app, ann, plan_id):
    response = ann.save_step(
        plan_id,
        "alternatives",
        {
            "alternatives-0-kind": "raise_rates",
            "alternatives-0-status": "tried",
            "alternatives-0-note": "Asked 8 % more in 2025; refused.",
        },
    )
    assert response.status_code == 200
    assert plan_data(app, plan_id)["alternatives"] == [
        {"kind": "raise_rates", "status": "tried", "note": "Asked 8 % more in 2025; refused."}
    ]


def test_the_break_even_figures_stand_side_by_side_with_an_exit(ann, plan_id):
    ann.save_step(
        plan_id,
        "financial",
        {
            "annual_revenue": "100000",
            "gross_margin_pct": "25",
            "service_hours-0-hours_per_week": "10",
            "service_hours-0-hourly_cost": "60",
        },
    )
    page = page_text(ann.client.get(f"/plans/{plan_id}/steps/alternatives"))
    # contribution 25,000 − 27,600 = −2,600. Price: 2,600 / 100,000 = 2.6 % to break even,
    # (10,000 + 2,600) / 90,000 = 14.0 % to the 10 % target. Hours: 2,600 / 27,600 = 9.4 %,
    # 12,600 / 27,600 = 45.7 %. An exit: a loss of €2,600 a year ends and 460 hours come free.
    options = re.findall(r'class="option__figure[^"]*">([^<]+)<', page)
    assert options == ["2.6%", "14.0%", "9.4%", "45.7%", "€2,600", "460"]
    assert "loss a year that ends" in page
    assert "hours a year that come free" in page


def test_the_alternatives_step_says_what_is_missing_without_figures(ann, plan_id):
    page = page_text(ann.client.get(f"/plans/{plan_id}/steps/alternatives"))
    assert "Financial check →" in page


# ---- recommendation & decision ----------------------------------------------------------------


def test_the_recommendation_explains_the_rule_and_the_figures(ann, plan_id):
    ann.save_step(
        plan_id,
        "financial",
        {
            "annual_revenue": "100000",
            "gross_margin_pct": "25",
            "service_hours-0-hours_per_week": "10",
            "service_hours-0-hourly_cost": "60",
        },
    )
    ann.save_step(plan_id, "value", dict.fromkeys(["reference", "network"], "2"))
    page = page_text(ann.client.get(f"/plans/{plan_id}/steps/decision"))
    assert "costs you €2,600 a year more than it brings in" in page  # the loss, in plain words
    assert "Rule" not in page


def test_a_decision_against_the_advice_needs_a_reason(app, ann):
    from tests.conftest import example_plan

    plan = example_plan("en-northwind-retail")  # complete figures: the advice is an exit
    plan.pop("decision", None)
    plan_id = ann.import_plan(plan)
    response = ann.save_step(plan_id, "decision", {"choice": "keep_invest"})
    assert response.status_code == 422
    assert 'id="rationale-error"' in page_text(response)
    assert (plan_data(app, plan_id).get("decision") or {}).get("choice") is None
    response = ann.save_step(
        plan_id, "decision", {"choice": "keep_invest", "rationale": "Strategic account."}
    )
    assert response.status_code == 200
    assert plan_data(app, plan_id)["decision"] == {
        "choice": "keep_invest",
        "rationale": "Strategic account.",
    }


def test_following_the_advice_needs_no_reason(app, ann, plan_id):
    # an empty plan gives no advice yet: nothing to differ from, so no reason is needed
    response = ann.save_step(plan_id, "decision", {"choice": "keep"})
    assert response.status_code == 200
    assert plan_data(app, plan_id)["decision"]["choice"] == "keep"


def test_the_stepper_marks_finished_steps(ann, plan_id):
    ann.save_step(plan_id, "financial", FINANCIALS)
    page = page_text(ann.client.get(f"/plans/{plan_id}/steps/value"))
    assert re.search(r'step--done">\s*<a href="/plans/\d+/steps/financial"', page)
    assert re.search(r'step--todo">\s*<a href="/plans/\d+/steps/pitfalls"', page)


def test_an_autosave_updates_the_navigator_only_when_a_step_changes_state(ann, plan_id):
    first = page_text(ann.save_step(plan_id, "financial", FINANCIALS))
    assert 'id="stepper"' in first  # the financial check just became done
    assert "(done)" in first
    again = page_text(ann.save_step(plan_id, "financial", {**FINANCIALS, "working_weeks": "45"}))
    assert 'id="stepper"' not in again  # still done: nothing to redraw while typing
    assert 'id="save-status"' in again


def test_the_plan_reopens_on_the_step_last_worked_on(ann, plan_id):
    ann.save_step(plan_id, "pitfalls", {"all_resources_counted": "y"})
    page = page_text(ann.client.get(f"/plans/{plan_id}"))
    assert re.search(r'<h2 id="step-heading">Pitfalls</h2>', page)


def test_no_reason_is_asked_while_there_is_no_advice_to_differ_from(app, ann, plan_id):
    response = ann.save_step(plan_id, "decision", {"choice": "exit"})
    assert response.status_code == 200
    assert "differs from the advice" not in page_text(response)
    assert plan_data(app, plan_id)["decision"]["choice"] == "exit"
