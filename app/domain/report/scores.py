"""Strain on the team and value beyond money: each score with every answer behind it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.domain.report.common import Facts, Row


@dataclass(frozen=True)
class Score:
    title: str  # "Strain on the team"
    score: Row
    answers: list[Row]


@dataclass(frozen=True)
class Scores:
    strain: Score
    value: Score


def build_scores(plan: Mapping[str, Any], texts: Mapping[str, Any], facts: Facts) -> Scores:
    """Both checks of the analysis, with the answer given to each question."""
    t, decide = texts["report"], texts["decide"]
    a = t["analysis"]
    value_texts = {
        **decide["value"]["items"],
        "reputation_risk": decide["value"]["reputation_risk"],
    }
    return Scores(
        strain=Score(
            a["strain"],
            _score(decide["interpersonal"]["score"]["label"], facts.analysis["strain_score"], a),
            _answers(
                plan.get("interpersonal"),
                facts.model["interpersonal_items"],
                decide["interpersonal"]["items"],
                a,
            ),
        ),
        value=Score(
            a["value"],
            _score(decide["value"]["score"]["label"], facts.analysis["value_score"], a),
            _answers(plan.get("value"), facts.model["value_items"], value_texts, a),
        ),
    )


def _answers(
    answers: Mapping[str, Any] | None, items: Sequence[str], labels: Mapping[str, Any], a
) -> list[Row]:
    """Each scale item with the answer given ("4 out of 5"), or that it is not answered."""
    return [
        Row(
            labels[key]["label"],
            a["answer"].format(answer=value)
            if (value := (answers or {}).get(key))
            else a["not_answered"],
        )
        for key in items
    ]


def _score(label: str, score: int | None, a: Mapping[str, Any]) -> Row:
    return Row(label, a["score"].format(score=score) if score is not None else "–")
