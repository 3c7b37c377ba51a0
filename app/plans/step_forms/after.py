"""After the talk, the lessons for next time, and the attention plan when the client stays."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    SelectField,
)

from app.domain.preparation import ATTENTION_ACTIVITIES, FOLLOW_THROUGH
from app.plans.step_forms.common import (
    MAX_ROWS,
    choices,
    date_field,
    date_value,
    long_text_field,
    merge_rows,
    ok,
    text_field,
    text_value,
    ticks,
)

AFTER_TALK = ("went", "reactions_seen", "worked", "differently")


class LessonsForm(FlaskForm):
    """After the talk (how it went, the follow-through list) and the lessons for next time."""

    lessons = long_text_field(_l("Which clients to avoid next time"))
    ideal_client = long_text_field(_l("Your ideal client"))

    @classmethod
    def for_plan(cls, data: Mapping, **kwargs):
        after = data.get("after_talk") or {}
        done = after.get("follow_through") or {}
        return cls(
            formdata=None,
            lessons=data.get("lessons"),
            ideal_client=data.get("ideal_client"),
            **{f"after_{k}": after.get(k) for k in AFTER_TALK},
            **{f"done_{k}": bool(done.get(k)) for k in FOLLOW_THROUGH},
            **kwargs,
        )

    def apply(self, data: Mapping) -> dict:
        new = copy.deepcopy(dict(data))
        for key in ("lessons", "ideal_client"):
            if ok(self[key]):
                new[key] = self[key].data or None
        after = dict(new.get("after_talk") or {})
        for key in AFTER_TALK:
            if ok(self[f"after_{key}"]):
                after[key] = self[f"after_{key}"].data or None
        after["follow_through"] = ticks(self, "done_", FOLLOW_THROUGH, after.get("follow_through"))
        new["after_talk"] = after
        return new


for _key in AFTER_TALK:
    setattr(LessonsForm, f"after_{_key}", long_text_field())
for _key in FOLLOW_THROUGH:
    setattr(LessonsForm, f"done_{_key}", BooleanField())


class AttentionRowForm(Form):
    activity = SelectField(_l("Activity"), choices=choices([("", "–")]), validate_choice=False)
    date = date_field(_l("Date"))
    note = text_field(500, _l("Note"))


class AttentionForm(FlaskForm):
    """An attention plan: chosen activities with a date, when the client stays."""

    attention_plan = FieldList(FormField(AttentionRowForm), min_entries=1, max_entries=MAX_ROWS)

    @classmethod
    def for_plan(cls, data: Mapping, **kwargs):
        rows = [
            {
                "activity": r.get("activity") or "",
                "date": date.fromisoformat(r["date"]) if r.get("date") else None,
                "note": r.get("note"),
            }
            for r in data.get("attention_plan") or []
        ]
        return cls(formdata=None, attention_plan=rows or [{}], **kwargs)

    def apply(self, data: Mapping) -> dict:
        new = copy.deepcopy(dict(data))
        rows = merge_rows(
            self.attention_plan.entries,
            new.get("attention_plan") or [],
            {
                "activity": lambda f: f.data if f.data in ATTENTION_ACTIVITIES else None,
                "date": date_value,
                "note": text_value,
            },
        )
        new["attention_plan"] = [row for row in rows if row["activity"] or row["note"]]
        return new
