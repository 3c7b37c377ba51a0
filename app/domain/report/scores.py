"""Strain on the team and value beyond money: each score with every answer behind it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.domain.report.common import Facts, Row
from app.domain.report.profile import ValueProfile, build_value_profile

REPUTATION_RISK = "reputation_risk"


@dataclass(frozen=True)
class Score:
    title: str  # "Strain on the team"
    score: Row
    answers: list[Row]  # the statement, and the answer in words ("Often (4 out of 5)")


@dataclass(frozen=True)
class Scores:
    strain: Score
    value: Score
    profile: ValueProfile | None = None  # the value answers as a chart


def build_scores(plan: Mapping[str, Any], texts: Mapping[str, Any], facts: Facts) -> Scores:
    """Both checks of the analysis, with the answer to every question in words.

    The value check ends with the reputation risk, which lowers the value score.
    """
    a = texts["report"]["analysis"]
    scales = a["scales"]
    interpersonal, value = texts["decide"]["interpersonal"], texts["decide"]["value"]
    value_answers = plan.get("value") or {}
    return Scores(
        strain=Score(
            a["strain"],
            _score(interpersonal["score"]["label"], facts.analysis["strain_score"], a),
            _answers(
                plan.get("interpersonal") or {},
                facts.model["interpersonal_items"],
                interpersonal["items"],
                scales["frequency"],
                a,
            ),
        ),
        value=Score(
            a["value"],
            _score(value["score"]["label"], facts.analysis["value_score"], a),
            _answers(value_answers, facts.model["value_items"], value["items"], scales["extent"], a)
            + _answers(
                value_answers,
                [REPUTATION_RISK],
                {REPUTATION_RISK: value[REPUTATION_RISK]},
                scales["risk"],
                a,
            ),
        ),
        profile=build_value_profile(value_answers, texts["decide"], facts.model["value_items"]),
    )


def _answers(
    answers: Mapping[str, Any],
    items: Sequence[str],
    questions: Mapping[str, Any],
    words: Mapping[str, str],
    a: Mapping[str, Any],
) -> list[Row]:
    """Each statement with its answer in words, or that it is not answered."""
    rows = []
    for key in items:
        answer = answers.get(key)
        text = (
            a["answer"].format(words=words[str(answer)], answer=answer)
            if str(answer) in words
            else a["not_answered"]
        )
        rows.append(Row(questions[key]["question"], text, questions[key]["label"]))
    return rows


def _score(label: str, score: int | None, a: Mapping[str, Any]) -> Row:
    return Row(label, a["score"].format(score=score) if score is not None else "–")
