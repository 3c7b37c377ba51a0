"""The account page and what it leads to. Every view works on the logged-in user only: there
is no id in any of these addresses, so nobody can reach another person's account or data."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from flask import (
    Response,
    current_app,
    flash,
    g,
    redirect,
    session,
    url_for,
)
from flask_babel import format_datetime, get_locale, ngettext
from flask_babel import gettext as _

from app import pdf
from app.account import bp, export, store
from app.account.forms import ConfirmForm, DeleteForm, EmailForm, LanguageForm, PasswordForm
from app.auth import accounts
from app.auth.views import forget_login, login_required
from app.domain import account as rules
from app.domain import portfolio_csv
from app.domain.report import plan_language
from app.extensions import db
from app.pdf import ready
from app.plans.exports import file_name as pdf_file_name
from app.portfolio import store as portfolio_store
from app.web import render

PAGE = "pages/account/account.html"


def _lang() -> str:
    return str(get_locale() or "en")


def device_label(user_agent: str | None) -> str:
    """'Firefox on Windows', or as much of it as the browser told."""
    device = rules.describe_user_agent(user_agent)
    if device.browser and device.system:
        return _("%(browser)s on %(system)s", browser=device.browser, system=device.system)
    return device.browser or device.system or _("Unknown browser")


def _page(status: int = 200, **forms):
    user = g.user
    forms.setdefault("language_form", LanguageForm(formdata=None, locale=_lang()))
    forms.setdefault("email_form", EmailForm(formdata=None))
    forms.setdefault("password_form", PasswordForm(formdata=None))
    logins = [
        {
            "device": device_label(login.user_agent),
            "started": login.created_at,
            "seen": login.last_seen_at or login.created_at,
            "current": login.id == session.get("sid"),
        }
        for login in store.logins_of(user)
    ]
    return render(
        PAGE, user=user, logins=logins, confirm_form=ConfirmForm(formdata=None), **forms
    ), status


@bp.get("/account")
@login_required
def page():
    return _page()


@bp.get("/settings")
@bp.get("/profile")
def elsewhere():
    """Where people look for their account by habit."""
    return redirect(url_for("account.page"), 301)


@bp.post("/account/language")
@login_required
def language():
    form = LanguageForm()
    if not form.validate_on_submit():
        return _page(422, language_form=form)
    session["locale"] = form.locale.data
    accounts.set_locale(g.user, form.locale.data)
    flash(_("Your language is saved."), "success")
    return redirect(url_for("account.page"))


def refused(field) -> int | None:
    """None when `field` holds the user's password; else the status to answer with (422, or
    429 while the account is locked), its message next to the field.

    Checked as the login checks it: the attempt counts towards the account's lock-out first,
    and a locked account gets no check at all."""
    config = current_app.config
    minutes = config["LOGIN_LOCK_MINUTES"]
    email = g.user.email
    window = timedelta(minutes=minutes)
    if not accounts.reserve_attempt(email, window, config["LOGIN_MAX_FAILURES"]):
        field.errors.append(
            _(
                "Too many failed attempts for this account. "
                "Wait %(minutes)d minutes and try again.",
                minutes=minutes,
            )
        )
        return 429
    if accounts.authenticate(email, field.data) is None:
        field.errors.append(_("This is not your password."))
        return 422
    return None


@bp.post("/account/email")
@login_required
def change_email():
    form = EmailForm()
    status = refused(form.current_password) if form.validate_on_submit() else 422
    if status is None:
        new = accounts.normalise_email(form.email.data)
        try:
            if new != g.user.email and accounts.find_user(new) is not None:
                raise accounts.EmailTaken(new)
            store.change_email(g.user, new, keep=session.get("sid"))
        except accounts.EmailTaken:
            form.email.errors.append(_("Another account already uses this e-mail address."))
            status = 422
        else:
            flash(_("Your e-mail address is changed. Your other logins have ended."), "success")
            return redirect(url_for("account.page"))
    return _page(status, email_form=form)


@bp.post("/account/password")
@login_required
def change_password():
    form = PasswordForm()
    status = refused(form.current_password) if form.validate_on_submit() else 422
    if status is None:
        store.change_password(g.user, form.new_password.data, keep=session.get("sid"))
        flash(_("Your password is changed. Your other logins have ended."), "success")
        return redirect(url_for("account.page"))
    return _page(status, password_form=form)


@bp.post("/account/logout-everywhere")
@login_required
def logout_everywhere():
    if not ConfirmForm().validate_on_submit():
        return _page(422)
    store.end_logins(g.user)
    forget_login()
    flash(_("You are logged out everywhere, in this browser too."), "info")
    return redirect(url_for("auth.login"))


@bp.get("/account/export.zip")
@login_required
def download():
    """Everything of the user in one ZIP (see app/account/export.py), streamed."""
    user, lang, today = g.user, _lang(), date.today()
    content = current_app.extensions["exitcoach.content"]
    names = {key: texts["report"]["files"] for key, texts in content.texts.items()}

    def pdf_name(plan: rules.ExportPlan) -> str:
        """The name its own download button gives the plan's PDF."""
        return pdf_file_name(plan.document, "plan", today, names[plan_language(plan.document)])

    plans = store.export_plans(user)
    entries = rules.export_entries(plans, pdf_name)
    csv_name = _("portfolio") + ".csv"
    rows = portfolio_store.rows_of(user)
    clients = len(rows)
    csv_body = portfolio_csv.write(rows, lang)
    del rows
    summary = rules.ExportSummary(
        email=user.email,
        made=datetime.now(UTC),
        plans=len(plans),
        portfolio_clients=clients,
        csv_name=csv_name,
        entries=entries,
    )
    readme = rules.readme_text(
        summary, readme_words(len(plans), clients, csv_name), format_datetime(summary.made, "long")
    )
    missing_text = _(
        "The PDF of this plan could not be made just now. The plan file next to this note "
        "holds everything in it: import it and download the PDF from the plan."
    )
    # Everything is read: the connection goes back to the pool before the first PDF is made.
    db.session.close()
    app = current_app._get_current_object()
    renderer = pdf.renderer(app)
    run = export.plan_pdf(lambda document: ready.plan_document(app, document, "plan", today))
    pdfs = export.in_order(entries, run, renderer.size, export.AHEAD * max(renderer.size, 1))
    head = [
        export.Part("README.txt", readme.encode("utf-8")),
        export.Part(csv_name, csv_body),
    ]

    def missing(entry: rules.ExportEntry) -> export.Part:
        """The note that takes the place of a PDF that could not be made."""
        return export.Part(f"{entry.folder}/README.txt", missing_text.encode("utf-8"))

    body = export.zip_stream(export.parts(head, entries, pdfs, missing), datetime.now())
    name = rules.archive_name(_("exitcoach-data"), today)
    return Response(
        body,
        mimetype="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{name}"', "X-Download-Name": name},
        direct_passthrough=True,
    )


def readme_words(plans: int, clients: int, csv_name: str) -> dict[str, str]:
    """The README's sentences in the user's language ("made" is filled in by the domain)."""
    return {
        "title": _("Your data from Exit Coach"),
        "made": _("Downloaded for %(email)s on %(when)s."),
        "plans_heading": _("Your plans"),
        "plans": ngettext(
            "%(num)d plan, in a folder of its own under plans/:",
            "%(num)d plans, each in a folder of its own under plans/:",
            plans,
        ),
        "plan_file": _(
            "- the .json file is the whole plan (format exitcoach-plan/1): import it on "
            "My plans to go on with it here or in another Exit Coach;"
        ),
        "plan_pdf": _("- the .pdf file is its conversation plan (or decision memo), to print."),
        "portfolio_heading": _("Your portfolio"),
        "portfolio": ngettext(
            "%(num)d client in %(file)s, the file the portfolio's import reads, written for "
            "a spreadsheet in your language.",
            "%(num)d clients in %(file)s, the file the portfolio's import reads, written for "
            "a spreadsheet in your language.",
            clients,
            file=csv_name,
        ),
        "contents_heading": _("What is in this file"),
        "no_plans": _("(no plans)"),
        "private": _(
            "Keep this file as carefully as the plans themselves: it holds what you wrote "
            "about your clients."
        ),
    }


def _deletion_page(form: DeleteForm, status: int = 200):
    deletion = store.deletion_of(g.user)
    return render(
        "pages/account/delete.html",
        form=form,
        deletion=deletion,
        items=rules.deletion_items(deletion),
    ), status


@bp.get("/account/delete")
@login_required
def confirm_delete():
    """What deleting the account removes, and the password that confirms it."""
    return _deletion_page(DeleteForm(formdata=None))


@bp.post("/account/delete")
@login_required
def delete():
    form = DeleteForm()
    status = refused(form.password) if form.validate_on_submit() else 422
    if status is not None:
        return _deletion_page(form, status)
    locale = session.get("locale") or g.user.locale
    store.delete_account(g.user)
    g.user = None
    forget_login(locale)
    return redirect(url_for("account.deleted"))


@bp.get("/account/deleted")
def deleted():
    """The confirmation, for someone who no longer has an account (anyone may read it)."""
    return render("pages/account/deleted.html")
