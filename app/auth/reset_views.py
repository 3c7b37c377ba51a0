"""Forgot your password? Ask for a link by mail; open a link to choose a new password."""

from __future__ import annotations

from flask import current_app, flash, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from app import mail
from app.auth import accounts, resets
from app.auth.forms import ForgotPasswordForm, NewPasswordForm
from app.auth.views import bp, forget_login
from app.domain.resets import LinkState
from app.web import render


@bp.route("/forgot-password", methods=["GET", "POST"])
def forgot_password():
    """The same answer whether or not the address has an account, and in the same time: the
    request only records itself (as every request does) and queues a job; looking the address
    up, making the link and talking to the SMTP server happen on the mail thread."""
    smtp = mail.smtp_settings(current_app)
    if smtp is None:  # no mail: the page says to ask the administrator
        return render("pages/auth/forgot_password.html", form=None)
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        config = current_app.config
        email = accounts.normalise_email(form.email.data)
        allowed = resets.reserve_mail(
            email,
            request.remote_addr or "unknown",
            config["RESET_MAILS_PER_ADDRESS"],
            config["RESET_MAILS_PER_IP"],
        )
        if allowed:  # over the limit: the same answer, no mail
            mail.queue(current_app).submit(
                resets.send_reset_mail,
                email,
                str(get_locale() or "en"),
                config["BASE_URL"],
                config["MAIL_FROM"],
                smtp,
            )
        return render("pages/auth/forgot_password.html", form=None, sent_to=email)
    status = 422 if form.errors else 200
    return render("pages/auth/forgot_password.html", form=form), status


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    state, owner = resets.check_link(token)
    if state is not LinkState.VALID:
        return _link_gone(state)
    form = NewPasswordForm()
    if form.validate_on_submit():
        user = resets.use_reset(token, form.password.data)
        if user is None:  # used or expired between the check and now
            return _link_gone(resets.check_link(token)[0])
        # Every login of this account has ended; this browser starts anonymous, in its language.
        forget_login(user.locale)
        flash(_("Your password is changed. Log in with your new password."), "success")
        return redirect(url_for("auth.login"))
    status = 422 if form.errors else 200
    page = render("pages/auth/reset_password.html", form=form, token=token, owner=owner)
    return page, status


def _link_gone(state: LinkState):
    """404 for a link that was never made, 410 for one used, replaced or expired."""
    mail_enabled = mail.smtp_settings(current_app) is not None
    page = render("pages/auth/reset_password.html", state=state.value, mail_enabled=mail_enabled)
    return page, 404 if state is LinkState.UNKNOWN else 410
