"""Forms of the portfolio: the CSV upload, and one client's row (add and inline edit).

A client typed in by hand obeys the same rules as a row of a CSV file: each value goes through
the CSV's own cell check (app/domain/portfolio_csv.py), after it has been read the way people
type numbers in their language ("12,5" and "1.250.000" in Dutch, "12.5" and "1,250,000" in
English). The messages are the import report's (app/portfolio/messages.py).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, StringField
from wtforms.validators import DataRequired

from app.auth.safety import MaxLength, PlainText
from app.domain import numbers
from app.domain import portfolio_csv as csvfile
from app.domain.portfolio import FIELDS, SCALES, ClientRow
from app.portfolio.messages import cell_message, field_label

NUMBER_FIELDS = FIELDS[1:]


def _lang() -> str:
    return str(get_locale() or "en")


def _collapse(value):
    return " ".join(value.split()) if isinstance(value, str) else value


class UploadForm(FlaskForm):
    csv_file = FileField(_l("CSV file"))


class ConfirmForm(FlaskForm):
    """A form with only its CSRF token (the delete confirmation)."""


class PreviewForm(FlaskForm):
    """The preview's form: the uploaded file travels along (compressed, in base64, see
    importing.pack) until it is confirmed; the column choices are read from the request."""

    upload = HiddenField()
    filename = HiddenField()
    shown = HiddenField()  # the column choices the preview on screen was made with


def read_cell(name: str, text: str, lang: str) -> tuple[Any, str | None]:
    """One typed value as the CSV would read it: (value, None), or (None, problem code).

    Empty is unknown (None). The number is read as typed in `lang`, then checked by the CSV's
    rules for that field (ranges, 1–5 scales, no negative money)."""
    text = (text or "").strip()
    if not text:
        return None, None
    try:
        number = numbers.parse_number(text, lang)
    except numbers.NotANumber:
        return None, "scale" if name in SCALES else "number"
    if number is None:  # pragma: no cover - empty text was handled above
        return None, None
    return csvfile.cell_value(name, format(number, "f"), ".")


class ClientForm(FlaskForm):
    """A client's name and quick estimates; `version` is the stored version the form started
    from, so a save over a change made in another tab is refused (store.StaleEdit)."""

    client = StringField(
        _l("Client"),
        validators=[
            DataRequired(_l("Enter the name of the client.")),
            MaxLength(
                csvfile.MAX_NAME,
                _l("Keep the name under %(n)d characters.", n=csvfile.MAX_NAME),
            ),
            PlainText(),
        ],
        filters=[_collapse],
        render_kw={"autocomplete": "off"},
    )
    annual_revenue = StringField(render_kw={"inputmode": "decimal", "autocomplete": "off"})
    gross_margin_pct = StringField(render_kw={"inputmode": "decimal", "autocomplete": "off"})
    hours_per_week = StringField(render_kw={"inputmode": "decimal", "autocomplete": "off"})
    hourly_cost = StringField(render_kw={"inputmode": "decimal", "autocomplete": "off"})
    other_annual_costs = StringField(render_kw={"inputmode": "decimal", "autocomplete": "off"})
    payment_days_late = StringField(render_kw={"inputmode": "decimal", "autocomplete": "off"})
    strain = StringField(render_kw={"inputmode": "numeric", "autocomplete": "off"})
    value = StringField(render_kw={"inputmode": "numeric", "autocomplete": "off"})
    potential = StringField(render_kw={"inputmode": "numeric", "autocomplete": "off"})
    version = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lang = _lang()
        for name in FIELDS:
            self[name].label.text = field_label(name, lang)
        self.values: dict[str, Any] = {}

    @classmethod
    def for_row(cls, row: ClientRow, version: int | None = None, **kwargs) -> ClientForm:
        """A form filled with a stored row, numbers written the way the user types them."""
        lang = _lang()
        data: dict[str, Any] = {"client": row.client, "version": version}
        for name in NUMBER_FIELDS:
            value = getattr(row, name)
            data[name] = numbers.input_value(value, lang) if value is not None else ""
        return cls(formdata=None, data=data, **kwargs)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        lang = _lang()
        self.values = {}
        for name in NUMBER_FIELDS:
            value, code = read_cell(name, self[name].data, lang)
            if code:
                self[name].errors = [*self[name].errors, cell_message(code, name, lang)]
                valid = False
            else:
                self.values[name] = value
        return valid

    def row(self) -> ClientRow:
        """The validated row (call after validate())."""
        return ClientRow(client=self.client.data, **self.values)

    def version_number(self) -> int | None:
        try:
            return int(self.version.data)
        except (TypeError, ValueError):
            return None


def shown_value(name: str, value: Decimal | int | None, lang: str) -> str:
    """A value as the preview and the client page show it, in the user's language."""
    if value is None:
        return "–"
    if name in SCALES:
        return str(value)
    if name in ("annual_revenue", "hourly_cost", "other_annual_costs"):
        number = Decimal(value)
        return numbers.money(number, lang, cents=number != number.to_integral_value())
    if name == "gross_margin_pct":
        return numbers.percent(value, lang, digits=1)
    return numbers.number(value, lang, digits=2)
