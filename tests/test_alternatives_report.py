"""The printed plan and the decision memo: each alternative with its criteria, the value
profile, the potential exception, and the conversation that follows a decision to keep."""

from __future__ import annotations

import pytest

from tests.conftest import example_plan
from tests.report_helpers import content, flat, printed

LANGS = ["en", "nl"]
EXIT_PLANS = {"nl": "nl-van-dijk-installatietechniek", "en": "en-northwind-retail"}


def decide(lang: str) -> dict:
    return content().texts[lang]["decide"]


def memo(lang: str, **changes) -> dict:
    plan = example_plan("en-oakfield-hardware-reprice")  # kept: a decision memo
    plan["language"] = lang
    plan.update(changes)
    return plan


@pytest.mark.parametrize("lang", LANGS)
def test_each_weighed_alternative_prints_when_it_fits_and_when_not(lang):
    plan = example_plan(EXIT_PLANS[lang])
    plan["alternatives"].append({"kind": "trial_period", "status": "rejected"})
    text = flat("\n".join(printed(plan)))
    kinds, labels = decide(lang)["alternatives"]["kinds"], decide(lang)["alternatives"]["criteria"]
    for alt in plan["alternatives"]:
        kind = kinds[alt["kind"]]
        assert kind["label"] in text
        assert flat(f"{labels['fits']}: {kind['fits']}") in text, alt["kind"]
        assert flat(f"{labels['not_fits']}: {kind['not_fits']}") in text, alt["kind"]


@pytest.mark.parametrize(
    ("lang", "title", "answer"),
    [("en", "Value profile", "4 of 5"), ("nl", "Waardeprofiel", "4 van 5")],
)
def test_the_plan_draws_the_value_profile_with_its_numbers(lang, title, answer):
    plan = memo(lang)
    text = flat("\n".join(printed(plan)))
    assert title in text
    reference = decide(lang)["value"]["items"]["reference"]["label"]
    assert f"{reference} {answer}" in text  # the bar's label and its number, as text


@pytest.mark.parametrize("lang", LANGS)
def test_a_held_back_advice_prints_as_on_hold_with_the_reason(lang):
    plan = example_plan("nl-van-dijk-installatietechniek")
    plan["language"] = lang
    plan["value"]["potential"] = 5
    text = flat(printed(plan)[0])
    t = decide(lang)["decision"]["potential"]
    assert t["held"] in text
    assert flat(t["warning"]).split("{potential}")[0].strip() in text


@pytest.mark.parametrize("lang", LANGS)
def test_a_real_potential_prints_the_advice_it_leads_to(lang):
    plan = example_plan("nl-van-dijk-installatietechniek")
    plan["language"] = lang
    plan["value"]["potential"] = 4
    plan["potential_review"] = {"answer": "real"}
    text = flat(printed(plan)[0])
    label = decide(lang)["recommendations"]["reprice"]["label"]
    assert flat(decide(lang)["decision"]["potential"]["if_real"].format(advice=label)) in text


@pytest.mark.parametrize(
    ("lang", "rise", "floor"),
    [("en", "12.3%", "Below a rise of 1.0%"), ("nl", "12,3%", "Onder een verhoging van 1,0%")],
)
def test_the_memo_prepares_the_price_conversation(lang, rise, floor):
    text = flat("\n".join(printed(memo(lang))))
    talks = decide(lang)["alternatives"]["talks"]
    price = talks["kinds"]["price"]
    kind = decide(lang)["alternatives"]["kinds"]["raise_rates"]
    assert f"{price['title']}: {kind['label']}" in text
    assert flat(price["key_message"].format(pct=rise)) in text
    assert floor in text
    assert flat(kind["agree"]) in text
    assert flat(kind["review"]) in text
    influential = content().texts[lang]["prepare"]["styles"]["kinds"]["I"]["name"]
    assert f"Priya Shah ({influential}) {flat(price['reactions']['I'])}" in text
    # the conversation is on 20 January 2027: the review three months later
    assert talks["review"].format(date="20 april 2027" if lang == "nl" else "20 April 2027") in text


@pytest.mark.parametrize(
    ("alternative", "talk"),
    [
        ("scope_reset", "reset"),
        ("trial_period", "trial"),
        ("repair_attention", "repair"),
        ("inside_sales", "reset"),
    ],
)
@pytest.mark.parametrize("lang", LANGS)
def test_each_alternative_gets_its_own_conversation_in_the_memo(lang, alternative, talk):
    plan = memo(lang, next_talk={"alternative": alternative, "review_date": "2027-06-30"})
    plan["client"]["contacts"][0]["disc"] = None  # no style known: the four patterns
    text = flat("\n".join(printed(plan)))
    talks = decide(lang)["alternatives"]["talks"]
    kind = decide(lang)["alternatives"]["kinds"][alternative]
    assert f"{talks['kinds'][talk]['title']}: {kind['label']}" in text
    assert flat(kind["agree"]) in text and flat(kind["review"]) in text
    assert flat(talks["reactions_general"]) in text
    for style in ("D", "I", "S", "C"):
        assert flat(talks["kinds"][talk]["reactions"][style]) in text
    date = "30 juni 2027" if lang == "nl" else "30 June 2027"
    assert talks["review"].format(date=date) in text


def test_the_memo_prints_the_users_own_key_message_and_limit():
    plan = memo(
        "en",
        next_talk={"key_message": "Our rate rises by 12% in April.", "walk_away": "Not below 8%."},
    )
    text = flat("\n".join(printed(plan)))
    assert "Key message Our rate rises by 12% in April." in text
    assert "Not below 8%." in text
    assert "Below a rise of 1.0%" in text  # the floor in figures stays beside it


@pytest.mark.parametrize("lang", LANGS)
def test_a_planned_activity_for_what_clients_value_prints_in_the_memo(lang):
    plan = memo(lang, attention_plan=[{"activity": "v_proactive", "date": "2027-02-01"}])
    text = flat("\n".join(printed(plan)))
    assert flat(content().texts[lang]["prepare"]["attention"]["activities"]["v_proactive"]) in text


def test_an_exit_plan_has_no_conversation_that_follows():
    text = flat("\n".join(printed(example_plan("en-northwind-retail"))))
    assert decide("en")["alternatives"]["talks"]["kinds"]["price"]["title"] not in text


def test_the_memo_and_its_profile_keep_to_one_font_family():
    from app.pdf import documents
    from tests.helpers import pdf_fonts
    from tests.report_helpers import TODAY

    plan = memo("nl")
    plan["value"].pop("energy")  # an unanswered bar says so in the chart
    report = documents.report_for(plan, content(), TODAY)
    fonts = {
        name.split("+", 1)[1] for name, _ in pdf_fonts(documents.pdf_for_report(report, "plan"))
    }
    assert fonts - {"DejaVu-Sans"} <= {"Liberation-Sans", "Liberation-Sans-Bold"}, fonts
    html = documents.document_html(report, "plan")
    chart = html[html.index('<figure class="profile') :]
    chart = chart[: chart.index("</figure>")]
    assert chart.count('font-family="Liberation Sans') == chart.count("<text ")
    assert "niet beantwoord" in chart


@pytest.mark.parametrize("lang", LANGS)
def test_a_planned_way_to_grow_together_prints_in_the_memo(lang):
    plan = memo(lang, attention_plan=[{"activity": "grow_signals", "date": "2027-02-01"}])
    text = flat("\n".join(printed(plan)))
    assert flat(content().texts[lang]["prepare"]["attention"]["activities"]["grow_signals"]) in text
