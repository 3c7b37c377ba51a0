"""Role plays in threes: the coach forms groups from who has joined and moves people; each
round the roles move on; the one who plays the client reads a card made from the speaker's
plan, the observer ticks and notes a checklist; both documents come as A4 PDFs."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from app.extensions import db
from app.models import User, Workshop, WorkshopObservation
from app.workshops import triad_store
from tests.helpers import SEVEN_STEPS, pdf_text, visible_text


@dataclass
class Room:
    workshop_id: int
    people: list  # the participants' browsers, in joining order
    ids: list[int]

    def email(self, n: int) -> str:
        return f"p{n}@example.com"


def _text(response) -> str:
    return visible_text(response.get_data(as_text=True)).replace("\u00a0", " ")


def _room(app, coach, person, count=7, language="en", locale=None) -> Room:
    workshop_id = coach.new_workshop(language=language)
    with app.app_context():
        code = db.session.get(Workshop, workshop_id).join_code
    people = []
    for n in range(count):
        someone = person(f"p{n}@example.com", locale=locale)
        someone.join(code)
        people.append(someone)
    with app.app_context():
        ids = {u.email: u.id for u in db.session.query(User)}
    return Room(workshop_id, people, [ids[f"p{n}@example.com"] for n in range(count)])


@pytest.fixture
def room(app, coach, person) -> Room:
    return _room(app, coach, person)


def _groups(coach, room: Room) -> list[list[str]]:
    """The groups on the coach's page: the e-mail addresses per group, in order."""
    page = coach.client.get(f"/workshops/{room.workshop_id}/triads").get_data(as_text=True)
    found = []
    for part in page.split('class="card triads-group"')[1:]:
        found.append([e for e in (room.email(n) for n in range(len(room.ids))) if e in part])
    return found


def test_the_coach_forms_groups_of_three_and_four_from_seven_participants(coach, room):
    assert "Role plays in threes" in _text(coach.client.get(f"/workshops/{room.workshop_id}"))
    assert coach.form_triads(room.workshop_id).status_code == 302
    assert _groups(coach, room) == [
        ["p0@example.com", "p1@example.com", "p2@example.com"],
        ["p3@example.com", "p4@example.com", "p5@example.com", "p6@example.com"],
    ]
    text = _text(coach.client.get(f"/workshops/{room.workshop_id}/triads"))
    assert "Round 1 has not started yet" in text
    assert "p0@example.com\nbrings the message\n" in text
    assert "p1@example.com\nplays the client\n" in text
    assert "p2@example.com\nobserves\n" in text
    assert "p6@example.com\nobserves\n" in text  # the group of four has two observers


def test_the_coach_moves_a_participant_and_a_group_never_shrinks_to_one(coach, room):
    coach.form_triads(room.workshop_id)
    assert coach.move_to_group(room.workshop_id, room.ids[6], 1).status_code == 302
    assert _groups(coach, room)[0] == [
        "p0@example.com",
        "p1@example.com",
        "p2@example.com",
        "p6@example.com",
    ]
    coach.move_to_group(room.workshop_id, room.ids[5], 1)  # group 2 is now p3, p4
    refused = coach.move_to_group(room.workshop_id, room.ids[4], 1)
    assert refused.status_code == 422
    assert "the group they leave would have only one person left" in _text(refused)
    assert _groups(coach, room)[1] == ["p3@example.com", "p4@example.com"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"user_id": "99999", "group": "1"}, "Choose a participant of this workshop."),
        ({"user_id": "abc", "group": "1"}, "Choose a participant of this workshop."),
        ({"group": "7"}, "Choose one of the groups listed."),
        ({"group": "x" * 50}, "Choose one of the groups listed."),
    ],
)
def test_a_move_that_cannot_be_done_says_why(coach, room, fields, message):
    coach.form_triads(room.workshop_id)
    data = {"user_id": str(room.ids[0]), **fields}
    response = coach.post(f"/workshops/{room.workshop_id}/triads/move", data)
    assert response.status_code == 422
    assert message in _text(response)


def test_one_participant_has_nobody_to_play_with(app, coach, person):
    alone = _room(app, coach, person, count=1)
    response = coach.form_triads(alone.workshop_id)
    assert response.status_code == 422
    assert "there is nobody to play with yet" in _text(response)


def test_two_participants_are_a_pair_without_an_observer(app, coach, person):
    pair = _room(app, coach, person, count=2)
    coach.form_triads(pair.workshop_id)
    text = _text(coach.client.get(f"/workshops/{pair.workshop_id}/triads"))
    assert "brings the message" in text and "plays the client" in text
    assert "observes" not in text


def test_the_next_round_moves_every_role_on(coach, room):
    coach.form_triads(room.workshop_id)
    coach.next_round(room.workshop_id)  # round 1 starts
    coach.next_round(room.workshop_id)
    text = _text(coach.client.get(f"/workshops/{room.workshop_id}/triads"))
    assert "Round 2" in text
    assert "p1@example.com\nbrings the message\n" in text
    assert "p2@example.com\nplays the client\n" in text
    assert "p0@example.com\nobserves\n" in text
    speaker = _text(room.people[1].my_roleplay(room.workshop_id))
    assert "Group 1: you bring the message" in speaker


def test_each_role_sees_what_goes_with_it(coach, room):
    room.people[0].start_case(room.workshop_id, "exit")
    coach.form_triads(room.workshop_id)
    speaker = _text(room.people[0].my_roleplay(room.workshop_id))
    assert "You bring the message to p1@example.com" in speaker
    assert "p2@example.com observes" in speaker
    assert "Role-play card" not in speaker and "Observer's checklist" not in speaker
    client = _text(room.people[1].my_roleplay(room.workshop_id))
    assert "Group 1: you play the client" in client
    for words in (
        "p0@example.com is coming to tell you something",
        "Claire Hughes",
        "Head of Marketing",
        "Your style: Conscientious (C, blue)",
        "How to play it",
        "Denial",
        "“That can't be right. Your figures must be wrong.”",
        "A legal threat",
        "What would make you feel respected",
        "They thank you for the years you worked together",
    ):
        assert words in client
    assert "The plan says nothing yet about how the collaboration went" in client
    observer = _text(room.people[2].my_roleplay(room.workshop_id))
    assert "Observer's checklist" in observer
    assert "p0@example.com brings the message to p1@example.com" in observer
    for title in SEVEN_STEPS:
        assert title in observer
    assert "Debrief questions" in observer
    outside = _text(room.people[3].my_roleplay(room.workshop_id))
    assert "Group 2: you bring the message" in outside and "Claire Hughes" not in outside


def test_a_speaker_without_a_plan_gets_a_card_from_the_workshops_case(coach, room):
    coach.form_triads(room.workshop_id)
    client = _text(room.people[1].my_roleplay(room.workshop_id))
    assert "p0@example.com has not started a case in this workshop yet" in client
    assert "Claire Hughes" in client  # the contact of the workshop's case


def test_the_card_follows_the_plan_the_speaker_changed_last(app, coach, room):
    room.people[0].start_case(room.workshop_id, "exit")
    with app.app_context():
        workshop = db.session.get(Workshop, room.workshop_id)
        plan = triad_store.speaker_plan(workshop, room.ids[0])
        data = dict(plan.data)
        contact = {**data["client"]["contacts"][0], "disc": None, "name": "Dana Moss"}
        data["client"] = {**data["client"], "contacts": [contact]}
        plan.data = data
        db.session.commit()
    coach.form_triads(room.workshop_id)
    client = _text(room.people[1].my_roleplay(room.workshop_id))
    assert "Dana Moss" in client
    assert "The plan has no style for this contact yet" in client


def test_the_observer_ticks_and_notes_and_finds_them_again(app, coach, room):
    coach.form_triads(room.workshop_id)
    observer = room.people[2]
    saved = observer.observe(
        room.workshop_id, ticks=["framing", "thank"], notes={"logic": "Two clear reasons."}
    )
    assert saved.status_code == 302
    page = observer.my_roleplay(room.workshop_id).get_data(as_text=True)
    assert 'value="framing" id="tick-framing" checked' in page
    assert 'value="logic" id="tick-logic">' in page
    assert "Two clear reasons.</textarea>" in page
    with app.app_context():
        row = db.session.query(WorkshopObservation).one()
        assert (row.round, row.ticks, row.notes) == (
            1,
            ["framing", "thank"],
            {"logic": "Two clear reasons."},
        )
        sheets = triad_store.ticks_by_round(db.session.get(Workshop, room.workshop_id))
        assert sheets == {1: [["framing", "thank"]]}
    again = observer.observe(room.workshop_id, ticks=["logic"], htmx=True)
    assert again.status_code == 200
    assert "Saved." in _text(again) and "<textarea" not in again.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(WorkshopObservation).one().ticks == ["logic"]


@pytest.mark.parametrize(
    ("ticks", "fields", "message"),
    [
        (["lottery"], {}, "Tick only the points on the checklist."),
        ([], {"note_logic": "x" * 10_000}, "Keep a note under 2000 characters."),
        ([], {"note_../../etc": "x"}, "This form has no such field: nothing was saved."),
        ([], {"ticks[]": "framing"}, "This form has no such field: nothing was saved."),
    ],
)
def test_a_bad_observation_is_refused_with_a_message_and_nothing_lost(
    app, coach, room, ticks, fields, message
):
    coach.form_triads(room.workshop_id)
    observer = room.people[2]
    observer.observe(room.workshop_id, ticks=["thank"])
    response = observer.observe(room.workshop_id, ticks=[*ticks, "framing"], **fields)
    assert response.status_code == 422
    assert message in _text(response)
    assert 'value="framing" id="tick-framing" checked' in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(WorkshopObservation).one().ticks == ["thank"]
    htmx = observer.observe(room.workshop_id, ticks=ticks, htmx=True, **fields)
    assert htmx.status_code == 422 and message in _text(htmx)


def test_only_the_roles_of_this_round_get_the_documents(coach, room):
    coach.form_triads(room.workshop_id)
    speaker, client, observer, elsewhere = room.people[:4]
    path = f"/workshops/{room.workshop_id}/roleplay"
    assert client.client.get(f"{path}/card.pdf").status_code == 200
    assert observer.client.get(f"{path}/checklist.pdf").status_code == 200
    for who, what in (
        (speaker, "card"),
        (observer, "card"),
        (elsewhere, "card"),
        (speaker, "checklist"),
        (client, "checklist"),
        (elsewhere, "checklist"),
        (coach, "card"),
    ):
        assert who.client.get(f"{path}/{what}.pdf").status_code == 404
    assert speaker.observe(room.workshop_id, ticks=["framing"]).status_code == 404
    assert coach.client.get(path).status_code == 404


def test_a_removed_participant_drops_out_of_their_group(coach, room):
    coach.form_triads(room.workshop_id)
    coach.post(f"/workshops/{room.workshop_id}/participants/{room.ids[2]}/remove")
    assert _groups(coach, room)[0] == ["p0@example.com", "p1@example.com"]
    assert room.people[2].my_roleplay(room.workshop_id).status_code == 404


def test_a_closed_workshop_keeps_its_groups_but_the_coach_changes_nothing(coach, room):
    coach.form_triads(room.workshop_id)
    coach.post(f"/workshops/{room.workshop_id}/close")
    assert coach.client.get(f"/workshops/{room.workshop_id}/triads").status_code == 200
    assert coach.form_triads(room.workshop_id).status_code == 404
    assert coach.next_round(room.workshop_id).status_code == 404
    assert coach.move_to_group(room.workshop_id, room.ids[6], 1).status_code == 404
    assert room.people[2].observe(room.workshop_id, ticks=["framing"]).status_code == 404
    assert "can no longer be changed" in _text(room.people[2].my_roleplay(room.workshop_id))


CARD_SECTIONS = {
    "en": (
        "Role-play card",
        "Who you are",
        "Your history with the supplier",
        "Your style",
        "How to play it",
        "What you care about",
        "Reactions to try",
        "What would make you feel respected",
    ),
    "nl": (
        "Rollenspelkaart",
        "Wie je bent",
        "Jullie geschiedenis met de leverancier",
        "Jouw stijl",
        "Zo speel je het",
        "Waar het jou om gaat",
        "Reacties om uit te proberen",
        "Waardoor je je gerespecteerd voelt",
    ),
}
CHECKLIST_SECTIONS = {
    "en": (
        "Observer's checklist",
        "The seven steps",
        *SEVEN_STEPS,
        "The client's perspective",
        "They thanked the client for the years together.",
        "Debrief questions",
        "To the one who played the client",
    ),
    "nl": (
        "Checklist voor de observator",
        "De zeven stappen",
        "Een persoonlijke aanpak",
        "Blijf in contact",
        "Het perspectief van de klant",
        "De klant is bedankt voor de jaren samenwerking.",
        "Vragen voor de nabespreking",
        "Aan wie de klant speelde",
    ),
}
CONTACT = {"en": ("Claire Hughes", "Conscientious"), "nl": ("Marco van Dijk", "Dominant")}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_card_and_the_checklist_as_pdfs_in_both_languages(app, coach, person, lang):
    room = _room(app, coach, person, count=3, language=lang, locale=lang)
    room.people[0].start_case(room.workshop_id, "exit")
    coach.form_triads(room.workshop_id)
    room.people[2].observe(room.workshop_id, ticks=["framing"], notes={"logic": "Helder."})
    card = room.people[1].client.get(f"/workshops/{room.workshop_id}/roleplay/card.pdf")
    assert card.mimetype == "application/pdf"
    assert card.headers["X-Download-Name"].startswith(
        {"en": "role-play-card", "nl": "rollenspelkaart"}[lang]
    )
    text = " ".join(pdf_text(card.data).split())
    for words in (*CARD_SECTIONS[lang], *CONTACT[lang]):
        assert words in text
    checklist = room.people[2].client.get(f"/workshops/{room.workshop_id}/roleplay/checklist.pdf")
    text = " ".join(pdf_text(checklist.data).split())
    for words in CHECKLIST_SECTIONS[lang]:
        assert words in text
    assert "Helder." in text


def test_the_one_bringing_the_message_gets_their_plan_and_its_meeting_card(coach, room):
    speaker = room.people[0]
    before = _text(speaker.my_roleplay(room.workshop_id))
    coach.form_triads(room.workshop_id)
    assert "You have not started a case yet" in _text(speaker.my_roleplay(room.workshop_id))
    plan_id = speaker.own_case(room.workshop_id, "exit")
    page = speaker.my_roleplay(room.workshop_id).get_data(as_text=True)
    assert f'href="/plans/{plan_id}"' in page
    assert f'href="/plans/{plan_id}/card.pdf"' in page and "My meeting card (PDF)" in page
    card = speaker.client.get(f"/plans/{plan_id}/card.pdf")
    assert card.status_code == 200 and card.data.startswith(b"%PDF")
    assert "You are not in a group yet" in before
