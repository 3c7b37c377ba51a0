"""Findings of a visual review in both languages: what a user saw running off or overlapping."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_decide_journey import PASSWORD, _log_in
from tests.conftest import Actions, example_plan

pytestmark = pytest.mark.browser


def _account_with_examples(page, live_server, app, email, locale="nl"):
    owner = Actions(app.test_client())
    owner.register(email, PASSWORD)
    for example in ("en-northwind-retail", "nl-van-dijk-installatietechniek"):
        owner.import_plan(example_plan(example))
    _log_in(page, live_server, email)
    page.locator(f".lang-switch button[value={locale}]").click()
    page.wait_for_load_state()


def _right_edges(page, selector):
    return page.evaluate(
        """(selector) => {
            const el = document.querySelector(selector);
            const box = (node) => node.getBoundingClientRect().right;
            return [box(el), box(el.parentElement)];
        }""",
        selector,
    )


def test_the_dutch_plans_table_stays_inside_its_card(page, live_server, app):
    _account_with_examples(page, live_server, app, "table@example.com")
    page.goto(f"{live_server}/plans")
    if page.viewport_size["width"] < 600:  # on a phone the table is a stack of cards
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= page.viewport_size["width"], f"the page is {wide} px wide on a phone"
        return
    for width in (1024, 1100, 1280, 1440):
        page.set_viewport_size({"width": width, "height": 900})
        table, card = _right_edges(page, ".plan-table--overview")
        assert table <= card + 0.5, f"at {width} px the table ends {table - card:.0f} px past it"


def test_the_value_answers_stay_on_a_phone_screen_in_the_preview(page, live_server, app):
    _account_with_examples(page, live_server, app, "profile@example.com", locale="en")
    owner_plans = page.locator(".plan-table__client", has_text="Northwind")
    owner_plans.click()
    plan_url = page.url.split("/steps/")[0]
    page.goto(f"{plan_url}/preview/plan")
    width = page.viewport_size["width"]
    answers = page.locator(".profile-pair td.answer")
    assert answers.count() > 0
    for index in range(answers.count()):
        box = answers.nth(index).bounding_box()
        assert box["x"] + box["width"] <= width, answers.nth(index).inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_language_radios_on_the_account_page_line_up_with_their_labels(page, live_server, app):
    _account_with_examples(page, live_server, app, "radios@example.com")
    page.goto(f"{live_server}/account")
    for label, radio, text in page.evaluate(
        """() => [...document.querySelectorAll('label.choice')].map(label => {
            const radio = label.querySelector('input').getBoundingClientRect();
            const range = document.createRange();
            range.selectNodeContents(label);
            range.setStartAfter(label.querySelector('input'));
            const text = range.getBoundingClientRect();
            return [label.textContent.trim(), [radio.right, radio.top + radio.height / 2],
                    [text.left, text.top + text.height / 2]];
        })"""
    ):
        assert text[0] - radio[0] >= 8, f"{label}: no room between the radio and its text"
        assert abs(text[1] - radio[1]) <= 3, f"{label}: the radio is off the line of its text"


def test_a_conflicting_amount_is_never_broken_in_two(page, live_server, app):
    """Beside the results panel "95.500" broke as "95.5 / 00" under the long Dutch label."""
    owner = Actions(app.test_client())
    owner.register("conflict@example.com", PASSWORD)
    plan_id = owner.import_plan(example_plan("nl-van-dijk-installatietechniek"))
    _log_in(page, live_server, "conflict@example.com")
    page.locator(".lang-switch button[value=nl]").click()
    url = f"{live_server}/plans/{plan_id}/steps/financial"
    page.goto(url)
    other = page.context.new_page()
    other.goto(url)
    other.locator("[name=annual_revenue]").fill("91.000")
    expect(other.locator("#save-status")).to_contain_text("Opgeslagen om")
    page.locator("[name=annual_revenue]").fill("95.500")
    expect(page.locator("#save-status")).to_contain_text("Niet opgeslagen")
    values = page.locator("#save-conflicts dd")
    expect(values).to_have_count(2)
    lines = page.evaluate(
        """() => [...document.querySelectorAll('#save-conflicts dd')].map(dd => {
            const range = document.createRange();
            range.selectNodeContents(dd);
            const width = dd.getBoundingClientRect().width;
            return [dd.textContent, width, range.getClientRects().length];
        })"""
    )
    for text, width, count in lines:
        assert width > 0 and count == 1, f"{text!r} takes {count} lines"


def test_a_participants_case_buttons_match_and_the_role_play_button_has_room(
    page, live_server, app
):
    from tests.workshop_helpers import WorkshopActions

    coach = WorkshopActions(app.test_client())
    coach.register("coach@example.com", PASSWORD)
    workshop_id = coach.new_workshop(cases=("exit", "reprice"))
    code = coach.code_of(workshop_id)
    ann = WorkshopActions(app.test_client())
    ann.register("ann@example.com", PASSWORD)
    ann.join(code)
    ann.own_case(workshop_id, "exit")
    _log_in(page, live_server, "ann@example.com")
    page.goto(f"{live_server}/workshops/{workshop_id}")
    opened = page.locator(".example-case > a.btn").bounding_box()
    start = page.locator(".example-case form .btn").bounding_box()
    if page.viewport_size["width"] > 600:
        assert abs(opened["y"] - start["y"]) <= 1, "the buttons of the cases stand at one height"
        card = page.locator(".example-case").first.bounding_box()
        assert opened["width"] < card["width"] * 0.75, "Open my plan is stretched across"
    role_play = page.locator(".roleplay-link").bounding_box()
    heading = page.locator("#plans-heading").bounding_box()
    assert heading["y"] - (role_play["y"] + role_play["height"]) >= 16


def test_the_note_under_the_segments_has_room_above_it(page, live_server, app):
    owner = Actions(app.test_client())
    owner.register("segments@example.com", PASSWORD)
    response = owner.post(
        "/portfolio/clients",
        {
            "new-client": "Northwind Retail",
            "new-annual_revenue": "412000",
            "new-gross_margin_pct": "30",
        },
    )
    assert response.status_code in (200, 302), response.status_code
    _log_in(page, live_server, "segments@example.com")
    page.goto(f"{live_server}/portfolio")
    grid = page.locator(".portfolio-segments__grid").bounding_box()
    note = page.locator(".portfolio-segments__example").bounding_box()
    assert note["y"] - (grid["y"] + grid["height"]) >= 12


def test_the_cases_to_offer_line_up_with_their_checkboxes(page, live_server, app):
    _account_with_examples(page, live_server, app, "offer@example.com", locale="en")
    page.goto(f"{live_server}/workshops")
    rows = page.evaluate(
        """() => [...document.querySelectorAll('.checkbox-list li')].map(li => {
            const box = li.querySelector('input').getBoundingClientRect();
            const label = li.querySelector('label');
            const range = document.createRange();
            range.selectNodeContents(label);
            const first = range.getClientRects()[0];
            return [label.textContent, box.top + box.height / 2, first.top + first.height / 2];
        })"""
    )
    assert rows
    for label, box, line in rows:
        assert abs(box - line) <= 3, f"{label}: the checkbox is off its first line"


def test_the_join_button_has_room_above_my_workshops(page, live_server, app):
    _account_with_examples(page, live_server, app, "join@example.com", locale="en")
    page.goto(f"{live_server}/workshops")
    button = page.locator(".workshops-join").bounding_box()
    heading = page.locator("#my-workshops-heading").bounding_box()
    gap = heading["y"] - (button["y"] + button["height"])
    assert gap >= 24, gap


def test_the_projectors_key_figures_stand_on_one_line(page, live_server, app):
    from tests.workshop_helpers import WorkshopActions

    coach = WorkshopActions(app.test_client())
    coach.register("projector@example.com", PASSWORD)
    workshop_id = coach.new_workshop()
    ann = WorkshopActions(app.test_client())
    ann.register("ann@example.com", PASSWORD)
    ann.join(coach.code_of(workshop_id))
    plan_id = ann.own_case(workshop_id, "exit")
    ann.share(workshop_id, plan_id)
    coach.post(f"/workshops/{workshop_id}/projector/plan", {"plan": str(plan_id)})
    _log_in(page, live_server, "projector@example.com")
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{live_server}/workshops/{workshop_id}/projector")
    figures = page.locator(".projector-plan__figures li")
    expect(figures).to_have_count(4)
    tops = {round(figures.nth(i).bounding_box()["y"]) for i in range(4)}
    assert len(tops) == 1, tops


ROW_TOPS = """(selector) => [...document.querySelectorAll(selector + ' > li')].map(
    li => Math.round(li.getBoundingClientRect().top))"""


def test_the_yearly_balance_counts_and_the_quadrant_legend_stand_on_one_line(
    page, live_server, app
):
    owner = Actions(app.test_client())
    owner.register("balance@example.com", PASSWORD)
    for name, revenue in (("Northwind Retail", "412000"), ("Bakkerij", "84000")):
        owner.post(
            "/portfolio/clients",
            {
                "new-client": name,
                "new-annual_revenue": revenue,
                "new-gross_margin_pct": "30",
                "new-strain": "3",
                "new-value": "3",
            },
        )
    for year in ("2025", "2026"):
        owner.post("/portfolio/snapshots", {"year": year})
    _log_in(page, live_server, "balance@example.com")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server}/portfolio/balance?before=2025&now=2026")
    _one_row_at_a_time(page.evaluate(ROW_TOPS, ".balance-counts"))
    page.goto(f"{live_server}/portfolio")
    _one_row_at_a_time(page.evaluate(ROW_TOPS, ".portfolio-legend"))


def _one_row_at_a_time(tops):
    """Items of a wrapping row: on the first one's line, or on a line of their own below."""
    assert len(tops) > 1, tops
    assert all(top == tops[0] or top - tops[0] > 15 for top in tops), tops
