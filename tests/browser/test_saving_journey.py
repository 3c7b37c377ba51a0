"""Typing while the connection drops, the server fails, or another window saves: nothing typed
is lost, and the page always says where the save stands."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_decide_journey import PASSWORD, _log_in, _wait_saved
from tests.conftest import Actions
from tests.helpers import plan_data

pytestmark = pytest.mark.browser


@pytest.fixture
def on_a_plan(app, page, live_server):
    """A logged-in user on the first step of a new plan; returns the plan id."""
    Actions(app.test_client()).register("ann@example.com", PASSWORD)
    _log_in(page, live_server, "ann@example.com")
    page.locator("input[name=client_name]").fill("Acme Logistics")
    page.locator("form.new-plan-form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Acme Logistics")
    return int(page.url.rstrip("/").rsplit("/", 1)[1])


def _status(page):
    return page.locator("#save-status")


def test_a_save_on_its_way_says_saving_and_then_the_time_it_was_saved(app, page, on_a_plan):
    held = []
    page.route(
        re.compile(r".*/steps/client$"),
        lambda route: route.continue_() if held else held.append(route),
    )
    page.locator("[name=sector]").fill("Wholesale")
    for _ in range(50):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the save never left the page"
    expect(_status(page)).to_have_text("Saving…")  # while the save is in flight
    assert plan_data(app, on_a_plan)["client"].get("sector") is None
    held[0].continue_()
    expect(_status(page)).to_have_text(re.compile(r"^Saved at \d{1,2}:\d{2}(\s[AP]M)?$"))
    assert plan_data(app, on_a_plan)["client"]["sector"] == "Wholesale"


def test_text_typed_offline_is_kept_and_saved_when_back_online(app, page, on_a_plan, shots):
    page.context.set_offline(True)
    page.locator("[name=sector]").fill("Typed on the train")
    expect(_status(page)).to_contain_text("Offline – your changes are kept")
    shots.take("saving-offline")
    assert plan_data(app, on_a_plan)["client"].get("sector") is None
    page.context.set_offline(False)
    expect(_status(page)).to_contain_text("Saved at")
    assert plan_data(app, on_a_plan)["client"]["sector"] == "Typed on the train"


def test_a_failed_save_says_so_retries_and_lands(app, page, on_a_plan):
    failing = {"left": 2}

    def flaky(route):
        if failing["left"]:
            failing["left"] -= 1
            route.fulfill(status=502, body="bad gateway")
        else:
            route.continue_()

    page.route(re.compile(r".*/steps/client$"), flaky)
    page.locator("[name=sector]").fill("Wholesale")
    expect(_status(page)).to_contain_text("Not saved – retrying in")
    expect(_status(page)).to_contain_text("Saved at", timeout=15000)
    assert plan_data(app, on_a_plan)["client"]["sector"] == "Wholesale"


def test_a_reload_after_an_unsent_change_brings_it_back_and_saves_it(app, page, on_a_plan):
    page.route(re.compile(r".*/steps/client$"), lambda route: route.abort())
    page.locator("[name=owner_name]").fill("Ann Jansen")
    expect(_status(page)).to_contain_text("Not saved")
    page.unroute(re.compile(r".*/steps/client$"))
    page.on("dialog", lambda dialog: dialog.accept())  # "leave the page?" – yes
    page.reload()
    expect(page.locator("[name=owner_name]")).to_have_value("Ann Jansen")
    expect(_status(page)).to_contain_text("Saved at")
    assert plan_data(app, on_a_plan)["owner"]["name"] == "Ann Jansen"


def test_a_field_changed_in_another_window_is_shown_as_a_conflict(app, page, on_a_plan, shots):
    other = page.context.new_page()
    other.goto(page.url)
    other.locator("[name=sector]").fill("Wholesale")
    expect(other.locator("#save-status")).to_contain_text("Saved at")
    page.locator("[name=sector]").fill("Retail")
    expect(_status(page)).to_contain_text("Not saved: changed in another window too")
    panel = page.locator("#save-conflicts")
    expect(panel).to_contain_text("Wholesale")
    expect(panel).to_contain_text("Retail")
    shots.take("saving-conflict")
    assert plan_data(app, on_a_plan)["client"]["sector"] == "Wholesale"
    panel.get_by_role("button", name="Take theirs").click()
    expect(page.locator("[name=sector]")).to_have_value("Wholesale")
    expect(_status(page)).to_contain_text("Saved at")
    expect(panel).to_be_empty()
    # Settled: typing on goes on saving normally.
    page.locator("[name=sector]").fill("Retail after all")
    _wait_saved(page)
    assert plan_data(app, on_a_plan)["client"]["sector"] == "Retail after all"
    other.close()


def test_leaving_with_unsaved_changes_asks_first(page, on_a_plan):
    page.route(re.compile(r".*/steps/client$"), lambda route: route.abort())
    page.locator("[name=sector]").fill("Not sent yet")
    expect(_status(page)).to_contain_text("Not saved")
    asked: list[str] = []

    def answer(dialog):
        asked.append(dialog.type)
        dialog.dismiss()  # "stay on this page"

    page.on("dialog", answer)
    page.get_by_role("link", name="All plans").click(no_wait_after=True)
    for _ in range(50):
        if asked:
            break
        page.wait_for_timeout(100)
    assert asked == ["beforeunload"]
    assert page.url.endswith(f"/plans/{on_a_plan}")


def test_a_row_added_while_a_save_is_on_its_way_still_appears(app, page, on_a_plan):
    # The save of the name is slow to come back; meanwhile the user fills in the role and adds
    # a row. When the slow save lands, the role still has to be saved: that save must not push
    # the row out of the queue.
    held = []
    page.route(
        re.compile(r".*/steps/client$"),
        lambda route: route.continue_() if held else held.append(route),
    )
    name = page.locator("[name='contacts-0-name']")
    name.fill("Marleen de Vries")
    name.blur()
    for _ in range(50):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the save of the name never left the page"
    role = page.locator("[name='contacts-0-role']")
    role.fill("Buyer")
    role.blur()
    page.locator("button[name=row_action][value=add]").click()
    page.wait_for_timeout(300)
    held[0].continue_()
    expect(page.locator("[name='contacts-1-name']")).to_be_visible()
    _wait_saved(page)
    contact = plan_data(app, on_a_plan)["client"]["contacts"][0]
    assert (contact["name"], contact["role"]) == ("Marleen de Vries", "Buyer")


def test_typing_before_the_page_scripts_have_run_is_saved_too(app, page, on_a_plan):
    # A slow machine shows the page before its scripts run; what is typed then still counts.
    held = []
    script = re.compile(r".*/autosave\.js.*")
    page.route(script, lambda route: route.continue_() if held else held.append(route))
    page.reload(wait_until="commit")
    page.locator("[name=sector]").fill("Typed early")
    for _ in range(50):
        if held:
            break
        page.wait_for_timeout(100)
    held[0].continue_()
    expect(_status(page)).to_contain_text("Saved at")
    assert plan_data(app, on_a_plan)["client"]["sector"] == "Typed early"
    page.reload()
    expect(_status(page)).to_contain_text("Changes save automatically.")
