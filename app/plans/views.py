"""The dashboard and the plan pages."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from app.auth.views import login_required
from app.plans import examples, store
from app.plans.files import UploadForm
from app.plans.forms import ConfirmForm, PlanNameForm
from app.web import render

bp = Blueprint("plans", __name__)


@bp.before_request
@login_required
def _require_login():
    return None


def _dashboard(form: PlanNameForm | None = None, status: int = 200):
    return render(
        "pages/plans/dashboard.html",
        plans=store.plans_of(g.user),
        form=form if form is not None else PlanNameForm(formdata=None),
        upload_form=UploadForm(formdata=None),
        example_cases=examples.available_cases(str(get_locale() or "en")),
        example_form=ConfirmForm(formdata=None),
    ), status


@bp.get("/plans")
def dashboard():
    return _dashboard()


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


@bp.get("/plans/<int:plan_id>/row")
def row(plan_id: int):
    """One dashboard row (htmx: back from rename or delete confirmation)."""
    plan = store.plan_of(g.user, plan_id)
    return render("partials/plans/row.html", plan=plan)


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
        return render("partials/plans/row.html", plan=plan)
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
            "pages/plans/dashboard.html",
            block="plan_list",
            plans=store.plans_of(g.user),
            deleted=name,
        )
    flash(_("The plan for “%(name)s” has been deleted.", name=name), "success")
    return redirect(url_for("plans.dashboard"))
