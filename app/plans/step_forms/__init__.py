"""One form per wizard step, and how each reads from and writes into the plan document.

Every form posts whole (plain submit or htmx autosave). `apply()` writes only the fields that
validated: an invalid value never overwrites the last valid stored one. The forms live in one
module per group of steps; this registry says which form serves which step.
"""

from __future__ import annotations

from flask_wtf import FlaskForm

from app.plans.step_forms.after import AttentionForm, LessonsForm
from app.plans.step_forms.checks import InterpersonalForm, PitfallsForm, ValueForm
from app.plans.step_forms.client import ClientForm
from app.plans.step_forms.common import MAX_ROWS, choices
from app.plans.step_forms.conversation import PreconditionsForm, ScriptForm, TransitionForm
from app.plans.step_forms.decision import AlternativesForm, DecisionForm
from app.plans.step_forms.financial import FinancialForm
from app.plans.step_forms.styles import StylesForm

STEP_FORMS: dict[str, type[FlaskForm]] = {
    "client": ClientForm,
    "financial": FinancialForm,
    "interpersonal": InterpersonalForm,
    "value": ValueForm,
    "pitfalls": PitfallsForm,
    "alternatives": AlternativesForm,
    "decision": DecisionForm,
    "attention": AttentionForm,
    "styles": StylesForm,
    "preconditions": PreconditionsForm,
    "script": ScriptForm,
    "transition": TransitionForm,
    "lessons": LessonsForm,
}

# The step whose form holds a list of rows that can be added and removed, and that list's name.
ROW_LISTS: dict[str, str] = {
    "client": "contacts",
    "financial": "service_hours",
    "alternatives": "alternatives",
    "attention": "attention_plan",
    "transition": "follow_ups",
    "script": "reactions",
}

__all__ = ["MAX_ROWS", "ROW_LISTS", "STEP_FORMS", "choices"]
