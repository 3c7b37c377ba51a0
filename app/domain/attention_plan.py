"""Next year's attention plan: per class the clients, their contact rhythm and activities.

`build_attention_plan` turns an analysed portfolio into plain data — texts in one language,
figures already formatted in its locale — that the HTML preview and the PDF render alike
(templates/report/attention.html), and that the calendar file reads (`attention_calendar`).
Pure: no Flask, no database, no WeasyPrint. Interface words (column headers, notes) come in as
`words`, translated by the caller; coaching texts from content/<lang>/portfolio.yaml.

A big base stays a readable document: A, B and E and the pearls are listed client by client;
a C or D class with more than 150 clients is summarised (counts per segment, the activities its
clients share, the clients with a choice of their own) and says so. So is an A, B or E class of
more than 500 clients (a base of thousands of small loss-makers), so that the PDF of a
5,000-client base stays within its render time.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from babel.lists import format_list

from app.domain import numbers
from app.domain.portfolio import (
    CLASS_ACTIVITIES,
    CLASSES,
    SEGMENTS,
    ClientResult,
    PortfolioAnalysis,
    default_activities,
    pearl_step,
)

KIND = "attention"
MONTHS, WEEKS = 12, 52
# How many clients of a class are listed one by one; a bigger class is summarised.
LIST_LIMITS = {"A": 500, "B": 500, "C": 150, "D": 150, "E": 500}
# The clients of a summarised class with their own choice of activities, listed up to this.
OWN_CHOICE_LIMIT = 150


def visits_a_year(every_months: int | None) -> int:
    """Visits in one year at one visit every `every_months` months, the first in January."""
    return math.ceil(MONTHS / every_months) if every_months else 0


def calls_a_year(every_weeks: int | None) -> int:
    """Calls in one year at one call every `every_weeks` weeks, the first in January's first
    week (so the last falls before the year ends: 52 weeks, never a 53rd)."""
    return math.ceil(WEEKS / every_weeks) if every_weeks else 0


@dataclass(frozen=True)
class Rhythm:
    """A segment's contact rhythm: the model's numbers and the content's words."""

    segment: str
    name: str
    visit_every_months: int | None
    call_every_weeks: int | None
    visits_text: str
    calls_text: str
    approach: str

    @property
    def visits(self) -> int:
        return visits_a_year(self.visit_every_months)

    @property
    def calls(self) -> int:
        return calls_a_year(self.call_every_weeks)

    @property
    def fixed(self) -> bool:
        """False for a segment without a planned rhythm (tiring): no calendar events."""
        return bool(self.visit_every_months or self.call_every_weeks)


def rhythms(model: Mapping[str, Any], texts: Mapping[str, Any]) -> dict[str, Rhythm]:
    """Every segment's rhythm from model.yaml `portfolio_rhythm` and portfolio.yaml `segments`."""
    table = model.get("portfolio_rhythm") or {}
    result = {}
    for segment in SEGMENTS:
        numbers_ = table.get(segment) or {}
        words = texts["segments"][segment]
        result[segment] = Rhythm(
            segment=segment,
            name=words["name"],
            visit_every_months=numbers_.get("visit_every_months"),
            call_every_weeks=numbers_.get("call_every_weeks"),
            visits_text=words["visits"],
            calls_text=words["calls"],
            approach=words["approach"],
        )
    return result


def chosen_activities(klass: str, stored: Sequence[str] | None) -> list[str]:
    """The activities a client of `klass` gets: the user's choice, in the class's order.

    None means "not chosen yet": the class's defaults. A choice made while the client was in
    another class (none of its keys fits this one) counts as not chosen; an empty choice is a
    choice (no activities).
    """
    keys = CLASS_ACTIVITIES[klass]
    if stored is None:
        return default_activities(klass)
    fitting = [key for key in keys if key in stored]
    if stored and not fitting:
        return default_activities(klass)
    return fitting


def invalid_activities(klass: str, keys: Sequence[str]) -> list[str]:
    """The keys that are not activities of `klass` (a form may only tick the class's own)."""
    allowed = CLASS_ACTIVITIES[klass]
    return [key for key in keys if key not in allowed]


@dataclass(frozen=True)
class Activity:
    key: str
    code: str  # "A1": how the client rows refer to it
    text: str
    chosen: int  # how many clients of the class have it
    chosen_text: str  # "chosen for 8 of 10"


@dataclass(frozen=True)
class PlanClient:
    """One client in the attention plan."""

    client_id: int | None
    position: int
    name: str
    klass: str
    segment: str
    segment_name: str
    revenue: str
    visits: int
    calls: int
    visits_shown: str  # the number in the document's locale, "–" without a rhythm
    calls_shown: str
    rhythm_fixed: bool
    activities: tuple[str, ...]  # keys, in the class's order
    codes: str  # "A1, A2, A3" (or the words for none)
    own_choice: bool  # the user chose (not the class's defaults)
    pearl: bool


@dataclass(frozen=True)
class SegmentLine:
    """A segment within a class or the whole base: how many clients, contacts a year."""

    rhythm: Rhythm
    clients: int
    visits: int
    calls: int
    clients_shown: str
    visits_shown: str
    calls_shown: str


@dataclass(frozen=True)
class ClassSection:
    klass: str
    title: str  # "A – key clients"
    name: str
    summary: str
    clients: int
    clients_shown: str
    clients_text: str  # "12 clients" / "1 client"
    revenue: str
    revenue_pct: str
    visits: int
    calls: int
    visits_shown: str
    calls_shown: str
    activities: tuple[Activity, ...]
    listed: bool  # every client is in `members`; else summarised
    members: tuple[PlanClient, ...]  # every client of the class, by revenue
    segments: tuple[SegmentLine, ...]
    own_choice: tuple[PlanClient, ...]  # summarised: the clients with a choice of their own
    own_choice_more: int  # … and how many more not listed
    own_choice_more_text: str
    note: str  # why and how the class is summarised ("" when listed)

    @property
    def shown_members(self) -> tuple[PlanClient, ...]:
        return self.members if self.listed else ()


@dataclass(frozen=True)
class PearlGroup:
    step: str
    text: str
    clients: tuple[PlanClient, ...]


@dataclass(frozen=True)
class AttentionPlan:
    """The whole document: a one-page summary, one section per class, the pearls."""

    lang: str
    year: int
    title: str
    client_name: str  # the running header's first part (report/base.html)
    made_on: str
    t: Mapping[str, Any]  # the documents' page words (report.yaml `document`)
    w: Mapping[str, Any]  # interface words, translated by the caller
    clients: int
    clients_shown: str
    visits: int
    calls: int
    visits_shown: str
    calls_shown: str
    classes: tuple[ClassSection, ...]
    segments: tuple[SegmentLine, ...]  # the whole base
    pearls: tuple[PearlGroup, ...]
    pearls_count: int
    pearls_shown: str
    pearls_title: str
    pearls_intro: str
    without_rhythm: int  # clients without a fixed rhythm (tiring): not in the calendar
    without_rhythm_text: str  # why they are not in the calendar ("" when none)
    summarised: tuple[str, ...]  # the classes summarised
    summarised_text: str  # the summary page's one line about them ("" when none)
    members: tuple[PlanClient, ...]  # every client, in the analysis' row order
    rhythms: Mapping[str, Rhythm]  # per segment
    activity_texts: Mapping[str, str]  # per activity key
    kind: str = KIND

    def section(self, klass: str) -> ClassSection:
        return next(s for s in self.classes if s.klass == klass)


def _count(value: int, lang: str) -> str:
    return numbers.number(value, lang, 0)


def _clients_text(count: int, words: Mapping[str, Any], lang: str) -> str:
    return words["client_count" if count == 1 else "clients_count"].format(
        count=_count(count, lang)
    )


def _plan_client(
    result: ClientResult,
    rhythm: Rhythm,
    stored: Sequence[str] | None,
    client_id: int | None,
    lang: str,
    none_word: str,
) -> PlanClient:
    klass = result.klass
    chosen = chosen_activities(klass, stored)
    keys = CLASS_ACTIVITIES[klass]
    codes = ", ".join(f"{klass}{keys.index(k) + 1}" for k in chosen) or none_word
    return PlanClient(
        client_id=client_id,
        position=result.position,
        name=result.client,
        klass=klass,
        segment=result.segment,
        segment_name=rhythm.name,
        revenue=numbers.money(result.revenue, lang, cents=False),
        visits=rhythm.visits,
        calls=rhythm.calls,
        visits_shown=_count(rhythm.visits, lang) if rhythm.visit_every_months else "–",
        calls_shown=_count(rhythm.calls, lang) if rhythm.call_every_weeks else "–",
        rhythm_fixed=rhythm.fixed,
        activities=tuple(chosen),
        codes=codes,
        own_choice=stored is not None and chosen != default_activities(klass),
        pearl=result.pearl,
    )


def _segment_lines(members: Sequence[PlanClient], rhythm_of: Mapping[str, Rhythm], lang: str):
    lines = []
    for segment in SEGMENTS:
        these = [m for m in members if m.segment == segment]
        if not these:
            continue
        visits, calls = sum(m.visits for m in these), sum(m.calls for m in these)
        lines.append(
            SegmentLine(
                rhythm=rhythm_of[segment],
                clients=len(these),
                visits=visits,
                calls=calls,
                clients_shown=_count(len(these), lang),
                visits_shown=_count(visits, lang),
                calls_shown=_count(calls, lang),
            )
        )
    return tuple(lines)


def _class_section(
    klass: str,
    members: Sequence[PlanClient],
    analysis: PortfolioAnalysis,
    texts: Mapping[str, Any],
    words: Mapping[str, Any],
    rhythm_of: Mapping[str, Rhythm],
    lang: str,
) -> ClassSection:
    total = next(t for t in analysis.classes if t.klass == klass)
    chosen = Counter(key for m in members for key in m.activities)
    activities = tuple(
        Activity(
            key,
            f"{klass}{i}",
            texts["activities"][key],
            chosen[key],
            words["chosen_for"].format(
                count=_count(chosen[key], lang), total=_count(len(members), lang)
            ),
        )
        for i, key in enumerate(CLASS_ACTIVITIES[klass], start=1)
    )
    limit = LIST_LIMITS[klass]
    listed = len(members) <= limit
    own = [m for m in members if m.own_choice] if not listed else []
    visits, calls = sum(m.visits for m in members), sum(m.calls for m in members)
    note = ""
    if not listed:
        note = words["summarised"].format(
            klass=klass, count=_count(len(members), lang), limit=_count(limit, lang)
        )
    return ClassSection(
        klass=klass,
        title=texts["classes"][klass]["short"],
        name=texts["classes"][klass]["name"],
        summary=texts["classes"][klass]["summary"],
        clients=len(members),
        clients_shown=_count(len(members), lang),
        clients_text=_clients_text(len(members), words, lang),
        revenue=numbers.money(total.revenue, lang, cents=False),
        revenue_pct=numbers.percent(total.revenue_pct, lang),
        visits=visits,
        calls=calls,
        visits_shown=_count(visits, lang),
        calls_shown=_count(calls, lang),
        activities=activities,
        listed=listed,
        members=tuple(members),
        segments=_segment_lines(members, rhythm_of, lang),
        own_choice=tuple(own[:OWN_CHOICE_LIMIT]),
        own_choice_more=max(0, len(own) - OWN_CHOICE_LIMIT),
        own_choice_more_text=words["own_choice_more"].format(
            count=_count(max(0, len(own) - OWN_CHOICE_LIMIT), lang)
        ),
        note=note,
    )


def _summarised_text(classes: Sequence[ClassSection], words: Mapping[str, Any], lang: str) -> str:
    """One line for the summary page: which classes are summarised, with their sizes."""
    parts = [
        words["summarised_class"].format(klass=s.klass, count=s.clients_shown)
        for s in classes
        if not s.listed
    ]
    if not parts:
        return ""
    return words["summarised_list"].format(classes=format_list(parts, locale=numbers.LOCALES[lang]))


def _pearls(
    analysis: PortfolioAnalysis, by_position: Mapping[int, PlanClient], texts: Mapping[str, Any]
) -> tuple[PearlGroup, ...]:
    groups = []
    for step, text in texts["pearls"]["steps"].items():
        clients = tuple(by_position[p.position] for p in analysis.pearls() if pearl_step(p) == step)
        if clients:
            groups.append(PearlGroup(step, text, clients))
    return tuple(groups)


def build_attention_plan(
    analysis: PortfolioAnalysis,
    texts: Mapping[str, Any],
    lang: str,
    year: int,
    activities: Sequence[Sequence[str] | None],
    *,
    model: Mapping[str, Any],
    words: Mapping[str, Any],
    document: Mapping[str, Any],
    today: date,
    client_ids: Sequence[int | None] | None = None,
) -> AttentionPlan:
    """The attention plan of `year` for an analysed portfolio, in `lang`.

    `texts` is content/<lang>/portfolio.yaml, `activities` the stored choice per client in
    the analysis' row order (None: not chosen), `model` the loaded model.yaml (its
    `portfolio_rhythm`), `words` the interface words (`title`, `none`, `summarised`, …),
    `document` the documents' page words (report.yaml `document`), `client_ids` the stored
    clients' ids in row order (for the preview's forms and the calendar's event ids).
    """
    rhythm_of = rhythms(model, texts)
    ids = list(client_ids) if client_ids is not None else [None] * len(analysis.clients)
    members = [
        _plan_client(
            result,
            rhythm_of[result.segment],
            activities[result.position] if result.position < len(activities) else None,
            ids[result.position],
            lang,
            words["none"],
        )
        for result in analysis.clients
    ]
    by_position = {m.position: m for m in members}
    classes = tuple(
        _class_section(
            klass,
            [by_position[r.position] for r in analysis.in_class(klass)],
            analysis,
            texts,
            words,
            rhythm_of,
            lang,
        )
        for klass in CLASSES
    )
    visits, calls = sum(m.visits for m in members), sum(m.calls for m in members)
    pearls = _pearls(analysis, by_position, texts)
    title = words["title"].format(year=year)
    without = sum(1 for m in members if not m.rhythm_fixed)
    return AttentionPlan(
        lang=lang,
        year=year,
        title=title,
        client_name=title,
        made_on=document["made_on"].format(date=numbers.long_date(today, lang)),
        t={"document": document},
        w=words,
        clients=len(members),
        clients_shown=_count(len(members), lang),
        visits=visits,
        calls=calls,
        visits_shown=_count(visits, lang),
        calls_shown=_count(calls, lang),
        classes=classes,
        segments=_segment_lines(members, rhythm_of, lang),
        pearls=pearls,
        pearls_count=sum(len(g.clients) for g in pearls),
        pearls_shown=_count(sum(len(g.clients) for g in pearls), lang),
        pearls_title=texts["pearls"]["title"],
        pearls_intro=texts["pearls"]["intro"],
        without_rhythm=without,
        without_rhythm_text=words["tiring"].format(count=_count(without, lang)) if without else "",
        summarised=tuple(s.klass for s in classes if not s.listed),
        summarised_text=_summarised_text(classes, words, lang),
        members=tuple(members),
        rhythms=rhythm_of,
        activity_texts=dict(texts["activities"]),
    )
