"""Plan files: download a plan as `exitcoach-plan/1` JSON, upload one to start a new plan."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from flask import Blueprint, Response, current_app, flash, g, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from app.auth.views import login_required
from app.domain.planfile import MAX_FILE_BYTES, PlanFileError, dump_plan, parse_plan_bytes
from app.domain.report import plan_language
from app.plans import overview, store
from app.plans.forms import UploadForm
from app.web import render

bp = Blueprint("plan_files", __name__)
MAX_UPLOAD = MAX_FILE_BYTES  # the same limit as `exitcoach import`


@bp.before_request
@login_required
def _require_login():
    return None


def file_names(plan: dict) -> dict[str, str]:
    """The downloads' file names in the plan's own language (`report.files`): exitplan,
    decision-memo, meeting-card, calendar in English; gespreksplan, besluitnotitie,
    gesprekskaart, agenda in Dutch."""
    content = current_app.extensions["exitcoach.content"]
    return content.texts[plan_language(plan)]["report"]["files"]


def slug(text: str) -> str:
    """A file-name-safe version of a client name: 'Bakker & Zonen' → 'bakker-zonen'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60] or "plan"


@bp.get("/plans/<int:plan_id>/export.json")
def export(plan_id: int):
    plan = store.plan_of(g.user, plan_id)
    prefix = file_names(plan.data or {})["plan"]  # the plan's own language, as its PDF
    name = f"{prefix}-{slug(plan.client_name)}-{date.today().isoformat()}.json"
    return Response(
        dump_plan(store.export_plan(plan)),
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _upload_failed(form: UploadForm, message: str, status: int):
    form.plan_file.errors = [message]
    return render("pages/plans/dashboard.html", **overview.context(upload_form=form)), status


@bp.post("/plans/import")
def upload():
    # Refuse a large upload before reading it, with the message next to the field.
    if (request.content_length or 0) > MAX_UPLOAD + 16 * 1024:
        return _upload_failed(
            UploadForm(formdata=None),
            _("This file is too large for a plan file (1 MB at most)."),
            413,
        )
    form = UploadForm()
    if not form.validate_on_submit():
        return _upload_failed(form, _("Choose a plan file to import."), 422)
    file = form.plan_file.data
    if not file:
        return _upload_failed(form, _("Choose a plan file to import."), 422)
    raw = file.read(MAX_UPLOAD + 1)
    if len(raw) > MAX_UPLOAD:
        return _upload_failed(
            form, _("This file is too large for a plan file (1 MB at most)."), 413
        )
    lang = str(get_locale() or "en")
    model = current_app.extensions["exitcoach.content"].model
    try:
        document = parse_plan_bytes(raw, model, lang)
    except PlanFileError as exc:
        shown = exc.messages(lang)[:10]
        return _upload_failed(
            form, _("This file cannot be imported:") + " " + "; ".join(shown), 422
        )
    plan = store.import_plan(g.user, document)
    flash(_("The plan for “%(name)s” has been imported.", name=plan.client_name), "success")
    return redirect(url_for("plans.show", plan_id=plan.id))


@bp.errorhandler(413)
def _too_large(_exc):
    """Werkzeug refuses a body over MAX_CONTENT_LENGTH before the view runs: answer in place."""
    return _upload_failed(
        UploadForm(formdata=None), _("This file is too large for a plan file (1 MB at most)."), 413
    )
