"""Content is data: complete in both languages, or the app refuses to start."""

from __future__ import annotations

import pytest
import yaml

from app import create_app
from app.content import ContentError, load_content


def test_the_shipped_content_loads_and_has_both_languages():
    content = load_content()
    assert content.text("nl", "steps.steps.financial.title") == "Financiële toets"
    assert content.text("en", "steps.steps.financial.title") == "Financial check"
    assert content.model["financial"]["working_weeks"] == 46
    assert content.model["scores"]["strain_high"] == 60


def _edit(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _refuses(content_dir, make_app, *expected):
    with pytest.raises(ContentError) as excinfo:
        make_app(CONTENT_DIR=str(content_dir))
    message = str(excinfo.value)
    for part in expected:
        assert part in message
    return message


def test_the_app_refuses_to_start_when_a_text_is_missing(content_copy, make_app):
    _edit(content_copy / "en" / "steps.yaml", lambda d: d["steps"]["pitfalls"].pop("summary"))
    _refuses(content_copy, make_app, "en/steps.yaml", "steps.pitfalls.summary", "missing")


def test_the_app_refuses_to_start_when_a_text_is_empty(content_copy, make_app):
    _edit(content_copy / "nl" / "steps.yaml", lambda d: d["steps"]["value"].update(title="  "))
    _refuses(content_copy, make_app, "nl/steps.yaml", "steps.value.title", "empty")


def test_the_app_refuses_a_text_in_one_language_only(content_copy, make_app):
    _edit(content_copy / "nl" / "steps.yaml", lambda d: d["steps"]["client"].update(tip="Let op"))
    _refuses(content_copy, make_app, "en/steps.yaml", "steps.client.tip", "nl only")


def test_the_app_refuses_a_file_in_one_language_only(content_copy, make_app):
    (content_copy / "en" / "extra.yaml").write_text("greeting: Hello\n", encoding="utf-8")
    _refuses(content_copy, make_app, "nl/extra.yaml", "file is missing")


def test_the_app_refuses_broken_yaml(content_copy, make_app):
    (content_copy / "en" / "steps.yaml").write_text("steps: [unclosed\n", encoding="utf-8")
    _refuses(content_copy, make_app, "en/steps.yaml", "not valid YAML")


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (lambda d: d["financial"].pop("marginal_pct"), "financial.marginal_pct"),
        (lambda d: d["financial"].update(working_weeks=0), "financial.working_weeks"),
        (lambda d: d["scores"].update(strain_high="high"), "scores.strain_high"),
        (lambda d: d.update(surprise=1), "surprise"),
        (lambda d: d["pitfalls"].pop(), "pitfalls: must list exactly"),
        (lambda d: d["recommendations"].reverse(), "recommendations: must list exactly"),
    ],
)
def test_the_app_refuses_an_invalid_model(content_copy, make_app, change, key):
    _edit(content_copy / "model.yaml", change)
    _refuses(content_copy, make_app, "model.yaml", key)


def test_the_command_line_reports_broken_content_and_exits_2(content_copy, monkeypatch, capsys):
    from app.cli import main

    _edit(content_copy / "en" / "steps.yaml", lambda d: d["steps"]["pitfalls"].pop("summary"))
    monkeypatch.setenv("EXITCOACH_CONTENT_DIR", str(content_copy))
    assert main(["serve", "--port", "0"]) == 2
    assert "steps.pitfalls.summary" in capsys.readouterr().err


def test_create_app_reads_the_content_directory_from_the_environment(
    content_copy, monkeypatch, tmp_path
):
    _edit(content_copy / "nl" / "steps.yaml", lambda d: d["steps"]["value"].update(title=""))
    monkeypatch.setenv("EXITCOACH_CONTENT_DIR", str(content_copy))
    with pytest.raises(ContentError):
        create_app({"SECRET_KEY": "x"}, instance_path=str(tmp_path / "i"))


# ---- texts with plural forms ------------------------------------------------------------------


def test_a_counted_text_has_a_form_for_one_and_for_more():
    content = load_content()
    checks = content.text("nl", "decide.pitfalls.not_ready")
    assert checks.format(count=1) == "Nog niet klaar om te besluiten: er staat nog 1 toets open."
    assert checks.format(count=2) == "Nog niet klaar om te besluiten: er staan nog 2 toetsen open."
    english = content.text("en", "decide.pitfalls.not_ready")
    assert english.format(count=1) == "Not ready to decide yet: 1 check is still open."
    assert english.format(count=2) == "Not ready to decide yet: 2 checks are still open."
    one_open = content.counted("en", "decide.decision.not_ready", 1)
    assert one_open.endswith("this check is still open")


def _load_refuses(content_dir, *expected):
    with pytest.raises(ContentError) as excinfo:
        load_content(content_dir)
    for part in expected:
        assert part in str(excinfo.value)


def test_a_plural_text_needs_every_form_of_its_language(content_copy):
    _edit(
        content_copy / "nl" / "decide.yaml",
        lambda d: d["pitfalls"].update(not_ready={"other": "{count} toetsen open"}),
    )
    _load_refuses(content_copy, "nl/decide.yaml", "pitfalls.not_ready", "one, other")


def test_a_counted_text_without_plural_forms_is_refused(content_copy):
    _edit(
        content_copy / "en" / "decide.yaml",
        lambda d: d["pitfalls"].update(not_ready="{count} checks are open."),
    )
    _load_refuses(content_copy, "en/decide.yaml", "pitfalls.not_ready", "must have plural forms")


def test_plural_forms_where_a_plain_text_belongs_are_refused(content_copy):
    _edit(
        content_copy / "en" / "steps.yaml",
        lambda d: d["steps"]["value"].update(title={"one": "Value", "other": "Values"}),
    )
    _load_refuses(content_copy, "en/steps.yaml", "steps.value.title", "must be a text")


def test_plural_forms_with_different_placeholders_are_refused(content_copy):
    _edit(
        content_copy / "en" / "decide.yaml",
        lambda d: d["pitfalls"].update(
            not_ready={"one": "{count} check for {name}", "other": "{count} checks"}
        ),
    )
    _load_refuses(content_copy, "en/decide.yaml", "pitfalls.not_ready", "different placeholders")


def test_an_extra_text_with_forms_in_one_language_only_is_refused(content_copy):
    _edit(
        content_copy / "nl" / "steps.yaml",
        lambda d: d["phases"].update(count={"one": "{count} fase", "other": "{count} fasen"}),
    )
    _edit(content_copy / "en" / "steps.yaml", lambda d: d["phases"].update(count="{count} phases"))
    _load_refuses(content_copy, "nl/steps.yaml", "phases.count", "differs in shape")


def test_a_dutch_text_to_say_needs_both_je_and_u(content_copy):
    _edit(
        content_copy / "nl" / "prepare.yaml",
        lambda d: d["reactions"]["kinds"]["anger"].update(
            say={"je": "Ik begrijp dat je boos bent."}
        ),
    )
    _load_refuses(content_copy, "nl/prepare.yaml", "reactions.kinds.anger.say", "je: …, u: …")


def test_a_dutch_text_to_say_in_one_form_only_is_refused(content_copy):
    _edit(
        content_copy / "nl" / "room.yaml",
        lambda d: d["room"]["opening"].update(say="Dank je dat je tijd hebt gemaakt."),
    )
    _load_refuses(content_copy, "nl/room.yaml", "room.opening.say", "both forms of address")


def test_je_and_u_with_different_placeholders_are_refused(content_copy):
    _edit(
        content_copy / "nl" / "room.yaml",
        lambda d: d["room"]["close"].update(say={"je": "Tot {end}.", "u": "Tot ziens."}),
    )
    _load_refuses(content_copy, "nl/room.yaml", "room.close.say", "different placeholders")


def test_english_has_one_form_of_address(content_copy):
    _edit(
        content_copy / "en" / "room.yaml",
        lambda d: d["room"]["opening"].update(say={"je": "Thanks.", "u": "Thank you."}),
    )
    _load_refuses(content_copy, "en/room.yaml", "room.opening.say")


def test_every_dutch_text_to_say_comes_in_both_forms():
    from app.domain.words import Addressed

    content = load_content()
    anger = content.section("nl", "prepare.reactions.kinds.anger.say")
    assert isinstance(anger, Addressed)
    assert anger.pick("u") == "Ik begrijp dat u boos bent. In uw plaats zou ik dat ook zijn."
    assert anger.pick("je") == "Ik begrijp dat je boos bent. In jouw plaats zou ik dat ook zijn."
    assert content.section("en", "prepare.reactions.kinds.anger.say").startswith("I understand")
