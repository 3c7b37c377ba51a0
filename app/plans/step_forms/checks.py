"""The interpersonal check, value & strategy (1–5 scales) and the pitfalls."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
)

from app.domain.keys import INTERPERSONAL, PITFALLS, REPUTATION_RISK, VALUE
from app.domain.planfile import copy_plan
from app.plans.step_forms.common import (
    SCALE,
    get,
    ok,
    radio,
    ticks,
)


def _scale_form(name: str, items: tuple[str, ...]) -> type[FlaskForm]:
    """A form of 1–5 scales, one radio group per item; unanswered is allowed."""
    attrs: dict[str, Any] = {
        key: radio([*SCALE, ("", _l("Not sure"))], coerce=str) for key in items
    }

    @classmethod
    def for_plan(cls, data: Mapping, **kwargs):
        section = get(data, name, default={}) or {}
        values = {k: str(section[k]) if section.get(k) is not None else "" for k in items}
        return cls(formdata=None, **values, **kwargs)

    def apply(self, data: Mapping) -> dict:
        new = copy_plan(data)
        section = dict(new.get(name) or {})
        for key in items:
            field = self[key]
            if ok(field):
                section[key] = int(field.data) if field.data not in (None, "", "None") else None
        new[name] = section
        return new

    attrs.update(for_plan=for_plan, apply=apply, items=items)
    return type(f"{name.title()}Form", (FlaskForm,), attrs)


InterpersonalForm = _scale_form("interpersonal", INTERPERSONAL)
ValueForm = _scale_form("value", (*VALUE, REPUTATION_RISK))


class PitfallsForm(FlaskForm):
    @classmethod
    def for_plan(cls, data: Mapping, **kwargs):
        section = get(data, "pitfalls", default={}) or {}
        return cls(formdata=None, **{k: bool(section.get(k)) for k in PITFALLS}, **kwargs)

    def apply(self, data: Mapping) -> dict:
        new = copy_plan(data)
        new["pitfalls"] = ticks(self, "", PITFALLS, new.get("pitfalls"))
        return new


for _key in PITFALLS:
    setattr(PitfallsForm, _key, BooleanField())
