"""A plan's dates: one range, parsing that never fails, arithmetic that stays in the range; and
a far-off date saved in a plan no longer breaks its pages, documents or calendar."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.dates import EARLIEST, LATEST, add_days, add_months, add_weeks, parse_date
from app.domain.preparation import end_date, suggested_follow_ups
from tests.conftest import example_plan
from tests.helpers import page_text, pdf_text, plan_data, plan_urls


def test_the_range_is_this_century_and_the_next():
    assert date(2000, 1, 1) == EARLIEST
    assert date(2100, 12, 31) == LATEST


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2027-02-08", date(2027, 2, 8)),
        ("2000-01-01", EARLIEST),
        ("2100-12-31", LATEST),
        (date(2030, 5, 1), date(2030, 5, 1)),
        (datetime(2030, 5, 1, 12, 0), date(2030, 5, 1)),
        ("1999-12-31", None),
        ("2101-01-01", None),
        ("9999-12-01", None),
        ("0001-01-01", None),
        ("2100-02-29", None),
        ("2027-13-01", None),
        ("2027-2-8", None),
        ("٢٠٢٧-٠٢-٠٨", None),
        (" 2027-02-08", None),
        ("", None),
        (None, None),
        (20270208, None),
        (["2027-02-08"], None),
    ],
)
def test_parse_date_gives_a_date_in_range_or_none(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2027, 1, 31), 1, date(2027, 2, 28)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
        (date(2100, 12, 1), 12, LATEST),
        (date(2100, 10, 31), 1, date(2100, 11, 30)),
        (date(2000, 3, 31), -1, date(2000, 2, 29)),
        (date(2000, 1, 15), -1, EARLIEST),
        (date(2050, 6, 15), 10**30, LATEST),
        (date(9999, 12, 1), 12, LATEST),
    ],
)
def test_add_months_stays_in_the_month_and_in_the_range(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("day", "weeks", "expected"),
    [
        (date(2026, 12, 14), 8, date(2027, 2, 8)),
        (date(2100, 12, 1), 520, LATEST),
        (date(2100, 12, 31), 1, LATEST),
        (date(2000, 1, 5), -1, EARLIEST),
        (date(2030, 1, 1), 10**30, LATEST),
        (date(2030, 1, 1), float("inf"), date(2030, 1, 1)),
        (date(2030, 1, 1), None, date(2030, 1, 1)),
    ],
)
def test_add_weeks_clips_to_the_range(day, weeks, expected):
    assert add_weeks(day, weeks) == expected


any_day = st.dates(date(1, 1, 1), date(9999, 12, 31))
any_count = st.one_of(st.integers(-(10**40), 10**40), st.floats(allow_nan=True))


@settings(max_examples=300, deadline=None)
@given(any_day, any_count)
def test_date_arithmetic_never_fails_and_stays_in_range(day, count):
    for add in (add_days, add_weeks, add_months):
        assert EARLIEST <= add(day, count) <= LATEST


def test_an_end_date_far_off_counts_as_not_given():
    plan = {"conversation_date": "2100-12-01", "transition": {"notice_weeks": 520}}
    assert end_date(plan) == LATEST
    assert suggested_follow_ups(plan) == [LATEST, LATEST, LATEST]
    stored = {**plan, "transition": {"notice_weeks": 8, "end_date": "9999-12-01"}}
    assert end_date(stored) == LATEST
    assert end_date({"transition": {"end_date": "9999-12-01"}}) is None
    assert suggested_follow_ups({"transition": {"end_date": "9999-12-01"}}) == []


# ---- the pages of a plan with far-off dates ---------------------------------------------------


def _store(app, plan_id: int, **sections) -> None:
    from app.extensions import db
    from app.models import Plan

    with app.app_context():
        plan = db.session.get(Plan, plan_id)
        plan.data = {**plan.data, **sections}
        db.session.commit()


def test_an_end_date_of_9999_saved_in_the_form_breaks_nothing(app, ann):
    """The bug: the end date field took 9999-12-01 and from then on the plan page, two steps,
    both previews, both PDFs and the calendar answered 500, so the user could not undo it."""
    document = example_plan("en-northwind-retail")
    document.pop("follow_ups", None)
    plan_id = ann.import_plan(document)
    saved = ann.save_step(
        plan_id, "transition", {"end_date": "9999-12-01", "notice_weeks": "520"}, htmx=False
    )
    assert saved.status_code == 422
    assert "Enter a date between" in page_text(saved)
    assert plan_data(app, plan_id)["transition"].get("end_date") != "9999-12-01"
    # A plan saved before the forms checked the range still holds such a date.
    _store(app, plan_id, transition={"end_date": "9999-12-01", "notice_weeks": 520})
    for url in plan_urls(plan_id):
        assert ann.client.get(url, follow_redirects=True).status_code == 200, url
    calendar = ann.client.get(f"/plans/{plan_id}/calendar.ics").get_data(as_text=True)
    conversation = document["conversation_date"].replace("-", "")
    assert f"DTSTART;VALUE=DATE:{conversation}" in calendar
    assert "9999" not in calendar
    # The user can put it right again on the same page.
    page = page_text(ann.client.get(f"/plans/{plan_id}/steps/transition"))
    assert "End date" in page
    ann.save_step(plan_id, "transition", {"end_date": "2027-03-01", "notice_weeks": "8"})
    pdf = pdf_text(ann.client.get(f"/plans/{plan_id}/plan.pdf").get_data())
    assert "1 March 2027" in pdf
    assert "1 June 2027" in pdf  # the suggested follow-up three months later


def test_a_conversation_at_the_end_of_the_range_with_a_long_notice_renders(ann):
    document = example_plan("en-northwind-retail")
    document["conversation_date"] = "2100-12-31"
    document["transition"] = {"notice_weeks": 520}
    document.pop("follow_ups", None)
    plan_id = ann.import_plan(document)
    for url in plan_urls(plan_id):
        assert ann.client.get(url, follow_redirects=True).status_code == 200, url
    pdf = pdf_text(ann.client.get(f"/plans/{plan_id}/plan.pdf").get_data())
    assert "31 December 2100" in pdf
    calendar = ann.client.get(f"/plans/{plan_id}/calendar.ics").get_data(as_text=True)
    assert "DTSTART;VALUE=DATE:21001231" in calendar
    assert "DTEND;VALUE=DATE:21010101" in calendar
