"""The summary a coach takes home from a workshop: totals only, no participant's content.

One report object (`WorkshopSummary`) behind the debrief page's totals and the PDF the coach
downloads. Pure: the counts come in as data (`SummaryFacts`, read by the store), the words in
the coach's language (`words`, translated in the request, and the labels of steps, decisions,
styles and checklist points from the content), so the render worker needs nothing else.

Nothing in it names a participant or quotes a plan: it says how many, never who or what.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.domain.numbers import long_date, number, percent
from app.domain.workshop_progress import Totals


@dataclass(frozen=True)
class SummaryFacts:
    """What happened in a workshop, as counts (read by app/workshops/store.py)."""

    title: str
    day: date
    language: str  # the language of the cases
    closed_on: date | None
    participants: int
    coaches: int
    cases: tuple[tuple[str, int], ...]  # (case title, copies started), in the offered order
    totals: Totals  # where the participants got (app/domain/workshop_progress.py)
    triads: int
    rounds: int
    sheets: int  # observation sheets filled in (one per observer and round)
    ticks: tuple[tuple[str, int], ...]  # (checklist point id, sheets that ticked it)


@dataclass(frozen=True)
class Line:
    label: str
    value: str  # the count as the reader's language writes it
    share: str = ""  # "(40 %)" of the section's whole, when that helps


@dataclass(frozen=True)
class Section:
    key: str  # a stable id for the template and the tests
    title: str
    lines: tuple[Line, ...]
    note: str = ""  # one sentence under the table (what the numbers mean), or empty


@dataclass(frozen=True)
class WorkshopSummary:
    lang: str
    t: Mapping[str, Any]  # the report texts of `lang`: the printed page's frame (page numbers)
    title: str
    heading: str  # "Summary of the workshop"
    about: str  # "11 March 2027 · cases in English · closed on 11 March 2027"
    made_on: str
    privacy: str  # the promise: totals only
    sections: tuple[Section, ...]
    kind: str = "summary"

    @property
    def client_name(self) -> str:
        """What the running header of the printed pages names: the workshop."""
        return self.title


def _share(part: int, whole: int, lang: str) -> str:
    return f"({percent(100 * part / whole, lang, 0)})" if whole else ""


def _lines(
    counts: Sequence[tuple[str, int]], labels: Mapping[str, str], whole: int, lang: str
) -> tuple[Line, ...]:
    return tuple(
        Line(labels.get(key, key), number(count, lang, 0), _share(count, whole, lang))
        for key, count in counts
    )


def _tally(
    key: str,
    counts: Sequence[tuple[str, int]],
    not_yet: tuple[str, int],
    words: Mapping[str, str],
    labels: Mapping[str, Mapping[str, str]],
    people: int,
    lang: str,
    note: str = "",
) -> Section:
    """A section of the group's totals (`key`: steps, decisions or styles): a line per id with
    its share of the participants, then those not there yet (`not_yet`: its word's key and
    count)."""
    none_key, _count = not_yet
    named = {**labels[key], none_key: words[none_key]}
    return Section(key, words[key], _lines((*counts, not_yet), named, people, lang), note)


def build_summary(
    facts: SummaryFacts,
    words: Mapping[str, str],
    labels: Mapping[str, Mapping[str, str]],
    lang: str,
    today: date,
    report_texts: Mapping[str, Any],
) -> WorkshopSummary:
    """The summary in `lang`. `words` holds the headings and line labels (see
    app/workshops/debrief.py for the keys); `labels` names the ids: `steps`, `decisions`,
    `styles` and `points` (the checklist), each `{id: label}`."""
    totals = facts.totals
    people = facts.participants
    about = [long_date(facts.day, lang), words[f"cases_in_{facts.language}"]]
    if facts.closed_on is not None:
        about.append(words["closed_on"].format(date=long_date(facts.closed_on, lang)))
    common = (words, labels, people, lang)
    sections = [
        Section(
            "workshop",
            words["workshop"],
            (
                Line(words["participants"], number(people, lang, 0)),
                Line(words["coaches"], number(facts.coaches, lang, 0)),
                *(
                    Line(words["started"].format(case=title), number(n, lang, 0))
                    for title, n in facts.cases
                ),
            ),
        ),
        _tally(
            "steps",
            totals.at_step,
            ("not_started", totals.not_started),
            *common,
            note=words["steps_note"],
        ),
        _tally("decisions", totals.decisions, ("not_decided", totals.not_decided), *common),
        _tally("styles", totals.styles, ("no_style", totals.no_style), *common),
        Section(
            "role_plays",
            words["role_plays"],
            (
                Line(words["triads"], number(facts.triads, lang, 0)),
                Line(words["rounds"], number(facts.rounds, lang, 0)),
                Line(words["sheets"], number(facts.sheets, lang, 0)),
            ),
        ),
        Section(
            "observed",
            words["observed"],
            _lines(facts.ticks, labels["points"], facts.sheets, lang),
            words["observed_note"] if facts.sheets else words["observed_none"],
        ),
    ]
    return WorkshopSummary(
        lang=lang,
        t=report_texts,
        title=facts.title,
        heading=words["heading"],
        about=" · ".join(about),
        made_on=words["made_on"].format(date=long_date(today, lang)),
        privacy=words["privacy"],
        sections=tuple(sections),
    )


@dataclass(frozen=True)
class ObservedRow:
    key: str  # a checklist point (app/domain/triads.POINTS)
    label: str
    per_round: tuple[int, ...]  # sheets that ticked it, in the order of Observed.rounds
    total: int
    least: bool  # seen least often: where the debrief can start


@dataclass(frozen=True)
class Observed:
    """The observers' ticks for the debrief: per point, per round and in all, naming nobody."""

    rounds: tuple[int, ...]
    sheets: tuple[int, ...]  # sheets filled in, per round
    total_sheets: int
    rows: tuple[ObservedRow, ...]

    @property
    def least(self) -> ObservedRow | None:
        return next((row for row in self.rows if row.least), None)


def observed(
    per_round: Mapping[int, Mapping[str, int]],
    sheets: Mapping[int, int],
    labels: Mapping[str, str],
) -> Observed:
    """The debrief's table from the ticks per round (`{round: {point: sheets that ticked it}}`,
    every point listed) and the sheets per round. The point seen least often (the first of
    them in checklist order) is marked, once any sheet was filled in."""
    rounds = tuple(sorted(r for r in per_round if sheets.get(r)))
    total_sheets = sum(sheets.get(r, 0) for r in rounds)
    totals = {key: sum(per_round[r].get(key, 0) for r in rounds) for key in labels}
    lowest = min(totals, key=lambda key: totals[key]) if total_sheets and totals else None
    return Observed(
        rounds=rounds,
        sheets=tuple(sheets[r] for r in rounds),
        total_sheets=total_sheets,
        rows=tuple(
            ObservedRow(
                key,
                label,
                tuple(per_round[r].get(key, 0) for r in rounds),
                totals[key],
                key == lowest,
            )
            for key, label in labels.items()
        ),
    )
