"""From a portfolio row to a plan and back: the plan starts with the row's figures, links back
to the client, and once it has its own figures and decision the portfolio shows those."""

from __future__ import annotations

import pytest
from flask import render_template

from app.domain.analysis import Thresholds, analyze
from app.domain.planfile import validate_plan
from app.domain.portfolio import ClientRow
from app.domain.portfolio_plans import plan_document, plan_status, row_with_plan
from app.plans.store import plans_of
from app.portfolio import common
from tests.conftest import Actions
from tests.helpers import page_text, plan_data, visible_text
from tests.portfolio_docs_helpers import D, client_record, edit_plan, row, seed, user_named

ROWS = [
    row(
        "Bakkerij Ölie & Zn",
        250_000,
        margin=32.5,
        hours=12,
        cost=55,
        other=4_000,
        late=21,
        strain=4,
        value=2,
        potential=4,
    ),
    row("Northwind Retail", 120_000, margin=28, hours=20, cost=60, late=45, strain=5, value=1),
    row("Van Dijk Installatie", 80_000, margin=45, hours=3, cost=50, potential=5),
]


@pytest.fixture
def ids(app, ann):
    return seed(app, ROWS)


def start(user, client_id: int, kind: str):
    response = user.post(f"/portfolio/clients/{client_id}/plan", {"kind": kind})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    location = response.headers["Location"]
    assert location.startswith("/plans/")
    return int(location.rsplit("/", 1)[1])


def portfolio_contribution(app, name: str) -> float:
    with app.test_request_context():
        analysis = common.analysis_for(user_named())
    return float(next(c for c in analysis.clients if c.client == name).contribution)


def test_an_exit_plan_from_a_row_carries_its_figures(app, ann, ids):
    plan_id = start(ann, ids["Bakkerij Ölie & Zn"], "exit")
    data = plan_data(app, plan_id)
    assert data["client"] == {"name": "Bakkerij Ölie & Zn"}
    assert data["language"] == "en"
    assert data["financial"] == {
        "annual_revenue": 250000,
        "gross_margin_pct": 32.5,
        "other_annual_costs": 4000,
        "payment_days_late": 21,
        "service_hours": [
            {"department": "delivery_operations", "hours_per_week": 12, "hourly_cost": 55}
        ],
    }
    # the one answer that means the same in both: the potential; strain and value are one
    # overall guess each where the plan asks item by item, so they are left to the user
    assert data["value"] == {"potential": 4}
    assert "interpersonal" not in data
    assert "alternatives" not in data
    # the plan's contribution is the row's contribution in the portfolio, to the cent
    analysis = analyze(data, app.extensions["exitcoach.content"].model)
    assert analysis["financial"]["contribution"] == portfolio_contribution(
        app, "Bakkerij Ölie & Zn"
    )
    # and the user finds the figures on the plan's financial step
    page = visible_text(page_text(ann.client.get(f"/plans/{plan_id}/steps/financial")))
    assert "250,000" in page and "32.5" in page


def test_a_repricing_plan_starts_with_raising_the_rates(app, ann, ids):
    plan_id = start(ann, ids["Northwind Retail"], "reprice")
    data = plan_data(app, plan_id)
    assert data["alternatives"] == [{"kind": "raise_rates", "status": "considered"}]
    assert data["next_talk"] == {"alternative": "raise_rates"}
    analysis = analyze(data, app.extensions["exitcoach.content"].model)
    assert analysis["financial"]["contribution"] == portfolio_contribution(app, "Northwind Retail")
    page = visible_text(page_text(ann.client.get(f"/plans/{plan_id}/steps/alternatives")))
    assert "Raise" in page


def test_a_dutch_user_gets_a_dutch_plan(app, ann, ids):
    ann.switch_language("nl")
    data = plan_data(app, start(ann, ids["Van Dijk Installatie"], "exit"))
    assert data["language"] == "nl"


@pytest.mark.parametrize(
    "estimate, expected_rows",
    [
        (row("Big team", 2_000_000, hours=400, cost=48), [168, 168, 64]),
        (row("No hours", 10_000, hours=0, cost=40), [0]),
    ],
)
def test_a_row_becomes_a_valid_plan_with_the_same_contribution(app, estimate, expected_rows):
    """More hours than one person's week (the plan's limit) become several service rows."""
    model = app.extensions["exitcoach.content"].model
    document = validate_plan(plan_document(estimate, "exit", "en"), model)
    hours = [r["hours_per_week"] for r in document["financial"]["service_hours"]]
    assert hours == expected_rows
    from app.domain.portfolio import PortfolioThresholds, analyze_portfolio

    portfolio = analyze_portfolio([estimate], PortfolioThresholds(), Thresholds.from_model(model))
    assert analyze(document, model)["financial"]["contribution"] == float(
        portfolio.clients[0].contribution
    )


def test_what_a_plan_cannot_hold_is_left_for_the_user(app):
    """A negative margin is possible in the CSV, not in a plan; unknown figures stay empty."""
    model = app.extensions["exitcoach.content"].model
    estimate = row("Loss leader", 50_000, margin=-5)
    document = validate_plan(plan_document(estimate, "reprice", "en"), model)
    assert "gross_margin_pct" not in document["financial"]
    bare = validate_plan(plan_document(ClientRow("Only a name"), "exit", "nl"), model)
    assert bare["financial"] == {} and "value" not in bare


def test_a_client_with_a_plan_opens_it_instead_of_starting_another(app, ann, ids):
    client_id = ids["Northwind Retail"]
    plan_id = start(ann, client_id, "exit")
    assert client_record(app, client_id).plan_id == plan_id
    again = ann.post(f"/portfolio/clients/{client_id}/plan", {"kind": "reprice"})
    assert again.headers["Location"] == f"/plans/{plan_id}"
    with app.app_context():
        assert [p.client_name for p in plans_of(user_named())] == ["Northwind Retail"]
    # the button the tables include says so
    with app.test_request_context():
        from flask import g

        g.user = user_named()
        html = render_template(
            "partials/portfolio/_plan_actions.html", client=client_record(app, client_id)
        )
        fresh = render_template(
            "partials/portfolio/_plan_actions.html",
            client=client_record(app, ids["Van Dijk Installatie"]),
        )
    assert "Open its plan" in html and f"/plans/{plan_id}" in html
    assert "Start an exit plan" not in html
    assert "Start an exit plan" in fresh and "Start a repricing plan" in fresh


def test_the_plan_links_back_to_its_portfolio_client(app, ann, ids):
    plan_id = start(ann, ids["Bakkerij Ölie & Zn"], "exit")
    html = page_text(ann.client.get(f"/plans/{plan_id}"))
    assert "From your portfolio:" in visible_text(html)
    assert 'href="/portfolio/clients?q=Bakkerij+%C3%96lie+%26+Zn"' in html
    # every step of the wizard carries it in its header
    step = page_text(ann.client.get(f"/plans/{plan_id}/steps/financial"))
    assert "From your portfolio:" in step
    # a plan made on the dashboard has no such line
    other = ann.create_plan("Acme Logistics")
    assert "From your portfolio" not in page_text(ann.client.get(f"/plans/{other}"))


def test_the_plans_own_figures_replace_the_estimates(app, ann, ids):
    name = "Bakkerij Ölie & Zn"
    estimate = portfolio_contribution(app, name)
    plan_id = start(ann, ids[name], "exit")
    # the plan's financial check with more detail: two departments, its own working weeks
    # and cost of capital
    financial = {
        "annual_revenue": 240000,
        "gross_margin_pct": 30,
        "other_annual_costs": 6000,
        "payment_days_late": 35,
        "cost_of_capital_pct": 10,
        "working_weeks": 44,
        "service_hours": [
            {"department": "delivery_operations", "hours_per_week": 10, "hourly_cost": 55},
            {"department": "account_management", "hours_per_week": 4, "hourly_cost": 80},
        ],
    }
    edit_plan(app, plan_id, financial=financial)
    model = app.extensions["exitcoach.content"].model
    own = analyze(plan_data(app, plan_id), model)["financial"]["contribution"]
    assert own != estimate
    assert portfolio_contribution(app, name) == own
    with app.test_request_context():
        analysis = common.analysis_for(user_named())
    client = next(c for c in analysis.clients if c.client == name)
    assert client.row.annual_revenue == D(240000)
    assert client.row.hours_per_week == D(14)
    assert client.segment == "tiring"  # 35 days late now, from the plan


def test_a_half_filled_plan_leaves_the_estimates(app, ann, ids):
    name = "Northwind Retail"
    estimate = portfolio_contribution(app, name)
    plan_id = start(ann, ids[name], "exit")
    edit_plan(app, plan_id, financial={"annual_revenue": 1_000_000})  # no margin, no hours
    assert portfolio_contribution(app, name) == estimate
    with app.test_request_context():
        status = common.plan_statuses(user_named())[ids[name]]
    assert status.uses_plan_figures is False


def test_a_decision_in_the_plan_shows_in_the_portfolio(app, ann, ids):
    client_id = ids["Northwind Retail"]
    plan_id = start(ann, client_id, "exit")
    with app.test_request_context():
        started = common.plan_statuses(user_named())[client_id]
        html = render_template("partials/portfolio/_plan_status.html", status=started)
    # a loss, but no advice before the value check is answered
    assert started.decision is None and started.advice is None
    assert "Plan started" in visible_text(html)
    edit_plan(app, plan_id, value={"reference": 1, "energy": 1}, interpersonal={"dread": 4})
    with app.test_request_context():
        advised = common.plan_statuses(user_named())[client_id]
        html = render_template("partials/portfolio/_plan_status.html", status=advised)
    assert advised.advice == "exit" and advised.shown == "exit"
    assert "Plan advice: End the relationship" in visible_text(html)
    edit_plan(app, plan_id, decision={"choice": "reprice", "rationale": "Try new rates first."})
    with app.test_request_context():
        status = common.plan_statuses(user_named())[client_id]
        html = render_template("partials/portfolio/_plan_status.html", status=status)
    assert status.decision == "reprice" and status.shown == "reprice"
    assert status.uses_plan_figures is True
    text = visible_text(html)
    assert "Decision: Renegotiate rates and terms first" in text
    assert f'href="/plans/{plan_id}"' in html
    assert "plan figures" in text


def test_deleting_the_plan_unlinks_the_client(app, ann, ids):
    client_id = ids["Van Dijk Installatie"]
    plan_id = start(ann, client_id, "exit")
    response = ann.post(f"/plans/{plan_id}/delete")
    assert response.status_code == 302
    assert client_record(app, client_id).plan_id is None
    with app.test_request_context():
        assert client_id not in common.plan_statuses(user_named())
    # and a new plan can be started from the row again
    again = start(ann, client_id, "reprice")
    assert client_record(app, client_id).plan_id == again
    assert plan_data(app, again)["alternatives"][0]["kind"] == "raise_rates"


def test_an_unknown_kind_of_plan_is_refused(app, ann, ids):
    response = ann.post(f"/portfolio/clients/{ids['Northwind Retail']}/plan", {"kind": "merge"})
    assert response.status_code == 422
    assert "Choose an exit plan or a repricing plan." in visible_text(page_text(response))
    assert client_record(app, ids["Northwind Retail"]).plan_id is None


def test_another_users_client_cannot_start_a_plan(app, client, ids):
    ann = Actions(client)
    plan_id = start(ann, ids["Northwind Retail"], "exit")
    ann.logout()
    bob = Actions(client)
    bob.register("bob@example.com")
    response = bob.post(f"/portfolio/clients/{ids['Van Dijk Installatie']}/plan", {"kind": "exit"})
    assert response.status_code == 404
    assert bob.client.get(f"/plans/{plan_id}").status_code == 404
    assert client_record(app, ids["Van Dijk Installatie"]).plan_id is None


def test_row_with_plan_keeps_the_estimates_of_strain_value_and_potential(app):
    model = Thresholds.from_model(app.extensions["exitcoach.content"].model)
    estimate = row("X", 100_000, strain=2, value=5, potential=3)
    plan = {
        "financial": {
            "annual_revenue": 90000,
            "gross_margin_pct": 20,
            "service_hours": [{"hours_per_week": 2, "hourly_cost": 40}],
        },
        "interpersonal": {"dread": 5},
    }
    replaced = row_with_plan(estimate, plan, model)
    assert (replaced.strain, replaced.value, replaced.potential) == (2, 5, 3)
    assert replaced.annual_revenue == D(90000) and replaced.payment_days_late is None
    assert replaced.financial() == plan["financial"]
    assert plan_status(7, plan, model).plan_id == 7
