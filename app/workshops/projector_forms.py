"""The coach's forms for the projector: start the phase timer (typed or a preset), and choose
the shared plan to show. Plain forms with CSRF; the domain judges the values."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField

from app.domain import workshop_timer as timer

# The domain's problem ids, as the coach reads them next to the field.
PROBLEMS = {
    ("label", "required"): _l("Name the phase, e.g. “Role play”."),
    ("label", "too_long"): _l(
        "Keep the name to %(n)d characters or fewer.", n=timer.MAX_LABEL_LENGTH
    ),
    ("label", "not_plain"): _l("Write the name on one line, without control characters."),
    ("minutes", "required"): _l("Enter how many minutes the phase takes."),
    ("minutes", "not_a_number"): _l("Enter whole minutes as digits, e.g. 12."),
    ("minutes", "too_short"): _l("A timer runs at least %(n)d minute.", n=timer.MIN_MINUTES),
    ("minutes", "too_long"): _l("A timer runs at most %(n)d minutes.", n=timer.MAX_MINUTES),
    ("preset", "unknown"): _l("Choose one of the phases listed."),
    ("plan", "not_shared"): _l("Choose one of the plans shared now."),
}


@dataclass(frozen=True)
class Preset:
    key: str
    label: object  # a lazy string: the phase's name in the coach's language
    minutes: int


PRESETS = (
    Preset("preparation", _l("Preparation"), 20),
    Preset("role_play", _l("Role play"), 12),
    Preset("debrief", _l("Debrief"), 15),
    Preset("break", _l("Break"), 10),
)
# A preset is stored by its key ("preset:role_play"), not its name, so the projector and the
# coach's page name the phase in the language they are read in.
PRESET_MARK = "preset:"


def phase_name(stored: str | None) -> str | None:
    """The phase's name to show: a preset's in the reader's language, a typed one as typed."""
    if stored and stored.startswith(PRESET_MARK):
        key = stored.removeprefix(PRESET_MARK)
        found = next((p for p in PRESETS if p.key == key), None)
        if found is not None:
            return str(found.label)
    return stored


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class TimerForm(FlaskForm):
    """A phase for the timer: its name and length, or one of the presets (a button)."""

    label = StringField(
        _l("Phase"),
        description=_l("Shown above the time, e.g. “Role play”."),
        filters=[_strip],
        render_kw={"maxlength": timer.MAX_LABEL_LENGTH, "autocomplete": "off"},
    )
    minutes = StringField(
        _l("Minutes"),
        description=_l("From %(low)d to %(high)d.", low=timer.MIN_MINUTES, high=timer.MAX_MINUTES),
        filters=[_strip],
        render_kw={"inputmode": "numeric", "pattern": "[0-9]*", "autocomplete": "off"},
    )
    preset = StringField()  # set by a preset's button (name="preset"), not typed

    def phase(self) -> tuple[str, int] | None:
        """The label and minutes to start, or None with the messages next to the fields."""
        if not self.validate_on_submit():
            return None
        if self.preset.data:
            chosen = next((p for p in PRESETS if p.key == self.preset.data), None)
            if chosen is None:
                self.preset.errors = [PROBLEMS[("preset", "unknown")]]
                return None
            return PRESET_MARK + chosen.key, chosen.minutes
        minutes, problem = timer.parse_minutes(self.minutes.data)
        if problem:
            self.minutes.errors = [PROBLEMS[("minutes", problem)]]
        label_problem = timer.label_problem(self.label.data)
        if label_problem:
            self.label.errors = [PROBLEMS[("label", label_problem)]]
        if problem or label_problem:
            return None
        return self.label.data, minutes


class ProjectForm(FlaskForm):
    """Which shared plan the projector shows."""

    plan = SelectField(_l("Shared plan"), choices=[], validate_choice=False)

    def offer(self, choices) -> None:
        """The plans shared now as `(plan id, "Client – owner@example.com")` pairs."""
        self.plan.choices = [SelectChoice(str(value), label) for value, label in choices]

    def chosen(self, rows):
        """The shared row picked, or None with the message next to the select (a plan no longer
        shared, or one that never was here: the coach learns nothing more)."""
        if not self.validate_on_submit():
            return None
        row = next((r for r in rows if str(r.plan_id) == (self.plan.data or "")), None)
        if row is None:
            self.plan.errors = [PROBLEMS[("plan", "not_shared")]]
        return row
