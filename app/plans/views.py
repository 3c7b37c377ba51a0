"""The dashboard and the plan pages."""

from __future__ import annotations

from flask import Blueprint, flash, g, make_response, redirect, request, url_for
from flask_babel import gettext as _

from app.auth.views import login_required
from app.plans import examples, overview, store
from app.plans.forms import ConfirmForm, PlanNameForm
from app.web import render

bp = Blueprint("plans", __name__)
NAME_LENGTH = 200  # the length of Plan.client_name


@bp.before_request
@login_required
def _require_login():
    return None


def _dashboard(form: PlanNameForm | None = None, status: int = 200, block: str | None = None):
    extra = {"form": form} if form is not None else {}
    return render("pages/plans/dashboard.html", block=block, **overview.context(**extra)), status


@bp.get("/plans")
def dashboard():
    """The user's plans, searched (`q`, by client name) and sorted (`sort`) by a plain GET
    form; htmx asks for only the list (#plan-list) as the search is typed."""
    response = make_response(_dashboard(block="plan_list"))
    response.vary.add("HX-Request")
    return response


@bp.post("/plans")
def create():
    form = PlanNameForm()
    if not form.validate_on_submit():
        return _dashboard(form, 422)
    plan = store.create_plan(g.user, form.client_name.data)
    return redirect(url_for("plans.show", plan_id=plan.id))


@bp.post("/plans/examples/<lang>/<key>")
def start_example(lang: str, key: str):
    """The user's own copy of an example case, opened at its first step (the CSRF token is
    checked for every POST by CSRFProtect)."""
    plan = examples.start_case(g.user, lang, key)
    flash(_("This is your own copy of the example: change anything you like."), "success")
    return redirect(url_for("plans.show", plan_id=plan.id))


@bp.post("/plans/<int:plan_id>/duplicate")
def duplicate(plan_id: int):
    """A copy of the plan, "Copy of X", opened where the original was left (CSRF checked for
    every POST by CSRFProtect)."""
    plan = store.plan_of(g.user, plan_id)
    name = _("Copy of %(name)s", name=plan.client_name)[:NAME_LENGTH]
    copied = store.duplicate_plan(plan, name)
    flash(
        _("This is a copy of “%(name)s”: the original is unchanged.", name=plan.client_name),
        "success",
    )
    return redirect(url_for("plans.show", plan_id=copied.id))


@bp.get("/plans/<int:plan_id>/row")
def row(plan_id: int):
    """One dashboard row (htmx: back from rename or delete confirmation)."""
    plan = store.plan_of(g.user, plan_id)
    return render("partials/plans/row.html", **overview.row_context(plan))


@bp.route("/plans/<int:plan_id>/rename", methods=["GET", "POST"])
def rename(plan_id: int):
    plan = store.plan_of(g.user, plan_id)
    if request.method == "GET":
        form = PlanNameForm(formdata=None, client_name=plan.client_name)
        return render("pages/plans/rename.html", plan=plan, form=form, block="rename_form")
    form = PlanNameForm()
    if not form.validate_on_submit():
        return render("pages/plans/rename.html", plan=plan, form=form, block="rename_form"), 422
    store.rename_plan(plan, form.client_name.data)
    if request.htmx:
        return render("partials/plans/row.html", **overview.row_context(plan))
    flash(_("The plan is now called “%(name)s”.", name=plan.client_name), "success")
    return redirect(url_for("plans.dashboard"))


@bp.route("/plans/<int:plan_id>/delete", methods=["GET", "POST"])
def delete(plan_id: int):
    plan = store.plan_of(g.user, plan_id)
    form = ConfirmForm()
    if request.method == "GET" or not form.validate_on_submit():
        return render("pages/plans/delete.html", plan=plan, form=form, block="delete_confirm")
    name = plan.client_name
    store.delete_plan(plan)
    if request.htmx:
        return render(
            "pages/plans/dashboard.html", block="plan_list", **overview.context(deleted=name)
        )
    flash(_("The plan for “%(name)s” has been deleted.", name=name), "success")
    return redirect(url_for("plans.dashboard"))
