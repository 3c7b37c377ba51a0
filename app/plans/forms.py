"""Forms of the dashboard."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from app.auth.safety import PlainText


def client_name_field() -> StringField:
    """The client's name, required: it names the plan on the dashboard. No control characters."""
    return StringField(
        _l("Client name"),
        validators=[
            DataRequired(_l("Enter the name of the client.")),
            Length(max=200, message=_l("Keep the name under %(n)d characters.", n=200)),
            PlainText(),
        ],
        filters=[lambda v: v.strip() if isinstance(v, str) else v],
    )


class PlanNameForm(FlaskForm):
    client_name = client_name_field()


class ConfirmForm(FlaskForm):
    """A form with only its CSRF token, for confirmations."""


class UploadForm(FlaskForm):
    """A plan file to import (app/plans/files.py)."""

    plan_file = FileField(_l("Plan file (.json)"))
