"""The word helpers and the composed texts of the domain, without an app: plural forms, lists,
sentences that end in exactly one full stop, losses said as losses, texts that hold for anybody."""

from __future__ import annotations

import pytest

from app.content import load_content
from app.domain.analysis import analyze
from app.domain.disc import STYLES, pair_advice
from app.domain.explain import break_even_lines, rule_explanation
from app.domain.preparation import suggestions
from app.domain.words import Plural, clause, join_words, plural_category, sentence, tidy


@pytest.fixture(scope="module")
def content():
    return load_content()


@pytest.mark.parametrize(
    ("lang", "n", "expected"),
    [("nl", 1, "1 week"), ("nl", 2, "2 weken"), ("nl", 0, "0 weken"), ("en", 1, "1 week")],
)
def test_a_plural_text_picks_its_form_by_the_languages_rules(lang, n, expected):
    weeks = Plural(lang, {"one": "{count} week", "other": "{count} weken"})
    assert weeks.format(count=n) == expected
    assert plural_category(1, lang) == "one"
    assert plural_category(2.5, lang) == "other"


def test_a_plural_text_also_reads_as_the_mapping_of_its_forms():
    forms = Plural("nl", {"one": "{count} toets", "other": "{count} toetsen"})
    assert forms.get("one", forms["other"]) == "{count} toets"
    assert dict(forms) == {"one": "{count} toets", "other": "{count} toetsen"}
    assert str(forms) == "{count} toetsen"


@pytest.mark.parametrize(
    ("lang", "items", "expected"),
    [
        ("nl", ["Joost"], "Joost"),
        ("nl", ["Joost", "Sandra"], "Joost en Sandra"),
        ("nl", ["Joost", "Sandra", "Piet"], "Joost, Sandra en Piet"),
        ("en", ["Joost", "Sandra", "Piet"], "Joost, Sandra and Piet"),
        ("en", [], ""),
    ],
)
def test_lists_are_joined_in_the_language(lang, items, expected):
    assert join_words(items, lang) == expected


@pytest.mark.parametrize(
    ("text", "as_sentence", "as_clause"),
    [
        ("de open orders", "de open orders.", "de open orders"),
        ("de open orders.", "de open orders.", "de open orders"),
        ("Bakker B.V.", "Bakker B.V.", "Bakker B.V"),
        ("  klaar?  ", "klaar?", "klaar?"),
        ('zij zei "ja."', 'zij zei "ja."', 'zij zei "ja."'),
    ],
)
def test_user_text_fits_into_a_sentence_with_one_full_stop(text, as_sentence, as_clause):
    assert sentence(text) == as_sentence
    assert clause(text) == as_clause
    assert ".." not in f"Ik breng je in contact met {clause(text)}."


def test_tidy_removes_doubled_stops_but_keeps_an_ellipsis():
    assert tidy("Tot dan. . Daarna..") == "Tot dan. Daarna."
    assert tidy("Klaar?. Ja") == "Klaar? Ja"
    assert tidy("Wacht even...") == "Wacht even..."


def _loss_plan(lang: str, **extra) -> dict:
    return {
        "language": lang,
        "client": {"name": "Bakker", "contacts": [{"name": "Marleen", "primary": True}]},
        "financial": {
            "annual_revenue": 100000,
            "gross_margin_pct": 25,
            "service_hours": [{"department": "sales", "hours_per_week": 10, "hourly_cost": 60}],
        },
        "value": {"reference": 2, "network": 2},
        **extra,
    }


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nl", "Na een afscheid kost deze klant je geen €\u00a02.600 per jaar meer"),
        ("en", "After an exit this client no longer costs you €2,600 a year"),
    ],
)
def test_an_exit_from_a_loss_maker_is_said_as_a_loss_that_ends(content, lang, expected):
    analysis = analyze(_loss_plan(lang), content.model)
    line = break_even_lines(analysis, content.model, content.section(lang, "decide"), lang)["exit"]
    assert line.startswith(expected)
    assert "€\u00a0-" not in line and "-€" not in line


def test_the_last_rule_with_open_checks_says_so_instead_of_quoting_empty_figures(content):
    analysis = analyze({"client": {"name": "Bakker"}}, content.model)
    assert analysis["rule"] == 7 and analysis["unanswered"]
    for lang in ("nl", "en"):
        text = rule_explanation(analysis, content.model, content.section(lang, "decide"), lang)
        assert "–" not in text and "€" not in text
    nl = rule_explanation(analysis, content.model, content.section("nl", "decide"), "nl")
    assert nl.startswith("Met wat je tot nu toe hebt ingevuld, wijst niets op een afscheid.")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_pair_advice_holds_for_anybody_and_reads_as_sentences(content, lang):
    texts = content.section(lang, "prepare.styles")
    for mine in STYLES:
        for theirs in STYLES:
            for line in pair_advice(mine, theirs, "Marleen", texts):
                assert " hun " not in f" {line} " and "their time" not in line
                assert ".." not in line
    need = pair_advice("S", "D", "Marleen", texts)[1]
    assert need.split(": ", 1)[1][0].islower()  # "…nodig heeft: duidelijkheid, …"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_suggestions_keep_one_full_stop_around_the_users_words(content, lang):
    plan = _loss_plan(
        lang,
        conversation_date="2027-01-04",
        transition={"notice_weeks": 1, "handover": "de sleutels.", "referral": "Jansen B.V."},
    )
    texts = suggestions(plan, analyze(plan, content.model), content.section(lang, "prepare"), lang)
    assert "de sleutels." in texts["transition"] and "Jansen B.V." in texts["transition"]
    for text in texts.values():
        assert ".." not in text and ". ." not in text
    assert ("1 week die" if lang == "nl" else "1 week that") in texts["transition"]
