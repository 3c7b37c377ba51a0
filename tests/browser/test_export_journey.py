"""At the end of the plan, the user previews the documents and downloads both PDFs."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.test_decide_journey import PASSWORD, _log_in
from tests.conftest import Actions, example_plan
from tests.helpers import pdf_pages

pytestmark = pytest.mark.browser


def _logged_in_with_plan(page, live_server, app, email: str, example: str) -> int:
    """A user who imported an example plan and logged in in the browser: the plan's id."""
    owner = Actions(app.test_client())
    owner.register(email, PASSWORD)
    plan_id = owner.import_plan(example_plan(example))
    _log_in(page, live_server, email)
    return plan_id


def test_downloads_show_progress_and_arrive_with_a_sensible_name(
    page, live_server, app, shots, tmp_path
):
    plan_id = _logged_in_with_plan(
        page, live_server, app, "femke@example.com", "nl-van-dijk-installatietechniek"
    )

    page.goto(f"{live_server}/plans/{plan_id}/steps/export")
    expect(page.get_by_role("heading", name="Export", exact=True)).to_be_visible()
    shots.take("export-step")

    expect(page.get_by_role("link", name="Download PDF")).to_have_count(2)
    button = page.locator(f'a[data-download][href="/plans/{plan_id}/plan.pdf"]')
    with page.expect_download() as download_info:
        button.click()
        # while the PDF is made the button says so and cannot be pressed again
        expect(button).to_have_attribute("aria-disabled", "true")
        expect(button).to_have_text("Making the PDF…")
    download = download_info.value
    today = date.today().isoformat()
    # the file is named in the plan's language
    assert (
        download.suggested_filename == f"gespreksplan-van-dijk-installatietechniek-b-v-{today}.pdf"
    )
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert 3 <= len(pdf_pages(saved.read_bytes())) <= 14
    expect(button).not_to_have_attribute("aria-disabled", "true")
    expect(button).to_have_text("Download PDF")

    card_button = page.locator(f'a[data-download][href="/plans/{plan_id}/card.pdf"]')
    with page.expect_download() as card_info:
        card_button.click()
    assert card_info.value.suggested_filename.startswith("gesprekskaart-van-dijk")
    assert page.console_errors == []


def test_the_preview_reads_like_the_printed_plan(page, live_server, app, shots):
    plan_id = _logged_in_with_plan(page, live_server, app, "sam@example.com", "en-northwind-retail")

    page.goto(f"{live_server}/plans/{plan_id}/steps/export")
    page.get_by_role("link", name="Preview").first.click()
    expect(page).to_have_url(re.compile(rf"/plans/{plan_id}/preview/plan$"))
    expect(page.get_by_role("heading", name="Northwind Retail Ltd")).to_be_visible()
    expect(page.get_by_role("heading", name="The conversation in seven steps")).to_be_visible()
    shots.take("preview-plan")
    page.get_by_role("link", name="Meeting card").click()
    expect(page.get_by_text("Key message")).to_be_visible()
    shots.take("preview-card")
    page.get_by_role("link", name=re.compile("Back to the plan")).click()
    expect(page).to_have_url(re.compile(rf"/plans/{plan_id}/steps/export$"))
    assert page.console_errors == []


def test_a_dutch_user_exports_in_dutch(page, live_server, app, shots):
    plan_id = _logged_in_with_plan(
        page, live_server, app, "femke@example.com", "nl-van-dijk-installatietechniek"
    )
    page.get_by_role("button", name=re.compile("^NL")).click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")

    page.goto(f"{live_server}/plans/{plan_id}/steps/export")
    expect(page.get_by_role("heading", name="Gespreksplan")).to_be_visible()
    expect(page.get_by_role("link", name="PDF downloaden")).to_have_count(2)
    shots.take("export-step-nl")
    page.get_by_role("link", name="Voorbeeld").first.click()
    expect(page.get_by_role("heading", name="Het gesprek in zeven stappen")).to_be_visible()
    shots.take("preview-plan-nl")
    page.get_by_role("link", name="Gesprekskaart").click()
    expect(page.get_by_text("Kernboodschap")).to_be_visible()
    shots.take("preview-card-nl")
    assert page.console_errors == []
