"""Someone looks after their account in a real browser: from the header to the account page,
a password change (first with a wrong current password), the download of all their data, and
then, in Dutch, deleting the account (first with a wrong password). Screenshots at 1280 and 390
in English and Dutch."""

from __future__ import annotations

import re
import zipfile

import pytest
from playwright.sync_api import expect

from tests.browser.test_decide_journey import PASSWORD
from tests.conftest import Actions, example_plan

pytestmark = pytest.mark.browser


def _log_in(page, live_server, email, password=PASSWORD):
    page.goto(live_server + "/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/plans$"))


def test_a_user_changes_the_password_downloads_everything_and_deletes_the_account(
    app, page, live_server, shots, tmp_path
):
    owner = Actions(app.test_client())
    owner.register("femke@example.com", PASSWORD)
    owner.import_plan(example_plan("nl-van-dijk-installatietechniek"))
    owner.create_plan("Bakker & Zonen")
    _log_in(page, live_server, "femke@example.com")

    # the header leads to the account page, which lists this browser's login
    page.locator("nav.site-nav").get_by_role("link", name="Account").click()
    expect(page).to_have_url(re.compile(r"/account$"))
    expect(page.locator("h1")).to_have_text("Your account")
    expect(page.locator("nav.site-nav a[aria-current=page]")).to_have_text("Account")
    logins = page.locator("#account-logins")
    expect(logins).to_contain_text("Chrome on Linux")
    expect(logins).to_contain_text("This browser")
    shots.take("account-en")

    # a wrong current password: the message next to the field, nothing changed
    form = page.locator("#account-password form")
    form.locator("input[name=current_password]").fill("not my password")
    form.locator("input[name=new_password]").fill("a new and longer sentence")
    form.get_by_role("button", name="Change password").click()
    expect(page.locator("#account-password #current_password-error")).to_have_text(
        "This is not your password."
    )
    shots.take("account-password-error-en")
    form = page.locator("#account-password form")
    form.locator("input[name=current_password]").fill(PASSWORD)
    form.locator("input[name=new_password]").fill("a new and longer sentence")
    form.get_by_role("button", name="Change password").click()
    expect(page.locator(".flash")).to_have_text(
        "Your password is changed. Your other logins have ended."
    )

    # the download: one ZIP with the README, the portfolio and both plans with their PDFs
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download all my data").click()
    download = download_info.value
    assert re.fullmatch(r"exitcoach-data-\d{4}-\d\d-\d\d\.zip", download.suggested_filename)
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        names = archive.namelist()
    assert names[:2] == ["README.txt", "portfolio.csv"]
    assert sum(n.endswith(".pdf") for n in names) == 2
    assert sum(n.endswith(".json") for n in names) == 2

    # in Dutch: the delete page lists what goes; a wrong password removes nothing
    page.get_by_role("button", name=re.compile("^NL")).click()
    expect(page.locator("h1")).to_have_text("Je account")
    shots.take("account-nl")
    page.get_by_role("link", name="Mijn account verwijderen…").click()
    expect(page).to_have_url(re.compile(r"/account/delete$"))
    expect(page.locator(".deletion-list")).to_contain_text("2 plannen")
    page.locator("input[name=password]").fill("niet mijn wachtwoord")
    page.get_by_role("button", name="Mijn account en dit alles verwijderen").click()
    expect(page.locator("#password-error")).to_have_text("Dit is niet je wachtwoord.")
    shots.take("account-delete-nl")

    page.locator("input[name=password]").fill("a new and longer sentence")
    page.get_by_role("button", name="Mijn account en dit alles verwijderen").click()
    expect(page).to_have_url(re.compile(r"/account/deleted$"))
    expect(page.locator("h1")).to_have_text("Je account is verwijderd")
    expect(page.locator("nav.site-nav")).not_to_contain_text("Uitloggen")
    shots.take("account-deleted-nl")

    # and in English, the delete page of another account
    other = Actions(app.test_client())
    other.register("jan@example.com", PASSWORD)
    _log_in(page, live_server, "jan@example.com")
    page.get_by_role("button", name=re.compile("^EN")).click()
    page.goto(live_server + "/account/delete")
    expect(page.locator("h1")).to_have_text("Delete your account")
    shots.take("account-delete-en")

    # the header keeps every link in sight on a phone; logging out is then on the account page
    nav = page.locator("nav.site-nav ul")
    assert nav.evaluate("n => n.scrollWidth <= n.clientWidth")
    page.locator("nav.site-nav").get_by_role("link", name="Account").click()
    # Once the stylesheet is in, only one of the two Log out buttons is on the screen (the
    # header's on a laptop, the account page's on a phone); before it, both would be.
    page.wait_for_url(re.compile(r"/account$"))
    page.wait_for_load_state("load")
    page.get_by_role("button", name="Log out", exact=True).click()
    expect(page).to_have_url(re.compile(r"/login"))
    assert page.console_errors == []
