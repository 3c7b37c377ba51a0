"""Progress without surveillance (issue 13): the coach sees who is at which step and the
group's totals, live; a plan's content only while its owner shares it, one at a time."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import event

from app.extensions import db
from app.models import User
from tests.helpers import page_text, visible_text

RATIONALE = "Our own reasons, weighed in the group."


def text(response) -> str:
    return " ".join(visible_text(page_text(response)).split())


def block(response, element_id: str) -> str:
    """The visible text of one section of the page, by its id."""
    html = page_text(response)
    match = re.search(rf'<section id="{element_id}".*?</section>', html, re.S)
    assert match, f"no #{element_id}"
    return " ".join(visible_text(match.group(0)).split())


def row_of(response, email: str) -> str:
    """The visible text of one participant's row on the progress page."""
    html = page_text(response)
    for item in re.findall(
        r'<li class="progress-row">.*?</ol>|<li class="progress-row">.*?</li>', html, re.S
    ):
        if email in item:
            return " ".join(visible_text(item).split())
    raise AssertionError(f"no row for {email}")


@pytest.fixture
def workshop(coach):
    return coach.new_workshop(cases=("exit", "keep"))


@pytest.fixture
def join(coach, person, workshop):
    code = coach.code_of(workshop)

    def _join(email: str, locale: str | None = None):
        someone = person(email, locale)
        someone.join(code)
        return someone

    return _join


def decide(who, plan_id: int, choice: str, style: str | None = None):
    response = who.save_step(plan_id, "decision", {"choice": choice, "rationale": RATIONALE})
    assert response.status_code == 200, response.get_data(as_text=True)
    if style:
        assert who.save_step(plan_id, "styles", {"direct_pick": style}).status_code == 200


def test_the_coach_sees_the_step_and_the_dots_of_each_participant(coach, join, workshop):
    bo, cy = join("bo@example.com"), join("cy@example.com")
    decide(bo, bo.own_case(workshop, "exit"), "exit")
    page = coach.progress(workshop)
    assert page.status_code == 200
    bo_row = row_of(page, "bo@example.com")
    assert "Northwind Retail Ltd" in bo_row
    assert "Step 7 of 13: Recommendation & decision" in bo_row
    assert "1. Client & contacts: done" in bo_row
    assert "7. Recommendation & decision: done (the step they are on)" in bo_row
    assert "11. Conversation in seven steps: to do" in bo_row
    assert "No case started yet" in row_of(page, "cy@example.com")
    # the dots are shapes with words, one per step, the current one marked
    html = page_text(page)
    assert html.count('class="dot dot--') == 13 + 5  # bo's 13 steps and the legend's 5
    assert 'class="dot dot--done dot--current"' in html
    cy.own_case(workshop, "keep")
    assert "Step 1 of 13: Client & contacts" in row_of(coach.progress(workshop), "cy@example.com")


def test_what_a_participant_wrote_is_not_on_the_progress_page(coach, join, workshop):
    bo = join("bo@example.com")
    decide(bo, bo.own_case(workshop, "exit"), "exit")
    assert RATIONALE not in page_text(coach.progress(workshop))


def test_the_group_totals_count_steps_decisions_and_styles_and_name_nobody(coach, join, workshop):
    for email, choice, style in (
        ("ann@example.com", "exit", "D"),
        ("bo@example.com", "exit", "D"),
        ("cy@example.com", "keep", "S"),
    ):
        someone = join(email)
        decide(someone, someone.own_case(workshop, "exit"), choice, style)
    join("dee@example.com").own_case(workshop, "exit")
    join("eve@example.com")
    totals = block(coach.progress(workshop), "progress-totals")
    assert "The group: 5 participants" in totals
    assert "Client & contacts 1 participant" in totals
    assert "Your style and theirs 3 participants" in totals
    assert "No case started yet 1 participant" in totals
    assert "End the relationship 2 participants" in totals
    assert "Keep the client 1 participant" in totals
    assert "Not decided yet 2 participants" in totals
    assert "Red – Dominant 2 participants" in totals
    assert "Green – Steady 1 participant" in totals
    assert "Style not chosen yet 2 participants" in totals
    assert "@" not in totals and "Northwind" not in totals


def test_the_page_polls_itself_and_htmx_gets_only_the_progress_block(coach, join, workshop):
    join("bo@example.com").own_case(workshop, "exit")
    page = page_text(coach.progress(workshop))
    assert re.search(r'<div id="progress"[^>]*hx-trigger="every 2s"', page)
    assert ">Refresh</a>" in page  # without JavaScript
    fragment = coach.progress(workshop, htmx=True)
    html = page_text(fragment)
    assert html.lstrip().startswith('<div id="progress"')
    assert "<h1>" not in html and "<html" not in html and "Back to the workshop" not in html
    assert "bo@example.com" in html and "The group: 1 participant" in text(fragment)
    assert "HX-Request" in fragment.headers.get("Vary", "")


def test_a_closed_workshops_progress_no_longer_polls(coach, join, workshop):
    join("bo@example.com")
    coach.post(f"/workshops/{workshop}/close")
    page = page_text(coach.progress(workshop))
    assert "bo@example.com" in page and "hx-trigger" not in page


def test_the_progress_poll_asks_the_database_the_same_few_times_for_any_group(
    app, coach, join, workshop
):
    def queries() -> int:
        seen = []
        with app.app_context():
            engine = db.engine
        listener = lambda *args: seen.append(1)  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            assert coach.progress(workshop, htmx=True).status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return len(seen)

    for n in range(2):
        join(f"p{n}@example.com").own_case(workshop, "exit")
    few = queries()
    for n in range(2, 6):
        someone = join(f"p{n}@example.com")
        someone.own_case(workshop, "exit")
        someone.own_case(workshop, "keep")
    assert queries() == few
    assert few <= 8


def test_the_coach_page_links_to_the_progress(coach, workshop):
    page = page_text(coach.client.get(f"/workshops/{workshop}"))
    assert f'href="/workshops/{workshop}/progress"' in page


# ---- sharing ------------------------------------------------------------------------------


def test_a_shared_plan_opens_read_only_for_the_coach(coach, join, workshop):
    bo = join("bo@example.com")
    plan_id = bo.own_case(workshop, "exit")
    decide(bo, plan_id, "exit")
    assert coach.read_shared(workshop, plan_id).status_code == 404  # private by default
    shared = bo.share(workshop, plan_id)
    assert shared.status_code == 302
    page = bo.client.get(shared.headers["Location"])
    assert "The coaches can now read “Northwind Retail Ltd”" in text(page)
    assert "Shared with the coaches since" in text(page)
    assert "Stop sharing" in text(page)
    listed = block(coach.progress(workshop), "shared-plans")
    assert "Northwind Retail Ltd · bo@example.com · shared since" in listed
    plan = coach.read_shared(workshop, plan_id)
    assert plan.status_code == 200
    assert "Shared by bo@example.com since" in text(plan) and "read-only" in text(plan)
    assert RATIONALE in text(plan)  # the plan's own report
    assert "<form" not in page_text(plan)
    # the coach can never edit it: the plan's own pages are the owner's alone
    assert coach.client.get(f"/plans/{plan_id}").status_code == 404
    edit = coach.save_step(plan_id, "decision", {"choice": "keep", "rationale": "No."})
    assert edit.status_code == 404


def test_sharing_another_plan_stops_sharing_the_first(app, coach, join, workshop):
    bo = join("bo@example.com")
    first, second = bo.own_case(workshop, "exit"), bo.own_case(workshop, "keep")
    bo.share(workshop, first)
    bo.share(workshop, second)
    page = text(bo.client.get(f"/workshops/{workshop}"))
    assert page.count("Shared with the coaches since") == 1
    assert page.count("Share with the coach") == 1 and page.count("Stop sharing") == 1
    assert coach.read_shared(workshop, first).status_code == 404
    assert coach.read_shared(workshop, second).status_code == 200
    listed = block(coach.progress(workshop), "shared-plans")
    assert "Fernhill" in listed and "Northwind" not in listed


def test_when_the_owner_stops_sharing_the_coach_can_no_longer_read_it(coach, join, workshop):
    bo = join("bo@example.com")
    plan_id = bo.own_case(workshop, "exit")
    bo.share(workshop, plan_id)
    stopped = bo.stop_sharing(workshop, plan_id)
    assert "“Northwind Retail Ltd” is private again" in text(
        bo.client.get(stopped.headers["Location"])
    )
    assert coach.read_shared(workshop, plan_id).status_code == 404
    assert "Nobody shares a plan with you right now" in block(
        coach.progress(workshop), "shared-plans"
    )


def test_closing_the_workshop_ends_sharing(coach, join, workshop):
    bo = join("bo@example.com")
    plan_id = bo.own_case(workshop, "exit")
    bo.share(workshop, plan_id)
    coach.post(f"/workshops/{workshop}/close")
    assert coach.read_shared(workshop, plan_id).status_code == 404
    page = text(bo.client.get(f"/workshops/{workshop}"))
    assert "Shared with the coaches" not in page and "Share with the coach" not in page
    assert bo.share(workshop, plan_id).status_code == 404


def test_a_removed_participants_plan_is_no_longer_readable(app, coach, join, workshop):
    bo = join("bo@example.com")
    plan_id = bo.own_case(workshop, "exit")
    bo.share(workshop, plan_id)
    with app.app_context():
        bo_id = db.session.query(User).filter_by(email="bo@example.com").one().id
    coach.post(f"/workshops/{workshop}/participants/{bo_id}/remove")
    assert coach.read_shared(workshop, plan_id).status_code == 404
    assert "bo@example.com" not in page_text(coach.progress(workshop))


def test_an_unshared_plan_is_the_same_404_as_one_that_does_not_exist(coach, join, workshop):
    bo = join("bo@example.com")
    plan_id = bo.own_case(workshop, "exit")
    unshared, missing = coach.read_shared(workshop, plan_id), coach.read_shared(workshop, 999999)
    assert unshared.status_code == missing.status_code == 404
    # the same page, but for the address in the language switch's "come back here"
    assert page_text(unshared).replace(f"/shared/{plan_id}", "/shared/N") == page_text(
        missing
    ).replace("/shared/999999", "/shared/N")


def test_only_the_owner_shares_a_plan(coach, join, workshop):
    bo, cy = join("bo@example.com"), join("cy@example.com")
    plan_id = bo.own_case(workshop, "exit")
    assert cy.share(workshop, plan_id).status_code == 404
    assert coach.share(workshop, plan_id).status_code == 404
    assert coach.read_shared(workshop, plan_id).status_code == 404


def test_the_co_coach_reads_a_shared_plan_and_the_owner_uses_their_own_page(
    coach, join, person, workshop
):
    co = person("co@example.com")
    coach.add_co_coach(workshop, "co@example.com")
    bo = join("bo@example.com")
    plan_id = bo.own_case(workshop, "exit")
    bo.share(workshop, plan_id)
    assert co.read_shared(workshop, plan_id).status_code == 200
    assert "bo@example.com" in page_text(co.progress(workshop))
    assert bo.read_shared(workshop, plan_id).status_code == 404
    assert bo.progress(workshop).status_code == 404


def test_the_progress_and_sharing_speak_dutch(person):
    coach = person("coach-nl@example.com", "nl")
    workshop = coach.new_workshop(language="nl", cases=("exit",))
    code = coach.code_of(workshop)
    bo, cy = person("bo@example.com", "nl"), person("cy@example.com", "nl")
    bo.join(code), cy.join(code)
    plan_id = bo.own_case(workshop, "exit")
    assert "Delen met de coach" in text(bo.client.get(f"/workshops/{workshop}"))
    shared = bo.share(workshop, plan_id)
    assert "Gedeeld met de coaches sinds" in text(bo.client.get(shared.headers["Location"]))
    page = coach.progress(workshop)
    assert "Voortgang" in text(page)
    totals = block(page, "progress-totals")
    assert "De groep: 2 deelnemers" in totals
    assert "Nog geen case begonnen 1 deelnemer" in totals
    assert "Nog niet beslist 2 deelnemers" in totals
    assert "Stap 1 van 13: Klant & contactpersonen" in row_of(page, "bo@example.com")
    assert "gedeeld sinds" in block(page, "shared-plans")
