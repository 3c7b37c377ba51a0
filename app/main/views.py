"""The front page, language switch and the health check."""

from __future__ import annotations

from flask import Blueprint, current_app, g, redirect, request, session, url_for
from flask_babel import get_locale
from sqlalchemy import text

from app.auth import accounts
from app.auth.safety import local_path
from app.extensions import db
from app.plans import examples
from app.web import render

bp = Blueprint("main", __name__)


@bp.get("/")
def index():
    """A visitor sees what Exit Coach is and for whom; a logged-in user goes to the dashboard."""
    if g.user is not None:
        return redirect(url_for("plans.dashboard"))
    lang = str(get_locale() or "en")
    return render(
        "pages/front.html",
        example_cases=examples.available_cases(lang),
        printed_page=f"img/printed-plan-{lang}.png",
    )


@bp.post("/language")
def set_language():
    """Switch the interface language; saved on the account when logged in."""
    locale = request.form.get("locale", "")
    if locale in current_app.config["LANGUAGES"]:
        session["locale"] = locale
        if g.user is not None:
            accounts.set_locale(g.user, locale)
    # Only a path on this site; anything else goes home, i.e. to the dashboard (or the login).
    return redirect(local_path(request.form.get("next")) or url_for("main.index"))


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return {"status": "error", "database": "unavailable"}, 503
    return {"status": "ok", "database": "ok"}
