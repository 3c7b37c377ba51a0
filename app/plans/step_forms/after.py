"""After the talk, the lessons for next time, and the attention plan when the client stays."""

from __future__ import annotations

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

from app.domain.attention import ACTIVITIES as ATTENTION_ACTIVITIES
from app.domain.keys import ALTERNATIVE_KINDS
from app.domain.planfile import copy_plan
from app.domain.preparation import FOLLOW_THROUGH
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
TALK = "next_talk"  # the conversation that follows a decision other than an exit


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
        new = copy_plan(data)
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
    """When the client stays: the conversation that follows (plan section `next_talk`) and an
    attention plan of chosen activities with a date."""

    talk_alternative = SelectField(
        _l("The alternative you go ahead with"),
        choices=choices([("", "–"), *((k, k) for k in ALTERNATIVE_KINDS)]),
        default="",
    )
    talk_key_message = long_text_field(_l("Key message"))
    talk_walk_away = long_text_field(_l("Walk-away point"))
    talk_review_date = date_field(_l("Review date"))
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
        talk = data.get(TALK) or {}
        return cls(
            formdata=None,
            talk_alternative=talk.get("alternative") or "",
            talk_key_message=talk.get("key_message"),
            talk_walk_away=talk.get("walk_away"),
            talk_review_date=date.fromisoformat(talk["review_date"])
            if talk.get("review_date")
            else None,
            attention_plan=rows or [{}],
            **kwargs,
        )

    def apply(self, data: Mapping) -> dict:
        new = copy_plan(data)
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
        talk = dict(new.get(TALK) or {})
        readers = {
            "alternative": text_value,
            "key_message": text_value,
            "walk_away": text_value,
            "review_date": date_value,
        }
        for key, read in readers.items():
            field = self[f"talk_{key}"]
            if ok(field):
                talk[key] = read(field)
        new[TALK] = talk
        return new
