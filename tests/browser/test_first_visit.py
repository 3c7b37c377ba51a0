"""A new user registers, creates a plan, renames and deletes one, switches language, logs out."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_new_user_finds_their_way_in_both_languages(page, live_server, shots):
    page.goto(live_server + "/login")  # the front page has its own test (test_front_page.py)
    shots.take("en-login")

    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("E-mail address").fill("ann@example.com")
    page.get_by_label("Password").fill("short")
    page.get_by_role("button", name="Create account").click()
    expect(page.locator("#password-error")).to_contain_text("Use at least 10 characters")
    shots.take("en-register-error")

    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="My plans")).to_be_visible()
    shots.take("en-dashboard-empty")

    page.get_by_label("Client name").fill("Acme Logistics")
    page.get_by_role("button", name="Create plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Acme Logistics")
    expect(page.locator("nav.stepper [aria-current=step]")).to_contain_text("Client & contacts")
    shots.take("en-plan")

    page.get_by_role("link", name="All plans").click()
    page.get_by_label("Client name").fill("Bakker & Zonen")
    page.get_by_role("button", name="Create plan").click()
    page.get_by_role("link", name="All plans").click()
    shots.take("en-dashboard")

    # inline rename with htmx: the row turns into a form, no page load
    row = page.locator("tr", has_text="Acme Logistics")
    row.get_by_role("link", name=re.compile("^Rename")).click()
    name_field = page.locator("tr.plan-table__editing input[name=client_name]")
    expect(name_field).to_be_focused()
    shots.take("en-dashboard-rename")
    name_field.fill("")
    page.get_by_role("button", name="Save name").click()
    expect(page.locator("tr.plan-table__editing .error")).to_contain_text("Enter the name")
    name_field = page.locator("tr.plan-table__editing input[name=client_name]")
    name_field.fill("Acme Holding")
    page.get_by_role("button", name="Save name").click()
    expect(page.locator("table.plan-table")).to_contain_text("Acme Holding")

    # delete with confirmation, in place
    row = page.locator("tr", has_text="Bakker & Zonen")
    row.get_by_role("link", name=re.compile("^Delete")).click()
    expect(page.locator(".confirm-delete")).to_contain_text("This cannot be undone.")
    shots.take("en-dashboard-confirm-delete")
    page.get_by_role("button", name="Yes, delete").click()
    expect(page.locator("#plan-list")).to_contain_text("has been deleted")
    expect(page.locator("table.plan-table")).not_to_contain_text("Bakker")

    # switch to Dutch: the whole interface follows
    page.get_by_role("button", name=re.compile("^NL")).click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", name="Mijn plannen")).to_be_visible()
    shots.take("nl-dashboard")
    page.get_by_role("link", name="Acme Holding", exact=True).click()
    expect(page.locator("nav.stepper")).to_contain_text("Klant & contactpersonen")
    shots.take("nl-plan")

    page.goto(live_server + "/plans/999")
    expect(page.get_by_role("heading", name="Pagina niet gevonden")).to_be_visible()
    shots.take("nl-error-404")
    page.goto(live_server + "/plans")

    if not page.locator(".site-nav__logout").is_visible():  # a phone: on the account page
        page.locator("nav.site-nav").get_by_role("link", name="Account").click()
    page.get_by_role("button", name="Uitloggen", exact=True).click()
    expect(page).to_have_url(re.compile(r"/login"))
    expect(page.locator(".flash")).to_contain_text("Je bent uitgelogd.")
    shots.take("nl-login")
    page.get_by_role("link", name="Account aanmaken").click()
    shots.take("nl-register")

    assert page.console_errors == []
