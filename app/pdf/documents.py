"""From a plan to its printed documents, without Flask: report → HTML → PDF.

The whole chain runs inside a render worker (`pdf_for_plan` is the job the web server sends),
so a burst of downloads costs the web server almost nothing but the wait. The print preview
uses `document_html` from here too, so preview and PDF come from the same templates and the
same report.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from app.content import Content, load_content
from app.domain.analysis import Thresholds
from app.domain.attention_plan import AttentionPlan, build_attention_plan
from app.domain.portfolio import ClientRow, PortfolioThresholds, analyze_portfolio
from app.domain.report import Report, build_report, plan_language
from app.domain.roleplay import (
    CARD,
    CHECKLIST,
    ObserverChecklist,
    RolePlayCard,
    build_card,
    build_checklist,
)
from app.domain.workshop_summary import WorkshopSummary
from app.pdf import render

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
DOCUMENTS = {
    "plan": "report/plan.html",
    "card": "report/card.html",
    "attention": "report/attention.html",  # the portfolio's attention plan
    CARD: "report/roleplay_card.html",  # a workshop's role play: for the client's player
    CHECKLIST: "report/observer_checklist.html",  # and for the observer
    "summary": "report/workshop_summary.html",  # a workshop's totals, for its coach
}
_lock = threading.Lock()


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The templates of the documents, escaped like every HTML template of the app."""
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html"]),
        auto_reload=False,
    )


@lru_cache(maxsize=4)
def _content(directory: str | None) -> Content:
    return load_content(directory)


def report_for(plan: dict[str, Any], content: Content, today: date) -> Report:
    """The report of a plan document, in the plan's language."""
    texts = content.texts[plan_language(plan)]
    return build_report(plan, texts, content.model, today=today)


def document_html(
    report: Report | AttentionPlan | RolePlayCard | ObserverChecklist,
    which: str,
    *,
    stylesheet: str | None = None,
    toolbar=None,
    **extra: Any,
):
    """The HTML of one document (`which` is "plan", "card" or "attention").

    The browser preview links the print stylesheet (`stylesheet`, a /static URL); for the PDF
    there is no link, the renderer applies its parsed copy of the same file. `extra` is what
    only the preview has (the attention plan's activity forms).
    """
    return (
        environment()
        .get_template(DOCUMENTS[which])
        .render(r=report, stylesheet=stylesheet, toolbar=toolbar, **extra)
    )


def pdf_for_report(
    report: Report, which: str, time_limit: float = render.DEFAULT_TIME_LIMIT
) -> bytes:
    """The PDF of one document of a report."""
    html = document_html(report, which)
    return render.html_to_pdf(html, stylesheets=[render.print_css()], time_limit=time_limit)


def pdf_for_plan(
    plan: dict[str, Any],
    which: str,
    today: date,
    content_dir: str | None = None,
    time_limit: float = render.DEFAULT_TIME_LIMIT,
) -> bytes:
    """The PDF of one document of a plan. The job a render worker runs."""
    report = report_for(plan, _content(content_dir), today)
    return pdf_for_report(report, which, time_limit)


@dataclass(frozen=True)
class AttentionJob:
    """What the attention plan is made from, sent to a render worker (plain, picklable data:
    the worker needs nothing from the database)."""

    rows: tuple[ClientRow, ...]  # with a linked plan's figures where it has them
    thresholds: PortfolioThresholds
    activities: tuple[tuple[str, ...] | None, ...]  # the stored choice, in row order
    client_ids: tuple[int, ...]
    lang: str
    year: int
    words: dict[str, Any]  # the interface words, translated in the request
    today: date


def attention_plan_for(job: AttentionJob, content: Content) -> AttentionPlan:
    """The attention plan of a portfolio: analysed, then built in the job's language."""
    analysis = analyze_portfolio(job.rows, job.thresholds, Thresholds.from_model(content.model))
    texts = content.texts[job.lang]
    return build_attention_plan(
        analysis,
        texts["portfolio"],
        job.lang,
        job.year,
        job.activities,
        model=content.model,
        words=job.words,
        document=texts["report"]["document"],
        today=job.today,
        client_ids=job.client_ids,
    )


def pdf_for_attention_plan(
    job: AttentionJob,
    content_dir: str | None = None,
    time_limit: float = render.DEFAULT_TIME_LIMIT,
) -> bytes:
    """The PDF of a portfolio's attention plan. The job a render worker runs."""
    plan = attention_plan_for(job, _content(content_dir))
    html = document_html(plan, "attention")
    return render.html_to_pdf(html, stylesheets=[render.print_css()], time_limit=time_limit)


def warm_up(content_dir: str | None = None) -> None:
    """Load the content and compile the templates, besides WeasyPrint's own warm-up."""
    with _lock:
        render.warm_up()
        render.print_css()
        _content(content_dir)
        for name in DOCUMENTS.values():
            environment().get_template(name)


@dataclass(frozen=True)
class RolePlayJob:
    """What a role-play document is made from (issue 13, point 5), sent to a render worker:
    the card (`roleplay.CARD`, from the speaker's plan or the workshop's case) or the
    observer's checklist (`roleplay.CHECKLIST`, with what the observer ticked and noted)."""

    which: str
    lang: str  # the document's language: the plan's for the card, the workshop's otherwise
    speaker: str
    plan: dict[str, Any] = field(default_factory=dict)
    fallback_case: str = ""  # the case's title when the speaker has no plan of their own
    client: str = ""  # who plays the client (the checklist)
    client_name: str = ""  # the client company of the speaker's plan (the checklist)
    ticks: tuple[str, ...] = ()
    notes: dict[str, str] = field(default_factory=dict)


def roleplay_for(job: RolePlayJob, content: Content) -> RolePlayCard | ObserverChecklist:
    """The role-play card or the observer's checklist, in the job's language."""
    texts = content.texts[job.lang]
    if job.which == CARD:
        return build_card(job.plan, texts, speaker=job.speaker, fallback_case=job.fallback_case)
    return build_checklist(
        texts,
        job.lang,
        speaker=job.speaker,
        client=job.client,
        client_name=job.client_name,
        ticks=job.ticks,
        notes=job.notes,
    )


def pdf_for_roleplay(
    job: RolePlayJob,
    content_dir: str | None = None,
    time_limit: float = render.DEFAULT_TIME_LIMIT,
) -> bytes:
    """The PDF of a role-play card or an observer's checklist. The job a render worker runs."""
    document = roleplay_for(job, _content(content_dir))
    html = document_html(document, job.which)
    return render.html_to_pdf(html, stylesheets=[render.print_css()], time_limit=time_limit)


def pdf_for_summary(
    summary: WorkshopSummary,
    content_dir: str | None = None,
    time_limit: float = render.DEFAULT_TIME_LIMIT,
) -> bytes:
    """The PDF of a workshop's summary (built in the request: plain counts and words, nothing
    for the worker to look up). The job a render worker runs."""
    html = document_html(summary, "summary")
    return render.html_to_pdf(html, stylesheets=[render.print_css()], time_limit=time_limit)
