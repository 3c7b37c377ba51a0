"""Issue 10, "The screens behave": layout and live behaviour in a real browser, 1280 and 390."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_decide_journey import PASSWORD, _log_in
from tests.conftest import Actions, example_plan

pytestmark = pytest.mark.browser


def _plan(page, live_server, app, email="femke@example.com", example="en-northwind-retail"):
    owner = Actions(app.test_client())
    owner.register(email, PASSWORD)
    plan_id = owner.import_plan(example_plan(example))
    _log_in(page, live_server, email)
    return plan_id


def _box(locator):
    box = locator.bounding_box()
    assert box, locator
    return box


def _overlap(a, b) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def _wait_saved(page):
    page.wait_for_timeout(700)
    expect(page.locator("#step-form.htmx-request")).to_have_count(0)
    expect(page.locator("#save-status")).to_have_class(re.compile(r"save-status--saved"))


def test_the_results_sit_at_the_top_beside_the_form_or_before_the_buttons(
    page, live_server, app, shots
):
    plan_id = _plan(page, live_server, app)
    page.goto(f"{live_server}/plans/{plan_id}/steps/financial")
    results = page.locator(".results-panel")
    buttons = page.locator(".step-actions")
    first_field = page.locator("[name=annual_revenue]")
    if page.viewport_size["width"] > 900:
        # beside the first fields, and still in view after scrolling down to the buttons
        assert _box(results)["y"] < _box(first_field)["y"] + 100
        buttons.scroll_into_view_if_needed()
        top = page.evaluate("document.querySelector('.results-panel').getBoundingClientRect().top")
        assert 0 <= top < 100
        stepper_top = page.evaluate(
            "document.querySelector('#stepper').getBoundingClientRect().top"
        )
        assert 0 <= stepper_top < 100
    else:
        # after the fields, before the save buttons
        last_field = page.locator("[name=working_weeks]")
        assert _box(last_field)["y"] < _box(results)["y"] < _box(buttons)["y"]
    shots.take("screens-financial")


@pytest.mark.parametrize("step", ["interpersonal", "value", "styles"])
def test_scale_end_labels_and_dont_know_never_run_into_each_other(page, live_server, app, step):
    plan_id = _plan(page, live_server, app)
    page.goto(f"{live_server}/plans/{plan_id}/steps/{step}")
    scale = page.locator(".scale__row").first
    low = _box(scale.locator(".scale__end").first)
    high = _box(scale.locator(".scale__end").last)
    unsure = _box(scale.locator(".scale__option--unsure"))
    options = _box(scale.locator(".scale__options"))
    for a, b in ((low, high), (low, unsure), (high, unsure), (options, unsure)):
        assert not _overlap(a, b)
    assert unsure["y"] >= max(low["y"] + low["height"], high["y"] + high["height"]) - 1
    # every end label on one line or neatly wrapped inside the card, never off screen
    assert high["x"] + high["width"] <= page.viewport_size["width"]


def test_the_hours_rows_have_room_for_their_labels_and_values(page, live_server, app):
    plan_id = _plan(page, live_server, app, example="nl-van-dijk-installatietechniek")
    page.get_by_role("button", name=re.compile("^NL")).click()  # the long Dutch labels
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    page.goto(f"{live_server}/plans/{plan_id}/steps/financial")
    row = page.locator(".row-card--hours").nth(1)
    department = row.locator("input[name$=-department]")
    assert department.input_value() == "Accountmanagement"
    fits = department.evaluate("el => el.scrollWidth <= el.clientWidth")
    assert fits, "the department name is cut off"
    for label in row.locator("label").all():
        height = _box(label)["height"]
        line = label.evaluate("el => parseFloat(getComputedStyle(el).lineHeight)")
        assert height < 1.6 * line, f"{label.inner_text()!r} wraps"


def test_section_headings_line_up_with_their_fields(page, live_server, app):
    plan_id = _plan(page, live_server, app)
    page.goto(f"{live_server}/plans/{plan_id}/steps/financial")
    legend = _box(page.locator("#step-form fieldset > legend").first)
    label = _box(page.locator("label[for=annual_revenue]"))
    assert abs(legend["x"] - label["x"]) < 1
    # the heading sits below the line that separates the sections, not on it
    second = page.locator("#step-form > fieldset").nth(1)
    border_top = _box(second)["y"]
    assert _box(second.locator("legend"))["y"] > border_top + 4


def test_what_the_figures_mean_stays_open_across_autosaves(page, live_server, app):
    plan_id = _plan(page, live_server, app)
    page.goto(f"{live_server}/plans/{plan_id}/steps/financial")
    page.locator("details.explain summary").click()
    expect(page.locator("details.explain")).to_have_attribute("open", "")
    page.locator("[name=annual_revenue]").fill("90000")
    page.locator("[name=annual_revenue]").blur()
    _wait_saved(page)
    expect(page.locator("#results")).to_contain_text("€36,900.00")  # 90 000 × 41 %
    expect(page.locator("details.explain")).to_have_attribute("open", "")
    assert page.console_errors == []


def test_the_transition_results_follow_what_is_typed(page, live_server, app, shots):
    plan_id = _plan(page, live_server, app)
    page.goto(f"{live_server}/plans/{plan_id}/steps/transition")
    page.locator("[name=end_date]").fill("")
    page.locator("[name=end_date]").blur()
    _wait_saved(page)
    weeks = page.locator("[name=notice_weeks]")
    weeks.fill("4")
    weeks.blur()
    _wait_saved(page)
    expect(page.locator("#computed-end-date")).to_contain_text("plus 4 weeks")
    expect(page.locator("#end_date-help")).to_contain_text("Now:")
    weeks.fill("6")
    weeks.blur()
    _wait_saved(page)
    expect(page.locator("#computed-end-date")).to_contain_text("plus 6 weeks")
    shots.take("screens-transition")
    assert page.console_errors == []


def test_the_full_delete_page_deletes_with_javascript_on(page, live_server, app):
    plan_id = _plan(page, live_server, app)
    page.goto(f"{live_server}/plans/{plan_id}/delete")
    page.get_by_role("button", name="Yes, delete").click()
    expect(page).to_have_url(re.compile(r"/plans$"))
    expect(page.locator("main")).to_contain_text("has been deleted")
    assert page.console_errors == []


def test_keep_it_on_the_full_delete_page_goes_back_to_the_plans(page, live_server, app):
    plan_id = _plan(page, live_server, app)
    page.goto(f"{live_server}/plans/{plan_id}/delete")
    page.get_by_role("link", name="Keep it").click()
    expect(page).to_have_url(re.compile(r"/plans$"))
    expect(page.locator(f"#plan-{plan_id}")).to_be_visible()


def test_contacts_and_their_names_are_apart_in_the_preview(page, live_server, app):
    plan_id = _plan(page, live_server, app, example="nl-van-dijk-installatietechniek")
    page.goto(f"{live_server}/plans/{plan_id}/preview/plan")
    row = page.locator("table.facts tr", has_text="Contactpersonen")
    label = row.locator("th")
    text_right = label.evaluate(
        "el => { const r = document.createRange(); r.selectNodeContents(el);"
        " return r.getBoundingClientRect().right; }"
    )
    value_left = _box(row.locator("td"))["x"]
    assert value_left - text_right >= 4


@pytest.mark.parametrize("step", ["decision", "client"])
def test_radio_options_have_room_around_them(page, live_server, app, step):
    plan_id = _plan(page, live_server, app)
    page.goto(f"{live_server}/plans/{plan_id}/steps/{step}")
    options = page.locator("main label.choice:has(input[type=radio])")
    assert options.count() >= 2
    boxes = [_box(options.nth(i)) for i in range(options.count())]
    for box in boxes:
        assert box["height"] >= 40  # a finger's tap, not a line of text
    for a, b in zip(boxes, boxes[1:], strict=False):
        assert not _overlap(a, b)
    for i in range(options.count()):
        radio = _box(options.nth(i).locator("input[type=radio]"))
        words = options.nth(i).evaluate(
            "el => { const r = document.createRange(); r.selectNodeContents(el);"
            " const rects = [...r.getClientRects()].filter(x => x.width > 0);"
            " return Math.min(...rects.map(x => x.left).filter(x => x > el.querySelector('input')"
            ".getBoundingClientRect().right - 1)); }"
        )
        assert words - (radio["x"] + radio["width"]) >= 6, "the label touches its radio button"


def test_without_javascript_no_promise_of_saving_by_itself(app, page_without_js, live_server):
    page = page_without_js
    plan_id = _plan(page, live_server, app)
    page.goto(f"{live_server}/plans/{plan_id}/steps/client")
    main = page.locator("main").inner_text()
    assert "save automatically" not in main and "Saving…" not in main
    expect(page.locator(".step-actions button[type=submit]").first).to_be_visible()
    page.locator("[name=sector]").fill("Typed without scripts")
    page.locator(".step-actions button[type=submit]").first.click()
    expect(page.locator("main")).to_contain_text("Saved.")
    expect(page.locator("[name=sector]")).to_have_value("Typed without scripts")
    assert "save automatically" not in page.locator("main").inner_text()
