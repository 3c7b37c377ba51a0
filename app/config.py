"""Configuration read from the environment, with safe defaults for a laptop."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

SESSION_LIFETIME = timedelta(hours=12)


def _secret_key(instance_path: Path) -> str:
    """Return SECRET_KEY from the environment, else one generated once and kept on disk.

    A constant in code would let anyone forge sessions; a key generated at every start would log
    everybody out at every restart. So the first start writes a random key into the instance
    folder (readable by the owner only) and later starts reuse it.
    """
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = instance_path / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def _falsy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"0", "false", "no", "off"}


def database_url(instance_path: Path) -> str:
    """DATABASE_URL, or an SQLite file in the instance folder."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{instance_path / 'exitcoach.sqlite3'}"
    # Heroku-style URLs name the driver "postgres"; SQLAlchemy wants psycopg 3 spelled out.
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgres://")
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


DEFAULT_BASE_URL = "http://127.0.0.1:5000"


def _mail_from(base_url: str) -> str:
    """EXITCOACH_MAIL_FROM, else a no-reply address at the site's own host name."""
    if sender := os.environ.get("EXITCOACH_MAIL_FROM"):
        return sender
    host = urlsplit(base_url).hostname or "localhost"
    return f"Exit Coach <noreply@{host}>"


def _count(name: str) -> int:
    """A whole number ≥ 0 from the environment (unset: 0); anything else stops the start."""
    raw = (os.environ.get(name) or "0").strip()
    if not raw.isdigit():
        raise ValueError(f"{name} must be a whole number of proxies (0, 1, 2…), not {raw!r}")
    return int(raw)


def redis_settings() -> tuple[str | None, str]:
    """REDIS_URL and the prefix of every key (EXITCOACH_REDIS_PREFIX)."""
    return os.environ.get("REDIS_URL") or None, os.environ.get(
        "EXITCOACH_REDIS_PREFIX", "exitcoach:"
    )


def build_config(instance_path: Path) -> dict:
    """The settings of one app instance, read from the environment."""
    secure = _truthy(os.environ.get("EXITCOACH_HTTPS"))
    redis_url, redis_prefix = redis_settings()
    base_url = os.environ.get("EXITCOACH_BASE_URL") or DEFAULT_BASE_URL
    return {
        "SECRET_KEY": _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url(instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "PERMANENT_SESSION_LIFETIME": SESSION_LIFETIME,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure,
        "SESSION_COOKIE_NAME": "exitcoach_session",
        # A coaching session runs for hours: the CSRF token must live as long as the login.
        "WTF_CSRF_TIME_LIMIT": int(SESSION_LIFETIME.total_seconds()),
        "WTF_CSRF_SSL_STRICT": secure,
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("EXITCOACH_TIMEZONE", "Europe/Amsterdam"),
        "LANGUAGES": ("nl", "en"),
        "LOGIN_MAX_FAILURES": int(os.environ.get("EXITCOACH_LOGIN_MAX_FAILURES", "5")),
        "LOGIN_LOCK_MINUTES": int(os.environ.get("EXITCOACH_LOGIN_LOCK_MINUTES", "15")),
        "CONTENT_DIR": os.environ.get("EXITCOACH_CONTENT_DIR"),
        # Forgotten passwords: the site's address for the links in mails and from the CLI (never
        # taken from a request's Host header), the SMTP server (none: no mail, the administrator
        # makes links with `exitcoach user reset-password`), and the mails allowed per hour.
        "BASE_URL": base_url,
        "SMTP_URL": os.environ.get("EXITCOACH_SMTP_URL") or None,
        "MAIL_FROM": _mail_from(base_url),
        "RESET_MAILS_PER_ADDRESS": int(os.environ.get("EXITCOACH_RESET_MAILS_PER_ADDRESS", "5")),
        "RESET_MAILS_PER_IP": int(os.environ.get("EXITCOACH_RESET_MAILS_PER_IP", "20")),
        # PDF rendering: worker processes (0 = render in the request, for tests and the CLI),
        # jobs allowed to wait before "busy, try again", and the time limit of one render.
        "PDF_WORKERS": int(os.environ.get("EXITCOACH_PDF_WORKERS", str(os.cpu_count() or 1))),
        "PDF_QUEUE": int(os.environ.get("EXITCOACH_PDF_QUEUE", "40")),
        "PDF_TIME_LIMIT": float(os.environ.get("EXITCOACH_PDF_TIME_LIMIT", "15")),
        # Made documents are kept by what they contain (0 = keep none), in Redis when REDIS_URL
        # is set, else in the instance folder; opening the export step makes them beforehand.
        "PDF_CACHE_MB": float(os.environ.get("EXITCOACH_PDF_CACHE_MB", "200")),
        "PDF_PRERENDER": not _falsy(os.environ.get("EXITCOACH_PDF_PRERENDER")),
        # Redis (optional): the PDF cache, the render queue (RQ) and the state every server
        # process shares. Keys start with REDIS_PREFIX, so one Redis can serve several sites.
        # Behind a reverse proxy: how many proxies stand in front (their X-Forwarded-For,
        # -Proto, -Host and -Prefix are then trusted: the visitor's address for the rate
        # limits, https and the host name for the workshop's join link). 0: none, trust none.
        "PROXIES": _count("EXITCOACH_PROXIES"),
        "REDIS_URL": redis_url,
        "REDIS_PREFIX": redis_prefix,
    }
