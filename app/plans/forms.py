"""Forms of the dashboard."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length


class PlanNameForm(FlaskForm):
    client_name = StringField(
        _l("Client name"),
        validators=[
            DataRequired(_l("Enter the name of the client.")),
            Length(max=200, message=_l("Keep the name under %(n)d characters.", n=200)),
        ],
        filters=[lambda v: v.strip() if isinstance(v, str) else v],
    )


class ConfirmForm(FlaskForm):
    """A form with only its CSRF token, for confirmations."""
