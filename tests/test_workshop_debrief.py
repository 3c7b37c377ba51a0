"""The debrief and the end of a workshop: the coach sees the observers' ticks added up per point
and round (naming nobody), closes the workshop and takes home a summary with totals only;
participants keep their plans."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from app.extensions import db
from app.models import Plan, Workshop
from tests.helpers import pdf_text, visible_text

SECRET = "Our secret reason nobody else may read"


@dataclass
class Room:
    workshop_id: int
    people: list  # the participants' browsers, in joining order


def _text(response) -> str:
    """The page's text with its line breaks and runs of spaces made single spaces."""
    return " ".join(visible_text(response.get_data(as_text=True)).replace("\u00a0", " ").split())


def _room(app, coach, person, language="en", locale=None) -> Room:
    """Six participants (two groups of three), each with their own copy of the exit case."""
    workshop_id = coach.new_workshop(language=language, cases=("exit", "keep"))
    with app.app_context():
        code = db.session.get(Workshop, workshop_id).join_code
    people = []
    for n in range(6):
        someone = person(f"p{n}@example.com", locale=locale)
        someone.join(code)
        people.append(someone)
    for n, someone in enumerate(people[:5]):
        plan_id = someone.own_case(workshop_id, "exit" if n < 4 else "keep")
        if n < 2:
            someone.save_step(plan_id, "decision", {"choice": "exit", "rationale": SECRET})
    return Room(workshop_id, people)


@pytest.fixture
def room(app, coach, person) -> Room:
    return _room(app, coach, person)


def _two_rounds(coach, room: Room) -> None:
    """Round 1: p2 and p5 observe; round 2: p0 and p3 observe."""
    coach.form_triads(room.workshop_id)
    coach.next_round(room.workshop_id)
    room.people[2].observe(room.workshop_id, ticks=["individual", "framing", "thank"])
    room.people[5].observe(
        room.workshop_id, ticks=["framing", "logic"], notes={"logic": "Two clear reasons."}
    )
    coach.next_round(room.workshop_id)
    room.people[0].observe(room.workshop_id, ticks=["framing", "individual"])
    room.people[3].observe(room.workshop_id, ticks=["framing"])


def test_the_debrief_adds_up_the_observers_ticks_per_point_and_round(coach, room):
    _two_rounds(coach, room)
    page = coach.client.get(f"/workshops/{room.workshop_id}/debrief")
    assert page.status_code == 200
    text = _text(page)
    assert "4 observation sheets so far" in text
    assert "Round 1 2 sheets Round 2 2 sheets In all" in text
    assert re.search(r"Frame it well\s+2\s+2\s+4 of 4", text)
    assert re.search(r"An individual approach\s+1\s+1\s+2 of 4", text)
    assert re.search(r"Explain the logic\s+1\s+0\s+1 of 4", text)
    # The first point nobody saw is where the debrief starts.
    assert re.search(r"Expect an emotional reaction \(seen least\)\s+0\s+0\s+0 of 4", text)
    assert "Seen least Expect an emotional reaction Start the debrief with the point" in text
    assert "Which of the seven steps was hardest to say out loud" in text


def test_the_debrief_names_nobody_and_quotes_no_note(coach, room):
    _two_rounds(coach, room)
    html = coach.client.get(f"/workshops/{room.workshop_id}/debrief").get_data(as_text=True)
    assert "@example.com" not in html
    assert "Two clear reasons." not in html and SECRET not in html


def test_the_ticks_refresh_by_themselves_while_the_workshop_is_open(coach, room):
    page = coach.client.get(f"/workshops/{room.workshop_id}/debrief").get_data(as_text=True)
    assert 'hx-trigger="every 5s"' in page
    assert "No observer has filled in a sheet yet" in _text(
        coach.client.get(f"/workshops/{room.workshop_id}/debrief")
    )
    _two_rounds(coach, room)
    fragment = coach.client.get(
        f"/workshops/{room.workshop_id}/debrief", headers={"HX-Request": "true"}
    ).get_data(as_text=True)
    assert fragment.lstrip().startswith('<div id="ticks"')
    assert "<html" not in fragment and "Questions for the room" not in fragment
    assert "4 observation sheets so far" in visible_text(fragment)


def _summary(client, workshop_id: int) -> str:
    response = client.get(f"/workshops/{workshop_id}/summary.pdf")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/pdf"
    return " ".join(pdf_text(response.data).split())


def test_the_summary_has_every_total_and_nothing_of_anyone(coach, room):
    _two_rounds(coach, room)
    text = _summary(coach.client, room.workshop_id)
    assert "Summary of the workshop" in text and "Ending well – March" in text
    assert "11 March 2027 · cases in English" in text
    assert "Totals only: this summary names no participant" in text
    for line in (
        "Participants 6",
        "Coach and co-coaches 1",
        "Case started: “Northwind Retail — a design studio lets a retail chain go” 4",
        "Case started: “Fernhill Labs — a brilliant client that wears the team out” 1",
        "How far the participants got Client & contacts 3 (50%) Recommendation & decision 2 (33%)",
        "Decisions taken",
        "End the relationship 2 (33%)",
        "Not decided yet 4 (67%)",
        "No case started 1 (17%)",
        "Style not chosen 6 (100%)",
        "Groups formed 2",
        "Rounds started 2",
        "Observation sheets filled in 4",
        "Frame it well 4 (100%)",
        "An individual approach 2 (50%)",
        "Expect an emotional reaction 0 (0%)",
    ):
        assert line in text, line
    assert "@example.com" not in text
    assert SECRET not in text and "Two clear reasons." not in text


def test_the_summary_of_a_workshop_where_nothing_happened_yet(coach, app, person):
    workshop_id = coach.new_workshop()
    text = _summary(coach.client, workshop_id)
    assert "Participants 0" in text
    assert "No observer filled in a sheet." in text


def test_a_dutch_coach_gets_the_debrief_and_the_summary_in_dutch(app, person):
    coach = person("coach-nl@example.com", locale="nl")
    room = _room(app, coach, person, language="nl", locale="nl")
    _two_rounds(coach, room)
    text = _text(coach.client.get(f"/workshops/{room.workshop_id}/debrief"))
    assert "4 observatieformulieren tot nu toe" in text
    assert "Vragen voor de zaal" in text and "Welke van de zeven stappen" in text
    summary = _summary(coach.client, room.workshop_id)
    assert "Samenvatting van de workshop" in summary
    assert "11 maart 2027 · cases in het Nederlands" in summary
    assert "Deelnemers 6" in summary
    assert "Ingevulde observatieformulieren 4" in summary
    assert "De samenwerking beëindigen 2 (33%)" in summary


def test_closing_from_the_debrief_ends_sharing_and_participants_keep_their_plans(app, coach, room):
    owner = room.people[0]
    plan_id = owner.own_case(room.workshop_id, "exit")  # the copy made in _room
    assert owner.share(room.workshop_id, plan_id).status_code == 302
    assert coach.client.get(f"/workshops/{room.workshop_id}/shared/{plan_id}").status_code == 200
    assert "Close the workshop" in _text(coach.client.get(f"/workshops/{room.workshop_id}/debrief"))
    coach.post(f"/workshops/{room.workshop_id}/close")
    after = coach.client.get(f"/workshops/{room.workshop_id}/debrief")
    assert "This workshop is closed. Participants keep their own plans." in _text(after)
    assert "hx-trigger" not in after.get_data(as_text=True)
    assert coach.client.get(f"/workshops/{room.workshop_id}/shared/{plan_id}").status_code == 404
    assert "closed on" in _summary(coach.client, room.workshop_id)
    assert owner.client.get(f"/plans/{plan_id}").status_code == 200
    with app.app_context():
        assert db.session.get(Plan, plan_id).data["decision"]["rationale"] == SECRET
    assert "Open my plan" in _text(owner.client.get(f"/workshops/{room.workshop_id}"))


def test_the_coach_page_leads_through_the_session_in_order(coach, room):
    text = _text(coach.client.get(f"/workshops/{room.workshop_id}"))
    order = [
        text.index(words)
        for words in ("Progress", "Projector view", "Role plays in threes", "Debrief and summary")
    ]
    assert order == sorted(order)
