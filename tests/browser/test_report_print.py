"""Printing the preview from the browser: no toolbar on paper, the card on one sheet."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_export_journey import _logged_in_with_plan
from tests.helpers import pdf_pages

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page", [1280], indirect=True, ids=["desktop"])
def test_the_printed_preview_has_no_toolbar_and_the_card_fits_one_page(page, live_server, app):
    plan_id = _logged_in_with_plan(page, live_server, app, "sam@example.com", "en-northwind-retail")
    page.goto(f"{live_server}/plans/{plan_id}/preview/card")
    expect(page.get_by_role("button", name="Print")).to_be_visible()  # print.js shows it

    page.emulate_media(media="print")
    page.set_viewport_size({"width": 680, "height": 1032})  # an A4 sheet inside its margins
    expect(page.locator(".preview-bar")).to_be_hidden()
    pages = pdf_pages(page.pdf(format="A4", prefer_css_page_size=True))
    assert len(pages) == 1
    assert "Back to the plan" not in pages[0] and "Download PDF" not in pages[0]
    assert "Key message".upper() in pages[0].upper() and "NOTES" in pages[0].upper()
    # the ruled note lines are borders (printed even without background graphics), and at
    # least eight of them are on the sheet
    card = page.locator(".card").bounding_box()
    lines = page.locator(".card__line")
    visible = [
        box
        for i in range(lines.count())
        if (box := lines.nth(i).bounding_box())
        and box["y"] + box["height"] <= card["y"] + card["height"]
    ]
    assert len(visible) >= 8
    border = lines.first.evaluate("e => getComputedStyle(e).borderBottomWidth")
    assert float(border.removesuffix("px")) > 0

    page.emulate_media(media="screen")
    page.goto(f"{live_server}/plans/{plan_id}/preview/plan")
    page.emulate_media(media="print")
    printed = pdf_pages(page.pdf(format="A4", prefer_css_page_size=True))
    assert 3 <= len(printed) <= 14
    assert all("Back to the plan" not in text for text in printed)
    assert page.console_errors == []
