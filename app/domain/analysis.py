"""Decision analysis for one client: figures, scores, recommendation and readiness.

This module implements the "Analysis model" of PRODUCT.md as plain functions over the
``exitcoach-plan/1`` plan sections. It has no Flask or database dependency, so the web screens,
the PDF and the ``exitcoach analyze`` command all share exactly the same arithmetic.

Everything is computed with :class:`decimal.Decimal` and rounded half up only at the very end
(in :func:`analyze`), so that a figure shown on screen never depends on binary floating point
noise or on Python's banker's rounding. The smaller functions return unrounded values so that
later screens (and tests) can reason with the exact figures.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from app.domain.potential import SECTION as POTENTIAL_SECTION
from app.domain.potential import potential_exception

__all__ = [
    "SCREEN_ONLY_KEYS",
    "BreakEven",
    "FinancialFigures",
    "Readiness",
    "Thresholds",
    "analyze",
    "break_even",
    "financial_figures",
    "missing_inputs",
    "readiness",
    "recommend",
    "round_half_up",
    "strain_score",
    "unanswered_checks",
    "value_score",
]

# Plan keys that are part of the analysis contract but not listed in content/model.yaml.
REPUTATION_RISK = "reputation_risk"
SERVICE_HOURS = "service_hours"

# Verdicts and check names, as they appear in the analysis output.
LOSS = "loss"
MARGINAL = "marginal"
PROFITABLE = "profitable"
CHECKS = ("financial", "interpersonal", "value")
# Keys of analyze() beyond the contract's "Analysis output": the screens use them, the
# `exitcoach analyze` command leaves them out.
SCREEN_ONLY_KEYS = ("unanswered", "missing", "statement")
# The financial inputs without which no verdict is given, in screen order.
FINANCIAL_INPUTS = ("annual_revenue", "gross_margin_pct", "service_hours", "hourly_cost")

_ZERO = Decimal(0)
_HUNDRED = Decimal(100)
_DAYS_PER_YEAR = Decimal(365)
_CENT = Decimal("0.01")
_TENTH = Decimal("0.1")
_SCALE_MIN = 1
_SCALE_MAX = 5


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _to_decimal(value: Any, name: str) -> Decimal:
    """Convert an int, float or Decimal to Decimal, rejecting anything else.

    Floats go through ``str`` so that ``0.1`` becomes ``Decimal("0.1")`` and not its binary
    approximation. Booleans, strings, NaN and infinities are rejected: a plan that reached the
    analysis has been validated, so such a value is a programming error worth surfacing.
    """
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise TypeError(f"{name}: must be a number, got {type(value).__name__}")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{name}: must be a finite number")
        return Decimal(str(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{name}: must be a finite number")
        return value
    return Decimal(value)


def _number_or(value: Any, default: Decimal, name: str) -> Decimal:
    """Return ``value`` as Decimal, or ``default`` when it is missing (None).

    Partial plans are valid, so an empty field must never break the analysis; the caller
    decides what an empty field means (zero, or a model default).
    """
    return default if value is None else _to_decimal(value, name)


def _section(mapping: Mapping[str, Any] | None, key: str) -> Mapping[str, Any]:
    """Return ``mapping[key]`` as a mapping, treating a missing or None section as empty.

    Every plan section is optional, and a section may be present with a null value.
    """
    if not mapping:
        return {}
    value = mapping.get(key)
    return value if isinstance(value, Mapping) else {}


def round_half_up(value: Decimal, step: Decimal | str = "1") -> Decimal:
    """Round ``value`` to a multiple of ``step`` with ROUND_HALF_UP (0.5 goes away from zero).

    The product spec requires half-up rounding; Python's built-in ``round`` rounds half to
    even (``round(62.5) == 62``), which would make scores at a boundary come out differently.
    """
    return value.quantize(Decimal(step), rounding=ROUND_HALF_UP)


def _rounded_float(value: Decimal | None, step: Decimal) -> float | None:
    """Round half up to ``step`` and return a JSON-friendly float (or None).

    The analysis output is serialised with ``json.dumps``, which cannot handle Decimal.
    """
    if value is None:
        return None
    return float(round_half_up(value, step))


# --------------------------------------------------------------------------------------------
# Thresholds
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Thresholds:
    """The defaults, thresholds and item keys of the analysis model (content/model.yaml).

    Kept in one immutable object so every function uses the same numbers and so that the
    model file stays the single place where they are changed.
    """

    working_weeks: Decimal
    cost_of_capital_pct: Decimal
    marginal_pct: Decimal
    strain_high: int
    value_high: int
    value_low: int
    interpersonal_items: tuple[str, ...]
    value_items: tuple[str, ...]
    pitfalls: tuple[str, ...]
    potential_high: int = 4  # a `potential` answer from here holds back an exit (potential.py)

    @classmethod
    def from_model(cls, model: Mapping[str, Any]) -> Thresholds:
        """Build the thresholds from the dict loaded from content/model.yaml.

        A missing key raises KeyError naming the key: the model is shipped with the app, so a
        gap there is a packaging error and must not silently fall back to made-up numbers.
        """

        def get(path: str) -> Any:
            node: Any = model
            for part in path.split("."):
                if not isinstance(node, Mapping) or part not in node:
                    raise KeyError(f"content/model.yaml: missing {path}")
                node = node[part]
            return node

        return cls(
            working_weeks=_to_decimal(get("financial.working_weeks"), "financial.working_weeks"),
            cost_of_capital_pct=_to_decimal(
                get("financial.cost_of_capital_pct"), "financial.cost_of_capital_pct"
            ),
            marginal_pct=_to_decimal(get("financial.marginal_pct"), "financial.marginal_pct"),
            strain_high=int(get("scores.strain_high")),
            value_high=int(get("scores.value_high")),
            value_low=int(get("scores.value_low")),
            interpersonal_items=tuple(get("interpersonal_items")),
            value_items=tuple(get("value_items")),
            pitfalls=tuple(get("pitfalls")),
            potential_high=int((model.get("scores") or {}).get("potential_high", 4)),
        )


def _thresholds(model: Mapping[str, Any] | Thresholds) -> Thresholds:
    """Accept either ready-made thresholds or the raw model dict.

    Callers that analyse many plans build the thresholds once; one-off callers just pass the
    loaded model.
    """
    return model if isinstance(model, Thresholds) else Thresholds.from_model(model)


# --------------------------------------------------------------------------------------------
# Financial check
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FinancialFigures:
    """The unrounded results of the financial check, in euros per year.

    ``revenue`` is kept because the break-even alternatives need it. ``financial_answered`` is
    False until the inputs a verdict needs are all there (``missing`` lists the absent ones:
    revenue, gross margin, service hours, and an hourly cost for every row with hours); the
    figures are then still computed (missing amounts as zeros) but ``verdict`` is None, so no
    rule can give advice on a contribution of € 0 that only reflects empty fields.
    """

    revenue: Decimal
    gross_profit: Decimal
    service_hours_per_year: Decimal
    service_cost: Decimal
    other_annual_costs: Decimal
    financing_cost: Decimal
    contribution: Decimal
    contribution_pct: Decimal | None
    yield_per_hour: Decimal | None
    verdict: str | None
    financial_answered: bool
    missing: tuple[str, ...] = ()

    def statement(self) -> list[dict[str, Any]]:
        """The contribution as the lines of a statement, each rounded to cents.

        Gross profit, minus service cost, other annual costs and financing cost, then the
        contribution: the sum of the rounded lines above it, so the lines add up to the cent
        on screen and on paper (it differs from the unrounded contribution by a cent at most).
        """
        parts = [
            ("gross_profit", round_half_up(self.gross_profit, _CENT)),
            ("service_cost", round_half_up(self.service_cost, _CENT)),
            ("other_annual_costs", round_half_up(self.other_annual_costs, _CENT)),
            ("financing_cost", round_half_up(self.financing_cost, _CENT)),
        ]
        total = parts[0][1] - sum((amount for _, amount in parts[1:]), _ZERO)
        lines = [*parts, ("contribution", total)]
        return [{"key": key, "amount": float(amount)} for key, amount in lines]

    def as_dict(self) -> dict[str, Any]:
        """Return the ``financial`` section of the analysis output, rounded for display.

        Money is rounded to cents (the contribution as the sum of its rounded lines, see
        :meth:`statement`), hours and percentages to 0.1, all as JSON-friendly floats.
        """
        return {
            "gross_profit": _rounded_float(self.gross_profit, _CENT),
            "service_hours_per_year": _rounded_float(self.service_hours_per_year, _TENTH),
            "service_cost": _rounded_float(self.service_cost, _CENT),
            "financing_cost": _rounded_float(self.financing_cost, _CENT),
            "contribution": self.statement()[-1]["amount"],
            "contribution_pct": _rounded_float(self.contribution_pct, _TENTH),
            "yield_per_hour": _rounded_float(self.yield_per_hour, _CENT),
            "verdict": self.verdict,
        }


def _service_rows(financial: Mapping[str, Any]) -> Iterable[tuple[int, Mapping[str, Any]]]:
    """Yield the service-hours rows with their index, skipping missing (None) rows.

    The index is kept so that an error can name the exact path of a bad value.
    """
    rows: Sequence[Any] = financial.get(SERVICE_HOURS) or ()
    for index, row in enumerate(rows):
        if isinstance(row, Mapping):
            yield index, row


def _verdict(contribution: Decimal, contribution_pct: Decimal | None, marginal: Decimal) -> str:
    """Classify the contribution as loss, marginal or profitable.

    With zero revenue there is no percentage; a client that then contributes exactly nothing
    is called marginal (it brings no contribution at all), a negative contribution is a loss.
    """
    if contribution < 0:
        return LOSS
    if contribution_pct is None or contribution_pct < marginal:
        return MARGINAL
    return PROFITABLE


def financial_figures(
    financial: Mapping[str, Any] | None, thresholds: Thresholds
) -> FinancialFigures:
    """Compute the financial check of one client from the plan's ``financial`` section.

    Missing amounts count as 0; a missing ``working_weeks`` or ``cost_of_capital_pct`` takes
    the model default. Shows whether the client really pays for the work it causes: gross
    profit minus the cost of serving it, its other costs and the cost of waiting for payment.
    """
    financial = financial or {}
    revenue = _number_or(financial.get("annual_revenue"), _ZERO, "financial.annual_revenue")
    margin_pct = _number_or(financial.get("gross_margin_pct"), _ZERO, "financial.gross_margin_pct")
    other_costs = _number_or(
        financial.get("other_annual_costs"), _ZERO, "financial.other_annual_costs"
    )
    days_late = _number_or(financial.get("payment_days_late"), _ZERO, "financial.payment_days_late")
    capital_pct = _number_or(
        financial.get("cost_of_capital_pct"),
        thresholds.cost_of_capital_pct,
        "financial.cost_of_capital_pct",
    )
    weeks = _number_or(
        financial.get("working_weeks"), thresholds.working_weeks, "financial.working_weeks"
    )

    hours_per_week = _ZERO
    cost_per_week = _ZERO
    for index, row in _service_rows(financial):
        path = f"financial.{SERVICE_HOURS}[{index}]"
        hours = _number_or(row.get("hours_per_week"), _ZERO, f"{path}.hours_per_week")
        rate = _number_or(row.get("hourly_cost"), _ZERO, f"{path}.hourly_cost")
        hours_per_week += hours
        cost_per_week += hours * rate
    missing = missing_inputs(financial)

    gross_profit = revenue * margin_pct / _HUNDRED
    service_hours = hours_per_week * weeks
    service_cost = cost_per_week * weeks
    financing_cost = revenue * days_late / _DAYS_PER_YEAR * capital_pct / _HUNDRED
    contribution = gross_profit - service_cost - other_costs - financing_cost
    contribution_pct = contribution / revenue * _HUNDRED if revenue != 0 else None
    yield_per_hour = gross_profit / service_hours if service_hours != 0 else None

    answered = not missing
    verdict = _verdict(contribution, contribution_pct, thresholds.marginal_pct)

    return FinancialFigures(
        revenue=revenue,
        gross_profit=gross_profit,
        service_hours_per_year=service_hours,
        service_cost=service_cost,
        other_annual_costs=other_costs,
        financing_cost=financing_cost,
        contribution=contribution,
        contribution_pct=contribution_pct,
        yield_per_hour=yield_per_hour,
        verdict=verdict if answered else None,
        financial_answered=answered,
        missing=missing,
    )


def missing_inputs(financial: Mapping[str, Any] | None) -> tuple[str, ...]:
    """The inputs a verdict needs that are not filled in, in FINANCIAL_INPUTS order.

    A verdict needs the revenue, the gross margin and at least one row of service hours (0 is
    an answer: a client that takes no hours); a row with hours needs its hourly cost, or the
    service would be counted as free. Without them a contribution of € 0 is an empty form,
    not a fact to advise on.
    """
    financial = financial or {}
    rows = [row for _, row in _service_rows(financial) if row.get("hours_per_week") is not None]
    absent = {
        "annual_revenue": financial.get("annual_revenue") is None,
        "gross_margin_pct": financial.get("gross_margin_pct") is None,
        "service_hours": not rows,
        "hourly_cost": any(
            row.get("hourly_cost") is None and row["hours_per_week"] != 0 for row in rows
        ),
    }
    return tuple(key for key in FINANCIAL_INPUTS if absent[key])


# --------------------------------------------------------------------------------------------
# Break-even alternatives
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BreakEven:
    """Unrounded break-even alternatives, in percent; None when already there or unreachable.

    They let an exit be weighed against a price rise or less service.
    """

    price_increase_pct_to_break_even: Decimal | None
    price_increase_pct_to_target: Decimal | None
    hours_cut_pct_to_break_even: Decimal | None
    hours_cut_pct_to_target: Decimal | None

    def as_dict(self) -> dict[str, float | None]:
        """Return the ``break_even`` section of the analysis output, rounded to 0.1 percent.

        Floats (not Decimal) so the output can be serialised with ``json.dumps``.
        """
        return {
            "price_increase_pct_to_break_even": _rounded_float(
                self.price_increase_pct_to_break_even, _TENTH
            ),
            "price_increase_pct_to_target": _rounded_float(
                self.price_increase_pct_to_target, _TENTH
            ),
            "hours_cut_pct_to_break_even": _rounded_float(self.hours_cut_pct_to_break_even, _TENTH),
            "hours_cut_pct_to_target": _rounded_float(self.hours_cut_pct_to_target, _TENTH),
        }


def _ratio_pct(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """Return numerator / denominator × 100, or None when the denominator is not positive.

    A non-positive denominator means the lever cannot close the gap at all (for example a
    price rise that is eaten up entirely by the extra financing cost).
    """
    if denominator <= 0:
        return None
    return numerator / denominator * _HUNDRED


def _hours_cut(numerator: Decimal, service_cost: Decimal) -> Decimal | None:
    """Return the share of service hours to cut, or None when it would exceed 100 percent.

    Cutting more than all the hours is impossible: fewer hours alone cannot do it.
    """
    cut = _ratio_pct(numerator, service_cost)
    return None if cut is None or cut > _HUNDRED else cut


def break_even(figures: FinancialFigures, thresholds: Thresholds) -> BreakEven:
    """Compute how much a price rise or an hours cut would bring the client to break-even/target.

    The price rise assumes unchanged costs, so every extra euro is profit except the financing
    cost, which grows with the revenue (hence R − F). The hours cut lowers the service cost
    only. The target is a contribution of ``marginal_pct`` percent of the (new) revenue.
    Each figure is None when the client is already there, or when it cannot be reached that
    way (no revenue, no service cost, non-positive denominator, or more than 100 % of hours).
    """
    c = figures.contribution
    r = figures.revenue
    f = figures.financing_cost
    s = figures.service_cost
    t = thresholds.marginal_pct / _HUNDRED

    if r == 0:
        return BreakEven(None, None, None, None)

    price_to_break_even = hours_to_break_even = None
    if c < 0:
        price_to_break_even = _ratio_pct(-c, r - f)
        hours_to_break_even = _hours_cut(-c, s)

    price_to_target = hours_to_target = None
    pct = figures.contribution_pct
    if pct is not None and pct < thresholds.marginal_pct:
        gap = t * r - c
        price_to_target = _ratio_pct(gap, r - f - t * r)
        hours_to_target = _hours_cut(gap, s)

    return BreakEven(
        price_increase_pct_to_break_even=price_to_break_even,
        price_increase_pct_to_target=price_to_target,
        hours_cut_pct_to_break_even=hours_to_break_even,
        hours_cut_pct_to_target=hours_to_target,
    )


# --------------------------------------------------------------------------------------------
# Interpersonal and value scores
# --------------------------------------------------------------------------------------------


def _answered_items(
    answers: Mapping[str, Any] | None, items: Iterable[str], section: str
) -> list[Decimal]:
    """Return the answered (non-None) 1..5 answers for ``items``, checking their range.

    Unanswered items are simply left out, so a partly answered check still gives a score.
    """
    answers = answers or {}
    values = []
    for item in items:
        raw = answers.get(item)
        if raw is None:
            continue
        value = _to_decimal(raw, f"{section}.{item}")
        if not _SCALE_MIN <= value <= _SCALE_MAX:
            raise ValueError(f"{section}.{item}: must be between 1 and 5")
        values.append(value)
    return values


def _scale_score(values: Sequence[Decimal]) -> int | None:
    """Map the mean of 1..5 answers onto 0..100, rounded half up; None without answers.

    Computed as (Σ − n) × 25 / n, which equals (mean − 1) / 4 × 100 but stays exact whenever
    the result ends in .5, so the half-up rounding really sees the half.
    """
    if not values:
        return None
    n = len(values)
    raw = (sum(values, _ZERO) - n) * 25 / n
    return int(round_half_up(raw))


def strain_score(answers: Mapping[str, Any] | None, thresholds: Thresholds) -> int | None:
    """Score how much the client wears the team out, 0 (never) to 100 (always).

    Averages the answered interpersonal items; None when none are answered, so that no rule
    is fired on a check the user has not done.
    """
    items = _answered_items(answers, thresholds.interpersonal_items, "interpersonal")
    return _scale_score(items)


def value_score(answers: Mapping[str, Any] | None, thresholds: Thresholds) -> int | None:
    """Score the strategic value of the client, 0 to 100, minus a reputation-risk penalty.

    Averages the answered value items and subtracts 5 points per step of ``reputation_risk``
    above 1 (an unanswered risk counts as 1), clamped to 0..100. None when no value item is
    answered: a reputation risk on its own says nothing about the value.
    """
    base = _scale_score(_answered_items(answers, thresholds.value_items, "value"))
    if base is None:
        return None
    risk_values = _answered_items(answers, (REPUTATION_RISK,), "value")
    risk = risk_values[0] if risk_values else Decimal(1)
    penalty = int(round_half_up((risk - 1) * 5))
    return max(0, min(100, base - penalty))


# --------------------------------------------------------------------------------------------
# Recommendation
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Condition:
    """One condition of a rule: the check it depends on, the input, and the test on it."""

    check: str
    value: Any
    test: Callable[[Any], bool]


def _evaluate(
    verdict: str | None, strain: int | None, value: int | None, thresholds: Thresholds
) -> tuple[str, int, list[str]]:
    """Run the rules in order and return (recommendation, rule number, unanswered checks).

    A rule holds when all its conditions hold; a condition on a None input does not hold.
    A check is reported as unanswered when a rule was blocked only by that check being
    unanswered, i.e. when all of the rule's answered conditions did hold: that is the check
    which, once answered, could change the recommendation.
    """
    is_loss = _Condition("financial", verdict, lambda v: v == LOSS)
    is_marginal = _Condition("financial", verdict, lambda v: v == MARGINAL)
    strain_high = _Condition("interpersonal", strain, lambda s: s >= thresholds.strain_high)
    value_below_high = _Condition("value", value, lambda v: v < thresholds.value_high)
    value_below_low = _Condition("value", value, lambda v: v < thresholds.value_low)
    value_high = _Condition("value", value, lambda v: v >= thresholds.value_high)

    rules: list[tuple[int, str, tuple[_Condition, ...]]] = [
        (1, "exit", (is_loss, value_below_high)),
        (2, "reprice", (is_loss,)),
        (3, "exit", (strain_high, value_below_high)),
        (4, "reset_expectations", (strain_high,)),
        (5, "reduce_attention", (is_marginal, value_below_low)),
        (6, "reprice", (is_marginal,)),
        (7, "keep_invest", (value_high,)),
    ]

    missing: set[str] = set()
    for number, recommendation, conditions in rules:
        answered = [c for c in conditions if c.value is not None]
        if not all(c.test(c.value) for c in answered):
            continue
        unanswered = [c.check for c in conditions if c.value is None]
        if unanswered:
            missing.update(unanswered)
            continue
        return recommendation, number, _ordered_checks(missing)
    return "keep", 7, _ordered_checks(missing)


def _ordered_checks(checks: Iterable[str]) -> list[str]:
    """Return check names in the fixed screen order financial, interpersonal, value.

    A stable order keeps the output predictable for the screen, the PDF and the tests.
    """
    wanted = set(checks)
    return [check for check in CHECKS if check in wanted]


def recommend(
    verdict: str | None, strain: int | None, value: int | None, thresholds: Thresholds
) -> tuple[str, int]:
    """Return the recommendation and the number (1–7) of the first rule that holds.

    Rule 7 always holds (``keep_invest`` with a high value score, ``keep`` otherwise), so a
    recommendation is always given; the number lets the screen explain *why*.
    """
    recommendation, number, _ = _evaluate(verdict, strain, value, thresholds)
    return recommendation, number


def unanswered_checks(
    verdict: str | None, strain: int | None, value: int | None, thresholds: Thresholds
) -> list[str]:
    """List the checks a rule needed but that are unanswered, in screen order.

    Lets the screen say "this recommendation may change once the value check is answered"
    instead of silently recommending on incomplete input.
    """
    return _evaluate(verdict, strain, value, thresholds)[2]


# --------------------------------------------------------------------------------------------
# Readiness
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Readiness:
    """Whether every pitfall check is ticked, and which are still open (in model order)."""

    ready: bool
    open_pitfalls: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        """Return the ``readiness`` section of the analysis output (a list, for JSON)."""
        return {"ready": self.ready, "open_pitfalls": list(self.open_pitfalls)}


def readiness(pitfalls: Mapping[str, Any] | None, thresholds: Thresholds) -> Readiness:
    """Check whether the decision is ready: every pitfall check must be explicitly true.

    A missing, null or non-boolean answer counts as not true, because a decision to end a
    relationship should only be called ready when each pitfall was consciously ruled out.
    """
    pitfalls = pitfalls or {}
    open_ones = tuple(key for key in thresholds.pitfalls if pitfalls.get(key) is not True)
    return Readiness(ready=not open_ones, open_pitfalls=open_ones)


# --------------------------------------------------------------------------------------------
# Whole analysis
# --------------------------------------------------------------------------------------------


def analyze(plan: Mapping[str, Any] | None, model: Mapping[str, Any] | Thresholds) -> dict:
    """Analyse a (possibly partial) ``exitcoach-plan/1`` plan into the analysis output.

    Returns the "Analysis output" shape of PRODUCT.md — financial, break_even, strain_score,
    value_score, recommendation, rule, readiness — plus ``unanswered``: the checks among
    financial, interpersonal and value that a rule needed but that are not answered;
    ``missing``: what to fill in before the advice is firm (the absent financial inputs of
    FINANCIAL_INPUTS when the financial check is unanswered, else the check's name; empty when
    the advice stands); and ``statement``: the contribution's lines, rounded, adding up to the
    cent. All values are rounded and JSON-serialisable, so the result can go straight to
    ``json.dumps``.
    """
    thresholds = _thresholds(model)
    figures = financial_figures(_section(plan, "financial"), thresholds)
    strain = strain_score(_section(plan, "interpersonal"), thresholds)
    value = value_score(_section(plan, "value"), thresholds)
    recommendation, rule, unanswered = _evaluate(figures.verdict, strain, value, thresholds)
    value_answers = _section(plan, "value")
    without_potential = {k: v for k, v in value_answers.items() if k != "potential"}
    missing = [
        item
        for check in unanswered
        for item in (figures.missing if check == "financial" else (check,))
    ]
    return {
        "financial": figures.as_dict(),
        "break_even": break_even(figures, thresholds).as_dict(),
        "strain_score": strain,
        "value_score": value,
        "recommendation": recommendation,
        "rule": rule,
        "readiness": readiness(_section(plan, "pitfalls"), thresholds).as_dict(),
        # Beside the contract's keys: the one exception to an exit advice (potential.py).
        "potential_exception": potential_exception(
            rule,
            recommendation,
            value_answers,
            value_score(without_potential, thresholds),
            _section(plan, POTENTIAL_SECTION),
            thresholds.potential_high,
        ),
        "unanswered": unanswered,
        "missing": missing,
        "statement": figures.statement(),
    }
