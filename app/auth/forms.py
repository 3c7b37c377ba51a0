"""Register, login and new-password forms.

Every field has a maximum length and refuses control characters, checked before anything is
hashed or stored: an over-long or garbled value gets its message next to the field (422).
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Length, Regexp

from app.auth.accounts import MAX_EMAIL_LENGTH, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from app.auth.safety import MaxLength, PlainText

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def _email_checks() -> list:
    return [
        DataRequired(_l("Enter your e-mail address.")),
        MaxLength(MAX_EMAIL_LENGTH, _l("This e-mail address is too long.")),
        PlainText(),
    ]


def _password_checks(required_message) -> list:
    return [
        DataRequired(required_message),
        MaxLength(
            MAX_PASSWORD_LENGTH,
            _l("Use at most %(n)d characters for the password.", n=MAX_PASSWORD_LENGTH),
        ),
        PlainText(),
    ]


def _address_field() -> EmailField:
    return EmailField(
        _l("E-mail address"),
        validators=[
            *_email_checks(),
            Regexp(EMAIL_PATTERN, message=_l("Enter an e-mail address like name@company.com.")),
        ],
    )


def _new_password_field(label) -> PasswordField:
    """A password being chosen: the same rules on register and on a reset link."""
    return PasswordField(
        label,
        description=_l("At least %(n)d characters.", n=MIN_PASSWORD_LENGTH),
        validators=[
            *_password_checks(_l("Choose a password.")),
            Length(
                min=MIN_PASSWORD_LENGTH,
                message=_l(
                    "Use at least %(n)d characters; a short sentence is easy to remember.",
                    n=MIN_PASSWORD_LENGTH,
                ),
            ),
        ],
    )


class RegisterForm(FlaskForm):
    email = _address_field()
    password = _new_password_field(_l("Password"))


class ForgotPasswordForm(FlaskForm):
    email = _address_field()


class NewPasswordForm(FlaskForm):
    password = _new_password_field(_l("New password"))


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=_email_checks())
    password = PasswordField(
        _l("Password"), validators=_password_checks(_l("Enter your password."))
    )
