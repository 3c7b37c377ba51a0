"""Taking the plan into the room: the PDF conversation plan, the meeting card and their preview.

Views stay thin. A download sends the plan to a render worker, which builds the report (a pure
function of the plan), its HTML and the PDF (app/pdf/documents.py); the request thread only
waits. The preview renders the very same report and templates here, as a web page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from urllib.parse import quote

from flask import Response, current_app, g, render_template, url_for
from flask_babel import gettext as _
from markupsafe import Markup

from app.domain.steps import keeps_client
from app.pdf import documents, ready
from app.pdf.downloads import render_download
from app.plans import store
from app.plans.files import file_names, slug
from app.plans.views import bp


def file_name(plan: dict, which: str, today: date, names: Mapping[str, str]) -> str:
    """<name>-<client>-<date>.pdf in ASCII, with the document's name in the plan's language.

    `names` are the file names of the report texts (`report.files`): exitplan /
    decision-memo / meeting-card in English, gespreksplan / besluitnotitie / gesprekskaart in
    Dutch.
    """
    return f"{_prefix(plan, which, names)}-{slug(_client(plan))}-{today.isoformat()}.pdf"


def unicode_file_name(plan: dict, which: str, today: date, names: Mapping[str, str]) -> str:
    """The same name with the client's own letters kept ('…-bakker-zonen-ölie-…')."""
    client = re.sub(r"[\W_]+", "-", _client(plan).lower()).strip("-")[:60] or "plan"
    return f"{_prefix(plan, which, names)}-{client}-{today.isoformat()}.pdf"


def download_headers(plan: dict, which: str, today: date, names: Mapping[str, str]) -> dict:
    """Content-Disposition with an ASCII filename and the UTF-8 filename* (RFC 6266), and
    X-Download-Name, the ASCII name the download button saves the file under."""
    ascii_name = file_name(plan, which, today, names)
    utf8_name = quote(unicode_file_name(plan, which, today, names), safe="")
    return {
        "Content-Disposition": (
            f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{utf8_name}"
        ),
        "X-Download-Name": ascii_name,
    }


def _prefix(plan: dict, which: str, names: Mapping[str, str]) -> str:
    if which == "card":
        return names["card"]
    return names["memo"] if keeps_client(plan) else names["plan"]


def _client(plan: dict) -> str:
    return ((plan.get("client") or {}).get("name") or "").strip()


def prerender(data: dict) -> None:
    """Start making both documents of the plan in the background (the export step is open:
    the click is likely to come), unless they are made already."""
    ready.prerender_plan(current_app._get_current_object(), data, date.today())


@bp.get("/plans/<int:plan_id>/preview/<any(plan, card):which>")
def preview(plan_id: int, which: str):
    """The document as a web page, to read before printing."""
    plan = store.plan_of(g.user, plan_id)
    content = current_app.extensions["exitcoach.content"]
    report = documents.report_for(plan.data or {}, content, date.today())
    toolbar = Markup(
        render_template("partials/exports/preview_bar.html", plan=plan, which=which, report=report)
    )
    stylesheet = url_for("static", filename="css/print.css")
    return documents.document_html(report, which, stylesheet=stylesheet, toolbar=toolbar)


@bp.get("/plans/<int:plan_id>/<any(plan, card):which>.pdf")
def download(plan_id: int, which: str):
    """The PDF, made by a render worker; 503 with Retry-After when every worker is busy."""
    plan = store.plan_of(g.user, plan_id)
    data, ref, today = dict(plan.data or {}), plan.id, date.today()
    body = render_download(
        documents.pdf_for_plan,
        data,
        which,
        today,
        what=f"plan {ref} ({which})",
        key=ready.plan_key(current_app._get_current_object(), data, which, today),
        too_long=_(
            "Making this PDF took too long and was stopped. Shorten long texts, or try again."
        ),
    )
    if isinstance(body, Response):
        return body
    return Response(
        body,
        mimetype="application/pdf",
        headers=download_headers(data, which, today, file_names(data)),
    )
