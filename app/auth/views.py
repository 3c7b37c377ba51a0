"""Register, log in, log out."""

from __future__ import annotations

from datetime import timedelta
from functools import wraps

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    redirect,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from htmx_flask import make_response

from app.auth import accounts
from app.auth.forms import LoginForm, RegisterForm
from app.auth.safety import local_path
from app.web import render

bp = Blueprint("auth", __name__)


@bp.before_app_request
def load_user() -> None:
    g.user = accounts.user_for_session(
        session.get("sid"), current_app.config["PERMANENT_SESSION_LIFETIME"]
    )


def login_required(view):
    """Send anonymous visitors to the login page (htmx: a full-page redirect)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if g.get("user") is None:
            target = url_for("auth.login", next=request.full_path.rstrip("?"))
            if request.htmx:
                return make_response("", 401, redirect=target)
            return redirect(target)
        return view(*args, **kwargs)

    return wrapped


def safe_next(value: str | None) -> str:
    """Where to go next: `value` when it is a path on this site, else the dashboard."""
    return local_path(value) or url_for("plans.dashboard")


def _log_in(user) -> None:
    # A new login id, a new cookie: whatever session existed before login is dropped.
    locale = session.get("locale")
    accounts.end_session(session.get("sid"))
    session.clear()
    session["sid"] = accounts.start_session(user, request.headers.get("User-Agent"))
    session.permanent = True
    if locale and not user.locale:
        accounts.set_locale(user, locale)


@bp.route("/register", methods=["GET", "POST"])
def register():
    if g.user is not None:
        return redirect(safe_next(request.args.get("next")))
    form = RegisterForm()
    status = 200
    if form.validate_on_submit():
        try:
            user = accounts.create_user(
                form.email.data, form.password.data, locale=session.get("locale")
            )
        except accounts.EmailTaken:
            form.email.errors.append(
                _("An account with this e-mail address already exists. Log in instead.")
            )
        else:
            _log_in(user)
            flash(_("Welcome to Exit Coach. Start with a plan for one client."), "success")
            # Back to where they were going (e.g. a workshop's join link), else the dashboard.
            return redirect(safe_next(request.args.get("next")))
    if form.errors:
        status = 422
    return render("pages/auth/register.html", form=form), status


@bp.route("/login", methods=["GET", "POST"])
def login():
    if g.user is not None:
        return redirect(safe_next(request.args.get("next")))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        minutes = current_app.config["LOGIN_LOCK_MINUTES"]
        # The attempt is counted before the password is checked, so attempts sent at once
        # cannot slip past the limit together.
        if not accounts.reserve_attempt(
            form.email.data, timedelta(minutes=minutes), current_app.config["LOGIN_MAX_FAILURES"]
        ):
            form.password.errors.append(
                _(
                    "Too many failed attempts for this account. "
                    "Wait %(minutes)d minutes and try again.",
                    minutes=minutes,
                )
            )
            return render("pages/auth/login.html", form=form), 429
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is not None:
            _log_in(user)
            return redirect(safe_next(request.args.get("next")))
        form.password.errors.append(_("This e-mail address and password do not match."))
    if form.errors:
        status = 422
    return render("pages/auth/login.html", form=form), status


def forget_login(locale: str | None = None) -> None:
    """End this browser's login and empty its session, keeping only its language (`locale`,
    else the one the session had): after logging out, resetting the password, logging out
    everywhere or deleting the account, the next page is still in the reader's language."""
    locale = locale or session.get("locale")
    accounts.end_session(session.get("sid"))
    session.clear()
    if locale:
        session["locale"] = locale


@bp.post("/logout")
def logout():
    forget_login()
    flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))
