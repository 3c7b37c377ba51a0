"""A coach creates a workshop and shows its code; participants join with the code or the link,
start the workshop's cases once, and nothing is lost when they come back."""

from __future__ import annotations

import re

import pytest
import segno

from app.extensions import db
from app.models import JoinFailure, Plan, Workshop, WorkshopMember
from tests.helpers import visible_text
from tests.workshop_helpers import field_errors


def _workshop(app, workshop_id: int) -> Workshop:
    with app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        db.session.expunge(workshop)
        return workshop


def test_the_header_links_to_workshops_when_logged_in(client, coach):
    assert 'href="/workshops"' in coach.client.get("/plans").get_data(as_text=True)
    assert 'href="/workshops"' not in client.get("/login").get_data(as_text=True)


def test_a_coach_creates_a_workshop_and_lands_on_its_page_with_the_code(app, coach):
    response = coach.create_workshop(title="Ending well", cases=("exit", "keep"))
    assert response.status_code == 302
    page = coach.client.get(response.headers["Location"])
    text = visible_text(page.get_data(as_text=True))
    assert "Ending well" in text
    assert "You are the coach" in text
    assert re.search(r"\b[2-9A-Z]{4}-[2-9A-Z]{4}\b", text)
    assert "coach@example.com" in text  # the members list
    listed = visible_text(coach.client.get("/workshops").get_data(as_text=True))
    assert "Ending well" in listed and "Coach" in listed


def test_the_create_form_offers_the_example_cases_as_checkboxes(coach):
    page = coach.client.get("/workshops").get_data(as_text=True)
    assert page.count('name="cases" type="checkbox"') == 3
    for key in ("exit", "reprice", "keep"):
        assert f'value="{key}"' in page


@pytest.mark.parametrize(
    ("locale", "fields", "expected"),
    [
        ("en", {"title": ""}, {"title": "Give the workshop a title."}),
        ("en", {"title": "x" * 201}, {"title": "Keep the title under 200 characters."}),
        ("en", {"date": ""}, {"date": "Enter the date of the workshop."}),
        ("en", {"date": "11 March"}, {"date": "Enter the date of the workshop."}),
        ("en", {"cases": ()}, {"cases": "Offer at least one example case."}),
        ("en", {"cases": ("exit", "lottery")}, {"cases": "Choose from the example cases listed."}),
        ("en", {"language": "de"}, {"language": "Choose Dutch or English."}),
        ("nl", {"title": ""}, {"title": "Geef de workshop een titel."}),
        ("nl", {"date": ""}, {"date": "Vul de datum van de workshop in."}),
        ("nl", {"cases": ()}, {"cases": "Bied minstens één voorbeeldcase aan."}),
    ],
)
def test_a_workshop_with_a_mistake_is_refused_with_the_message_next_to_the_field(
    person, locale, fields, expected
):
    someone = person("coach@example.com", locale=locale)
    response = someone.create_workshop(**fields)
    assert response.status_code == 422
    assert field_errors(response) == expected
    assert 'aria-invalid="true"' in response.get_data(as_text=True)


def test_the_code_is_shown_with_a_qr_code_of_the_join_link(app, coach):
    workshop_id = coach.new_workshop()
    code = _workshop(app, workshop_id).join_code
    page = coach.client.get(f"/workshops/{workshop_id}").get_data(as_text=True)
    link = f"http://localhost/join/{code}"
    assert f'href="{link}"' in page
    svg = re.search(r'<svg viewBox="[^"]+" class="qr">.*?</svg>', page, re.S).group(0)
    expected_path = re.search(r' d="([^"]+)"', segno.make(link, error="m").svg_inline()).group(1)
    assert f'd="{expected_path}"' in svg
    assert " style=" not in page and "<script>" not in page


@pytest.mark.parametrize(
    "typed", ["{code}", "{lower}", "{plain}", "  {lower_plain} ", "{spaced}"], ids=str
)
def test_a_participant_joins_by_typing_the_code_in_any_case_with_or_without_the_dash(
    app, coach, person, typed
):
    workshop_id = coach.new_workshop(title="Ending well")
    code = coach.code_of(workshop_id)
    plain = code.replace("-", "")
    typed = typed.format(
        code=code,
        lower=code.lower(),
        plain=plain,
        lower_plain=plain.lower(),
        spaced=f"{plain[:4]} {plain[4:]}",
    )
    bo = person("bo@example.com")
    response = bo.type_code(typed)
    assert response.status_code == 302
    confirm = bo.client.get(response.headers["Location"])
    assert "Ending well" in visible_text(confirm.get_data(as_text=True))
    joined = bo.join(plain)
    assert joined.headers["Location"] == f"/workshops/{workshop_id}"
    page = visible_text(bo.client.get(f"/workshops/{workshop_id}").get_data(as_text=True))
    assert "The cases of this workshop" in page
    assert "bo@example.com" in visible_text(
        coach.client.get(f"/workshops/{workshop_id}").get_data(as_text=True)
    )


def test_a_wrong_code_says_so_next_to_the_field(coach, person):
    coach.new_workshop()
    bo = person("bo@example.com")
    response = bo.type_code("ZZZZ-ZZZZ")
    assert response.status_code == 422
    assert field_errors(response) == {
        "code": "No workshop has this code. Check it with the screen."
    }
    response = bo.type_code("KQ7")
    assert field_errors(response)["code"].startswith("A workshop code has eight")


def test_a_visitor_with_the_link_logs_in_and_comes_back_to_join(app, coach, client):
    from tests.workshop_helpers import WorkshopActions

    workshop_id = coach.new_workshop(title="Ending well")
    code = _workshop(app, workshop_id).join_code
    response = client.get(f"/join/{code}")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/login?next=/join/{code}"
    login_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f'href="/register?next=/join/{code}"' in login_page
    visitor = WorkshopActions(client)
    registered = visitor.post(
        f"/register?next=/join/{code}",
        {"email": "new@example.com", "password": "correct horse battery"},
    )
    assert registered.headers["Location"] == f"/join/{code}"
    assert "Ending well" in client.get(f"/join/{code}").get_data(as_text=True)
    assert visitor.join(code).headers["Location"] == f"/workshops/{workshop_id}"


def test_joining_again_or_from_another_device_just_returns_to_the_workshop(app, coach, person):
    from tests.workshop_helpers import WorkshopActions

    workshop_id = coach.new_workshop()
    code = _workshop(app, workshop_id).join_code
    bo = person("bo@example.com")
    bo.join(code)
    bo.start_case(workshop_id, "exit")
    phone = WorkshopActions(app.test_client())
    phone.login("bo@example.com")
    for again in (bo, phone):
        assert again.client.get(f"/join/{code}").headers["Location"] == f"/workshops/{workshop_id}"
        assert again.join(code).headers["Location"] == f"/workshops/{workshop_id}"
    page = visible_text(phone.client.get(f"/workshops/{workshop_id}").get_data(as_text=True))
    assert "Open my plan" in page
    with app.app_context():
        assert db.session.query(WorkshopMember).filter_by(workshop_id=workshop_id).count() == 2


def test_a_participant_starts_a_case_once_then_opens_the_same_plan(app, coach, person):
    from app.models import Plan

    workshop_id = coach.new_workshop(language="nl", cases=("exit", "reprice"))
    bo = person("bo@example.com")
    bo.join(_workshop(app, workshop_id).join_code)
    page = visible_text(bo.client.get(f"/workshops/{workshop_id}").get_data(as_text=True))
    assert page.count("Start this case") == 2
    first = bo.start_case(workshop_id, "exit").headers["Location"]
    second = bo.start_case(workshop_id, "exit").headers["Location"]
    assert first == second and first.startswith("/plans/")
    with app.app_context():
        plan = db.session.get(Plan, int(first.rsplit("/", 1)[1]))
        assert plan.data["language"] == "nl"  # the workshop's language, not the interface's
        assert db.session.query(Plan).count() == 1
    page = bo.client.get(f"/workshops/{workshop_id}").get_data(as_text=True)
    assert "Open my plan" in page and f'href="{first}"' in page
    assert visible_text(page).count("Start this case") == 1
    assert bo.start_case(workshop_id, "keep").status_code == 404  # not on offer


def test_a_closed_workshop_cannot_be_joined(app, coach, person):
    workshop_id = coach.new_workshop()
    code = _workshop(app, workshop_id).join_code
    bo = person("bo@example.com")
    bo.join(code)
    coach.post(f"/workshops/{workshop_id}/close")
    cy = person("cy@example.com")
    response = cy.client.get(f"/join/{code}")
    assert response.status_code == 410
    assert "This workshop is closed: it can no longer be joined" in response.get_data(as_text=True)
    assert cy.join(code).status_code == 410
    # Who was in stays in, with their plans.
    assert bo.client.get(f"/workshops/{workshop_id}").status_code == 200
    coach_page = visible_text(coach.client.get(f"/workshops/{workshop_id}").get_data(as_text=True))
    assert "This workshop is closed" in coach_page and "Close the workshop" not in coach_page


def test_a_co_coach_added_by_e_mail_sees_the_coach_page(app, coach, person):
    workshop_id = coach.new_workshop()
    dee = person("dee@example.com")
    assert dee.client.get(f"/workshops/{workshop_id}").status_code == 404
    response = coach.add_co_coach(workshop_id, "Dee@Example.com ")
    assert response.status_code == 302
    page = visible_text(dee.client.get(f"/workshops/{workshop_id}").get_data(as_text=True))
    assert "You are co-coach" in page and coach.code_of(workshop_id) in page
    assert "Add a co-coach" not in page  # only the coach chooses co-coaches
    again = coach.add_co_coach(workshop_id, "dee@example.com")
    assert again.status_code == 422
    assert field_errors(again) == {"email": "dee@example.com already coaches this workshop."}
    unknown = coach.add_co_coach(workshop_id, "nobody@example.com")
    assert field_errors(unknown) == {"email": "Nobody has an Exit Coach account with this address."}


def test_a_removed_participant_cannot_come_back_with_the_code(app, coach, person):
    workshop_id = coach.new_workshop()
    code = _workshop(app, workshop_id).join_code
    bo = person("bo@example.com")
    bo.join(code)
    with app.app_context():
        bo_id = db.session.query(WorkshopMember).filter_by(role="participant").one().user_id
    assert coach.post(f"/workshops/{workshop_id}/participants/{bo_id}/remove").status_code == 302
    members = coach.client.get(f"/workshops/{workshop_id}").get_data(as_text=True)
    assert "bo@example.com is no longer in this workshop." in members
    assert "<td>bo@example.com</td>" not in members
    assert bo.client.get(f"/workshops/{workshop_id}").status_code == 404
    refused = bo.join(code)
    assert refused.status_code == 403
    assert "taken you out of this workshop" in refused.get_data(as_text=True)


def test_guessing_codes_is_stopped_after_ten_wrong_ones(app, coach, person):
    workshop_id = coach.new_workshop()
    code = coach.code_of(workshop_id)
    guesser = person("guess@example.com")
    for _ in range(10):
        assert guesser.type_code("ZZZZ-ZZZ2").status_code == 422
    response = guesser.type_code("ZZZZ-ZZZ3")
    assert response.status_code == 429
    assert field_errors(response) == {
        "code": "Too many wrong codes. Wait 10 minutes and try again, "
        "or ask the coach for the link."
    }
    # Even the right code waits now, and so does the link: guessing by URL counts the same.
    assert guesser.type_code(code).status_code == 429
    assert guesser.client.get("/join/ZZZZZZZ4").status_code == 429
    with app.app_context():
        assert db.session.query(JoinFailure).count() == 10  # attempts over the limit store nothing


def test_wrong_codes_are_counted_per_address_too(app, coach, person):
    guessers = [person(f"g{n}@example.com") for n in range(4)]
    for n in range(10):
        assert guessers[n % 3].type_code("ZZZZ-ZZZ2").status_code == 422
    assert guessers[3].type_code("ZZZZ-ZZZ2").status_code == 429  # same address (the test client)


def test_right_codes_do_not_count_against_anyone(app, coach, person):
    workshop_id = coach.new_workshop()
    code = coach.code_of(workshop_id)
    bo = person("bo@example.com")
    for _ in range(15):
        assert bo.type_code(code).status_code == 302
    with app.app_context():
        assert db.session.query(JoinFailure).count() == 0


def test_the_limit_speaks_dutch_to_a_dutch_user(person):
    guesser = person("gok@example.com", locale="nl")
    for _ in range(10):
        guesser.type_code("ZZZZ-ZZZ2")
    response = guesser.type_code("ZZZZ-ZZZ2")
    assert response.status_code == 429
    assert field_errors(response)["code"].startswith("Te veel verkeerde codes.")


def test_deleting_the_coach_deletes_the_workshop_and_participants_keep_their_plans(
    app, coach, person
):
    from app.models import Plan, User

    workshop_id = coach.new_workshop()
    bo = person("bo@example.com")
    bo.join(_workshop(app, workshop_id).join_code)
    bo.start_case(workshop_id, "exit")
    with app.app_context():
        db.session.delete(db.session.query(User).filter_by(email="coach@example.com").one())
        db.session.commit()
        assert db.session.get(Workshop, workshop_id) is None
        assert db.session.query(WorkshopMember).count() == 0
        assert db.session.query(Plan).count() == 1


def test_only_a_participants_row_has_an_action_so_the_coachs_row_ends_clean(app, coach, person):
    workshop_id = coach.new_workshop()
    person("eve@example.com").join(coach.code_of(workshop_id))
    page = coach.client.get(f"/workshops/{workshop_id}").get_data(as_text=True)
    # The coach's own row: an empty cell, which a phone's card layout leaves out (:empty).
    assert page.count('<td class="plan-table__actions"></td>') == 1
    assert page.count(">Remove<") == 1


def test_a_workshop_case_is_an_exercise_the_facts_given_the_decision_left_to_do(app, coach, person):
    """On the dashboard an example case is the full plan; in a workshop the participant gets
    the client, the people and the figures, and makes the decision and the preparation."""
    workshop_id = coach.new_workshop(cases=("exit",))
    bo = person("bo@example.com")
    bo.join(coach.code_of(workshop_id))
    location = bo.start_case(workshop_id, "exit").headers["Location"]
    with app.app_context():
        plan = db.session.get(Plan, int(location.rsplit("/", 1)[1]))
        data = plan.data
    assert data["client"]["name"] == "Northwind Retail Ltd"
    assert data["financial"]["annual_revenue"]
    assert "decision" not in data and "script" not in data and "alternatives" not in data
    assert "disc" not in (data.get("owner") or {})
    page = visible_text(bo.client.get(f"{location}/steps/decision").get_data(as_text=True))
    assert "Northwind Retail" in page
