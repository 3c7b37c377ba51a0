"""Coaching tips: each shows on the step where the user needs it, in their language, and the
lessons' tips are printed in the plan too."""

from __future__ import annotations

import pytest
import yaml

from app.content import ContentError, load_content
from tests.helpers import page_text, pdf_text, visible_text

# (step, decision, English title, Dutch title) of every tip, as the step page shows it.
TIPS = [
    (
        "client",
        None,
        "Client focus does not mean keeping everyone",
        "Klantgericht is niet iedereen houden",
    ),
    ("financial", None, "The quiet clients pay the price", "De stille klanten betalen de rekening"),
    ("value", None, "Follow the value through", "Waarde werkt door"),
    (
        "preconditions",
        None,
        "A business relationship is still a relationship",
        "Ook een zakelijke relatie is een relatie",
    ),
    (
        "alternatives",
        None,
        "A relationship is an account you pay into",
        "Een relatie is een rekening waarop je stort",
    ),
    (
        "attention",
        "keep",
        "A loyal client is not a safe client",
        "Een trouwe klant is geen zekere klant",
    ),
    (
        "attention",
        "keep",
        "Clients go where they feel they matter",
        "Klanten gaan waar ze zich gezien voelen",
    ),
    ("attention", "keep", "One question at every team meeting", "Eén vraag in elk teamoverleg"),
    (
        "attention",
        "keep",
        "Today's extra is next year's normal",
        "Wat nu verrast, is volgend jaar gewoon",
    ),
    ("attention", "keep", "One moment a week", "Elke week één moment"),
    ("lessons", "exit", "Seldom regretted", "Zelden spijt"),
    ("lessons", "exit", "An ending is also a beginning", "Een einde is ook een begin"),
]


def _plan(ann, decision: str | None) -> int:
    plan_id = ann.create_plan("Acme Logistics")
    if decision == "keep":
        ann.save_step(plan_id, "decision", {"choice": "keep"})  # an empty plan's advice
    elif decision == "exit":
        ann.save_step(plan_id, "decision", {"choice": "exit", "rationale": "Our reasons."})
    return plan_id


def _tips_panel(ann, plan_id: int, step: str) -> str:
    """The visible text of the step's tips panel ('' when the step shows none)."""
    html = page_text(ann.client.get(f"/plans/{plan_id}/steps/{step}"))
    if '<aside class="tips"' not in html:
        return ""
    start = html.index('<aside class="tips"')
    return visible_text(html[start : html.index("</aside>", start)])


@pytest.mark.parametrize(("step", "decision", "english", "dutch"), TIPS)
def test_each_tip_shows_on_its_step_in_both_languages(ann, step, decision, english, dutch):
    plan_id = _plan(ann, decision)
    panel = _tips_panel(ann, plan_id, step)
    assert "Worth knowing" in panel and english in panel
    ann.switch_language("nl")
    panel = _tips_panel(ann, plan_id, step)
    assert "Goed om te weten" in panel and dutch in panel
    assert english not in panel


def test_a_tip_says_what_to_do(ann):
    panel = _tips_panel(ann, _plan(ann, None), "financial")
    assert "write down two or three of those quiet clients" in panel


def test_the_attention_tips_are_for_a_kept_client_only_and_the_exit_tips_for_an_exit(ann):
    kept = _plan(ann, "keep")
    assert "Seldom regretted" not in _tips_panel(ann, kept, "lessons")
    leaving = _plan(ann, "exit")
    assert "Seldom regretted" in _tips_panel(ann, leaving, "lessons")
    # No decision yet: the journey is the exit path, and the lessons step says so.
    assert "Seldom regretted" in _tips_panel(ann, _plan(ann, None), "lessons")


def test_a_step_without_tips_shows_no_empty_panel(ann):
    assert _tips_panel(ann, _plan(ann, None), "script") == ""


def test_the_no_regret_tip_says_it_is_one_persons_experience(ann):
    plan_id = _plan(ann, "exit")
    panel = _tips_panel(ann, plan_id, "lessons")
    assert "That is one person's experience, not research" in panel
    ann.switch_language("nl")
    panel = _tips_panel(ann, plan_id, "lessons")
    assert "Dat is de ervaring van één persoon, geen onderzoek" in panel


def test_the_tips_are_in_the_page_itself_without_javascript(ann):
    html = page_text(ann.client.get(f"/plans/{_plan(ann, None)}/steps/client"))
    # Server-rendered before the step's form, not fetched or revealed by a script.
    tip = html.index("Client focus does not mean keeping everyone")
    assert html.index('id="step-heading"') < tip < html.index('id="step-form"')


@pytest.mark.parametrize(
    ("lang", "heading", "titles", "honest"),
    [
        (
            "en",
            "WORTH KNOWING",
            ("Seldom regretted", "An ending is also a beginning"),
            "not research",
        ),
        (
            "nl",
            "GOED OM TE WETEN",
            ("Zelden spijt", "Een einde is ook een begin"),
            "geen onderzoek",
        ),
    ],
)
def test_the_printed_plan_carries_the_lessons_tips(ann, lang, heading, titles, honest):
    plan_id = _plan(ann, "exit")
    ann.save_step(plan_id, "client", {"client_name": "Acme Logistics", "language": lang})
    ann.save_step(plan_id, "lessons", {"lessons": "Watch the payment terms."})
    text = " ".join(pdf_text(ann.client.get(f"/plans/{plan_id}/plan.pdf").data).split())
    lessons = text[text.index("Watch the payment terms.") :]
    assert heading in lessons.upper()
    for title in titles:
        assert title in lessons
    assert honest in lessons


def test_the_decision_memo_of_a_kept_client_has_no_exit_tips(ann):
    plan_id = _plan(ann, "keep")
    text = pdf_text(ann.client.get(f"/plans/{plan_id}/plan.pdf").data)
    assert "Seldom regretted" not in text and "Worth knowing" not in text


def _edit_tips(content_dir, lang, change):
    path = content_dir / lang / "tips.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["tips"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "change", "expected"),
    [
        ("en", lambda t: t["value_chain"].update(step="valeu"), "no step is called 'valeu'"),
        ("nl", lambda t: t["no_regret"].update(when="sometimes"), "when must be one of exit, keep"),
        ("en", lambda t: t["new_start"].pop("body"), "tips.new_start.body is missing"),
        ("nl", lambda t: t.pop("quiet_clients"), "tips.quiet_clients is missing"),
        ("nl", lambda t: t["value_chain"].update(step="pitfalls"), "step and condition differ"),
    ],
)
def test_the_app_refuses_a_broken_tips_file(content_copy, lang, change, expected):
    _edit_tips(content_copy, lang, change)
    with pytest.raises(ContentError) as excinfo:
        load_content(content_copy)
    assert "tips.yaml" in str(excinfo.value)
    assert expected in str(excinfo.value)
