"""One form per wizard step, and how each reads from and writes into the plan document.

Every form posts whole (plain submit or htmx autosave). `apply()` writes only the fields that
validated: an invalid value never overwrites the last valid stored one.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, NumberRange, Optional
from wtforms.widgets import HiddenInput

from app.domain.disc import (
    OUTGOING,
    PEOPLE,
    RESERVED,
    STATEMENTS,
    STYLES,
    TASK,
    axes_of,
    self_check_style,
    style_of,
)
from app.domain.keys import (
    ALTERNATIVE_KINDS,
    ALTERNATIVE_STATUSES,
    INTERPERSONAL,
    PERSPECTIVE,
    PITFALLS,
    PRECONDITIONS,
    RECOMMENDATIONS,
    REPUTATION_RISK,
    VALUE,
)
from app.domain.preparation import ATTENTION_ACTIVITIES, FOLLOW_THROUGH, SCRIPT_STEPS
from app.domain.steps import DONT_KNOW
from app.plans.fields import NumberField
from app.plans.forms import client_name_field


def choices(pairs) -> list[SelectChoice]:
    """WTForms choices from (value, label) pairs."""
    return [SelectChoice(value=value, label=label) for value, label in pairs]


SCALE = [(str(n), str(n)) for n in range(1, 6)]
MAX_ROWS = 50


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _text(max_len: int = 200, label=None, **kwargs):
    return StringField(
        label,
        validators=[
            Optional(),
            Length(max=max_len, message=_l("Keep this under %(n)d characters.", n=max_len)),
        ],
        filters=[_strip],
        **kwargs,
    )


def _long_text(label=None, **kwargs):
    return TextAreaField(
        label,
        validators=[
            Optional(),
            Length(max=20000, message=_l("Keep this under %(n)d characters.", n=20000)),
        ],
        filters=[_strip],
        **kwargs,
    )


def _ok(field) -> bool:
    return not field.errors


def _text_value(field):
    return field.data or None


def _date_value(field):
    return field.data.isoformat() if field.data else None


def _merge_rows(entries, old_rows, readers: Mapping, defaults: Mapping | None = None) -> list:
    """The rows of a posted list, each field read with its reader when it validated; an invalid
    field keeps what the same row had stored (or `defaults`), so bad input never overwrites."""
    rows = []
    for i, entry in enumerate(entries):
        prev = {**(defaults or {}), **(old_rows[i] if i < len(old_rows) else {})}
        sub = entry.form
        rows.append(
            {
                key: read(sub[key]) if _ok(sub[key]) else prev.get(key)
                for key, read in readers.items()
            }
        )
    return rows


def _get(data: Mapping, *path: str, default=None):
    node: Any = data
    for key in path:
        if not isinstance(node, Mapping) or key not in node:
            return default
        node = node[key]
    return node


# ---- client & contacts -------------------------------------------------------------------


class ContactForm(Form):
    name = _text(200, _l("Name"))
    role = _text(200, _l("Role"))


class ClientForm(FlaskForm):
    client_name = client_name_field()
    sector = _text(200, _l("Sector"))
    client_since = IntegerField(
        _l("Client since (year)"),
        validators=[
            Optional(),
            NumberRange(1900, 2100, message=_l("Enter a year between 1900 and 2100.")),
        ],
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    contacts = FieldList(FormField(ContactForm), min_entries=1, max_entries=MAX_ROWS)
    primary_contact = IntegerField(validators=[Optional()])
    owner_name = _text(200, _l("Your name"))
    owner_company = _text(200, _l("Your company"))
    conversation_date = DateField(
        _l("Planned conversation date"),
        validators=[Optional()],
        format="%Y-%m-%d",
    )
    language = SelectField(
        _l("Language of the plan"),
        choices=choices([("nl", "Nederlands"), ("en", "English")]),
        validate_choice=False,  # apply() keeps only nl/en; a missing value keeps the stored one
    )

    @classmethod
    def for_plan(cls, data: Mapping, **kwargs):
        contacts = _get(data, "client", "contacts", default=[]) or []
        primary = next((i for i, c in enumerate(contacts) if c.get("primary")), None)
        since = _get(data, "client", "client_since")
        conversation = _get(data, "conversation_date")
        return cls(
            formdata=None,
            client_name=_get(data, "client", "name", default=""),
            sector=_get(data, "client", "sector"),
            client_since=since,
            contacts=[{"name": c.get("name"), "role": c.get("role")} for c in contacts] or [{}],
            primary_contact=primary,
            owner_name=_get(data, "owner", "name"),
            owner_company=_get(data, "owner", "company"),
            conversation_date=date.fromisoformat(conversation) if conversation else None,
            language=_get(data, "language", default=kwargs.pop("default_language", "en")),
            **kwargs,
        )

    def apply(self, data: Mapping) -> dict:
        new = copy.deepcopy(dict(data))
        client = dict(new.get("client") or {})
        if _ok(self.client_name):
            client["name"] = self.client_name.data
        if _ok(self.sector):
            client["sector"] = self.sector.data or None
        if _ok(self.client_since):
            client["client_since"] = self.client_since.data
        old_contacts = client.get("contacts") or []
        contacts = []
        for i, entry in enumerate(self.contacts.entries):
            old = old_contacts[i] if i < len(old_contacts) else {}
            row = dict(old)
            for key in ("name", "role"):
                sub = entry.form[key]
                if _ok(sub):
                    row[key] = sub.data or None
            row["primary"] = self.primary_contact.data == i
            row.setdefault("disc", None)
            if row.get("name") or row.get("role"):
                contacts.append(row)
        if contacts and not any(c["primary"] for c in contacts):
            contacts[0]["primary"] = True
        client["contacts"] = contacts
        new["client"] = client
        owner = dict(new.get("owner") or {})
        if _ok(self.owner_name):
            owner["name"] = self.owner_name.data or None
        if _ok(self.owner_company):
            owner["company"] = self.owner_company.data or None
        owner.setdefault("disc", None)
        new["owner"] = owner
        if _ok(self.conversation_date):
            new["conversation_date"] = (
                self.conversation_date.data.isoformat() if self.conversation_date.data else None
            )
        if _ok(self.language) and self.language.data in ("nl", "en"):
            new["language"] = self.language.data
        return new


# ---- financial check ---------------------------------------------------------------------


class ServiceHoursForm(Form):
    department = _text(100, _l("Department"))
    hours_per_week = NumberField(_l("Hours per week"), minimum=0, maximum=168)
    hourly_cost = NumberField(_l("Hourly cost (€)"), minimum=0, maximum=100000)


FINANCIAL_NUMBERS = (
    "annual_revenue",
    "gross_margin_pct",
    "other_annual_costs",
    "payment_days_late",
    "cost_of_capital_pct",
    "working_weeks",
)


class FinancialForm(FlaskForm):
    annual_revenue = NumberField(_l("Annual revenue (€)"), minimum=0, maximum=10**12)
    gross_margin_pct = NumberField(_l("Gross margin (%)"), minimum=0, maximum=100)
    other_annual_costs = NumberField(_l("Other yearly costs (€)"), minimum=0, maximum=10**12)
    payment_days_late = NumberField(_l("Days paid late (average)"), minimum=0, maximum=3650)
    cost_of_capital_pct = NumberField(_l("Cost of capital (% a year)"), minimum=0, maximum=100)
    working_weeks = NumberField(_l("Working weeks a year"), minimum=1, maximum=53, whole=True)
    service_hours = FieldList(FormField(ServiceHoursForm), min_entries=1, max_entries=MAX_ROWS)

    @classmethod
    def for_plan(cls, data: Mapping, department_label=lambda key: key, **kwargs):
        financial = _get(data, "financial", default={}) or {}
        rows = [
            {
                "department": department_label(r.get("department")) if r.get("department") else "",
                "hours_per_week": r.get("hours_per_week"),
                "hourly_cost": r.get("hourly_cost"),
            }
            for r in financial.get("service_hours") or []
        ]
        values = {key: financial.get(key) for key in FINANCIAL_NUMBERS}
        return cls(formdata=None, service_hours=rows or [{}], **values, **kwargs)

    def apply(self, data: Mapping, department_key=lambda text: text) -> dict:
        new = copy.deepcopy(dict(data))
        financial = dict(new.get("financial") or {})
        for key in FINANCIAL_NUMBERS:
            if _ok(self[key]):
                financial[key] = self[key].value()
        rows = _merge_rows(
            self.service_hours.entries,
            financial.get("service_hours") or [],
            {
                "department": lambda f: department_key(f.data) or None,
                "hours_per_week": lambda f: f.value(),
                "hourly_cost": lambda f: f.value(),
            },
        )
        financial["service_hours"] = [
            row for row in rows if any(v not in (None, "") for v in row.values())
        ]
        new["financial"] = financial
        return new


# ---- interpersonal check and value -------------------------------------------------------


def _scale_form(name: str, items: tuple[str, ...]) -> type[FlaskForm]:
    """A form of 1–5 scales, one radio group per item; unanswered is allowed."""
    attrs: dict[str, Any] = {
        key: RadioField(
            choices=choices([*SCALE, ("", _l("Not sure"))]), validators=[Optional()], coerce=str
        )
        for key in items
    }

    @classmethod
    def for_plan(cls, data: Mapping, **kwargs):
        section = _get(data, name, default={}) or {}
        values = {k: str(section[k]) if section.get(k) is not None else "" for k in items}
        return cls(formdata=None, **values, **kwargs)

    def apply(self, data: Mapping) -> dict:
        new = copy.deepcopy(dict(data))
        section = dict(new.get(name) or {})
        for key in items:
            field = self[key]
            if _ok(field):
                section[key] = int(field.data) if field.data not in (None, "", "None") else None
        new[name] = section
        return new

    attrs.update(for_plan=for_plan, apply=apply, items=items)
    return type(f"{name.title()}Form", (FlaskForm,), attrs)


InterpersonalForm = _scale_form("interpersonal", INTERPERSONAL)
ValueForm = _scale_form("value", (*VALUE, REPUTATION_RISK))


# ---- pitfalls ----------------------------------------------------------------------------


class PitfallsForm(FlaskForm):
    @classmethod
    def for_plan(cls, data: Mapping, **kwargs):
        section = _get(data, "pitfalls", default={}) or {}
        return cls(formdata=None, **{k: bool(section.get(k)) for k in PITFALLS}, **kwargs)

    def apply(self, data: Mapping) -> dict:
        new = copy.deepcopy(dict(data))
        new["pitfalls"] = {k: bool(self[k].data) for k in PITFALLS}
        return new


for _key in PITFALLS:
    setattr(PitfallsForm, _key, BooleanField())


# ---- alternatives ------------------------------------------------------------------------


class AlternativeForm(Form):
    kind = SelectField(
        _l("Alternative"), choices=choices([("", "–"), *((k, k) for k in ALTERNATIVE_KINDS)])
    )
    status = SelectField(_l("Status"), choices=choices((s, s) for s in ALTERNATIVE_STATUSES))
    note = _long_text(_l("Note"))


class AlternativesForm(FlaskForm):
    alternatives = FieldList(FormField(AlternativeForm), min_entries=1, max_entries=MAX_ROWS)

    @classmethod
    def for_plan(cls, data: Mapping, **kwargs):
        rows = [
            {
                "kind": r.get("kind") or "",
                "status": r.get("status") or "considered",
                "note": r.get("note"),
            }
            for r in _get(data, "alternatives", default=[]) or []
        ]
        return cls(formdata=None, alternatives=rows or [{}], **kwargs)

    def apply(self, data: Mapping) -> dict:
        new = copy.deepcopy(dict(data))
        rows = _merge_rows(
            self.alternatives.entries,
            new.get("alternatives") or [],
            {"kind": _text_value, "status": lambda f: f.data, "note": _text_value},
            defaults={"status": "considered"},
        )
        new["alternatives"] = [
            {**row, "kind": row["kind"] or "other"} for row in rows if row["kind"] or row["note"]
        ]
        return new


# ---- recommendation & decision -----------------------------------------------------------


class DecisionForm(FlaskForm):
    choice = RadioField(
        _l("Your decision"),
        choices=choices((k, k) for k in RECOMMENDATIONS),
        validators=[Optional()],
    )
    rationale = _long_text(_l("Why you decide this"))

    @classmethod
    def for_plan(cls, data: Mapping, **kwargs):
        decision = _get(data, "decision", default={}) or {}
        return cls(
            formdata=None,
            choice=decision.get("choice"),
            rationale=decision.get("rationale"),
            **kwargs,
        )

    def check_rationale(self, recommendation: str | None, message) -> None:
        """A decision that differs from the advice needs a written reason."""
        differs = self.choice.data and recommendation and self.choice.data != recommendation
        if differs and not (self.rationale.data or "").strip():
            self.rationale.errors = [*self.rationale.errors, message]

    def apply(self, data: Mapping) -> dict:
        new = copy.deepcopy(dict(data))
        decision = dict(new.get("decision") or {})
        if _ok(self.choice) and _ok(self.rationale):
            decision["choice"] = self.choice.data or None
            decision["rationale"] = self.rationale.data or None
        elif _ok(self.rationale):
            decision["rationale"] = self.rationale.data or None
        new["decision"] = decision
        return new


STEP_FORMS: dict[str, type[FlaskForm]] = {
    "client": ClientForm,
    "financial": FinancialForm,
    "interpersonal": InterpersonalForm,
    "value": ValueForm,
    "pitfalls": PitfallsForm,
    "alternatives": AlternativesForm,
    "decision": DecisionForm,
}

ROW_LISTS: dict[str, str] = {
    "client": "contacts",
    "financial": "service_hours",
    "alternatives": "alternatives",
}


# ---- your style and theirs (DISC) ----------------------------------------------------------


class ObserveForm(Form):
    """Two observed-behaviour questions about one contact; both answered give a style.

    `index` (a hidden input) names the contact: a radio group with nothing chosen is not posted
    at all, so without it WTForms would renumber the rows and mix up the contacts."""

    index = IntegerField(widget=HiddenInput(), validators=[Optional()])

    pace = RadioField(
        choices=choices([(OUTGOING, OUTGOING), (RESERVED, RESERVED), ("", "?")]),
        validators=[Optional()],
    )
    focus = RadioField(
        choices=choices([(TASK, TASK), (PEOPLE, PEOPLE), ("", "?")]), validators=[Optional()]
    )


class StylesForm(FlaskForm):
    direct_pick = RadioField(
        choices=choices([("", "–"), *((s, s) for s in STYLES)]), validators=[Optional()]
    )
    contacts = FieldList(FormField(ObserveForm), max_entries=MAX_ROWS)

    @classmethod
    def for_plan(cls, data: Mapping, **kwargs):
        styles = _get(data, "styles", default={}) or {}
        answers = styles.get("self_check") or {}
        values = {
            f"self_{k}": str(answers[k]) if answers.get(k) is not None else "" for k in STATEMENTS
        }
        observed = []
        for contact in _get(data, "client", "contacts", default=[]) or []:
            pace, focus = axes_of(contact.get("disc"))
            seen = contact.get("observed") or {}
            # "don't know" is the radio with value ""; a question not answered shows none.
            pace = pace or ("" if seen.get("pace") == DONT_KNOW else seen.get("pace"))
            focus = focus or ("" if seen.get("focus") == DONT_KNOW else seen.get("focus"))
            observed.append({"index": len(observed), "pace": pace, "focus": focus})
        return cls(
            formdata=None,
            direct_pick=styles.get("direct_pick") or "",
            contacts=observed,
            **values,
            **kwargs,
        )

    def apply(self, data: Mapping) -> dict:
        new = copy.deepcopy(dict(data))
        styles = dict(new.get("styles") or {})
        answers = dict(styles.get("self_check") or {})
        for key in STATEMENTS:
            field = self[f"self_{key}"]
            if _ok(field):
                answers[key] = int(field.data) if field.data else None
        styles["self_check"] = answers
        if _ok(self.direct_pick):
            styles["direct_pick"] = self.direct_pick.data or None
        new["styles"] = styles
        owner = dict(new.get("owner") or {})
        owner["disc"] = styles.get("direct_pick") or self_check_style(answers)
        new["owner"] = owner
        client = dict(new.get("client") or {})
        contacts = [dict(c) for c in client.get("contacts") or []]
        for entry in self.contacts.entries:
            sub = entry.form
            index = sub.index.data
            if index is None or not 0 <= index < len(contacts):
                continue
            contact = contacts[index]
            if _ok(sub.pace) and _ok(sub.focus):
                seen = {axis: _observed(sub[axis]) for axis in ("pace", "focus")}
                contact["observed"] = seen
                contact["disc"] = style_of(seen["pace"], seen["focus"])
        client["contacts"] = contacts
        new["client"] = client
        return new


def _observed(field) -> str | None:
    """One observed-behaviour answer: the axis value, DONT_KNOW for "?", None when unanswered
    (a radio group with nothing chosen is not posted at all)."""
    if not field.raw_data:
        return None
    return field.data if field.data in (OUTGOING, RESERVED, TASK, PEOPLE) else DONT_KNOW


for _key in STATEMENTS:
    setattr(
        StylesForm,
        f"self_{_key}",
        RadioField(
            choices=choices([*SCALE, ("", _l("Not sure"))]), validators=[Optional()], coerce=str
        ),
    )


# ---- preconditions and the client's perspective ----------------------------------------------


class PreconditionsForm(FlaskForm):
    @classmethod
    def for_plan(cls, data: Mapping, **kwargs):
        pre = _get(data, "preconditions", default={}) or {}
        per = _get(data, "perspective", default={}) or {}
        values = {f"pre_{k}": bool(pre.get(k)) for k in PRECONDITIONS}
        values |= {f"per_{k}": bool(per.get(k)) for k in PERSPECTIVE}
        return cls(formdata=None, **values, **kwargs)

    def apply(self, data: Mapping) -> dict:
        new = copy.deepcopy(dict(data))
        new["preconditions"] = {k: bool(self[f"pre_{k}"].data) for k in PRECONDITIONS}
        new["perspective"] = {k: bool(self[f"per_{k}"].data) for k in PERSPECTIVE}
        return new


for _key in PRECONDITIONS:
    setattr(PreconditionsForm, f"pre_{_key}", BooleanField())
for _key in PERSPECTIVE:
    setattr(PreconditionsForm, f"per_{_key}", BooleanField())

STEP_FORMS["styles"] = StylesForm
STEP_FORMS["preconditions"] = PreconditionsForm


# ---- the conversation in seven steps, transition, lessons -------------------------------------


class ReactionForm(Form):
    reaction = _long_text(_l("Reaction"))
    response = _long_text(_l("Your response"))


class ScriptForm(FlaskForm):
    reactions = FieldList(FormField(ReactionForm), min_entries=1, max_entries=MAX_ROWS)

    @classmethod
    def for_plan(cls, data: Mapping, **kwargs):
        script = _get(data, "script", default={}) or {}
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
        new = copy.deepcopy(dict(data))
        script = dict(new.get("script") or {})
        for key in SCRIPT_STEPS:
            if _ok(self[key]):
                script[key] = self[key].data or None
        new["script"] = script
        rows = _merge_rows(
            self.reactions.entries,
            new.get("reactions") or [],
            {"reaction": _text_value, "response": _text_value},
        )
        new["reactions"] = [row for row in rows if row["reaction"] or row["response"]]
        return new


for _key in SCRIPT_STEPS:
    setattr(ScriptForm, _key, _long_text())


class FollowUpForm(Form):
    date = DateField(_l("Date"), validators=[Optional()], format="%Y-%m-%d")
    note = _text(500, _l("Note"))


class TransitionForm(FlaskForm):
    notice_weeks = IntegerField(
        _l("Notice period (weeks)"),
        validators=[Optional(), NumberRange(0, 520, message=_l("Enter 0 to 520 weeks."))],
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    end_date = DateField(_l("End date"), validators=[Optional()], format="%Y-%m-%d")
    handover = _long_text(_l("Handover"))
    referral = _long_text(_l("Referral to a competitor or peer"))
    follow_ups = FieldList(FormField(FollowUpForm), min_entries=1, max_entries=MAX_ROWS)

    @classmethod
    def for_plan(cls, data: Mapping, suggested=(), suggested_note="", **kwargs):
        transition = _get(data, "transition", default={}) or {}
        rows = [
            {
                "date": date.fromisoformat(f["date"]) if f.get("date") else None,
                "note": f.get("note"),
            }
            for f in _get(data, "follow_ups", default=[]) or []
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
        new = copy.deepcopy(dict(data))
        transition = dict(new.get("transition") or {})
        if _ok(self.notice_weeks):
            transition["notice_weeks"] = self.notice_weeks.data
        if _ok(self.end_date):
            transition["end_date"] = self.end_date.data.isoformat() if self.end_date.data else None
        for key in ("handover", "referral"):
            if _ok(self[key]):
                transition[key] = self[key].data or None
        new["transition"] = transition
        rows = _merge_rows(
            self.follow_ups.entries,
            new.get("follow_ups") or [],
            {"date": _date_value, "note": _text_value},
        )
        new["follow_ups"] = [row for row in rows if row["date"] or row["note"]]
        return new


AFTER_TALK = ("went", "reactions_seen", "worked", "differently")


class LessonsForm(FlaskForm):
    """After the talk (how it went, the follow-through list) and the lessons for next time."""

    lessons = _long_text(_l("Which clients to avoid next time"))
    ideal_client = _long_text(_l("Your ideal client"))

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
            if _ok(self[key]):
                new[key] = self[key].data or None
        after = dict(new.get("after_talk") or {})
        for key in AFTER_TALK:
            if _ok(self[f"after_{key}"]):
                after[key] = self[f"after_{key}"].data or None
        after["follow_through"] = {k: bool(self[f"done_{k}"].data) for k in FOLLOW_THROUGH}
        new["after_talk"] = after
        return new


for _key in AFTER_TALK:
    setattr(LessonsForm, f"after_{_key}", _long_text())
for _key in FOLLOW_THROUGH:
    setattr(LessonsForm, f"done_{_key}", BooleanField())


class AttentionRowForm(Form):
    activity = SelectField(_l("Activity"), choices=choices([("", "–")]), validate_choice=False)
    date = DateField(_l("Date"), validators=[Optional()], format="%Y-%m-%d")
    note = _text(500, _l("Note"))


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
        rows = _merge_rows(
            self.attention_plan.entries,
            new.get("attention_plan") or [],
            {
                "activity": lambda f: f.data if f.data in ATTENTION_ACTIVITIES else None,
                "date": _date_value,
                "note": _text_value,
            },
        )
        new["attention_plan"] = [row for row in rows if row["activity"] or row["note"]]
        return new


STEP_FORMS["attention"] = AttentionForm
ROW_LISTS["attention"] = "attention_plan"
STEP_FORMS["script"] = ScriptForm
STEP_FORMS["transition"] = TransitionForm
STEP_FORMS["lessons"] = LessonsForm
ROW_LISTS["transition"] = "follow_ups"
ROW_LISTS["script"] = "reactions"
