"""A PDF download in a request: hand the render to a worker and answer its failures the same
way for every document (503 busy with Retry-After, 504 too long, 503 could not be made)."""

from __future__ import annotations

from collections.abc import Callable

from flask import Response, current_app
from flask_babel import gettext as _

from app import pdf
from app.extensions import db
from app.pdf import ready
from app.views_errors import error_response


def render_download(
    job: Callable[..., bytes], *args, what: str, too_long: str, key: str | None = None
) -> bytes | Response:
    """The PDF `job(*args, content_dir, time_limit)` made by a render worker, or the error page
    to answer with. `what` names the document in the log ("plan 3 (card)"), `too_long` is the
    message shown when the render was stopped. With a `key` (app/pdf/cache.document_key) the
    document comes from the cache when it was made before. The caller has read all it needs
    first: the database connection is given back before waiting, and the next download is let
    in (app/pdf: downloads take turns until here)."""
    db.session.close()
    pdf.done_preparing()
    try:
        return ready.fetch(current_app._get_current_object(), key, job, *args)
    except pdf.Busy as busy:
        response = error_response(
            503,
            _("Busy right now"),
            _("Many PDFs are being made at this moment. Try again in a few seconds."),
        )
        response.headers["Retry-After"] = str(busy.retry_after)
        return response
    except pdf.RenderTimeout:
        current_app.logger.warning("PDF render of %s timed out", what)
        return error_response(504, _("The PDF took too long"), too_long)
    except pdf.RenderFailed:
        current_app.logger.exception("PDF render of %s failed", what)
        response = error_response(
            503,
            _("Busy right now"),
            _("The PDF could not be made just now. Try again in a moment."),
        )
        response.headers["Retry-After"] = "2"
        return response


def pdf_download(job: Callable[..., bytes], *args, name: str, what: str) -> Response:
    """The answer to a PDF download of a document that is not a plan: the PDF as an attachment
    named `name` (a plain ASCII slug, without ".pdf"), or render_download's error page."""
    body = render_download(
        job,
        *args,
        what=what,
        too_long=_("Making this PDF took too long and was stopped. Try again in a moment."),
    )
    if isinstance(body, Response):
        return body
    return Response(
        body,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{name}.pdf"',
            "X-Download-Name": f"{name}.pdf",
        },
    )
