"""Every style and every pair reaches the screen and the printed plan (issue 11, part 1).

The depth tests follow one example (a steady user, a conscientious and a dominant contact).
Here a plan has one contact of each style, and the user takes each of the four styles in
turn, in both languages: then every profile, all sixteen pair notes and every "you under
pressure" line must be on the styles step and in the printed plan, with the contact's name
filled in and no placeholder left.
"""

from __future__ import annotations

import copy

import pytest

from tests.conftest import example_plan
from tests.helpers import page_text, visible_text
from tests.report_helpers import content, flat, printed

STYLES = ("D", "I", "S", "C")
CONTACTS = {"D": "Dana Vos", "I": "Iris Bakker", "S": "Sander Mulder", "C": "Carla Smit"}
PROFILE_PARTS = ("bad_news", "under_stress", "fears", "motivators", "in_writing")
SECTION = {
    "en": ("Your style and theirs", "Preconditions"),
    "nl": ("Jouw stijl en die van de ander", "Randvoorwaarden"),
}


def _styles(lang: str) -> dict:
    return content().texts[lang]["prepare"]["styles"]


def _plan(you: str, lang: str) -> dict:
    plan = copy.deepcopy(example_plan("en-northwind-retail"))
    plan["language"] = lang
    plan["styles"] = {"direct_pick": you}
    plan["owner"] = {**plan.get("owner", {}), "disc": you}
    plan["client"]["contacts"] = [
        {"name": name, "role": "", "primary": style == "D", "disc": style}
        for style, name in CONTACTS.items()
    ]
    return plan


def _expected(you: str, lang: str) -> list[str]:
    """What the user must find: each style's profile, and per contact the pair note and what
    the user's style tends to do with theirs, with its countermeasure."""
    styles = _styles(lang)
    texts = []
    for style in STYLES:
        kind = styles["kinds"][style]
        texts += [kind[part] for part in PROFILE_PARTS] + kind["dos"] + kind["donts"]
    for style, name in CONTACTS.items():
        pair = f"{you}-{style}"
        texts.append(styles["pair_notes"][pair].format(name=name))
        texts += [
            styles["pressure"][pair][part].format(name=name) for part in ("tendency", "counter")
        ]
    return [flat(text) for text in texts]


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("you", STYLES)
def test_every_profile_pair_note_and_pitfall_is_on_the_styles_step(ann, you, lang):
    plan_id = ann.import_plan(_plan(you, lang))
    ann.switch_language(lang)
    response = ann.client.get(f"/plans/{plan_id}/steps/styles")
    assert response.status_code == 200
    page = flat(visible_text(page_text(response)))
    for text in _expected(you, lang):
        assert text in page, text
    assert "{name}" not in page


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("you", STYLES)
def test_every_profile_pair_note_and_pitfall_is_in_the_printed_plan(you, lang):
    full = flat("\n".join(printed(_plan(you, lang))))
    first, after = SECTION[lang]
    start = full.index(first)
    section = full[start : full.index(after, start)]
    for text in _expected(you, lang):
        assert text in section, text
    assert "{name}" not in section


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_card_says_the_styles_it_names_are_an_indication(lang):
    pages = printed(_plan("S", lang), "card")
    assert len(pages) == 1
    card = flat(pages[0])
    honest = content().texts[lang]["report"]["styles"]["disclaimer"]
    you = content().texts[lang]["report"]["card"]["reminder_you"].split("(")[0].strip()
    assert you.upper() in card.upper() and flat(honest) in card
