"""The potential exception and the conversation that follows a decision to keep, as plain
domain functions."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.content import load_content
from app.domain.analysis import analyze
from app.domain.planfile import PlanFileError, validate_plan
from app.domain.potential import effective_advice
from app.domain.talks import build_talk, chosen_alternative, review_date, talk_kind

EXAMPLES = Path(__file__).resolve().parents[2] / "content" / "examples"
CONTENT = load_content()
MODEL = CONTENT.model


def example(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def loss_with_potential(potential, answer=None) -> dict:
    plan = example("nl-van-dijk-installatietechniek")  # rule 1: loss, little value
    plan["value"]["potential"] = potential
    if answer:
        plan["potential_review"] = {"answer": answer}
    return plan


def test_a_high_potential_holds_an_exit_advice_back_beside_the_unchanged_contract():
    result = analyze(loss_with_potential(4), MODEL)
    assert (result["recommendation"], result["rule"]) == ("exit", 1)  # the contract holds
    exception = result["potential_exception"]
    assert exception["held"] is True and exception["advice"] is None
    assert exception["potential"] == 4 and exception["if_real"] == "reprice"
    assert exception["other_value"] < result["value_score"]  # potential left out
    assert effective_advice(result) is None


@pytest.mark.parametrize(("answer", "advice"), [("real", "reprice"), ("hope", "exit")])
def test_the_users_judgement_decides_what_the_screens_advise(answer, advice):
    result = analyze(loss_with_potential(5, answer), MODEL)
    assert result["potential_exception"]["advice"] == advice
    assert effective_advice(result) == advice
    assert result["recommendation"] == "exit"


def test_strain_with_potential_becomes_a_reset_when_the_growth_is_real():
    plan = example("en-northwind-retail")
    plan["financial"]["annual_revenue"] = 400000  # profitable: rule 3 (strain) fires
    plan["value"]["potential"] = 5
    plan["potential_review"] = {"answer": "real"}
    result = analyze(plan, MODEL)
    assert result["rule"] == 3
    assert result["potential_exception"]["advice"] == "reset_expectations"


@pytest.mark.parametrize("potential", [None, 1, 3])
def test_ordinary_potential_makes_no_exception(potential):
    assert analyze(loss_with_potential(potential), MODEL)["potential_exception"] is None


def test_no_exception_when_the_advice_is_not_an_exit():
    assert analyze(example("en-oakfield-hardware-reprice"), MODEL)["potential_exception"] is None


@pytest.mark.parametrize(
    ("document", "path"),
    [
        ({"potential_review": {"answer": "maybe"}}, "potential_review.answer"),
        ({"next_talk": {"alternative": "bribe"}}, "next_talk.alternative"),
        ({"next_talk": {"review_date": "31-12-2027"}}, "next_talk.review_date"),
        ({"next_talk": {"key_message": 5}}, "next_talk.key_message"),
        ({"next_talk": {"mood": "x"}}, "next_talk.mood"),
    ],
)
def test_the_new_plan_sections_are_validated_with_their_path(document, path):
    with pytest.raises(PlanFileError) as err:
        validate_plan({"format": "exitcoach-plan/1", **document}, MODEL)
    assert err.value.messages()[0].startswith(f"{path}:")


def test_old_plans_without_the_new_sections_still_validate():
    plan = example("en-northwind-retail")
    assert "next_talk" not in validate_plan(plan, MODEL)


@pytest.mark.parametrize(
    ("kind", "talk"),
    [
        ("raise_rates", "price"),
        ("renegotiate_terms", "price"),
        ("trial_period", "trial"),
        ("repair_attention", "repair"),
        ("scope_reset", "reset"),
        ("other", "reset"),
    ],
)
def test_each_alternative_leads_to_its_kind_of_conversation(kind, talk):
    assert talk_kind(kind) == talk


@pytest.mark.parametrize(
    ("plan", "expected"),
    [
        ({"decision": {"choice": "reprice"}}, ("raise_rates", True)),
        ({"decision": {"choice": "reset_expectations"}}, ("scope_reset", True)),
        ({"decision": {"choice": "keep"}}, (None, True)),
        (
            {"decision": {"choice": "reprice"}, "potential_review": {"answer": "real"}},
            ("trial_period", True),
        ),
        (
            {"decision": {"choice": "keep"}, "next_talk": {"alternative": "inside_sales"}},
            ("inside_sales", False),
        ),
    ],
)
def test_the_alternative_follows_the_decision_until_the_user_picks_one(plan, expected):
    assert chosen_alternative(plan) == expected


def test_the_review_is_three_months_after_the_conversation_unless_set():
    assert review_date({"conversation_date": "2027-01-31"}, date(2026, 1, 1)) == date(2027, 4, 30)
    assert review_date({}, date(2026, 11, 26)) == date(2027, 2, 26)
    own = {"next_talk": {"review_date": "2027-06-01"}, "conversation_date": "2027-01-31"}
    assert review_date(own, date(2026, 1, 1)) == date(2027, 6, 1)


def test_a_marginal_client_walks_away_below_the_target_margin():
    plan = example("en-oakfield-hardware-reprice")
    plan["financial"]["annual_revenue"] = 61000  # covers its costs, below the 10% target
    result = analyze(plan, MODEL)
    assert result["financial"]["verdict"] == "marginal"
    talk = build_talk(plan, result, CONTENT.texts["nl"], MODEL, "nl", date(2026, 11, 26))
    pct = f"{result['break_even']['price_increase_pct_to_target']:.1f}".replace(".", ",")
    assert talk.walk_away[0].startswith(f"Onder een verhoging van {pct}%")
    assert "doelmarge van 10%" in talk.walk_away[0]


def test_without_figures_the_walk_away_asks_for_them():
    plan = {"decision": {"choice": "reprice"}}
    talk = build_talk(plan, analyze(plan, MODEL), CONTENT.texts["en"], MODEL, "en", date.today())
    assert talk.walk_away == [
        CONTENT.texts["en"]["decide"]["alternatives"]["talks"]["kinds"]["price"]["no_figures"]
    ]
    assert talk.figures == []
