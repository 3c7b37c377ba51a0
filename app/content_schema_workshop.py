"""The schema of content/<lang>/workshop.yaml: the role-play card and the observer's checklist
(issue 13, point 5) and the room's debrief (point 6). Kept apart so app/content_schema.py does
not keep growing; it merges this into its SCHEMA. The leaf kinds come in as arguments (no
import back into content_schema)."""

from __future__ import annotations

from typing import Any

from app.domain.disc import STYLES
from app.domain.keys import PERSPECTIVE
from app.domain.preparation import SCRIPT_STEPS

CARD_TEXTS = (
    "file",
    "title",
    "kicker",
    "intro",
    "persona",
    "name",
    "role",
    "company",
    "history",
    "since",
    "since_unnamed",
    "sector",
    "good",
    "turned",
    "valued",
    "costs",
    "style",
    "how_to_play",
    "under_pressure",
    "care",
    "reactions",
    "reactions_intro",
    "respected",
    "respected_intro",
)
IMPROVISE = ("no_plan", "name", "style", "history", "care")
CHECKLIST_TEXTS = (
    "file",
    "title",
    "kicker",
    "intro",
    "steps",
    "perspective",
    "notes",
    "seen",
    "debrief",
    "debrief_intro",
)


def workshop_schema(text: str, texts: str) -> dict[str, Any]:
    """The required keys of workshop.yaml; `text` and `texts` are content_schema's leaf kinds."""
    return {
        "card": {
            **dict.fromkeys(CARD_TEXTS, text),
            "improvise": dict.fromkeys(IMPROVISE, text),
            "play": dict.fromkeys(STYLES, text),
            "respect": dict.fromkeys(PERSPECTIVE, text),
        },
        "checklist": {
            **dict.fromkeys(CHECKLIST_TEXTS, text),
            "questions": texts,
            "look": dict.fromkeys(SCRIPT_STEPS, text),
            "points": dict.fromkeys(PERSPECTIVE, text),
        },
        "debrief": {"intro": text, "start_here": text, "questions": texts},
    }
