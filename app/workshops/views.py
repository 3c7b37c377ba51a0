"""The workshop screens: my workshops and the create form, a workshop's page (the coach's or a
participant's), and joining by code or link. Thin: parse, ask the domain and the store, render."""

from __future__ import annotations

from datetime import timedelta

import segno
from flask import abort, flash, g, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from app.auth import accounts
from app.domain import workshops as rules
from app.models import Workshop
from app.plans import examples
from app.web import render
from app.workshops import bp, store
from app.workshops.forms import ActionForm, CoCoachForm, CodeForm, WorkshopForm

WINDOW = timedelta(minutes=rules.WRONG_CODE_WINDOW_MINUTES)


def _locale() -> str:
    return str(get_locale() or "en")


def _index(form: WorkshopForm | None = None, status: int = 200):
    if form is None:
        form = WorkshopForm(formdata=None, language=_locale())
        form.offer(examples.available_cases(_locale()))
        form.cases.data = [choice.value for choice in form.cases.choices]
    return render(
        "pages/workshops/index.html",
        block="create_form",
        workshops=store.workshops_of(g.user),
        form=form,
        runs=rules.runs,
    ), status


@bp.get("/workshops")
def index():
    return _index()


@bp.post("/workshops")
def create():
    """A new workshop; its creator is its coach and lands on its page with the join code."""
    form = WorkshopForm()
    cases = examples.available_cases(_locale())
    form.offer(cases)
    if not form.check([case.key for case in cases]):
        return _index(form, 422)
    workshop = store.create_workshop(g.user, form.fields_value())
    return redirect(url_for("workshops.show", workshop_id=workshop.id))


def join_link(workshop: Workshop) -> str:
    """The link on the projector and in the QR code (absolute: a phone's camera opens it)."""
    return url_for("workshops.join_code", code=workshop.join_code, _external=True)


def qr_svg(link: str) -> str:
    """The QR code of `link` as inline SVG, made on the server (no image library, no script)."""
    return segno.make(link, error="m").svg_inline(
        scale=4, omitsize=True, svgclass="qr", title=_("QR code of the join link")
    )


def _coach_page(workshop: Workshop, role: str, co_coach_form=None, status: int = 200, **forms):
    """The coach's page; `forms` are a section's forms with their errors (e.g. the timer's)."""
    from app.workshops.projector import coach_controls  # late: projector imports this module

    link = join_link(workshop)
    return render(
        "pages/workshops/coach.html",
        block="co_coach_form",
        workshop=workshop,
        role=role,
        code=rules.display_code(workshop.join_code),
        link=link,
        qr=qr_svg(link),
        members=store.members(workshop),
        co_coach_form=co_coach_form or CoCoachForm(formdata=None),
        action_form=ActionForm(formdata=None),
        may_add_co_coach=rules.may_add_co_coach(role),
        may_remove=rules.may_remove,
        cases=_cases(workshop),
        **coach_controls(workshop, **forms),
    ), status


def _cases(workshop: Workshop):
    return [
        case for case in examples.available_cases(workshop.language) if case.key in workshop.cases
    ]


@bp.get("/workshops/<int:workshop_id>")
def show(workshop_id: int):
    """The coach's page (code, QR, members) or the participant's (the cases, their plans)."""
    workshop, role = store.membership(g.user, workshop_id)
    if rules.runs(role):
        return _coach_page(workshop, role)
    return render(
        "pages/workshops/participant.html",
        workshop=workshop,
        cases=_cases(workshop),
        plans=store.plans_in(workshop, g.user),
        sharing=store.sharing_of(workshop, g.user),
        may_start=rules.may_start_case(role, workshop.status),
        action_form=ActionForm(formdata=None),
    )


def _running(workshop_id: int, allowed) -> tuple[Workshop, str]:
    """The workshop when the user's role allows the action, else 404 like for a stranger."""
    workshop, role = store.membership(g.user, workshop_id)
    if not allowed(role):
        abort(404)
    return workshop, role


@bp.post("/workshops/<int:workshop_id>/co-coaches")
def add_co_coach(workshop_id: int):
    """The coach adds a co-coach by e-mail (someone with an account)."""
    workshop, role = _running(workshop_id, rules.may_add_co_coach)
    form = CoCoachForm()
    if form.validate_on_submit():
        user = accounts.find_user(form.email.data)
        if user is None:
            form.email.errors.append(_("Nobody has an Exit Coach account with this address."))
        elif not store.add_co_coach(workshop, user):
            form.email.errors.append(
                _("%(email)s already coaches this workshop.", email=user.email)
            )
        else:
            flash(_("%(email)s is now co-coach of this workshop.", email=user.email), "success")
            return redirect(url_for("workshops.show", workshop_id=workshop.id, _anchor="members"))
    return _coach_page(workshop, role, form, 422)


@bp.post("/workshops/<int:workshop_id>/participants/<int:user_id>/remove")
def remove_participant(workshop_id: int, user_id: int):
    workshop, _role = _running(workshop_id, rules.runs)
    if ActionForm().validate_on_submit():
        member = store.remove_participant(workshop, user_id)
        if member is None:
            abort(404)
        flash(_("%(email)s is no longer in this workshop.", email=member.user.email), "info")
    return redirect(url_for("workshops.show", workshop_id=workshop.id, _anchor="members"))


@bp.post("/workshops/<int:workshop_id>/close")
def close(workshop_id: int):
    workshop, _role = _running(workshop_id, rules.runs)
    if ActionForm().validate_on_submit():
        store.close(workshop)
        flash(_("The workshop is closed: nobody can join any more."), "info")
    return redirect(url_for("workshops.show", workshop_id=workshop.id))


@bp.post("/workshops/<int:workshop_id>/cases/<key>/start")
def start_case(workshop_id: int, key: str):
    """A participant's own copy of one of the cases, made once: twice opens the same plan."""
    workshop, role = store.membership(g.user, workshop_id)
    if not rules.may_start_case(role, workshop.status):
        abort(404)
    plan = store.start_case(workshop, g.user, key)
    return redirect(url_for("plans.show", plan_id=plan.id))


def _join_page(form: CodeForm, status: int = 200):
    return render("pages/workshops/join.html", block="join_form", form=form), status


def _lookup(typed: str | None, form: CodeForm):
    """The workshop of a typed code, or the answer to give instead: the form with a message
    next to the code (422, 404 for a link) or, after too many wrong codes, 429. Every lookup
    is counted first; a right code is then forgotten."""
    code = rules.normalise_code(typed)
    if code is None:  # not even the shape of a code: nothing was guessed
        form.code.errors = [_("A workshop code has eight letters and digits, like KQ7M-4TXR.")]
        return None, _join_page(form, 422)
    attempt = store.reserve_code_attempt(
        g.user, request.remote_addr or "unknown", WINDOW, rules.MAX_WRONG_CODES
    )
    if attempt is None:
        form.code.errors = [
            _(
                "Too many wrong codes. Wait %(minutes)d minutes and try again, "
                "or ask the coach for the link.",
                minutes=rules.WRONG_CODE_WINDOW_MINUTES,
            )
        ]
        return None, _join_page(form, 429)
    workshop = store.by_code(code)
    if workshop is None:
        form.code.errors = [_("No workshop has this code. Check it with the screen.")]
        return None, _join_page(form, 422)
    store.forget_attempt(attempt)
    return workshop, None


@bp.route("/join", methods=["GET", "POST"])
def join():
    """Type the code from the screen; a right code leads to the workshop's join page."""
    form = CodeForm() if request.method == "POST" else CodeForm(formdata=None)
    if request.method == "GET":
        return _join_page(form)
    if not form.validate_on_submit():
        return _join_page(form, 422)
    workshop, refusal = _lookup(form.code.data, form)
    if refusal is not None:
        return refusal
    return redirect(url_for("workshops.join_code", code=workshop.join_code))


@bp.route("/join/<code>", methods=["GET", "POST"])
def join_code(code: str):
    """The join link (from the QR code too): the workshop's title and "Join". A member goes
    straight to the workshop, so a reload or a second device loses nothing."""
    form = CodeForm(formdata=None, code=code)
    workshop, refusal = _lookup(code, form)
    if refusal is not None:
        page, status = refusal
        return page, 404 if status == 422 else status
    member = store.member_of(workshop, g.user)
    outcome = rules.join_outcome(
        workshop.status, store.role_of(member), member is not None and member.removed_at is not None
    )
    if outcome == "join" and request.method == "POST" and ActionForm().validate_on_submit():
        outcome = store.join(workshop, g.user)
        if outcome == "join":
            flash(_("Welcome to “%(title)s”.", title=workshop.title), "success")
    if outcome in ("join", "member") and (request.method == "POST" or outcome == "member"):
        return redirect(url_for("workshops.show", workshop_id=workshop.id))
    status = {"closed": 410, "removed": 403}.get(outcome, 200)
    return render(
        "pages/workshops/join_confirm.html",
        workshop=workshop,
        outcome=outcome,
        action_form=ActionForm(formdata=None),
    ), status
