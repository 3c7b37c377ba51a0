"""The words on the screens: the right form for 1 and for 2, lists joined with "en"/"and", no
doubled full stops, a loss said as a loss, and no engine jargon — in Dutch and in English."""

from __future__ import annotations

import copy
import html
import re

import pytest

from app.domain.steps import step_ids
from tests.conftest import example_plan
from tests.helpers import page_text, visible_text

EXAMPLES = (
    "nl-van-dijk-installatietechniek",
    "en-northwind-retail",
    "en-oakfield-hardware-reprice",
)
LANGUAGES = ("nl", "en")
# A count of one with a plural noun, in either language ("1 toetsen", "1 weeks", …).
ONE_WITH_PLURAL = re.compile(
    r"(?<![\d.,])1 (toetsen|checks|weken|weeks|maanden|months|hours|contactpersonen|contacts)\b"
)


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return visible_text(page_text(response))


def _flat(response) -> str:
    """The visible text on one line, as read: no line breaks between elements, no space before
    a comma or full stop that follows a link."""
    return re.sub(r"\s+([.,])", r"\1", " ".join(_text(response).split()))


def _assert_reads_well(text: str, where: str) -> None:
    """What every screen must get right, whatever the plan."""
    assert not re.search(r"(?<![.])[.!?]\s?\.(?![.])", text), f"doubled full stop on {where}"
    assert not re.search(r"€\s?[-−]|[-−]\s?€", text), f"a negative amount on {where}"
    assert "Rule" not in text and not re.search(r"Regel \d+ van", text), f"jargon on {where}"
    assert not ONE_WITH_PLURAL.search(text), f"'1' with a plural noun on {where}"
    assert "{" not in text, f"an unfilled placeholder on {where}"


def _open(ann, plan: dict, lang: str) -> int:
    """The plan imported and the interface switched to `lang` (the plan speaks it too)."""
    plan_id = ann.import_plan({**plan, "language": lang})
    ann.switch_language(lang)
    return plan_id


def _suggestion(ann, plan_id: int, step: str) -> str:
    page = page_text(ann.client.get(f"/plans/{plan_id}/steps/script"))
    match = re.search(rf'id="suggestion-{step}">([^<]*)<', page)
    assert match, step
    return html.unescape(match.group(1))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", EXAMPLES)
def test_every_step_of_the_example_plans_reads_well(ann, name, lang):
    plan = example_plan(name)
    plan_id = _open(ann, plan, lang)
    for step in step_ids(plan):
        where = f"{name} {step} ({lang})"
        _assert_reads_well(_text(ann.client.get(f"/plans/{plan_id}/steps/{step}")), where)


# ---- a loss reads as a loss ------------------------------------------------------------------

LOSS = {  # a loss of 2,600 a year over 460 hours (see tests/unit/test_explain.py)
    "annual_revenue": 100000,
    "gross_margin_pct": 25,
    "other_annual_costs": 0,
    "payment_days_late": 0,
    "working_weeks": 46,
    "service_hours": [{"department": "sales", "hours_per_week": 10, "hourly_cost": 60}],
}


def _plan(**changes) -> dict:
    plan = copy.deepcopy(example_plan("en-northwind-retail"))
    plan["financial"] = copy.deepcopy(LOSS)
    plan.update(changes)
    return plan


@pytest.mark.parametrize(
    ("lang", "financial", "alternatives", "decision"),
    [
        (
            "nl",
            "= Verlies € 2.600,00",
            [
                "Na een afscheid kost deze klant je geen € 2.600 per jaar meer, en komen er 460",
                "€ 2.600 verlies per jaar waar je vanaf bent",
            ],
            "Deze klant kost je € 2.600 per jaar meer dan hij oplevert",
        ),
        (
            "en",
            "= Loss €2,600.00",
            [
                "After an exit this client no longer costs you €2,600 a year, and 460 hours a year",
                "€2,600 loss a year that ends",
            ],
            "This client costs you €2,600 a year more than it brings in",
        ),
    ],
)
def test_a_loss_is_said_as_a_loss(ann, lang, financial, alternatives, decision):
    plan_id = _open(ann, _plan(), lang)
    text = _flat(ann.client.get(f"/plans/{plan_id}/steps/financial"))
    assert financial in text
    text = _flat(ann.client.get(f"/plans/{plan_id}/steps/alternatives"))
    for sentence in alternatives:
        assert sentence in text
    text = _flat(ann.client.get(f"/plans/{plan_id}/steps/decision"))
    assert decision in text
    for step in ("financial", "alternatives", "decision", "script"):
        _assert_reads_well(_text(ann.client.get(f"/plans/{plan_id}/steps/{step}")), step)


@pytest.mark.parametrize(
    ("lang", "hours", "expected"),
    [
        ("nl", 1, ["komt er 1 uur per jaar vrij", "uur per jaar dat vrijkomt"]),
        ("nl", 2, ["komen er 2 uur per jaar vrij", "uur per jaar die vrijkomen"]),
        ("en", 1, ["1 hour a year comes free", "hour a year that comes free"]),
        ("en", 2, ["2 hours a year come free", "hours a year that come free"]),
    ],
)
def test_the_hours_an_exit_frees_take_their_plural_form(ann, lang, hours, expected):
    financial = {
        **LOSS,
        "working_weeks": 1,
        "service_hours": [{"department": "sales", "hours_per_week": hours, "hourly_cost": 60}],
    }
    plan_id = _open(ann, _plan(financial=financial), lang)
    text = _flat(ann.client.get(f"/plans/{plan_id}/steps/alternatives"))
    for words in expected:
        assert words in text
    _assert_reads_well(text, "alternatives")


def test_the_advice_says_what_it_means_not_which_rule_fired(ann):
    plan = _plan()
    for lang in LANGUAGES:
        plan_id = _open(ann, plan, lang)
        text = _text(ann.client.get(f"/plans/{plan_id}/steps/decision"))
        _assert_reads_well(text, f"decision ({lang})")
    empty = ann.import_plan({"format": "exitcoach-plan/1", "client": {"name": "Bakker"}})
    ann.switch_language("en")
    text = _flat(ann.client.get(f"/plans/{empty}/steps/decision"))
    # Too little entered for advice: the screen says what is missing, never quotes a rule or
    # figures that do not exist yet.
    assert "No advice yet" in text
    assert "out of 100" not in text
    assert "Rule" not in text


# ---- one contact, two, three -------------------------------------------------------------------


def _contacts(*names: str) -> list[dict]:
    return [{"name": n, "primary": i == 0, "disc": "D"} for i, n in enumerate(names)]


@pytest.mark.parametrize(
    ("lang", "names", "expected"),
    [
        ("nl", ("Marleen",), None),
        ("nl", ("Marleen", "Joost"), "Joost hoort het daarna ook persoonlijk van mij."),
        ("nl", ("Marleen", "Joost", "Sandra"), "Joost en Sandra horen het daarna ook"),
        ("nl", ("Marleen", "Joost", "Sandra", "Piet"), "Joost, Sandra en Piet horen het"),
        ("en", ("Marleen",), None),
        ("en", ("Marleen", "Joost"), "Joost will hear it from me in person as well"),
        ("en", ("Marleen", "Joost", "Sandra", "Piet"), "Joost, Sandra and Piet will hear it"),
    ],
)
def test_step_one_names_the_other_contacts_as_a_list(ann, lang, names, expected):
    client = {**example_plan("en-northwind-retail")["client"], "contacts": _contacts(*names)}
    plan_id = _open(ann, _plan(client=client), lang)
    text = _suggestion(ann, plan_id, "individual")
    assert text.startswith("Marleen, ")
    if expected is None:
        assert "hoort het" not in text and "will hear it" not in text
    else:
        assert expected in text
    _assert_reads_well(text, "suggestion")


@pytest.mark.parametrize(
    ("lang", "needs"),
    [("nl", "Wat Marleen het meest van je nodig heeft: duidelijkheid"), ("en", "What Marleen")],
)
def test_texts_about_a_contact_hold_for_anybody(ann, lang, needs):
    client = {**example_plan("en-northwind-retail")["client"], "contacts": _contacts("Marleen")}
    plan_id = _open(ann, _plan(client=client), lang)
    text = _text(ann.client.get(f"/plans/{plan_id}/steps/styles"))
    assert needs in text
    assert "hun tijd" not in text and "their time" not in text
    assert "they will push you" not in text


# ---- a notice of one week or two, follow-ups as a list, the user's own full stops ---------------


@pytest.mark.parametrize(
    ("lang", "weeks", "expected"),
    [
        ("nl", 1, "Dat is de opzegtermijn van 1 week die we hebben afgesproken."),
        ("nl", 2, "Dat is de opzegtermijn van 2 weken die we hebben afgesproken."),
        ("en", 1, "That is the notice period of 1 week that we agreed on."),
        ("en", 2, "That is the notice period of 2 weeks that we agreed on."),
    ],
)
def test_the_notice_period_takes_its_plural_form(ann, lang, weeks, expected):
    transition = {"notice_weeks": weeks, "handover": "the open orders.", "referral": "Bakker B.V."}
    plan_id = _open(ann, _plan(transition=transition, follow_ups=[]), lang)
    text = _suggestion(ann, plan_id, "transition")
    assert expected in text
    assert "the open orders." in text and "Bakker B.V." in text
    _assert_reads_well(text, "suggestion")  # "Bakker B.V." ends the sentence with one stop


@pytest.mark.parametrize(
    ("lang", "weeks", "expected"),
    [
        ("nl", 1, "1 april 2027: het gesprek op 25 maart 2027 plus 1 week opzegtermijn."),
        ("nl", 2, "8 april 2027: het gesprek op 25 maart 2027 plus 2 weken opzegtermijn."),
        ("en", 1, "1 April 2027, counted from the conversation on 25 March 2027 plus 1 week's"),
        ("en", 2, "8 April 2027, counted from the conversation on 25 March 2027 plus 2 weeks'"),
    ],
)
def test_the_end_date_counted_on_the_transition_step_takes_its_plural_form(
    ann, lang, weeks, expected
):
    transition = {"notice_weeks": weeks, "handover": "the open orders."}
    plan = _plan(transition=transition, follow_ups=[], conversation_date="2027-03-25")
    plan_id = _open(ann, plan, lang)
    text = _flat(ann.client.get(f"/plans/{plan_id}/steps/transition"))
    assert expected in text
    _assert_reads_well(text, "transition")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nl", "rond 1 mei 2027, 1 juni 2027 en 1 juli 2027 bellen"),
        ("en", "around 1 May 2027, 1 June 2027 and 1 July 2027 to hear"),
    ],
)
def test_follow_up_moments_are_joined_in_the_plans_language(ann, lang, expected):
    moments = [{"date": f"2027-0{m}-01"} for m in (5, 6, 7)]
    plan_id = _open(ann, _plan(follow_ups=moments), lang)
    assert expected in _suggestion(ann, plan_id, "stay_in_contact")


# ---- one open check or two -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "open_checks", "pitfalls", "decision"),
    [
        ("nl", 1, "er staat nog 1 toets open.", "Voordat je besluit: deze toets staat nog open"),
        ("nl", 2, "er staan nog 2 toetsen open.", "Voordat je besluit: deze toetsen staan nog"),
        ("en", 1, "1 check is still open.", "Before you decide: this check is still open"),
        ("en", 2, "2 checks are still open.", "Before you decide: these checks are still open"),
    ],
)
def test_open_checks_are_counted_in_words(ann, lang, open_checks, pitfalls, decision):
    plan = _plan()
    keys = list(plan["pitfalls"])
    plan["pitfalls"] = {k: i >= open_checks for i, k in enumerate(keys)}
    plan_id = _open(ann, plan, lang)
    text = _flat(ann.client.get(f"/plans/{plan_id}/steps/pitfalls"))
    assert pitfalls in text
    text = _flat(ann.client.get(f"/plans/{plan_id}/steps/decision"))
    assert decision in text


@pytest.mark.parametrize(
    ("lang", "one", "many"),
    [
        ("nl", "Eén stap is nog niet af", ("Deze stappen zijn nog niet af", " en Lessen.")),
        (
            "en",
            # On the export step "This step" read as the export step itself.
            "One step is not finished yet",
            ("These steps are not finished yet", " and Lessons."),
        ),
    ],
)
def test_the_unfinished_steps_are_counted_and_listed(ann, lang, one, many):
    plan_id = _open(ann, example_plan("en-northwind-retail"), lang)  # only one step open
    text = _flat(ann.client.get(f"/plans/{plan_id}/steps/export"))
    assert one in text
    fresh = ann.import_plan({"format": "exitcoach-plan/1", "client": {"name": "Bakker"}})
    text = _flat(ann.client.get(f"/plans/{fresh}/steps/export"))
    for words in many:
        assert words in text
    assert ", Lessen." not in text and ", Lessons." not in text


def test_the_english_number_hint_uses_english_numbers(ann):
    plan_id = ann.create_plan("Bakker")
    response = ann.save_step(plan_id, "financial", {"annual_revenue": "lots"})
    assert response.status_code == 422
    assert "Enter a number, like 1,250 or 12.5." in page_text(response)
    ann.switch_language("nl")
    response = ann.save_step(plan_id, "financial", {"annual_revenue": "veel"})
    assert "Vul een getal in, zoals 1.250 of 12,5." in page_text(response)
