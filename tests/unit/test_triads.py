"""The role-play groups and roles, and the two documents, without an app."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.content import load_content
from app.domain import roleplay, triads


@pytest.mark.parametrize(
    ("count", "sizes"),
    [
        (0, []),
        (1, []),
        (2, [2]),
        (3, [3]),
        (4, [4]),
        (5, [5]),
        (6, [3, 3]),
        (7, [3, 4]),
        (8, [4, 4]),
        (10, [3, 3, 4]),
        (11, [3, 4, 4]),
        (12, [3, 3, 3, 3]),
    ],
)
def test_groups_are_threes_with_a_fourth_rather_than_a_pair(count, sizes):
    assert triads.sizes(count) == sizes


def test_one_participant_has_nobody_to_play_with_and_none_is_nobody():
    assert triads.form_groups([7]) == []
    assert triads.forming_problem(1) == triads.ALONE
    assert triads.forming_problem(0) == triads.NOBODY
    assert triads.forming_problem(2) is None


def test_groups_follow_the_joining_order():
    groups = triads.form_groups([11, 12, 13, 14, 15, 16, 17])
    assert [g.members for g in groups] == [(11, 12, 13), (14, 15, 16, 17)]
    assert [g.number for g in groups] == [1, 2]


def test_roles_rotate_one_place_each_round():
    group = triads.Group(1, (1, 2, 3), first_round=1)
    assert triads.roles(group, 1) == triads.Roles(1, 2, (3,))
    assert triads.roles(group, 2) == triads.Roles(2, 3, (1,))
    assert triads.roles(group, 3) == triads.Roles(3, 1, (2,))
    assert triads.roles(group, 4) == triads.roles(group, 1)
    four = triads.Group(2, (1, 2, 3, 4), first_round=1)
    assert triads.roles(four, 1).observers == (3, 4)  # two observers


def test_a_pair_has_no_observer_and_one_left_has_no_client():
    assert triads.roles(triads.Group(1, (1, 2)), 1) == triads.Roles(1, 2, ())
    assert triads.roles(triads.Group(1, (1,)), 1) == triads.Roles(1, None, ())


@given(st.lists(st.integers(1, 10_000), unique=True, max_size=60))
def test_every_participant_is_in_exactly_one_group(ids):
    groups = triads.form_groups(ids)
    members = [m for g in groups for m in g.members]
    if len(ids) >= 2:
        assert sorted(members) == sorted(ids)
        assert all(len(g.members) >= 2 for g in groups)
        assert len(ids) == 2 or all(len(g.members) >= 3 for g in groups)
    else:
        assert members == []


@given(st.integers(2, 30), st.integers(-5, 5), st.integers(0, 20))
def test_every_member_speaks_once_in_n_rounds(size, first, start):
    group = triads.Group(1, tuple(range(size)), first_round=first)
    rounds = [triads.roles(group, start + k) for k in range(size)]
    assert sorted(r.speaker for r in rounds) == list(range(size))
    assert sorted(r.client for r in rounds) == list(range(size))
    for r in rounds:
        assert len({r.speaker, r.client, *r.observers}) == size


@given(
    st.lists(st.integers(1, 500), unique=True, min_size=2, max_size=25),
    st.integers(1, 500),
    st.integers(0, 10),
)
def test_a_move_keeps_everyone_once_and_every_group_at_two_or_more(ids, who, number):
    groups = triads.form_groups(ids)
    moved, problem = triads.move(groups, ids, who, number)
    if problem:
        assert moved == groups
    members = sorted(m for g in moved for m in g.members)
    assert members == sorted(ids)
    assert all(len(g.members) >= 2 for g in moved)


def test_a_move_that_would_leave_one_alone_is_refused_with_a_reason():
    groups = [triads.Group(1, (1, 2)), triads.Group(2, (3, 4, 5))]
    assert triads.move(groups, [1, 2, 3, 4, 5], 1, 2)[1] == triads.TOO_SMALL
    assert triads.move(groups, [1, 2, 3, 4, 5], 9, 2)[1] == triads.UNKNOWN_MEMBER
    assert triads.move(groups, [1, 2, 3, 4, 5], 3, 7)[1] == triads.UNKNOWN_GROUP
    assert triads.move(groups, [1, 2, 3, 4, 5], 3, 2)[1] == triads.SAME_GROUP
    moved, problem = triads.move(groups, [1, 2, 3, 4, 5], 3, 1)
    assert problem is None
    assert [g.members for g in moved] == [(1, 2, 3), (4, 5)]


def test_someone_who_joined_later_is_added_to_a_group():
    groups = [triads.Group(1, (1, 2, 3))]
    assert triads.ungrouped(groups, [1, 2, 3, 4]) == [4]
    moved, problem = triads.move(groups, [1, 2, 3, 4], 4, 1)
    assert problem is None and moved[0].members == (1, 2, 3, 4)


def test_members_who_left_drop_out_on_read():
    groups = [triads.Group(1, (1, 2, 3), 2)]
    assert triads.still_in(groups, [1, 3]) == [triads.Group(1, (1, 3), 2)]


def test_ticks_are_summed_per_point_naming_nobody():
    totals = triads.tick_sum([["framing", "thank"], ["framing", "framing"], ["evil"], []])
    assert totals["framing"] == 2 and totals["thank"] == 1 and totals["logic"] == 0
    assert set(totals) == set(triads.POINTS)


@pytest.mark.parametrize(
    ("ticked", "fields", "problems"),
    [
        (["framing"], {"note_logic": "Clear"}, {}),
        (["lottery"], {}, {"tick": "unknown_point"}),
        ([], {"note_evil": "x"}, {"fields": "unknown_field"}),
        ([], {"name": "x"}, {"fields": "unknown_field"}),
        ([], {"note_logic": "x" * 10_000}, {"note_logic": "too_long"}),
    ],
)
def test_an_observation_is_read_or_refused_with_the_field_that_is_wrong(ticked, fields, problems):
    seen, found = triads.read_observation(ticked, fields)
    assert found == problems
    assert (seen is None) == bool(problems)


@pytest.fixture(scope="module")
def content():
    return load_content()


def test_a_card_without_a_contact_style_or_history_says_what_to_improvise(content):
    plan = {"language": "en", "client": {"name": "Acme"}}
    card = roleplay.build_card(plan, content.texts["en"], speaker="Bo")
    assert card.persona_improvise and card.style_improvise and card.history_improvise
    assert card.care_improvise
    assert card.style is None
    assert len(card.reactions) == roleplay.CARD_REACTIONS
    assert card.respected  # the client's-perspective points are always there


def test_a_card_plays_the_primary_contact_with_the_reactions_of_their_style(content):
    plan = content.examples["nl-van-dijk-installatietechniek"]
    card = roleplay.build_card(plan, content.texts["nl"], speaker="Bo")
    assert card.persona[0].value == "Marco van Dijk"
    assert card.style.key == "D" and card.style.name == "Dominant"
    assert [r.label for r in card.reactions if r.likely] == [
        "Boosheid",
        "Onderhandelen",
        "„Ik wil je leidinggevende spreken”",
    ]
    assert any("vaste monteurs" in line for line in card.care)
    assert not card.history_improvise


def test_the_checklist_has_the_seven_steps_the_perspective_and_three_questions(content):
    checklist = roleplay.build_checklist(
        content.texts["en"], "en", speaker="Bo", client="Cy", ticks=["framing"]
    )
    assert len(checklist.steps) == 7 and len(checklist.perspective) == 4
    assert len(checklist.questions) == 3
    assert [p.key for p in checklist.points] == list(triads.POINTS)
    assert [p.key for p in checklist.points if p.ticked] == ["framing"]
