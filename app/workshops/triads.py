"""Role plays in threes (issue 13, point 5): the coach's groups page and a participant's
"My role play" page with the role-play card or the observer's checklist, and their PDFs.

Thin views over `app.domain.triads` (groups and roles), `app.domain.roleplay` (the two
documents) and `triad_store`. Who sees what, in the round the room is in:
- the coach and co-coaches: the groups page; they change groups only while the workshop is open;
- the one who plays the client: the role-play card, built from the speaker's plan (the speaker
  does not get it: the reactions to try are meant to surprise them);
- the observers: the checklist, which they tick and annotate (saved per observer and round);
- the speaker: whom they talk to.
Anyone else gets a 404, as for every workshop page.
"""

from __future__ import annotations

from flask import abort, current_app, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.domain import examples as domain_examples
from app.domain import roleplay, triads
from app.domain import workshops as rules
from app.domain.report.common import plan_language
from app.models import Workshop
from app.pdf import documents
from app.pdf.downloads import pdf_download
from app.plans import examples
from app.web import render
from app.workshops import bp, store, triad_store
from app.workshops.forms import ActionForm

PROBLEMS = {
    triads.NOBODY: _l("Nobody has joined yet: groups are formed from the participants."),
    triads.ALONE: _l("Only one participant has joined: there is nobody to play with yet."),
    triads.UNKNOWN_MEMBER: _l("Choose a participant of this workshop."),
    triads.UNKNOWN_GROUP: _l("Choose one of the groups listed."),
    triads.SAME_GROUP: _l("This participant is already in that group."),
    triads.TOO_SMALL: _l(
        "Not moved: the group they leave would have only one person left. Move someone else "
        "first, or form the groups again."
    ),
}
OBSERVATION_PROBLEMS = {
    "unknown_point": _l("Tick only the points on the checklist."),
    "unknown_field": _l("This form has no such field: nothing was saved."),
    "too_long": _l("Keep a note under %(n)d characters.", n=triads.MAX_NOTE),
}
YOUR_ROLE = {
    triads.SPEAKER: _l("you bring the message"),
    triads.CLIENT: _l("you play the client"),
    triads.OBSERVER: _l("you observe"),
}
ROLE_NAMES = {
    triads.SPEAKER: _l("brings the message"),
    triads.CLIENT: _l("plays the client"),
    triads.OBSERVER: _l("observes"),
}


def _content():
    return current_app.extensions["exitcoach.content"]


def _names(workshop: Workshop) -> dict[int, str]:
    return {u.id: u.email for u in triad_store.participants(workshop)}


def _coach(workshop_id: int, *, editing: bool) -> Workshop:
    """The workshop for its coach or co-coach; 404 for anyone else, and for a change once the
    workshop is closed."""
    workshop, role = store.membership(g.user, workshop_id)
    if not rules.runs(role) or (editing and workshop.status != rules.OPEN):
        abort(404)
    return workshop


def _triads_page(workshop: Workshop, problem: str | None = None, status: int = 200):
    round_ = triad_store.current_round(workshop)
    groups = triad_store.groups(workshop)
    names = _names(workshop)
    return render(
        "pages/workshops/triads.html",
        workshop=workshop,
        round=round_,
        started=(workshop.round or 0) > 0,
        groups=[(group, triads.roles(group, round_)) for group in groups],
        ungrouped=triads.ungrouped(groups, list(names)),
        names=names,
        role_names=ROLE_NAMES,
        problem=PROBLEMS.get(problem) if problem else None,
        editable=workshop.status == rules.OPEN,
        action_form=ActionForm(formdata=None),
    ), status


@bp.get("/workshops/<int:workshop_id>/triads")
def triads_page(workshop_id: int):
    """The coach's groups: who is in which group and who has which role this round."""
    return _triads_page(_coach(workshop_id, editing=False))


@bp.post("/workshops/<int:workshop_id>/triads")
def form_triads(workshop_id: int):
    """Form the groups from everyone who has joined (again: the old groups are replaced)."""
    workshop = _coach(workshop_id, editing=True)
    if not ActionForm().validate_on_submit():
        abort(400)
    problem = triad_store.form(workshop)
    if problem:
        return _triads_page(workshop, problem, 422)
    flash(_("The groups are formed."), "success")
    return redirect(url_for("workshops.triads_page", workshop_id=workshop.id))


def _posted_int(name: str) -> int | None:
    value = request.form.get(name, "")
    return int(value) if value.isdigit() and len(value) < 10 else None


@bp.post("/workshops/<int:workshop_id>/triads/move")
def move_participant(workshop_id: int):
    """Move one participant to another group (or into one, when they joined later)."""
    workshop = _coach(workshop_id, editing=True)
    if not ActionForm().validate_on_submit():
        abort(400)
    user_id, number = _posted_int("user_id"), _posted_int("group")
    if user_id is None:
        return _triads_page(workshop, triads.UNKNOWN_MEMBER, 422)
    if number is None:
        return _triads_page(workshop, triads.UNKNOWN_GROUP, 422)
    problem = triad_store.move(workshop, user_id, number)
    if problem:
        return _triads_page(workshop, problem, 422)
    flash(_("Moved to group %(n)d.", n=number), "success")
    return redirect(url_for("workshops.triads_page", workshop_id=workshop.id))


@bp.post("/workshops/<int:workshop_id>/triads/next-round")
def next_round(workshop_id: int):
    """The next round: in every group the roles move on by one."""
    workshop = _coach(workshop_id, editing=True)
    if not ActionForm().validate_on_submit():
        abort(400)
    number = triad_store.next_round(workshop)
    if number == 1:
        flash(_("Round 1 has started: everyone can open their role now."), "info")
    else:
        flash(_("Round %(n)d: the roles have moved on.", n=number), "info")
    return redirect(url_for("workshops.triads_page", workshop_id=workshop.id))


def _my_part(workshop_id: int):
    """The participant's workshop, group, roles this round and own role; 404 for anyone who
    is not a participant of this workshop."""
    workshop, role = store.membership(g.user, workshop_id)
    if role != rules.PARTICIPANT:
        abort(404)
    round_ = triad_store.current_round(workshop)
    group = triads.group_of(triad_store.groups(workshop), g.user.id)
    roles = triads.roles(group, round_) if group else None
    mine = roles.of(g.user.id) if roles else None
    return workshop, round_, group, roles, mine


def _card_job(workshop: Workshop, roles: triads.Roles) -> documents.RolePlayJob:
    """What the card is made from: the speaker's latest plan here, else the workshop's case."""
    speaker = _names(workshop).get(roles.speaker, "")
    plan = triad_store.speaker_plan(workshop, roles.speaker)
    if plan is not None:
        data = dict(plan.data or {})
        return documents.RolePlayJob(roleplay.CARD, plan_language(data), speaker, plan=data)
    offered = examples.available_cases(workshop.language)
    case = next((c for c in offered if c.key in workshop.cases), offered[0])
    facts = domain_examples.exercise(examples.example_plan(case))
    return documents.RolePlayJob(
        roleplay.CARD, plan_language(facts), speaker, plan=facts, fallback_case=case.title
    )


def _checklist_job(
    workshop: Workshop, roles: triads.Roles, round_: int, posted=None
) -> documents.RolePlayJob:
    """What the checklist is made from: who plays whom, and what this observer has ticked
    and noted (the saved observation, or what they just posted)."""
    names = _names(workshop)
    if posted is None:
        row = triad_store.observation(workshop, g.user, round_)
        posted = (tuple(row.ticks or ()), dict(row.notes or {})) if row else ((), {})
    plan = triad_store.speaker_plan(workshop, roles.speaker)
    client = ((plan.data or {}).get("client") or {}) if plan else {}
    return documents.RolePlayJob(
        roleplay.CHECKLIST,
        workshop.language,
        names.get(roles.speaker, ""),
        client=names.get(roles.client, "") if roles.client else "",
        client_name=str(client.get("name") or ""),
        ticks=tuple(posted[0]),
        notes=dict(posted[1]),
    )


def _roleplay_page(workshop_id: int, *, posted=None, problems=None, status: int = 200):
    """The participant's page; with `problems` (a refused save) the typed values are kept."""
    workshop, round_, group, roles, mine = _my_part(workshop_id)
    document = None
    if mine == triads.CLIENT:
        document = documents.roleplay_for(_card_job(workshop, roles), _content())
    elif mine == triads.OBSERVER:
        job = _checklist_job(workshop, roles, round_, posted)
        document = documents.roleplay_for(job, _content())
    # The one bringing the message takes their own plan (and its meeting card) into the room.
    played = triad_store.speaker_plan(workshop, g.user.id) if mine == triads.SPEAKER else None
    return render(
        "pages/workshops/roleplay.html",
        block="observation_status",
        workshop=workshop,
        round=round_,
        started=(workshop.round or 0) > 0,
        group=group,
        roles=roles,
        mine=mine,
        names=_names(workshop),
        role_names=ROLE_NAMES,
        your_role=YOUR_ROLE,
        observer_names=", ".join(_names(workshop).get(o, "") for o in roles.observers)
        if roles
        else "",
        max_note=triads.MAX_NOTE,
        r=document,
        played=played,
        problems=problems or {},
        saved=posted is None and problems is not None,
        may_save=workshop.status == rules.OPEN,
        action_form=ActionForm(formdata=None),
    ), status


@bp.get("/workshops/<int:workshop_id>/roleplay")
def my_roleplay(workshop_id: int):
    """My group and my role this round, with the card or the checklist that goes with it."""
    return _roleplay_page(workshop_id)


def _typed(ticked: list[str], fields: dict[str, str]):
    """What the observer posted, kept for the page that shows why it was not saved (only the
    points of the checklist: a crafted field is not shown back)."""
    notes = {}
    for name, value in fields.items():
        point = name.removeprefix(triads.NOTE_PREFIX)
        if name.startswith(triads.NOTE_PREFIX) and point in triads.POINTS:
            notes[point] = value
    return [p for p in ticked if p in triads.POINTS], notes


@bp.post("/workshops/<int:workshop_id>/roleplay/observation")
def save_observation(workshop_id: int):
    """An observer's ticks and notes for this round. A plain POST redirects back to the page;
    htmx (autosave) gets only the save status, never the inputs being typed in."""
    workshop, round_, _group, _roles, mine = _my_part(workshop_id)
    if mine != triads.OBSERVER or workshop.status != rules.OPEN:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    ticked = request.form.getlist("tick")
    fields = {k: v for k, v in request.form.items() if k not in ("tick", "csrf_token")}
    seen, problems = triads.read_observation(ticked, fields)
    if seen is None:
        messages = {name: str(OBSERVATION_PROBLEMS[p]) for name, p in problems.items()}
        return _roleplay_page(
            workshop_id, posted=_typed(ticked, fields), problems=messages, status=422
        )
    triad_store.save_observation(workshop, g.user, round_, seen)
    if request.htmx:
        return _roleplay_page(workshop_id, problems={})
    flash(_("Your notes for round %(n)d are saved.", n=round_), "success")
    return redirect(url_for("workshops.my_roleplay", workshop_id=workshop_id, _anchor="checklist"))


def _download(job: documents.RolePlayJob, name: str):
    return pdf_download(documents.pdf_for_roleplay, job, name=name, what=f"a workshop {job.which}")


@bp.get("/workshops/<int:workshop_id>/roleplay/card.pdf")
def card_pdf(workshop_id: int):
    """The role-play card on A4, for the one who plays the client this round only."""
    workshop, round_, _group, roles, mine = _my_part(workshop_id)
    if mine != triads.CLIENT:
        abort(404)
    job = _card_job(workshop, roles)
    return _download(job, f"{_file(job, 'card')}-{round_}")


@bp.get("/workshops/<int:workshop_id>/roleplay/checklist.pdf")
def checklist_pdf(workshop_id: int):
    """The observer's checklist on A4 (with what they ticked so far), for the observers only."""
    workshop, round_, _group, roles, mine = _my_part(workshop_id)
    if mine != triads.OBSERVER:
        abort(404)
    job = _checklist_job(workshop, roles, round_)
    return _download(job, f"{_file(job, 'checklist')}-{round_}")


def _file(job: documents.RolePlayJob, which: str) -> str:
    """The file's name in the document's language (workshop.yaml `<which>.file`)."""
    return _content().texts[job.lang]["workshop"][which]["file"]
