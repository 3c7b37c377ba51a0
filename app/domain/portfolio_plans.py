"""From a portfolio row to a plan, and back: the plan's own figures and decision.

"Start an exit plan" on a row creates a plan prefilled with the row's quick estimates in the
`exitcoach-plan/1` format (`plan_document`); once that plan's financial check is answered its
figures replace the estimates in the portfolio (`row_with_plan`), and its decision (or while
there is none, its advice) is shown beside the client (`plan_status`). Pure functions, no Flask
and no database: the store hands in the plan documents.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from app.domain.analysis import SERVICE_HOURS, Thresholds, analyze, financial_figures
from app.domain.planfile import FORMAT
from app.domain.portfolio import ClientRow
from app.domain.potential import effective_advice

KINDS = ("exit", "reprice")
# The department the row's hours are booked on in the plan: the people who do the work.
DEPARTMENT = "delivery_operations"
# A plan's service row holds at most one person's week (planfile: hours_per_week ≤ 168); a
# row with more hours becomes several rows of the same department, the same cost in total.
MAX_ROW_HOURS = Decimal(168)
# What a repricing plan starts with: raising the rates, considered, and carried out by the
# conversation that follows the decision (talks.py `next_talk.alternative`).
REPRICE = "raise_rates"

_ZERO = Decimal(0)


def _number(value: Decimal) -> int | float:
    """A Decimal as the plan's JSON holds numbers: a whole number as int, else a float."""
    return int(value) if value == value.to_integral_value() else float(value)


def _service_rows(row: ClientRow, department: str) -> list[dict[str, Any]]:
    """The row's hours as the plan's service rows (several when above one person's week)."""
    hours = row.hours_per_week
    if hours is None and row.hourly_cost is None:
        return []
    cost = {} if row.hourly_cost is None else {"hourly_cost": _number(row.hourly_cost)}
    if hours is None:
        return [{"department": department, **cost}]
    rows = []
    left = hours
    while True:
        part = min(left, MAX_ROW_HOURS)
        rows.append({"department": department, "hours_per_week": _number(part), **cost})
        left -= part
        if left <= 0:
            return rows


def plan_document(
    row: ClientRow, kind: str, language: str, department: str = DEPARTMENT
) -> dict[str, Any]:
    """The plan a row starts: the client's name, its figures as the financial check, and the
    answers the plan asks in the same words (the `potential` value item).

    `strain` and `value` are one overall estimate each, where the plan asks six or seven
    questions: they are not copied into any one of them. A negative gross margin (possible in
    the CSV, not in a plan) is left for the user to enter. For "reprice" the plan starts with
    raising the rates as the alternative considered and carried out.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    financial: dict[str, Any] = {}
    if row.annual_revenue is not None and row.annual_revenue >= 0:
        financial["annual_revenue"] = _number(row.annual_revenue)
    if row.gross_margin_pct is not None and row.gross_margin_pct >= 0:
        financial["gross_margin_pct"] = _number(row.gross_margin_pct)
    for name in ("other_annual_costs", "payment_days_late"):
        value = getattr(row, name)
        if value is not None and value >= 0:
            financial[name] = _number(value)
    service = _service_rows(row, department)
    if service:
        financial[SERVICE_HOURS] = service
    plan: dict[str, Any] = {
        "format": FORMAT,
        "language": language,
        "client": {"name": row.client},
        "financial": financial,
    }
    if row.potential is not None:
        plan["value"] = {"potential": row.potential}
    if kind == "reprice":
        plan["alternatives"] = [{"kind": REPRICE, "status": "considered"}]
        plan["next_talk"] = {"alternative": REPRICE}
    return plan


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    return Decimal(str(value))


def row_with_plan(row: ClientRow, plan: Mapping[str, Any] | None, model: Thresholds) -> ClientRow:
    """The row to analyse: the plan's own figures once its financial check is answered,
    otherwise the row's estimates unchanged.

    With the plan's figures the row carries the plan's `financial` section as is (so the
    contribution is the plan's, to the cent: its service rows, working weeks and cost of
    capital), and its revenue, margin, costs and days late replace the estimates (the ranking,
    the segment and the pearls read them); the hours become the plan's total with the average
    hourly cost. Strain, value and potential stay the row's estimates: one overall judgement
    each, which the plan's questions do not replace one for one.
    """
    financial = (plan or {}).get("financial")
    if not isinstance(financial, Mapping):
        return row
    figures = financial_figures(financial, model)
    if not figures.financial_answered:
        return row
    hours = cost = _ZERO
    for service in financial.get(SERVICE_HOURS) or ():
        if isinstance(service, Mapping):
            h = _decimal(service.get("hours_per_week")) or _ZERO
            hours += h
            cost += h * (_decimal(service.get("hourly_cost")) or _ZERO)
    return replace(
        row,
        annual_revenue=_decimal(financial.get("annual_revenue")),
        gross_margin_pct=_decimal(financial.get("gross_margin_pct")),
        other_annual_costs=_decimal(financial.get("other_annual_costs")),
        payment_days_late=_decimal(financial.get("payment_days_late")),
        hours_per_week=hours,
        hourly_cost=(cost / hours).quantize(Decimal("0.01")) if hours else None,
        plan_financial=dict(financial),
    )


@dataclass(frozen=True)
class PlanStatus:
    """Where a client's plan stands, for the clients table and the overview."""

    plan_id: int
    decision: str | None  # the user's decision (a recommendation key), None until taken
    advice: str | None  # the plan's advice; None while inputs are missing or it is held back
    uses_plan_figures: bool  # the plan's financial check is answered: its figures count

    @property
    def shown(self) -> str | None:
        """What the portfolio shows: the decision when taken, else the advice."""
        return self.decision or self.advice


def plan_status(plan_id: int, plan: Mapping[str, Any] | None, model: Thresholds) -> PlanStatus:
    """The decision taken in a plan (or its advice until then) and whether its figures count."""
    plan = plan or {}
    analysis = analyze(plan, model)
    decision = (plan.get("decision") or {}).get("choice") if isinstance(plan, Mapping) else None
    figures = financial_figures(plan.get("financial") or {}, model)
    return PlanStatus(
        plan_id=plan_id,
        decision=decision if isinstance(decision, str) and decision else None,
        advice=effective_advice(analysis),
        uses_plan_figures=figures.financial_answered,
    )


def plan_statuses(
    plans: Mapping[int, tuple[int, Mapping[str, Any] | None]], model: Thresholds
) -> dict[int, PlanStatus]:
    """Per client id, the status of its plan: `plans` maps client id → (plan id, document)."""
    return {
        client_id: plan_status(plan_id, document, model)
        for client_id, (plan_id, document) in plans.items()
    }
