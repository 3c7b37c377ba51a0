"""The portfolio model of PRODUCT.md: contribution, classes, whale curve, segments, pearls."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.domain.analysis import Thresholds, financial_figures
from app.domain.portfolio import (
    ClientRow,
    PortfolioThresholds,
    analyze_portfolio,
    as_json,
    moves,
    pearl_step,
    scale_score,
    threshold_problems,
)
from tests.report_helpers import content

MODEL = Thresholds.from_model(content().model)
LIMITS = PortfolioThresholds.from_model(content().model)


def row(
    name: str,
    revenue=0,
    margin=0,
    hours=0,
    rate=0,
    other=0,
    late=0,
    strain=None,
    value=None,
    potential=None,
):
    return ClientRow(
        name,
        Decimal(str(revenue)),
        Decimal(str(margin)),
        Decimal(str(hours)),
        Decimal(str(rate)),
        Decimal(str(other)),
        Decimal(str(late)),
        strain,
        value,
        potential,
    )


def analyse(*rows: ClientRow, limits: PortfolioThresholds = LIMITS):
    return analyze_portfolio(list(rows), limits, MODEL)


def by_name(analysis):
    return {c.client: c for c in analysis.clients}


def test_a_clients_contribution_is_the_one_its_plan_would_show():
    client = row("Northwind", 126500, 41, 19.5, 70, 4200, 52)
    plan = financial_figures(
        {
            "annual_revenue": 126500,
            "gross_margin_pct": 41,
            "other_annual_costs": 4200,
            "payment_days_late": 52,
            "service_hours": [{"hours_per_week": 19.5, "hourly_cost": 70}],
        },
        MODEL,
    )
    (result,) = analyse(client).clients
    assert result.contribution == Decimal(str(plan.statement()[-1]["amount"]))
    # 126,500 × 41 % − 19.5 h × € 70 × 46 weeks − 4,200 − 126,500 × 52/365 × 8 %
    assert result.contribution == Decimal("-16566.75")
    assert result.contribution_pct == Decimal("-13.1")


@pytest.mark.parametrize(
    ("answer", "score"), [(None, None), (1, 0), (2, 25), (3, 50), (4, 75), (5, 100)]
)
def test_scale_answers_become_scores(answer, score):
    assert scale_score(answer) == score


def test_classes_follow_the_revenue_share_of_the_clients_above():
    # Revenues 50, 30, 15, 5 (of 100): shares before 0, 50, 80, 95.
    analysis = analyse(
        row("Big", 50_000, 50),
        row("Mid", 30_000, 50),
        row("Small", 15_000, 50),
        row("Tiny", 5_000, 50),
    )
    got = {c.client: (float(c.revenue_share_before), c.klass) for c in analysis.clients}
    assert got == {"Big": (0.0, "A"), "Mid": (50.0, "B"), "Small": (80.0, "C"), "Tiny": (95.0, "D")}


@pytest.mark.parametrize(
    ("client", "klass", "why"),
    [
        (row("Loses", 80_000, 10, 20, 60), "E", "a negative contribution"),
        (row("Drains", 80_000, 50, strain=4, value=3), "E", "strain 75 with value 50"),
        (row("Drains, unknown value", 80_000, 50, strain=4), "E", "strain 75, value unknown"),
        (row("Strained but valuable", 80_000, 50, strain=4, value=4), "A", "value 75 makes up"),
        (row("Just below", 80_000, 50, strain=3, value=1), "A", "strain 50 is below 60"),
    ],
)
def test_class_e_overrides_the_revenue_class(client, klass, why):
    result = by_name(analyse(client, row("Other", 1_000, 50)))[client.client]
    assert result.klass == klass, why
    assert result.revenue_class == "A"


def test_ties_in_revenue_rank_by_name_and_share_the_order_stably():
    analysis = analyse(row("Zeta", 100, 50), row("alpha", 100, 50), row("Beta", 100, 50))
    ranked = [c.client for c in analysis.by_revenue()]
    assert ranked == ["alpha", "Beta", "Zeta"]
    shares = [round(c.revenue_share_before, 1) for c in analysis.by_revenue()]
    assert shares == [0, Decimal("33.3"), Decimal("66.7")]
    # The output keeps the file's order.
    assert [c["client"] for c in as_json(analysis)["clients"]] == ["Zeta", "alpha", "Beta"]


def test_one_client_is_class_a_and_earns_all_of_the_profit():
    analysis = analyse(row("Only", 10_000, 50, 1, 50))
    (only,) = analysis.clients
    assert (only.klass, float(only.revenue_share_before)) == ("A", 0.0)
    assert analysis.whale.peak_pct == 100
    assert analysis.whale.loss_making_share_pct == 0
    assert analysis.top_fifth_revenue_pct == 100


def test_zero_revenue_clients_come_last_without_a_percentage():
    analysis = analyse(row("Paying", 10_000, 50), row("Free", 0, 0, 1, 50))
    free = by_name(analysis)["Free"]
    assert free.contribution_pct is None
    assert free.revenue_share_before == 100
    assert free.klass == "E"  # it costs € 2,300 a year to serve
    assert free.segment == "steady"


def test_a_base_without_any_revenue_is_all_class_d_and_has_no_curves():
    analysis = analyse(row("One", 0), row("Two", 0))
    assert {c.klass for c in analysis.clients} == {"D"}
    assert analysis.pareto == ()
    assert analysis.whale.peak_pct is None
    assert analysis.top_fifth_revenue_pct is None


def test_an_all_loss_base_has_no_whale_peak_and_every_client_in_e():
    analysis = analyse(row("Red", 10_000, 10, 5, 60), row("Redder", 20_000, 5, 10, 60))
    assert {c.klass for c in analysis.clients} == {"E"}
    assert analysis.whale.peak_pct is None
    assert analysis.whale.loss_making_share_pct == 100
    assert as_json(analysis)["whale"] == {"peak_pct": None, "loss_making_share_pct": 100.0}


def test_the_whale_curve_rises_above_the_total_and_comes_back():
    analysis = analyse(
        row("Star", 100_000, 40),  # 40,000
        row("Good", 50_000, 40),  # 20,000
        row("Drag", 30_000, 10, 10, 50),  # 3,000 − 23,000 = −20,000
    )
    whale = analysis.whale
    assert whale.total == Decimal("40000")
    assert [float(p.share_pct) for p in whale.points] == [0.0, 100.0, 150.0, 100.0]
    assert whale.peak_pct == 150
    assert whale.peak_clients == 2
    assert whale.loss_making == 1
    assert round(whale.loss_making_share_pct, 1) == Decimal("33.3")


def test_the_pareto_curve_is_cumulative_revenue_by_share_of_clients():
    analysis = analyse(*[row(f"C{i}", r, 30) for i, r in enumerate([60, 20, 10, 5, 5])])
    shares = [float(p.share_pct) for p in analysis.pareto]
    assert shares == [0.0, 60.0, 80.0, 90.0, 95.0, 100.0]
    assert analysis.top_fifth_revenue_pct == 60


@pytest.mark.parametrize(
    ("client", "segment"),
    [
        (row("Strained", 10_000, 50, strain=4), "tiring"),
        (row("Pays late", 10_000, 50, late=31), "tiring"),
        (row("Thirty days is not yet tiring", 10_000, 50, late=30), "steady"),
        (row("Healthy", 10_000, 50, late=7, strain=2), "flourishing"),
        (row("Healthy, strain unknown", 10_000, 50), "flourishing"),
        (row("Margin too thin", 10_000, 9, value=4), "interesting"),
        (row("A week and a day", 10_000, 50, late=8), "steady"),
        (row("Some strain", 10_000, 50, strain=3), "steady"),
        (row("Valuable but thin", 10_000, 5, value=5), "interesting"),
    ],
)
def test_the_first_segment_that_holds(client, segment):
    (result,) = analyse(client).clients
    assert result.segment == segment


def pearl_base(candidate: ClientRow):
    """Four large clients with margins 30 %, the candidate in the last fifth of the revenue."""
    big = [row(f"Big {i}", 100_000, 30) for i in range(4)]
    return by_name(analyse(*big, candidate))[candidate.client]


@pytest.mark.parametrize(
    ("candidate", "pearl"),
    [
        (row("Pearl", 20_000, 30, late=7, potential=4), True),
        (row("Low potential", 20_000, 30, potential=3), False),
        (row("Potential unknown", 20_000, 30), False),
        (row("Thin margin", 20_000, 29, potential=5), False),
        (row("Pays late", 20_000, 30, late=8, potential=5), False),
        (row("Costs money", 20_000, 30, 20, 60, potential=5), False),
    ],
)
def test_pearls_are_small_clients_with_margin_good_payment_and_potential(candidate, pearl):
    assert pearl_base(candidate).pearl is pearl


def test_a_large_client_is_never_a_pearl():
    result = by_name(analyse(row("Large", 100_000, 60, potential=5), row("Small", 1_000, 10)))
    assert result["Large"].pearl is False


@pytest.mark.parametrize(("potential", "step"), [(5, "visit_plan"), (4, "call_update")])
def test_a_pearls_first_step(potential, step):
    assert pearl_step(pearl_base(row("Pearl", 20_000, 30, potential=potential))) == step


def test_a_users_own_class_limits_move_the_classes():
    clients = [row("Big", 50_000, 50), row("Mid", 30_000, 50), row("Small", 20_000, 50)]
    strict = LIMITS.with_values({"class_a": 40, "class_b": 45, "class_c": 90})
    assert [c.klass for c in analyse(*clients).clients] == ["A", "B", "C"]
    assert [c.klass for c in analyse(*clients, limits=strict).clients] == ["A", "C", "C"]


@pytest.mark.parametrize(
    ("values", "problems"),
    [
        ({"class_a": 50, "class_b": 80, "class_c": 95, "e_strain": 60, "e_value": 60}, {}),
        (
            {"class_a": 0, "class_b": 80, "class_c": 95, "e_strain": 60, "e_value": 60},
            {"class_a": "share_range"},
        ),
        (
            {"class_a": 80, "class_b": 50, "class_c": 95, "e_strain": 60, "e_value": 60},
            {"class_b": "share_order"},
        ),
        (
            {"class_a": 50, "class_b": 96, "class_c": 95, "e_strain": 60, "e_value": 60},
            {"class_c": "share_order"},
        ),
        (
            {"class_a": 50, "class_b": 80, "class_c": 95, "e_strain": 101, "e_value": None},
            {"e_strain": "score_range", "e_value": "score_range"},
        ),
    ],
)
def test_class_limits_a_user_types_are_checked(values, problems):
    assert threshold_problems(values) == problems


def test_the_analyze_output_has_the_contract_shape_rounded():
    analysis = analyse(
        row("Ann's", 12_345.678, 33.333, 1.5, 55.55, 100, 3, 2, 5, 4), row("B", 1_000, 20)
    )
    out = as_json(analysis)
    assert set(out) == {"clients", "whale", "classes"}
    first = out["clients"][0]
    assert list(first) == [
        "client",
        "contribution",
        "contribution_pct",
        "strain_score",
        "value_score",
        "revenue_share_before",
        "class",
        "segment",
        "pearl",
    ]
    assert first["contribution"] == round(first["contribution"], 2)
    assert first["contribution_pct"] == round(first["contribution_pct"], 1)
    assert out["classes"] == {"A": 1, "B": 0, "C": 1, "D": 0, "E": 0}  # B: 92.5 % before it


def test_the_yearly_balance_shows_who_moved_and_who_came_and_went():
    before = [("Acme", "B", "steady"), ("Gone BV", "D", "tiring"), ("Same", "C", "steady")]
    now = [("ACME ", "A", "flourishing"), ("Same", "C", "steady"), ("New Ltd", "D", "steady")]
    found = {m.client.strip(): m for m in moves(before, now)}
    assert (found["ACME"].class_before, found["ACME"].class_now) == ("B", "A")
    assert found["ACME"].changed and not found["Same"].changed
    assert found["New Ltd"].class_before is None
    assert (found["Gone BV"].class_before, found["Gone BV"].class_now) == ("D", None)


def test_a_class_limit_compares_the_share_itself_not_its_rounded_figure():
    # 4,996 of 10,000 before the second client: 49.96 %, shown as 50.0 %, still class A.
    analysis = analyse(row("First", 4_996, 50), row("Second", 4_004, 50), row("Rest", 1_000, 50))
    second = by_name(analysis)["Second"]
    assert second.klass == "A"
    assert as_json(analysis)["clients"][1]["revenue_share_before"] == 50.0
