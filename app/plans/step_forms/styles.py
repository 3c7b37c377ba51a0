"""Your style and theirs (DISC): a self-check or a direct pick, and per contact what you saw."""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    FieldList,
    Form,
    FormField,
)
from wtforms.validators import Optional
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
from app.domain.planfile import copy_plan
from app.domain.steps import DONT_KNOW
from app.plans.step_forms.common import (
    MAX_ROWS,
    SCALE,
    WholeNumber,
    get,
    ok,
    radio,
)


class ObserveForm(Form):
    """Two observed-behaviour questions about one contact; both answered give a style.

    `index` (a hidden input) names the contact: a radio group with nothing chosen is not posted
    at all, so without it WTForms would renumber the rows and mix up the contacts."""

    index = WholeNumber(widget=HiddenInput(), validators=[Optional()])

    pace = radio([(OUTGOING, OUTGOING), (RESERVED, RESERVED), ("", "?")])
    focus = radio([(TASK, TASK), (PEOPLE, PEOPLE), ("", "?")])


class StylesForm(FlaskForm):
    direct_pick = radio([("", "–"), *((s, s) for s in STYLES)])
    contacts = FieldList(FormField(ObserveForm), max_entries=MAX_ROWS)

    @classmethod
    def for_plan(cls, data: Mapping, **kwargs):
        styles = get(data, "styles", default={}) or {}
        answers = styles.get("self_check") or {}
        values = {
            f"self_{k}": str(answers[k]) if answers.get(k) is not None else "" for k in STATEMENTS
        }
        observed = []
        for contact in get(data, "client", "contacts", default=[]) or []:
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
        new = copy_plan(data)
        styles = dict(new.get("styles") or {})
        answers = dict(styles.get("self_check") or {})
        for key in STATEMENTS:
            field = self[f"self_{key}"]
            if ok(field):
                answers[key] = int(field.data) if field.data else None
        styles["self_check"] = answers
        if ok(self.direct_pick):
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
            if ok(sub.pace) and ok(sub.focus):
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
        radio([*SCALE, ("", _l("Not sure"))], coerce=str),
    )
