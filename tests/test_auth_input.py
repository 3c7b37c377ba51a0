"""Input that must be safe: no control characters in what is stored, no redirects off-site."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.auth.safety import local_path
from app.extensions import db
from app.models import LoginFailure, Plan, User
from tests.conftest import Actions, csrf_token

CONTROL = "This contains invisible control characters. Type it again without them."
CONTROL_NL = "Hier staan onzichtbare stuurtekens in. Typ het opnieuw, zonder die tekens."
GARBLED = ["Acme\x00", "Ac\x1bme", "Ac\x7fme", "\x08Acme", "Ac\x85me"]


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def _plan_names(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(Plan.client_name)))


@pytest.mark.parametrize("bad", ["\x00", "\x1b", "\x85"])
@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/login", "email"),
        ("/login", "password"),
        ("/register", "email"),
        ("/register", "password"),
    ],
)
def test_login_and_register_refuse_control_characters_next_to_the_field(app, user, url, field, bad):
    data = {"email": "ann@example.com", "password": "correct horse battery"}
    data[field] = data[field].replace("@", bad + "@") if field == "email" else bad + data[field]
    response = user.post(url, data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert CONTROL in page
    assert f'id="{field}-error" aria-live="polite">{CONTROL}' in page
    assert _count(app, User) == 0
    assert _count(app, LoginFailure) == 0


@pytest.mark.parametrize("bad", GARBLED)
def test_a_new_plan_with_control_characters_in_its_name_is_refused(app, ann, bad):
    response = ann.post("/plans", {"client_name": bad})
    assert response.status_code == 422
    assert CONTROL in response.get_data(as_text=True)
    assert _plan_names(app) == []


@pytest.mark.parametrize("htmx", [False, True])
def test_renaming_a_plan_to_a_name_with_nul_is_refused(app, ann, htmx):
    plan_id = ann.create_plan("Acme")
    response = ann.post(f"/plans/{plan_id}/rename", {"client_name": "Ac\x00me"}, htmx=htmx)
    assert response.status_code == 422
    assert CONTROL in response.get_data(as_text=True)
    assert _plan_names(app) == ["Acme"]


def test_the_client_step_refuses_nul_in_the_client_name_too(app, ann):
    plan_id = ann.create_plan("Acme")
    response = ann.save_step(plan_id, "client", {"client_name": "Ac\x00me"})
    assert response.status_code == 422
    assert CONTROL in response.get_data(as_text=True)
    assert _plan_names(app) == ["Acme"]


def test_tabs_and_newlines_are_not_control_characters_to_refuse(app, ann):
    ann.create_plan("Acme\tLogistics")
    assert _plan_names(app) == ["Acme\tLogistics"]


def test_the_control_character_message_is_in_dutch_for_a_dutch_visitor(client):
    user = Actions(client)
    user.switch_language("nl", "/login")
    response = user.login("ann\x00@example.com")
    assert response.status_code == 422
    assert CONTROL_NL in response.get_data(as_text=True)


OFF_SITE = [
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "//evil.example",
    "//evil.example/plans",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    " //evil.example",
    "\t//evil.example",
    "\x00//evil.example",
    "https://evil.example",
    "http:evil.example",
    "HTTPS://evil.example/",
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "",
]


def test_the_language_switch_stays_on_this_site(ann):
    for target in OFF_SITE:
        response = ann.switch_language("nl", target)
        assert (response.status_code, response.headers["Location"]) == (302, "/"), repr(target)
    landing = ann.client.get("/", follow_redirects=True)
    assert landing.request.path == "/plans"  # home is the dashboard
    assert "Nieuw plan" in landing.get_data(as_text=True)


@pytest.mark.parametrize("target", ["/\t/evil.example", "/\\evil.example", "//evil.example"])
def test_logging_in_never_sends_you_off_site(user, target):
    user.register()
    user.logout()
    token = csrf_token(user.client)
    response = user.client.post(
        "/login",
        query_string={"next": target},
        data={"csrf_token": token, "email": "ann@example.com", "password": "correct horse battery"},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/plans"


def test_the_login_page_of_someone_logged_in_never_sends_them_off_site(ann):
    for target in OFF_SITE:
        response = ann.client.get("/login", query_string={"next": target})
        assert (response.status_code, response.headers["Location"]) == (302, "/plans"), target


@pytest.mark.parametrize("target", ["/plans", "/plans/3?step=client", "/plans/3#notes", "/login"])
def test_local_paths_are_kept(ann, target):
    assert ann.switch_language("en", target).headers["Location"] == target


@pytest.mark.parametrize("target", OFF_SITE)
def test_local_path_refuses_what_a_browser_would_take_off_site(target):
    assert local_path(target) is None
