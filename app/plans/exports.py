"""Taking the plan into the room: the PDF conversation plan, the meeting card and their preview.

Views stay thin: build the report (a pure function of the plan), render its HTML, and hand that
to the app's PDF renderer (worker processes). The preview is the very same HTML.
"""

from __future__ import annotations

from datetime import date

from flask import Flask, Response, current_app, g, render_template, url_for
from flask_babel import gettext as _
from markupsafe import Markup

from app import pdf
from app.domain.report import Report, build_report
from app.pdf.render import static_base_url
from app.plans import store
from app.plans.files import slug
from app.plans.views import bp
from app.views_errors import error_response

DOCUMENTS = {"plan": "report/plan.html", "card": "report/card.html"}


def report_for(app: Flask, data: dict, today: date | None = None) -> Report:
    """The report of a plan document, in the plan's language."""
    content = app.extensions["exitcoach.content"]
    lang = data.get("language") if data.get("language") in ("nl", "en") else "en"
    return build_report(data, content.texts[lang], content.model, today=today or date.today())


def document_html(
    app: Flask, report: Report, which: str, *, stylesheet: str | None = None, toolbar=None
) -> str:
    """The HTML of one document. Rendered without the page globals: it shows only the report.

    By default the stylesheet is addressed as a file of the static folder, which is what the
    PDF renderer's fetcher accepts; the browser preview passes its own /static URL.
    """
    template = app.jinja_env.get_template(DOCUMENTS[which])
    return template.render(
        r=report,
        stylesheet=stylesheet or static_base_url() + "css/print.css",
        toolbar=toolbar,
    )


def file_name(report: Report, which: str, today: date) -> str:
    """exitplan-<client>-<date>.pdf, meeting-card-<client>-<date>.pdf (decision-memo- when kept)."""
    prefix = (
        "meeting-card" if which == "card" else ("exitplan" if report.is_exit else "decision-memo")
    )
    return f"{prefix}-{slug(report.client_name)}-{today.isoformat()}.pdf"


def _plan_and_report(plan_id: int):
    plan = store.plan_of(g.user, plan_id)
    return plan, report_for(current_app, plan.data or {})


@bp.get("/plans/<int:plan_id>/preview/<any(plan, card):which>")
def preview(plan_id: int, which: str):
    """The document as a web page, to read before printing."""
    plan, report = _plan_and_report(plan_id)
    toolbar = Markup(
        render_template("partials/exports/preview_bar.html", plan=plan, which=which, report=report)
    )
    stylesheet = url_for("static", filename="css/print.css")
    return document_html(current_app, report, which, stylesheet=stylesheet, toolbar=toolbar)


@bp.get("/plans/<int:plan_id>/<any(plan, card):which>.pdf")
def download(plan_id: int, which: str):
    """The PDF, made by a render worker; 503 with Retry-After when every worker is busy."""
    plan, report = _plan_and_report(plan_id)
    html = document_html(current_app, report, which)
    try:
        body = pdf.renderer(current_app).render(html)
    except pdf.Busy as busy:
        response = error_response(
            503,
            _("Busy right now"),
            _("Many PDFs are being made at this moment. Try again in a few seconds."),
        )
        response.headers["Retry-After"] = str(busy.retry_after)
        return response
    except pdf.RenderTimeout:
        current_app.logger.warning("PDF render of plan %s (%s) timed out", plan.id, which)
        return error_response(
            504,
            _("The PDF took too long"),
            _("Making this PDF took too long and was stopped. Shorten long texts, or try again."),
        )
    except pdf.RenderFailed:
        current_app.logger.exception("PDF render of plan %s (%s) failed", plan.id, which)
        response = error_response(
            503,
            _("Busy right now"),
            _("The PDF could not be made just now. Try again in a moment."),
        )
        response.headers["Retry-After"] = "2"
        return response
    name = file_name(report, which, date.today())
    return Response(
        body,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "X-Download-Name": name,
        },
    )
