"""What the user sees of a save conflict: the field, their value here and the value saved
elsewhere, in words (a choice by its label, a tick box as ticked or not)."""

from __future__ import annotations

import json
import re

from flask_babel import gettext as _

from app.plans.merge import Merge, leaves

ROW = re.compile(r"^[a-z_]+-([0-9]+)-")


def _in_words(field, values: tuple[str, ...]) -> str:
    if field is not None and field.type == "BooleanField":
        return _("ticked") if values else _("not ticked")
    if not values:
        return _("(empty)")
    if field is not None and field.type in ("RadioField", "SelectField"):
        labels = {str(value): str(label) for value, label, *_rest in field.iter_choices()}
        return ", ".join(labels.get(v, v) or _("(empty)") for v in values)
    return "\n".join(values)


def _label(field, name: str) -> str:
    text = str(field.label.text) if field is not None and field.label.text else name
    row = ROW.match(name)
    if row:
        return _("%(field)s (row %(n)d)", field=text, n=int(row.group(1)) + 1)
    return text


def conflict_view(form, merged: Merge) -> list[dict]:
    """One entry per conflicting field, ready for the conflict panel."""
    fields = {f.name: f for f in leaves(form)}
    out = []
    for conflict in merged.conflicts:
        field = fields.get(conflict.name)
        out.append(
            {
                "name": conflict.name,
                "id": field.id if field is not None else conflict.name,
                "label": _label(field, conflict.name),
                "mine": _in_words(field, conflict.mine),
                "theirs": _in_words(field, conflict.theirs),
                "theirs_values": json.dumps(list(conflict.theirs), ensure_ascii=False),
            }
        )
    return out
