"""The financial part of the analysis: the table, the hours per department and the chart."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.domain import explain, numbers
from app.domain.analysis import FINANCIAL_INPUTS
from app.domain.report.common import Facts, Row, lead_in, missing_inputs_sentence


@dataclass(frozen=True)
class ServiceRow:
    department: str
    hours_per_week: str
    hourly_cost: str
    yearly_cost: str


@dataclass(frozen=True)
class Bar:
    """One bar of the cost-to-serve chart; `share` is its length as a fraction of the longest."""

    label: str
    value: str
    share: float
    pattern: str  # "solid" or "hatched": the chart reads in black and white


@dataclass(frozen=True)
class Financial:
    rows: list[Row]
    service_rows: list[ServiceRow]
    service_total: ServiceRow
    chart: list[Bar]
    chart_note: str
    verdict: Row | None
    rule_text: str  # why the advice: the rule that fired, with the plan's figures


def build_financial(plan: Mapping[str, Any], texts: Mapping[str, Any], facts: Facts) -> Financial:
    """What the client brings in and costs, and why that leads to the advice."""
    a = texts["report"]["analysis"]
    decide = texts["decide"]
    labels = decide["financial"]["figures"]
    given = plan.get("financial") or {}
    lang = facts.lang
    contribution, contribution_pct = contribution_rows(texts, facts, cents=True)
    fin = known_figures(facts)
    rows = [
        Row(a["revenue"], facts.money(given.get("annual_revenue"), True)),
        Row(a["gross_margin"], numbers.percent(given.get("gross_margin_pct"), lang)),
        Row(labels["gross_profit"]["label"], facts.money(fin["gross_profit"], True)),
        Row(labels["service_cost"]["label"], facts.money(fin["service_cost"], True)),
        Row(a["other_costs"], facts.money(given.get("other_annual_costs") or 0, True)),
        Row(
            labels["financing_cost"]["label"],
            facts.money(fin["financing_cost"], True),
            _days_late(given.get("payment_days_late"), a, lang),
        ),
        contribution,
        contribution_pct,
        Row(labels["yield_per_hour"]["label"], facts.money(fin["yield_per_hour"], True)),
    ]
    service_rows, total_hours = _service_rows(given, decide, facts)
    verdict_key = fin["verdict"]
    verdicts = decide["financial"]["verdicts"]
    chart = (
        _chart(fin, labels["gross_profit"]["label"], a["chart_cost"], lang)
        if fin["contribution"] is not None
        else []
    )
    return Financial(
        rows=rows,
        service_rows=service_rows,
        service_total=ServiceRow(
            a["total"], numbers.number(total_hours, lang, 1), "", facts.money(fin["service_cost"])
        ),
        chart=chart,
        chart_note=(
            a["chart_note"].format(
                service=facts.money(fin["service_cost"]),
                other=facts.money(given.get("other_annual_costs") or 0),
                late=facts.money(fin["financing_cost"]),
                total=chart[1].value,
            )
            if chart
            else ""
        ),
        verdict=(
            Row(lead_in(verdicts[verdict_key]["label"]), verdicts[verdict_key]["text"])
            if verdict_key
            else None
        ),
        rule_text=missing_inputs_sentence(texts, facts)
        or explain.rule_explanation(facts.analysis, facts.model, decide, lang),
    )


def known_figures(facts: Facts) -> dict[str, Any]:
    """The analysis's figures with those that cannot be known yet as None (printed '–'):
    the gross profit without the revenue or the margin, the cost to serve and the hours without
    the service hours or their cost, the contribution without any of them. The analysis counts
    a missing amount as 0, but a printed € 0 would be a figure nobody entered."""
    fin = dict(facts.analysis["financial"])
    missing = set(facts.analysis.get("missing") or ())
    unknown = {
        "gross_profit": missing & {"annual_revenue", "gross_margin_pct"},
        "service_cost": missing & {"service_hours", "hourly_cost"},
        "service_hours_per_year": missing & {"service_hours"},
        "yield_per_hour": missing & {"annual_revenue", "gross_margin_pct", "service_hours"},
        "contribution": missing & set(FINANCIAL_INPUTS),
        "contribution_pct": missing & set(FINANCIAL_INPUTS),
    }
    return {key: None if unknown.get(key) else value for key, value in fin.items()}


def contribution_rows(texts: Mapping[str, Any], facts: Facts, *, cents: bool) -> tuple[Row, Row]:
    """The contribution and its share of revenue; a negative one is shown as a loss.

    "Loss €3,929", never "contribution -€3,929": a loss reads as what it is.
    """
    fin = known_figures(facts)
    labels = texts["decide"]["financial"]["figures"]
    a = texts["report"]["analysis"]
    amount, share = fin["contribution"], fin["contribution_pct"]
    if amount is not None and amount < 0:
        return (
            Row(a["loss"], facts.money(-amount, cents)),
            Row(a["loss_pct"], numbers.percent(-share if share is not None else None, facts.lang)),
        )
    return (
        Row(labels["contribution"]["label"], facts.money(amount, cents)),
        Row(labels["contribution_pct"]["label"], numbers.percent(share, facts.lang)),
    )


def _service_rows(
    given: Mapping[str, Any], decide: Mapping[str, Any], facts: Facts
) -> tuple[list[ServiceRow], Decimal]:
    departments = decide["financial"]["departments"]
    weeks = Decimal(str(given.get("working_weeks") or facts.model["financial"]["working_weeks"]))
    rows, total_hours = [], Decimal(0)
    for row in given.get("service_hours") or []:
        hours = Decimal(str(row.get("hours_per_week") or 0))
        rate = Decimal(str(row.get("hourly_cost") or 0))
        total_hours += hours
        rows.append(
            ServiceRow(
                departments.get(row.get("department") or "", row.get("department") or "–"),
                numbers.number(hours, facts.lang, 1),
                facts.money(rate, True),
                facts.money(hours * rate * weeks),
            )
        )
    return rows, total_hours


def _days_late(days: Any, a: Mapping[str, Any], lang: str) -> str:
    if not days:
        return ""
    return f"{a['days_late']}: {numbers.number(days, lang, 0)}"


def _chart(fin: Mapping[str, Any], profit_label: str, cost_label: str, lang: str) -> list[Bar]:
    """Gross profit against everything it takes to serve the client, as two bars.

    Everything it takes (hours, other yearly costs, late payment) is exactly what the
    contribution leaves of the gross profit.
    """
    profit = Decimal(str(fin["gross_profit"] or 0))
    cost = profit - Decimal(str(fin["contribution"] or 0))
    longest = max(profit, cost, Decimal(1))
    return [
        Bar(
            profit_label,
            numbers.money(profit, lang, cents=False),
            float(max(profit, Decimal(0)) / longest),
            "solid",
        ),
        Bar(
            cost_label,
            numbers.money(cost, lang, cents=False),
            float(cost / longest),
            "hatched",
        ),
    ]
