"""What every step form shares: text fields, choices, reading rows and nested plan values."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import Length, Optional, ValidationError

from app.domain.dates import EARLIEST, LATEST
from app.domain.planfile import MAX_ROWS as MAX_ROWS  # a plan file and a form hold the same rows


def choices(pairs) -> list[SelectChoice]:
    """WTForms choices from (value, label) pairs."""
    return [SelectChoice(value=value, label=label) for value, label in pairs]


SCALE = [(str(n), str(n)) for n in range(1, 6)]


# Control characters have no place in a plan's text, and PostgreSQL refuses NUL outright.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip(value):
    """Typed text without surrounding blanks or control characters (tabs and new lines stay)."""
    return CONTROL.sub("", value).strip() if isinstance(value, str) else value


def radio(choice_pairs, **kwargs) -> RadioField:
    """A radio group; a posted value of only blanks counts as no answer, never as a choice."""
    return RadioField(
        choices=choices(choice_pairs), validators=[Optional()], filters=[strip], **kwargs
    )


def in_date_range(form, field) -> None:
    if field.data and not EARLIEST <= field.data <= LATEST:
        raise ValidationError(
            _l(
                "Enter a date between %(start)s and %(end)s.",
                start=format_date(EARLIEST, "short"),
                end=format_date(LATEST, "short"),
            )
        )


def date_field(label=None, **kwargs) -> DateField:
    """A date input that accepts only dates this app can compute with (see domain.dates)."""
    return DateField(
        label,
        validators=[Optional(), in_date_range],
        format="%Y-%m-%d",
        render_kw={"min": EARLIEST.isoformat(), "max": LATEST.isoformat()},
        **kwargs,
    )


def text_field(max_len: int = 200, label=None, **kwargs):
    return StringField(
        label,
        validators=[
            Optional(),
            Length(max=max_len, message=_l("Keep this under %(n)d characters.", n=max_len)),
        ],
        filters=[strip],
        **kwargs,
    )


def long_text_field(label=None, **kwargs):
    return TextAreaField(
        label,
        validators=[
            Optional(),
            Length(max=20000, message=_l("Keep this under %(n)d characters.", n=20000)),
        ],
        filters=[strip],
        **kwargs,
    )


def ok(field) -> bool:
    return not field.errors


def text_value(field):
    return field.data or None


def date_value(field):
    return field.data.isoformat() if field.data else None


def merge_rows(entries, old_rows, readers: Mapping, defaults: Mapping | None = None) -> list:
    """The rows of a posted list, each field read with its reader when it validated; an invalid
    field keeps what the same row had stored (or `defaults`), so bad input never overwrites."""
    rows = []
    for i, entry in enumerate(entries):
        prev = {**(defaults or {}), **(old_rows[i] if i < len(old_rows) else {})}
        sub = entry.form
        rows.append(
            {
                key: read(sub[key]) if ok(sub[key]) else prev.get(key)
                for key, read in readers.items()
            }
        )
    return rows


def get(data: Mapping, *path: str, default=None):
    node: Any = data
    for key in path:
        if not isinstance(node, Mapping) or key not in node:
            return default
        node = node[key]
    return node


def ticks(form, prefix: str, keys, old: Mapping | None) -> dict[str, bool]:
    """A checklist's ticks; a box the save must not touch (marked invalid) keeps its old state."""
    old = old if isinstance(old, Mapping) else {}
    return {
        k: bool(form[prefix + k].data) if ok(form[prefix + k]) else bool(old.get(k)) for k in keys
    }


class WholeNumber(IntegerField):
    """A whole-number input that refuses absurdly long numbers before comparing them (a number
    of 400 digits overflowed the range check)."""

    def process_formdata(self, valuelist):
        if valuelist and len(str(valuelist[0]).strip()) > 9:
            self.data = None
            raise ValueError(self.gettext("Not a valid integer value."))
        super().process_formdata(valuelist)
