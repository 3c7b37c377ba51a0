"""The portfolio model: the whole client base, which client deserves which attention.

Pure functions over quick estimates, one row per client (../shared/PRODUCT.md, "Portfolio
model"): the contribution of each client with the same formulas as a plan, the Pareto ranking
by revenue and its ABCDE class, the whale curve of cumulative contribution, the segment
(flourishing, interesting, tiring, steady) and the pearls. No Flask, no database: the web
pages, the CLI and the attention plan all read the same `PortfolioAnalysis`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from statistics import median
from typing import Any

from app.domain.analysis import SERVICE_HOURS, Thresholds, financial_figures, round_half_up

# The columns of the portfolio model, in the order of the CSV contract.
FIELDS = (
    "client",
    "annual_revenue",
    "gross_margin_pct",
    "hours_per_week",
    "hourly_cost",
    "other_annual_costs",
    "payment_days_late",
    "strain",
    "value",
    "potential",
)
NUMBERS = FIELDS[1:7]
SCALES = ("strain", "value", "potential")  # 1–5, None when unknown
CLASSES = ("A", "B", "C", "D", "E")
SEGMENTS = ("flourishing", "interesting", "tiring", "steady")

# The attention each class gets: activities to choose from for next year's attention plan
# (texts in content/<lang>/portfolio.yaml `activities`), the first ones chosen by default.
CLASS_ACTIVITIES: dict[str, tuple[str, ...]] = {
    "A": ("a_management", "a_events", "a_connect", "a_review", "a_first_access"),
    "B": ("b_ambition", "b_specialist", "b_improvement", "b_visits"),
    "C": ("c_twice_yearly", "c_useful_news", "c_account_check"),
    "D": ("d_inside_sales", "d_self_service", "d_yearly_call"),
    "E": ("e_rates", "e_terms", "e_exit"),
}
DEFAULT_ACTIVITIES = {"A": 3, "B": 3, "C": 2, "D": 2, "E": 2}  # how many are chosen at first
ACTIVITIES = tuple(a for keys in CLASS_ACTIVITIES.values() for a in keys)
# What to do first with a pearl (texts in portfolio.yaml `pearls.steps`).
PEARL_STEPS = ("visit_plan", "call_update")

_ZERO = Decimal(0)
_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")
_TENTH = Decimal("0.1")


@dataclass(frozen=True)
class ClientRow:
    """One client's quick estimates. Numbers are Decimals or None (counted as 0)."""

    client: str
    annual_revenue: Decimal | None = None
    gross_margin_pct: Decimal | None = None
    hours_per_week: Decimal | None = None
    hourly_cost: Decimal | None = None
    other_annual_costs: Decimal | None = None
    payment_days_late: Decimal | None = None
    strain: int | None = None
    value: int | None = None
    potential: int | None = None
    # A linked plan's own `financial` section, once it is answered: then the contribution is
    # the plan's (its service rows, working weeks and cost of capital), not the estimate's.
    # Set by the store (portfolio_plans.row_with_plan); never part of the CSV.
    plan_financial: Mapping[str, Any] | None = field(default=None, hash=False, repr=False)

    def financial(self) -> Mapping[str, Any]:
        """The row as a plan's `financial` section: one service row of all its hours (or the
        linked plan's own section when it has one)."""
        if self.plan_financial is not None:
            return self.plan_financial
        return {
            "annual_revenue": self.annual_revenue,
            "gross_margin_pct": self.gross_margin_pct,
            "other_annual_costs": self.other_annual_costs,
            "payment_days_late": self.payment_days_late,
            SERVICE_HOURS: [
                {"hours_per_week": self.hours_per_week, "hourly_cost": self.hourly_cost}
            ],
        }

    def values(self) -> dict[str, Any]:
        """Every field by its contract name."""
        return {name: getattr(self, name) for name in FIELDS}


@dataclass(frozen=True)
class PortfolioThresholds:
    """The class, segment and pearl thresholds (content/model.yaml `portfolio`), per user."""

    class_a: Decimal = Decimal(50)  # A while the revenue share before the client is below this
    class_b: Decimal = Decimal(80)
    class_c: Decimal = Decimal(95)
    e_strain: int = 60  # E: strain_score from here with value_score below e_value (or unknown)
    e_value: int = 60
    tiring_strain: int = 60
    tiring_days_late: Decimal = Decimal(30)  # tiring when paying more than this many days late
    flourishing_pct: Decimal = Decimal(10)
    flourishing_days_late: Decimal = Decimal(7)
    flourishing_strain: int = 40
    interesting_value: int = 60
    pearl_share: Decimal = Decimal(80)
    pearl_days_late: Decimal = Decimal(7)
    pearl_potential: int = 4

    # The thresholds a user may change on the pyramid (the rest are the model's).
    EDITABLE = ("class_a", "class_b", "class_c", "e_strain", "e_value")

    @classmethod
    def from_model(cls, model: Mapping[str, Any]) -> PortfolioThresholds:
        """From the loaded model.yaml (its `portfolio` section); absent keys keep the defaults."""
        section = model.get("portfolio") or {}
        return cls().with_values(section)

    def with_values(self, values: Mapping[str, Any]) -> PortfolioThresholds:
        """A copy with some thresholds changed (a user's own class limits)."""
        changes: dict[str, Any] = {}
        for name, current in vars(self).items():
            if name in values and values[name] is not None:
                raw = values[name]
                changes[name] = Decimal(str(raw)) if isinstance(current, Decimal) else int(raw)
        return replace(self, **changes)

    def as_dict(self) -> dict[str, float | int]:
        return {k: float(v) if isinstance(v, Decimal) else v for k, v in vars(self).items()}


def threshold_problems(values: Mapping[str, Any]) -> dict[str, str]:
    """Why a user's class limits cannot be used, by field: a code for the view to word.

    The three revenue limits must be percentages that rise (A below B below C); the E limits
    are scores from 0 to 100.
    """
    problems: dict[str, str] = {}
    shares = []
    for name in ("class_a", "class_b", "class_c"):
        value = values.get(name)
        if not isinstance(value, int | float | Decimal) or not 0 < value < 100:
            problems[name] = "share_range"
        shares.append(value)
    if not problems and not shares[0] < shares[1] < shares[2]:
        problems["class_b" if shares[0] >= shares[1] else "class_c"] = "share_order"
    for name in ("e_strain", "e_value"):
        value = values.get(name)
        if not isinstance(value, int | float | Decimal) or not 0 <= value <= 100:
            problems[name] = "score_range"
    return problems


@dataclass(frozen=True)
class ClientResult:
    """One client analysed. Percentages and money unrounded-free: as shown (cents, 0.1 %)."""

    row: ClientRow
    position: int  # 0-based, the row order of the input
    contribution: Decimal  # after the full cost to serve, to the cent
    contribution_pct: Decimal | None  # None without revenue
    strain_score: int | None
    value_score: int | None
    revenue_share_before: Decimal  # % of all revenue earned by the clients ranked above it
    revenue_rank: int  # 1 = the largest revenue
    contribution_rank: int  # 1 = the largest contribution
    klass: str  # "A" … "E"
    segment: str
    pearl: bool
    revenue_class: str = "A"  # the class by revenue alone, before E overrides it

    @property
    def client(self) -> str:
        return self.row.client

    @property
    def revenue(self) -> Decimal:
        return self.row.annual_revenue or _ZERO


@dataclass(frozen=True)
class CurvePoint:
    """A point of a cumulative curve: after `clients` clients, `share_pct` of the total."""

    clients: int
    clients_pct: Decimal
    share_pct: Decimal


@dataclass(frozen=True)
class Whale:
    """The whale curve: cumulative contribution by client, best first, as % of the total."""

    points: tuple[CurvePoint, ...]
    peak_pct: Decimal | None  # what the profitable clients earn, % of the total (None: total ≤ 0)
    peak_clients: int  # how many clients earn that peak (the profitable ones)
    loss_making: int
    loss_making_share_pct: Decimal
    total: Decimal


@dataclass(frozen=True)
class ClassTotal:
    klass: str
    clients: int
    revenue: Decimal
    contribution: Decimal
    revenue_pct: Decimal


@dataclass(frozen=True)
class PortfolioAnalysis:
    """The whole base analysed: per client in input order, and the figures of the charts."""

    clients: tuple[ClientResult, ...]
    pareto: tuple[CurvePoint, ...]
    whale: Whale
    classes: tuple[ClassTotal, ...]
    total_revenue: Decimal
    total_contribution: Decimal
    median_margin: Decimal | None
    top_fifth_revenue_pct: Decimal | None  # revenue share of the best 20 % of clients by revenue
    top_fifth_contribution_pct: Decimal | None  # the best 20 % by contribution, % of the total
    thresholds: PortfolioThresholds = field(default_factory=PortfolioThresholds)

    def by_revenue(self) -> list[ClientResult]:
        return sorted(self.clients, key=lambda c: c.revenue_rank)

    def by_contribution(self) -> list[ClientResult]:
        return sorted(self.clients, key=lambda c: c.contribution_rank)

    def in_class(self, klass: str) -> list[ClientResult]:
        return [c for c in self.by_revenue() if c.klass == klass]

    def pearls(self) -> list[ClientResult]:
        return [c for c in self.by_revenue() if c.pearl]


def scale_score(answer: int | None) -> int | None:
    """A 1–5 answer as a 0–100 score: (answer − 1) / 4 × 100; None when unknown."""
    if answer is None:
        return None
    return int(round_half_up(Decimal(answer - 1) / 4 * _HUNDRED))


def _pct(part: Decimal, whole: Decimal) -> Decimal:
    return part / whole * _HUNDRED if whole else _ZERO


def _revenue_class(share_before: Decimal, t: PortfolioThresholds) -> str:
    if share_before < t.class_a:
        return "A"
    if share_before < t.class_b:
        return "B"
    if share_before < t.class_c:
        return "C"
    return "D"


def _is_e(contribution: Decimal, strain: int | None, value: int | None, t: PortfolioThresholds):
    """Class E: the client costs money, or strains the team without a value that makes up."""
    if contribution < 0:
        return True
    return strain is not None and strain >= t.e_strain and (value is None or value < t.e_value)


def _segment(
    contribution_pct: Decimal | None,
    days_late: Decimal,
    strain: int | None,
    value: int | None,
    t: PortfolioThresholds,
) -> str:
    """The first segment that holds: tiring, flourishing, interesting, otherwise steady."""
    if (strain is not None and strain >= t.tiring_strain) or days_late > t.tiring_days_late:
        return "tiring"
    if (
        contribution_pct is not None
        and contribution_pct >= t.flourishing_pct
        and days_late <= t.flourishing_days_late
        and (strain is None or strain < t.flourishing_strain)
    ):
        return "flourishing"
    if value is not None and value >= t.interesting_value:
        return "interesting"
    return "steady"


def _ranks(rows: Sequence[ClientRow], key) -> dict[int, int]:
    """1-based rank per input position, best first; ties by client name, then input order."""
    order = sorted(range(len(rows)), key=lambda i: (-key(i), rows[i].client.casefold(), i))
    return {position: rank for rank, position in enumerate(order, start=1)}


def _curve(values_in_order: Sequence[Decimal], total: Decimal) -> tuple[CurvePoint, ...]:
    n = len(values_in_order)
    points = [CurvePoint(0, _ZERO, _ZERO)]
    running = _ZERO
    for i, value in enumerate(values_in_order, start=1):
        running += value
        points.append(CurvePoint(i, _pct(Decimal(i), Decimal(n)), _pct(running, total)))
    return tuple(points)


def _top_fifth(values_in_order: Sequence[Decimal], total: Decimal) -> Decimal | None:
    """The share of the total earned by the best fifth of the clients (at least one)."""
    if not values_in_order or total <= 0:
        return None
    count = max(1, round(len(values_in_order) / 5))
    return _pct(sum(values_in_order[:count], _ZERO), total)


def analyze_portfolio(
    rows: Sequence[ClientRow],
    thresholds: PortfolioThresholds,
    model: Thresholds,
) -> PortfolioAnalysis:
    """Analyse a client base: every figure the portfolio pages, the CLI and the plan print.

    `model` gives the plan's financial defaults (46 working weeks, 8 % cost of capital), so a
    client's contribution here is the one its plan would show for the same figures.
    """
    t = thresholds
    contributions: list[Decimal] = []
    pcts: list[Decimal | None] = []
    for row in rows:
        figures = financial_figures(row.financial(), model)
        contribution = Decimal(str(figures.statement()[-1]["amount"]))
        contributions.append(contribution)
        pct = figures.contribution_pct
        pcts.append(None if pct is None else round_half_up(pct, _TENTH))
    revenues = [row.annual_revenue or _ZERO for row in rows]
    total_revenue = sum(revenues, _ZERO)
    revenue_rank = _ranks(rows, lambda i: revenues[i])
    contribution_rank = _ranks(rows, lambda i: contributions[i])
    by_revenue = sorted(range(len(rows)), key=lambda i: revenue_rank[i])
    by_contribution = sorted(range(len(rows)), key=lambda i: contribution_rank[i])

    share_before: dict[int, Decimal] = {}
    running = _ZERO
    for i in by_revenue:
        # Unrounded: the class limits compare the share itself (49.96 % is still class A).
        share_before[i] = _pct(running, total_revenue) if total_revenue else _HUNDRED
        running += revenues[i]

    margins = [row.gross_margin_pct or _ZERO for row in rows]
    median_margin = Decimal(str(median(margins))) if margins else None

    results = []
    for i, row in enumerate(rows):
        strain, value = scale_score(row.strain), scale_score(row.value)
        days_late = row.payment_days_late or _ZERO
        revenue_class = _revenue_class(share_before[i], t)
        klass = "E" if _is_e(contributions[i], strain, value, t) else revenue_class
        pearl = (
            klass != "E"
            and share_before[i] >= t.pearl_share
            and median_margin is not None
            and margins[i] >= median_margin
            and days_late <= t.pearl_days_late
            and row.potential is not None
            and row.potential >= t.pearl_potential
        )
        results.append(
            ClientResult(
                row=row,
                position=i,
                contribution=contributions[i],
                contribution_pct=pcts[i],
                strain_score=strain,
                value_score=value,
                revenue_share_before=share_before[i],
                revenue_rank=revenue_rank[i],
                contribution_rank=contribution_rank[i],
                klass=klass,
                segment=_segment(pcts[i], days_late, strain, value, t),
                pearl=pearl,
                revenue_class=revenue_class,
            )
        )

    total_contribution = sum(contributions, _ZERO)
    ordered_contributions = [contributions[i] for i in by_contribution]
    profitable = [c for c in ordered_contributions if c > 0]
    loss_making = sum(1 for c in contributions if c < 0)
    whale_total = total_contribution
    whale = Whale(
        points=_curve(ordered_contributions, whale_total) if whale_total > 0 else (),
        peak_pct=_pct(sum(profitable, _ZERO), whale_total) if whale_total > 0 else None,
        peak_clients=len(profitable),
        loss_making=loss_making,
        loss_making_share_pct=_pct(Decimal(loss_making), Decimal(len(rows))),
        total=whale_total,
    )
    classes = tuple(
        ClassTotal(
            klass=k,
            clients=sum(1 for r in results if r.klass == k),
            revenue=sum((r.revenue for r in results if r.klass == k), _ZERO),
            contribution=sum((r.contribution for r in results if r.klass == k), _ZERO),
            revenue_pct=_pct(
                sum((r.revenue for r in results if r.klass == k), _ZERO), total_revenue
            ),
        )
        for k in CLASSES
    )
    ordered_revenues = [revenues[i] for i in by_revenue]
    return PortfolioAnalysis(
        clients=tuple(results),
        pareto=_curve(ordered_revenues, total_revenue) if total_revenue > 0 else (),
        whale=whale,
        classes=classes,
        total_revenue=total_revenue,
        total_contribution=total_contribution,
        median_margin=median_margin,
        top_fifth_revenue_pct=_top_fifth(ordered_revenues, total_revenue),
        top_fifth_contribution_pct=_top_fifth(ordered_contributions, total_contribution),
        thresholds=t,
    )


def default_activities(klass: str) -> list[str]:
    """The activities chosen for a client of this class until the user picks their own."""
    return list(CLASS_ACTIVITIES[klass][: DEFAULT_ACTIVITIES[klass]])


def pearl_step(client: ClientResult) -> str:
    """The first step with a pearl: with the highest potential a visit with a plan for growing
    together; otherwise a call proposing a meeting to catch up on the work together."""
    return "visit_plan" if client.row.potential == 5 else "call_update"


def _money(value: Decimal) -> float:
    return float(round_half_up(value, _CENT))


def _tenth(value: Decimal | None) -> float | None:
    return None if value is None else float(round_half_up(value, _TENTH))


def as_json(analysis: PortfolioAnalysis) -> dict[str, Any]:
    """The output of `exitcoach portfolio analyze` (PRODUCT.md): clients in row order."""
    return {
        "clients": [
            {
                "client": c.client,
                "contribution": _money(c.contribution),
                "contribution_pct": _tenth(c.contribution_pct),
                "strain_score": c.strain_score,
                "value_score": c.value_score,
                "revenue_share_before": _tenth(c.revenue_share_before),
                "class": c.klass,
                "segment": c.segment,
                "pearl": c.pearl,
            }
            for c in analysis.clients
        ],
        "whale": {
            "peak_pct": _tenth(analysis.whale.peak_pct),
            "loss_making_share_pct": _tenth(analysis.whale.loss_making_share_pct),
        },
        "classes": {t.klass: t.clients for t in analysis.classes},
    }


@dataclass(frozen=True)
class Move:
    """How one client changed between two yearly snapshots (None: not in that year)."""

    client: str
    class_before: str | None
    class_now: str | None
    segment_before: str | None
    segment_now: str | None

    @property
    def changed(self) -> bool:
        return self.class_before != self.class_now or self.segment_before != self.segment_now


def moves(
    before: Iterable[tuple[str, str, str]], now: Iterable[tuple[str, str, str]]
) -> list[Move]:
    """The yearly balance: per client (name, class, segment) in two years, who moved where.

    Clients are matched by name, case and surrounding spaces ignored; new and lost clients
    are moves too. Ordered by the current ranking order given, then the lost ones.
    """
    earlier = {name_key(name): (name, k, s) for name, k, s in before}
    result: list[Move] = []
    seen = set()
    for name, klass, segment in now:
        key = name_key(name)
        seen.add(key)
        _, k0, s0 = earlier.get(key, (name, None, None))
        result.append(Move(name, k0, klass, s0, segment))
    for key, (name, k0, s0) in earlier.items():
        if key not in seen:
            result.append(Move(name, k0, None, s0, None))
    return result


def name_key(name: str) -> str:
    """The key that makes two spellings of a client name the same client on re-import."""
    return " ".join(name.split()).casefold()
