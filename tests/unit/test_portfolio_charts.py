"""The geometry of the portfolio's pictures (app/portfolio/charts.py): the Pareto and whale
curves, the keep/fix/exit quadrant and the attention pyramid, from analysed bases."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.domain.analysis import Thresholds
from app.domain.portfolio import ClientRow, PortfolioThresholds, analyze_portfolio
from app.portfolio import charts
from tests.report_helpers import content

MODEL = Thresholds.from_model(content().model)
LIMITS = PortfolioThresholds.from_model(content().model)


def row(name, revenue=0, margin=50, other=0, late=0, strain=None, value=None, potential=None):
    """A client whose contribution is revenue × margin − other (no hours, paid on time)."""
    return ClientRow(
        name,
        annual_revenue=Decimal(str(revenue)),
        gross_margin_pct=Decimal(str(margin)),
        other_annual_costs=Decimal(str(other)),
        payment_days_late=Decimal(str(late)),
        strain=strain,
        value=value,
        potential=potential,
    )


def analyse(*rows, limits=LIMITS):
    return analyze_portfolio(list(rows), limits, MODEL)


def points_of(polyline: str) -> list[tuple[float, float]]:
    return [tuple(map(float, p.split(","))) for p in polyline.split()]


TYPICAL = (
    row("Big", 50_000),
    row("Large", 25_000),
    row("Mid", 12_000),
    row("Small", 8_000),
    row("Tiny", 5_000, other=4_000),  # 2,500 margin, 4,000 costs: loses 1,500
)


def test_the_pareto_curve_climbs_from_the_corner_to_all_of_the_revenue():
    chart = charts.pareto_chart(analyse(*TYPICAL))
    left, top, right, bottom = chart.box
    drawn = points_of(chart.points)
    assert drawn[0] == (left, bottom)
    assert drawn[-1] == (right, top)
    ys = [y for _, y in drawn]
    assert ys == sorted(ys, reverse=True)  # cumulative: it never goes down (SVG y grows down)
    assert len(drawn) == 6


def test_the_pareto_curve_has_the_80_20_guide_and_marks_the_top_fifth():
    chart = charts.pareto_chart(analyse(*TYPICAL))
    left, top, right, bottom = chart.box
    x20 = left + (right - left) * 0.2
    y80 = bottom - (bottom - top) * 0.8
    dashed = [g for g in chart.guides if g.style == "dashed"]
    assert any(g.x1 == pytest.approx(x20) and g.y2 == pytest.approx(y80) for g in dashed)
    assert any(g.y1 == pytest.approx(y80) and g.x2 == pytest.approx(x20) for g in dashed)
    assert [g.style for g in chart.guides].count("dotted") == 1  # the even spread
    # The best fifth of five clients is the largest one: 50,000 of 100,000.
    assert chart.marker.clients == 1
    assert chart.marker.share_pct == 50
    assert chart.marker.label_below


def test_a_curve_table_has_a_row_per_client_up_to_ten():
    chart = charts.pareto_chart(analyse(*TYPICAL))
    assert [r.clients for r in chart.table] == [1, 2, 3, 4, 5]
    assert [r.share_pct for r in chart.table] == [50, 75, 87, 95, 100]


def test_without_revenue_there_is_no_pareto_curve():
    assert charts.pareto_chart(analyse(row("Nothing"), row("Zero"))) is None


def test_the_whale_curve_rises_above_100_and_its_peak_is_marked():
    analysis = analyse(*TYPICAL)
    chart = charts.whale_chart(analysis)
    # Contributions 25,000 12,500 6,000 4,000 −1,500: total 46,000, peak 47,500 = 103.3 %.
    assert chart.marker.clients == 4
    assert chart.marker.share_pct == analysis.whale.peak_pct
    assert round(chart.marker.share_pct, 1) == Decimal("103.3")
    assert chart.y_ticks[-1].value >= chart.marker.share_pct
    assert [t.value for t in chart.y_ticks][:3] == [0, 50, 100]
    drawn = points_of(chart.points)
    assert min(y for _, y in drawn) == pytest.approx(chart.marker.y, abs=0.05)  # the top
    assert drawn[-1][1] == pytest.approx(chart.guides[0].y1, abs=0.05)  # ends on 100 %
    peak_rows = [r for r in chart.table if r.peak]
    assert [r.clients for r in peak_rows] == [4]


def test_a_base_without_profit_has_no_whale_curve():
    all_loss = analyse(row("A", 1_000, other=2_000), row("B", 500, other=900))
    assert charts.whale_chart(all_loss) is None


def test_5000_clients_make_a_small_curve_and_a_table_per_tenth():
    rows = [row(f"Client {i:04d}", 100 + (i * 37) % 5000, other=(i % 7) * 40) for i in range(5000)]
    analysis = analyse(*rows)
    for chart in (charts.pareto_chart(analysis), charts.whale_chart(analysis)):
        assert len(points_of(chart.points)) <= charts.MAX_CURVE_POINTS + 1
        tenths = [r for r in chart.table if not r.peak]
        assert [r.clients for r in tenths] == list(range(500, 5001, 500))
        assert tenths[-1].clients_pct == 100
    whale = charts.whale_chart(analysis)
    peak = charts.whale_peak_index(analysis.whale.points)
    # The peak is drawn even when it falls between the sampled points, and is in the table.
    assert whale.marker.clients == peak
    assert any(r.peak and r.clients == peak for r in whale.table)


@pytest.mark.parametrize(
    "n, limit, keep, expected",
    [
        (3, 10, (), [0, 1, 2, 3]),
        (100, 5, (), [0, 25, 50, 75, 100]),
        (100, 5, (33,), [0, 25, 33, 50, 75, 100]),
    ],
)
def test_sampled_points_keep_the_ends_and_the_peak(n, limit, keep, expected):
    assert charts.sample_indices(n, limit, keep) == expected


QUADRANT = (
    row("Keeper", 40_000, strain=1, value=5),  # valuable, earns: keep
    row("Cash cow", 30_000, strain=3, value=1),  # earns, little more: grow
    row("Darling", 10_000, other=8_000, strain=5, value=5),  # valuable, loses money: fix
    row("Drain", 5_000, other=4_000, value=2),  # neither, strain unknown: exit
    row("Unrated", 20_000),
)


def test_each_client_is_in_its_corner_and_unrated_ones_are_apart():
    q = charts.quadrant(analyse(*QUADRANT))
    corners = {p.client.client: p.corner for p in q.points}
    assert corners == {"Keeper": "keep", "Cash cow": "grow", "Darling": "fix", "Drain": "exit"}
    assert [c.client for c in q.without_value] == ["Unrated"]
    assert {c.corner: c.clients for c in q.corners} == {"keep": 1, "grow": 1, "fix": 1, "exit": 1}
    assert not q.capped


def test_the_marker_shows_the_strain_by_shape_and_size():
    q = charts.quadrant(analyse(*QUADRANT))
    by_name = {p.client.client: p for p in q.points}
    assert by_name["Keeper"].shape == "circle"
    assert by_name["Cash cow"].shape == "circle"
    assert by_name["Darling"].shape == "square"  # strain 100: from the E limit up
    assert by_name["Drain"].shape == "cross"  # strain unknown
    assert by_name["Keeper"].size < by_name["Cash cow"].size < by_name["Darling"].size


def test_the_quadrant_places_value_up_and_contribution_across():
    q = charts.quadrant(analyse(*QUADRANT))
    by_name = {p.client.client: p for p in q.points}
    left, top, right, bottom = q.box
    assert by_name["Keeper"].x > q.x_split > by_name["Darling"].x
    assert by_name["Keeper"].y < q.y_split < by_name["Cash cow"].y  # SVG y grows down
    for p in q.points:
        assert left <= p.x <= right and top <= p.y <= bottom
    assert 0 in [t.value for t in q.x_ticks]


def test_a_client_far_beyond_the_axis_is_drawn_at_its_edge():
    q = charts.quadrant(
        analyse(row("Fine", 10_000, value=4), row("Sink", 1_000, other=50_000, value=4))
    )
    sink = next(p for p in q.points if p.client.client == "Sink")
    assert sink.beyond
    assert sink.x == q.box[0]
    assert q.x_lo == -charts.QUADRANT_X_LIMIT


def test_spread_marks_never_cross_the_value_line():
    limits = LIMITS.with_values({"e_value": 50})
    rows = [row(f"Client {i}", 1_000 + i, value=3) for i in range(40)]  # value score 50
    q = charts.quadrant(analyse(*rows, limits=limits))
    assert all(p.y < q.y_split for p in q.points)  # at the limit counts as valuable: above
    assert len({round(p.y, 1) for p in q.points}) > 1  # and they are spread apart


def test_the_quadrant_draws_only_the_largest_clients_of_a_big_base():
    rows = [row(f"Client {i:04d}", 1_000 + i, value=1 + i % 5, strain=1) for i in range(1000)]
    q = charts.quadrant(analyse(*rows))
    assert q.capped
    assert len(q.points) == charts.QUADRANT_CAP
    assert q.placed == 1000
    assert sum(c.clients for c in q.corners) == 1000
    smallest_drawn = min(p.client.revenue for p in q.points)
    assert smallest_drawn == 1_000 + 1000 - charts.QUADRANT_CAP


def test_the_pyramid_stacks_a_to_d_and_puts_e_apart_under_it():
    analysis = analyse(*TYPICAL)
    pyramid = charts.pyramid(analysis.classes)
    assert [layer.total.klass for layer in pyramid.layers] == ["A", "B", "C", "D", "E"]

    def width(layer):
        xs = [float(p.split(",")[0]) for p in layer.points.split()]
        return max(xs) - min(xs)

    def top_of(layer):
        return min(float(p.split(",")[1]) for p in layer.points.split())

    widths = [width(layer) for layer in pyramid.layers[:4]]
    assert widths == sorted(widths)  # narrow at the top, wide at the base
    tops = [top_of(layer) for layer in pyramid.layers]
    assert tops == sorted(tops)
    assert pyramid.layers[4].pattern == "hatched"
    assert len({layer.pattern for layer in pyramid.layers}) == 5  # told apart without colour
    assert pyramid.layers[4].total.clients == 1  # "Tiny" loses money
