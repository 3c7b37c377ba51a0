"""An account manager walks the seven decision steps for a realistic client, in both languages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import Actions

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"


def _log_in(page, live_server, email):
    page.goto(live_server + "/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/plans$"))


def _wait_saved(page):
    """Let the typing pause run out (autosave waits 600 ms), then wait for the last save."""
    page.wait_for_timeout(700)
    expect(page.locator("#step-form.htmx-request")).to_have_count(0)
    expect(page.locator("#save-status")).to_have_class(re.compile(r"save-status--saved"))


def _fill(page, name, value):
    """Type into a field and leave it, as a person does; autosave follows."""
    field = page.locator(f"[name='{name}']")
    field.fill(value)
    field.blur()


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_seven_decision_steps_end_in_an_explained_recommendation(
    app, page, live_server, shots, lang
):
    email = f"am-{lang}@example.com"
    Actions(app.test_client()).register(email, PASSWORD)
    _log_in(page, live_server, email)
    if lang == "nl":
        page.get_by_role("button", name=re.compile("^NL")).click()
        expect(page.locator("html")).to_have_attribute("lang", "nl")
    page.locator("input[name=client_name]").fill("Van Dijk Installatietechniek")
    page.locator("form.new-plan-form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Van Dijk Installatietechniek")

    # 1. client & contacts
    _fill(page, "sector", "Installatietechniek")
    _fill(page, "client_since", "2016")
    _fill(page, "contacts-0-name", "Marleen de Vries")
    _fill(page, "contacts-0-role", "Inkoper")
    page.locator("button[name=row_action][value=add]").click()
    expect(page.locator("[name='contacts-1-name']")).to_be_focused()
    _fill(page, "contacts-1-name", "Joost Bakker")
    _fill(page, "contacts-1-role", "Directeur")
    _fill(page, "owner_name", "Ann Jansen")
    _fill(page, "owner_company", "Jansen Onderhoud")
    _fill(page, "conversation_date", "2026-12-14")
    page.locator("select[name=language]").select_option(lang)
    _wait_saved(page)
    shots.take(f"{lang}-step-1-client")
    page.locator("button[name=go][value=next]").click()

    # 2. financial check: a bad value is explained, then corrected; figures update live
    expect(page.locator("#results")).to_be_visible()
    _fill(page, "annual_revenue", "84000")
    _fill(page, "gross_margin_pct", "lots")
    expect(page.locator("#gross_margin_pct-error")).not_to_be_empty()
    _fill(page, "gross_margin_pct", "28" if lang == "en" else "28,0")
    expect(page.locator("#gross_margin_pct-error")).to_be_empty()
    _fill(page, "other_annual_costs", "1500")
    _fill(page, "payment_days_late", "40")
    _fill(page, "service_hours-0-department", "Account management")
    _fill(page, "service_hours-0-hours_per_week", "5")
    _fill(page, "service_hours-0-hourly_cost", "70")
    page.locator("button[name=row_action][value=add]").click()
    _fill(page, "service_hours-1-department", "Customer service")
    _fill(page, "service_hours-1-hours_per_week", "4")
    _fill(page, "service_hours-1-hourly_cost", "55")
    _wait_saved(page)
    # 23,520 − (5×70 + 4×55) × 46 − 1,500 − 84,000×40/365×8% = −4,936.44: a loss, shown as one
    money = "€4,936.44" if lang == "en" else "€ 4.936,44"
    expect(page.locator("#results")).to_contain_text(money.replace(" ", "\u00a0"))
    expect(page.locator("#results")).to_contain_text("Loss" if lang == "en" else "Verlies")
    shots.take(f"{lang}-step-2-financial")
    page.locator("button[name=go][value=next]").click()

    # 3. interpersonal check
    for key, value in {
        "disrespect": 4,
        "scope_creep": 5,
        "basics_effort": 4,
        "escalations": 4,
        "dread": 3,
        "attrition": 2,
    }.items():
        page.locator(f"label.scale__option:has(input[name={key}][value='{value}'])").click()
    _wait_saved(page)
    expect(page.locator(".score__value")).to_have_text("67")
    shots.take(f"{lang}-step-3-interpersonal")
    page.locator("button[name=go][value=next]").click()

    # 4. value & strategy
    for key, value in {
        "reference": 2,
        "innovation": 1,
        "knowledge": 2,
        "energy": 1,
        "network": 2,
        "prestige": 2,
        "potential": 2,
        "reputation_risk": 2,
    }.items():
        page.locator(f"label.scale__option:has(input[name={key}][value='{value}'])").click()
    _wait_saved(page)
    expect(page.locator(".score__value")).to_have_text("13")
    shots.take(f"{lang}-step-4-value")
    page.locator("button[name=go][value=next]").click()

    # 5. pitfalls: five of six ticked
    boxes = page.locator("ul.checklist input[type=checkbox]")
    for i in range(5):
        boxes.nth(i).check()
    _wait_saved(page)
    expect(page.locator("#results .open-list li")).to_have_count(1)
    shots.take(f"{lang}-step-5-pitfalls")
    page.locator("button[name=go][value=next]").click()

    # 6. alternatives: break-even figures beside an exit
    expect(page.locator(".break-even .option")).to_have_count(3)
    page.locator("select[name='alternatives-0-kind']").select_option("raise_rates")
    page.locator("select[name='alternatives-0-status']").select_option("tried")
    _fill(page, "alternatives-0-note", "8 % more asked in 2025, refused.")
    _wait_saved(page)
    shots.take(f"{lang}-step-6-alternatives")
    page.locator("button[name=go][value=next]").click()

    # 7. recommendation & decision: rule 1 (loss, low value) → exit; one pitfall still open
    expect(page.locator(".recommendation")).to_contain_text("1")
    expect(page.locator(".recommendation .open-list li")).to_have_count(1)
    page.locator("input[name=choice][value=exit]").check()
    _wait_saved(page)
    shots.take(f"{lang}-step-7-decision")

    # going against the advice asks for a reason
    page.locator("input[name=choice][value=keep]").check()
    expect(page.locator("#rationale-error")).not_to_be_empty()
    _fill(page, "rationale", "A reason of our own.")
    _wait_saved(page)
    expect(page.locator("#rationale-error")).to_be_empty()
    page.locator("input[name=choice][value=exit]").check()
    _wait_saved(page)

    # 8. your style and theirs
    page.locator("button[name=go][value=next]").click()
    for key, value in {
        "think_first": 4,
        "steady_pace": 5,
        "relationships_matter": 5,
        "avoid_conflict": 4,
        "speak_up": 2,
    }.items():
        page.locator(f"label.scale__option:has(input[name=self_{key}][value='{value}'])").click()
    page.locator("input[name='contacts-0-pace'][value=outgoing]").check()
    page.locator("input[name='contacts-0-focus'][value=task]").check()
    _wait_saved(page)
    expect(page.locator(".style-card--S").first).to_be_visible()
    expect(page.locator(".style-card--D")).to_contain_text("Marleen de Vries")
    shots.take(f"{lang}-step-8-styles")

    # 9. preconditions and the client's perspective
    page.locator("button[name=go][value=next]").click()
    checks = page.locator("ul.checklist input[type=checkbox]")
    for i in range(4):
        checks.nth(i).check()
    _wait_saved(page)
    expect(page.locator("#results .score__value")).to_have_text("4")
    shots.take(f"{lang}-step-9-preconditions")

    # 10. transition and staying in contact (before the script: it quotes these dates)
    page.locator("button[name=go][value=next]").click()
    _fill(page, "notice_weeks", "8")
    _fill(page, "handover", "Open orders and the service history")
    _wait_saved(page)
    page.reload()
    expect(page.locator("[name='follow_ups-0-date']")).to_have_value("2027-05-08")
    shots.take(f"{lang}-step-10-transition")

    # 11. the conversation in seven steps: take a suggestion with one click and edit it
    page.locator("button[name=go][value=next]").click()
    expect(page.locator(".script-step")).to_have_count(7)
    end = "8 February 2027" if lang == "en" else "8 februari 2027"
    expect(page.locator("#suggestion-transition")).to_contain_text(end)
    page.locator("button[data-suggestion='suggestion-individual']").click()
    # with first names (the default) the opening calls the contact by first name
    expect(page.locator("#individual")).to_have_value(re.compile("^Marleen, "))
    page.locator("#individual").press("End")
    page.locator("#individual").type(" Thanks for making time.")
    _fill(page, "logic", "Two reasons, briefly.")
    _wait_saved(page)
    shots.take(f"{lang}-step-11-script")

    # 12. lessons
    page.locator("button[name=go][value=next]").click()
    _fill(page, "lessons", "Agree the scope in writing from day one.")
    _wait_saved(page)
    shots.take(f"{lang}-step-12-lessons")

    # nothing is lost by navigating away and back
    page.goto(live_server + "/plans")
    page.get_by_role("link", name="Van Dijk Installatietechniek", exact=True).click()
    expect(page.locator("nav.stepper [aria-current=step]")).to_contain_text(
        "Lessons" if lang == "en" else "Lessen"
    )
    page.locator("nav.stepper a").nth(6).click()
    expect(page.locator("input[name=choice][value=exit]")).to_be_checked()
    page.locator("nav.stepper a").nth(1).click()
    # numbers come back written as the user types them, in the interface language
    expect(page.locator("[name=annual_revenue]")).to_have_value(
        "84,000" if lang == "en" else "84.000"
    )
    assert page.console_errors == []
