"""Both documents read as a native speaker writes: plurals, lists, full stops, losses, quotes."""

from __future__ import annotations

import re

import pytest

from app.domain.keys import PITFALLS
from tests.conftest import example_plan
from tests.report_helpers import flat, printed

EXAMPLES = {"nl": "nl-van-dijk-installatietechniek", "en": "en-northwind-retail"}
# (count, words that must be printed) per language
COUNTED = {
    ("nl", 1): ["Opzegtermijn: 1 week", "er staat nog 1 toets open."],
    ("nl", 2): ["Opzegtermijn: 2 weken", "er staan nog 2 toetsen open."],
    ("en", 1): ["Notice period: 1 week", "1 check is still open."],
    ("en", 2): ["Notice period: 2 weeks", "2 checks are still open."],
}
WRONG = {"nl": ["1 weken", "1 toetsen", "staan nog 1 "], "en": ["1 weeks", "1 checks"]}
QUOTES = {"nl": ("„", "”", "“"), "en": ("“", "”", "„")}  # opening, closing, never


def _plan(lang: str, count: int) -> dict:
    plan = example_plan(EXAMPLES[lang])
    plan["transition"]["notice_weeks"] = count
    plan["pitfalls"] = dict.fromkeys(PITFALLS, True) | dict.fromkeys(PITFALLS[:count], False)
    # names and texts that end in a full stop must not get a second one
    plan["client"]["name"] = "Jansen & Co B.V."
    plan["client"]["contacts"][0]["name"] = "Dr. P. de Wit jr."
    plan["transition"]["handover"] = "All drawings and the maintenance logs."
    plan["script"]["transition"] = ""
    plan["script"]["stay_in_contact"] = ""
    plan["follow_ups"] = []
    return plan


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("count", [1, 2])
def test_both_documents_count_join_and_punctuate_like_a_native_speaker(lang, count):
    plan = _plan(lang, count)
    full = flat("\n".join(printed(plan)))
    card = flat("\n".join(printed(plan, "card")))
    for words in COUNTED[(lang, count)]:
        assert words in full, words
    for text in (full, card):
        for wrong in WRONG[lang]:
            assert wrong not in text, wrong
        # never a doubled full stop, not even after "B.V." or "jr."
        assert not re.search(r"\.\s*\.", text), re.search(r".{30}\.\s*\..{10}", text)
        # a loss reads as a loss, never as a negative contribution
        assert not re.search(r"-\s?€|€\s?-", text)
        # what the advice means, never which of the engine's rules fired
        assert not re.search(r"\b(Rule|Regel) \d|\bfired\b|\bvuurde\b", text, re.IGNORECASE)
        # one kind of quotation marks per language
        opening, closing, never = QUOTES[lang]
        assert '"' not in text and never not in text
        assert text.count(opening) == text.count(closing)
    loss = {"nl": "€ 15.570 Verlies", "en": "€17,376 Loss"}[lang]
    assert loss in full and loss in card
    # the three follow-up dates of the suggestion, joined the way the language joins a list
    joined = {
        "nl": "rond 1 juli 2027, 1 oktober 2027 en 1 april 2028",
        "en": "around 31 August 2027, 30 November 2027 and 31 May 2028",
    }[lang]
    assert joined in full


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_texts_about_a_contact_name_them_whoever_they_are(lang):
    """A contact may be a man, a woman or a whole team: the texts name them, no he or she."""
    plan = _plan(lang, 2)
    plan["client"]["contacts"] = [{"name": "Team Inkoop", "role": "", "primary": True, "disc": "C"}]
    full = flat("\n".join(printed(plan)))
    pronouns = {"nl": r"\b(hij|zij|hem|haar)\b", "en": r"\b(he|she|him|his|her)\b"}[lang]
    styles = full[full.index({"nl": "Jouw stijl", "en": "Your style"}[lang]) :]
    styles = styles[: styles.index({"nl": "Randvoorwaarden", "en": "Preconditions"}[lang])]
    assert "Team Inkoop" in styles
    styles = styles[styles.index("Team Inkoop") :]  # the contact's part, not your own
    assert not re.search(pronouns, styles, re.IGNORECASE), re.findall(pronouns, styles, re.I)
    # the card's reminder about the pair too ("Duwt Team Inkoop terug, herhaal je zin …")
    plan["client"]["contacts"][0]["disc"] = "D"
    card = flat("\n".join(printed(plan, "card")))
    reminder = card[card.index("Team Inkoop") :]
    reminder = reminder[: reminder.index(".")]
    assert not re.search(pronouns, reminder, re.IGNORECASE), reminder
