"""The user's own class limits for the attention pyramid: the form and its messages.

The rules are the domain's (`portfolio.threshold_problems`); this module only reads the typed
numbers in the user's language and words the problems next to their fields.
"""

from __future__ import annotations

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from app.domain.portfolio import PortfolioThresholds, threshold_problems
from app.plans.fields import NumberField

MESSAGES = {
    "share_range": _l("Enter a share of the revenue between 0 and 100%."),
    "share_order": _l("Each limit must be higher than the one before it: A below B below C."),
    "score_range": _l("Enter a score from 0 to 100."),
}


class ThresholdsForm(FlaskForm):
    """The five limits a user may change (PortfolioThresholds.EDITABLE)."""

    class_a = NumberField(
        _l("A up to"),
        unit="%",
        description=_l("A client is A while the clients above it bring less than this share."),
    )
    class_b = NumberField(_l("B up to"), unit="%", description=_l("then B, up to this share"))
    class_c = NumberField(
        _l("C up to"), unit="%", description=_l("then C, up to this share; D after that")
    )
    e_strain = NumberField(
        _l("E from a strain score of"),
        whole=True,
        description=_l("E: a client this straining (0–100) …"),
    )
    e_value = NumberField(
        _l("with a value score below"),
        whole=True,
        description=_l("… and worth less than this (0–100); and every client that loses money"),
    )

    @classmethod
    def showing(cls, thresholds: PortfolioThresholds) -> ThresholdsForm:
        """The form filled with the limits in use (the user's own or the defaults)."""
        return cls(formdata=None, data={k: getattr(thresholds, k) for k in cls.names()})

    @staticmethod
    def names() -> tuple[str, ...]:
        return PortfolioThresholds.EDITABLE

    def values(self) -> dict[str, Decimal | None]:
        return {name: getattr(self, name).number for name in self.names()}

    def check(self) -> bool:
        """Valid when every field reads as a number and the domain accepts the five together;
        each problem is put next to its field."""
        valid = self.validate()
        problems = threshold_problems(self.values())
        for name, code in problems.items():
            field = getattr(self, name)
            if not field.errors:  # a number that did not read already says so
                field.errors = [*field.errors, MESSAGES[code]]
        return valid and not problems
