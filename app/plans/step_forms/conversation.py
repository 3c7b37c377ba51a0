"""Preparing the talk: preconditions, the client's perspective, the seven steps, the transition."""

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
)
from wtforms.validators import NumberRange, Optional

from app.domain.keys import PERSPECTIVE, PRECONDITIONS
from app.domain.planfile import CLIENT_VIEW_PARTS, copy_plan
from app.domain.preparation import SCRIPT_STEPS
from app.plans.step_forms.common import (
    MAX_ROWS,
    WholeNumber,
    date_field,
    date_value,
    get,
    long_text_field,
    merge_rows,
    ok,
    text_field,
    text_value,
    ticks,
)


class PreconditionsForm(FlaskForm):
    @classmethod
    def for_plan(cls, data: Mapping, **kwargs):
        pre = get(data, "preconditions", default={}) or {}
        per = get(data, "perspective", default={}) or {}
        values = {f"pre_{k}": bool(pre.get(k)) for k in PRECONDITIONS}
        values |= {f"per_{k}": bool(per.get(k)) for k in PERSPECTIVE}
        view = get(data, "client_view", default={}) or {}
        values |= {f"view_{k}": view.get(k) for k in CLIENT_VIEW_PARTS}
        return cls(formdata=None, **values, **kwargs)

    def apply(self, data: Mapping) -> dict:
        new = copy_plan(data)
        new["preconditions"] = ticks(self, "pre_", PRECONDITIONS, new.get("preconditions"))
        new["perspective"] = ticks(self, "per_", PERSPECTIVE, new.get("perspective"))
        view = dict(new.get("client_view") or {})
        for key in CLIENT_VIEW_PARTS:
            if ok(self[f"view_{key}"]):
                view[key] = self[f"view_{key}"].data or None
        if any(view.values()) or "client_view" in new:
            new["client_view"] = view
        return new


for _key in PRECONDITIONS:
    setattr(PreconditionsForm, f"pre_{_key}", BooleanField())
for _key in PERSPECTIVE:
    setattr(PreconditionsForm, f"per_{_key}", BooleanField())
for _key in CLIENT_VIEW_PARTS:
    setattr(PreconditionsForm, f"view_{_key}", long_text_field())


class ReactionForm(Form):
    reaction = long_text_field(_l("Reaction"))
    response = long_text_field(_l("Your response"))


class ScriptForm(FlaskForm):
    reactions = FieldList(FormField(ReactionForm), min_entries=1, max_entries=MAX_ROWS)

    @classmethod
    def for_plan(cls, data: Mapping, **kwargs):
        script = get(data, "script", default={}) or {}
        rows = [
            {"reaction": r.get("reaction"), "response": r.get("response")}
            for r in data.get("reactions") or []
        ]
        return cls(
            formdata=None,
            reactions=rows or [{}],
            **{k: script.get(k) for k in SCRIPT_STEPS},
            **kwargs,
        )

    def apply(self, data: Mapping) -> dict:
        new = copy_plan(data)
        script = dict(new.get("script") or {})
        for key in SCRIPT_STEPS:
            if ok(self[key]):
                script[key] = self[key].data or None
        new["script"] = script
        rows = merge_rows(
            self.reactions.entries,
            new.get("reactions") or [],
            {"reaction": text_value, "response": text_value},
        )
        new["reactions"] = [row for row in rows if row["reaction"] or row["response"]]
        return new


for _key in SCRIPT_STEPS:
    setattr(ScriptForm, _key, long_text_field())


class FollowUpForm(Form):
    date = date_field(_l("Date"))
    note = text_field(500, _l("Note"))


class TransitionForm(FlaskForm):
    notice_weeks = WholeNumber(
        _l("Notice period (weeks)"),
        validators=[Optional(), NumberRange(0, 520, message=_l("Enter 0 to 520 weeks."))],
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    end_date = date_field(_l("End date"))
    handover = long_text_field(_l("Handover"))
    referral = long_text_field(_l("Referral to a competitor or peer"))
    follow_ups = FieldList(FormField(FollowUpForm), min_entries=1, max_entries=MAX_ROWS)

    @classmethod
    def for_plan(cls, data: Mapping, suggested=(), suggested_note="", **kwargs):
        transition = get(data, "transition", default={}) or {}
        rows = [
            {
                "date": date.fromisoformat(f["date"]) if f.get("date") else None,
                "note": f.get("note"),
            }
            for f in get(data, "follow_ups", default=[]) or []
        ] or [{"date": d, "note": suggested_note} for d in suggested]
        end = transition.get("end_date")
        return cls(
            formdata=None,
            notice_weeks=transition.get("notice_weeks"),
            end_date=date.fromisoformat(end) if end else None,
            handover=transition.get("handover"),
            referral=transition.get("referral"),
            follow_ups=rows or [{}],
            **kwargs,
        )

    def apply(self, data: Mapping) -> dict:
        new = copy_plan(data)
        transition = dict(new.get("transition") or {})
        if ok(self.notice_weeks):
            transition["notice_weeks"] = self.notice_weeks.data
        if ok(self.end_date):
            transition["end_date"] = self.end_date.data.isoformat() if self.end_date.data else None
        for key in ("handover", "referral"):
            if ok(self[key]):
                transition[key] = self[key].data or None
        new["transition"] = transition
        rows = merge_rows(
            self.follow_ups.entries,
            new.get("follow_ups") or [],
            {"date": date_value, "note": text_value},
        )
        new["follow_ups"] = [row for row in rows if row["date"] or row["note"]]
        return new
