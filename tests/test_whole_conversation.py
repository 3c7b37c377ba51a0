"""The whole conversation, not only its steps: in the room, a walk-away position from the
figures, everyone involved, how the client sees it, and the form of address (je or u) that
every Dutch suggestion follows — on the screens and in the printed plan, in both languages."""

from __future__ import annotations

import copy
import html
import re

import pytest

from tests.conftest import example_plan
from tests.helpers import page_text, pdf_text, plan_data, visible_text
from tests.report_helpers import content as load_content
from tests.report_helpers import flat, printed

DUTCH = "nl-van-dijk-installatietechniek"
ENGLISH = "en-northwind-retail"
INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jullie)\b", re.IGNORECASE)
FORMAL = re.compile(r"\b(u|uw)\b", re.IGNORECASE)


def _unwritten(name: str, **changes) -> dict:
    """An example plan with no script of its own: every step shows the app's suggestion."""
    plan = copy.deepcopy(example_plan(name))
    plan.pop("script", None)
    plan.update(changes)
    return plan


def _open(ann, plan: dict, lang: str | None = None) -> int:
    plan_id = ann.import_plan(plan)
    ann.switch_language(lang or plan["language"])
    return plan_id


def _script_page(ann, plan_id: int) -> str:
    return page_text(ann.client.get(f"/plans/{plan_id}/steps/script"))


def _words_to_say(page: str) -> dict[str, str]:
    """Every text on the script step the user may say to the client: the seven suggestions,
    the words for each reaction and for the room (opening and close)."""
    found = dict(re.findall(r'id="suggestion-(\w+)">([^<]*)<', page))
    found |= {
        f"say-{k}": v
        for k, v in re.findall(r'id="say-(\w+)"><span[^>]*>[^<]*</span> <q>([^<]*)<', page)
    }
    found |= {
        f"room-{i}": v
        for i, v in enumerate(
            re.findall(r'class="say"><span class="say__label">[^<]*</span> <q>([^<]*)</q>', page)
        )
    }
    return {k: html.unescape(v) for k, v in found.items()}


# ---- je or u --------------------------------------------------------------------------------


def test_a_u_plan_says_u_in_every_dutch_suggestion_and_reaction(ann):
    plan_id = _open(ann, _unwritten(DUTCH, address={"form": "u", "first_names": True}))
    said = _words_to_say(_script_page(ann, plan_id))
    assert len([k for k in said if k.startswith("say-")]) == 10
    assert len([k for k in said if k.startswith("room-")]) >= 2
    for where, text in said.items():
        assert not INFORMAL.search(text), f"{where}: {text}"
    assert "Wat gaat er nu door u heen?" in said["emotion"]
    assert "het werk voor uw organisatie" in said["logic"]


def test_a_je_plan_says_je_and_never_u(ann):
    plan_id = _open(ann, _unwritten(DUTCH, address={"form": "je"}))
    said = _words_to_say(_script_page(ann, plan_id))
    for where, text in said.items():
        assert not FORMAL.search(text), f"{where}: {text}"
    assert "Wat gaat er nu door je heen?" in said["emotion"]


def test_a_plan_without_a_form_of_address_keeps_je_and_first_names(ann):
    plan_id = _open(ann, _unwritten(DUTCH))
    said = _words_to_say(_script_page(ann, plan_id))
    assert said["individual"].startswith("Marco, ik heb om dit gesprek gevraagd")
    assert " je " in said["individual"]


def test_the_printed_plan_follows_the_form_of_address(ann):
    text = flat(" ".join(printed(_unwritten(DUTCH, address={"form": "u"}))))
    assert "Ik wil u uitleggen hoe we tot dit besluit zijn gekomen" in text
    assert "Ik begrijp dat u boos bent." in text  # a reaction likely for Marco (red)
    assert "Morgen krijgt u alles van me op papier." in text  # the close, in the room
    informal = flat(" ".join(printed(_unwritten(DUTCH, address={"form": "je"}))))
    assert "Ik wil je uitleggen hoe we tot dit besluit zijn gekomen" in informal
    assert "Morgen krijg je alles van me op papier." in informal


def test_the_form_of_address_is_chosen_on_the_first_step(app, ann):
    plan_id = _open(ann, _unwritten(DUTCH))
    page = visible_text(page_text(ann.client.get(f"/plans/{plan_id}/steps/client")))
    assert "Aanspreekvorm" in page and "u (formeel)" in page and "Zonder voornamen" in page
    saved = ann.save_step(
        plan_id,
        "client",
        {"client_name": "Van Dijk", "address_form": "u", "address_names": "none"},
    )
    assert saved.status_code == 200
    assert plan_data(app, plan_id)["address"] == {"form": "u", "first_names": False}
    said = _words_to_say(_script_page(ann, plan_id))
    assert said["individual"].startswith("Fijn dat u tijd hebt kunnen maken.")
    assert "Marco" not in said["individual"]
    assert "mevrouw" in _script_page(ann, plan_id)  # the note on step 1: how to open instead


def test_a_wrong_form_of_address_is_refused_next_to_the_field(app, ann):
    plan_id = _open(ann, _unwritten(DUTCH, address={"form": "u"}))
    saved = ann.save_step(plan_id, "client", {"client_name": "Van Dijk", "address_form": "jij"})
    assert saved.status_code == 422
    assert 'id="address_form-error"' in page_text(saved)
    assert plan_data(app, plan_id)["address"] == {"form": "u"}


def test_an_english_plan_ignores_je_and_u_and_says_so(ann):
    formal = _words_to_say(
        _script_page(ann, _open(ann, _unwritten(ENGLISH, address={"form": "u"})))
    )
    plain = _words_to_say(_script_page(ann, _open(ann, _unwritten(ENGLISH))))
    assert formal == plain
    page = visible_text(page_text(ann.client.get("/plans/1/steps/client")))
    assert "English has one form of address" in page


def test_without_first_names_an_english_opening_has_no_name(ann):
    plan_id = _open(ann, _unwritten(ENGLISH, address={"first_names": False}))
    said = _words_to_say(_script_page(ann, plan_id))
    assert said["individual"].startswith("Thank you for making the time.")


# ---- step 4: words to say, the note apart --------------------------------------------------


@pytest.mark.parametrize(
    ("name", "words", "note"),
    [
        (
            DUTCH,
            "Wat gaat er nu door je heen?",
            "Wat je van Marco van Dijk kunt verwachten: kan fel",
        ),
        (ENGLISH, "What is going through your mind?", "What to expect from Claire Hughes: may ask"),
    ],
)
def test_step_four_suggests_words_and_keeps_the_note_about_the_contact_apart(
    ann, name, words, note
):
    page = _script_page(ann, _open(ann, _unwritten(name)))
    said = _words_to_say(page)
    assert words in said["emotion"]
    assert "verwachten" not in said["emotion"] and "expect" not in said["emotion"]
    notes = html.unescape(" ".join(re.findall(r'id="note-emotion">(.*?)</p>', page, re.S)))
    assert note in notes


def test_the_printed_plan_keeps_the_note_apart_from_the_words(ann):
    text = flat(" ".join(printed(_unwritten(ENGLISH))))
    assert "For yourself: What to expect from Claire Hughes" in text
    assert "Suggestion, not yet in your own words: I can see this hits hard" in text


# ---- the walk-away position ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "lang", "nothing", "second_look"),
    [
        (
            DUTCH,
            "nl",
            "Verandert niets: Betaalt de klant minder dan 18,7% meer, dan kost hij je nog steeds",
            "Verdient een tweede blik: Vanaf 32,0% meer haalt de klant je doelmarge van 10%.",
        ),
        (
            DUTCH,
            "en",
            "Changes nothing: Below 18.7% more, the client still costs you money.",
            "Deserves a second look: From 32.0% more, the client reaches your target margin",
        ),
    ],
)
def test_bargaining_shows_which_offers_change_nothing(ann, name, lang, nothing, second_look):
    page = _script_page(ann, _open(ann, _unwritten(name), lang))
    bargaining = re.search(
        r"<details>(?:(?!</details>).)*walk-away(?:(?!</details>).)*</details>",
        page,
        re.S,
    )
    assert bargaining, "the walk-away position sits with the bargaining reaction"
    text = " ".join(visible_text(bargaining.group(0)).split())
    assert nothing in text and second_look in text


def test_the_printed_plan_has_the_walk_away_position(ann):
    text = flat(" ".join(printed(_unwritten(DUTCH))))
    assert "Je grens bij onderhandelen" in text
    assert "Betaalt de klant minder dan 18,7% meer, dan kost hij je nog steeds geld." in text
    assert "je hoort binnen een week schriftelijk van me" in text
    english = flat(" ".join(printed(_unwritten(DUTCH, language="en"))))
    assert "Below 18.7% more, the client still costs you money." in english


def test_when_the_reason_is_the_team_paying_more_changes_nothing():
    from app.domain.analysis import analyze
    from app.domain.bargaining import walk_away

    content = load_content()
    plan = _unwritten(ENGLISH)
    plan["financial"]["annual_revenue"] = 400000
    plan["interpersonal"] = dict.fromkeys(plan["interpersonal"], 5)
    analysis = analyze(plan, content.model)
    assert analysis["financial"]["verdict"] == "profitable" and analysis["rule"] in (3, 4)
    lines = walk_away(analysis, content.model, content.section("en", "room.walk_away"), "en")
    assert lines.texts == [content.section("en", "room.walk_away.not_money")]
    empty = walk_away(
        analyze({}, content.model), content.model, content.section("nl", "room.walk_away"), "nl"
    )
    assert empty.texts == ["Vul de financiële toets in om te zien welk aanbod iets verandert."]


# ---- everyone involved ------------------------------------------------------------------------


def test_who_tells_whom_is_saved_per_contact_and_printed(app, ann):
    plan_id = _open(ann, _unwritten(ENGLISH))
    saved = ann.save_step(
        plan_id,
        "client",
        {
            "client_name": "Northwind Retail Ltd",
            "contacts-0-name": "Claire Hughes",
            "contacts-0-costs": "explaining it to her director",
            "contacts-1-name": "Tom Price",
            "contacts-1-by": "Our finance lead",
            "contacts-1-when": "the next morning",
            "primary_contact": "0",
        },
    )
    assert saved.status_code == 200
    contacts = plan_data(app, plan_id)["client"]["contacts"]
    assert contacts[1]["involved"]["by"] == "Our finance lead"
    assert contacts[1]["involved"]["when"] == "the next morning"
    step_one = visible_text(page_text(ann.client.get(f"/plans/{plan_id}/steps/client")))
    assert "Who, when and what for Tom Price" in step_one
    page = _script_page(ann, plan_id)
    assert (
        "What this decision costs Claire Hughes inside their own organisation: "
        "explaining it to her director." in html.unescape(page)
    )
    pdf = " ".join(pdf_text(ann.client.get(f"/plans/{plan_id}/plan.pdf").data).split())
    assert "Everyone involved" in pdf
    assert "Tells them: Our finance lead" in pdf and "When: the next morning" in pdf


def test_the_dutch_example_prints_everyone_involved():
    text = flat(" ".join(printed(example_plan(DUTCH))))
    assert "Iedereen die erbij betrokken is" in text
    assert "Vertelt het: Ik, telefonisch" in text
    assert "Wat het kost: Extra werk: offertes opvragen bij andere installateurs" in text


# ---- the client's view ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "framing", "empathy", "printed_label"),
    [
        (
            "nl",
            "Eerlijk gezegd zijn we sinds de fusie van 2024 steeds verder uit elkaar gegroeid.",
            "Ik weet hoeveel onze vaste accountmanager voor je betekende.",
            "Wat waardeerde de klant aan jullie? onze vaste accountmanager",
        ),
        (
            "en",
            "To be honest, since de fusie van 2024 we have been growing further apart.",
            "I know how much onze vaste accountmanager meant to you.",
            "What did the client value in you? onze vaste accountmanager",
        ),
    ],
)
def test_how_the_client_sees_it_feeds_steps_two_and_five(
    app, ann, lang, framing, empathy, printed_label
):
    plan_id = _open(ann, _unwritten(DUTCH, language=lang))
    saved = ann.save_step(
        plan_id,
        "preconditions",
        {
            "view_good": "de eerste jaren",
            "view_turned": "de fusie van 2024",
            "view_valued": "onze vaste accountmanager",
        },
    )
    assert saved.status_code == 200
    assert plan_data(app, plan_id)["client_view"]["turned"] == "de fusie van 2024"
    said = _words_to_say(_script_page(ann, plan_id))
    assert framing in said["framing"]
    assert empathy in said["empathy"]
    pdf = " ".join(pdf_text(ann.client.get(f"/plans/{plan_id}/plan.pdf").data).split())
    assert printed_label in pdf


def test_the_clients_view_is_asked_beside_the_perspective_check(ann):
    plan_id = _open(ann, _unwritten(DUTCH))
    page = visible_text(page_text(ann.client.get(f"/plans/{plan_id}/steps/preconditions")))
    assert "Hoe de klant het ziet" in page and "Wanneer begon het te schuren?" in page


# ---- in the room ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "parts"),
    [
        (
            "nl",
            (
                "Aan tafel",
                "De opening en de eerste twee minuten",
                "Stilte",
                "Wat je beter niet zegt, en waarom",
                "Afronden",
                "Tel in gedachten rustig tot tien",
            ),
        ),
        (
            "en",
            (
                "In the room",
                "The opening and the first two minutes",
                "Silence",
                "What not to say, and why",
                "Closing",
                "Count slowly to ten",
            ),
        ),
    ],
)
def test_the_script_step_and_the_plan_have_the_room_guidance(ann, lang, parts):
    plan_id = _open(ann, _unwritten(DUTCH, language=lang), lang)
    page = " ".join(visible_text(_script_page(ann, plan_id)).split())
    pdf = " ".join(pdf_text(ann.client.get(f"/plans/{plan_id}/plan.pdf").data).split())
    for part in parts:
        assert part in page and part in pdf


@pytest.mark.parametrize(
    ("lang", "moments"),
    [
        (
            "nl",
            (
                "„Geef ons wat tijd”",
                "„Ik wil je leidinggevende spreken”",
                "Juridisch dreigen",
                "Tranen of stilte",
                "Opluchting",
            ),
        ),
        (
            "en",
            (
                '"Give us some time"',
                '"I want to talk to your manager"',
                "A legal threat",
                "Tears or silence",
                "Relief",
            ),
        ),
    ],
)
def test_the_difficult_moments_each_say_what_to_do_and_what_to_say(ann, lang, moments):
    page = html.unescape(_script_page(ann, _open(ann, _unwritten(DUTCH, language=lang), lang)))
    for label in moments:
        assert label in page
    printed_text = flat(" ".join(printed(_unwritten(DUTCH, language=lang))))
    for label in moments:
        assert label.strip('"„”') in printed_text


def test_the_meeting_card_reminds_of_the_room_and_stays_one_page():
    pages = printed(example_plan(DUTCH), "card")
    assert len(pages) == 1
    text = flat(pages[0])
    assert "Aan tafel: kernzin binnen twee minuten · dan tien tellen stil" in text
    english = printed(example_plan(ENGLISH), "card")
    assert len(english) == 1 and "then silence: count to ten" in flat(english[0])
