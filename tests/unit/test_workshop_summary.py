"""The workshop's summary and the debrief's table, pure: counts in, words and numbers out."""

from __future__ import annotations

from datetime import date

from app.domain.workshop_progress import Totals
from app.domain.workshop_summary import SummaryFacts, build_summary, observed

WORDS = {
    key: key.upper() + (" {date}" if key in ("made_on", "closed_on") else "")
    for key in [
        "heading",
        "privacy",
        "made_on",
        "closed_on",
        "cases_in_nl",
        "cases_in_en",
        "workshop",
        "participants",
        "coaches",
        "steps",
        "steps_note",
        "not_started",
        "decisions",
        "not_decided",
        "styles",
        "no_style",
        "role_plays",
        "triads",
        "rounds",
        "sheets",
        "observed",
        "observed_note",
        "observed_none",
    ]
}
WORDS["started"] = "STARTED {case}"
LABELS = {
    "steps": {"client": "Client", "decision": "Decision"},
    "decisions": {"exit": "Exit", "reprice": "Reprice"},
    "styles": {"D": "Red", "S": "Green"},
    "points": {"framing": "Framing", "empathy": "Empathy", "thank": "Thank"},
}


def _facts(**changes) -> SummaryFacts:
    fields = dict(
        title="Ending well",
        day=date(2027, 3, 11),
        language="nl",
        closed_on=date(2027, 3, 11),
        participants=4,
        coaches=2,
        cases=(("Van Dijk", 3),),
        totals=Totals(
            participants=4,
            at_step=(("client", 1), ("decision", 2)),
            not_started=1,
            decisions=(("exit", 2),),
            not_decided=2,
            styles=(("D", 1), ("S", 1)),
            no_style=2,
        ),
        triads=1,
        rounds=3,
        sheets=3,
        ticks=(("framing", 3), ("empathy", 0), ("thank", 1)),
    )
    return SummaryFacts(**{**fields, **changes})


def _lines(summary, key):
    section = next(s for s in summary.sections if s.key == key)
    return [(line.label, line.value, line.share) for line in section.lines]


def test_every_count_is_in_the_summary_with_its_share_of_the_group():
    summary = build_summary(_facts(), WORDS, LABELS, "nl", date(2027, 3, 12), {})
    assert summary.about == "11 maart 2027 · CASES_IN_NL · CLOSED_ON 11 maart 2027"
    assert summary.made_on == "MADE_ON 12 maart 2027"
    assert _lines(summary, "workshop") == [
        ("PARTICIPANTS", "4", ""),
        ("COACHES", "2", ""),
        ("STARTED Van Dijk", "3", ""),
    ]
    assert _lines(summary, "steps") == [
        ("Client", "1", "(25%)"),
        ("Decision", "2", "(50%)"),
        ("NOT_STARTED", "1", "(25%)"),
    ]
    assert _lines(summary, "decisions")[-1] == ("NOT_DECIDED", "2", "(50%)")
    assert _lines(summary, "styles") == [
        ("Red", "1", "(25%)"),
        ("Green", "1", "(25%)"),
        ("NO_STYLE", "2", "(50%)"),
    ]
    assert _lines(summary, "role_plays") == [
        ("TRIADS", "1", ""),
        ("ROUNDS", "3", ""),
        ("SHEETS", "3", ""),
    ]
    assert _lines(summary, "observed") == [
        ("Framing", "3", "(100%)"),
        ("Empathy", "0", "(0%)"),
        ("Thank", "1", "(33%)"),
    ]


def test_an_empty_workshop_has_no_shares_and_says_nobody_observed():
    empty = Totals(0, (), 0, (), 0, (), 0)
    summary = build_summary(
        _facts(participants=0, totals=empty, sheets=0, ticks=(), closed_on=None),
        WORDS,
        LABELS,
        "en",
        date(2027, 3, 12),
        {},
    )
    assert "CLOSED_ON" not in summary.about
    assert _lines(summary, "steps") == [("NOT_STARTED", "0", "")]
    observed_section = next(s for s in summary.sections if s.key == "observed")
    assert observed_section.note == "OBSERVED_NONE"


def test_the_debrief_table_marks_the_first_point_seen_least():
    seen = observed(
        {1: {"framing": 2, "empathy": 0, "thank": 1}, 2: {"framing": 1, "empathy": 1, "thank": 0}},
        {1: 2, 2: 2},
        LABELS["points"],
    )
    assert seen.rounds == (1, 2) and seen.sheets == (2, 2) and seen.total_sheets == 4
    assert [(r.key, r.per_round, r.total) for r in seen.rows] == [
        ("framing", (2, 1), 3),
        ("empathy", (0, 1), 1),
        ("thank", (1, 0), 1),
    ]
    assert seen.least.key == "empathy"  # tied with "thank": the first in checklist order


def test_before_any_sheet_there_is_no_round_and_nothing_seen_least():
    seen = observed({}, {}, LABELS["points"])
    assert seen.rounds == () and seen.total_sheets == 0 and seen.least is None
    assert all(row.total == 0 and not row.least for row in seen.rows)
