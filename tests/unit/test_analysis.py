"""Unit tests for the decision analysis (PRODUCT.md, "Analysis model" and "Analysis output").

The tests use the real content/model.yaml, so they also guard the shipped thresholds.
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.domain.analysis import (
    FinancialFigures,
    Thresholds,
    analyze,
    break_even,
    financial_figures,
    missing_inputs,
    readiness,
    recommend,
    round_half_up,
    strain_score,
    unanswered_checks,
    value_score,
)

MODEL_PATH = Path(__file__).parents[2] / "content" / "model.yaml"
MODEL: dict[str, Any] = yaml.safe_load(MODEL_PATH.read_text(encoding="utf-8"))
TH = Thresholds.from_model(MODEL)

INTERPERSONAL = TH.interpersonal_items
VALUES = TH.value_items
PITFALLS = TH.pitfalls


# --------------------------------------------------------------------------------------------
# Story helpers: realistic clients
# --------------------------------------------------------------------------------------------


def hours(*rows: tuple[str, Any, Any]) -> list[dict[str, Any]]:
    """Service-hours rows from (department, hours_per_week, hourly_cost) tuples."""
    return [{"department": d, "hours_per_week": h, "hourly_cost": c} for d, h, c in rows]


def answers(keys: tuple[str, ...], *values: int | None) -> dict[str, int | None]:
    """Answer the first items of a check with the given values (the rest stay unanswered)."""
    return dict(zip(keys, values, strict=False))


def everywhere(keys: tuple[str, ...], value: int) -> dict[str, int]:
    """Answer every item of a check with the same value."""
    return {key: value for key in keys}


# €100k revenue at 30 % margin, 5 h a week of service, paying a month late: 15.6 % contribution.
PROFITABLE = {
    "annual_revenue": 100_000,
    "gross_margin_pct": 30,
    "other_annual_costs": 2_000,
    "payment_days_late": 30,
    "service_hours": hours(("sales", 2, 60), ("customer_service", 3, 45)),
}
# €100k revenue at 20 % margin, 10 h a week of service, no delay: exactly 5 % contribution.
MARGINAL = {
    "annual_revenue": 100_000,
    "gross_margin_pct": 20,
    "other_annual_costs": 1_200,
    "payment_days_late": 0,
    "service_hours": hours(("customer_service", 10, 30)),
}
# €50k revenue at 20 % margin, 4 account-management hours a week, 45 days late: a loss.
LOSS = {
    "annual_revenue": 50_000,
    "gross_margin_pct": 20,
    "other_annual_costs": 500,
    "payment_days_late": 45,
    "service_hours": hours(("account_management", 4, 65)),
}


def plan(
    financial: dict[str, Any] | None = None,
    interpersonal: dict[str, Any] | None = None,
    value: dict[str, Any] | None = None,
    pitfalls: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A partial exitcoach-plan/1 plan with only the given sections."""
    sections = {
        "financial": financial,
        "interpersonal": interpersonal,
        "value": value,
        "pitfalls": pitfalls,
    }
    return {"format": "exitcoach-plan/1", **{k: v for k, v in sections.items() if v is not None}}


def figures(**financial: Any) -> FinancialFigures:
    """Financial figures for a financial section given as keyword arguments."""
    return financial_figures(financial, TH)


# --------------------------------------------------------------------------------------------
# The model file
# --------------------------------------------------------------------------------------------


def test_thresholds_come_from_the_model_file():
    assert TH.working_weeks == 46
    assert TH.cost_of_capital_pct == 8
    assert TH.marginal_pct == 10
    assert (TH.strain_high, TH.value_high, TH.value_low) == (60, 60, 40)
    assert INTERPERSONAL == (
        "disrespect",
        "scope_creep",
        "basics_effort",
        "escalations",
        "dread",
        "attrition",
    )
    assert VALUES == (
        "reference",
        "innovation",
        "knowledge",
        "energy",
        "network",
        "prestige",
        "potential",
    )
    assert PITFALLS == (
        "all_resources_counted",
        "own_part_examined",
        "external_checked",
        "not_decided_early",
        "independent_voice",
        "alternatives_considered",
    )


def test_a_model_without_a_threshold_is_refused_by_name():
    model = copy.deepcopy(MODEL)
    del model["scores"]["value_low"]
    with pytest.raises(KeyError, match="scores.value_low"):
        Thresholds.from_model(model)


def test_analyze_accepts_the_model_dict_or_ready_made_thresholds():
    client = plan(LOSS, everywhere(INTERPERSONAL, 2), everywhere(VALUES, 2))
    assert analyze(client, MODEL) == analyze(client, TH)


def test_a_stricter_marginal_threshold_in_the_model_changes_the_verdict():
    model = copy.deepcopy(MODEL)
    model["financial"]["marginal_pct"] = 20
    assert analyze(plan(PROFITABLE), MODEL)["financial"]["verdict"] == "profitable"
    assert analyze(plan(PROFITABLE), model)["financial"]["verdict"] == "marginal"


# --------------------------------------------------------------------------------------------
# Financial check: every formula
# --------------------------------------------------------------------------------------------


def test_the_financial_check_of_a_profitable_client_shows_every_figure():
    result = analyze(plan(PROFITABLE), MODEL)["financial"]
    assert result == {
        "gross_profit": 30_000.0,  # 100 000 × 30 %
        "service_hours_per_year": 230.0,  # (2 + 3) h × 46 weeks
        "service_cost": 11_730.0,  # (2 × 60 + 3 × 45) × 46
        "financing_cost": 657.53,  # 100 000 × 30 / 365 × 8 %
        "contribution": 15_612.47,  # 30 000 − 11 730 − 2 000 − 657.53
        "contribution_pct": 15.6,
        "yield_per_hour": 130.43,  # 30 000 / 230
        "verdict": "profitable",
    }


def test_the_financial_check_of_a_loss_making_client_shows_every_figure():
    result = analyze(plan(LOSS), MODEL)["financial"]
    assert result == {
        "gross_profit": 10_000.0,
        "service_hours_per_year": 184.0,
        "service_cost": 11_960.0,
        "financing_cost": 493.15,
        "contribution": -2_953.15,
        "contribution_pct": -5.9,
        "yield_per_hour": 54.35,
        "verdict": "loss",
    }


def test_gross_profit_is_revenue_times_margin():
    assert figures(annual_revenue=80_000, gross_margin_pct=25).gross_profit == 20_000


def test_service_hours_and_cost_add_up_over_departments_and_working_weeks():
    result = figures(service_hours=hours(("sales", 1.5, 80), ("finance_administration", 2, 40)))
    assert result.service_hours_per_year == Decimal("3.5") * 46
    assert result.service_cost == (Decimal("1.5") * 80 + 2 * 40) * 46


def test_working_weeks_and_cost_of_capital_default_to_the_model_values():
    defaults = figures(
        annual_revenue=36_500,
        payment_days_late=10,
        service_hours=hours(("sales", 1, 50)),
    )
    assert defaults.service_hours_per_year == 46
    assert defaults.financing_cost == 80  # 36 500 × 10 / 365 × 8 %


def test_a_plan_can_override_working_weeks_and_cost_of_capital():
    own = figures(
        annual_revenue=36_500,
        payment_days_late=10,
        cost_of_capital_pct=12,
        working_weeks=40,
        service_hours=hours(("sales", 1, 50)),
    )
    assert own.service_hours_per_year == 40
    assert own.service_cost == 2_000
    assert own.financing_cost == 120


def test_a_client_that_pays_on_time_costs_no_financing():
    assert figures(**PROFITABLE | {"payment_days_late": 0}).financing_cost == 0


def test_contribution_pct_is_rounded_half_up_to_a_tenth():
    # 17 000 / 80 000 = 21.25 %: half up gives 21.3 (banker's rounding would give 21.2).
    result = analyze(
        plan({"annual_revenue": 80_000, "gross_margin_pct": 25, "other_annual_costs": 3_000}), MODEL
    )
    assert result["financial"]["contribution_pct"] == 21.3


def test_service_hours_are_rounded_to_a_tenth_and_money_to_cents():
    result = analyze(
        plan({"annual_revenue": 12_345.67, "service_hours": hours(("sales", 1.33, 33.33))}),
        MODEL,
    )["financial"]
    assert result["service_hours_per_year"] == 61.2  # 1.33 × 46 = 61.18
    assert result["service_cost"] == 2_039.13  # 1.33 × 33.33 × 46 = 2 039.1294


def test_floats_and_decimals_are_taken_at_their_written_value():
    result = figures(annual_revenue=Decimal("12345.67"), gross_margin_pct=33.3)
    assert result.gross_profit == Decimal("4111.10811")
    assert (
        analyze(plan({"annual_revenue": Decimal("12345.67"), "gross_margin_pct": 33.3}), MODEL)[
            "financial"
        ]["gross_profit"]
        == 4_111.11
    )


# A service row that takes no hours: the client needs no service (a complete answer).
NO_HOURS = hours(("sales", 0, None))


def test_a_client_without_revenue_has_no_contribution_pct_and_is_a_loss_when_it_costs_hours():
    client = {"annual_revenue": 0, "gross_margin_pct": 30, "service_hours": hours(("sales", 2, 50))}
    result = analyze(plan(client), MODEL)
    assert result["financial"]["contribution"] == -4_600.0
    assert result["financial"]["contribution_pct"] is None
    assert result["financial"]["yield_per_hour"] == 0.0
    assert result["financial"]["verdict"] == "loss"
    assert set(result["break_even"].values()) == {None}


def test_a_client_without_revenue_or_costs_contributes_nothing_and_is_marginal():
    result = figures(annual_revenue=0, gross_margin_pct=0, service_hours=NO_HOURS)
    assert result.financial_answered
    assert result.contribution == 0
    assert result.contribution_pct is None
    assert result.verdict == "marginal"


def test_a_client_without_service_hours_has_no_yield_per_hour():
    client = {"annual_revenue": 80_000, "gross_margin_pct": 25, "service_hours": NO_HOURS}
    result = analyze(plan(client), MODEL)["financial"]
    assert result["service_hours_per_year"] == 0.0
    assert result["service_cost"] == 0.0
    assert result["yield_per_hour"] is None
    assert result["verdict"] == "profitable"


@pytest.mark.parametrize(
    ("other_annual_costs", "verdict"),
    [
        pytest.param(9_000, "profitable", id="11-pct-is-profitable"),
        pytest.param(10_000, "profitable", id="exactly-10-pct-is-profitable"),
        pytest.param(Decimal("10000.01"), "marginal", id="just-under-10-pct-is-marginal"),
        pytest.param(20_000, "marginal", id="exactly-0-is-marginal"),
        pytest.param(Decimal("20000.01"), "loss", id="one-cent-below-0-is-a-loss"),
    ],
)
def test_the_verdict_follows_the_contribution(other_annual_costs, verdict):
    # €100 000 revenue at 20 % margin: €20 000 gross profit before other costs.
    result = figures(
        annual_revenue=100_000,
        gross_margin_pct=20,
        other_annual_costs=other_annual_costs,
        service_hours=NO_HOURS,
    )
    assert result.verdict == verdict


def test_the_verdict_compares_the_exact_percentage_not_the_rounded_one():
    result = analyze(
        plan(
            {
                "annual_revenue": 100_000,
                "gross_margin_pct": 20,
                "other_annual_costs": 10_000.01,
                "service_hours": NO_HOURS,
            }
        ),
        MODEL,
    )["financial"]
    assert result["contribution_pct"] == 10.0
    assert result["verdict"] == "marginal"


# --------------------------------------------------------------------------------------------
# Financial check: unanswered and partial input
# --------------------------------------------------------------------------------------------


def test_an_empty_financial_check_is_unanswered_and_gives_no_verdict():
    result = financial_figures(None, TH)
    assert not result.financial_answered
    assert result.verdict is None
    assert result.contribution == 0
    out = analyze(plan(), MODEL)["financial"]
    assert out["verdict"] is None
    assert out["gross_profit"] == 0.0
    assert out["contribution"] == 0.0
    assert out["contribution_pct"] is None
    assert out["yield_per_hour"] is None


def test_costs_alone_do_not_answer_the_financial_check():
    result = figures(other_annual_costs=1_000, gross_margin_pct=30, service_hours=[])
    assert not result.financial_answered
    assert result.verdict is None
    assert result.contribution == -1_000  # still computed, just not judged


def test_empty_service_rows_do_not_answer_the_financial_check():
    rows = [{"department": "sales", "hours_per_week": None, "hourly_cost": None}, None]
    assert not figures(service_hours=rows).financial_answered


def test_service_hours_without_revenue_do_not_answer_the_financial_check():
    result = figures(service_hours=hours(("delivery_operations", 3, None)))
    assert not result.financial_answered
    assert result.service_hours_per_year == 138
    assert result.service_cost == 0  # an unknown hourly cost counts as 0, but is named
    assert result.verdict is None
    assert result.missing == ("annual_revenue", "gross_margin_pct", "hourly_cost")


@pytest.mark.parametrize(
    ("financial", "missing"),
    [
        pytest.param({}, ("annual_revenue", "gross_margin_pct", "service_hours"), id="nothing"),
        pytest.param(
            {"annual_revenue": 84_000}, ("gross_margin_pct", "service_hours"), id="revenue-only"
        ),
        pytest.param(
            {"annual_revenue": 84_000, "gross_margin_pct": 32, "service_hours": [None]},
            ("service_hours",),
            id="an-empty-row-is-no-hours",
        ),
        pytest.param(
            {
                "annual_revenue": 84_000,
                "gross_margin_pct": 32,
                "service_hours": hours(("sales", 2, 85), ("finance", 1, None)),
            },
            ("hourly_cost",),
            id="a-row-without-its-hourly-cost",
        ),
        pytest.param(
            {"annual_revenue": 0, "gross_margin_pct": 0, "service_hours": NO_HOURS},
            (),
            id="zeros-are-answers",
        ),
    ],
)
def test_the_missing_inputs_are_named(financial, missing):
    assert missing_inputs(financial) == missing
    assert figures(**financial).missing == missing


def test_with_only_a_revenue_there_is_no_advice_but_a_list_of_what_is_missing():
    """Issue 10: a revenue alone once gave 'reprice' for a client that 'contributes € 0'."""
    result = analyze(plan({"annual_revenue": 84_000}), MODEL)
    assert result["financial"]["verdict"] is None
    assert result["missing"] == ["gross_margin_pct", "service_hours", "interpersonal", "value"]
    with_checks = plan(
        {"annual_revenue": 84_000}, everywhere(INTERPERSONAL, 1), everywhere(VALUES, 3)
    )
    assert analyze(with_checks, MODEL)["missing"] == ["gross_margin_pct", "service_hours"]


def test_a_complete_plan_has_nothing_missing():
    client = plan(LOSS, everywhere(INTERPERSONAL, 2), everywhere(VALUES, 2))
    assert analyze(client, MODEL)["missing"] == []


def test_the_statement_lines_add_up_to_the_contribution_to_the_cent():
    # Fractions of a cent everywhere: each line is rounded on its own, the total is their sum.
    client = {
        "annual_revenue": Decimal("84000.33"),
        "gross_margin_pct": Decimal("32.125"),
        "other_annual_costs": Decimal("1500.005"),
        "payment_days_late": 38,
        "service_hours": hours(("sales", Decimal("2.333"), Decimal("85.55"))),
    }
    result = analyze(plan(client), MODEL)
    lines = {line["key"]: Decimal(str(line["amount"])) for line in result["statement"]}
    assert list(lines) == [
        "gross_profit",
        "service_cost",
        "other_annual_costs",
        "financing_cost",
        "contribution",
    ]
    assert lines["other_annual_costs"] == Decimal("1500.01")
    total = (
        lines["gross_profit"]
        - lines["service_cost"]
        - lines["other_annual_costs"]
        - lines["financing_cost"]
    )
    assert total == lines["contribution"]
    assert Decimal(str(result["financial"]["contribution"])) == total
    assert result["financial"]["financing_cost"] == float(lines["financing_cost"])


def test_missing_amounts_count_as_zero():
    result = figures(annual_revenue=10_000, gross_margin_pct=None, payment_days_late=None)
    assert result.gross_profit == 0
    assert result.financing_cost == 0
    assert result.contribution == 0


def test_a_boolean_is_not_an_amount():
    with pytest.raises(TypeError, match="financial.annual_revenue"):
        figures(annual_revenue=True)


def test_a_bad_service_row_is_named_by_its_path():
    with pytest.raises(TypeError, match=r"financial.service_hours\[1\].hourly_cost"):
        figures(service_hours=hours(("sales", 1, 50), ("marketing", 1, "fifty")))


# --------------------------------------------------------------------------------------------
# Break-even alternatives
# --------------------------------------------------------------------------------------------


def test_a_loss_making_client_shows_the_price_rise_and_hours_cut_that_would_help():
    assert analyze(plan(LOSS), MODEL)["break_even"] == {
        "price_increase_pct_to_break_even": 6.0,  # 2 953.15 / (50 000 − 493.15)
        "price_increase_pct_to_target": 17.9,  # (5 000 + 2 953.15) / (50 000 − 493.15 − 5 000)
        "hours_cut_pct_to_break_even": 24.7,  # 2 953.15 / 11 960
        "hours_cut_pct_to_target": 66.5,  # (5 000 + 2 953.15) / 11 960
    }


def test_a_profitable_client_needs_no_price_rise_or_hours_cut():
    assert set(analyze(plan(PROFITABLE), MODEL)["break_even"].values()) == {None}


def test_a_marginal_client_is_already_at_break_even_but_not_at_target():
    result = break_even(financial_figures(MARGINAL, TH), TH)
    assert result.price_increase_pct_to_break_even is None
    assert result.hours_cut_pct_to_break_even is None
    # (10 000 − 5 000) / (100 000 − 10 000) and 5 000 / 13 800
    assert round_half_up(result.price_increase_pct_to_target, "0.01") == Decimal("5.56")
    assert round_half_up(result.hours_cut_pct_to_target, "0.01") == Decimal("36.23")


def price_raised(financial: dict[str, Any], pct: Decimal) -> FinancialFigures:
    """The client after a price rise of pct %: same costs of goods, hours and terms."""
    before = financial_figures(financial, TH)
    cost_of_goods = before.revenue - before.gross_profit
    revenue = before.revenue * (1 + pct / 100)
    margin = (revenue - cost_of_goods) / revenue * 100
    return financial_figures(
        {**financial, "annual_revenue": revenue, "gross_margin_pct": margin}, TH
    )


def hours_cut(financial: dict[str, Any], pct: Decimal) -> FinancialFigures:
    """The client after cutting every department's weekly hours by pct %."""
    rows = [
        {**row, "hours_per_week": Decimal(row["hours_per_week"]) * (1 - pct / 100)}
        for row in financial["service_hours"]
    ]
    return financial_figures({**financial, "service_hours": rows}, TH)


def test_the_break_even_price_rise_indeed_brings_the_contribution_to_zero():
    pct = break_even(financial_figures(LOSS, TH), TH).price_increase_pct_to_break_even
    assert abs(price_raised(LOSS, pct).contribution) < Decimal("0.01")


def test_the_target_price_rise_indeed_brings_the_contribution_to_the_marginal_threshold():
    pct = break_even(financial_figures(LOSS, TH), TH).price_increase_pct_to_target
    after = price_raised(LOSS, pct)
    assert abs(after.contribution_pct - 10) < Decimal("0.0001")


def test_the_break_even_hours_cut_indeed_brings_the_contribution_to_zero():
    pct = break_even(financial_figures(LOSS, TH), TH).hours_cut_pct_to_break_even
    assert abs(hours_cut(LOSS, pct).contribution) < Decimal("0.01")


def test_the_target_hours_cut_indeed_brings_the_contribution_to_the_marginal_threshold():
    pct = break_even(financial_figures(LOSS, TH), TH).hours_cut_pct_to_target
    assert abs(hours_cut(LOSS, pct).contribution_pct - 10) < Decimal("0.0001")


def test_an_hours_cut_above_100_pct_cannot_do_it():
    # 2 000 gross profit, 920 service cost, 5 000 other costs: a loss of 3 920.
    client = {
        "annual_revenue": 20_000,
        "gross_margin_pct": 10,
        "other_annual_costs": 5_000,
        "service_hours": hours(("sales", 1, 20)),
    }
    result = analyze(plan(client), MODEL)["break_even"]
    assert result["hours_cut_pct_to_break_even"] is None
    assert result["hours_cut_pct_to_target"] is None
    assert result["price_increase_pct_to_break_even"] == 19.6


def test_cutting_exactly_all_hours_is_still_an_answer():
    # The other costs equal the gross profit, so only the 2 300 service cost is lost.
    client = {
        "annual_revenue": 20_000,
        "gross_margin_pct": 10,
        "other_annual_costs": 2_000,
        "service_hours": hours(("sales", 1, 50)),
    }
    assert analyze(plan(client), MODEL)["break_even"]["hours_cut_pct_to_break_even"] == 100.0


def test_without_service_cost_no_hours_cut_can_help():
    result = analyze(
        plan({"annual_revenue": 10_000, "gross_margin_pct": 10, "other_annual_costs": 2_000}),
        MODEL,
    )["break_even"]
    assert result["hours_cut_pct_to_break_even"] is None
    assert result["hours_cut_pct_to_target"] is None
    assert result["price_increase_pct_to_break_even"] == 10.0


def test_no_price_rise_helps_when_financing_eats_all_the_extra_revenue():
    # A year late at 100 % cost of capital: the financing cost equals the revenue.
    result = figures(
        annual_revenue=10_000, gross_margin_pct=10, payment_days_late=365, cost_of_capital_pct=100
    )
    assert result.financing_cost == result.revenue
    assert break_even(result, TH).price_increase_pct_to_break_even is None


def test_the_target_can_be_out_of_reach_by_price_while_break_even_is_not():
    # Financing at 90 % of revenue: R − F − t·R = 0, so the 10 % target is unreachable by price.
    result = break_even(
        figures(
            annual_revenue=10_000,
            gross_margin_pct=50,
            payment_days_late=365,
            cost_of_capital_pct=90,
        ),
        TH,
    )
    assert result.price_increase_pct_to_break_even == 400  # 4 000 / 1 000
    assert result.price_increase_pct_to_target is None


def test_without_revenue_no_break_even_figure_is_given():
    result = break_even(figures(service_hours=hours(("sales", 1, 50))), TH)
    assert result.price_increase_pct_to_break_even is None
    assert result.hours_cut_pct_to_break_even is None


# --------------------------------------------------------------------------------------------
# Interpersonal check: strain score
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "score"),
    [
        pytest.param(everywhere(INTERPERSONAL, 1), 0, id="never-is-0"),
        pytest.param(everywhere(INTERPERSONAL, 5), 100, id="always-is-100"),
        pytest.param(everywhere(INTERPERSONAL, 3), 50, id="sometimes-is-50"),
        pytest.param(answers(INTERPERSONAL, 3, 4), 63, id="mean-3.5-is-62.5-rounded-up-to-63"),
        pytest.param(answers(INTERPERSONAL, 2, 3), 38, id="mean-2.5-is-37.5-rounded-up-to-38"),
        pytest.param(answers(INTERPERSONAL, 4, 4, 3, 3, 3), 60, id="five-answered-mean-3.4-is-60"),
        pytest.param(answers(INTERPERSONAL, 5, None, 1), 50, id="unanswered-items-are-left-out"),
        pytest.param(answers(INTERPERSONAL, 4, 4, 3), 67, id="mean-3.67-is-66.7-rounded-to-67"),
    ],
)
def test_the_strain_score_is_the_mean_answer_on_a_0_to_100_scale(given, score):
    assert strain_score(given, TH) == score


def test_half_up_rounding_is_not_bankers_rounding():
    assert round(62.5) == 62  # what Python's round would have done
    assert strain_score(answers(INTERPERSONAL, 3, 4), TH) == 63


@pytest.mark.parametrize("given", [None, {}, everywhere(INTERPERSONAL, None)])
def test_an_unanswered_interpersonal_check_has_no_strain_score(given):
    assert strain_score(given, TH) is None


def test_answers_outside_the_check_do_not_count_towards_strain():
    assert strain_score({"disrespect": 5, "reference": 1, "mood": 1}, TH) == 100


def test_an_answer_off_the_scale_is_refused_by_name():
    with pytest.raises(ValueError, match="interpersonal.dread"):
        strain_score({"dread": 6}, TH)


# --------------------------------------------------------------------------------------------
# Value check: value score
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "score"),
    [
        pytest.param(everywhere(VALUES, 4), 75, id="much-value-is-75"),
        pytest.param(everywhere(VALUES, 4) | {"reputation_risk": 1}, 75, id="no-risk-no-penalty"),
        pytest.param(everywhere(VALUES, 4) | {"reputation_risk": 3}, 65, id="risk-3-costs-10"),
        pytest.param(everywhere(VALUES, 5) | {"reputation_risk": 5}, 80, id="risk-5-costs-20"),
        pytest.param(answers(VALUES, 3, 4), 63, id="mean-3.5-rounded-up-to-63"),
        pytest.param(
            answers(VALUES, 3, 4) | {"reputation_risk": 2}, 58, id="rounded-before-the-penalty"
        ),
        pytest.param(everywhere(VALUES, 1) | {"reputation_risk": 5}, 0, id="clamped-at-0"),
        pytest.param(everywhere(VALUES, 2) | {"reputation_risk": 4}, 10, id="25-minus-15-is-10"),
        pytest.param(everywhere(VALUES, 5), 100, id="at-most-100"),
    ],
)
def test_the_value_score_is_the_mean_answer_minus_a_reputation_penalty(given, score):
    assert value_score(given, TH) == score


def test_an_unanswered_reputation_risk_counts_as_1():
    given = everywhere(VALUES, 4)
    assert value_score(given, TH) == value_score(given | {"reputation_risk": None}, TH) == 75
    assert value_score(given | {"reputation_risk": 1}, TH) == 75


@pytest.mark.parametrize(
    "given",
    [None, {}, everywhere(VALUES, None), {"reputation_risk": 5}],
    ids=["no-section", "empty", "all-null", "only-reputation-risk"],
)
def test_an_unanswered_value_check_has_no_value_score(given):
    assert value_score(given, TH) is None


# --------------------------------------------------------------------------------------------
# Recommendation: one realistic client per rule
# --------------------------------------------------------------------------------------------


RULE_CASES = [
    pytest.param(
        plan(LOSS, everywhere(INTERPERSONAL, 2), everywhere(VALUES, 2)),
        "exit",
        1,
        id="1-a-loss-making-client-of-little-value-is-an-exit",
    ),
    pytest.param(
        plan(LOSS, everywhere(INTERPERSONAL, 4), everywhere(VALUES, 4)),
        "reprice",
        2,
        id="2-a-loss-making-client-of-high-value-is-repriced-first",
    ),
    pytest.param(
        plan(PROFITABLE, everywhere(INTERPERSONAL, 4), everywhere(VALUES, 3)),
        "exit",
        3,
        id="3-a-profitable-client-that-wears-out-the-team-for-little-value-is-an-exit",
    ),
    pytest.param(
        plan(PROFITABLE, everywhere(INTERPERSONAL, 4), everywhere(VALUES, 4)),
        "reset_expectations",
        4,
        id="4-a-valuable-client-that-wears-out-the-team-gets-reset-expectations",
    ),
    pytest.param(
        plan(MARGINAL, everywhere(INTERPERSONAL, 2), everywhere(VALUES, 2)),
        "reduce_attention",
        5,
        id="5-a-marginal-client-of-little-value-gets-less-attention",
    ),
    pytest.param(
        plan(MARGINAL, everywhere(INTERPERSONAL, 2), everywhere(VALUES, 3)),
        "reprice",
        6,
        id="6-a-marginal-client-of-some-value-is-repriced",
    ),
    pytest.param(
        plan(PROFITABLE, everywhere(INTERPERSONAL, 2), everywhere(VALUES, 4)),
        "keep_invest",
        7,
        id="7-a-profitable-pleasant-valuable-client-is-kept-and-invested-in",
    ),
    pytest.param(
        plan(PROFITABLE, everywhere(INTERPERSONAL, 2), everywhere(VALUES, 3)),
        "keep",
        7,
        id="7-a-profitable-pleasant-ordinary-client-is-kept",
    ),
]


@pytest.mark.parametrize(("client", "recommendation", "rule"), RULE_CASES)
def test_each_rule_fires_for_the_client_it_was_written_for(client, recommendation, rule):
    result = analyze(client, MODEL)
    assert (result["recommendation"], result["rule"]) == (recommendation, rule)
    assert result["unanswered"] == []


def test_a_loss_making_client_of_little_value_is_an_exit():
    result = analyze(plan(LOSS, everywhere(INTERPERSONAL, 2), everywhere(VALUES, 2)), MODEL)
    assert result["financial"]["verdict"] == "loss"
    assert result["value_score"] == 25
    assert result["strain_score"] == 25
    assert (result["recommendation"], result["rule"]) == ("exit", 1)


@pytest.mark.parametrize(
    ("verdict", "strain", "value", "recommendation", "rule"),
    [
        pytest.param("loss", 0, 59, "exit", 1, id="value-59-with-a-loss-is-an-exit"),
        pytest.param("loss", 0, 60, "reprice", 2, id="value-exactly-60-with-a-loss-is-no-exit"),
        pytest.param("loss", 100, 100, "reprice", 2, id="a-loss-comes-before-strain"),
        pytest.param("profitable", 60, 59, "exit", 3, id="strain-exactly-60-protects-the-team"),
        pytest.param("profitable", 59, 0, "keep", 7, id="strain-59-is-not-high"),
        pytest.param(
            "profitable", 60, 60, "reset_expectations", 4, id="strain-60-value-exactly-60"
        ),
        pytest.param("marginal", 60, 0, "exit", 3, id="strain-comes-before-a-marginal-verdict"),
        pytest.param("marginal", 0, 39, "reduce_attention", 5, id="value-39-reduce-attention"),
        pytest.param("marginal", 0, 40, "reprice", 6, id="value-exactly-40-is-not-reduced"),
        pytest.param("profitable", 0, 60, "keep_invest", 7, id="value-exactly-60-keep-invest"),
        pytest.param("profitable", 0, 59, "keep", 7, id="value-59-keep"),
    ],
)
def test_the_rules_at_their_thresholds(verdict, strain, value, recommendation, rule):
    assert recommend(verdict, strain, value, TH) == (recommendation, rule)


# --------------------------------------------------------------------------------------------
# Recommendation on partly answered checks
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("verdict", "strain", "value", "recommendation", "rule", "unanswered"),
    [
        pytest.param(
            None,
            None,
            None,
            "keep",
            7,
            ["financial", "interpersonal", "value"],
            id="nothing-answered-keeps-and-names-every-check",
        ),
        pytest.param(
            "loss", None, None, "reprice", 2, ["value"], id="loss-without-value-is-repriced"
        ),
        pytest.param(None, 75, 25, "exit", 3, ["financial"], id="strain-exit-without-figures"),
        pytest.param(
            "profitable",
            None,
            50,
            "keep",
            7,
            ["interpersonal"],
            id="profitable-without-interpersonal-check",
        ),
        pytest.param(
            "marginal", 0, None, "reprice", 6, ["value"], id="marginal-without-value-check"
        ),
        pytest.param("loss", 80, 70, "reprice", 2, [], id="all-answered-nothing-missing"),
        pytest.param(
            "profitable", 0, None, "keep", 7, ["value"], id="keep-invest-needs-the-value-check"
        ),
    ],
)
def test_a_rule_that_needs_an_unanswered_check_does_not_hold(
    verdict, strain, value, recommendation, rule, unanswered
):
    assert recommend(verdict, strain, value, TH) == (recommendation, rule)
    assert unanswered_checks(verdict, strain, value, TH) == unanswered


def test_a_loss_without_the_value_check_is_repriced_and_says_value_is_unanswered():
    result = analyze(plan(LOSS, everywhere(INTERPERSONAL, 2)), MODEL)
    assert result["value_score"] is None
    assert (result["recommendation"], result["rule"]) == ("reprice", 2)
    assert result["unanswered"] == ["value"]


def test_partly_answered_checks_still_give_scores_and_a_recommendation():
    client = plan(
        {"annual_revenue": 60_000, "gross_margin_pct": 35},
        answers(INTERPERSONAL, 4, 4, 3, 3, 3),  # strain exactly 60
        answers(VALUES, 2, 3),  # value 38
    )
    result = analyze(client, MODEL)
    assert (result["strain_score"], result["value_score"]) == (60, 38)
    assert (result["recommendation"], result["rule"]) == ("exit", 3)
    # the financial check lacks its service hours: rule 1 (a loss) might fire first
    assert result["unanswered"] == ["financial"]
    assert result["missing"] == ["service_hours"]


def test_value_exactly_60_with_a_loss_is_repriced_not_exited():
    client = plan(LOSS, everywhere(INTERPERSONAL, 1), answers(VALUES, 4, 4, 3, 3, 3))
    result = analyze(client, MODEL)
    assert result["value_score"] == 60
    assert (result["recommendation"], result["rule"]) == ("reprice", 2)


def test_value_exactly_40_with_a_marginal_verdict_is_repriced_not_reduced():
    value = everywhere(VALUES, 3) | {"reputation_risk": 3}  # 50 − 10
    result = analyze(plan(MARGINAL, everywhere(INTERPERSONAL, 1), value), MODEL)
    assert result["value_score"] == 40
    assert (result["recommendation"], result["rule"]) == ("reprice", 6)


def test_an_empty_plan_is_kept_with_every_check_unanswered():
    result = analyze({}, MODEL)
    assert result["financial"]["verdict"] is None
    assert result["strain_score"] is None
    assert result["value_score"] is None
    assert (result["recommendation"], result["rule"]) == ("keep", 7)
    assert result["unanswered"] == ["financial", "interpersonal", "value"]
    assert result["readiness"] == {"ready": False, "open_pitfalls": list(PITFALLS)}


def test_null_sections_are_treated_as_unanswered():
    client = {
        "financial": {"annual_revenue": None, "service_hours": None},
        "interpersonal": None,
        "value": None,
        "pitfalls": None,
    }
    assert analyze(client, MODEL) == analyze({}, MODEL)


# --------------------------------------------------------------------------------------------
# Readiness
# --------------------------------------------------------------------------------------------


def test_a_decision_is_ready_when_every_pitfall_is_checked():
    result = readiness({key: True for key in PITFALLS}, TH)
    assert result.ready
    assert result.open_pitfalls == ()
    assert result.as_dict() == {"ready": True, "open_pitfalls": []}


def test_open_pitfalls_are_listed_in_model_order():
    given = {
        "alternatives_considered": False,
        "independent_voice": True,
        "all_resources_counted": True,
        "external_checked": None,
        "not_decided_early": "yes",  # only a real true counts
    }
    result = readiness(given, TH)
    assert not result.ready
    assert result.open_pitfalls == (
        "own_part_examined",
        "external_checked",
        "not_decided_early",
        "alternatives_considered",
    )


@pytest.mark.parametrize("given", [None, {}])
def test_no_pitfall_answers_means_every_pitfall_is_open(given):
    assert readiness(given, TH).open_pitfalls == PITFALLS


def test_readiness_is_part_of_the_analysis():
    client = plan(PROFITABLE, pitfalls={key: True for key in PITFALLS})
    assert analyze(client, MODEL)["readiness"] == {"ready": True, "open_pitfalls": []}


# --------------------------------------------------------------------------------------------
# Output shape
# --------------------------------------------------------------------------------------------


def _contains_decimal(value: Any) -> bool:
    """True when a Decimal hides anywhere in a nested dict/list."""
    if isinstance(value, Decimal):
        return True
    if isinstance(value, dict):
        return any(_contains_decimal(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_contains_decimal(v) for v in value)
    return False


def test_the_output_has_exactly_the_contract_shape():
    result = analyze(plan(LOSS, everywhere(INTERPERSONAL, 2), everywhere(VALUES, 2)), MODEL)
    assert list(result) == [
        "financial",
        "break_even",
        "strain_score",
        "value_score",
        "recommendation",
        "rule",
        "readiness",
        "potential_exception",  # beside the contract's keys: null unless it applies
        "unanswered",
        "missing",
        "statement",
    ]
    assert set(result["financial"]) == {
        "gross_profit",
        "service_hours_per_year",
        "service_cost",
        "financing_cost",
        "contribution",
        "contribution_pct",
        "yield_per_hour",
        "verdict",
    }
    assert set(result["break_even"]) == {
        "price_increase_pct_to_break_even",
        "price_increase_pct_to_target",
        "hours_cut_pct_to_break_even",
        "hours_cut_pct_to_target",
    }
    assert set(result["readiness"]) == {"ready", "open_pitfalls"}


@pytest.mark.parametrize(
    "client",
    [
        plan(LOSS, everywhere(INTERPERSONAL, 2), everywhere(VALUES, 2)),
        plan({"annual_revenue": Decimal("12345.67"), "gross_margin_pct": 33.3}),
        {},
    ],
    ids=["loss", "decimal-input", "empty"],
)
def test_the_output_serialises_to_json_without_decimals(client):
    result = analyze(client, MODEL)
    assert not _contains_decimal(result)
    assert json.loads(json.dumps(result)) == result


def test_analyze_does_not_change_the_plan():
    client = plan(LOSS, everywhere(INTERPERSONAL, 2), everywhere(VALUES, 2))
    before = copy.deepcopy(client)
    analyze(client, MODEL)
    assert client == before
