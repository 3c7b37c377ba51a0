"""Form fields that read numbers the way people type them, in their own language."""

from __future__ import annotations

from decimal import Decimal

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import ValidationError

from app.domain.numbers import NotANumber, input_value, parse_number


def _lang() -> str:
    return str(get_locale() or "en")


class NumberField(StringField):
    """A text input for a number: '1.234,50' in Dutch, '1,234.50' in English; empty is None.

    A plain text input (with inputmode) instead of type=number: browsers disagree on decimal
    commas in number inputs, and a Dutch user types commas.
    """

    def __init__(
        self,
        label=None,
        validators=None,
        *,
        minimum=None,
        maximum=None,
        whole=False,
        unit=None,
        places=6,
        **kwargs,
    ):
        render_kw = {"inputmode": "numeric" if whole else "decimal", "autocomplete": "off"}
        render_kw.update(kwargs.pop("render_kw", {}) or {})
        super().__init__(label, validators, render_kw=render_kw, **kwargs)
        self.minimum = minimum
        self.maximum = maximum
        self.whole = whole
        self.unit = unit
        self.places = places
        self.number: Decimal | None = None

    def process_formdata(self, valuelist):
        self.number = None
        self.data = valuelist[0] if valuelist else ""
        if not self.data.strip():
            return
        try:
            self.number = parse_number(self.data, _lang())
        except NotANumber:
            raise ValueError(_l("Enter a number, like 1250 or 12,5.")) from None

    def process_data(self, value):
        self.number = None if value is None else Decimal(str(value))
        self.data = input_value(value, _lang())

    def pre_validate(self, form):
        if self.number is None:
            return
        if self.whole and self.number != self.number.to_integral_value():
            raise ValidationError(_l("Enter a whole number."))
        exponent = self.number.as_tuple().exponent
        if self.number and isinstance(exponent, int) and exponent < -self.places:
            # 0,000…1 is no amount anyone means, and would make ratios explode.
            raise ValidationError(_l("Use at most %(n)d decimals.", n=self.places))
        if self.minimum is not None and self.number < self.minimum:
            raise ValidationError(
                _l("Must be at least %(n)s.", n=input_value(self.minimum, _lang()))
            )
        if self.maximum is not None and self.number > self.maximum:
            raise ValidationError(
                _l("Must be at most %(n)s.", n=input_value(self.maximum, _lang()))
            )

    def value(self) -> int | float | None:
        """The number as stored in the plan (JSON): int when whole, else float."""
        if self.number is None:
            return None
        if self.whole or self.number == self.number.to_integral_value():
            return int(self.number)
        return float(self.number)
