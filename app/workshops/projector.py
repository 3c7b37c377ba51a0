"""The projector view of a workshop (issue 13, point 4) and the coach's controls for it.

The projector is a read-only screen for the room: the join code and its QR code, how many
joined, the phase timer the coach set and, when the coach chose one, a plan its owner shares.
htmx asks for its `projector_screen` block every two seconds; the server's time left is the
truth (static/js/projector.js only ticks the seconds in between). Only the coach and the
co-coaches see it or change it; for anyone else it does not exist (404).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from flask import abort, current_app, flash, g, redirect, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from app.domain import workshop_timer as timer
from app.domain import workshops as rules
from app.domain.report import Report, ScriptStep, shorten
from app.domain.report.summary import client_name
from app.models import Workshop
from app.pdf.documents import report_for
from app.web import render
from app.workshops import bp, store
from app.workshops.forms import ActionForm
from app.workshops.projector_forms import PRESETS, ProjectForm, TimerForm, phase_name
from app.workshops.views import _coach_page, join_link, qr_svg

# A step's words on the projector: enough to discuss, short enough to read from the back.
STEP_LIMIT = 200


def now() -> datetime:
    """The time the timer is counted against (tests replace it)."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class Projected:
    """The shared plan on the projector: the report's summary and the steps written so far."""

    report: Report
    steps: list[ScriptStep]
    words: dict[str, str]  # the written words of each step in `steps`, shortened


def projected_plan(workshop: Workshop) -> Projected | None:
    """The plan the coach put on the projector, while its owner still shares it. Built from
    the same report as the plan's PDF, in the plan's own language; the owner is not named."""
    row = store.projected(workshop)
    if row is None:
        return None
    content = current_app.extensions["exitcoach.content"]
    report = report_for(row.plan.data or {}, content, date.today())
    steps = [step for step in report.conversation.steps if step.words]
    return Projected(report, steps, {s.key: shorten(s.words, STEP_LIMIT) for s in steps})


def participants(workshop: Workshop) -> int:
    """How many joined: participants still in the workshop (not the coaches)."""
    return sum(1 for member in store.members(workshop) if member.role == rules.PARTICIPANT)


def timer_of(workshop: Workshop) -> timer.TimerState | None:
    return timer.timer_state(
        phase_name(workshop.timer_label), workshop.timer_minutes, workshop.timer_ends_at, now()
    )


def _coaching(workshop_id: int, must_be_open: bool = False) -> tuple[Workshop, str]:
    """The workshop for its coach or a co-coach; 404 for anyone else (and, for changes, once
    it is closed: there is nothing left to project)."""
    workshop, role = store.membership(g.user, workshop_id)
    if not rules.runs(role) or (must_be_open and workshop.status != rules.OPEN):
        abort(404)
    return workshop, role


@bp.get("/workshops/<int:workshop_id>/projector")
def projector(workshop_id: int):
    """The full-screen page for the projector; htmx refreshes its `projector_screen` block."""
    workshop, _role = _coaching(workshop_id)
    is_open = workshop.status == rules.OPEN
    count = participants(workshop)
    link = join_link(workshop) if is_open else ""
    page = render(
        "pages/workshops/projector.html",
        block="projector_screen",
        workshop=workshop,
        is_open=is_open,
        code=rules.display_code(workshop.join_code) if is_open else "",
        link=link,
        join_page=_without_scheme(url_for("workshops.join", _external=True)),
        qr=qr_svg(link) if is_open else "",
        joined=ngettext("%(num)d joined", "%(num)d joined", count),
        timer=timer_of(workshop) if is_open else None,
        shown=projected_plan(workshop) if is_open else None,
    )
    return page, 200, {"Vary": "HX-Request", "Cache-Control": "no-store"}


def _without_scheme(url: str) -> str:
    """ "exitcoach.example/join": what a person types, shorter on the screen."""
    return url.split("://", 1)[-1]


def coach_controls(
    workshop: Workshop, timer_form: TimerForm | None = None, project_form: ProjectForm | None = None
) -> dict:
    """What the coach's page needs for its projector section: the timer now, the forms, the
    plans shared now (client and owner's e-mail: the coach may see who shares)."""
    rows = store.shared_plans(workshop)
    emails = {member.user_id: member.user.email for member in store.members(workshop)}
    on_screen = store.projected(workshop)
    if project_form is None:
        project_form = ProjectForm(formdata=None)
        if on_screen is not None:
            project_form.plan.data = str(on_screen.plan_id)
    project_form.offer(
        (row.plan_id, f"{client_name(row.plan.data or {})} – {emails.get(row.user_id, '–')}")
        for row in rows
    )
    return {
        "timer_form": timer_form or TimerForm(formdata=None),
        "project_form": project_form,
        "presets": PRESETS,
        "timer": timer_of(workshop),
        "on_screen": client_name(on_screen.plan.data or {}) if on_screen else None,
        "shared_count": len(rows),
    }


def _back(workshop: Workshop):
    return redirect(url_for("workshops.show", workshop_id=workshop.id, _anchor="projector"))


def _refused(workshop: Workshop, role: str, **forms):
    """The coach's page again with the messages next to the fields (422, nothing changed)."""
    return _coach_page(workshop, role, status=422, **forms)


@bp.post("/workshops/<int:workshop_id>/timer")
def start_timer(workshop_id: int):
    """Start the phase timer: a typed name and length, or a preset; replaces a running one."""
    workshop, role = _coaching(workshop_id, must_be_open=True)
    form = TimerForm()
    phase = form.phase()
    if phase is None:
        return _refused(workshop, role, timer_form=form)
    label, minutes = phase
    started = now()
    store.set_timer(workshop, label, minutes, timer.ends_at(started, minutes))
    flash(
        ngettext(
            "The timer runs: %(label)s, %(num)d minute.",
            "The timer runs: %(label)s, %(num)d minutes.",
            minutes,
            label=phase_name(label),
        ),
        "success",
    )
    return _back(workshop)


@bp.post("/workshops/<int:workshop_id>/timer/stop")
def stop_timer(workshop_id: int):
    workshop, _role = _coaching(workshop_id, must_be_open=True)
    if ActionForm().validate_on_submit():
        store.stop_timer(workshop)
        flash(_("The timer is stopped."), "info")
    return _back(workshop)


@bp.post("/workshops/<int:workshop_id>/projector/plan")
def show_plan(workshop_id: int):
    """Put one of the plans shared now on the projector (any other plan: the message)."""
    workshop, role = _coaching(workshop_id, must_be_open=True)
    rows = store.shared_plans(workshop)
    form = ProjectForm()
    row = form.chosen(rows)
    if row is None:
        return _refused(workshop, role, project_form=form)
    store.project(workshop, row)
    flash(_("The projector shows %(client)s.", client=client_name(row.plan.data or {})), "success")
    return _back(workshop)


@bp.post("/workshops/<int:workshop_id>/projector/clear")
def clear_screen(workshop_id: int):
    workshop, _role = _coaching(workshop_id, must_be_open=True)
    if ActionForm().validate_on_submit():
        store.project(workshop, None)
        flash(_("The projector shows no plan now."), "info")
    return _back(workshop)
