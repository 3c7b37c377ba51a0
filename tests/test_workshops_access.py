"""Who may do what in a workshop, as a table: every workshop route, asked by each kind of
person, in an open and in a closed workshop. A non-member and a removed participant get 404
for the workshop itself (not 403): nothing tells them it exists."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from app.extensions import db
from app.models import User, Workshop
from tests.workshop_helpers import WorkshopActions

ROLES = ("stranger", "participant", "removed", "co_coach", "coach")

# route → expected status for (stranger, participant, removed, co_coach, coach)
OPEN = {
    "GET /workshops/<id>": (404, 200, 404, 200, 200),
    "POST /workshops/<id>/co-coaches": (404, 404, 404, 404, 302),
    "POST /workshops/<id>/participants/<other>/remove": (404, 404, 404, 302, 302),
    "POST /workshops/<id>/close": (404, 404, 404, 302, 302),
    "POST /workshops/<id>/cases/exit/start": (404, 302, 404, 404, 404),
    "GET /join/<code>": (200, 302, 403, 302, 302),
    "POST /join/<code>": (302, 302, 403, 302, 302),
    "GET /workshops/<id>/progress": (404, 404, 404, 200, 200),
    # <plan> is the participant's own plan, shared with the workshop
    "GET /workshops/<id>/shared/<plan>": (404, 404, 404, 200, 200),
    "POST /workshops/<id>/plans/<plan>/share": (404, 302, 404, 404, 404),
    "POST /workshops/<id>/plans/<plan>/stop-sharing": (404, 302, 404, 404, 404),
    # Role plays (app/workshops/triads.py). The room's groups are one pair: participant
    # speaks, other plays the client, nobody observes; the move asked for is refused (422,
    # "already in that group") but only a coach gets that far.
    "GET /workshops/<id>/triads": (404, 404, 404, 200, 200),
    "POST /workshops/<id>/triads": (404, 404, 404, 302, 302),
    "POST /workshops/<id>/triads/move": (404, 404, 404, 422, 422),
    "POST /workshops/<id>/triads/next-round": (404, 404, 404, 302, 302),
    "GET /workshops/<id>/roleplay": (404, 200, 404, 404, 404),
    "GET /workshops/<id>/roleplay/card.pdf": (404, 404, 404, 404, 404),
    "GET /workshops/<id>/roleplay/checklist.pdf": (404, 404, 404, 404, 404),
    "POST /workshops/<id>/roleplay/observation": (404, 404, 404, 404, 404),
    "GET /workshops/<id>/projector": (404, 404, 404, 200, 200),
    "POST /workshops/<id>/timer": (404, 404, 404, 302, 302),
    "POST /workshops/<id>/timer/stop": (404, 404, 404, 302, 302),
    # The participant's shared plan goes on the screen.
    "POST /workshops/<id>/projector/plan": (404, 404, 404, 302, 302),
    "POST /workshops/<id>/projector/clear": (404, 404, 404, 302, 302),
    # The debrief and the summary: coaches only, and still theirs once the workshop is closed.
    "GET /workshops/<id>/debrief": (404, 404, 404, 200, 200),
    "GET /workshops/<id>/summary.pdf": (404, 404, 404, 200, 200),
}
CLOSED = {
    **OPEN,
    "POST /workshops/<id>/cases/exit/start": (404, 404, 404, 404, 404),
    "GET /join/<code>": (410, 302, 403, 302, 302),
    "POST /join/<code>": (410, 302, 403, 302, 302),
    "GET /workshops/<id>/shared/<plan>": (404, 404, 404, 404, 404),
    "POST /workshops/<id>/plans/<plan>/share": (404, 404, 404, 404, 404),
    "POST /workshops/<id>/triads": (404, 404, 404, 404, 404),
    "POST /workshops/<id>/triads/move": (404, 404, 404, 404, 404),
    "POST /workshops/<id>/triads/next-round": (404, 404, 404, 404, 404),
    # A closed workshop's projector only says so; there is nothing left to set on it.
    "POST /workshops/<id>/timer": (404, 404, 404, 404, 404),
    "POST /workshops/<id>/timer/stop": (404, 404, 404, 404, 404),
    "POST /workshops/<id>/projector/plan": (404, 404, 404, 404, 404),
    "POST /workshops/<id>/projector/clear": (404, 404, 404, 404, 404),
}
STATES = ((False, "open", OPEN), (True, "closed", CLOSED))
# A GET changes nothing, and neither does a refused POST (that is what refused means), so all
# the people who are refused ask in one room; a POST that is let through may change the room
# (close it, remove someone), so each person let through asks it in a room of their own.
ASKED_TOGETHER = [
    pytest.param(closed, route, id=f"{state}-{route}")
    for closed, state, table in STATES
    for route in table
]
LET_THROUGH = [
    pytest.param(closed, route, role, table[route][n], id=f"{state}-{route}-{role}")
    for closed, state, table in STATES
    for route in table
    if not route.startswith("GET ")
    for n, role in enumerate(ROLES)
    if table[route][n] < 400
]


def _together(route: str, statuses) -> list[str]:
    """Who asks a route in the shared room: everyone for a GET, the refused for a POST."""
    if route.startswith("GET "):
        return list(ROLES)
    return [role for role, status in zip(ROLES, statuses, strict=True) if status >= 400]


@dataclass
class Room:
    workshop_id: int
    title: str
    code: str
    other_id: int  # a participant someone may remove
    people: dict[str, WorkshopActions]
    plan_id: int = 0  # the participant's plan, shared with the coaches


@pytest.fixture
def room(app, coach, person) -> Room:
    workshop_id = coach.new_workshop(title="Secret strategy day")
    with app.app_context():
        code = db.session.get(Workshop, workshop_id).join_code
    people = {"coach": coach}
    for role in ("participant", "removed", "other"):
        people[role] = person(f"{role}@example.com")
        people[role].join(code)
        people[role].client.get(f"/workshops/{workshop_id}")  # sees the welcome
    people["co_coach"] = person("co_coach@example.com")
    coach.add_co_coach(workshop_id, "co_coach@example.com")
    people["stranger"] = person("stranger@example.com")
    person("future@example.com")  # someone to add as co-coach
    with app.app_context():
        ids = {u.email: u.id for u in db.session.query(User)}
    plan_id = people["participant"].own_case(workshop_id, "exit")
    people["participant"].share(workshop_id, plan_id)
    coach.post(f"/workshops/{workshop_id}/participants/{ids['removed@example.com']}/remove")
    coach.post(f"/workshops/{workshop_id}/triads")  # a pair: participant and other
    return Room(workshop_id, "Secret strategy day", code, ids["other@example.com"], people, plan_id)


def _ask(room: Room, who: WorkshopActions, route: str):
    method, path = route.split(" ")
    path = (
        path.replace("<id>", str(room.workshop_id))
        .replace("<code>", room.code)
        .replace("<other>", str(room.other_id))
        .replace("<plan>", str(room.plan_id))
    )
    if method == "GET":
        return who.client.get(path)
    data = {
        "co-coaches": {"email": "future@example.com"},
        "timer": {"preset": "role_play"},
        "plan": {"plan": str(room.plan_id)},
        "move": {"user_id": str(room.other_id), "group": "1"},
    }.get(path.rsplit("/", 1)[1], {})
    return who.post(path, data)


def _close(room: Room) -> None:
    assert room.people["coach"].post(f"/workshops/{room.workshop_id}/close").status_code == 302


@pytest.mark.parametrize(("closed", "route"), ASKED_TOGETHER)
def test_who_may_see_what_and_who_is_refused_in_a_workshop(room, closed, route):
    if closed:
        _close(room)
    expected = dict(zip(ROLES, (CLOSED if closed else OPEN)[route], strict=True))
    asking = _together(route, expected.values())
    got = {}
    for role in asking:
        response = _ask(room, room.people[role], route)
        got[role] = response.status_code
        if response.status_code == 404:
            assert room.title not in response.get_data(as_text=True)  # nothing leaks
    assert got == {role: expected[role] for role in asking}


@pytest.mark.parametrize(("closed", "route", "role", "status"), LET_THROUGH)
def test_who_may_do_what_in_a_workshop(room, closed, route, role, status):
    if closed:
        _close(room)
    response = _ask(room, room.people[role], route)
    assert response.status_code == status
    if status == 404:
        assert room.title not in response.get_data(as_text=True)  # nothing leaks


def test_a_visitor_who_is_not_logged_in_is_sent_to_log_in_for_every_route(room, client):
    visitor = WorkshopActions(client)
    sent_elsewhere = {}
    for route in OPEN:
        response = _ask(room, visitor, route)
        if response.status_code != 302 or not response.headers["Location"].startswith(
            "/login?next="
        ):
            sent_elsewhere[route] = response.status_code
    assert sent_elsewhere == {}


def test_a_workshop_that_does_not_exist_is_a_404_like_one_of_someone_else(room):
    stranger = room.people["stranger"]
    missing = stranger.client.get("/workshops/424242")
    other = stranger.client.get(f"/workshops/{room.workshop_id}")
    assert missing.status_code == other.status_code == 404
    assert "Page not found" in other.get_data(as_text=True)


def test_a_participant_is_not_listed_as_member_once_removed(room):
    listed = room.people["coach"].client.get(f"/workshops/{room.workshop_id}")
    page = listed.get_data(as_text=True)
    assert "<td>removed@example.com</td>" not in page
    assert "<td>participant@example.com</td>" in page
    removed_list = room.people["removed"].client.get("/workshops").get_data(as_text=True)
    assert room.title not in removed_list
