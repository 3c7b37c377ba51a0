"""In the room: the opening, silence, what not to say, the close and the difficult moments."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from app.domain import room
from app.domain.report.common import Facts, typographic


def build_room(plan: Mapping[str, Any], texts: Mapping[str, Any], facts: Facts) -> room.Room:
    """The room guidance of the plan, every quotation in the language's own marks."""
    guide = room.in_the_room(plan, texts, facts.lang)
    t = texts["report"]

    def quote(text: str) -> str:
        return t["document"]["quote"].format(text=text)

    return dataclasses.replace(
        guide,
        opening=dataclasses.replace(guide.opening, say=quote(guide.opening.say)),
        close=dataclasses.replace(guide.close, say=quote(guide.close.say)),
        never=[(quote(said), why) for said, why in guide.never],
        moments=[
            dataclasses.replace(
                m, label=typographic(m.label, t), say=quote(m.say), response=m.response
            )
            for m in guide.moments
        ],
    )
