"""The report: one pure function from a plan to everything the printed documents show."""

from __future__ import annotations

from datetime import date

import pytest

from app.content import load_content
from app.domain.report import CARD_LIMITS, EXIT, MEMO, build_report, first_sentence, shorten
from tests.conftest import example_plan

TODAY = date(2026, 11, 26)


@pytest.fixture(scope="module")
def content():
    return load_content()


def report_of(plan, content):
    return build_report(plan, content.texts[plan.get("language", "en")], content.model, today=TODAY)


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Short enough.", 20, "Short enough."),
        ("  spread\n over   lines ", 40, "spread over lines"),
        ("We will finish the spring campaign first", 24, "We will finish the…"),
        ("x" * 50, 10, "xxxxxxxxx…"),
        (None, 10, ""),
    ],
)
def test_shorten_cuts_at_a_word_with_an_ellipsis(text, limit, expected):
    assert shorten(text, limit) == expected
    assert len(shorten(text, limit)) <= limit


def test_first_sentence_stops_at_the_first_full_stop_or_line_break():
    assert first_sentence("Claire, thank you. I wanted to tell you.") == "Claire, thank you."
    assert first_sentence("No full stop here\nsecond line") == "No full stop here"
    assert first_sentence("Version 2.5 is out") == "Version 2.5 is out"


def test_an_exit_plan_in_english_formats_figures_the_english_way(content):
    report = report_of(example_plan("en-northwind-retail"), content)
    assert report.kind == EXIT and report.is_exit
    assert report.title == "Exit conversation plan"
    assert report.made_on == "Made on 26 November 2026"
    figures = {row.label: row.value for row in report.financial.rows}
    assert figures["Gross profit"] == "€51,865.00"
    assert figures["Loss"] == "€17,375.53"  # a negative contribution is shown as a loss
    assert figures["Gross margin"] == "41.0%"
    assert [row.value for row in report.summary.key_figures] == [
        "€17,376",
        "13.7%",
        "€63,779",
        "897",
    ]
    assert report.summary.decision.value == "End the relationship"
    assert report.summary.follows_advice is True


def test_a_dutch_plan_is_dutch_with_dutch_figures_and_dates(content):
    report = report_of(example_plan("nl-van-dijk-installatietechniek"), content)
    assert report.title == "Plan voor het exitgesprek"
    assert report.made_on == "Gemaakt op 26 november 2026"
    figures = {row.label: row.value for row in report.financial.rows}
    assert figures["Brutowinst"] == "€\u00a026.880,00"
    assert figures["Verlies"] == "€\u00a015.569,62"
    assert ("Gesprek", "8 februari 2027") in [(r.label, r.value) for r in report.summary.rows]
    assert [r.label for r in report.transition.rows][:2] == ["Opzegtermijn", "Einddatum"]


def test_the_chart_sets_gross_profit_against_the_full_cost_to_serve(content):
    report = report_of(example_plan("en-northwind-retail"), content)
    profit, cost = report.financial.chart
    assert (profit.value, cost.value) == ("€51,865", "€69,241")  # cost incl. late payment, other
    assert cost.share == 1.0 and 0.74 < profit.share < 0.76
    assert {profit.pattern, cost.pattern} == {"solid", "hatched"}


def test_the_seven_steps_keep_the_users_words_or_offer_the_suggestion(content):
    plan = example_plan("en-northwind-retail")
    plan["script"]["logic"] = ""
    report = report_of(plan, content)
    steps = {s.key: s for s in report.conversation.steps}
    assert [s.number for s in report.conversation.steps] == [1, 2, 3, 4, 5, 6, 7]
    assert steps["framing"].words.startswith("We have decided")
    assert steps["framing"].suggestion == ""
    assert steps["logic"].words == "" and steps["logic"].suggestion  # the app's suggestion
    assert steps["individual"].phrase == "Claire, thank you for making time."


def test_reactions_hold_the_users_own_and_the_likely_ones_for_the_contacts_style(content):
    report = report_of(example_plan("en-northwind-retail"), content)
    own = [r for r in report.reactions.items if not r.likely]
    likely = [r for r in report.reactions.items if r.likely]
    assert own[0].reaction == "“Can you show me how you arrived at this?”"
    assert likely and all(":" in r.reaction for r in likely)


def test_a_kept_client_gets_a_memo_with_its_attention_plan(content):
    report = report_of(example_plan("en-oakfield-hardware-reprice"), content)
    assert report.kind == MEMO and not report.is_exit
    assert report.title == "Decision memo"
    assert report.attention.items[0].value == "1 February 2027"
    assert report.card.checklist_title == "Agreed actions"
    assert report.card.key_message.startswith("Renegotiate rates and terms first")


def test_a_decision_against_the_advice_is_marked(content):
    plan = example_plan("en-northwind-retail")
    plan["decision"] = {"choice": "keep", "rationale": "They are about to be acquired."}
    report = report_of(plan, content)
    assert report.summary.follows_advice is False
    assert report.summary.advice.value == "End the relationship"


def test_an_empty_plan_makes_a_report_without_figures(content):
    report = report_of({"language": "en"}, content)
    assert report.client_name == "–"
    assert report.summary.decision is None and report.summary.follows_advice is None
    assert report.scores.strain.score.value == "–"
    assert report.card.key_message == "Write your key sentence in step 2 of the conversation."
    assert report.transition.follow_ups == []


def test_the_card_cuts_every_long_text_to_its_limit(content):
    plan = example_plan("en-northwind-retail")
    long_text = "A very long sentence that keeps going and going. " * 100
    plan["script"] = dict.fromkeys(plan["script"], long_text)
    card = report_of(plan, content).card
    assert len(card.key_message) <= CARD_LIMITS["key_message"]
    assert card.key_message.endswith("…")
    assert all(len(phrase) <= CARD_LIMITS["phrase"] for _title, phrase in card.checklist)
    assert len(card.transition) <= CARD_LIMITS["transition"]
    assert card.transition.endswith("…")
    assert all(len(row.value) <= CARD_LIMITS["reminder"] for row in card.reminders)


def test_follow_ups_are_suggested_from_the_end_date_when_none_are_planned(content):
    plan = example_plan("en-northwind-retail")
    plan["follow_ups"] = []
    report = report_of(plan, content)
    assert [row.label for row in report.transition.follow_ups] == [
        "31 August 2027",
        "30 November 2027",
        "31 May 2028",
    ]
