"""The calendar file (RFC 5545): every text escaped, every line folded at 75 octets, so a client
name can never add a property of its own (a bare CR or LF once injected `ATTENDEE:` lines)."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.preparation import calendar, fold, ics_text

TITLES = {"conversation": "Exit conversation", "follow_up": "Follow-up"}
NOW = datetime(2026, 1, 1, 9, 30)
PROPERTIES = {
    "BEGIN",
    "END",
    "VERSION",
    "PRODID",
    "CALSCALE",
    "METHOD",
    "UID",
    "DTSTAMP",
    "DTSTART",
    "DTEND",
    "SUMMARY",
    "DESCRIPTION",
}


def _calendar(name: str, note: str = "Call them") -> str:
    plan = {
        "client": {"name": name},
        "conversation_date": "2026-12-14",
        "follow_ups": [{"date": "2027-05-08", "note": note}],
    }
    return calendar(3, plan, TITLES, NOW)


def unfold(text: str) -> list[str]:
    """The logical lines of an iCalendar text (RFC 5545 3.1), after checking the physical ones."""
    assert text.endswith("\r\n")
    physical = text[:-2].split("\r\n")
    for line in physical:
        assert "\r" not in line and "\n" not in line, repr(line)
        assert len(line.encode("utf-8")) <= 75, repr(line)
    logical: list[str] = []
    for line in physical:
        if line.startswith(" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return logical


def unescape(value: str) -> str:
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            nxt = next(chars)
            out.append("\n" if nxt in "nN" else nxt)
        else:
            assert char not in ";,", value  # unescaped separators would split the value
            out.append(char)
    return "".join(out)


def summaries(text: str) -> list[str]:
    return [unescape(line[8:]) for line in unfold(text) if line.startswith("SUMMARY:")]


@pytest.mark.parametrize(
    "name",
    [
        "Acme\r\nATTENDEE:mailto:boss@example.com",
        "Acme\rATTENDEE:mailto:boss@example.com",
        "Acme\nATTENDEE:mailto:boss@example.com",
        "Acme\u2028ATTENDEE:mailto:boss@example.com",
        "Acme\x0bATTENDEE:mailto:boss@example.com",
    ],
)
def test_a_line_break_in_a_client_name_adds_no_property(name):
    text = _calendar(name)
    assert "\nATTENDEE" not in text and "\rATTENDEE" not in text
    names = {line.split(":", 1)[0].split(";", 1)[0] for line in unfold(text)}
    assert names <= PROPERTIES
    assert summaries(text)[0] == "Exit conversation: Acme\nATTENDEE:mailto:boss@example.com"


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("Bakker; Zonen, B.V.", "Bakker\\; Zonen\\, B.V."),
        ("C:\\Klanten\\n", "C:\\\\Klanten\\\\n"),
        ("tab\there", "tab\there"),
        ("nul\x00bell\x07", "nulbell"),
    ],
)
def test_separators_backslashes_and_controls_are_escaped(name, written):
    assert f"SUMMARY:Exit conversation: {written}" in unfold(_calendar(name))


def test_a_long_utf8_name_is_folded_between_characters():
    name = "Zoë Ĳsselmeer 🦆 " * 20 + "東京" * 40
    text = _calendar(name, note="€" * 300)
    raw = text.encode("utf-8")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # no line ends inside a character
    assert summaries(text)[0] == f"Exit conversation: {name}"
    description = [line for line in unfold(text) if line.startswith("DESCRIPTION:")]
    assert description == ["DESCRIPTION:" + "€" * 300]


def test_fold_keeps_short_lines_and_continues_with_a_space():
    assert fold("SUMMARY:short") == "SUMMARY:short"
    folded = fold("X" * 160)
    assert folded.split("\r\n") == ["X" * 75, " " + "X" * 74, " " + "X" * 11]


def test_ics_text_turns_every_line_break_into_one_escaped_newline():
    assert ics_text("a\r\nb\rc\nd") == "a\\nb\\nc\\nd"


def test_dates_outside_the_range_are_left_out_of_the_calendar():
    plan = {
        "client": {"name": "Acme"},
        "conversation_date": "9999-12-31",
        "follow_ups": [{"date": "0001-01-01"}, {"date": "2100-12-31", "note": "last"}, None],
    }
    text = calendar(3, plan, TITLES, NOW)
    assert text.count("BEGIN:VEVENT") == 1
    assert "DTSTART;VALUE=DATE:21001231" in text
    assert "DTEND;VALUE=DATE:21010101" in text


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(codec="utf-8"), max_size=300), st.text(max_size=300))
def test_any_name_and_note_stay_inside_their_own_property(name, note):
    text = _calendar(name, note)
    lines = unfold(text)
    names = [line.split(":", 1)[0].split(";", 1)[0] for line in lines]
    assert set(names) <= PROPERTIES
    assert names.count("SUMMARY") == 2
    assert names.count("DESCRIPTION") == (1 if note else 0)
