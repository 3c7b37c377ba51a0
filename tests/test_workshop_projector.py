"""The projector: the room reads the join code, how many joined, the phase timer the coach set
and a plan a participant shares, from the back of the room; only the coaches open it."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
import segno
from sqlalchemy import select

from app.extensions import db
from app.models import Workshop, WorkshopPlan
from app.workshops import projector, store
from tests.helpers import visible_text
from tests.workshop_helpers import WorkshopActions, field_errors

ONE_LINE = "Write the name on one line, without control characters."
START = datetime(2027, 3, 11, 9, 30, tzinfo=UTC)


@dataclass
class Room:
    workshop_id: int
    code: str
    coach: WorkshopActions
    people: list[WorkshopActions]

    @property
    def url(self) -> str:
        return f"/workshops/{self.workshop_id}/projector"

    def screen(self, who: WorkshopActions | None = None) -> str:
        """What the projector shows, as text."""
        response = (who or self.coach).client.get(self.url)
        assert response.status_code == 200
        return visible_text(response.get_data(as_text=True))


class Clock:
    """The time the projector counts against, moved by the test."""

    def __init__(self, monkeypatch):
        self.now = START
        monkeypatch.setattr(projector, "now", lambda: self.now)

    def wait(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)


@pytest.fixture
def room(app, coach, person) -> Room:
    """A workshop with three participants who joined with the code."""
    workshop_id = coach.new_workshop(title="Ending well – March", cases=("exit",))
    with app.app_context():
        code = db.session.get(Workshop, workshop_id).join_code
    people = []
    for n in range(3):
        someone = person(f"p{n}@example.com")
        assert someone.join(code).status_code == 302
        people.append(someone)
    return Room(workshop_id, code, coach, people)


def _share(app, room: Room, who: WorkshopActions, client="Harbour Foods", **data) -> int:
    """`who` starts the exit case, writes their decision and steps, and shares the plan;
    returns the plan's id."""
    response = who.start_case(room.workshop_id, "exit")
    plan_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        row = db.session.scalar(select(WorkshopPlan).where(WorkshopPlan.plan_id == plan_id))
        document = copy.deepcopy(row.plan.data)
        document["client"]["name"] = client
        document.update(data)
        row.plan.data = document
        db.session.commit()
        store.share(db.session.get(Workshop, room.workshop_id), row)
    return plan_id


def _stop_sharing(app, plan_id: int) -> None:
    with app.app_context():
        row = db.session.scalar(select(WorkshopPlan).where(WorkshopPlan.plan_id == plan_id))
        store.stop_sharing(db.session.get(Workshop, row.workshop_id), row)


def _show(room: Room, plan_id) -> object:
    return room.coach.post(f"/workshops/{room.workshop_id}/projector/plan", {"plan": plan_id})


def test_the_projector_shows_the_code_the_qr_code_and_how_many_joined(room):
    page = room.coach.client.get(room.url).get_data(as_text=True)
    text = visible_text(page)
    assert f"{room.code[:4]}-{room.code[4:]}" in text
    assert "3 joined" in text
    qr = re.search(r'<svg viewBox="[^"]+" class="qr">.*?</svg>', page, re.S).group(0)
    link = f"http://localhost/join/{room.code}"
    assert re.search(r' d="([^"]+)"', segno.make(link, error="m").svg_inline()).group(0) in qr
    assert "/join" in text  # where to type the code


def test_the_projector_has_no_forms_and_no_navigation(room):
    page = room.coach.client.get(room.url).get_data(as_text=True)
    assert "<form" not in page
    assert "site-header" not in page and "Log out" not in page
    assert 'class="projector"' in page


def test_coaches_are_not_counted_as_joined(room, app):
    room.coach.add_co_coach(room.workshop_id, "p0@example.com")  # a participant promoted
    assert "2 joined" in room.screen()


def test_one_participant_reads_as_one(app, coach, person):
    workshop_id = coach.new_workshop()
    with app.app_context():
        code = db.session.get(Workshop, workshop_id).join_code
    person("solo@example.com").join(code)
    assert "1 joined" in visible_text(
        coach.client.get(f"/workshops/{workshop_id}/projector").get_data(as_text=True)
    )


def test_the_screen_refreshes_itself_with_htmx_and_sends_only_its_fragment(room):
    page = room.coach.client.get(room.url).get_data(as_text=True)
    assert 'hx-trigger="every 2s"' in page and f'hx-get="{room.url}"' in page
    fragment = room.coach.client.get(room.url, headers={"HX-Request": "true"})
    html = fragment.get_data(as_text=True)
    assert html.lstrip().startswith('<div id="projector-screen"')
    assert "<html" not in html and "3 joined" in html
    assert "HX-Request" in fragment.headers["Vary"]


def test_a_coach_sets_the_timer_and_the_room_sees_the_time_left(room, clock):
    response = room.coach.post(
        f"/workshops/{room.workshop_id}/timer", {"label": "Role play", "minutes": "12"}
    )
    assert response.status_code == 302
    assert "12:00" in room.screen() and "Role play" in room.screen()
    clock.wait(seconds=18)
    text = room.screen()
    assert "Role play" in text and "11:42" in text
    page = room.coach.client.get(room.url).get_data(as_text=True)
    assert 'data-seconds-left="702"' in page  # where the script ticks on from


def test_a_preset_starts_its_phase(room, clock):
    room.coach.post(f"/workshops/{room.workshop_id}/timer", {"preset": "debrief"})
    text = room.screen()
    assert "Debrief" in text and "15:00" in text


def test_when_the_time_is_up_the_projector_says_so_in_words(room, clock):
    room.coach.post(f"/workshops/{room.workshop_id}/timer", {"label": "Role play", "minutes": "12"})
    clock.wait(minutes=12)
    assert "Time is up" in room.screen() and "just now" in room.screen()
    clock.wait(minutes=3, seconds=10)
    text = room.screen()
    assert "Time is up" in text and "3 minutes ago" in text and "Role play" in text
    assert "data-seconds-left" not in room.coach.client.get(room.url).get_data(as_text=True)


def test_the_coach_stops_the_timer(room, clock):
    room.coach.post(f"/workshops/{room.workshop_id}/timer", {"label": "Role play", "minutes": "5"})
    coach_page = visible_text(
        room.coach.client.get(f"/workshops/{room.workshop_id}").get_data(as_text=True)
    )
    assert "Running: Role play, 5:00 left." in coach_page
    assert room.coach.post(f"/workshops/{room.workshop_id}/timer/stop").status_code == 302
    text = room.screen()
    assert "Role play" not in text and "5:00" not in text
    coach_page = visible_text(
        room.coach.client.get(f"/workshops/{room.workshop_id}").get_data(as_text=True)
    )
    assert "No timer is running." in coach_page


def test_a_new_timer_replaces_the_running_one(room, clock):
    room.coach.post(f"/workshops/{room.workshop_id}/timer", {"label": "Role play", "minutes": "12"})
    clock.wait(minutes=4)
    room.coach.post(f"/workshops/{room.workshop_id}/timer", {"label": "Debrief", "minutes": "15"})
    text = room.screen()
    assert "Debrief" in text and "15:00" in text and "Role play" not in text


@pytest.mark.parametrize(
    ("locale", "fields", "expected"),
    [
        ("en", {"minutes": "1e9"}, {"minutes": "Enter whole minutes as digits, e.g. 12."}),
        ("en", {"minutes": "-5"}, {"minutes": "Enter whole minutes as digits, e.g. 12."}),
        ("en", {"minutes": "abc"}, {"minutes": "Enter whole minutes as digits, e.g. 12."}),
        ("en", {"minutes": "12.5"}, {"minutes": "Enter whole minutes as digits, e.g. 12."}),
        ("en", {"minutes": ""}, {"minutes": "Enter how many minutes the phase takes."}),
        ("en", {"minutes": "0"}, {"minutes": "A timer runs at least 1 minute."}),
        ("en", {"minutes": "181"}, {"minutes": "A timer runs at most 180 minutes."}),
        ("en", {"minutes": "9" * 5000}, {"minutes": "A timer runs at most 180 minutes."}),
        ("en", {"label": ""}, {"label": "Name the phase, e.g. “Role play”."}),
        ("en", {"label": "x" * 81}, {"label": "Keep the name to 80 characters or fewer."}),
        ("en", {"label": "Role\x00play"}, {"label": ONE_LINE}),
        ("en", {"label": "", "minutes": "x"}, {
            "label": "Name the phase, e.g. “Role play”.",
            "minutes": "Enter whole minutes as digits, e.g. 12.",
        }),
        ("en", {"preset": "nap"}, {"preset": "Choose one of the phases listed."}),
        ("nl", {"minutes": "1e9"}, {"minutes": "Vul hele minuten in cijfers in, bijvoorbeeld 12."}),
        ("nl", {"label": ""}, {"label": "Geef de fase een naam, bijvoorbeeld ‘Rollenspel’."}),
    ],
)  # fmt: skip
def test_a_timer_that_cannot_be_is_refused_next_to_the_field(room, clock, locale, fields, expected):
    if locale != "en":
        room.coach.switch_language(locale)
    response = room.coach.post(
        f"/workshops/{room.workshop_id}/timer", {"label": "Role play", "minutes": "12", **fields}
    )
    assert response.status_code == 422
    assert field_errors(response) == expected
    page = response.get_data(as_text=True)
    if fields.get("label", "Role play") == "Role play":
        assert 'value="Role play"' in page  # what was typed stays
    assert "data-seconds-left" not in room.coach.client.get(room.url).get_data(as_text=True)


def test_a_shared_plan_is_put_on_the_projector_for_discussion(app, room):
    plan_id = _share(
        app,
        room,
        room.people[0],
        decision={"choice": "exit", "rationale": "They cost more than they bring."},
        script={"framing": "We have decided to stop working together from June."},
    )
    coach_page = room.coach.client.get(f"/workshops/{room.workshop_id}").get_data(as_text=True)
    assert "Harbour Foods – p0@example.com" in coach_page  # the coach sees who shares
    assert _show(room, plan_id).status_code == 302
    text = room.screen()
    assert "Harbour Foods" in text
    assert "End the relationship" in text  # the decision
    assert "They cost more than they bring." in text
    assert "Key figures" in text or "Contribution" in text
    assert "We have decided to stop working together from June." in text
    assert "p0@example.com" not in text  # the owner is not named
    assert "3 joined" in text  # the code and the count stay


def test_only_written_steps_are_shown(app, room):
    plan_id = _share(app, room, room.people[0], script={"logic": "The numbers speak."})
    _show(room, plan_id)
    text = room.screen()
    assert "The numbers speak." in text
    assert text.count("The numbers speak.") == 1
    page = room.coach.client.get(room.url).get_data(as_text=True)
    assert page.count('class="projector-plan__step"') == 1


def test_when_the_owner_stops_sharing_the_plan_leaves_the_projector(app, room):
    plan_id = _share(app, room, room.people[1], client="Northwind Retail")
    _show(room, plan_id)
    assert "Northwind Retail" in room.screen()
    _stop_sharing(app, plan_id)
    assert "Northwind Retail" not in room.screen()
    coach_page = visible_text(
        room.coach.client.get(f"/workshops/{room.workshop_id}").get_data(as_text=True)
    )
    assert "The projector shows no plan." in coach_page


def test_the_coach_clears_the_screen(app, room):
    plan_id = _share(app, room, room.people[0])
    _show(room, plan_id)
    assert room.coach.post(f"/workshops/{room.workshop_id}/projector/clear").status_code == 302
    assert "Harbour Foods" not in room.screen()


def test_only_a_plan_shared_now_in_this_workshop_can_be_shown(app, room, person):
    shared = _share(app, room, room.people[0])
    unshared = _share(app, room, room.people[1], client="Quiet Client")
    _stop_sharing(app, unshared)
    elsewhere_coach = person("other-coach@example.com")
    other_id = elsewhere_coach.new_workshop(title="Another room")
    with app.app_context():
        other_code = db.session.get(Workshop, other_id).join_code
    outsider = person("outsider@example.com")
    outsider.join(other_code)
    other_room = Room(other_id, other_code, elsewhere_coach, [outsider])
    foreign = _share(app, other_room, outsider, client="Foreign Client")
    for plan_id in (unshared, foreign, "abc", "", "99999", f"{shared}.0"):
        response = _show(room, plan_id)
        assert response.status_code == 422, plan_id
        assert field_errors(response) == {"plan": "Choose one of the plans shared now."}
    text = room.screen()
    assert "Quiet Client" not in text and "Foreign Client" not in text


def test_a_closed_workshop_shows_that_it_is_closed_and_no_code(app, room, clock):
    plan_id = _share(app, room, room.people[0])
    _show(room, plan_id)
    room.coach.post(f"/workshops/{room.workshop_id}/timer", {"label": "Role play", "minutes": "12"})
    room.coach.post(f"/workshops/{room.workshop_id}/close")
    page = room.coach.client.get(room.url).get_data(as_text=True)
    text = visible_text(page)
    assert "This workshop is closed" in text
    assert room.code[:4] not in page and "<svg" not in page
    assert "Harbour Foods" not in text and "Role play" not in text
    assert "hx-trigger" not in page  # nothing left to refresh


def test_the_coach_page_links_to_the_projector_in_a_new_tab(room):
    page = room.coach.client.get(f"/workshops/{room.workshop_id}").get_data(as_text=True)
    link = re.search(r'<a [^>]*href="/workshops/\d+/projector"[^>]*>', page).group(0)
    assert 'target="_blank"' in link
    assert "Open the projector view" in page
    assert "Role play: 12 minutes" in visible_text(page)


def test_a_co_coach_runs_the_projector_too(app, room, person, clock):
    co = person("co@example.com")
    room.coach.add_co_coach(room.workshop_id, "co@example.com")
    response = co.post(f"/workshops/{room.workshop_id}/timer", {"preset": "role_play"})
    assert response.status_code == 302
    assert "Role play" in room.screen(co) and "12:00" in room.screen(co)


def test_the_projector_is_in_dutch_for_a_dutch_coach(app, room, clock):
    room.coach.switch_language("nl")
    room.coach.post(f"/workshops/{room.workshop_id}/timer", {"preset": "role_play"})
    text = room.screen()
    assert "3 doen mee" in text and "Rollenspel" in text and "12:00" in text
    clock.wait(minutes=14)
    assert "De tijd is om" in room.screen()


def test_a_preset_phase_is_named_in_the_language_it_is_read_in(room, clock):
    """The coach starts "Role play" in English and then switches to Dutch: the projector and
    the coach's page call it "Rollenspel" (a typed name stays as typed)."""
    room.coach.post(f"/workshops/{room.workshop_id}/timer", {"preset": "role_play"})
    assert "Role play" in room.screen()
    room.coach.switch_language("nl")
    assert "Rollenspel" in room.screen() and "Role play" not in room.screen()
    coach_page = visible_text(
        room.coach.client.get(f"/workshops/{room.workshop_id}").get_data(as_text=True)
    )
    assert "Rollenspel" in coach_page
    room.coach.post(f"/workshops/{room.workshop_id}/timer", {"label": "Lunch", "minutes": "30"})
    assert "Lunch" in room.screen()
