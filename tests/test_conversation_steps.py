"""Writing the conversation: seven steps with suggestions from the plan, the transition with a
calendar file, and the lessons for future clients."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest

from tests.conftest import Actions
from tests.helpers import SEVEN_STEPS, page_text, plan_data


@pytest.fixture
def plan_id(ann):
    plan_id = ann.create_plan("Van Dijk")
    ann.save_step(
        plan_id,
        "client",
        {
            "client_name": "Van Dijk",
            "contacts-0-name": "Joost",
            "contacts-1-name": "Marleen",
            "primary_contact": "1",
            "conversation_date": "2026-12-14",
        },
    )
    ann.save_step(
        plan_id,
        "financial",
        {
            "annual_revenue": "100000",
            "gross_margin_pct": "25",
            "service_hours-0-department": "Sales",
            "service_hours-0-hours_per_week": "10",
            "service_hours-0-hourly_cost": "60",
        },
    )
    ann.save_step(
        plan_id,
        "styles",
        {
            "contacts-0-index": "0",
            "contacts-1-index": "1",
            "contacts-1-pace": "reserved",
            "contacts-1-focus": "people",
        },
    )
    return plan_id


@pytest.mark.parametrize("step", ["script", "transition", "lessons"])
def test_the_steps_open_for_the_owner_only(app, ann, plan_id, step):
    assert ann.client.get(f"/plans/{plan_id}/steps/{step}").status_code == 200
    bob = Actions(app.test_client())
    bob.register("bob@example.com")
    assert bob.client.get(f"/plans/{plan_id}/steps/{step}").status_code == 404
    assert ann.client.post(f"/plans/{plan_id}/steps/{step}", data={}).status_code == 400


def test_the_seven_steps_each_have_intent_guidance_and_a_suggestion(ann, plan_id):
    page = page_text(ann.client.get(f"/plans/{plan_id}/steps/script"))
    assert len(re.findall(r'class="script-step row-card', page)) == 7
    for title in SEVEN_STEPS:
        assert title in page
    assert len(re.findall(r'id="suggestion-\w+">[^<]{20,}<', page)) == 7


def test_suggestions_are_built_from_the_plan(ann, plan_id):
    page = page_text(ann.client.get(f"/plans/{plan_id}/steps/script"))
    # step 1: the primary contact by name
    assert re.search(r'id="suggestion-individual">Marleen,', page)
    # step 3: the figures and the rule that fired (a loss of €2,600 over 460 hours)
    assert re.search(r'id="suggestion-logic">[^<]*460 hours[^<]*€2,600', page)
    # step 4: words to say; what the contact's style (green) tells you is a note beside them
    assert re.search(r'id="suggestion-emotion">I can see this hits hard', page)
    assert re.search(r'id="note-emotion">.*?say little in the moment', page, re.S)


def test_transition_and_follow_ups_feed_steps_six_and_seven(ann, plan_id):
    ann.save_step(
        plan_id,
        "transition",
        {
            "notice_weeks": "8",
            "handover": "the open orders and the service history",
            "referral": "Bakker Service",
            "follow_ups-0-date": "2027-05-08",
            "follow_ups-0-note": "Call",
        },
    )
    page = page_text(ann.client.get(f"/plans/{plan_id}/steps/script"))
    assert re.search(
        r'id="suggestion-transition">Our collaboration ends on 8 February 2027\.', page
    )
    assert "the open orders and the service history" in page
    assert "Bakker Service" in page
    assert re.search(r'id="suggestion-stay_in_contact">[^<]*8 May 2027', page)


def test_a_suggestion_is_taken_into_the_text_without_javascript(app, ann, plan_id):
    response = ann.save_step(
        plan_id, "script", {"framing": "My own start.", "use_suggestion": "individual"}, False
    )
    assert response.status_code == 200
    assert "Marleen, I asked for this meeting" in page_text(response)
    script = plan_data(app, plan_id)["script"]
    assert script["framing"] == "My own start."
    assert script["individual"].startswith("Marleen, I asked for this meeting")


def test_the_users_own_words_are_saved_per_step(app, ann, plan_id):
    response = ann.save_step(
        plan_id, "script", {"logic": "Three reasons.", "empathy": "Thank you."}
    )
    assert response.status_code == 200
    script = plan_data(app, plan_id)["script"]
    assert script["logic"] == "Three reasons."
    assert script["individual"] is None


def test_the_end_date_follows_from_the_conversation_and_notice_period(app, ann, plan_id):
    ann.save_step(plan_id, "transition", {"notice_weeks": "8"})
    page = page_text(ann.client.get(f"/plans/{plan_id}/steps/transition"))
    assert "Now: 8 February 2027." in page
    # follow-ups are suggested 3, 6 and 12 months after the end date
    for day in ("2027-05-08", "2027-08-08", "2028-02-08"):
        assert f'value="{day}"' in page


def test_an_edited_end_date_wins(app, ann, plan_id):
    ann.save_step(plan_id, "transition", {"notice_weeks": "8", "end_date": "2027-03-01"})
    assert plan_data(app, plan_id)["transition"]["end_date"] == "2027-03-01"
    page = page_text(ann.client.get(f"/plans/{plan_id}/steps/transition"))
    assert 'value="2027-06-01"' in page  # three months after the edited end date


def test_a_bad_notice_period_is_explained_and_not_saved(app, ann, plan_id):
    ann.save_step(plan_id, "transition", {"notice_weeks": "8"})
    response = ann.save_step(plan_id, "transition", {"notice_weeks": "-3"})
    assert response.status_code == 422
    assert "Enter 0 to 520 weeks." in page_text(response)
    assert plan_data(app, plan_id)["transition"]["notice_weeks"] == 8


def test_the_calendar_file_holds_the_conversation_and_the_follow_ups(ann, plan_id):
    ann.save_step(
        plan_id,
        "transition",
        {
            "notice_weeks": "8",
            "follow_ups-0-date": "2027-05-08",
            "follow_ups-0-note": "Call Marleen, ask about the new supplier",
            "follow_ups-1-date": "2027-08-08",
        },
    )
    response = ann.client.get(f"/plans/{plan_id}/calendar.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    events = parse_ics(response.get_data(as_text=True))
    assert [(e["DTSTART"], e["SUMMARY"]) for e in events] == [
        (date(2026, 12, 14), "Exit conversation: Van Dijk"),
        (date(2027, 5, 8), "Follow-up call: Van Dijk"),
        (date(2027, 8, 8), "Follow-up call: Van Dijk"),
    ]
    assert events[1]["DESCRIPTION"] == "Call Marleen, ask about the new supplier"


def test_without_planned_moments_the_calendar_holds_the_suggested_ones(ann, plan_id):
    ann.save_step(plan_id, "transition", {"notice_weeks": "8"})
    events = parse_ics(ann.client.get(f"/plans/{plan_id}/calendar.ics").get_data(as_text=True))
    assert [e["DTSTART"] for e in events] == [
        date(2026, 12, 14),
        date(2027, 5, 8),
        date(2027, 8, 8),
        date(2028, 2, 8),
    ]


def test_another_users_calendar_is_404(app, ann, plan_id):
    bob = Actions(app.test_client())
    bob.register("bob@example.com")
    assert bob.client.get(f"/plans/{plan_id}/calendar.ics").status_code == 404


def test_lessons_for_future_clients_are_saved(app, ann, plan_id):
    ann.save_step(
        plan_id, "lessons", {"lessons": "Scope creep from day one.", "ideal_client": "SMB"}
    )
    data = plan_data(app, plan_id)
    assert data["lessons"] == "Scope creep from day one."
    assert data["ideal_client"] == "SMB"


def parse_ics(text: str) -> list[dict]:
    """A strict little reader: CRLF lines, unfolded, VEVENTs with their properties."""
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    lines = []
    for raw in text.split("\r\n"):
        assert len(raw.encode()) <= 75
        if raw.startswith(" "):
            lines[-1] += raw[1:]
        elif raw:
            lines.append(raw)
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    events, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            assert {"UID", "DTSTAMP", "DTSTART", "SUMMARY"} <= current.keys()
            events.append(current)
            current = None
        elif current is not None:
            name, value = line.split(":", 1)
            key = name.split(";")[0]
            if key in ("DTSTART", "DTEND"):
                value = date(int(value[:4]), int(value[4:6]), int(value[6:8]))
            else:
                value = value.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";")
            current[key] = value
    return events


def test_the_reaction_library_puts_the_contacts_likely_reactions_first(ann, plan_id):
    page = page_text(ann.client.get(f"/plans/{plan_id}/steps/script"))
    labels = re.findall(
        r'<li class="reaction( reaction--likely)?" id="reaction-\w+">\s*<details>\s*'
        r"<summary><strong>([^<]+)",
        page,
    )
    # Marleen is green (steady): tears, "give us time" and "you are abandoning us" come first
    assert [html.unescape(label) for likely, label in labels[:3] if likely] == [
        "Tears or silence",
        '"Give us some time"',
        '"You are abandoning us"',
    ]
    assert len(labels) == 10
    assert "Can't we fix this?" in page.replace("&#39;", "'")


def test_own_reaction_and_response_pairs_are_added_and_saved(app, ann, plan_id):
    added = ann.save_step(
        plan_id, "script", {"reactions-0-reaction": "We'll sue", "row_action": "add"}
    )
    assert 'name="reactions-1-reaction"' in page_text(added)
    ann.save_step(
        plan_id,
        "script",
        {"reactions-0-reaction": "We'll sue", "reactions-0-response": "Stay factual."},
    )
    assert plan_data(app, plan_id)["reactions"] == [
        {"reaction": "We'll sue", "response": "Stay factual."}
    ]


def test_after_the_talk_how_it_went_and_the_follow_through_list(app, ann, plan_id):
    ann.save_step(
        plan_id,
        "lessons",
        {"after_went": "Calm, then angry.", "done_final_invoice": "y", "done_handover": "y"},
    )
    after = plan_data(app, plan_id)["after_talk"]
    assert after["went"] == "Calm, then angry."
    assert after["follow_through"] == {
        "handover": True,
        "final_invoice": True,
        "access_data": False,
        "introduction": False,
    }
    page = page_text(ann.client.get(f"/plans/{plan_id}/steps/lessons"))
    assert "The promised introduction has been made." in page
