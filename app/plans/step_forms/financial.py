"""The financial check: revenue, margin, other costs and the hours spent serving the client."""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    FieldList,
    Form,
    FormField,
)

from app.domain.planfile import copy_plan
from app.plans.fields import NumberField
from app.plans.step_forms.common import (
    MAX_ROWS,
    get,
    merge_rows,
    ok,
    text_field,
)


class ServiceHoursForm(Form):
    department = text_field(100, _l("Department"))
    hours_per_week = NumberField(_l("Hours per week"), minimum=0, maximum=168)
    hourly_cost = NumberField(_l("Hourly cost (€)"), minimum=0, maximum=100000)


FINANCIAL_NUMBERS = (
    "annual_revenue",
    "gross_margin_pct",
    "other_annual_costs",
    "payment_days_late",
    "cost_of_capital_pct",
    "working_weeks",
)


class FinancialForm(FlaskForm):
    annual_revenue = NumberField(_l("Annual revenue (€)"), minimum=0, maximum=10**12, places=2)
    gross_margin_pct = NumberField(_l("Gross margin (%)"), minimum=0, maximum=100)
    other_annual_costs = NumberField(_l("Other yearly costs (€)"), minimum=0, maximum=10**12)
    payment_days_late = NumberField(_l("Days paid late (average)"), minimum=0, maximum=3650)
    cost_of_capital_pct = NumberField(_l("Cost of capital (% a year)"), minimum=0, maximum=100)
    working_weeks = NumberField(_l("Working weeks a year"), minimum=1, maximum=53, whole=True)
    service_hours = FieldList(FormField(ServiceHoursForm), min_entries=1, max_entries=MAX_ROWS)

    @classmethod
    def for_plan(cls, data: Mapping, department_label=lambda key: key, **kwargs):
        financial = get(data, "financial", default={}) or {}
        rows = [
            {
                "department": department_label(r.get("department")) if r.get("department") else "",
                "hours_per_week": r.get("hours_per_week"),
                "hourly_cost": r.get("hourly_cost"),
            }
            for r in financial.get("service_hours") or []
        ]
        values = {key: financial.get(key) for key in FINANCIAL_NUMBERS}
        return cls(formdata=None, service_hours=rows or [{}], **values, **kwargs)

    def apply(self, data: Mapping, department_key=lambda text: text) -> dict:
        new = copy_plan(data)
        financial = dict(new.get("financial") or {})
        for key in FINANCIAL_NUMBERS:
            if ok(self[key]):
                financial[key] = self[key].value()
        rows = merge_rows(
            self.service_hours.entries,
            financial.get("service_hours") or [],
            {
                "department": lambda f: department_key(f.data) or None,
                "hours_per_week": lambda f: f.value(),
                "hourly_cost": lambda f: f.value(),
            },
        )
        financial["service_hours"] = [
            row for row in rows if any(v not in (None, "") for v in row.values())
        ]
        new["financial"] = financial
        return new
