"""Forms of the workshops: create one, add a co-coach, type a join code."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    EmailField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.auth.safety import MaxLength, PlainText
from app.domain import workshops as rules

# The domain's problem ids, as the person reads them next to the field.
PROBLEMS = {
    ("title", "required"): _l("Give the workshop a title."),
    ("title", "too_long"): _l("Keep the title under %(n)d characters.", n=rules.MAX_TITLE_LENGTH),
    ("language", "language"): _l("Choose Dutch or English."),
    ("date", "required"): _l("Enter the date of the workshop."),
    ("cases", "no_cases"): _l("Offer at least one example case."),
    ("cases", "unknown_case"): _l("Choose from the example cases listed."),
}


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of checkboxes (works without JavaScript)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form) -> None:
        """Unknown choices are the domain's to judge (with its own message)."""


class WorkshopForm(FlaskForm):
    title = StringField(
        _l("Title"),
        description=_l("As participants will see it, e.g. “Ending a client well – March”."),
        validators=[MaxLength(1000, PROBLEMS[("title", "too_long")]), PlainText()],
        filters=[_strip],
    )
    language = SelectField(
        _l("Language of the cases"),
        choices=[SelectChoice("nl", "Nederlands"), SelectChoice("en", "English")],
        validate_choice=False,
    )
    date = DateField(
        _l("Date"),
        validators=[Optional()],
        render_kw={"required": True},
    )
    cases = CheckboxesField(_l("Example cases on offer"), choices=[])

    def offer(self, cases) -> None:
        """The example cases to choose from (keys are the same in both languages)."""
        self.cases.choices = [SelectChoice(case.key, case.title) for case in cases]

    def fields_value(self) -> rules.NewWorkshop:
        return rules.NewWorkshop(
            title=self.title.data or "",
            language=self.language.data or "",
            date=self.date.data,
            cases=tuple(dict.fromkeys(self.cases.data or ())),
        )

    def check(self, case_keys) -> bool:
        """The form's own checks, then the domain's; each message lands next to its field."""
        ok = self.validate_on_submit()
        if self.date.errors:  # a date the browser could not send as a date
            self.date.errors = [PROBLEMS[("date", "required")]]
        for name, problem in rules.problems(self.fields_value(), case_keys).items():
            field = getattr(self, name)
            if not field.errors:
                field.errors = [*field.errors, PROBLEMS[(name, problem)]]
            ok = False
        return ok


class CoCoachForm(FlaskForm):
    email = EmailField(
        _l("E-mail address of the co-coach"),
        description=_l("They need an Exit Coach account with this address."),
        validators=[
            DataRequired(_l("Enter an e-mail address.")),
            MaxLength(254, _l("This e-mail address is too long.")),
            PlainText(),
        ],
        filters=[_strip],
    )


class CodeForm(FlaskForm):
    code = StringField(
        _l("Workshop code"),
        description=_l("The eight characters on the screen, e.g. KQ7M-4TXR."),
        validators=[
            DataRequired(_l("Enter the code of the workshop.")),
            MaxLength(40, _l("A workshop code has eight characters.")),
            PlainText(),
        ],
        render_kw={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"},
    )


class ActionForm(FlaskForm):
    """Only the CSRF token: join, close, remove, start a case."""
