"""DISC: the self-check, the observed style of a contact, and composed pair advice."""

from __future__ import annotations

import itertools

import pytest
import yaml

from app.content import DEFAULT_DIR
from app.domain.disc import (
    STYLES,
    axes_of,
    pair_advice,
    self_check_style,
    style_of,
    telling_order,
    telling_plan,
    under_pressure,
)


@pytest.fixture(scope="module", params=["en", "nl"])
def texts(request):
    path = DEFAULT_DIR / request.param / "prepare.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["styles"]


@pytest.mark.parametrize(
    ("pace", "focus", "style"),
    [
        ("outgoing", "task", "D"),
        ("outgoing", "people", "I"),
        ("reserved", "people", "S"),
        ("reserved", "task", "C"),
        (None, "task", None),
        ("outgoing", None, None),
    ],
)
def test_two_observations_give_a_style(pace, focus, style):
    assert style_of(pace, focus) == style
    if style:
        assert axes_of(style) == (pace, focus)


def test_a_fast_results_driven_person_is_red():
    answers = {"quick_decisions": 5, "speak_up": 4, "results_first": 5, "facts_convince": 4}
    assert self_check_style(answers) == "D"


def test_a_calm_caring_person_is_green():
    answers = {"think_first": 5, "steady_pace": 5, "relationships_matter": 5, "avoid_conflict": 4}
    assert self_check_style(answers) == "S"


def test_a_lively_people_person_is_yellow_and_a_careful_precise_one_blue():
    assert self_check_style({"speak_up": 5, "relationships_matter": 5}) == "I"
    assert self_check_style({"think_first": 5, "clear_rules": 5}) == "C"


def test_the_self_check_needs_both_axes():
    assert self_check_style({}) is None
    assert self_check_style({"speak_up": 5}) is None
    assert self_check_style({"speak_up": 5, "clear_rules": None}) is None


def test_ties_read_as_reserved_and_people_oriented():
    assert self_check_style({"speak_up": 3, "results_first": 3}) == "S"


def test_every_one_of_the_sixteen_pairs_has_its_own_note(texts):
    seen = set()
    for yours, theirs in itertools.product(STYLES, STYLES):
        advice = pair_advice(yours, theirs, "Marleen", texts)
        assert len(advice) == 2  # the note for this pair, then what the other needs most
        assert all(line.strip() and "{" not in line for line in advice)
        assert "Marleen" in advice[0] and len(advice[0]) > 250, (yours, theirs)  # a paragraph
        seen.add(advice[0])
    assert len(seen) == 16  # written per pair, not composed from shared sentences


def test_the_pair_note_is_the_one_written_for_that_pair(texts):
    advice = pair_advice("D", "S", "Marleen", texts)
    assert advice[0] == texts["pair_notes"]["D-S"].format(name="Marleen")
    assert advice[1].startswith(texts["labels"]["they_need"].split("{")[0])


def test_no_advice_without_both_styles(texts):
    assert pair_advice(None, "S", "Marleen", texts) == []
    assert pair_advice("D", None, "Marleen", texts) == []


def test_under_pressure_gives_your_tendency_and_one_countermeasure_for_every_pair(texts):
    for yours, theirs in itertools.product(STYLES, STYLES):
        tendency, counter = under_pressure(yours, theirs, "Marleen", texts)
        assert tendency and counter and tendency != counter
        assert "{" not in tendency + counter
    assert under_pressure(None, "D", "Marleen", texts) is None
    assert under_pressure("S", None, "Marleen", texts) is None


def test_under_pressure_reads_as_a_sentence_when_it_starts_with_the_other_person(texts):
    for yours, theirs in itertools.product(STYLES, STYLES):
        for line in under_pressure(yours, theirs, texts["labels"]["the_other"], texts):
            assert line[0].isupper(), line


def _contacts(*styles, primary=None):
    return [
        {"name": f"c{i}", "disc": style, "primary": i == primary} for i, style in enumerate(styles)
    ]


@pytest.mark.parametrize(
    ("styles", "primary", "order"),
    [
        # the main contact first; then the one who escalates when passed over, the one who
        # passes it on, the one who wants it formal, the one who needs time; unknown last
        (("S", "C", None, "I", "D"), 0, [0, 4, 3, 1, 2]),
        (("S", "C", None, "I", "D"), 2, [2, 4, 3, 1, 0]),
        (("D", "S", "D"), None, [0, 2, 1]),  # no main contact: the first; ties in plan order
    ],
)
def test_several_contacts_are_told_main_contact_first_then_by_style(styles, primary, order):
    assert telling_order(_contacts(*styles, primary=primary)) == order


def test_the_order_of_telling_says_why_and_needs_two_contacts_with_a_style(texts):
    several = texts["several"]
    plan = telling_plan(_contacts("C", "D", None, primary=0), several)
    assert plan == [
        (0, several["why"]["primary"]),
        (1, several["why"]["D"]),
        (2, several["why"]["unknown"]),
    ]
    assert telling_plan(_contacts("C", None, primary=0), several) == []
    assert telling_plan([], several) == []
