"""A whole workshop session in real browsers: a coach and three participants, each in a browser
of their own (one of them on a phone).

The coach creates the workshop and shows the code; Ava types it at /join, Ben opens the join
link on his phone, Cas opens it on a laptop. Each starts the exit case and works in it (autosave).
The coach's progress page follows them by itself; Ava shares her plan and takes it back; the
projector (1920×1080) shows the code, how many joined and the role-play timer. The coach forms
the group of three: Ava brings the message, Ben plays the client with the card made from Ava's
plan, Cas observes and ticks. The debrief adds up the ticks, the summary names nobody, and after
closing the projector says so while Ava still opens her plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_decide_journey import PASSWORD
from tests.conftest import Actions
from tests.helpers import pdf_text

pytestmark = pytest.mark.browser

TITLE = "Ending well – March"
CLIENT = "Northwind Retail Ltd"
CONTACT = "Dana Moss"  # the name Ava gives her plan's main contact: Ben's card must show it
NOTE = "Two clear reasons, said calmly."
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
PROJECTOR = {"width": 1920, "height": 1080}


@dataclass
class Person:
    email: str
    page: object
    errors: list[str] = field(default_factory=list)

    def shot(self, name: str) -> None:
        """tests/screenshots/workshop-<name>-<width>.png, the whole page."""
        width = self.page.viewport_size["width"]
        SCREENSHOTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"workshop-{name}-{width}.png"), full_page=True)

    def shot_at(self, name: str, viewport: dict) -> None:
        """The same screen at another size too (a coach's tablet, an observer's phone)."""
        before = self.page.viewport_size
        self.page.set_viewport_size(viewport)
        _fits_the_width(self.page)
        self.shot(name)
        self.page.set_viewport_size(before)


@pytest.fixture
def open_browser(browser, live_server, app, monkeypatch):
    """`open_browser(email, viewport)`: a browser context of its own, logged in as `email`
    (registered first when new). All contexts close before the server does."""
    from werkzeug.security import generate_password_hash

    from app.auth import accounts

    # one hashing round: this story logs in five times (the hash is tested with the accounts)
    monkeypatch.setattr(
        accounts,
        "generate_password_hash",
        lambda password: generate_password_hash(password, method="pbkdf2:sha256:1"),
    )
    contexts = []
    registered: set[str] = set()

    def make(email: str, viewport: dict, *, log_in: bool = True) -> Person:
        if email not in registered:
            Actions(app.test_client()).register(email, PASSWORD)
            registered.add(email)
        context = browser.new_context(viewport=viewport, locale="en-GB", accept_downloads=True)
        contexts.append(context)
        person = Person(email, context.new_page())
        person.page.on("console", lambda msg: _console(person, msg))
        person.page.on("pageerror", lambda exc: person.errors.append(str(exc)))
        if log_in:
            _log_in(person.page, live_server, email)
        return person

    yield make
    for context in contexts:
        context.close()


def _console(person: Person, msg) -> None:
    # A 404 page we open on purpose is not a script error.
    if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
        person.errors.append(f"{person.page.url} {msg.text}")


def _log_in(page, live_server: str, email: str, *, landing=r"/plans$") -> None:
    if "/login" not in page.url:
        page.goto(live_server + "/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(landing))


def _switch_language(page, to: str) -> None:
    page.get_by_role("button", name=re.compile(f"^{to.upper()}")).click()
    expect(page.locator("html")).to_have_attribute("lang", to)


def _download(page, link, tmp_path) -> bytes:
    with page.expect_download() as info:
        link.click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    body = saved.read_bytes()
    assert body.startswith(b"%PDF-"), info.value.suggested_filename
    return body


# The story, chapter by chapter --------------------------------------------------------------


def _coach_creates_the_workshop(coach: Person, live_server: str) -> tuple[str, str]:
    """Returns the workshop's address and its code as the coach's page shows it."""
    page = coach.page
    page.locator("nav.site-nav").get_by_role("link", name="Workshops").click()
    form = page.locator("#create-form")
    form.get_by_label("Title").fill(TITLE)
    form.get_by_label("Language of the cases").select_option("en")
    form.get_by_label("Date").fill("2027-03-11")
    cases = form.locator("input[name=cases]")
    expect(cases).to_have_count(3)
    for box in cases.all():  # the exit case and the one about keeping a client
        box.set_checked(box.get_attribute("value") in ("exit", "keep"))
    form.get_by_role("button", name="Create workshop").click()

    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator(".page-header")).to_contain_text("11 March 2027")
    code = page.locator("#join-code .join-code")
    expect(code).to_have_text(re.compile(r"^[A-Z0-9]{4}-[A-Z0-9]{4}$"))
    link = page.locator("#join-code .join-link a")
    expect(link).to_have_text(re.compile(r"/join/[A-Z0-9]+$"))
    expect(page.locator("#join-code svg.qr")).to_be_visible()
    # the four parts of the session side by side, in one line
    tops = {round(card.bounding_box()["y"]) for card in page.locator(".workshop-nav a").all()}
    assert len(tops) == 1, tops
    coach.shot("coach")
    return page.url, code.inner_text()


def _joins_with_the_code(person: Person, live_server: str, code: str) -> None:
    page = person.page
    page.goto(live_server + "/join")
    page.get_by_label("Workshop code").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Continue").click()
    _press_join(page)


def _joins_by_the_link(person: Person, live_server: str, link: str) -> None:
    """Opens the link logged out (as from the QR code), logs in and lands back on it."""
    page = person.page
    page.goto(link)
    expect(page).to_have_url(re.compile(r"/login\?next="))
    _log_in(page, live_server, person.email, landing=r"/join/[A-Z0-9]+$")
    _press_join(page)


def _press_join(page) -> None:
    expect(page.locator("h1")).to_have_text(TITLE)
    page.get_by_role("button", name="Join", exact=True).click()
    expect(page.locator(".flash--success")).to_contain_text(f"Welcome to “{TITLE}”.")


def _starts_the_exit_case(person: Person, fields: dict[str, str]) -> str:
    """Starts the exit case from the workshop page, types into step 1 and waits for the save.
    Returns the plan's address."""
    page = person.page
    case = page.locator(".example-case", has_text="Northwind Retail")
    case.get_by_role("button", name=re.compile("^Start this case")).click()
    expect(page.locator("h1")).to_have_text(CLIENT)
    for name, value in fields.items():
        box = page.locator(f"[name='{name}']")
        box.fill(value)
        box.blur()
    expect(page.locator("#save-status")).to_contain_text("Saved at")
    expect(page.locator("#step-form.htmx-request")).to_have_count(0)
    return page.url


def _progress_row(page, email: str):
    return page.locator(".progress-row", has_text=email)


def _the_progress_follows_by_itself(coach: Person, cas: Person, emails) -> None:
    page = coach.page
    page.get_by_role("link", name=re.compile("^Progress")).click()
    expect(page.locator("h1")).to_have_text("Progress")
    expect(page.locator("#totals-heading")).to_have_text("The group: 3 participants")
    for email in emails:
        expect(_progress_row(page, email)).to_contain_text(
            "Step 1 of 13: Client & contacts", timeout=10_000
        )
        expect(_progress_row(page, email)).to_contain_text(CLIENT)
    coach.shot("progress")
    coach.shot_at("progress", PHONE)

    page.evaluate("window.notReloaded = true")
    # Cas moves on to the financial check and changes a figure there
    cas.page.locator("nav.stepper a").nth(1).click()
    expect(cas.page.locator("#results")).to_be_visible()
    revenue = cas.page.locator("[name=annual_revenue]")
    revenue.fill("250000")
    revenue.blur()
    expect(cas.page.locator("#save-status")).to_contain_text("Saved at")
    # ... and the coach's page shows it on its own (the htmx poll), without a reload
    expect(_progress_row(page, cas.email)).to_contain_text(
        "Step 2 of 13: Financial check", timeout=10_000
    )
    assert page.evaluate("window.notReloaded") is True


def _a_shared_plan_is_read_then_taken_back(coach: Person, ava: Person, workshop_url: str) -> None:
    ava.page.goto(workshop_url)
    mine = ava.page.locator(".workshop-plan", has_text=CLIENT)
    expect(mine).to_contain_text("Private: only you read it")
    mine.get_by_role("button", name=re.compile("^Share with the coach")).click()
    expect(ava.page.locator(".flash--success")).to_contain_text(
        f"The coaches can now read “{CLIENT}”"
    )
    expect(ava.page.locator(".workshop-plan", has_text=CLIENT)).to_contain_text(
        "Shared with the coaches since"
    )

    shared = coach.page.locator("#shared-plans")
    expect(shared).to_contain_text(ava.email, timeout=10_000)  # the poll brings it in
    shared.get_by_role("link", name=CLIENT).click()
    expect(coach.page.locator(".preview-bar")).to_contain_text(f"Shared by {ava.email} since")
    expect(coach.page.locator(".preview-bar")).to_contain_text("read-only")
    expect(coach.page.get_by_role("heading", name=CLIENT).first).to_be_visible()
    expect(coach.page.locator("body")).to_contain_text(CONTACT)
    expect(coach.page.locator("form textarea, form input[type=text]")).to_have_count(0)
    coach.shot("shared-plan")
    shared_url = coach.page.url

    ava.page.locator(".workshop-plan", has_text=CLIENT).get_by_role(
        "button", name=re.compile("^Stop sharing")
    ).click()
    expect(ava.page.locator(".flash--info")).to_contain_text(f"“{CLIENT}” is private again")
    coach.page.goto(shared_url)
    expect(coach.page.locator("h1")).to_have_text("Page not found")
    expect(coach.page.locator("body")).not_to_contain_text(CONTACT)


def _the_projector_and_its_timer(coach: Person, projector: Person, workshop_url: str, code: str):
    projector.page.goto(workshop_url + "/projector")
    screen = projector.page.locator("#projector-screen")
    expect(screen.locator(".projector-code")).to_have_text(code)
    expect(screen.locator(".projector-joined")).to_have_text("3 joined")
    expect(screen.locator(".projector-title")).to_have_text(TITLE)
    expect(screen.locator(".projector-qr svg")).to_be_visible()
    expect(screen.locator(".projector-timer")).to_have_count(0)

    coach.page.goto(workshop_url)
    coach.page.get_by_role("button", name="Role play: 12 minutes").click()
    expect(coach.page.locator(".flash--success")).to_contain_text(
        "The timer runs: Role play, 12 minutes."
    )
    expect(coach.page.locator(".projector-controls__now").first).to_contain_text(
        "Running: Role play"
    )
    # the projector picks the timer up by itself
    timer = screen.locator(".projector-timer")
    expect(timer.locator(".projector-timer__label")).to_have_text("Role play", timeout=10_000)
    expect(timer.locator(".projector-timer__clock")).to_have_text(re.compile(r"^1[012]:\d\d$"))
    fits = "document.documentElement.scrollHeight <= window.innerHeight"
    assert projector.page.evaluate(fits), "the projector view scrolls at 1920×1080"
    projector.page.screenshot(path=str(SCREENSHOTS / "workshop-projector-1920.png"))


def _the_group_of_three_plays(coach, ava, ben, cas, workshop_url: str, tmp_path) -> None:
    page = coach.page
    page.goto(workshop_url)
    page.locator("nav.workshop-nav").get_by_role("link", name=re.compile("^Role plays")).click()
    expect(page.locator("h1")).to_have_text("Role plays in threes")
    page.get_by_role("button", name="Form the groups").click()
    expect(page.locator(".flash--success")).to_contain_text("The groups are formed.")
    page.get_by_role("button", name="Start round 1").click()
    expect(page.locator(".flash--info")).to_have_text(
        re.compile("Round 1 has started: everyone can open their role now.")
    )
    expect(page.locator(".triads-round")).to_have_text("Round 1")
    group = page.locator("#group-1")
    expect(group.locator(".triads-member")).to_have_count(3)
    for who, role in ((ava, "brings the message"), (ben, "plays the client"), (cas, "observes")):
        expect(group.locator(".triads-member", has_text=who.email)).to_contain_text(role)
    coach.shot("triads")
    coach.shot_at("triads", PHONE)

    # Ben, on his phone, plays the client: the card made from Ava's plan
    ben.page.goto(workshop_url)
    ben.page.get_by_role("link", name="My role play").click()
    expect(ben.page.locator("#role-heading")).to_have_text("Group 1: you play the client")
    card = ben.page.locator("#card")
    expect(card.locator("#card-heading")).to_have_text("Role-play card")
    expect(card).to_contain_text(f"{ava.email} is coming to tell you something")
    expect(card).to_contain_text(CONTACT)
    _fits_the_width(ben.page)
    ben.shot("roleplay-card")
    body = _download(ben.page, card.get_by_role("link", name="Download as PDF"), tmp_path)
    text = pdf_text(body)
    assert "Role-play card" in text and CONTACT in text

    # Cas observes: two points ticked and a note, each saved as it is made
    cas.page.goto(workshop_url + "/roleplay")
    checklist = cas.page.locator("#checklist")
    expect(checklist.locator("#checklist-heading")).to_have_text("Observer's checklist")
    expect(checklist).to_contain_text(f"{ava.email} brings the message to {ben.email}")
    for action in (
        lambda: checklist.get_by_label(re.compile("^Frame it well")).check(),
        lambda: checklist.get_by_label(re.compile("^They thanked the client")).check(),
        lambda: _write_note(checklist),
    ):
        with cas.page.expect_response(_observation_saved):
            action()
        expect(checklist.locator("#observation-status")).to_have_text("Saved.")
    cas.shot("roleplay-checklist")
    cas.shot_at("roleplay-checklist", PHONE)
    body = _download(cas.page, checklist.get_by_role("link", name="Download as PDF"), tmp_path)
    text = pdf_text(body)
    assert "Observer's checklist" in text and NOTE in text

    # what was saved is there after a reload
    cas.page.reload()
    expect(cas.page.locator("#tick-framing")).to_be_checked()
    expect(cas.page.locator("#tick-thank")).to_be_checked()
    expect(cas.page.locator("#tick-logic")).not_to_be_checked()
    expect(cas.page.locator("#note-logic")).to_have_value(NOTE)


def _write_note(checklist) -> None:
    note = checklist.locator("#note-logic")
    note.fill(NOTE)
    note.blur()  # a change: saved at once (without leaving the box it saves after a pause)


def _observation_saved(response) -> bool:
    return response.url.endswith("/roleplay/observation") and response.status == 200


def _fits_the_width(page) -> None:
    """Nothing sticks out sideways (a phone would scroll the whole page)."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url


def _the_debrief(coach: Person, workshop_url: str, tmp_path) -> None:
    page = coach.page
    page.goto(workshop_url)
    page.locator("nav.workshop-nav").get_by_role("link", name=re.compile("^Debrief")).click()
    expect(page.locator("h1")).to_have_text("Debrief")
    ticks = page.locator("#ticks")
    expect(ticks.locator(".debrief-count")).to_have_text("1 observation sheet so far")
    for point in ("Frame it well", "They thanked the client for the years together."):
        expect(ticks.locator("tbody tr", has_text=point)).to_contain_text("1 of 1")
    expect(ticks.locator("tbody tr", has_text="Explain the logic")).to_contain_text("0 of 1")
    expect(ticks).not_to_contain_text("@example.com")
    expect(ticks).not_to_contain_text(NOTE)
    coach.shot("debrief")
    coach.shot_at("debrief", PHONE)
    # on a phone too, each point and its count stay on one line of the table
    page.set_viewport_size(PHONE)
    row = ticks.locator("tbody tr", has_text="Frame it well")
    point, total = row.locator("th"), row.locator("td").last
    assert abs(point.bounding_box()["y"] - total.bounding_box()["y"]) < 2
    page.set_viewport_size(DESKTOP)


def _the_summary_and_the_end(coach, projector, ava, workshop_url: str, tmp_path) -> None:
    page = coach.page
    body = _download(page, page.get_by_role("link", name="Download the summary (PDF)"), tmp_path)
    text = pdf_text(body)
    assert "Summary of the workshop" in text and TITLE in text
    assert "@example.com" not in text and CONTACT not in text and NOTE not in text

    page.get_by_role("button", name="Close the workshop").click()
    expect(page.locator(".flash--info").first).to_contain_text(
        "The workshop is closed: nobody can join any more."
    )
    expect(page.locator("#join-code")).to_have_count(0)
    # the projector, polling, goes blank but for the news
    closed = projector.page.locator(".projector-closed__message")
    expect(closed).to_have_text("This workshop is closed", timeout=10_000)
    expect(projector.page.locator(".projector-code")).to_have_count(0)

    # Ava still has her plan, with her own words in it
    ava.page.goto(workshop_url)
    expect(ava.page.locator(".flash--info")).to_contain_text("This workshop is closed.")
    ava.page.get_by_role("link", name=re.compile("^Open my plan")).click()
    expect(ava.page.locator("h1")).to_have_text(CLIENT)
    expect(ava.page.locator("[name='contacts-0-name']")).to_have_value(CONTACT)


def _in_dutch(coach, projector, ben, workshop_url: str) -> None:
    """The coach's screens and Ben's card once more, with the interface in Dutch."""
    page = coach.page
    _switch_language(page, "nl")
    page.goto(workshop_url)
    expect(page.locator("#join-heading")).to_have_text("Doe mee aan deze workshop")
    coach.shot("coach-nl")
    coach.shot_at("coach-nl", PHONE)
    page.goto(workshop_url + "/progress")
    expect(page.locator("h1")).to_have_text("Voortgang")
    coach.shot("progress-nl")
    page.goto(workshop_url + "/debrief")
    expect(page.locator("#ticks .debrief-count")).to_contain_text("1 observatieformulier")
    coach.shot("debrief-nl")
    coach.shot_at("debrief-nl", PHONE)
    projector.page.reload()
    expect(projector.page.locator(".projector-joined")).to_have_text("3 doen mee")
    projector.page.screenshot(path=str(SCREENSHOTS / "workshop-projector-nl-1920.png"))
    _switch_language(page, "en")

    _switch_language(ben.page, "nl")
    ben.page.goto(workshop_url + "/roleplay")
    expect(ben.page.locator("#role-heading")).to_have_text("Groepje 1: jij speelt de klant")
    _fits_the_width(ben.page)
    ben.shot("roleplay-card-nl")
    _switch_language(ben.page, "en")


def test_a_coach_and_three_participants_run_a_whole_workshop(open_browser, live_server, tmp_path):
    coach = open_browser("coach@example.com", DESKTOP)
    workshop_url, code = _coach_creates_the_workshop(coach, live_server)
    link = coach.page.locator("#join-code .join-link a").inner_text()

    ava = open_browser("ava@example.com", DESKTOP)
    _joins_with_the_code(ava, live_server, code)
    ben = open_browser("ben@example.com", PHONE, log_in=False)
    _joins_by_the_link(ben, live_server, link)
    _fits_the_width(ben.page)
    cas = open_browser("cas@example.com", DESKTOP, log_in=False)
    _joins_by_the_link(cas, live_server, link)

    _starts_the_exit_case(ava, {"contacts-0-name": CONTACT, "owner_name": "Ava Brooks"})
    _starts_the_exit_case(ben, {"owner_name": "Ben Okafor"})
    _fits_the_width(ben.page)
    ben.shot("participant-plan")
    ben.page.goto(workshop_url)
    expect(ben.page.locator(".workshop-plan", has_text=CLIENT)).to_contain_text("Private")
    _fits_the_width(ben.page)
    ben.shot("participant")
    _starts_the_exit_case(cas, {"owner_name": "Cas Visser"})

    coach.page.goto(workshop_url)
    _the_progress_follows_by_itself(coach, cas, [ava.email, ben.email, cas.email])
    _a_shared_plan_is_read_then_taken_back(coach, ava, workshop_url)

    projector = open_browser("coach@example.com", PROJECTOR)
    _the_projector_and_its_timer(coach, projector, workshop_url, code)
    _the_group_of_three_plays(coach, ava, ben, cas, workshop_url, tmp_path)
    _the_debrief(coach, workshop_url, tmp_path)
    _in_dutch(coach, projector, ben, workshop_url)
    _the_summary_and_the_end(coach, projector, ava, workshop_url, tmp_path)

    for person in (coach, ava, ben, cas, projector):
        assert person.errors == [], person.email
