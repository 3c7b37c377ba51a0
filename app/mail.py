"""Sending mail through an SMTP server (stdlib smtplib), off the request thread.

EXITCOACH_SMTP_URL names the server: `smtp://` (plain, port 25), `smtp+starttls://` (upgraded
with STARTTLS, port 587) or `smtps://` (TLS from the start, port 465), with an optional
`user:password@` (percent-encoded) and `:port`. Without it the app sends no mail at all.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import threading
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from urllib.parse import unquote, urlsplit

from app.domain.resets import MailText

log = logging.getLogger(__name__)

DEFAULT_PORTS = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}
SMTP_TIMEOUT = 15  # seconds to connect and to wait for each answer of the server


class MailConfigError(ValueError):
    """EXITCOACH_SMTP_URL cannot be understood; the message says what is wrong."""


@dataclass(frozen=True)
class SmtpSettings:
    scheme: str  # smtp, smtp+starttls or smtps
    host: str
    port: int
    username: str | None = None
    password: str | None = None


def parse_smtp_url(url: str) -> SmtpSettings:
    """The server behind `smtp[s]://[user:password@]host[:port]`; MailConfigError if unclear."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise MailConfigError(
            f"EXITCOACH_SMTP_URL must start with smtp://, smtp+starttls:// or smtps://, "
            f"not {scheme or 'nothing'}://"
        )
    try:
        port = parts.port or DEFAULT_PORTS[scheme]
    except ValueError as exc:
        raise MailConfigError(f"EXITCOACH_SMTP_URL has a bad port: {exc}") from None
    if not parts.hostname:
        raise MailConfigError("EXITCOACH_SMTP_URL names no host")
    return SmtpSettings(
        scheme=scheme,
        host=parts.hostname,
        port=port,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
    )


def build_message(sender: str, to: str, text: MailText) -> EmailMessage:
    """A plain-text mail, marked as sent by a machine (so no auto-reply comes back)."""
    message = EmailMessage()
    message["Subject"] = text.subject
    message["From"] = sender
    message["To"] = to
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2].strip("> ") or None)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(text.body)
    return message


def send_message(settings: SmtpSettings, message: EmailMessage) -> None:
    """Hand `message` to the SMTP server; smtplib's errors (and OSError) go to the caller."""
    context = ssl.create_default_context()
    if settings.scheme == "smtps":
        server = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=SMTP_TIMEOUT, context=context
        )
    else:
        server = smtplib.SMTP(settings.host, settings.port, timeout=SMTP_TIMEOUT)
    with server:
        if settings.scheme == "smtp+starttls":
            server.starttls(context=context)
        if settings.username:
            server.login(settings.username, settings.password or "")
        server.send_message(message)


class MailQueue:
    """Jobs that send mail, run one at a time on a background thread, each in an app context.

    The request that asks for a mail only queues it, so its answer takes as long whether or
    not a mail goes out (and a slow SMTP server never holds a request). A failing job is logged,
    never raised to a visitor. `wait()` lets tests (and shutdown) wait for queued jobs."""

    def __init__(self, app):
        self.app = app
        self._executor: ThreadPoolExecutor | None = None
        self._pending: set[Future] = set()
        self._lock = threading.Lock()

    def submit(self, job, *args) -> None:
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(1, thread_name_prefix="exitcoach-mail")
            future = self._executor.submit(self._run, job, *args)
            self._pending.add(future)
        future.add_done_callback(self._forget)

    def _forget(self, future: Future) -> None:
        with self._lock:
            self._pending.discard(future)

    def _run(self, job, *args) -> None:
        from app.extensions import db

        with self.app.app_context():
            try:
                job(*args)
            except Exception:  # noqa: BLE001 - a mail job must never take the thread down
                log.exception("a mail job failed")
            finally:
                db.session.remove()

    def wait(self, timeout: float = 30) -> None:
        """Until every job queued so far has finished."""
        with self._lock:
            pending = set(self._pending)
        wait(pending, timeout=timeout)


def init_app(app) -> None:
    """Read the SMTP settings once (a bad URL stops the start with a clear message)."""
    url = app.config.get("SMTP_URL")
    app.extensions["exitcoach.smtp"] = parse_smtp_url(url) if url else None
    app.extensions["exitcoach.mail"] = MailQueue(app)


def smtp_settings(app) -> SmtpSettings | None:
    return app.extensions.get("exitcoach.smtp")


def queue(app) -> MailQueue:
    return app.extensions["exitcoach.mail"]
