"""The projector's phase timer without an app: how long is left, when the time is up, and
which lengths and labels a coach may set."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.domain import workshop_timer as timer

NOW = datetime(2027, 3, 11, 10, 0, tzinfo=UTC)


def test_no_end_time_is_no_timer():
    assert timer.timer_state("Role play", 12, None, NOW) is None


def test_a_timer_just_started_shows_its_whole_length():
    state = timer.timer_state("Role play", 12, timer.ends_at(NOW, 12), NOW)
    assert state.running and not state.time_up
    assert (state.label, state.clock, state.seconds_left) == ("Role play", "12:00", 720)


@pytest.mark.parametrize(
    ("left", "clock"),
    [
        (timedelta(minutes=11, seconds=58), "11:58"),
        (timedelta(seconds=7), "0:07"),
        (timedelta(seconds=0.2), "0:01"),  # the last second still counts as running
        (timedelta(minutes=120), "120:00"),
    ],
)
def test_the_time_left_is_minutes_and_seconds_rounded_up(left, clock):
    state = timer.timer_state("Debrief", 15, NOW + left, NOW)
    assert state.running and state.clock == clock


def test_at_its_end_and_after_the_time_is_up_and_says_how_long_ago():
    at_end = timer.timer_state("Role play", 12, NOW, NOW)
    later = timer.timer_state("Role play", 12, NOW - timedelta(minutes=3, seconds=20), NOW)
    assert at_end.time_up and at_end.clock == "0:00" and at_end.seconds_over == 0
    assert later.time_up and not later.running
    assert (later.seconds_over, later.minutes_over) == (200, 3)


def test_a_naive_end_time_from_sqlite_is_read_as_utc():
    naive = (NOW + timedelta(minutes=5)).replace(tzinfo=None)
    assert timer.timer_state("Break", 5, naive, NOW).clock == "5:00"


def test_the_label_is_trimmed():
    assert timer.timer_state("  Role play ", 12, NOW, NOW).label == "Role play"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12", (12, None)),
        (" 15 ", (15, None)),
        ("1", (1, None)),
        ("180", (180, None)),
        ("012", (12, None)),
        ("", (None, "required")),
        ("   ", (None, "required")),
        (None, (None, "required")),
        ("0", (None, "too_short")),
        ("181", (None, "too_long")),
        ("99999999999999999999999999", (None, "too_long")),
        ("9" * 5000, (None, "too_long")),  # int() of this would raise
        ("1e9", (None, "not_a_number")),
        ("-5", (None, "not_a_number")),
        ("+5", (None, "not_a_number")),
        ("12.5", (None, "not_a_number")),
        ("abc", (None, "not_a_number")),
        ("١٢", (None, "not_a_number")),  # Arabic-Indic digits: not what the field asks
    ],
)
def test_the_length_is_a_whole_number_of_minutes_from_1_to_180(typed, expected):
    assert timer.parse_minutes(typed) == expected


@pytest.mark.parametrize(
    ("label", "problem"),
    [
        ("Role play", None),
        ("x" * 80, None),
        ("x" * 81, "too_long"),
        ("", "required"),
        ("  ", "required"),
        (None, "required"),
        ("Role\x00play", "not_plain"),
        ("Role\nplay", "not_plain"),
    ],
)
def test_a_label_is_one_line_of_plain_text_up_to_80_characters(label, problem):
    assert timer.label_problem(label) == problem


def test_a_timer_ends_its_length_after_it_starts():
    assert timer.ends_at(NOW, 12) == NOW + timedelta(minutes=12)
