"""CSRF on every POST (htmx too), strict headers, and error pages in both languages."""

from __future__ import annotations

import json
import re

from app.config import SESSION_LIFETIME
from tests.conftest import csrf_token


def test_a_post_without_csrf_token_is_refused_with_400(ann):
    plan_id = ann.create_plan("Acme")
    response = ann.client.post(f"/plans/{plan_id}/delete")
    assert response.status_code == 400
    assert "This form has expired" in response.get_data(as_text=True)
    assert ann.client.get(f"/plans/{plan_id}").status_code == 200


def test_login_and_register_need_the_csrf_token_too(client):
    assert client.post("/login", data={"email": "a@b.nl", "password": "x" * 12}).status_code == 400
    assert client.post("/register", data={"email": "a@b.nl", "password": "x" * 12}).status_code == (
        400
    )


def test_an_htmx_post_without_the_token_header_is_refused(ann):
    plan_id = ann.create_plan("Acme")
    response = ann.client.post(
        f"/plans/{plan_id}/rename", data={"client_name": "X"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 400
    fragment = response.get_data(as_text=True)
    assert "<html" not in fragment  # a small alert, not a whole page inside the table
    assert 'role="alert"' in fragment


def test_htmx_sends_the_token_in_a_header_from_the_body(ann):
    page = ann.client.get("/plans").get_data(as_text=True)
    match = re.search(r'<body hx-headers="([^"]+)"', page)
    assert match
    headers = json.loads(match.group(1).replace("&#34;", '"').replace("&quot;", '"'))
    plan_id = ann.create_plan("Acme")
    response = ann.client.post(
        f"/plans/{plan_id}/rename",
        data={"client_name": "Acme 2"},
        headers={"HX-Request": "true", **headers},
    )
    assert response.status_code == 200


def test_the_csrf_token_lives_as_long_as_a_login(app):
    assert app.config["WTF_CSRF_TIME_LIMIT"] >= SESSION_LIFETIME.total_seconds()
    assert app.config["PERMANENT_SESSION_LIFETIME"] == SESSION_LIFETIME
    assert SESSION_LIFETIME.total_seconds() >= 3 * 3600


def test_a_token_from_three_hours_ago_still_works(ann, monkeypatch):
    import itsdangerous.timed

    plan_id = ann.create_plan("Acme")
    token = csrf_token(ann.client)
    real_now = itsdangerous.timed.TimestampSigner.get_timestamp
    monkeypatch.setattr(
        itsdangerous.timed.TimestampSigner,
        "get_timestamp",
        lambda self: real_now(self) + 3 * 3600 + 60,
    )
    response = ann.client.post(
        f"/plans/{plan_id}/rename", data={"csrf_token": token, "client_name": "Later"}
    )
    assert response.status_code == 302


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_scripts_or_styles(ann):
    plan_id = ann.create_plan()
    for url in ("/plans", f"/plans/{plan_id}", "/login"):
        page = ann.client.get(url).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)", page), url
        assert "<style" not in page, url
        assert " style=" not in page, url
        assert not re.search(r" on[a-z]+=", page), url


def test_responses_vary_on_hx_request_and_plan_pages_are_not_cached(ann):
    plan_id = ann.create_plan()
    response = ann.client.get(f"/plans/{plan_id}")
    assert "HX-Request" in response.headers["Vary"]
    assert response.headers["Cache-Control"] == "no-store"


def test_htmx_is_configured_safely(client):
    page = client.get("/login").get_data(as_text=True)
    match = re.search(r'<meta name="htmx-config" content="([^"]+)"', page)
    config = json.loads(match.group(1).replace("&#34;", '"'))
    assert config["includeIndicatorStyles"] is False
    assert config["allowEval"] is False
    assert config["allowScriptTags"] is False
    assert config["selfRequestsOnly"] is True
    assert config["historyCacheSize"] == 0
    codes = {rule["code"]: rule for rule in config["responseHandling"]}
    assert codes["422"]["swap"] is True


def test_plan_pages_stay_out_of_the_htmx_history_cache(ann):
    plan_id = ann.create_plan()
    assert 'hx-history="false"' in ann.client.get(f"/plans/{plan_id}").get_data(as_text=True)


def test_error_pages_in_english_and_dutch(ann):
    page = ann.client.get("/plans/424242")
    assert page.status_code == 404
    assert "Page not found" in page.get_data(as_text=True)
    ann.switch_language("nl")
    page = ann.client.get("/plans/424242")
    assert "Pagina niet gevonden" in page.get_data(as_text=True)
    assert '<html lang="nl">' in page.get_data(as_text=True)


def test_error_pages_are_fragments_for_htmx(ann):
    response = ann.client.get("/plans/424242/row", headers={"HX-Request": "true"})
    assert response.status_code == 404
    fragment = response.get_data(as_text=True)
    assert "<html" not in fragment
    assert "Page not found" in fragment


def test_405_and_403_pages_explain_themselves(make_app):
    from flask import abort

    app = make_app()

    @app.get("/forbidden-for-test")
    def _forbidden():
        abort(403)

    client = app.test_client()
    assert "Not allowed" in client.get("/forbidden-for-test").get_data(as_text=True)
    response = client.put("/login")
    assert response.status_code == 405
    assert "Not possible here" in response.get_data(as_text=True)


def test_an_unexpected_error_is_a_friendly_500_in_the_users_language(make_app):
    app = make_app(TESTING=False)

    @app.get("/boom-for-test")
    def _boom():
        raise RuntimeError("boom")

    client = app.test_client()
    response = client.get("/boom-for-test", headers={"Accept-Language": "nl"})
    assert response.status_code == 500
    assert "Er ging bij ons iets mis" in response.get_data(as_text=True)
    fragment = client.get("/boom-for-test", headers={"HX-Request": "true"})
    assert fragment.status_code == 500
    assert "<html" not in fragment.get_data(as_text=True)


def test_a_too_large_upload_is_a_clear_413(ann):
    response = ann.client.post("/plans", data={"client_name": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413
    assert "larger than this app accepts" in response.get_data(as_text=True)
