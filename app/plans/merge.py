"""Saving a step as a patch: only the fields the user changed, never a stale copy of the rest.

A step's form posts all of its fields, also the ones this page shows stale values of. So the
page also posts a fingerprint of what each field held when the page got it (the *base*). A
posted value equal to its base is not a change and leaves the stored value alone; a changed
value is written, unless the stored value has meanwhile changed to something else too: that
is a conflict the user sees (both values; keep mine or take theirs), never a silent overwrite.

The comparison runs on what a browser posts for a form (`posted_values`), so "the page had
this" and "the plan has this now" are compared in the same shape. Plain code over WTForms
forms and dicts: the view reads the request and the store does the atomic write.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from werkzeug.datastructures import MultiDict

BASE_FIELD = "_base"
# Posted names that are not fields of the plan: buttons, the CSRF token, the base itself.
META_FIELDS = frozenset({BASE_FIELD, "csrf_token", "go", "row_action", "use_suggestion", "resolve"})

Values = dict[str, list[str]]


def posted_values(form) -> Values:
    """What a browser posts for `form` as rendered: name → values, for every input."""
    out: Values = {}
    for leaf in leaves(form):
        kind = leaf.type
        if kind == "CSRFTokenField":
            continue
        if kind == "BooleanField":
            values = ["y"] if leaf.data else []
        elif kind == "RadioField":
            # A group with nothing chosen posts nothing at all.
            offered = {str(choice[0]) for choice in leaf.iter_choices()}
            chosen = None if leaf.data is None else str(leaf.data)
            values = [chosen] if chosen in offered else []
        elif kind == "SelectField":
            values = ["" if leaf.data is None else str(leaf.data)]
        else:
            raw = leaf._value() if hasattr(leaf, "_value") else leaf.data
            values = ["" if raw is None else str(raw)]
        out[leaf.name] = values
    return out


def leaves(form) -> Iterable:
    """Every input field of a form, the fields of its rows included."""
    for item in form:
        if item.type == "FieldList":
            for entry in item.entries:
                yield from leaves([entry])
        elif item.type == "FormField":
            yield from leaves(item.form)
        else:
            yield item


def number_fields(form) -> frozenset[str]:
    """The short names of a form's number inputs (rows included): their text is compared as
    the number it means, so "62500" typed and "62.500" shown are no change."""
    return frozenset(f.short_name for f in leaves(form) if type(f).__name__ == "NumberField")


def canonical(values, numbers: frozenset[str], write: Callable[[str], str]):
    """`values` (a dict of lists or a MultiDict) with every number input rewritten by `write`
    (read in the page's language, written back the way the form shows it)."""
    out = MultiDict() if isinstance(values, MultiDict) else {}
    items = values.lists() if isinstance(values, MultiDict) else values.items()
    for name, vals in items:
        short = name.rsplit("-", 1)[-1]
        fixed = [write(v) for v in vals] if short in numbers and vals is not None else vals
        if isinstance(out, MultiDict):
            out.setlist(name, fixed)
        else:
            out[name] = fixed
    return out


def _normal(values: list[str] | None) -> tuple[str, ...]:
    """Values as compared: line ends and surrounding blanks do not make a change."""
    cleaned = tuple(v.replace("\r\n", "\n").strip() for v in values or ())
    return () if cleaned in ((), ("",)) else cleaned


def fingerprint(values: list[str] | None) -> str:
    """A short, stable digest of one field's values (the base holds these, not the texts)."""
    digest = hashlib.blake2b(
        json.dumps(_normal(values), ensure_ascii=False).encode("utf-8", "surrogatepass"),
        digest_size=8,
    )
    return digest.hexdigest()


EMPTY = fingerprint(None)  # what a field the base does not name held: nothing


def encode_base(values: Values, lang: str) -> str:
    """The base a page carries: the language it was shown in and a fingerprint per field."""
    return dump_base({name: fingerprint(v) for name, v in values.items()}, lang)


@dataclass(frozen=True)
class Base:
    lang: str | None
    fields: dict[str, str]

    def same(self, name: str, values: list[str] | None) -> bool:
        return self.fields.get(name, EMPTY) == fingerprint(values)


def decode_base(text: str | None) -> Base | None:
    """The posted base, or None when there is none (or it is not one of ours)."""
    if not text:
        return None
    try:
        body = json.loads(text)
    except ValueError:
        return None
    if not isinstance(body, dict) or not isinstance(body.get("fields"), dict):
        return None
    fields = {str(k): str(v) for k, v in body["fields"].items() if isinstance(v, str)}
    lang = body.get("lang") if body.get("lang") in ("nl", "en") else None
    return Base(lang, fields)


@dataclass(frozen=True)
class Conflict:
    """One field changed here and, to something else, somewhere else since this page loaded."""

    name: str
    mine: tuple[str, ...]
    theirs: tuple[str, ...]


@dataclass
class Merge:
    """The form data to validate and apply, and what the merge found."""

    formdata: MultiDict
    resolved: Mapping[str, str] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    changed_elsewhere: bool = False

    @property
    def conflict_names(self) -> set[str]:
        return {c.name for c in self.conflicts}


def merge(
    posted: MultiDict, base: Base | None, theirs: Values, resolve: Mapping[str, str] | None = None
) -> Merge:
    """The stored values, with this page's changes on top.

    `posted` is what the page sent, `theirs` what the plan holds now (`posted_values` of a form
    built from it). Without a base (an old page, a script) every posted field counts as a change.
    `resolve` maps a field name to "mine" or "theirs" for conflicts the user has settled. A
    conflicting field keeps the posted value in the form data, so the page can show it; the
    caller marks it invalid, which keeps the stored value.
    """
    resolve = resolve or {}
    mine: Values = {k: posted.getlist(k) for k in posted if k not in META_FIELDS}
    if base is None:
        return Merge(MultiDict(posted), resolved=resolve)
    out = MultiDict()
    for key in META_FIELDS & set(posted):
        out.setlist(key, posted.getlist(key))
    result = Merge(out, resolved=resolve)
    for name in sorted(set(mine) | set(theirs) | set(base.fields)):
        here, now = mine.get(name), theirs.get(name)
        if base.same(name, here) or resolve.get(name) == "theirs":
            keep = now  # not changed on this page: whatever the plan has now stays
            result.changed_elsewhere |= not base.same(name, now)
        else:
            keep = here
            settled = _normal(now) == _normal(here) or resolve.get(name) == "mine"
            if not (base.same(name, now) or settled):
                result.conflicts.append(Conflict(name, _normal(here), _normal(now)))
        if keep:
            out.setlist(name, keep)
    return result


def base_after(base: Base | None, unsaved: set[str], shown: Values) -> dict[str, str]:
    """The fingerprints a page carries after a save: of what it `shown`s now, except for the
    fields this save did not store (`unsaved`: a conflict, an invalid value). Those keep the
    fingerprint of the stored value they stand on, so a conflict stays one until the user
    settles it, and a corrected value is an ordinary change, not a conflict with itself."""
    out = {name: fingerprint(values) for name, values in shown.items() if name not in unsaved}
    for name in unsaved:
        if base is not None and name in base.fields:
            out[name] = base.fields[name]
    return out


def dump_base(fields: Mapping[str, str], lang: str) -> str:
    return json.dumps({"lang": lang, "fields": dict(fields)}, separators=(",", ":"), sort_keys=True)
