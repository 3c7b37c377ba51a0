"""The coach's view of a workshop's progress: a row per participant, totals naming nobody."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.workshop_progress import dots, latest, own_style, progress, row, totals

EARLY = datetime(2027, 3, 11, 9, 0)


def plan(
    plan_id=1,
    step="client",
    done=(),
    started=(),
    decision=None,
    disc=None,
    minutes=0,
    name="Northwind",
    steps=("client", "financial", "interpersonal", "value"),
):
    completion = {s: "done" if s in done else "started" if s in started else "todo" for s in steps}
    return {
        "plan_id": plan_id,
        "client_name": name,
        "current_step": step,
        "completion": completion,
        "decision": decision,
        "disc": disc,
        "updated_at": EARLY + timedelta(minutes=minutes),
    }


def test_a_participant_is_shown_on_the_plan_they_worked_on_last():
    older = plan(1, step="value", done=("client", "financial"), minutes=0, name="Northwind")
    newer = plan(2, step="financial", done=("client",), minutes=5, name="Bakker")
    shown = row("bo@example.com", [older, newer])
    assert (shown.plan_id, shown.client_name) == (2, "Bakker")
    assert (shown.step, shown.step_number) == ("financial", 2)
    assert (shown.done, shown.total) == (1, 4)


def test_the_dots_follow_the_plans_own_steps_and_mark_the_current_one():
    shown = dots(plan(step="financial", done=("client",), started=("financial",)))
    assert [(d.step, d.number, d.state, d.current) for d in shown] == [
        ("client", 1, "done", False),
        ("financial", 2, "started", True),
        ("interpersonal", 3, "todo", False),
        ("value", 4, "todo", False),
    ]


def test_an_unknown_state_is_shown_as_todo_never_as_done():
    odd = plan()
    odd["completion"]["client"] = "weird"
    assert dots(odd)[0].state == "todo"


def test_a_participant_without_a_plan_has_an_empty_row():
    shown = row("eve@example.com", [])
    assert shown.plan_id is None and shown.step is None and shown.dots == ()
    assert (shown.done, shown.total) == (0, 0)


def test_a_tie_in_time_picks_the_same_plan_every_time():
    assert latest([plan(3), plan(9), plan(5)])["plan_id"] == 9


def test_the_own_style_comes_from_another_plan_when_the_last_has_none():
    styled = plan(1, disc="I", minutes=0)
    last = plan(2, minutes=5)
    assert own_style([styled, last], last) == "I"
    assert own_style([plan(1, disc="X")], None) is None  # not a DISC style


def test_the_totals_count_steps_decisions_and_styles_and_name_nobody():
    group = {
        "ann@example.com": [plan(1, step="value", decision="exit", disc="D")],
        "bo@example.com": [plan(2, step="value", decision="reprice", disc="D")],
        "cy@example.com": [plan(3, step="client", decision="exit", disc="S")],
        "dee@example.com": [plan(4, step="financial")],
        "eve@example.com": [],
    }
    found = totals(group)
    assert found.participants == 5
    assert found.at_step == (("client", 1), ("financial", 1), ("value", 2))
    assert found.not_started == 1
    assert found.decisions == (("exit", 2), ("reprice", 1))
    assert found.not_decided == 2
    assert found.styles == (("D", 2), ("S", 1))
    assert found.no_style == 2
    assert "@" not in repr(found)


def test_each_participant_counts_once_in_the_totals_from_their_last_plan():
    group = {
        "ann@example.com": [
            plan(1, step="value", decision="exit", minutes=0),
            plan(2, step="client", minutes=9),
        ]
    }
    found = totals(group)
    assert found.at_step == (("client", 1),)
    assert found.decisions == ()
    assert found.not_decided == 1


def test_the_decisions_keep_the_order_of_the_recommendations():
    group = {
        f"p{n}": [plan(n, decision=choice)]
        for n, choice in enumerate(["keep", "exit", "reduce_attention", "exit"])
    }
    assert [key for key, _n in totals(group).decisions] == ["exit", "reduce_attention", "keep"]


def test_the_rows_keep_the_order_given():
    group = {"zoe@example.com": [plan(1)], "abe@example.com": [], "max@example.com": [plan(2)]}
    assert [r.who for r in progress(group).rows] == [
        "zoe@example.com",
        "abe@example.com",
        "max@example.com",
    ]


def test_an_empty_workshop_has_zero_totals():
    found = totals({})
    assert found.participants == found.not_started == found.not_decided == found.no_style == 0
    assert found.at_step == found.decisions == found.styles == ()
