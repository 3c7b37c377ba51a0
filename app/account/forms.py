"""Forms of the account page: language, e-mail, password, and the password that confirms
deleting the account. Each asks for the current password where it changes how one logs in."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, RadioField, SelectChoice
from wtforms.validators import DataRequired, Length, Regexp

from app.auth.accounts import MAX_EMAIL_LENGTH, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from app.auth.forms import EMAIL_PATTERN
from app.auth.safety import MaxLength, PlainText


def _current_password() -> PasswordField:
    return PasswordField(
        _l("Current password"),
        validators=[
            DataRequired(_l("Enter your current password.")),
            MaxLength(MAX_PASSWORD_LENGTH, _l("This is not your current password.")),
            PlainText(),
        ],
    )


class LanguageForm(FlaskForm):
    locale = RadioField(
        _l("Language"),
        choices=[SelectChoice("nl", "Nederlands"), SelectChoice("en", "English")],
        validators=[DataRequired(_l("Choose Dutch or English."))],
    )


class EmailForm(FlaskForm):
    email = EmailField(
        _l("New e-mail address"),
        validators=[
            DataRequired(_l("Enter your new e-mail address.")),
            MaxLength(MAX_EMAIL_LENGTH, _l("This e-mail address is too long.")),
            PlainText(),
            Regexp(EMAIL_PATTERN, message=_l("Enter an e-mail address like name@company.com.")),
        ],
    )
    current_password = _current_password()


class PasswordForm(FlaskForm):
    current_password = _current_password()
    new_password = PasswordField(
        _l("New password"),
        description=_l("At least %(n)d characters.", n=MIN_PASSWORD_LENGTH),
        validators=[
            DataRequired(_l("Choose a new password.")),
            MaxLength(
                MAX_PASSWORD_LENGTH,
                _l("Use at most %(n)d characters for the password.", n=MAX_PASSWORD_LENGTH),
            ),
            PlainText(),
            Length(
                min=MIN_PASSWORD_LENGTH,
                message=_l(
                    "Use at least %(n)d characters; a short sentence is easy to remember.",
                    n=MIN_PASSWORD_LENGTH,
                ),
            ),
        ],
    )


class DeleteForm(FlaskForm):
    password = PasswordField(
        _l("Your password"),
        validators=[
            DataRequired(_l("Enter your password to delete your account.")),
            MaxLength(MAX_PASSWORD_LENGTH, _l("This is not your password.")),
            PlainText(),
        ],
    )


class ConfirmForm(FlaskForm):
    """A button that only needs the CSRF token (log out everywhere)."""
