"""The geometry of the portfolio's pictures: the Pareto and whale curves, the quadrant and the
attention pyramid, as plain numbers for an SVG the template draws.

Pure: no Flask, no database, no wording. Every picture here comes with the figures of the table
beside it, so nothing depends on seeing the picture, and every picture is drawn with line styles
and shapes (not colour alone), so it reads in black and white. A base of 5,000 clients still makes
a small SVG: the curves keep at most `MAX_CURVE_POINTS` points, the tables one row per tenth of
the clients, and the quadrant the `QUADRANT_CAP` largest clients.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from app.domain.portfolio import ClassTotal, ClientResult, CurvePoint, PortfolioAnalysis

MAX_CURVE_POINTS = 200  # points of a drawn curve: plenty for a line 480 units wide
TABLE_ROWS = 10  # a curve's table: one row per tenth of the clients (per client up to ten)
QUADRANT_CAP = 300  # the quadrant draws at most this many clients, the largest by revenue

# The plot box of the two curves (the SVG's own units).
CURVE_WIDTH, CURVE_HEIGHT = 520, 300
CURVE_BOX = (56, 16, 500, 256)  # left, top, right, bottom

QUADRANT_WIDTH, QUADRANT_HEIGHT = 520, 400
QUADRANT_BOX = (48, 28, 508, 320)
QUADRANT_Y_PAD = 6  # the value axis runs from -6 to 106, so a mark on 0 or 100 stays inside
QUADRANT_JITTER = 4  # scores come in steps of 25: marks on one score are spread ±4 apart
QUADRANT_X_LIMIT = 100  # contribution_pct beyond ±100 is drawn at the edge, marked as beyond it

# Keep, fix or exit: which corner a client is in, by value (high/low) and contribution (+/−).
CORNERS = {
    (True, True): "keep",  # valuable and profitable: keep and invest
    (False, True): "grow",  # profitable, not much more: earn more from them
    (True, False): "fix",  # valuable but loses money: fix the price or the terms
    (False, False): "exit",  # neither: consider an exit
}
CORNER_ORDER = ("keep", "grow", "fix", "exit")


@dataclass(frozen=True)
class Tick:
    """An axis mark: `value` (a percentage or a score) drawn at `pos` along its axis."""

    value: int
    pos: float


@dataclass(frozen=True)
class TableRow:
    """A row of a curve's table: after the best `clients` clients, `share_pct` of the total."""

    clients: int
    clients_pct: Decimal
    share_pct: Decimal
    peak: bool = False


@dataclass(frozen=True)
class Marker:
    """A marked point of a curve (the whale's peak, the Pareto's top fifth)."""

    x: float
    y: float
    clients: int
    clients_pct: Decimal
    share_pct: Decimal
    label_below: bool = False  # the label goes under the point (the curve climbs above it)


@dataclass(frozen=True)
class Guide:
    """A straight reference line, dashed or dotted (`style`), from (x1, y1) to (x2, y2)."""

    x1: float
    y1: float
    x2: float
    y2: float
    style: str


@dataclass(frozen=True)
class CurveChart:
    """A cumulative curve ready to draw: the polyline, the axes, the guides, the marker."""

    width: int
    height: int
    box: tuple[int, int, int, int]
    points: str  # the polyline's "x,y x,y …"
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    guides: tuple[Guide, ...]
    marker: Marker | None
    table: tuple[TableRow, ...]
    clients: int


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def _scale(value: float, lo: float, hi: float, start: float, end: float) -> float:
    """`value` in [lo, hi] as a position from `start` to `end` (either direction)."""
    if hi == lo:
        return start
    return start + (value - lo) / (hi - lo) * (end - start)


def sample_indices(n: int, limit: int = MAX_CURVE_POINTS, keep: Sequence[int] = ()) -> list[int]:
    """Which of the points 0…n to draw: all of them up to `limit`, else `limit` evenly spread
    ones, always with the first, the last and those in `keep` (a peak must stay the peak)."""
    if n + 1 <= limit:
        return list(range(n + 1))
    chosen = {round(k * n / (limit - 1)) for k in range(limit)}
    chosen.update(i for i in keep if 0 <= i <= n)
    chosen.update((0, n))
    return sorted(chosen)


def table_rows(points: Sequence[CurvePoint], limit: int = TABLE_ROWS) -> list[TableRow]:
    """A curve's table: one row per client up to `limit` clients, else per 1/limit of them
    (the client at each tenth, rounded up, so the last row is everyone)."""
    n = len(points) - 1
    if n <= 0:
        return []
    if n <= limit:
        counts = list(range(1, n + 1))
    else:
        counts = sorted({math.ceil(n * k / limit) for k in range(1, limit + 1)})
    return [TableRow(c, points[c].clients_pct, points[c].share_pct) for c in counts]


def _ticks(lo: int, hi: int, step: int, start: float, end: float) -> tuple[Tick, ...]:
    return tuple(Tick(v, _scale(v, lo, hi, start, end)) for v in range(lo, hi + 1, step))


def _y_top(peak: Decimal) -> tuple[int, int]:
    """The top of the y axis for a curve reaching `peak` %, and the step of its marks."""
    top = max(100, int(math.ceil(float(peak) / 50) * 50))
    step = 20 if top <= 100 else 50 if top <= 300 else 100
    top = int(math.ceil(top / step) * step)
    return top, step


def _curve_chart(
    points: Sequence[CurvePoint],
    y_top: int,
    y_step: int,
    guides: Sequence[tuple[float, float, float, float, str]],
    marked: int | None,
    table: list[TableRow],
    label_below: bool = False,
) -> CurveChart:
    left, top, right, bottom = CURVE_BOX
    n = len(points) - 1

    def x(pct: float) -> float:
        return _scale(pct, 0, 100, left, right)

    def y(pct: float) -> float:
        return _scale(pct, 0, y_top, bottom, top)

    keep = [marked] if marked is not None else []
    drawn = [points[i] for i in sample_indices(n, keep=keep)]
    polyline = " ".join(
        f"{_fmt(x(float(p.clients_pct)))},{_fmt(y(float(p.share_pct)))}" for p in drawn
    )
    marker = None
    if marked is not None:
        p = points[marked]
        marker = Marker(
            x(float(p.clients_pct)),
            y(float(p.share_pct)),
            p.clients,
            p.clients_pct,
            p.share_pct,
            label_below,
        )
    return CurveChart(
        width=CURVE_WIDTH,
        height=CURVE_HEIGHT,
        box=CURVE_BOX,
        points=polyline,
        x_ticks=_ticks(0, 100, 20, left, right),
        y_ticks=_ticks(0, y_top, y_step, bottom, top),
        guides=tuple(Guide(x(a), y(b), x(c), y(d), style) for a, b, c, d, style in guides),
        marker=marker,
        table=tuple(table),
        clients=n,
    )


def top_fifth_count(clients: int) -> int:
    """How many clients "the best fifth" is (at least one), as the domain counts it."""
    return max(1, round(clients / 5)) if clients else 0


def pareto_chart(analysis: PortfolioAnalysis) -> CurveChart | None:
    """The Pareto curve: cumulative share of the revenue against the share of the clients,
    largest first, with the 80/20 guide (80 % of the revenue, 20 % of the clients) and the
    diagonal of an even spread; the best fifth is marked. None without revenue."""
    points = analysis.pareto
    if len(points) < 2:
        return None
    fifth = top_fifth_count(len(points) - 1)
    guides = [
        (20, 0, 20, 80, "dashed"),
        (0, 80, 20, 80, "dashed"),
        (0, 0, 100, 100, "dotted"),
    ]
    return _curve_chart(points, 100, 20, guides, fifth, table_rows(points), label_below=True)


def whale_peak_index(points: Sequence[CurvePoint]) -> int:
    """Where the whale curve is highest: the last of the profitable clients."""
    best = 0
    for i, p in enumerate(points):
        if p.share_pct > points[best].share_pct:
            best = i
    return best


def whale_chart(analysis: PortfolioAnalysis) -> CurveChart | None:
    """The whale curve: cumulative contribution, best client first, as % of the total profit.
    It rises above 100 % while clients earn money and comes back down to 100 % as the
    loss-makers give it back; the peak is marked and kept in the table. None when the base
    makes no profit in total (the curve has no 100 % to be measured against)."""
    points = analysis.whale.points
    if len(points) < 2:
        return None
    peak = whale_peak_index(points)
    y_top, y_step = _y_top(points[peak].share_pct)
    table = table_rows(points)
    if peak and all(row.clients != peak for row in table):
        p = points[peak]
        table.append(TableRow(peak, p.clients_pct, p.share_pct, peak=True))
        table.sort(key=lambda row: row.clients)
    table = [TableRow(r.clients, r.clients_pct, r.share_pct, peak=r.clients == peak) for r in table]
    guides = [(0, 100, 100, 100, "dashed")]
    return _curve_chart(points, y_top, y_step, guides, peak or None, table)


@dataclass(frozen=True)
class QuadrantPoint:
    """One client in the quadrant: its place, its marker (size and shape for its strain) and
    the figures its tooltip and link need."""

    client: ClientResult
    x: float
    y: float
    size: float
    shape: str  # "circle" (strain below the E limit), "square" (at or above it), "cross" (unknown)
    corner: str
    beyond: bool  # contribution_pct beyond the axis: drawn at its edge

    @property
    def half(self) -> float:
        return self.size / 2


@dataclass(frozen=True)
class CornerCount:
    corner: str
    clients: int
    revenue: Decimal
    names: tuple[ClientResult, ...]  # the largest few, by revenue


@dataclass(frozen=True)
class Quadrant:
    """Keep, fix or exit: value_score (y) against contribution_pct (x), strain by marker."""

    width: int
    height: int
    box: tuple[int, int, int, int]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    x_split: float  # where contribution is 0
    y_split: float  # the value limit (the E limit): above is "valuable"
    points: tuple[QuadrantPoint, ...]
    placed: int  # clients with a value score (all of them counted in `corners`)
    capped: bool  # fewer points drawn than placed
    corners: tuple[CornerCount, ...]
    without_value: tuple[ClientResult, ...]  # no value score: listed apart, largest first
    x_lo: int
    x_hi: int


def corner_of(client: ClientResult, value_limit: int) -> str | None:
    """The quadrant's corner of a client; None without a value score."""
    if client.value_score is None:
        return None
    return CORNERS[(client.value_score >= value_limit, client.contribution >= 0)]


def _x_value(client: ClientResult) -> float:
    """contribution_pct, or for a client without revenue -100 when it costs money, else 0."""
    if client.contribution_pct is not None:
        return float(client.contribution_pct)
    return -float(QUADRANT_X_LIMIT) if client.contribution < 0 else 0.0


def _x_range(values: Sequence[float]) -> tuple[int, int]:
    """The x axis: from the lowest to the highest contribution_pct in tens, always around 0,
    at most ±QUADRANT_X_LIMIT."""
    lo = min(values, default=-10.0)
    hi = max(values, default=10.0)
    lo = max(-QUADRANT_X_LIMIT, min(-10, int(math.floor(lo / 10) * 10)))
    hi = min(QUADRANT_X_LIMIT, max(10, int(math.ceil(hi / 10) * 10)))
    return lo, hi


def _x_step(lo: int, hi: int) -> int:
    span = hi - lo
    return 10 if span <= 60 else 20 if span <= 120 else 50


def _x_ticks(lo: int, hi: int, start: float, end: float) -> tuple[Tick, ...]:
    """Marks on the multiples of the step (so 0 is one of them), plus both ends."""
    step = _x_step(lo, hi)
    values = {lo, hi, *range(math.ceil(lo / step) * step, hi + 1, step)}
    # An end too close to a round mark would print over it.
    values = {v for v in values if v in (lo, hi) or min(v - lo, hi - v) >= step / 2}
    return tuple(Tick(v, _scale(v, lo, hi, start, end)) for v in sorted(values))


def jitter(name: str) -> int:
    """A small, fixed offset per client (from its name), so two clients with the same
    scores do not hide each other and a mark stays where it was on the next visit."""
    return zlib.crc32(name.encode("utf-8")) % (2 * QUADRANT_JITTER + 1) - QUADRANT_JITTER


def _spread(score: int, offset: int, limit: int) -> float:
    """A score moved by its jitter, but never across the value limit's line."""
    moved = score + offset
    return max(moved, limit + 0.5) if score >= limit else min(moved, limit - 0.5)


def marker_size(strain_score: int | None) -> float:
    """A marker's width: 6 units without strain up to 14 at the highest (unknown: 8)."""
    if strain_score is None:
        return 8.0
    return 6.0 + strain_score / 100 * 8.0


def quadrant(
    analysis: PortfolioAnalysis, cap: int = QUADRANT_CAP, few: int = 3, apart: int = 20
) -> Quadrant:
    """The quadrant of the base: every client with a value score counted in its corner, the
    `cap` largest of them (by revenue) drawn, and the clients without a value score apart
    (the `apart` largest; the rest are counted). `few`: names per corner in the table."""
    t = analysis.thresholds
    ranked = analysis.by_revenue()
    placed = [c for c in ranked if c.value_score is not None]
    without = [c for c in ranked if c.value_score is None]
    drawn = placed[:cap]
    lo, hi = _x_range([_x_value(c) for c in drawn])
    left, top, right, bottom = QUADRANT_BOX

    def x(v: float) -> float:
        return _scale(v, lo, hi, left, right)

    def y(v: float) -> float:
        return _scale(v, -QUADRANT_Y_PAD, 100 + QUADRANT_Y_PAD, bottom, top)

    points = []
    for c in drawn:
        value = _x_value(c)
        clipped = min(max(value, lo), hi)
        if c.strain_score is None:
            shape = "cross"
        elif c.strain_score >= t.e_strain:
            shape = "square"
        else:
            shape = "circle"
        points.append(
            QuadrantPoint(
                client=c,
                x=x(clipped),
                y=y(_spread(c.value_score or 0, jitter(c.client), t.e_value)),
                size=marker_size(c.strain_score),
                shape=shape,
                corner=corner_of(c, t.e_value) or "",
                beyond=clipped != value,
            )
        )
    # The largest markers first, so a small one is never hidden under a big one.
    points.sort(key=lambda p: -p.size)
    corners = []
    for corner in CORNER_ORDER:
        inside = [c for c in placed if corner_of(c, t.e_value) == corner]
        corners.append(
            CornerCount(
                corner,
                len(inside),
                sum((c.revenue for c in inside), Decimal(0)),
                tuple(inside[:few]),
            )
        )
    return Quadrant(
        width=QUADRANT_WIDTH,
        height=QUADRANT_HEIGHT,
        box=QUADRANT_BOX,
        x_ticks=_x_ticks(lo, hi, left, right),
        y_ticks=tuple(Tick(v, y(v)) for v in range(0, 101, 25)),
        x_split=x(0),
        y_split=y(t.e_value),
        points=tuple(points),
        placed=len(placed),
        capped=len(drawn) < len(placed),
        corners=tuple(corners),
        without_value=tuple(without[:apart]),
        x_lo=lo,
        x_hi=hi,
    )


@dataclass(frozen=True)
class PyramidLayer:
    """One class of the attention pyramid: its shape and where its label goes."""

    total: ClassTotal
    points: str  # the polygon's "x,y …"
    label_x: float
    label_y: float
    letter_x: float
    pattern: str  # "solid", "light", "white", "hatched": readable without colour


@dataclass(frozen=True)
class Pyramid:
    width: int
    height: int
    layers: tuple[PyramidLayer, ...]


PYRAMID_WIDTH = 560
PYRAMID_LAYER = 46
PYRAMID_BASE = 260  # width of the pyramid's base (class D)
PYRAMID_GAP = 14  # between the pyramid and class E under it
_PATTERNS = {"A": "solid", "B": "medium", "C": "light", "D": "white", "E": "hatched"}


def pyramid(classes: Sequence[ClassTotal]) -> Pyramid:
    """The ABCDE attention pyramid: A at the narrow top, D at the base, and E apart under it
    (an upside-down band: the clients to raise rates with or to leave). Equal heights: the
    pyramid shows the order of attention; the counts and revenue are written beside it."""
    by_class = {c.klass: c for c in classes}
    centre = PYRAMID_BASE / 2 + 4
    layers = []
    for i, klass in enumerate(("A", "B", "C", "D")):
        y0, y1 = 4 + i * PYRAMID_LAYER, 4 + (i + 1) * PYRAMID_LAYER
        w0, w1 = PYRAMID_BASE * i / 4, PYRAMID_BASE * (i + 1) / 4
        polygon = [
            (centre - w0 / 2, y0),
            (centre + w0 / 2, y0),
            (centre + w1 / 2, y1),
            (centre - w1 / 2, y1),
        ]
        layers.append((klass, polygon, (y0 + y1) / 2, centre))
    y0 = 4 + 4 * PYRAMID_LAYER + PYRAMID_GAP
    y1 = y0 + PYRAMID_LAYER
    polygon = [
        (centre - PYRAMID_BASE / 2, y0),
        (centre + PYRAMID_BASE / 2, y0),
        (centre + PYRAMID_BASE / 2 - 30, y1),
        (centre - PYRAMID_BASE / 2 + 30, y1),
    ]
    layers.append(("E", polygon, (y0 + y1) / 2, centre))
    return Pyramid(
        width=PYRAMID_WIDTH,
        height=int(y1) + 4,
        layers=tuple(
            PyramidLayer(
                total=by_class[klass],
                points=" ".join(f"{_fmt(px)},{_fmt(py)}" for px, py in polygon),
                label_x=PYRAMID_BASE + 24,
                label_y=mid,
                letter_x=letter_x,
                pattern=_PATTERNS[klass],
            )
            for klass, polygon, mid, letter_x in layers
            if klass in by_class
        ),
    )
