"""A visitor creates an account, logs in and out; plans stay private."""

from __future__ import annotations

import pytest

from tests.conftest import Actions, csrf_token


def test_a_new_visitor_registers_and_lands_on_an_empty_dashboard(user):
    response = user.register("new@example.com", "a long passphrase")
    assert response.status_code == 302
    assert response.headers["Location"] == "/plans"
    page = user.client.get("/plans").get_data(as_text=True)
    assert "Welcome to Exit Coach" in page
    assert "No plans yet." in page


@pytest.mark.parametrize(
    ("email", "password", "message"),
    [
        ("", "a long passphrase", "Enter your e-mail address."),
        ("not-an-address", "a long passphrase", "Enter an e-mail address like name@company.com."),
        ("ann@example.com", "", "Choose a password."),
        ("ann@example.com", "short", "Use at least 10 characters"),
        ("ann@example.com", "123456789", "Use at least 10 characters"),
    ],
)
def test_registration_explains_what_is_wrong_next_to_the_field(user, email, password, message):
    response = user.register(email, password)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page
    assert 'aria-invalid="true"' in page
    assert f'value="{email}"' in page if email else True


def test_a_password_of_exactly_ten_characters_is_accepted(user):
    assert user.register("ten@example.com", "0123456789").status_code == 302


def test_an_address_can_hold_only_one_account(user, client):
    user.register("ann@example.com", "a long passphrase")
    user.logout()
    response = user.register("ANN@example.com", "another passphrase")
    assert response.status_code == 422
    assert "already exists" in response.get_data(as_text=True)


def test_passwords_are_stored_hashed(app, user):
    from app.auth.accounts import find_user

    user.register("ann@example.com", "a long passphrase")
    with app.app_context():
        stored = find_user("ann@example.com").password_hash
    assert "a long passphrase" not in stored
    assert stored.startswith(("scrypt:", "pbkdf2:"))


def test_login_with_the_right_password_opens_the_dashboard(user):
    user.register()
    user.logout()
    response = user.login()
    assert response.status_code == 302
    assert user.client.get("/plans").status_code == 200


def test_login_with_a_wrong_password_says_so_and_keeps_the_address(user):
    user.register()
    user.logout()
    response = user.login(password="wrong password!")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "This e-mail address and password do not match." in page
    assert 'value="ann@example.com"' in page


def test_login_returns_to_the_page_that_asked_for_it(user):
    user.register()
    plan_id = user.create_plan()
    user.logout()
    first = user.client.get(f"/plans/{plan_id}")
    assert first.status_code == 302
    assert first.headers["Location"].startswith("/login?next=")
    token = csrf_token(user.client)
    response = user.client.post(
        first.headers["Location"],
        data={"csrf_token": token, "email": "ann@example.com", "password": "correct horse battery"},
    )
    assert response.headers["Location"] == f"/plans/{plan_id}"


def test_login_never_redirects_to_another_site(user):
    user.register()
    user.logout()
    token = csrf_token(user.client)
    response = user.client.post(
        "/login?next=//evil.example/steal",
        data={"csrf_token": token, "email": "ann@example.com", "password": "correct horse battery"},
    )
    assert response.headers["Location"] == "/plans"


def test_the_session_id_is_renewed_at_login(user, client):
    user.register()
    user.logout()
    csrf_token(client)  # an anonymous session exists before login
    before = client.get_cookie("exitcoach_session").value
    user.login()
    after = client.get_cookie("exitcoach_session").value
    assert before != after
    # the old cookie does not open the dashboard
    other = type(client)(client.application, client.response_wrapper)
    other.set_cookie("exitcoach_session", before)
    assert other.get("/plans").status_code == 302


def test_session_cookie_is_httponly_and_samesite_lax(user):
    response = user.register()
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_session_cookie_is_secure_when_configured_for_https(make_app):
    app = make_app(SESSION_COOKIE_SECURE=True)
    client = app.test_client()
    response = Actions(client).register()
    assert "Secure" in response.headers["Set-Cookie"]


def test_logout_ends_the_login_for_good(user, client):
    user.register()
    cookie = client.get_cookie("exitcoach_session").value
    response = user.logout()
    assert response.headers["Location"] == "/login"
    assert "You are logged out." in client.get("/login").get_data(as_text=True)
    assert client.get("/plans").status_code == 302
    # replaying the old cookie does not bring the login back
    replay = type(client)(client.application, client.response_wrapper)
    replay.set_cookie("exitcoach_session", cookie)
    assert replay.get("/plans").status_code == 302


def test_logout_is_a_post(user):
    user.register()
    assert user.client.get("/logout").status_code == 405


def test_repeated_failed_logins_are_slowed_down_with_a_clear_message(make_app):
    app = make_app(LOGIN_MAX_FAILURES=3, LOGIN_LOCK_MINUTES=15)
    user = Actions(app.test_client())
    user.register()
    user.logout()
    for _ in range(3):
        assert user.login(password="wrong password!").status_code == 422
    locked = user.login()  # even the right password waits now
    assert locked.status_code == 429
    assert "Too many failed attempts for this account. Wait 15 minutes" in locked.get_data(
        as_text=True
    )
    assert user.client.get("/plans").status_code == 302


def test_a_successful_login_clears_earlier_failures(make_app):
    app = make_app(LOGIN_MAX_FAILURES=3)
    user = Actions(app.test_client())
    user.register()
    user.logout()
    user.login(password="wrong password!")
    user.login(password="wrong password!")
    assert user.login().status_code == 302
    user.logout()
    user.login(password="wrong password!")
    user.login(password="wrong password!")
    assert user.login().status_code == 302


def test_every_plan_page_needs_a_login(client):
    for url in ("/plans", "/plans/1", "/plans/1/steps/client", "/plans/1/rename"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/login")


def test_an_htmx_request_without_login_redirects_the_whole_page(client):
    response = client.get("/plans/1/row", headers={"HX-Request": "true"})
    assert response.status_code == 401
    assert response.headers["HX-Redirect"].startswith("/login")


def test_another_users_plan_does_not_exist_for_you(make_app):
    app = make_app()
    ann = Actions(app.test_client())
    ann.register("ann@example.com")
    plan_id = ann.create_plan("Ann's client")
    bob = Actions(app.test_client())
    bob.register("bob@example.com")
    for url in (
        f"/plans/{plan_id}",
        f"/plans/{plan_id}/steps/client",
        f"/plans/{plan_id}/rename",
        f"/plans/{plan_id}/delete",
        f"/plans/{plan_id}/row",
    ):
        assert bob.client.get(url).status_code == 404, url
    assert bob.post(f"/plans/{plan_id}/rename", {"client_name": "Mine"}).status_code == 404
    assert bob.post(f"/plans/{plan_id}/delete").status_code == 404
    assert "Ann's client" not in bob.client.get("/plans").get_data(as_text=True)
    # and Ann's plan is untouched
    assert "Ann&#39;s client" in ann.client.get("/plans").get_data(as_text=True)


def test_a_plan_id_that_does_not_exist_is_404(ann):
    assert ann.client.get("/plans/999999").status_code == 404
