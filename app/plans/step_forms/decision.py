"""The alternatives to an exit, and the recommendation & decision."""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    FieldList,
    Form,
    FormField,
    SelectField,
)

from app.domain.keys import ALTERNATIVE_KINDS, ALTERNATIVE_STATUSES, RECOMMENDATIONS
from app.domain.planfile import copy_plan
from app.domain.potential import ANSWERS as POTENTIAL_ANSWERS
from app.domain.potential import SECTION as POTENTIAL_SECTION
from app.plans.step_forms.common import (
    MAX_ROWS,
    choices,
    get,
    long_text_field,
    merge_rows,
    ok,
    radio,
    text_value,
)


class AlternativeForm(Form):
    kind = SelectField(
        _l("Alternative"),
        choices=choices([("", "–"), *((k, k) for k in ALTERNATIVE_KINDS)]),
        default="",
    )
    status = SelectField(
        _l("Status"),
        choices=choices((s, s) for s in ALTERNATIVE_STATUSES),
        default="considered",  # a new, empty row is "considered", never an invalid choice
    )
    note = long_text_field(_l("Note"))


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
            for r in get(data, "alternatives", default=[]) or []
        ]
        return cls(formdata=None, alternatives=rows or [{}], **kwargs)

    def apply(self, data: Mapping) -> dict:
        new = copy_plan(data)
        rows = merge_rows(
            self.alternatives.entries,
            new.get("alternatives") or [],
            {"kind": text_value, "status": lambda f: f.data, "note": text_value},
            defaults={"status": "considered"},
        )
        new["alternatives"] = [
            {**row, "kind": row["kind"] or "other"} for row in rows if row["kind"] or row["note"]
        ]
        return new


class DecisionForm(FlaskForm):
    choice = radio(((k, k) for k in RECOMMENDATIONS), label=_l("Your decision"))
    rationale = long_text_field(_l("The reason for your decision"))
    # The answer to the potential exception (plan section `potential_review`).
    potential_answer = radio((k, k) for k in POTENTIAL_ANSWERS)
    potential_note = long_text_field()

    @classmethod
    def for_plan(cls, data: Mapping, **kwargs):
        decision = get(data, "decision", default={}) or {}
        review = get(data, POTENTIAL_SECTION, default={}) or {}
        return cls(
            formdata=None,
            choice=decision.get("choice"),
            rationale=decision.get("rationale"),
            potential_answer=review.get("answer"),
            potential_note=review.get("note"),
            **kwargs,
        )

    def check_rationale(self, recommendation: str | None, message) -> None:
        """A decision that differs from the advice needs a written reason."""
        differs = self.choice.data and recommendation and self.choice.data != recommendation
        if differs and not (self.rationale.data or "").strip():
            self.rationale.errors = [*self.rationale.errors, message]

    def apply(self, data: Mapping) -> dict:
        new = copy_plan(data)
        decision = dict(new.get("decision") or {})
        if ok(self.choice) and ok(self.rationale):
            decision["choice"] = self.choice.data or None
            decision["rationale"] = self.rationale.data or None
        elif ok(self.rationale):
            decision["rationale"] = self.rationale.data or None
        new["decision"] = decision
        # Only what was posted: the question is on the page only while the exception applies.
        review = dict(new.get(POTENTIAL_SECTION) or {})
        if ok(self.potential_answer) and self.potential_answer.raw_data:
            review["answer"] = self.potential_answer.data or None
        if ok(self.potential_note) and self.potential_note.raw_data:
            review["note"] = self.potential_note.data or None
        if any(review.values()) or POTENTIAL_SECTION in new:
            new[POTENTIAL_SECTION] = review
        return new
