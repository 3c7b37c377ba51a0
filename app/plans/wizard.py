"""The plan wizard: one page per step, saved by plain POST or field by field through htmx."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from flask import Response, abort, current_app, flash, g, redirect, request, url_for
from flask_babel import force_locale, format_time, get_locale
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from app.domain import explain, preparation, steps
from app.domain.analysis import analyze
from app.domain.attention import ACTIVITIES as ATTENTION_PLAN_ACTIVITIES
from app.domain.disc import STATEMENTS
from app.domain.keys import PERSPECTIVE, PRECONDITIONS
from app.domain.numbers import NotANumber, input_value, long_date, parse_number
from app.domain.planfile import CLIENT_VIEW_PARTS
from app.domain.potential import effective_advice
from app.domain.tips import tips_for
from app.plans import exports, keeping, merge, store
from app.plans.conflicts import conflict_view
from app.plans.files import file_names, slug
from app.plans.script_view import script_view
from app.plans.step_forms import MAX_ROWS, ROW_LISTS, STEP_FORMS, choices
from app.plans.styles_view import styles_view
from app.plans.views import bp
from app.portfolio import store as portfolio_store
from app.web import render, render_template

PAGE = "pages/plans/step.html"


def _content():
    return current_app.extensions["exitcoach.content"]


def _ui_lang() -> str:
    return str(get_locale() or "en")


def _departments(lang: str) -> dict[str, str]:
    return _content().section(lang, "decide.financial.departments")


def _department_label(key: str) -> str:
    return _departments(_ui_lang()).get(key, key)


def _department_key(text: str | None) -> str | None:
    """A typed department: the known key when it matches a label in either language."""
    if not text:
        return None
    wanted = text.strip().casefold()
    for lang in ("nl", "en"):
        for key, label in _departments(lang).items():
            if wanted in (label.casefold(), key.casefold()):
                return key
    return text.strip()


def _form_for(step: str, data, suggest: bool = True):
    """The step's form filled from the plan; `suggest=False` leaves out what the page only
    suggests (follow-up moments not yet planned), as the save compares with what is stored."""
    if step not in STEP_FORMS:
        return None  # the export step has buttons, not a form
    cls = STEP_FORMS[step]
    kwargs = {}
    if step == "financial":
        kwargs["department_label"] = _department_label
    if step == "client":
        kwargs["default_language"] = _ui_lang()
    if step == "transition" and suggest:
        kwargs["suggested"] = preparation.suggested_follow_ups(data)
        kwargs["suggested_note"] = _content().text(
            data.get("language") or _ui_lang(), "prepare.transition.suggested_note"
        )
    form = cls.for_plan(data, **kwargs)
    if step == "styles":
        _fit_contacts(form, data)
    return form


def _fit_contacts(form, data) -> None:
    """One observation entry per contact of the plan."""
    count = len((data.get("client") or {}).get("contacts") or [])
    while len(form.contacts.entries) < count:
        form.contacts.append_entry()


def _apply(step: str, form, data):
    if step == "financial":
        return form.apply(data, department_key=_department_key)
    return form.apply(data)


def _label_choices(step: str, form) -> None:
    """Choice labels come from the content, in the interface language."""
    texts = _content().section(_ui_lang(), "decide")
    if step == "alternatives":
        kinds = choices(
            [("", _("Choose an alternative"))]
            + [
                (k, texts["alternatives"]["kinds"][k]["label"])
                for k in _content().model["alternative_kinds"]
            ]
        )
        statuses = choices(
            (k, texts["alternatives"]["statuses"][k])
            for k in _content().model["alternative_statuses"]
        )
        for entry in form.alternatives.entries:
            entry.form.kind.choices = kinds
            entry.form.status.choices = statuses
    elif step == "attention":
        attention = _content().section(_ui_lang(), "prepare.attention")
        options = [("", attention["choose"])] + [
            (key, attention["activities"][key]) for key in ATTENTION_PLAN_ACTIVITIES
        ]
        for entry in form.attention_plan.entries:
            entry.form.activity.choices = choices(options)
        kinds = texts["alternatives"]["kinds"]
        form.talk_alternative.choices = choices(
            [("", _("As fits your decision"))]
            + [(k, kinds[k]["label"]) for k in _content().model["alternative_kinds"]]
        )
    elif step == "decision":
        form.choice.choices = choices(
            (k, texts["recommendations"][k]["label"]) for k in _content().model["recommendations"]
        )


def _styles_view(data) -> dict:
    return styles_view(data, _content().section(_ui_lang(), "prepare.styles"))


def _suggestions(data, analysis, plan_lang: str) -> dict[str, str]:
    return preparation.suggestions(
        data, analysis, _content().section(plan_lang, "prepare"), plan_lang
    )


def _step_extras(step: str, data, analysis, plan_lang: str) -> dict:
    """What only this step's page shows: computed for that step alone, not on every autosave."""
    model = _content().model
    if step == "financial":
        return {"departments": _departments(_ui_lang())}
    if step == "alternatives":
        texts = _content().section(_ui_lang(), "decide")
        return {"break_even": explain.break_even_lines(analysis, model, texts, plan_lang)}
    if step == "decision":
        texts = _content().section(_ui_lang(), "decide")
        return {
            "rule_text": explain.rule_explanation(analysis, model, texts, plan_lang),
            **keeping.decision_extras(_content(), analysis, _ui_lang()),
        }
    if step == "value":
        return keeping.value_extras(_content(), data, _ui_lang())
    if step == "styles":
        return {
            "statements": list(STATEMENTS),
            "contacts": (data.get("client") or {}).get("contacts") or [],
            "styles_view": _styles_view(data),
        }
    if step == "preconditions":
        return {
            "preconditions": PRECONDITIONS,
            "perspective": PERSPECTIVE,
            "client_view_parts": CLIENT_VIEW_PARTS,
        }
    if step == "script":
        return script_view(data, analysis, _content(), plan_lang, _ui_lang())
    if step == "transition":
        return _transition_extras(data)
    if step == "client":
        when = data.get("conversation_date")
        return {"conversation_in_past": bool(when) and when < date.today().isoformat()}
    if step == "lessons":
        return {"follow_through": preparation.FOLLOW_THROUGH}
    if step == "attention":
        return keeping.attention_extras(_content(), data, analysis, plan_lang)
    if step == "export":
        state = steps.completion(data, model)
        return {
            "keeps_client": steps.keeps_client(data),
            "open_steps": [
                s
                for s in steps.steps(data)
                if state[s.id] in (steps.TODO, steps.STARTED) and s.id != "export"
            ],
        }
    return {}


def _transition_extras(data) -> dict:
    """The transition's dates for its live panel and the end date's help, in the UI language."""
    transition = data.get("transition") or {}
    end = preparation.end_date(data)
    conversation = data.get("conversation_date")
    help_text = _content().text(_ui_lang(), "prepare.transition.help.end_date")
    if end:
        help_text += " " + _("Now: %(date)s.", date=long_date(end, _ui_lang()))
    return {
        "computed_end": end,
        "end_date_help": help_text,
        "transition_view": {
            "end": end,
            "entered": bool(transition.get("end_date")),
            "conversation": date.fromisoformat(conversation) if conversation else None,
            "weeks": transition.get("notice_weeks"),
            "own": [
                (date.fromisoformat(f["date"]) if f.get("date") else None, f.get("note"))
                for f in data.get("follow_ups") or []
            ],
            "suggested": preparation.suggested_follow_ups(data),
        },
    }


def _portfolio_origin(plan) -> dict[str, str] | None:
    """The portfolio client this plan was started from: its name and the way back to it (the
    clients table filtered to its name)."""
    client = portfolio_store.clients_with_plans(g.user, [plan.id]).get(plan.id)
    if client is None:
        return None
    return {"name": client.name, "url": url_for("portfolio.clients", q=client.name)}


def _context(plan, step: str, form, **extra):
    _label_choices(step, form)
    content = _content()
    data = plan.data or {}
    analysis = analyze(data, content.model)
    plan_lang = data.get("language") or _ui_lang()
    if form is not None and "page_base" not in extra:
        # The base is what is stored: only the transition's form shows more (suggestions).
        stored = _form_for(step, data, suggest=False) if step == "transition" else form
        shown = _canonical(merge.posted_values(stored), merge.number_fields(stored))
        extra["page_base"] = merge.encode_base(shown, _ui_lang())
    return {
        "plan": plan,
        "step": step,
        "form": form,
        "analysis": analysis,
        "plan_lang": plan_lang,
        "model": content.model,
        "completion": steps.completion(data, content.model),
        "next_step": steps.next_step(step, data),
        "plan_steps": steps.steps(data),
        "tips": tips_for(step, data, content.section(_ui_lang(), "tips.tips")),
        "max_rows": MAX_ROWS,
        # only the whole page shows it: an autosave's answer leaves it out (one query less)
        "portfolio_origin": None if extra.pop("fragment", False) else _portfolio_origin(plan),
        **_step_extras(step, data, analysis, plan_lang),
        **extra,
    }


def _step_page(plan, step: str):
    """A step's whole page; the export step starts making the documents in the background."""
    if step == "export":
        exports.prerender(dict(plan.data or {}))
    return render(PAGE, **_context(plan, step, _form_for(step, plan.data or {})))


@bp.get("/plans/<int:plan_id>")
def show(plan_id: int):
    plan = store.plan_of(g.user, plan_id)
    ids = steps.step_ids(plan.data or {})
    step = plan.current_step if plan.current_step in ids else steps.first_step()
    return _step_page(plan, step)


@bp.get("/plans/<int:plan_id>/steps/<step>")
def step(plan_id: int, step: str):
    plan = store.plan_of(g.user, plan_id)
    if not steps.is_step(step):
        abort(404)
    if step not in steps.step_ids(plan.data or {}):
        # a step this plan does not have (the attention plan of an exit): to the plan itself
        return redirect(url_for("plans.show", plan_id=plan.id))
    return _step_page(plan, step)


ROW_FIELD = re.compile(r"^([a-z_]+)-([0-9]{1,4})-([a-z_]+)$")


def _clean_names(formdata: MultiDict) -> MultiDict:
    """Posted data without crafted names: a row field is `list-N-field` with N in ASCII digits;
    anything else with a dash (`contacts-²-name`, `contacts-x`) is dropped, never parsed."""
    kept = MultiDict()
    for key, values in formdata.lists():
        if "-" not in key or ROW_FIELD.match(key):
            kept.setlist(key, values)
    return kept


def _row_action(formdata: MultiDict, list_name: str) -> tuple[MultiDict, str | None]:
    """Apply an 'add row' / 'remove row N' button to the posted data; return what happened."""
    action = formdata.get("row_action", "")
    if action == "add":
        return formdata, "add"
    if not action.startswith("remove:"):
        return formdata, None
    number = action.split(":", 1)[1]
    if not (number.isascii() and number.isdigit()):
        abort(400)
    index = int(number)
    kept = MultiDict()
    for key, value in formdata.items(multi=True):
        row = ROW_FIELD.match(key)
        if not row or row.group(1) != list_name:
            kept.add(key, value)
            continue
        n = int(row.group(2))
        if n != index:
            kept.add(f"{list_name}-{n - 1 if n > index else n}-{row.group(3)}", value)
    if list_name == "contacts" and formdata.get("primary_contact", "").isdigit():
        primary = int(formdata["primary_contact"])
        kept.setlist(
            "primary_contact",
            [] if primary == index else [str(primary - 1 if primary > index else primary)],
        )
    return kept, "remove"


def _canonical(values, numbers):
    """Number inputs as the form shows them in this language ("62500" → "62.500" in Dutch);
    text that is not a number stays as typed, for its error message."""

    def write(text: str) -> str:
        try:
            return input_value(parse_number(text, _ui_lang()), _ui_lang())
        except NotANumber:
            return text

    return merge.canonical(values, numbers, write)


def _resolutions(values: list[str]) -> dict[str, str]:
    """The conflicts the user settled: "mine:NAME" or "theirs:NAME" → {NAME: choice}."""
    out = {}
    for value in values:
        choice, _sep, name = value.partition(":")
        if choice in ("mine", "theirs") and name:
            out[name] = choice
    return out


@dataclass
class _Saved:
    form: object
    merged: merge.Merge
    theirs: dict
    before: tuple


@bp.post("/plans/<int:plan_id>/steps/<step>")
def save_step(plan_id: int, step: str):
    plan = store.plan_of(g.user, plan_id)
    if not steps.is_step(step):
        abort(404)
    if step not in STEP_FORMS:
        abort(405)
    base = merge.decode_base(request.form.get(merge.BASE_FIELD))
    # Read and answer in the language the page was shown in: "1.250" means the same to it.
    with force_locale(base.lang if base and base.lang else _ui_lang()):
        return _save_step(plan, step, base)


def _prepared_post(step: str) -> tuple[MultiDict, str | None]:
    """The posted values with row buttons and "use this suggestion" already applied."""
    posted = _clean_names(MultiDict(request.form))
    list_name = ROW_LISTS.get(step)
    action = None
    if list_name:
        posted, action = _row_action(posted, list_name)
    key = request.form.get("use_suggestion")
    if step == "script" and key in preparation.SCRIPT_STEPS:
        # Without JavaScript, "use this suggestion" adds it to the text on the server.
        plan = store.plan_of(g.user, int(request.view_args["plan_id"]))
        data = plan.data or {}
        lang = data.get("language") or _ui_lang()
        text = _suggestions(data, analyze(data, _content().model), lang)[key]
        posted.setlist(key, ["\n\n".join(p for p in (posted.get(key, "").strip(), text) if p)])
        action = "suggestion"
    return posted, action


def _change(step: str, posted: MultiDict, base, action: str | None):
    """The save itself, run on the freshly read plan (and again if another write got first)."""
    resolve = _resolutions(request.form.getlist("resolve"))
    message = _("Changed in another window while you worked here: choose which to keep.")

    def change(plan) -> _Saved:
        data = plan.data or {}
        stored = _form_for(step, data, suggest=False)
        numbers = merge.number_fields(stored)
        theirs = _canonical(merge.posted_values(stored), numbers)
        merged = merge.merge(_canonical(posted, numbers), base, theirs, resolve)
        form = STEP_FORMS[step](formdata=merged.formdata)
        form.validate()
        list_name = ROW_LISTS.get(step)
        if action == "add" and len(form[list_name].entries) < MAX_ROWS:
            form[list_name].append_entry()
        if step == "decision":
            advice = analyze(data, _content().model)
            # No advice is shown while inputs are missing or the potential exception holds it
            # back: then there is nothing to differ from.
            form.check_rationale(
                effective_advice(advice),
                _content().text(_ui_lang(), "decide.decision.rationale_required"),
            )
        fields = {f.name: f for f in merge.leaves(form)}
        for name in merged.conflict_names:
            if name in fields:
                fields[name].errors = [*fields[name].errors, message]
        before = (steps.step_ids(data), steps.completion(data, _content().model))
        store.set_plan_data(plan, _apply(step, form, data), step)
        return _Saved(form, merged, theirs, before)

    return change


def _save_step(loaded, step: str, base):
    posted, action = _prepared_post(step)
    reads = iter([loaded])  # the first attempt builds on the plan just read for the 404 check

    def load():
        return next(reads, None) or store.fresh_plan_of(g.user, loaded.id)

    try:
        plan, saved = store.save_with_retry(load, _change(step, posted, base, action))
    except store.SaveContention:
        return render_template("partials/steps/busy.html"), 503
    form, merged = saved.form, saved.merged
    fields = _leaf_fields(form)
    errors = {f.id: f.errors for f in fields if f.errors}
    conflicts = conflict_view(form, merged)
    status = 409 if conflicts else 422 if errors else 200
    context = _context(
        plan,
        step,
        form,
        errors=errors,
        conflicts=conflicts,
        changed_elsewhere=merged.changed_elsewhere,
        saved_at=format_time(datetime.now(), "short"),
        row_action=action,
        all_fields=fields,
        fragment=bool(request.htmx),
    )
    # Most keystrokes change no step's state: then the navigator is not sent again.
    context["stepper_changed"] = saved.before != (steps.step_ids(plan.data), context["completion"])
    context["page_base"] = _next_base(form, merged, posted, saved.theirs, base, action, step)
    if request.htmx:
        if action in ("add", "remove"):
            rows = render_template(f"partials/steps/rows/{ROW_LISTS[step]}.html", **context)
            base_input = render_template("partials/steps/save_base.html", oob=True, **context)
            return rows + base_input, status
        return render_template("partials/steps/autosave.html", **context), status
    if errors or action or conflicts:
        return render(PAGE, **context), status if (errors or conflicts) else 200
    following = steps.next_step(step, plan.data)
    if request.form.get("go") == "next" and following:
        return redirect(url_for("plans.step", plan_id=plan.id, step=following))
    flash(_("Saved."), "success")
    return redirect(url_for("plans.step", plan_id=plan.id, step=step))


def _next_base(form, merged, posted, theirs, base, action, step) -> str:
    """The base the page carries after this answer: what its inputs now show."""
    lang = str(get_locale() or "en")
    numbers = merge.number_fields(form)
    shown = _canonical(
        {k: posted.getlist(k) for k in posted if k not in merge.META_FIELDS}, numbers
    )
    rendered = _canonical(merge.posted_values(form), numbers)
    if not request.htmx:
        shown = rendered  # the whole page is drawn again from the form
    elif action in ("add", "remove"):
        prefix = f"{ROW_LISTS[step]}-"
        shown = {k: v for k, v in shown.items() if not k.startswith(prefix)}
        shown |= {k: v for k, v in rendered.items() if k.startswith(prefix)}
    for name, choice in merged.resolved.items():
        if choice == "theirs":
            shown[name] = theirs.get(name, [])
    unsaved = merged.conflict_names | {f.name for f in merge.leaves(form) if f.errors}
    return merge.dump_base(merge.base_after(base, unsaved, shown), lang)


def _leaf_fields(form) -> list:
    """Every input of a form that has an error slot on the page, rows included."""
    # Tick boxes, the primary-contact radios and the hidden row indexes cannot be invalid.
    return [
        f
        for f in merge.leaves(form)
        if f.type not in ("CSRFTokenField", "BooleanField")
        and f.name != "primary_contact"
        and not f.name.endswith("-index")
    ]


@bp.get("/plans/<int:plan_id>/calendar.ics")
def calendar(plan_id: int):
    """The conversation and the follow-up moments as an iCalendar file."""

    plan = store.plan_of(g.user, plan_id)
    data = plan.data or {}
    lang = data.get("language") or _ui_lang()
    titles = {
        "conversation": _content().text(lang, "prepare.script.title_conversation"),
        "follow_up": _content().text(lang, "prepare.script.title_follow_up"),
    }
    if not data.get("follow_ups"):
        # Nothing planned yet: the suggested moments (3, 6, 12 months after the end date).
        note = _content().text(lang, "prepare.transition.suggested_note")
        suggested = preparation.suggested_follow_ups(data)
        data = {**data, "follow_ups": [{"date": d.isoformat(), "note": note} for d in suggested]}
    body = preparation.calendar(plan.id, data, titles, datetime.now(UTC))
    name = f"{file_names(data)['calendar']}-{slug(plan.client_name)}.ics"  # the plan's language
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
