"""A forgotten password: a one-time link from the administrator's command line, or by mail from
a real SMTP server started by the test, that sets a new password once, within the hour."""

from __future__ import annotations

import asyncio
import re
import socket
import threading
import time
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select, update

from app import mail
from app.auth import resets
from app.cli import main
from app.domain import resets as rules
from app.extensions import db
from app.models import LoginSession, PasswordReset
from tests.conftest import Actions

OLD = "correct horse battery"
NEW = "a brand new passphrase"
SITE = "http://coach.example.test"
LINK = re.compile(re.escape(SITE) + r"/reset-password/[A-Za-z0-9_-]+")
SAME_ANSWER = "If an account exists for"


class Inbox:
    """What the SMTP server received; `hold` keeps the server from answering DATA."""

    def __init__(self):
        self.messages = []
        self.envelopes = []
        self.hold = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        while self.hold.is_set():
            await asyncio.sleep(0.01)
        self.envelopes.append(envelope)
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def only_mail(self):
        assert len(self.messages) == 1, [m["Subject"] for m in self.messages]
        return self.messages[0]

    def link_in(self, message) -> str:
        found = LINK.findall(message.get_content())
        assert len(found) == 1, message.get_content()
        return found[0]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    """A real SMTP server (aiosmtpd) on a free port of this machine."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    inbox.port = controller.port
    yield inbox
    inbox.hold.clear()
    controller.stop()


@pytest.fixture
def mail_app(make_app, smtp_server):
    return make_app(
        SMTP_URL=f"smtp://127.0.0.1:{smtp_server.port}",
        BASE_URL=SITE,
        MAIL_FROM="Exit Coach <coach@example.test>",
    )


def _register(app, email="ann@example.com", locale=None) -> Actions:
    """Someone with an account, logged in in their own browser."""
    person = Actions(app.test_client())
    assert person.register(email, OLD).status_code == 302
    if locale:
        person.switch_language(locale)
    return person


def _ask_for_link(app, email, headers=None):
    """A visitor fills in the forgot-password form; returns the page, after the mail job ran."""
    visitor = Actions(app.test_client())
    page = visitor.post("/forgot-password", {"email": email}, headers=headers or {})
    mail.queue(app).wait()
    return page


def _set_password(client, link: str, password: str = NEW):
    path = link.removeprefix(SITE)
    return Actions(client).post(path, {"password": password})


def _can_log_in(app, email, password) -> bool:
    return Actions(app.test_client()).login(email, password).status_code == 302


def _cli_link(database_url, monkeypatch, capsys, email, *extra) -> str:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("SECRET_KEY", "cli-test")
    assert main(["user", "reset-password", email, *extra]) == 0
    out = capsys.readouterr().out
    assert "works once, for 60 minutes" in out
    return out.strip().splitlines()[-1]


# The administrator's link, without mail


def test_the_administrator_prints_a_link_that_sets_a_new_password_once(
    app, database_url, monkeypatch, capsys
):
    ann = _register(app)
    link = _cli_link(database_url, monkeypatch, capsys, "Ann@Example.com", "--base-url", SITE)
    assert LINK.fullmatch(link)
    path = link.removeprefix(SITE)

    form = app.test_client().get(path)
    assert form.status_code == 200
    assert "Choose a new password" in form.get_data(as_text=True)
    assert "ann@example.com" in form.get_data(as_text=True)

    done = _set_password(app.test_client(), link)
    assert done.status_code == 302 and done.headers["Location"] == "/login"
    login_page = app.test_client().get("/login")  # the flash lives in the browser that set it
    assert login_page.status_code == 200
    assert _can_log_in(app, "ann@example.com", NEW)
    assert not _can_log_in(app, "ann@example.com", OLD)
    # The browser that was logged in with the old password is logged out.
    assert ann.client.get("/plans").status_code == 302

    again = app.test_client().get(path)
    assert again.status_code == 410
    assert "The link has been used already" in again.get_data(as_text=True)
    assert _set_password(app.test_client(), link, "yet another passphrase").status_code == 410
    assert _can_log_in(app, "ann@example.com", NEW)


def test_after_the_new_password_the_login_page_says_so(app, database_url, monkeypatch, capsys):
    _register(app)
    link = _cli_link(database_url, monkeypatch, capsys, "ann@example.com", "--base-url", SITE)
    browser = app.test_client()
    page = _set_password(browser, link)
    page = browser.get(page.headers["Location"]).get_data(as_text=True)
    assert "Your password is changed. Log in with your new password." in page


def test_the_link_uses_the_configured_site_address_or_the_default(
    app, database_url, monkeypatch, capsys
):
    _register(app)
    monkeypatch.delenv("EXITCOACH_BASE_URL", raising=False)
    link = _cli_link(database_url, monkeypatch, capsys, "ann@example.com")
    assert link.startswith("http://127.0.0.1:5000/reset-password/")
    monkeypatch.setenv("EXITCOACH_BASE_URL", "https://exits.example.org/")
    link = _cli_link(database_url, monkeypatch, capsys, "ann@example.com")
    assert link.startswith("https://exits.example.org/reset-password/")


def test_an_unknown_address_is_a_clear_error_from_the_command_line(
    database_url, monkeypatch, capsys
):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("SECRET_KEY", "cli-test")
    assert main(["user", "reset-password", "nobody@example.com"]) == 2
    captured = capsys.readouterr()
    assert "no account for nobody@example.com" in captured.err
    assert "reset-password" not in captured.out


def test_the_command_explains_itself(capsys):
    with pytest.raises(SystemExit):
        main(["user", "reset-password", "--help"])
    out = capsys.readouterr().out
    assert "--base-url" in out and "EXITCOACH_BASE_URL" in out


def test_a_link_expires_after_an_hour(app):
    _register(app)
    with app.app_context():
        user = resets.accounts.find_user("ann@example.com")
        made = datetime.now(UTC) - timedelta(minutes=59)
        token = resets.create_reset(user, now=made)
        assert resets.check_link(token)[0] is rules.LinkState.VALID
        assert resets.check_link(token, now=made + timedelta(hours=1))[0] is (
            rules.LinkState.EXPIRED
        )
        db.session.execute(
            update(PasswordReset).values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
        db.session.commit()
    page = app.test_client().get(f"/reset-password/{token}")
    assert page.status_code == 410
    assert "The link has expired" in page.get_data(as_text=True)
    assert _set_password(app.test_client(), SITE + f"/reset-password/{token}").status_code == 410
    assert _can_log_in(app, "ann@example.com", OLD)


def test_a_newer_link_replaces_the_older_one(app):
    _register(app)
    with app.app_context():
        user = resets.accounts.find_user("ann@example.com")
        first = resets.create_reset(user)
        second = resets.create_reset(user)
    assert app.test_client().get(f"/reset-password/{first}").status_code == 410
    assert _set_password(app.test_client(), f"{SITE}/reset-password/{second}").status_code == 302
    with app.app_context():  # the old links are gone with the one that was used
        assert db.session.scalar(select(func.count(PasswordReset.id))) == 1


@pytest.mark.parametrize(
    "token",
    ["x" * 43, "too-short", "a" * 5000, "%00" + "a" * 40],
)
def test_an_unknown_link_says_so_and_where_to_get_a_new_one(app, token):
    page = app.test_client().get(f"/reset-password/{token}")
    assert page.status_code == 404
    text = page.get_data(as_text=True)
    assert "We do not know this link" in text
    assert "Ask your administrator for a new link." in text


def test_the_new_password_follows_the_rules_of_registering_and_keeps_the_link(app):
    _register(app)
    with app.app_context():
        token = resets.create_reset(resets.accounts.find_user("ann@example.com"))
    page = _set_password(app.test_client(), f"{SITE}/reset-password/{token}", "short")
    assert page.status_code == 422
    assert "Use at least 10 characters" in page.get_data(as_text=True)
    assert _set_password(app.test_client(), f"{SITE}/reset-password/{token}").status_code == 302


def test_setting_the_password_ends_every_login_of_that_account_only(app):
    ann_at_work, ann_at_home = _register(app), Actions(app.test_client())
    assert ann_at_home.login("ann@example.com", OLD).status_code == 302
    bo = _register(app, "bo@example.com")
    with app.app_context():
        token = resets.create_reset(resets.accounts.find_user("ann@example.com"))
    assert _set_password(app.test_client(), f"{SITE}/reset-password/{token}").status_code == 302
    assert ann_at_work.client.get("/plans").status_code == 302
    assert ann_at_home.client.get("/plans").status_code == 302
    assert bo.client.get("/plans").status_code == 200
    with app.app_context():
        assert db.session.scalar(select(func.count(LoginSession.id))) == 1


def test_every_post_needs_the_csrf_token(mail_app, smtp_server):
    _register(mail_app)
    with mail_app.app_context():
        token = resets.create_reset(resets.accounts.find_user("ann@example.com"))
    client = mail_app.test_client()
    assert client.post("/forgot-password", data={"email": "ann@example.com"}).status_code == 400
    assert client.post(f"/reset-password/{token}", data={"password": NEW}).status_code == 400
    mail.queue(mail_app).wait()
    assert smtp_server.messages == []
    assert _can_log_in(mail_app, "ann@example.com", OLD)


# Without mail the page says who can help


def test_without_smtp_the_login_page_has_no_link_and_the_page_names_the_administrator(app):
    assert "Forgot your password?" not in app.test_client().get("/login").get_data(as_text=True)
    page = app.test_client().get("/forgot-password").get_data(as_text=True)
    assert "does not send mail" in page
    assert "exitcoach user reset-password" in page
    assert "<form" not in _main(page)
    posted = Actions(app.test_client()).post("/forgot-password", {"email": "ann@example.com"})
    assert "does not send mail" in posted.get_data(as_text=True)


# By mail, from a real SMTP server


def test_a_forgotten_password_by_mail_from_request_to_login(mail_app, smtp_server):
    ann = _register(mail_app)
    login = mail_app.test_client().get("/login").get_data(as_text=True)
    assert 'href="/forgot-password"' in login and "Forgot your password?" in login

    page = _ask_for_link(mail_app, "ANN@example.com")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert SAME_ANSWER in text and "ann@example.com" in text

    message = smtp_server.only_mail()
    assert message["To"] == "ann@example.com"
    assert message["From"] == "Exit Coach <coach@example.test>"
    assert message["Subject"] == "Set a new password for Exit Coach"
    assert message["Auto-Submitted"] == "auto-generated"
    assert "works once, for 60 minutes" in message.get_content()
    link = smtp_server.link_in(message)

    assert _set_password(mail_app.test_client(), link).status_code == 302
    assert _can_log_in(mail_app, "ann@example.com", NEW)
    assert not _can_log_in(mail_app, "ann@example.com", OLD)
    assert ann.client.get("/plans").status_code == 302
    assert mail_app.test_client().get(link.removeprefix(SITE)).status_code == 410


def test_an_unknown_address_gets_the_same_page_and_no_mail(mail_app, smtp_server):
    _register(mail_app)
    known = _ask_for_link(mail_app, "ann@example.com").get_data(as_text=True)
    unknown = _ask_for_link(mail_app, "nobody@example.com").get_data(as_text=True)
    assert _main(unknown).replace("nobody@example.com", "ann@example.com") == _main(known)
    assert len(smtp_server.messages) == 1
    with mail_app.app_context():
        assert db.session.scalar(select(func.count(PasswordReset.id))) == 1


def _main(page: str) -> str:
    """What the page says in its main part (the header holds this browser's CSRF token)."""
    return page.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_the_answer_does_not_wait_for_the_mail_server(mail_app, smtp_server):
    _register(mail_app)
    smtp_server.hold.set()  # the server takes the mail but does not answer yet
    visitor = Actions(mail_app.test_client())
    started = time.monotonic()
    page = visitor.post("/forgot-password", {"email": "ann@example.com"})
    assert page.status_code == 200 and SAME_ANSWER in page.get_data(as_text=True)
    assert time.monotonic() - started < 2
    assert smtp_server.messages == []
    smtp_server.hold.clear()
    mail.queue(mail_app).wait()
    assert smtp_server.only_mail()["To"] == "ann@example.com"


def test_a_mail_server_that_is_down_changes_nothing_for_the_visitor(make_app, caplog):
    app = make_app(SMTP_URL=f"smtp://127.0.0.1:{_free_port()}", BASE_URL=SITE)
    _register(app)
    page = _ask_for_link(app, "ann@example.com")
    assert page.status_code == 200 and SAME_ANSWER in page.get_data(as_text=True)
    assert "a mail job failed" in caplog.text


def test_at_most_five_mails_an_hour_per_address_with_the_same_answer(mail_app, smtp_server):
    _register(mail_app)
    pages = [_ask_for_link(mail_app, "ann@example.com") for _ in range(7)]
    assert [p.status_code for p in pages] == [200] * 7
    assert all(SAME_ANSWER in p.get_data(as_text=True) for p in pages)
    assert len(smtp_server.messages) == 5
    # Only the newest link works.
    links = [smtp_server.link_in(m) for m in smtp_server.messages]
    client = mail_app.test_client()
    assert [client.get(link.removeprefix(SITE)).status_code for link in links] == [410] * 4 + [200]


def test_one_ip_address_cannot_send_mail_to_every_account(make_app, smtp_server):
    app = make_app(
        SMTP_URL=f"smtp://127.0.0.1:{smtp_server.port}", BASE_URL=SITE, RESET_MAILS_PER_IP=3
    )
    for n in range(5):
        _register(app, f"user{n}@example.com")
    for n in range(5):
        page = _ask_for_link(app, f"user{n}@example.com")
        assert SAME_ANSWER in page.get_data(as_text=True)
    assert [m["To"] for m in smtp_server.messages] == [f"user{n}@example.com" for n in range(3)]
    # Another address (another office) still gets its mail.
    Actions(app.test_client()).post(
        "/forgot-password",
        {"email": "user4@example.com"},
        environ_base={"REMOTE_ADDR": "192.0.2.7"},
    )
    mail.queue(app).wait()
    assert smtp_server.messages[-1]["To"] == "user4@example.com"


def test_a_malformed_address_is_told_next_to_the_field(mail_app, smtp_server):
    page = Actions(mail_app.test_client()).post("/forgot-password", {"email": "ann-at-example"})
    assert page.status_code == 422
    assert "Enter an e-mail address like name@company.com." in page.get_data(as_text=True)
    mail.queue(mail_app).wait()
    assert smtp_server.messages == []


def test_the_mail_speaks_the_language_of_the_account(mail_app, smtp_server):
    _register(mail_app, "ann@example.com", locale="nl")
    _ask_for_link(mail_app, "ann@example.com")  # asked from an English page
    message = smtp_server.only_mail()
    assert message["Subject"] == "Kies een nieuw wachtwoord voor Exit Coach"
    body = message.get_content()
    assert "De link werkt één keer en blijft 60 minuten geldig." in body
    assert _set_password(mail_app.test_client(), smtp_server.link_in(message)).status_code == 302


def test_a_mail_server_login_is_used(make_app, smtp_server, monkeypatch):
    """The user and password of the URL (percent-encoded) reach smtplib's login."""
    seen = []
    monkeypatch.setattr(
        "smtplib.SMTP.login", lambda self, user, password: seen.append((user, password))
    )
    app = make_app(SMTP_URL=f"smtp://mailer:p%40ss@127.0.0.1:{smtp_server.port}", BASE_URL=SITE)
    _register(app)
    _ask_for_link(app, "ann@example.com")
    assert seen == [("mailer", "p@ss")]
    assert len(smtp_server.messages) == 1


# The rules, without an app


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://localhost", mail.SmtpSettings("smtp", "localhost", 25)),
        (
            "smtp+starttls://u:p@mail.example.org",
            mail.SmtpSettings("smtp+starttls", "mail.example.org", 587, "u", "p"),
        ),
        (
            "smtps://me%40example.org:s%3Acret@mail.example.org:2465",
            mail.SmtpSettings("smtps", "mail.example.org", 2465, "me@example.org", "s:cret"),
        ),
    ],
)
def test_the_smtp_url_names_server_security_and_login(url, expected):
    assert mail.parse_smtp_url(url) == expected


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://mail.example.org", "must start with smtp://"),
        ("smtp://", "names no host"),
        ("smtp://mail.example.org:notaport", "bad port"),
    ],
)
def test_a_bad_smtp_url_stops_the_start_with_a_clear_message(make_app, url, message, capsys):
    with pytest.raises(mail.MailConfigError, match=message):
        make_app(SMTP_URL=url)


def test_a_bad_smtp_url_is_a_clear_error_from_the_command_line(database_url, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("SECRET_KEY", "cli-test")
    monkeypatch.setenv("EXITCOACH_SMTP_URL", "mailto:me@example.org")
    assert main(["user", "reset-password", "ann@example.com"]) == 2
    assert "EXITCOACH_SMTP_URL must start with" in capsys.readouterr().err


def test_tokens_are_random_and_only_their_hash_is_kept():
    tokens = {rules.new_token() for _ in range(100)}
    assert len(tokens) == 100 and all(rules.looks_like_token(t) for t in tokens)
    token = tokens.pop()
    assert len(rules.token_hash(token)) == 64 and token not in rules.token_hash(token)


def test_a_link_works_once_within_the_hour():
    made = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    ends = rules.expiry(made)
    assert ends == datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    assert rules.link_state(ends, None, made) is rules.LinkState.VALID
    assert rules.link_state(ends, None, ends - timedelta(seconds=1)) is rules.LinkState.VALID
    assert rules.link_state(ends, None, ends) is rules.LinkState.EXPIRED
    assert rules.link_state(ends, made, made) is rules.LinkState.USED
    assert rules.link_state(None, None, made) is rules.LinkState.UNKNOWN


@pytest.mark.parametrize(
    ("lang", "subject", "sentence"),
    [
        ("en", "Set a new password for Exit Coach", "The link works once, for 60 minutes."),
        ("nl", "Kies een nieuw wachtwoord voor Exit Coach", "De link werkt één keer"),
        ("de", "Set a new password for Exit Coach", "The link works once, for 60 minutes."),
    ],
)
def test_the_mail_in_each_language_holds_the_link(lang, subject, sentence):
    link = rules.reset_link("https://exits.example.org/", "abc")
    assert link == "https://exits.example.org/reset-password/abc"
    text = rules.reset_mail(lang, "ann@example.com", link)
    assert text.subject == subject
    assert sentence in text.body and link in text.body and "ann@example.com" in text.body


def test_the_pages_speak_dutch(mail_app, smtp_server):
    _register(mail_app, "ann@example.com", locale="nl")
    dutch = {"Accept-Language": "nl"}
    login = mail_app.test_client().get("/login", headers=dutch).get_data(as_text=True)
    assert "Wachtwoord vergeten?" in login
    page = _ask_for_link(mail_app, "ann@example.com", headers=dutch).get_data(as_text=True)
    assert "Als er een account bestaat voor ann@example.com" in page
    link = smtp_server.link_in(smtp_server.only_mail()).removeprefix(SITE)
    form = mail_app.test_client().get(link, headers=dutch).get_data(as_text=True)
    assert "Kies een nieuw wachtwoord" in form and "Nieuw wachtwoord opslaan" in form
    browser = mail_app.test_client()
    short = Actions(browser).post(link, {"password": "kort"}, headers=dutch)
    assert "Gebruik minstens 10 tekens" in short.get_data(as_text=True)
    done = Actions(browser).post(link, {"password": NEW}, headers=dutch)
    after = browser.get(done.headers["Location"]).get_data(as_text=True)
    assert "Je wachtwoord is gewijzigd. Log in met je nieuwe wachtwoord." in after
    gone = mail_app.test_client().get(link, headers=dutch)
    assert gone.status_code == 410
    assert "De link is al gebruikt" in gone.get_data(as_text=True)


def test_without_mail_the_dutch_page_names_the_administrator(client):
    page = client.get("/forgot-password", headers={"Accept-Language": "nl"})
    text = page.get_data(as_text=True)
    assert "Deze Exit Coach verstuurt geen mail" in text
    assert "exitcoach user reset-password JOUW-E-MAILADRES" in text
