"""What the dashboard shows: the user's plans as rows (app/domain/dashboard.py), searched and
sorted as asked, plus the forms and example cases of the page. One query for all plans; the
analysis per plan is pure Python over its document."""

from __future__ import annotations

from flask import current_app, g, request
from flask_babel import get_locale
from flask_babel import gettext as _

from app.domain import dashboard
from app.plans import examples, store
from app.plans.forms import ConfirmForm, PlanNameForm, UploadForm


def rows(user, query: str = "", sort: str = dashboard.DEFAULT_SORT) -> list[dashboard.PlanRow]:
    """The user's plans matching `query`, in the order of `sort`."""
    model = current_app.extensions["exitcoach.content"].model
    found = [
        dashboard.plan_row(
            plan.id, plan.client_name, plan.current_step, plan.updated_at, plan.data, model
        )
        for plan in store.plans_of(user)
        if dashboard.matches(plan.client_name, query)
    ]
    return dashboard.arrange(found, sort)


def row(plan) -> dashboard.PlanRow:
    """The dashboard line of one plan (htmx: back from rename or delete)."""
    model = current_app.extensions["exitcoach.content"].model
    return dashboard.plan_row(
        plan.id, plan.client_name, plan.current_step, plan.updated_at, plan.data, model
    )


def row_labels() -> dict[str, str]:
    """The words every row repeats, translated once per page rather than once per row (a
    list of 200 plans otherwise spends a third of its time looking up the same labels)."""
    return {
        "client": _("Client"),
        "decision": _("Decision"),
        "contribution": _("Contribution"),
        # a negative contribution is said as a loss: "Loss €17,376", never "-€17,376"
        "loss": _("Loss %(amount)s"),
        "step": _("Step"),
        "edited": _("Last edited"),
        "advice": _("Advice:"),
        "no_advice": _("No advice yet"),
        "duplicate": _("Duplicate"),
        "rename": _("Rename"),
        "delete": _("Delete"),
    }


def row_context(plan) -> dict:
    """What partials/plans/row.html needs for one plan on its own."""
    return {"plan": row(plan), "row_labels": row_labels()}


def context(**overrides) -> dict:
    """Everything the dashboard template needs, search and sort read from the query string;
    `overrides` replaces a form (one with errors) or adds a message."""
    query = dashboard.normal_query(request.args.get("q"))
    sort = dashboard.normal_sort(request.args.get("sort"))
    shown = rows(g.user, query, sort)
    return {
        "plans": shown,
        "row_labels": row_labels(),
        "total_plans": len(shown) if not query else store.count_plans(g.user),
        "query": query,
        "sort": sort,
        "sorts": dashboard.SORTS,
        "form": PlanNameForm(formdata=None),
        "upload_form": UploadForm(formdata=None),
        "example_cases": examples.available_cases(str(get_locale() or "en")),
        "example_form": ConfirmForm(formdata=None),
        **overrides,
    }
