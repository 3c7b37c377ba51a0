"""The portfolio overview: where the money, the strain and the potential are."""

from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from flask_babel import gettext as _

from app.portfolio import bp, store
from app.portfolio.balance import snapshot_form
from app.portfolio.common import analysis_for, content
from app.portfolio.overview import overview_context
from app.portfolio.thresholds import ThresholdsForm
from app.web import render

TEMPLATE = "pages/portfolio/overview.html"


def _page(
    form: ThresholdsForm | None = None,
    status: int = 200,
    saved: str | None = None,
    snapshot_form=None,
):
    """The overview (for htmx after a thresholds change: only the analysis part, which is
    all that changes)."""
    analysis = analysis_for(g.user)
    if form is None:
        form = ThresholdsForm.showing(analysis.thresholds)
    context = overview_context(analysis, content(), form)
    page = render(
        TEMPLATE, block="portfolio_analysis", saved=saved, snapshot_form=snapshot_form, **context
    )
    return page, status


@bp.get("")
def overview():
    """The overview; just after an import (`?imported=1`) it offers to keep the year's snapshot."""
    if request.args.get("imported"):
        return _page(snapshot_form=snapshot_form())
    return _page()


@bp.post("/thresholds")
def thresholds():
    """Change the pyramid's class limits, or go back to the defaults ("reset")."""
    if "reset" in request.form:
        store.save_thresholds(g.user, None)
        saved = _("Back to the standard limits; the pyramid is recalculated.")
    else:
        form = ThresholdsForm()
        if not form.check():
            return _page(form, 422)
        store.save_thresholds(g.user, form.values())
        saved = _("Your limits are saved; the pyramid is recalculated.")
    if request.htmx:
        return _page(saved=saved)
    flash(saved, "success")
    return redirect(url_for("portfolio.overview", _anchor="pyramid"))
