"""A user who wants to see what Exit Coach does starts from an example case: a full plan of
their own, in their language, with an exit, a repricing or a client kept despite the strain."""

from __future__ import annotations

import html
import io
import re
import sys

import pytest
from sqlalchemy import select

from app.auth import accounts
from app.cli import main
from app.content import load_content
from app.domain import examples
from app.domain.analysis import analyze
from app.domain.planfile import validate_plan
from app.extensions import db
from app.models import Plan
from tests.conftest import EXAMPLES, Actions, example_plan
from tests.helpers import page_text, plan_data

CONTENT = load_content()

CASES = [
    ("en-northwind-retail", "en", "exit", "exit"),
    ("en-oakfield-hardware-reprice", "en", "reprice", "reprice"),
    ("en-fernhill-labs-keep", "en", "keep", "reset_expectations"),
    ("nl-van-dijk-installatietechniek", "nl", "exit", "exit"),
    ("nl-bakkerij-mulder-herprijzen", "nl", "reprice", "reprice"),
    ("nl-museum-het-spoorhuis-houden", "nl", "keep", "reset_expectations"),
]
START = re.compile(r'action="(/plans/examples/[a-z]+/[a-z]+)"')


def test_every_example_file_is_in_the_table():
    assert sorted(p.stem for p in EXAMPLES.glob("*.json")) == sorted(row[0] for row in CASES)


@pytest.mark.parametrize(("name", "lang", "outcome", "recommendation"), CASES)
def test_each_example_is_a_full_plan_whose_analysis_gives_its_outcome(
    name, lang, outcome, recommendation
):
    plan = validate_plan(example_plan(name), CONTENT.model)
    result = analyze(plan, CONTENT.model)
    assert plan["language"] == lang
    assert result["recommendation"] == recommendation == examples.RECOMMENDATION[outcome]
    assert plan["decision"]["choice"] == recommendation
    # answered as a real user would: contacts with styles, several service rows, every check
    assert all(contact["disc"] for contact in plan["client"]["contacts"])
    assert len(plan["financial"]["service_hours"]) >= 2
    assert len(plan["interpersonal"]) == 6 and len(plan["value"]) == 8
    assert plan["alternatives"] and plan["lessons"]
    if outcome == "exit":
        assert plan["script"] and plan["transition"] and plan["preconditions"]
    # and the dashboard offers it in its own language, for its outcome
    assert examples.case(CONTENT.texts[lang], lang, outcome).name == name


def test_each_language_offers_an_exit_a_repricing_and_a_client_kept_despite_the_strain():
    for lang in ("nl", "en"):
        listed = examples.cases(CONTENT.texts[lang], lang)
        assert [case.key for case in listed] == ["exit", "reprice", "keep"]
        assert all(case.language == lang and case.title and case.summary for case in listed)


def test_an_example_named_in_the_content_must_exist_in_that_language(content_copy):
    import yaml

    from app.content import ContentError

    path = content_copy / "nl" / "examples.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["cases"]["keep"]["file"] = "en-fernhill-labs-keep"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError, match="cases.keep.file: en-fernhill-labs-keep is not a plan"):
        load_content(content_copy)
    data["cases"]["keep"]["file"] = "../model"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError, match="cases.keep.file must be the name of a file"):
        load_content(content_copy)


def test_the_dashboard_offers_the_cases_in_english(ann):
    page = page_text(ann.client.get("/plans"))
    assert "Start from an example case" in page
    assert "Northwind Retail" in page and "Fernhill Labs" in page
    assert "Bakkerij Mulder" not in page
    assert START.findall(page) == [
        "/plans/examples/en/exit",
        "/plans/examples/en/reprice",
        "/plans/examples/en/keep",
    ]


def test_a_dutch_user_sees_the_dutch_cases(ann):
    ann.switch_language("nl")
    page = html.unescape(page_text(ann.client.get("/plans")))
    assert "Begin met een voorbeeldcase" in page
    assert "Bakkerij Mulder" in page and "Museum Het Spoorhuis" in page
    assert "Van Dijk Installatietechniek" in page
    assert "Northwind" not in page
    assert "/plans/examples/nl/keep" in page


def test_starting_a_case_opens_the_users_own_copy_with_the_examples_figures(app, ann):
    response = ann.post("/plans/examples/en/keep")
    assert response.status_code == 302
    plan_id = int(response.headers["Location"].rsplit("/", 1)[1])
    page = page_text(ann.client.get(response.headers["Location"], follow_redirects=True))
    assert "Fernhill Labs" in page
    assert "your own copy" in page
    copy = plan_data(app, plan_id)
    original = example_plan("en-fernhill-labs-keep")
    assert copy["financial"] == original["financial"]
    assert copy["decision"] == original["decision"]
    assert "Fernhill Labs" in page_text(ann.client.get("/plans"))


def test_the_copy_is_independent_of_the_example(app, ann):
    first = int(ann.post("/plans/examples/en/reprice").headers["Location"].rsplit("/", 1)[1])
    ann.save_step(first, "financial", {"annual_revenue": "1000"})
    assert plan_data(app, first)["financial"]["annual_revenue"] == 1000
    assert (
        app.extensions["exitcoach.content"].examples["en-oakfield-hardware-reprice"]["financial"][
            "annual_revenue"
        ]
        == 58000
    )
    second = int(ann.post("/plans/examples/en/reprice").headers["Location"].rsplit("/", 1)[1])
    assert second != first
    assert plan_data(app, second)["financial"]["annual_revenue"] == 58000


def test_another_users_copy_does_not_exist_for_you(app, ann):
    plan_id = int(ann.post("/plans/examples/nl/exit").headers["Location"].rsplit("/", 1)[1])
    ann.logout()
    bob = Actions(app.test_client())
    bob.register("bob@example.com")
    assert bob.client.get(f"/plans/{plan_id}").status_code == 404
    assert "Van Dijk" not in page_text(bob.client.get("/plans"))


@pytest.mark.parametrize("url", ["/plans/examples/en/nothing", "/plans/examples/de/exit"])
def test_an_unknown_case_is_not_found(ann, url):
    assert ann.post(url).status_code == 404


def test_starting_a_case_needs_a_login_and_the_csrf_token(app, client, ann):
    assert ann.client.post("/plans/examples/en/exit").status_code == 400
    stranger = app.test_client()
    response = stranger.post("/plans/examples/en/exit")
    assert response.status_code in (302, 400)
    with app.app_context():
        assert db.session.scalar(select(db.func.count(Plan.id))) == 0


def _plans_of(app, email: str) -> list[str]:
    with app.app_context():
        user = accounts.find_user(email)
        return sorted(plan.client_name for plan in user.plans)


@pytest.fixture
def cli_env(database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("SECRET_KEY", "cli-test")


def test_demo_makes_an_account_with_every_example_case(app, cli_env, capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    email = re.search(r"created demo user (\S+)", out).group(1)
    password = re.search(r"password: (\S+)", out).group(1)
    assert len(_plans_of(app, email)) == 6
    assert "/plans/" in out
    visitor = Actions(app.test_client())
    assert visitor.login(email, password).status_code == 302
    page = page_text(visitor.client.get("/plans"))
    assert "Northwind Retail Ltd" in page and "Stichting Museum Het Spoorhuis" in page


def test_demo_can_take_the_password_from_standard_input_and_one_language(
    app, cli_env, monkeypatch, capsys
):
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long passphrase\n"))
    assert main(["demo", "--password-stdin", "--language", "nl"]) == 0
    out = capsys.readouterr().out
    assert "password:" not in out
    email = re.search(r"created demo user (\S+)", out).group(1)
    assert _plans_of(app, email) == [
        "Bakkerij Mulder & Zn.",
        "Stichting Museum Het Spoorhuis",
        "Van Dijk Installatietechniek B.V.",
    ]
    assert Actions(app.test_client()).login(email, "a long passphrase").status_code == 302


def test_demo_fills_an_existing_account_once(app, cli_env, capsys):
    Actions(app.test_client()).register("coach@example.com")
    assert main(["demo", "--user", "Coach@Example.com"]) == 0
    assert "created demo user" not in capsys.readouterr().out
    assert len(_plans_of(app, "coach@example.com")) == 6
    assert main(["demo", "--user", "coach@example.com"]) == 0
    assert "already there, not added again: Fernhill Labs" in capsys.readouterr().out
    assert len(_plans_of(app, "coach@example.com")) == 6


@pytest.mark.parametrize(
    ("user", "message"),
    [
        ("not-an-address", "not an e-mail address: 'not-an-address'"),
        ("nobody@example.com", "no account for nobody@example.com"),
    ],
)
def test_demo_refuses_a_bad_or_unknown_user(app, cli_env, capsys, user, message):
    assert main(["demo", "--user", user]) == 2
    assert message in capsys.readouterr().err


def test_demo_explains_itself(capsys):
    with pytest.raises(SystemExit):
        main(["demo", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "--user" in out and "--password-stdin" in out and "is not added again" in out
