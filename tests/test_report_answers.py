"""The printed plan shows every answer of the strain and value checks, in words."""

from __future__ import annotations

import re

import pytest

from app.domain.keys import INTERPERSONAL, VALUE
from tests.conftest import example_plan
from tests.report_helpers import content, flat, printed

WORDS = {
    "nl": {
        "frequency": ["Nooit", "Zelden", "Soms", "Vaak", "Altijd"],
        "extent": ["Helemaal niet", "Een beetje", "Redelijk", "Sterk", "Heel sterk"],
        "risk": ["Geen risico", "Klein risico", "Enig risico", "Groot risico", "Ernstig risico"],
        "of": "van 5",
        "unanswered": "niet beantwoord",
    },
    "en": {
        "frequency": ["Never", "Rarely", "Sometimes", "Often", "Always"],
        "extent": ["Not at all", "A little", "Somewhat", "Much", "Very much"],
        "risk": ["No risk", "Small risk", "Some risk", "High risk", "Serious risk"],
        "of": "out of 5",
        "unanswered": "not answered",
    },
}
EXAMPLES = {"nl": "nl-van-dijk-installatietechniek", "en": "en-northwind-retail"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_answered_question_prints_its_answer_in_words(lang):
    plan = example_plan(EXAMPLES[lang])
    # every answer of the scale, 1 to 5, somewhere in the plan
    plan["interpersonal"] = {k: n % 5 + 1 for n, k in enumerate(INTERPERSONAL)}
    plan["value"] = {k: (n + 2) % 5 + 1 for n, k in enumerate(VALUE)} | {"reputation_risk": 4}
    text = flat("\n".join(printed(plan)))
    decide = content().texts[lang]["decide"]
    w = WORDS[lang]
    expected = [
        (decide["interpersonal"]["items"][k]["question"], w["frequency"], v)
        for k, v in plan["interpersonal"].items()
    ] + [(decide["value"]["items"][k]["question"], w["extent"], plan["value"][k]) for k in VALUE]
    expected.append((decide["value"]["reputation_risk"]["question"], w["risk"], 4))
    for question, words, answer in expected:
        assert f"{question} {words[answer - 1]} ({answer} {w['of']})" in text, question


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_unanswered_question_says_so_and_reputation_risk_is_always_listed(lang):
    plan = example_plan(EXAMPLES[lang])
    plan["interpersonal"] = {"dread": 2}
    plan["value"] = {}
    text = flat("\n".join(printed(plan)))
    decide = content().texts[lang]["decide"]
    w = WORDS[lang]
    assert f"{decide['interpersonal']['items']['dread']['question']} {w['frequency'][1]}" in text
    for key in ("disrespect", "attrition"):
        assert f"{decide['interpersonal']['items'][key]['question']} {w['unanswered']}" in text
    assert f"{decide['value']['reputation_risk']['question']} {w['unanswered']}" in text


THIN = {  # only a revenue and the strain check: too little for advice
    "format": "exitcoach-plan/1",
    "client": {"name": "Bakker"},
    "financial": {"annual_revenue": 84000},
    "interpersonal": dict.fromkeys(INTERPERSONAL, 2),
    "value": dict.fromkeys(VALUE, 3) | {"reputation_risk": 1},
}
NO_ADVICE = {
    "en": (
        "No advice yet",
        "Fill in the gross margin and the service hours to get advice.",
        ("Keep the client", "Nothing you have entered so far points to an exit"),
    ),
    "nl": (
        "Nog geen advies",
        "Vul de brutomarge en de bestede uren in om advies te krijgen.",
        ("De klant behouden", "wijst niets op een afscheid"),
    ),
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_with_too_little_data_neither_document_advises_and_both_say_what_is_missing(lang):
    plan = {**THIN, "language": lang}
    full = flat("\n".join(printed(plan)))
    card = flat("\n".join(printed(plan, "card")))
    title, fill_in, firm = NO_ADVICE[lang]
    assert f"{title}. {fill_in}" in full  # in the summary, where the advice would stand
    assert full.count(fill_in) == 2  # and as the reason, where the rule would be explained
    assert title in card
    for text in (full, card):
        for words in firm:
            assert words not in text, words


@pytest.mark.parametrize(
    ("lang", "contribution", "zero"), [("en", "– Contribution", "€0"), ("nl", "– Bijdrage", "€ 0")]
)
def test_with_too_little_data_no_figure_reads_zero_where_it_is_not_known(lang, contribution, zero):
    plan = {**THIN, "language": lang}
    full = flat("\n".join(printed(plan)))
    card = flat("\n".join(printed(plan, "card")))
    for text in (full, card):
        assert contribution in text  # the key figure is unknown, not € 0
        assert not re.search(rf"(?<![\d.,]){re.escape(zero)}(?![\d.,])", text), text[:1500]
    # the revenue that was typed is still there
    assert {"en": "€84,000.00", "nl": "€ 84.000,00"}[lang] in full
