"""The wording issue 11 (part 6) named as reading wrong stays gone: Dutch calques and English
that is no English, in the content, the templates and the translations."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent

# Phrases a native reader stumbles over, and what the content says instead.
DUTCH = (
    "kosten om te bedienen",  # a calque of "cost to serve": kosten van de dienstverlening
    "maak hem eigen",  # "make it your own": zeg het in je eigen woorden
    "check of",  # ga na of, kijk of
    "een zorgvuldig afscheid is je beste reputatie",
    "haalt een manier weg waarop",
)
ENGLISH = (
    "keeps the conversation adult",
    "why you decide this",
    "acts on reason",
    "with a sharp eye",
    "a sharp eye for",
)


def _content(lang: str) -> list[tuple[str, str]]:
    return [
        (str(path.relative_to(ROOT)), path.read_text(encoding="utf-8"))
        for path in sorted((ROOT / "content" / lang).rglob("*.yaml"))
    ]


def _templates() -> list[tuple[str, str]]:
    return [
        (str(path.relative_to(ROOT)), path.read_text(encoding="utf-8"))
        for path in sorted((ROOT / "templates").rglob("*.html"))
    ]


def _translations(lang: str) -> list[tuple[str, str]]:
    path = ROOT / "app" / "translations" / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    found = []
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        texts = strings if lang == "nl" else ids
        found += [(f"{path.relative_to(ROOT)}: {ids[0]}", text) for text in texts if text]
    return found


def _flat(text: str) -> str:
    return " ".join(text.casefold().split())


@pytest.mark.parametrize(
    ("phrases", "sources"),
    [
        (DUTCH, lambda: _content("nl") + _translations("nl") + _templates()),
        (ENGLISH, lambda: _content("en") + _translations("en") + _templates()),
    ],
    ids=["dutch", "english"],
)
def test_the_phrases_that_read_wrong_are_gone(phrases, sources):
    found = [
        (where, phrase) for where, text in sources() for phrase in phrases if phrase in _flat(text)
    ]
    assert not found


def test_the_check_finds_a_phrase_across_a_line_break():
    assert "kosten om te bedienen" in _flat("De kosten om\n      te bedienen")
