"""What the conversation-script step shows besides its form, in the plan's language."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from app.domain import address, bargaining, preparation, room


def script_view(
    data: Mapping[str, Any], analysis: Mapping[str, Any], content, lang: str, ui_lang: str
) -> dict:
    """The seven steps' suggestions and notes, the room guidance, the reactions with their
    words and the walk-away position. As for the seven steps, the guidance is in the
    interface language and the words to say in the plan's language (`lang`) and form of
    address, the same as the printed plan has them."""
    primary = preparation.primary_contact(data) or {}
    prepare = content.section(lang, "prepare")
    texts = {"room": content.section(lang, "room"), "prepare": prepare}
    ui_texts = {
        "room": content.section(ui_lang, "room"),
        "prepare": content.section(ui_lang, "prepare"),
    }
    walk_texts = address.addressed(content.section(ui_lang, "room.walk_away"), data)
    said = address.addressed(texts["room"]["walk_away"], data)
    walk = bargaining.walk_away(analysis, content.model, walk_texts, ui_lang)
    if walk.say:
        walk = dataclasses.replace(walk, say=said["say_second_look"])
    return {
        "script_steps": preparation.SCRIPT_STEPS,
        "suggestions": preparation.suggestions(data, analysis, prepare, lang),
        "step_notes": preparation.notes(data, prepare, lang),
        "note_label": ui_texts["prepare"]["script"]["note_label"],
        "reaction_list": preparation.reactions_for(primary.get("disc")),
        "reaction_words": room.reaction_words(data, prepare),
        "say_label": ui_texts["prepare"]["reactions"]["say_label"],
        "room": _room(data, texts, ui_texts, lang, ui_lang),
        "walk_away": walk,
        "walk_away_title": walk_texts["title"],
        "walk_away_labels": {k: walk_texts[k] for k in bargaining.KINDS},
    }


def _room(data, texts, ui_texts, lang: str, ui_lang: str) -> room.Room:
    """The room guidance in the interface language with the words to say from the plan's."""
    guide, words = room.in_the_room(data, ui_texts, ui_lang), room.in_the_room(data, texts, lang)
    return dataclasses.replace(
        guide,
        opening=dataclasses.replace(guide.opening, say=words.opening.say),
        close=dataclasses.replace(guide.close, say=words.close.say),
        moments=[
            dataclasses.replace(moment, say=word.say)
            for moment, word in zip(guide.moments, words.moments, strict=True)
        ],
    )
