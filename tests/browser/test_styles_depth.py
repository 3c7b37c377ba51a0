"""The style profiles below the form read well on a phone and a desktop, open from the card
beside the form, and stay open while the answers above them save themselves."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_screens_layout import _plan, _wait_saved

pytestmark = pytest.mark.browser


def test_a_profile_opens_from_its_link_and_stays_open_across_autosaves(
    page, live_server, app, shots
):
    plan_id = _plan(page, live_server, app)
    page.goto(f"{live_server}/plans/{plan_id}/steps/styles")
    profile = page.locator("details#style-C")
    expect(profile).not_to_have_attribute("open", "")
    # "The full profile of this style" on Claire's card (conscientious) opens hers
    page.locator("#results a[href='#style-C']").click()
    expect(profile).to_have_attribute("open", "")
    expect(profile).to_contain_text("Stays composed and looks for the reasoning")
    # nothing runs off the side of a phone
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # choosing another style for yourself saves, redraws the profiles, and keeps Claire's open
    page.locator("input[name=direct_pick][value=D]").check()
    _wait_saved(page)
    expect(page.locator("#style-depth")).to_contain_text("Facing your own style (Red – Dominant)")
    expect(profile).to_have_attribute("open", "")
    expect(page.locator("#results")).to_contain_text(
        "You both want it businesslike, but Claire Hughes wants it correct as well as quick."
    )
    shots.take("styles-depth")
    assert page.console_errors == []
