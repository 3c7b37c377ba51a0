"""The workshop rules without an app: join codes, a new workshop's fields, who may do what."""

from __future__ import annotations

import random
from datetime import date

import pytest

from app.domain import workshops as rules
from app.domain.workshops import CLOSED, CO_COACH, COACH, OPEN, PARTICIPANT, NewWorkshop


def test_the_alphabet_has_31_characters_without_look_alikes():
    assert len(rules.ALPHABET) == len(set(rules.ALPHABET)) == 31
    assert not set("01OIL") & set(rules.ALPHABET)
    assert rules.CODE_SPACE == 31**8 > 8 * 10**11


def test_a_new_code_is_eight_characters_of_the_alphabet_and_random():
    codes = {rules.new_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == 8 and set(code) <= set(rules.ALPHABET)


def test_a_new_code_draws_every_character_with_the_given_chooser():
    chooser = random.Random(1).choice
    assert rules.new_code(chooser) == rules.new_code(random.Random(1).choice)


def test_a_code_is_shown_in_two_groups_of_four():
    assert rules.display_code("KQ7M4TXR") == "KQ7M-4TXR"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("KQ7M-4TXR", "KQ7M4TXR"),
        ("kq7m-4txr", "KQ7M4TXR"),
        ("KQ7M4TXR", "KQ7M4TXR"),
        (" kq7m 4txr ", "KQ7M4TXR"),
        ("KQ7M–4TXR", "KQ7M4TXR"),  # an en dash, as a phone keyboard may make it
        ("KQ7M_4TXR", "KQ7M4TXR"),
        ("KQ7M-4TX", None),  # too short
        ("KQ7M-4TXRR", None),  # too long
        ("KQ7M-4TX0", None),  # zero is not in the alphabet
        ("KQ7M-4TXI", None),
        ("", None),
        (None, None),
        ("KQ7M'4TXR", None),
    ],
)
def test_typed_codes_are_normalised_whatever_the_case_spaces_and_dashes(typed, stored):
    assert rules.normalise_code(typed) == stored


def _fields(**changes) -> NewWorkshop:
    base = {"title": "Ending well", "language": "en", "date": date(2027, 3, 11), "cases": ("exit",)}
    return NewWorkshop(**(base | changes))


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, {}),
        ({"title": "  "}, {"title": "required"}),
        ({"title": "x" * 201}, {"title": "too_long"}),
        ({"title": "x" * 200}, {}),
        ({"language": "de"}, {"language": "language"}),
        ({"date": None}, {"date": "required"}),
        ({"cases": ()}, {"cases": "no_cases"}),
        ({"cases": ("exit", "lottery")}, {"cases": "unknown_case"}),
        ({"title": "", "date": None}, {"title": "required", "date": "required"}),
    ],
)
def test_the_problems_of_a_new_workshop_are_named_by_field(changes, expected):
    assert rules.problems(_fields(**changes), ("exit", "reprice", "keep")) == expected


NOBODY = None
# role → (sees it, runs it, adds co-coaches, starts a case while open, starts one after closing)
ROLE_RULES = {
    COACH: (True, True, True, False, False),
    CO_COACH: (True, True, False, False, False),
    PARTICIPANT: (True, False, False, True, False),
    NOBODY: (False, False, False, False, False),
}


@pytest.mark.parametrize("role", list(ROLE_RULES), ids=str)
def test_what_each_role_may_do(role):
    assert (
        rules.may_see(role),
        rules.runs(role),
        rules.may_add_co_coach(role),
        rules.may_start_case(role, OPEN),
        rules.may_start_case(role, CLOSED),
    ) == ROLE_RULES[role]


@pytest.mark.parametrize(
    ("role", "target", "allowed"),
    [
        (COACH, PARTICIPANT, True),
        (CO_COACH, PARTICIPANT, True),
        (COACH, CO_COACH, False),
        (CO_COACH, COACH, False),
        (PARTICIPANT, PARTICIPANT, False),
        (NOBODY, PARTICIPANT, False),
    ],
)
def test_only_coaches_remove_and_only_participants(role, target, allowed):
    assert rules.may_remove(role, target) is allowed


@pytest.mark.parametrize(
    ("status", "role", "removed", "outcome"),
    [
        (OPEN, NOBODY, False, "join"),
        (OPEN, PARTICIPANT, False, "member"),
        (OPEN, COACH, False, "member"),
        (CLOSED, PARTICIPANT, False, "member"),
        (CLOSED, NOBODY, False, "closed"),
        (OPEN, NOBODY, True, "removed"),
        (CLOSED, NOBODY, True, "removed"),
    ],
)
def test_what_joining_does(status, role, removed, outcome):
    assert rules.join_outcome(status, role, removed) == outcome
