"""DISC that goes deeper than a sales report: a profile per style for the exit talk, a note per
pair, "you under pressure", who to tell first, and the honest disclaimer, on the styles step,
in the printed plan and on the meeting card, in Dutch and English."""

from __future__ import annotations

import copy
import re

import pytest

from tests.conftest import example_plan
from tests.helpers import page_text, visible_text
from tests.report_helpers import flat, printed

# Sam (steady) ends the work for Northwind: Claire (conscientious, main contact), Tom (dominant).
NORTHWIND = "en-northwind-retail"

SEEN_ON_THE_STEP = {
    "en": [
        # the profile of Claire's style: how bad news lands, do's and don'ts, in writing
        "Stays composed and looks for the reasoning",
        "Do not press for a reaction in the room.",
        "Within a day, a precise confirmation",
        # the note written for a steady you and a dominant Tom, and your pitfall with him
        "Tom Price will move fast and may press hard, and your instinct is to give way.",
        "Giving in: agreeing to a longer transition",
        "If Tom Price presses, say: “I understand, and the decision stands.”",
        # two contacts with a style: who hears it first, and one message
        "Several contacts: who hears it first",
        "Main contact: hears it first, in person, before anyone else.",
        "The same key sentence, word for word, for everyone.",
        # your own style under pressure with every style, the other person unnamed
        "You under pressure, with each style",
        "Sharing the other person's disappointment so fully",
    ],
    "nl": [
        "Blijft beheerst en zoekt de redenering",
        "Dring niet aan op een reactie in het gesprek zelf.",
        "Binnen een dag een nauwkeurige bevestiging",
        "Tom Price gaat snel en kan flink aandringen, en jouw neiging is toegeven.",
        "Toegeven: instemmen met een langere overgang",
        "Dringt Tom Price aan, zeg dan: „Ik begrijp het, en het besluit blijft staan.”",
        "Meer contactpersonen: wie hoort het eerst",
        "Hoofdcontactpersoon: hoort het als eerste, persoonlijk, vóór iedereen.",
        "Dezelfde kernzin, woord voor woord, voor iedereen.",
        "Jij onder druk, tegenover elke stijl",
        "Zo meeleven met de teleurstelling van de ander",
    ],
}
HONEST = {
    "en": "An indication from a few questions, not a validated profile.",
    "nl": "Een indicatie op basis van een paar vragen, geen gevalideerd profiel.",
}


def _open(ann, plan: dict, lang: str) -> int:
    plan_id = ann.import_plan({**plan, "language": lang})
    ann.switch_language(lang)
    return plan_id


def _step(ann, plan_id: int) -> str:
    response = ann.client.get(f"/plans/{plan_id}/steps/styles")
    assert response.status_code == 200
    return " ".join(visible_text(page_text(response)).split())


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_styles_step_goes_deeper_for_each_contact_and_for_you(ann, lang):
    page = _step(ann, _open(ann, example_plan(NORTHWIND), lang))
    for words in SEEN_ON_THE_STEP[lang]:
        assert words in page, words
    # honest wherever a style is shown: beside the form and above the profiles
    assert page.count(HONEST[lang]) == 2


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_profiles_of_this_plans_styles_come_first_and_say_whom_they_describe(ann, lang):
    html = page_text(
        ann.client.get(f"/plans/{_open(ann, example_plan(NORTHWIND), lang)}/steps/styles")
    )
    order = re.findall(r'<details class="style-profile style-accent--(\w)" id="style-(\w)"', html)
    assert [style for style, _id in order] == ["C", "D", "S", "I"]  # Claire, Tom, you, the rest
    you = {"en": "you", "nl": "jij"}[lang]
    assert re.search(r"Blue – Conscientious|Blauw – Consciëntieus", html)
    assert 'style-profile__who">Claire Hughes<' in html
    assert f'style-profile__who">{you}<' in html


def test_with_one_contact_there_is_no_order_of_telling(ann):
    plan = example_plan(NORTHWIND)
    plan["client"]["contacts"] = plan["client"]["contacts"][:1]
    page = _step(ann, _open(ann, plan, "en"))
    assert "Stays composed and looks for the reasoning" in page
    assert "Several contacts: who hears it first" not in page


def test_an_autosave_brings_the_profiles_of_the_new_styles(ann):
    plan_id = _open(ann, example_plan(NORTHWIND), "en")
    response = ann.save_step(plan_id, "styles", {"direct_pick": "I"})
    assert response.status_code == 200
    html = page_text(response)
    assert re.search(r'<section id="style-depth"[^>]*hx-swap-oob="true"', html)
    text = " ".join(visible_text(html).split())
    # now an influential you facing a dominant Tom, in the notes and in "you under pressure"
    assert "Tom Price wants the point, not a warm-up." in text
    assert "Talking too long before the point" in text
    assert "Facing your own style (Yellow – Influential)" in text


# ---- the printed plan and the card ----------------------------------------------------------

PRINTED = {
    "en": [
        "An indication from a few questions, not a validated DISC profile.",
        "How bad news lands. Stays composed and looks for the reasoning",
        "In the room: do",
        "In the room: don't",
        "Put in writing afterwards. Within a day, a precise confirmation",
        "Under stress. Becomes more demanding and impatient",  # Tom's style
        "Where your styles meet",
        "You both like to take your time, which suits this talk",  # S-C
        "You under pressure",
        "What you tend to do. Apologising for the decision",
        "What to do instead. Decide before the talk what you can offer on the handover.",
        "Several contacts: who hears it first",
        "Claire Hughes (Head of Marketing) Main contact: hears it first",
        "Tom Price (Procurement) Expects to hear decisions directly",
        "How it stays one message",
    ],
    "nl": [
        "Een indicatie op basis van een paar vragen, geen gevalideerd DISC-profiel.",
        "Hoe slecht nieuws aankomt. Blijft beheerst en zoekt de redenering",
        "In het gesprek: wel doen",
        "In het gesprek: niet doen",
        "Daarna op papier zetten. Binnen een dag een nauwkeurige bevestiging",
        "Onder druk. Wordt veeleisender en ongeduldiger",
        "Waar jullie stijlen elkaar raken",
        "Jullie nemen allebei graag de tijd, en dat past bij dit gesprek",
        "Jij onder druk",
        "Waar je toe neigt. Excuses maken voor het besluit",
        "Wat je beter kunt doen. Bepaal vóór het gesprek wat je bij de overdracht kunt bieden.",
        "Meer contactpersonen: wie hoort het eerst",
        "Claire Hughes (Head of Marketing) Hoofdcontactpersoon: hoort het als eerste",
        "Tom Price (Procurement) Verwacht besluiten rechtstreeks te horen",
        "Zo blijft het één boodschap",
    ],
}
# Profiles of styles nobody in the plan has (influential), or only you (steady), stay out.
NOT_PRINTED = {
    "en": ["Takes it personally at first", "Often says little in the room"],
    "nl": ["Vat het eerst persoonlijk op", "Zegt in het gesprek vaak weinig"],
}


def _styles_section(plan: dict, lang: str) -> str:
    full = flat("\n".join(printed({**plan, "language": lang})))
    start = full.index(
        {"nl": "Jouw stijl en die van de ander", "en": "Your style and theirs"}[lang]
    )
    return full[start : full.index({"nl": "Randvoorwaarden", "en": "Preconditions"}[lang], start)]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_printed_plan_shows_the_depth_for_this_plans_people_only(lang):
    section = _styles_section(example_plan(NORTHWIND), lang)
    for words in PRINTED[lang]:
        assert words in section, words
    # who hears it first comes first in the order of telling
    assert section.index(PRINTED[lang][11]) < section.index(PRINTED[lang][12])
    for words in NOT_PRINTED[lang]:
        assert words not in section, words


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_two_contacts_with_the_same_style_get_the_profile_once(lang):
    plan = copy.deepcopy(example_plan(NORTHWIND))
    plan["client"]["contacts"][1]["disc"] = "C"
    section = _styles_section(plan, lang)
    assert (
        section.count({"en": "How bad news lands.", "nl": "Hoe slecht nieuws aankomt."}[lang]) == 1
    )
    same = {
        "en": "Same style as Claire Hughes: see the profile above.",
        "nl": "Dezelfde stijl als Claire Hughes: zie het profiel hierboven.",
    }[lang]
    assert same in section
    # the pair note and your pitfall are still there for each of them
    assert section.count({"en": "What to do instead.", "nl": "Wat je beter kunt doen."}[lang]) == 2


@pytest.mark.parametrize(
    ("lang", "countermeasure"),
    [
        ("en", "Regret the consequences, not the decision"),
        ("nl", "Betreur de gevolgen, niet het besluit"),
    ],
)
def test_the_card_reminds_you_what_to_do_when_the_main_contact_presses(lang, countermeasure):
    pages = printed({**example_plan(NORTHWIND), "language": lang}, "card")
    assert len(pages) == 1
    assert countermeasure in flat(pages[0])


def test_the_card_falls_back_to_your_tip_while_the_contacts_style_is_unknown():
    plan = copy.deepcopy(example_plan(NORTHWIND))
    plan["client"]["contacts"][0]["disc"] = None
    card = flat(printed(plan, "card")[0])
    assert "Fix the date and tell a colleague" in card
