"""From a row to a plan, and next year's attention plan: preview, PDF, calendar, activities.

Thin views. The attention plan is one report object (app/domain/attention_plan.py) that the
preview, the PDF (made by a render worker, app/pdf/documents.py) and the calendar file all
read. The activities of a client are chosen on the preview (htmx) or on a page of their own
(without JavaScript), and saved on the client.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask import Response, abort, g, redirect, request, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup
from sqlalchemy.orm.exc import StaleDataError
from wtforms import SelectMultipleField, StringField
from wtforms.validators import AnyOf
from wtforms.widgets import CheckboxInput, ListWidget

from app.domain.analysis import Thresholds
from app.domain.attention_calendar import attention_calendar
from app.domain.attention_plan import AttentionPlan, invalid_activities
from app.domain.planfile import validate_plan
from app.domain.portfolio import CLASS_ACTIVITIES, CLASSES
from app.domain.portfolio_plans import KINDS, plan_document
from app.extensions import db
from app.pdf import documents
from app.pdf.downloads import pdf_download
from app.plans import store as plans_store
from app.portfolio import bp, store
from app.portfolio.common import content
from app.views_errors import error_response
from app.web import render, render_template

ACTIVITIES_PAGE = "pages/portfolio/activities.html"
ACTIVITIES_ROW = "partials/portfolio/activities_row.html"
# The years an attention plan can be made for: this year and the next few.
YEARS_AHEAD = 3


def _lang() -> str:
    return str(get_locale() or "en")


class StartPlanForm(FlaskForm):
    kind = StringField(validators=[AnyOf(KINDS)])


def _link(client, plan_id: int) -> None:
    """Link the client to its new plan (again on the fresh row if it changed meanwhile)."""
    for _attempt in range(3):
        try:
            store.link_plan(client, plan_id)
            return
        except StaleDataError:
            db.session.rollback()
    store.link_plan(client, plan_id)


@bp.post("/clients/<int:client_id>/plan")
def start_plan(client_id: int):
    """A plan for this client, prefilled with its figures; its own plan when it has one."""
    client = store.client_of(g.user, client_id)
    if client.plan_id is not None:
        return redirect(url_for("plans.show", plan_id=client.plan_id))
    form = StartPlanForm()
    if not form.validate_on_submit():
        return error_response(
            422,
            _("No plan started"),
            _("Choose an exit plan or a repricing plan."),
        )
    model = content().model
    document = validate_plan(plan_document(store.row_of(client), form.kind.data, _lang()), model)
    plan = plans_store.import_plan(g.user, document)
    _link(client, plan.id)
    return redirect(url_for("plans.show", plan_id=plan.id))


def attention_words() -> dict[str, str]:
    """The interface words of the attention plan in the request's language: plain strings,
    so they travel to a render worker with the job."""
    return {
        "title": _("Attention plan {year}"),
        "kicker": _("Next year's attention plan"),
        "intro": _(
            "Who gets which attention in {year}: per class the clients, how often you visit "
            "and call them, and the activities chosen for them."
        ),
        "none": _("none chosen"),
        "client_count": ngettext("{count} client", "{count} clients", 1),
        "clients_count": ngettext("{count} client", "{count} clients", 2),
        "summarised": _(
            "Class {klass} has {count} clients, more than the {limit} a printed list holds. "
            "So this page sums them up: the clients per segment, the activities they share "
            "and the clients with a choice of their own. Every client is in your clients "
            "table."
        ),
        "summarised_class": _("class {klass} ({count} clients)"),
        "summarised_list": _(
            "Too many clients to list one by one in {classes}: their pages sum them up by "
            "segment and list the clients with a choice of their own."
        ),
        "summary": _("Summary"),
        "classes": _("Clients per class"),
        "segments": _("Contact rhythm per segment"),
        "class": _("Class"),
        "client": _("Client"),
        "clients": _("Clients"),
        "segment": _("Segment"),
        "rhythm": _("Rhythm"),
        "revenue": _("Revenue"),
        "share": _("Share of revenue"),
        "visits": _("Visits a year"),
        "calls": _("Calls a year"),
        "activities": _("Activities"),
        "total": _("Total"),
        "pearls": _("Pearls"),
        "pearl": _("pearl"),
        "contacts": _("Contacts in {year}"),
        "visits_total": _("visits"),
        "calls_total": _("calls"),
        "chosen_for": _("chosen for {count} of {total}"),
        "own_choice": _("Clients with a choice of their own"),
        "own_choice_more": _("… and {count} more, listed in your clients table."),
        "no_clients": _("No clients in this class."),
        "no_pearls": _("No pearls this year."),
        "first_step": _("First step"),
        "tiring": _(
            "Tiring clients get no fixed rhythm: you see or call them when the work needs it. "
            "So they are not in the calendar file ({count} in all)."
        ),
        "file": _("attention-plan"),
        "visit_event": _("Visit: {client}"),
        "call_event": _("Call: {client}"),
    }


def _year() -> int:
    """The plan's year from ?year= (next year by default); 404 for a year it cannot be."""
    this_year = date.today().year
    raw = request.args.get("year")
    if raw is None or raw == "":
        return this_year + 1
    if not raw.isdigit() or not this_year <= int(raw) <= this_year + YEARS_AHEAD:
        abort(404)
    return int(raw)


def _job(year: int) -> documents.AttentionJob:
    """Everything the attention plan is made from, read from the database now."""
    clients = store.clients_of(g.user)
    model = content().model
    rows = store.rows_for_analysis(g.user, Thresholds.from_model(model), clients)
    return documents.AttentionJob(
        rows=tuple(rows),
        thresholds=store.thresholds_for(g.user, model),
        activities=tuple(
            None if client.activities is None else tuple(client.activities) for client in clients
        ),
        client_ids=tuple(client.id for client in clients),
        lang=_lang(),
        year=year,
        words=attention_words(),
        today=date.today(),
    )


def _plan(year: int) -> AttentionPlan:
    return documents.attention_plan_for(_job(year), content())


def _edit_context(plan: AttentionPlan) -> dict:
    """What only the preview shows: per client the link to choose its activities, and for the
    clients to reconsider (E) the way into a plan. URLs are made here: the document's
    templates know nothing of Flask."""
    ids = [m.client_id for m in plan.members if m.client_id is not None]
    linked = {c.id: c.plan_id for c in store.clients_of(g.user) if c.plan_id is not None}
    return {
        "csrf_token": generate_csrf(),
        "choose": {i: url_for("portfolio.choose_activities", client_id=i) for i in ids},
        "start": {
            m.client_id: url_for("portfolio.start_plan", client_id=m.client_id)
            for m in plan.section("E").members
            if m.client_id is not None
        },
        "plans": {i: url_for("plans.show", plan_id=p) for i, p in linked.items()},
        "classes": {
            k: url_for("portfolio.class_activities", klass=k, year=plan.year) for k in CLASSES
        },
        "back": f"?year={plan.year}",
        "words": {
            "choose": _("Choose"),
            "choose_for": _("Choose the activities for {name}"),
            "start_plan": _("Start a plan:"),
            "exit": _("exit"),
            "reprice": _("repricing"),
            "start_exit_for": _("Start an exit plan for {name}"),
            "start_reprice_for": _("Start a repricing plan for {name}"),
            "open_plan": _("Open its plan"),
            "class_form": _("The same activities for every client in class {klass}"),
            "apply": _("Save for the whole class"),
        },
    }


@bp.get("/attention-plan")
def attention_plan():
    """The attention plan as a web page, to read (and choose activities) before printing."""
    plan = _plan(_year())
    this_year = date.today().year
    toolbar = Markup(
        render_template(
            "partials/portfolio/attention_bar.html",
            plan=plan,
            years=range(this_year, this_year + YEARS_AHEAD + 1),
        )
    )
    stylesheet = url_for("static", filename="css/print.css")
    return documents.document_html(
        plan, "attention", stylesheet=stylesheet, toolbar=toolbar, edit=_edit_context(plan)
    )


@bp.get("/attention-plan.pdf")
def attention_plan_pdf():
    """The PDF, made by a render worker; 503 with Retry-After when every worker is busy."""
    job = _job(_year())
    return pdf_download(
        documents.pdf_for_attention_plan,
        job,
        name=f"{job.words['file']}-{job.year}",
        what="an attention plan",
    )


@bp.get("/attention-plan.ics")
def attention_plan_ics():
    """Every client's contact rhythm as recurring events in a calendar file."""
    plan = _plan(_year())
    titles = {"visit": plan.w["visit_event"], "call": plan.w["call_event"]}
    body = attention_calendar(plan, titles, datetime.now(UTC), owner=str(g.user.id))
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="{plan.w["file"]}-{plan.year}.ics"'},
    )


class ActivitiesForm(FlaskForm):
    activities = SelectMultipleField(
        option_widget=CheckboxInput(), widget=ListWidget(prefix_label=False)
    )


def _activities_form(klass: str, chosen, formdata=None) -> ActivitiesForm:
    texts = content().section(_lang(), "portfolio.activities")
    form = ActivitiesForm(formdata=formdata, activities=list(chosen))
    form.activities.label.text = _("Activities")
    form.activities.choices = [(key, texts[key]) for key in CLASS_ACTIVITIES[klass]]
    # Keys of another class are not silently dropped: the view refuses them (422).
    form.activities.validate_choice = False
    return form


def _posted_activities() -> tuple[list[str] | None, bool]:
    """The ticked activities, or None for "back to the class's own list"."""
    if request.form.get("reset"):
        return None, True
    return request.form.getlist("activities"), False


def _member(plan: AttentionPlan, client_id: int):
    member = next((m for m in plan.members if m.client_id == client_id), None)
    if member is None:
        abort(404)
    return member


def _activities_page(form: ActivitiesForm, context: dict, status: int = 200):
    """The form as a page of its own, or (htmx, on the preview) as the client's table row."""
    if request.htmx:
        return render_template(ACTIVITIES_ROW, form=form, **context), status
    return render(ACTIVITIES_PAGE, form=form, **context), status


@bp.route("/clients/<int:client_id>/activities", methods=["GET", "POST"])
def choose_activities(client_id: int):
    """A client's activities for next year: the class's checkboxes, saved on the client."""
    client = store.client_of(g.user, client_id)
    year = _year()
    plan = _plan(year)
    member = _member(plan, client.id)
    context = {
        "client": client,
        "member": member,
        "plan": plan,
        "section": plan.section(member.klass),
        "year": year,
    }
    if request.method == "GET":
        return _activities_page(_activities_form(member.klass, member.activities), context)
    form = _activities_form(member.klass, member.activities, request.form)
    keys, reset = _posted_activities()
    if not form.validate_on_submit():
        return _activities_page(form, context, 422)
    wrong = [] if reset else invalid_activities(member.klass, keys)
    if wrong:
        form.activities.errors = [
            _(
                "Only the activities of class %(klass)s can be chosen (not: %(keys)s).",
                klass=member.klass,
                keys=", ".join(wrong)[:200],
            )
        ]
        return _activities_page(form, context, 422)
    store.save_activities(client, keys)
    if request.htmx:
        plan = _plan(year)
        return (
            documents.environment()
            .get_template("report/_attention_row.html")
            .render(r=plan, c=_member(plan, client.id), edit=_edit_context(plan))
        )
    return redirect(url_for("portfolio.attention_plan", year=year) + f"#client-{client.id}")


@bp.post("/attention-plan/classes/<any(A, B, C, D, E):klass>/activities")
def class_activities(klass: str):
    """The same activities for every client now in `klass` (a summarised class)."""
    year = _year()
    plan = _plan(year)
    form = _activities_form(klass, [], request.form)
    keys, reset = _posted_activities()
    if not form.validate_on_submit() or (not reset and invalid_activities(klass, keys)):
        return error_response(
            422,
            _("Nothing saved"),
            _("Only the activities of class %(klass)s can be chosen.", klass=klass),
        )
    ids = {m.client_id for m in plan.section(klass).members}
    chosen = [c for c in store.clients_of(g.user) if c.id in ids]
    store.save_class_activities(chosen, keys)
    return redirect(url_for("portfolio.attention_plan", year=year) + f"#class-{klass}")
