"""Alternatives with their criteria, the potential exception, the value profile and the
conversation that follows a decision other than an exit: what the user sees on the screens."""

from __future__ import annotations

import pytest

from app.domain.keys import ALTERNATIVE_KINDS
from tests.conftest import example_plan
from tests.helpers import page_text, plan_data, visible_text
from tests.report_helpers import content, flat

LANGS = ["en", "nl"]
REPRICE = "en-oakfield-hardware-reprice"


def seen(response) -> str:
    return " ".join(visible_text(page_text(response)).split())


def decide(lang: str) -> dict:
    return content().texts[lang]["decide"]


@pytest.fixture
def in_language(ann):
    def switch(lang: str):
        if lang != "en":
            ann.switch_language(lang)
        return ann

    return switch


# ---- 3. alternatives with criteria --------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_alternative_says_when_it_fits_when_not_what_to_agree_and_how_to_tell(
    in_language, lang
):
    user = in_language(lang)
    plan_id = user.create_plan("Acme")
    page = seen(user.client.get(f"/plans/{plan_id}/steps/alternatives"))
    kinds = decide(lang)["alternatives"]["kinds"]
    for kind in ALTERNATIVE_KINDS:
        assert flat(kinds[kind]["label"]) in page
        for part in ("fits", "not_fits", "agree", "review"):
            assert flat(kinds[kind][part]) in page, (kind, part)
    for label in decide(lang)["alternatives"]["criteria"].values():
        assert label in page


@pytest.mark.parametrize("kind", ["scope_reset", "trial_period", "repair_attention"])
def test_the_new_alternatives_can_be_chosen_and_are_kept(app, ann, kind):
    plan_id = ann.create_plan("Acme")
    page = seen(ann.client.get(f"/plans/{plan_id}/steps/alternatives"))
    assert decide("en")["alternatives"]["kinds"][kind]["label"] in page
    response = ann.save_step(
        plan_id,
        "alternatives",
        {"alternatives-0-kind": kind, "alternatives-0-status": "considered"},
    )
    assert response.status_code == 200
    assert plan_data(app, plan_id)["alternatives"] == [
        {"kind": kind, "status": "considered", "note": None}
    ]


# ---- 4. value as a profile ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "title", "four", "unanswered"),
    [
        ("en", "Value profile", "4 of 5", "not answered"),
        ("nl", "Waardeprofiel", "4 van 5", "niet beantwoord"),
    ],
)
def test_the_value_step_draws_the_answers_as_a_profile(in_language, lang, title, four, unanswered):
    user = in_language(lang)
    plan_id = user.create_plan("Acme")
    response = user.save_step(plan_id, "value", {"reference": "4", "reputation_risk": "2"})
    assert response.status_code == 200
    # the live panel of the autosave carries the chart too
    assert title in seen(response)
    html = page_text(user.client.get(f"/plans/{plan_id}/steps/value"))
    assert 'role="img"' in html
    label = decide(lang)["value"]["items"]["reference"]["label"]
    assert f"{label}: {four}" in html  # the chart in words, for screen readers
    page = seen(user.client.get(f"/plans/{plan_id}/steps/value"))
    assert title in page and four in page and unanswered in page


# ---- 4. the potential exception -----------------------------------------------------------------


def _potential_plan(potential: int) -> dict:
    plan = example_plan("nl-van-dijk-installatietechniek")  # loss-making, little value: exit
    plan["language"] = "en"
    plan["value"]["potential"] = potential
    plan.pop("decision", None)
    return plan


def test_high_potential_holds_the_exit_advice_back_and_asks_for_a_judgement(ann):
    plan_id = ann.import_plan(_potential_plan(5))
    html = page_text(ann.client.get(f"/plans/{plan_id}/steps/decision"))
    page = " ".join(visible_text(html).split())
    t = decide("en")["decision"]["potential"]
    assert t["title"] in page
    assert t["question"] in page
    assert flat(t["answers"]["real"]) in page and flat(t["answers"]["hope"]) in page
    assert "you rate this client's future potential 5 out of 5" in page
    assert '<span class="badge">the advice</span>' not in html  # no option carries the badge


def test_judging_the_growth_real_turns_the_advice_into_renegotiating(app, ann):
    plan_id = ann.import_plan(_potential_plan(4))
    response = ann.save_step(
        plan_id, "decision", {"potential_answer": "real", "potential_note": "Signed expansion"}
    )
    assert response.status_code == 200
    assert plan_data(app, plan_id)["potential_review"] == {
        "answer": "real",
        "note": "Signed expansion",
    }
    page = seen(ann.client.get(f"/plans/{plan_id}/steps/decision"))
    label = decide("en")["recommendations"]["reprice"]["label"]
    assert flat(decide("en")["decision"]["potential"]["if_real"].format(advice=label)) in page
    assert f"{label} the advice" in page
    # an exit now differs from the advice: it needs a reason
    response = ann.save_step(plan_id, "decision", {"potential_answer": "real", "choice": "exit"})
    assert response.status_code == 422
    assert decide("en")["decision"]["rationale_required"].strip() in seen(response)


def test_judging_the_growth_a_hope_lets_the_exit_advice_stand(ann):
    plan_id = ann.import_plan(_potential_plan(4))
    ann.save_step(plan_id, "decision", {"potential_answer": "hope"})
    page = seen(ann.client.get(f"/plans/{plan_id}/steps/decision"))
    assert flat(decide("en")["decision"]["potential"]["if_hope"]) in page
    assert f"{decide('en')['recommendations']['exit']['label']} the advice" in page


def test_ordinary_potential_gives_no_warning_and_keeps_an_earlier_answer(app, ann):
    plan = _potential_plan(2)
    plan["potential_review"] = {"answer": "real", "note": "Old note"}
    plan_id = ann.import_plan(plan)
    page = seen(ann.client.get(f"/plans/{plan_id}/steps/decision"))
    assert decide("en")["decision"]["potential"]["question"] not in page
    ann.save_step(plan_id, "decision", {"choice": "exit", "go": "stay"}, htmx=False)
    assert plan_data(app, plan_id)["potential_review"] == {"answer": "real", "note": "Old note"}


@pytest.mark.parametrize("lang", LANGS)
def test_the_potential_warning_speaks_the_users_language(in_language, lang):
    user = in_language(lang)
    plan_id = user.import_plan(_potential_plan(5))
    page = seen(user.client.get(f"/plans/{plan_id}/steps/decision"))
    assert decide(lang)["decision"]["potential"]["title"] in page
    value_page = seen(user.client.get(f"/plans/{plan_id}/steps/value"))
    assert decide(lang)["decision"]["potential"]["title"] in value_page


# ---- 3. the conversation that follows -----------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "rise", "floor"),
    [("en", "12.3%", "Below a rise of 1.0%"), ("nl", "12,3%", "Onder een verhoging van 1,0%")],
)
def test_the_attention_step_prepares_the_price_conversation(in_language, lang, rise, floor):
    user = in_language(lang)
    plan = example_plan(REPRICE)
    plan["language"] = lang
    plan_id = user.import_plan(plan)
    page = seen(user.client.get(f"/plans/{plan_id}/steps/attention"))
    talks = decide(lang)["alternatives"]["talks"]
    assert talks["kinds"]["price"]["title"] in page
    assert flat(talks["kinds"]["price"]["key_message"].format(pct=rise)) in page
    assert floor in page
    influential = content().texts[lang]["prepare"]["styles"]["kinds"]["I"]["name"]
    assert f"Priya Shah ({influential})" in page
    assert flat(talks["kinds"]["price"]["reactions"]["I"]) in page
    assert flat(decide(lang)["alternatives"]["kinds"]["raise_rates"]["review"]) in page


def test_the_users_own_words_and_date_are_kept_and_shown(app, ann):
    plan_id = ann.import_plan(example_plan(REPRICE))
    response = ann.save_step(
        plan_id,
        "attention",
        {
            "talk_alternative": "scope_reset",
            "talk_key_message": "We put the scope back on paper.",
            "talk_walk_away": "No unpaid rush work.",
            "talk_review_date": "2027-05-01",
        },
    )
    assert response.status_code == 200
    assert plan_data(app, plan_id)["next_talk"] == {
        "alternative": "scope_reset",
        "key_message": "We put the scope back on paper.",
        "walk_away": "No unpaid rush work.",
        "review_date": "2027-05-01",
    }
    page = seen(ann.client.get(f"/plans/{plan_id}/steps/attention"))
    assert "Resetting expectations: Reset the scope" in page
    assert "We put the scope back on paper." in page
    assert "No unpaid rush work." in page
    assert "Review on 1 May 2027" in page


def test_a_bad_review_date_is_refused_next_to_the_field(app, ann):
    plan_id = ann.import_plan(example_plan(REPRICE))
    response = ann.save_step(plan_id, "attention", {"talk_review_date": "3000-01-01"})
    assert response.status_code == 422
    assert 'id="talk_review_date-error"' in page_text(response)
    assert "review_date" not in (plan_data(app, plan_id).get("next_talk") or {})


# ---- 4. what clients value, in the attention plan -----------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_attention_step_lists_what_clients_value_with_its_sources(in_language, lang):
    user = in_language(lang)
    plan_id = user.import_plan(example_plan(REPRICE))
    page = seen(user.client.get(f"/plans/{plan_id}/steps/attention"))
    values = content().texts[lang]["prepare"]["attention"]["client_values"]
    assert values["title"] in page
    assert flat(values["sources"]) in page
    for item in values["items"].values():
        assert item["label"] in page and flat(item["meaning"]) in page


def test_an_activity_for_what_clients_value_can_be_planned(app, ann):
    plan_id = ann.import_plan(example_plan(REPRICE))
    ann.save_step(
        plan_id,
        "attention",
        {"attention_plan-0-activity": "v_reliability", "attention_plan-0-date": "2027-02-01"},
    )
    assert plan_data(app, plan_id)["attention_plan"][0]["activity"] == "v_reliability"


@pytest.mark.parametrize(
    ("step", "field", "value", "stored"),
    [
        ("decision", "potential_answer", "certainly", ("potential_review", "answer")),
        ("attention", "talk_alternative", "bribe", ("next_talk", "alternative")),
        ("attention", "talk_key_message", "x" * 20001, ("next_talk", "key_message")),
    ],
)
def test_a_crafted_value_is_refused_next_to_its_field_and_nothing_is_lost(
    app, ann, step, field, value, stored
):
    plan = _potential_plan(5)
    plan["decision"] = {"choice": "keep", "rationale": "Growth."}
    plan["potential_review"] = {"answer": "hope"}
    plan["next_talk"] = {"alternative": "trial_period", "key_message": "Ours."}
    plan_id = ann.import_plan(plan)
    before = plan_data(app, plan_id)
    response = ann.save_step(plan_id, step, {field: value})
    assert response.status_code == 422
    assert f'id="{field}-error"' in page_text(response)
    section, key = stored
    assert plan_data(app, plan_id)[section][key] == before[section][key]
    assert ann.client.get(f"/plans/{plan_id}/steps/{step}").status_code == 200


@pytest.mark.parametrize("lang", LANGS)
def test_the_attention_step_offers_ways_to_grow_together(app, in_language, lang):
    # A kept client: research it, offer what fits its next step, watch its signals, walk
    # through its experience, and give your own people the same attention (C100–C103, C105).
    user = in_language(lang)
    plan_id = user.import_plan(example_plan(REPRICE))
    page = seen(user.client.get(f"/plans/{plan_id}/steps/attention"))
    attention = content().texts[lang]["prepare"]["attention"]
    assert attention["groups"]["grow"] in page
    for key in ("grow_research", "grow_offer", "grow_signals", "grow_experience", "grow_inside"):
        assert flat(attention["activities"][key]) in page
    user.save_step(
        plan_id,
        "attention",
        {"attention_plan-0-activity": "grow_research", "attention_plan-0-date": "2027-02-01"},
    )
    assert plan_data(app, plan_id)["attention_plan"][0]["activity"] == "grow_research"
