"""The wording issue 11 (part 6) named as reading wrong stays gone: Dutch calques and English
that is no English, in the content, the templates and the translations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent

# Phrases a native reader stumbles over, and what the content says instead.
DUTCH = (
    "kosten om te bedienen",  # a calque of "cost to serve": kosten van de dienstverlening
    "maak hem eigen",  # "make it your own": zeg het in je eigen woorden
    "check of",  # ga na of, kijk of
    "een zorgvuldig afscheid is je beste reputatie",
    "haalt een manier weg waarop",
    "gesprek volwassen",  # the Dutch of "keeps the conversation adult"
    "te bedienen",  # "cost to serve" again: de servicekosten
    "kosten van bediening",
    "klantbediening",
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


# Where the coaching puts words in the user's mouth inside its advice; the client's own words
# (the reactions' examples) may say "jullie" to the user.
ADVICE = {
    "prepare.yaml": ("styles",),
    "decide.yaml": ("alternatives",),
    "room.yaml": ("room", "walk_away", "involved", "client_view"),
    "tips.yaml": ("tips",),
}
QUOTED = re.compile(r"„([^”]+)”")
SECOND_PERSON = re.compile(r"\b(je|jij|jou|jouw|jullie|u|uw)\b", re.IGNORECASE)


def _quotes(node, path: str):
    """Every quotation in a content tree, except inside a text written in both forms."""
    if isinstance(node, dict):
        if set(node) == {"je", "u"}:
            return
        for key, value in node.items():
            yield from _quotes(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _quotes(value, f"{path}[{index}]")
    elif isinstance(node, str):
        for quote in QUOTED.findall(node):
            yield path, quote


def test_words_to_say_inside_the_dutch_advice_suit_je_and_u_alike():
    """A quotation inside advice is not turned into the plan's form of address, so it must
    use neither: "voor jullie" would be wrong in a plan that says u."""
    found = []
    for name, sections in ADVICE.items():
        data = yaml.safe_load((ROOT / "content" / "nl" / name).read_text(encoding="utf-8"))
        for section in sections:
            found += [
                (where, quote)
                for where, quote in _quotes(data[section], f"{name}:{section}")
                if SECOND_PERSON.search(quote)
            ]
    assert not found
