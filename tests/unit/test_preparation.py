"""Transition dates and the calendar file."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.domain.preparation import add_months, calendar, end_date, suggested_follow_ups


def test_the_end_date_is_the_conversation_plus_the_notice_period():
    plan = {"conversation_date": "2026-12-14", "transition": {"notice_weeks": 8}}
    assert end_date(plan) == date(2027, 2, 8)
    assert end_date({**plan, "transition": {"notice_weeks": 8, "end_date": "2027-03-01"}}) == (
        date(2027, 3, 1)
    )
    assert end_date({"transition": {"notice_weeks": 8}}) is None


def test_follow_ups_fall_three_six_and_twelve_months_after_the_end():
    plan = {"conversation_date": "2026-12-14", "transition": {"notice_weeks": 8}}
    assert suggested_follow_ups(plan) == [date(2027, 5, 8), date(2027, 8, 8), date(2028, 2, 8)]
    assert suggested_follow_ups({}) == []


def test_months_are_added_without_falling_off_the_month():
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)


def test_the_calendar_escapes_text_and_folds_long_lines():
    plan = {
        "client": {"name": "Bakker; Zonen, B.V."},
        "conversation_date": "2026-12-14",
        "follow_ups": [{"date": "2027-05-08", "note": "Line one\nline two " + "x" * 120}],
    }
    text = calendar(7, plan, {"conversation": "Talk", "follow_up": "Call"}, datetime(2026, 1, 1))
    assert "SUMMARY:Talk: Bakker\\; Zonen\\, B.V." in text
    assert "DESCRIPTION:Line one\\nline two" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "UID:plan-7-conversation@exitcoach" in text
    assert "DTSTART;VALUE=DATE:20270508" in text


def test_reactions_are_ordered_by_the_contacts_style():
    from app.domain.preparation import REACTIONS, reactions_for

    red = reactions_for("D")
    assert [key for key, likely in red if likely] == ["anger", "bargaining", "escalation"]
    assert sorted(key for key, _ in red) == sorted(REACTIONS)
    assert all(not likely for _, likely in reactions_for(None))


@pytest.mark.parametrize(
    ("name", "spoken"),
    [
        ("Marleen de Wit", "Marleen"),
        ("  Joost ", "Joost"),
        ("mevrouw Jansen", "mevrouw Jansen"),
        ("Van Dam", "Van Dam"),
        ("Dhr. Bakker", "Dhr. Bakker"),
        ("", ""),
    ],
)
def test_the_opening_calls_the_contact_by_first_name(name, spoken):
    from app.domain.address import first_name

    assert first_name(name) == spoken


def test_a_plan_without_an_address_says_je_with_first_names():
    from app.domain.address import form_of, uses_first_names

    assert form_of({}) == "je" and uses_first_names({})
    assert form_of({"address": {"form": "u"}}) == "u"
    assert not uses_first_names({"address": {"first_names": False}})
