"""The debrief and the end of a workshop (issue 13, point 6): the observers' ticks added up per
point, the questions for the room, closing, and the summary the coach takes home.

Everything here is counts. The debrief page and the summary PDF name no participant and quote
no plan: the totals come from app/domain/workshop_summary.py, over the store's counts.
"""

from __future__ import annotations

from datetime import date

from flask import abort, current_app, g
from flask_babel import get_locale
from flask_babel import gettext as _

from app.domain import roleplay, triads
from app.domain import workshops as rules
from app.domain.workshop_summary import SummaryFacts, WorkshopSummary, build_summary, observed
from app.models import Workshop
from app.pdf import documents
from app.pdf.downloads import pdf_download
from app.plans import examples
from app.web import render
from app.workshops import bp, store, triad_store
from app.workshops.forms import ActionForm
from app.workshops.progress import workshop_progress

PAGE = "pages/workshops/debrief.html"


def _lang() -> str:
    return str(get_locale() or "en")


def _texts(lang: str):
    return current_app.extensions["exitcoach.content"].texts[lang]


def _coaching(workshop_id: int) -> Workshop:
    """The workshop for its coach or a co-coach, open or closed; 404 for anyone else."""
    workshop, role = store.membership(g.user, workshop_id)
    if not rules.runs(role):
        abort(404)
    return workshop


def _observed(workshop: Workshop, lang: str):
    sheets = triad_store.ticks_by_round(workshop)
    per_round = {r: triads.tick_sum(ticks) for r, ticks in sheets.items()}
    counts = {r: len(ticks) for r, ticks in sheets.items()}
    return observed(per_round, counts, roleplay.point_labels(_texts(lang)))


def summary_words() -> dict[str, str]:
    """The summary's headings and line labels in the coach's language (the render worker has
    no translations of its own)."""
    return {
        "heading": _("Summary of the workshop"),
        "privacy": _(
            "Totals only: this summary names no participant and quotes nothing from their "
            "plans. Participants keep their own plans."
        ),
        "made_on": _("Made on {date}"),
        "closed_on": _("closed on {date}"),
        "cases_in_nl": _("cases in Dutch"),
        "cases_in_en": _("cases in English"),
        "workshop": _("The workshop"),
        "participants": _("Participants"),
        "coaches": _("Coach and co-coaches"),
        "started": _("Case started: “{case}”"),
        "steps": _("How far the participants got"),
        "steps_note": _(
            "Each participant counts once, at the step of the plan they worked on last."
        ),
        "not_started": _("No case started"),
        "decisions": _("Decisions taken"),
        "not_decided": _("Not decided yet"),
        "styles": _("Their own DISC styles"),
        "no_style": _("Style not chosen"),
        "role_plays": _("Role plays"),
        "triads": _("Groups formed"),
        "rounds": _("Rounds started"),
        "sheets": _("Observation sheets filled in"),
        "observed": _("What the observers saw"),
        "observed_note": _("How many observation sheets ticked each point, over all rounds."),
        "observed_none": _("No observer filled in a sheet."),
    }


def _labels(lang: str) -> dict[str, dict[str, str]]:
    texts = _texts(lang)
    kinds = texts["prepare"]["styles"]["kinds"]
    return {
        "steps": {key: step["title"] for key, step in texts["steps"]["steps"].items()},
        "decisions": {
            key: kind["label"] for key, kind in texts["decide"]["recommendations"].items()
        },
        "styles": {key: f"{kind['colour']} – {kind['name']}" for key, kind in kinds.items()},
        "points": roleplay.point_labels(texts),
    }


def summary_of(workshop: Workshop, lang: str, today: date) -> WorkshopSummary:
    """The workshop's summary in `lang`, from the store's counts."""
    found, _shared = workshop_progress(workshop)
    started = store.cases_started(workshop)
    cases = [
        (case.title, started.get(case.key, 0))
        for case in examples.available_cases(workshop.language)
        if case.key in workshop.cases
    ]
    sheets = [
        ticks for by_round in triad_store.ticks_by_round(workshop).values() for ticks in by_round
    ]
    members = store.members(workshop)
    facts = SummaryFacts(
        title=workshop.title,
        day=workshop.date,
        language=workshop.language,
        closed_on=workshop.closed_at.date() if workshop.closed_at else None,
        participants=found.totals.participants,
        coaches=sum(1 for m in members if rules.runs(m.role)),
        cases=tuple(cases),
        totals=found.totals,
        triads=len(triad_store.groups(workshop)),
        rounds=workshop.round or 0,
        sheets=len(sheets),
        ticks=tuple(triads.tick_sum(sheets).items()),
    )
    texts = _texts(lang)
    return build_summary(facts, summary_words(), _labels(lang), lang, today, texts["report"])


@bp.get("/workshops/<int:workshop_id>/debrief")
def debrief(workshop_id: int):
    """The observers' ticks per point and round, the questions for the room, closing and the
    summary. While the workshop is open an htmx poll refreshes the ticks (block `ticks`)."""
    workshop = _coaching(workshop_id)
    lang = _lang()
    return render(
        PAGE,
        block="ticks",
        workshop=workshop,
        seen=_observed(workshop, lang),
        debrief=_texts(lang)["workshop"]["debrief"],
        action_form=ActionForm(formdata=None),
    )


@bp.get("/workshops/<int:workshop_id>/summary.pdf")
def summary_pdf(workshop_id: int):
    """The summary as an A4 PDF, in the coach's language: totals only."""
    workshop = _coaching(workshop_id)
    lang = _lang()
    summary = summary_of(workshop, lang, date.today())
    # As the file is saved: "workshop-summary-2027-03-11" ("workshop-samenvatting-…").
    slug = _("workshop-summary")
    name = f"{slug}-{workshop.date.isoformat()}"
    return pdf_download(
        documents.pdf_for_summary, summary, name=name, what=f"workshop {workshop.id} summary"
    )
