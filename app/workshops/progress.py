"""Progress without surveillance (issue 13): the coach's progress page, live by htmx polling,
and a participant's sharing of one plan at a time with the coaches.

The progress page shows where each participant is (the step, dots for the steps done) and
group totals naming nobody; a plan's content opens only while its owner shares it, read-only.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import abort, current_app, flash, g, redirect, render_template, url_for
from flask_babel import format_time
from flask_babel import gettext as _
from markupsafe import Markup

from app.domain import steps
from app.domain import workshop_progress as watch
from app.domain import workshops as rules
from app.models import Workshop
from app.pdf import documents
from app.web import render
from app.workshops import bp, store
from app.workshops.forms import ActionForm

PAGE = "pages/workshops/progress.html"


def _model():
    return current_app.extensions["exitcoach.content"].model


def _coaching(workshop_id: int) -> tuple[Workshop, str]:
    """The workshop for its coach or a co-coach; 404 for anyone else, as for a stranger."""
    workshop, role = store.membership(g.user, workshop_id)
    if not rules.runs(role):
        abort(404)
    return workshop, role


def plan_state(plan: store.ProgressPlan, model) -> dict[str, Any]:
    """The little the progress page reads of a plan: its step, each step's state, the
    decision's key and the owner's own style (never what they wrote)."""
    data = plan.data
    current = plan.current_step if steps.is_step(plan.current_step) else steps.first_step()
    return {
        "plan_id": plan.plan_id,
        "client_name": plan.client_name,
        "current_step": current,
        "completion": steps.completion(data, model),
        "decision": (data.get("decision") or {}).get("choice"),
        "disc": (data.get("owner") or {}).get("disc"),
        "updated_at": plan.updated_at,
    }


def workshop_progress(workshop: Workshop) -> tuple[watch.Progress, list[tuple[str, Any]]]:
    """The workshop's progress and the plans shared now, as (owner's e-mail, plan), oldest
    share first. Two queries, then pure work (the page polls every 2 s)."""
    people, plans = store.progress_of(workshop)
    model = _model()
    by_user: dict[int, list[dict[str, Any]]] = {user_id: [] for user_id, _email in people}
    for plan in plans:
        by_user[plan.user_id].append(plan_state(plan, model))
    emails = dict(people)
    shared = sorted(
        (plan for plan in plans if plan.shared_at is not None),
        key=lambda plan: (plan.shared_at, plan.plan_id),
    )
    participants = {email: by_user[user_id] for user_id, email in people}
    return watch.progress(participants), [(emails[plan.user_id], plan) for plan in shared]


@bp.get("/workshops/<int:workshop_id>/progress")
def progress(workshop_id: int):
    """Who is at which step, the group's totals and the shared plans. An htmx poll gets the
    `progress` block only; without JavaScript the page has a Refresh link."""
    workshop, role = _coaching(workshop_id)
    found, shared = workshop_progress(workshop)
    return render(
        PAGE,
        block="progress",
        workshop=workshop,
        role=role,
        rows=found.rows,
        totals=found.totals,
        shared=shared,
        updated=format_time(datetime.now(), "medium"),
    )


@bp.get("/workshops/<int:workshop_id>/shared/<int:plan_id>")
def shared_plan(workshop_id: int, plan_id: int):
    """A plan its owner shares with this workshop, as the print preview shows it: read-only,
    for the coaches only. Any other plan (unshared, taken back, of a removed participant, in a
    closed workshop, or none at all) is the same 404."""
    workshop, _role = _coaching(workshop_id)
    row = store.shared_plan(workshop, plan_id)
    plan = row.plan
    report = documents.report_for(
        plan.data or {}, current_app.extensions["exitcoach.content"], date.today()
    )
    toolbar = Markup(
        render_template(
            "partials/workshops/shared_bar.html",
            workshop=workshop,
            owner=plan.owner.email,
            since=format_time(row.shared_at, "short"),
        )
    )
    stylesheet = url_for("static", filename="css/print.css")
    return documents.document_html(report, "plan", stylesheet=stylesheet, toolbar=toolbar)


def _own_plan(workshop_id: int, plan_id: int):
    workshop, role = store.membership(g.user, workshop_id)
    if role != rules.PARTICIPANT:
        abort(404)
    return workshop, store.workshop_plan(workshop, g.user, plan_id)


def _back(workshop: Workshop):
    return redirect(url_for("workshops.show", workshop_id=workshop.id, _anchor="my-workshop-plans"))


@bp.post("/workshops/<int:workshop_id>/plans/<int:plan_id>/share")
def share(workshop_id: int, plan_id: int):
    """The owner shares this plan with the coaches; their other plan here stops being shared.
    Only while the workshop is open (404 after closing, like the other closed actions)."""
    workshop, row = _own_plan(workshop_id, plan_id)
    if workshop.status != rules.OPEN:
        abort(404)
    if ActionForm().validate_on_submit():
        store.share(workshop, row)
        flash(
            _(
                "The coaches can now read “%(client)s”. Other plans of yours stay private.",
                client=row.plan.client_name,
            ),
            "success",
        )
    return _back(workshop)


@bp.post("/workshops/<int:workshop_id>/plans/<int:plan_id>/stop-sharing")
def stop_sharing(workshop_id: int, plan_id: int):
    """The owner takes the plan back: from now on the coaches see only its step and dots."""
    workshop, row = _own_plan(workshop_id, plan_id)
    if ActionForm().validate_on_submit():
        store.stop_sharing(workshop, row)
        flash(
            _(
                "“%(client)s” is private again: the coaches can no longer read it.",
                client=row.plan.client_name,
            ),
            "info",
        )
    return _back(workshop)
