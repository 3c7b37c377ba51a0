"""The advice in plain words: the rule that fired and the figures behind it."""

from __future__ import annotations

import pytest
import yaml

from app.content import DEFAULT_DIR
from app.domain.analysis import analyze
from app.domain.explain import break_even_lines, rule_explanation

TEXTS = {
    "rules": {
        str(n): f"rule {n}: {{contribution}} {{loss}} {{value}} {{strain}}" for n in range(1, 8)
    },
    "rule_incomplete": "nothing points to an exit yet",
    "alternatives": {
        "break_even": {
            "price_to_break_even": "price +{pct}",
            "price_to_target": "price +{pct} to {target}",
            "hours_to_break_even": "hours −{pct}",
            "hours_to_target": "hours −{pct} to {target}",
            "hours_impossible": "hours cannot",
            "already_break_even": "covers its costs",
            "already_target": "meets {target}",
            "no_figures": "fill in the figures",
            "exit_side": "exit: {contribution} stops, {hours} hours free",
            "exit_side_loss": "exit: a loss of {loss} ends, {hours} hours free",
        }
    },
}


@pytest.fixture(scope="module")
def model():
    return yaml.safe_load((DEFAULT_DIR / "model.yaml").read_text(encoding="utf-8"))


LOSS_MAKER = {
    "financial": {
        "annual_revenue": 100000,
        "gross_margin_pct": 25,
        "service_hours": [{"department": "sales", "hours_per_week": 10, "hourly_cost": 60}],
    },
    "value": {"reference": 2, "network": 2},
}


def test_the_rule_is_explained_with_the_plans_own_figures(model):
    analysis = analyze(LOSS_MAKER, model)
    assert analysis["rule"] == 1
    assert rule_explanation(analysis, model, TEXTS, "en") == "rule 1: -€2,600 €2,600 25 –"
    assert rule_explanation(analysis, model, TEXTS, "nl") == (
        "rule 1: €\u00a0-2.600 €\u00a02.600 25 –"
    )


def test_break_even_sentences_for_a_loss_maker(model):
    lines = break_even_lines(analyze(LOSS_MAKER, model), model, TEXTS, "en")
    assert lines["answered"] is True
    assert lines["lines"] == [
        "price +2.6%",
        "hours −9.4%",
        "price +14.0% to 10%",
        "hours −45.7% to 10%",
    ]
    assert lines["exit"] == "exit: a loss of €2,600 ends, 460 hours free"


def test_a_profitable_client_needs_nothing(model):
    no_hours = [{"department": "sales", "hours_per_week": 0, "hourly_cost": None}]
    plan = {
        "financial": {"annual_revenue": 100000, "gross_margin_pct": 40, "service_hours": no_hours}
    }
    lines = break_even_lines(analyze(plan, model), model, TEXTS, "en")
    assert lines["lines"] == ["covers its costs", "meets 10%"]


def test_without_figures_the_screen_asks_for_them(model):
    lines = break_even_lines(analyze({}, model), model, TEXTS, "en")
    assert lines == {"answered": False, "lines": ["fill in the figures"], "exit": None}


def test_when_fewer_hours_cannot_do_it_the_screen_says_so(model):
    plan = {
        "financial": {
            "annual_revenue": 100000,
            "gross_margin_pct": 5,
            "other_annual_costs": 20000,
            "service_hours": [{"hours_per_week": 1, "hourly_cost": 50}],
        }
    }
    lines = break_even_lines(analyze(plan, model), model, TEXTS, "en")
    assert "hours cannot" in lines["lines"]
