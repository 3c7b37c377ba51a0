"""The DISC content a coach would sign: complete for every pair, in line with the conversation
script, honest, and in our own words (the eight-word check on all content is in
test_content_originality.py)."""

from __future__ import annotations

import itertools
import re

import pytest
import yaml

from app.content import DEFAULT_DIR
from app.domain.disc import STYLES
from tests.test_content import _edit, _refuses

PAIRS = [f"{a}-{b}" for a, b in itertools.product(STYLES, STYLES)]


def _styles(lang: str) -> dict:
    path = DEFAULT_DIR / lang / "prepare.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["styles"]


def _texts(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [t for value in node.values() for t in _texts(value)]
    if isinstance(node, list):
        return [t for value in node for t in _texts(value)]
    return []


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


@pytest.mark.parametrize(
    ("where", "change"),
    [
        ("styles.pair_notes.I-I", lambda s: s["pair_notes"].pop("I-I")),
        ("styles.pressure.S-D.counter", lambda s: s["pressure"]["S-D"].pop("counter")),
        ("styles.kinds.C.under_stress", lambda s: s["kinds"]["C"].pop("under_stress")),
        ("styles.kinds.D.dos", lambda s: s["kinds"]["D"].update(dos="Say it.")),
        ("styles.several.why.unknown", lambda s: s["several"]["why"].pop("unknown")),
    ],
)
def test_the_app_refuses_style_content_with_a_pair_or_a_part_missing(
    content_copy, make_app, where, change
):
    _edit(content_copy / "en" / "prepare.yaml", lambda d: change(d["styles"]))
    _refuses(content_copy, make_app, "en/prepare.yaml", where)


# Advice that would contradict the script ("say the decision in the first minutes").
RELATIONSHIP_FIRST = {
    "en": r"\b(start|begin|open)\w* (with|by) (the relationship|a personal word|warmth|small talk)",
    "nl": r"\b(begin|start|open)\w* (met|bij) (de relatie|een persoonlijk woord|warmte|bijpraten)",
}
DECISION = {"en": "decision", "nl": "besluit"}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_pair_note_puts_the_decision_first_as_the_script_does(lang):
    styles = _styles(lang)
    assert set(styles["pair_notes"]) == set(PAIRS)
    for pair, note in styles["pair_notes"].items():
        assert DECISION[lang] in note, pair
        assert not re.search(RELATIONSHIP_FIRST[lang], note, re.IGNORECASE), pair
    for kind in styles["kinds"].values():
        for text in (kind["deliver"], *kind["dos"]):
            assert not re.search(RELATIONSHIP_FIRST[lang], text, re.IGNORECASE), text


@pytest.mark.parametrize(
    ("lang", "pair", "says"),
    [
        ("en", "D-D", "that is how an exit escalates"),
        ("nl", "D-D", "zo loopt een afscheid uit de hand"),
        ("en", "I-I", "before any catching up"),
        ("nl", "I-I", "vóór het bijpraten"),
        ("en", "S-S", "say that it is final"),
        ("nl", "S-S", "zeg erbij dat het vaststaat"),
    ],
)
def test_the_pairs_that_find_an_exit_hardest_or_escalate_get_their_own_warning(lang, pair, says):
    assert says in _styles(lang)["pair_notes"][pair]


# The source article's adjectives per style (C59–C62), in its order.
ARTICLE_TRAITS = {
    "nl": {
        "D": ["doelgericht", "energiek", "innovatief", "besluitvaardig", "overtuigend"],
        "I": ["tolerant", "mensgericht", "enthousiast", "diplomatiek", "inspirerend"],
        "S": ["attent", "ontspannen", "vriendelijk", "kalm"],
        "C": ["correct", "beleefd", "discreet", "precies", "gereserveerd", "formeel"],
    },
    "en": {
        "D": ["goal", "energetic", "innovative", "decisive", "persuasive"],
        "I": ["tolerant", "people", "enthusiastic", "diplomatic", "inspiring"],
        "S": ["attentive", "relaxed", "friendly", "calm"],
        "C": ["correct", "polite", "discreet", "precise", "reserved", "formal"],
    },
}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_traits_are_our_own_words_not_the_articles_list(lang):
    for style, article in ARTICLE_TRAITS[lang].items():
        ours = set(_words(_styles(lang)["kinds"][style]["traits"]))
        shared = [word for word in article if word in ours]
        assert len(shared) <= 1, (style, shared)
