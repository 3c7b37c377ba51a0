"""A visitor opens Exit Coach, reads what it is, looks at the printed page and follows "try it
with an example case" to a plan of their own, on a laptop and on a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_visitor_tries_it_with_an_example_case(page, live_server, shots):
    page.goto(live_server + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Should you let this client go?")
    expect(page.get_by_role("heading", name="Entrepreneurs and account managers")).to_be_visible()
    printed = page.locator(".front-printed img")
    expect(printed).to_be_visible()
    assert printed.evaluate("img => img.complete && img.naturalWidth") == 840
    box = printed.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    shots.take("en-front")

    page.get_by_role("button", name=re.compile("^NL")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Moet je deze klant laten gaan?")
    expect(page.locator(".front-printed img")).to_have_attribute(
        "src", re.compile("printed-plan-nl.png")
    )
    shots.take("nl-front")
    page.get_by_role("button", name=re.compile("^EN")).click()

    page.get_by_role("link", name="Try it with an example case").first.click()
    expect(page).to_have_url(re.compile(r"/register"))
    page.get_by_label("E-mail address").fill("visitor@example.com")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(r"/plans#example-cases$"))
    cases = page.locator("#example-cases")
    expect(cases).to_be_in_viewport()
    cases.locator(".example-case", has_text="Northwind").get_by_role(
        "button", name=re.compile("^Start from this case")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Northwind Retail Ltd")
    expect(page.locator(".flash")).to_contain_text("your own copy")
    page.get_by_role("link", name="All plans").click()
    row = page.locator("tr", has_text="Northwind Retail Ltd")
    expect(row).to_contain_text("End the relationship")
    expect(row).to_contain_text("Loss €17,376")
    shots.take("en-dashboard-after-try")
    assert page.console_errors == []
