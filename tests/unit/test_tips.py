"""Which tips a step shows: by step, by the plan's decision, in the order of TIPS."""

from __future__ import annotations

from app.domain.tips import TIPS, problems, tips_for

TIPS_FILE = {
    "later": {"step": "attention", "when": "keep", "title": "Later", "body": "Second."},
    "always": {"step": "attention", "title": " First ", "body": " Shown to all. "},
    "leaving": {"step": "attention", "when": "exit", "title": "Leaving", "body": "Exit only."},
    "elsewhere": {"step": "value", "title": "Value", "body": "Not here."},
}


def _ids(plan):
    return [tip.id for tip in tips_for("attention", plan, TIPS_FILE)]


def test_a_step_shows_its_own_tips_that_fit_the_decision():
    assert _ids({"decision": {"choice": "keep"}}) == ["later", "always"]
    assert _ids({"decision": {"choice": "reprice"}}) == ["later", "always"]
    assert _ids({"decision": {"choice": "exit"}}) == ["always", "leaving"]
    assert _ids({}) == ["always", "leaving"]  # no decision yet: the exit path
    assert _ids(None) == ["always", "leaving"]


def test_a_tip_comes_with_its_texts_trimmed():
    tip = tips_for("value", {}, TIPS_FILE)[0]
    assert (tip.title, tip.body, tip.step, tip.when) == ("Value", "Not here.", "value", None)
    assert tips_for("attention", {}, TIPS_FILE)[0].title == "First"


def test_the_known_tips_keep_their_order_whatever_the_file_order():
    shuffled = {tid: {"step": "lessons", "title": tid, "body": "b"} for tid in reversed(TIPS)}
    assert [t.id for t in tips_for("lessons", {}, shuffled)] == list(TIPS)


def test_problems_name_the_language_and_the_tip():
    good = {"tips": {"a": {"step": "value", "title": "T", "body": "B"}}}
    assert problems({"nl": good, "en": good}) == []
    bad = {"tips": {"a": {"step": "nowhere", "when": "maybe", "title": "T", "body": " "}}}
    found = problems({"nl": good, "en": bad})
    assert ("en", "tips.a.body is missing") in found
    assert ("en", "tips.a.step: no step is called 'nowhere'") in found
    assert ("en", "tips.a.when must be one of exit, keep, not 'maybe'") in found
    assert ("en", "tips.a: step and condition differ from nl") in found
