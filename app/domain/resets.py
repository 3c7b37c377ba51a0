"""One-time links to set a new password, and the mail that carries one. No Flask, no database.

A link holds a random token; only its SHA-256 is stored, so a copy of the database opens no
account. A link works once, within RESET_LIFETIME of being made.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from urllib.parse import quote

RESET_LIFETIME = timedelta(hours=1)
# secrets.token_urlsafe(32): 43 characters of the URL-safe base64 alphabet. Anything else in a
# link is not one of ours and is refused before the database is asked.
_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{43}$")


class LinkState(Enum):
    VALID = "valid"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED = "used"


def new_token() -> str:
    """A fresh token: 32 random bytes, URL-safe (256 bits, not guessable)."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """What is stored of a token: the hex SHA-256 (64 characters)."""
    return hashlib.sha256(token.encode()).hexdigest()


def looks_like_token(token: str) -> bool:
    """Whether `token` has the shape of one we make (so garbage never reaches a query)."""
    return bool(_TOKEN_SHAPE.match(token))


def expiry(created: datetime) -> datetime:
    """When a link made at `created` stops working."""
    return created + RESET_LIFETIME


def link_state(expires_at: datetime | None, used_at: datetime | None, now: datetime) -> LinkState:
    """Whether a stored link can still be used at `now`: used once is used; then the clock.

    `expires_at` None means no such link. Times must be comparable (all aware, in UTC)."""
    if expires_at is None:
        return LinkState.UNKNOWN
    if used_at is not None:
        return LinkState.USED
    if now >= expires_at:
        return LinkState.EXPIRED
    return LinkState.VALID


def reset_link(base_url: str, token: str) -> str:
    """The address to open: the site's base URL (as configured, never a request's Host
    header, which a visitor could set to their own site) plus /reset-password/<token>."""
    return f"{base_url.rstrip('/')}/reset-password/{quote(token, safe='')}"


@dataclass(frozen=True)
class MailText:
    subject: str
    body: str


_MAIL = {
    "en": MailText(
        subject="Set a new password for Exit Coach",
        body=(
            "Hello,\n\n"
            "Someone asked to set a new password for the Exit Coach account of {email}. "
            "If that was you, open this link and choose a new password:\n\n"
            "{link}\n\n"
            "The link works once, for {minutes} minutes. Setting a new password logs this "
            "account out everywhere it is logged in.\n\n"
            "Did you not ask for this? Then you can ignore this mail: your password stays as "
            "it is, and nobody can use the link without this mail.\n\n"
            "Exit Coach\n"
        ),
    ),
    "nl": MailText(
        subject="Kies een nieuw wachtwoord voor Exit Coach",
        body=(
            "Hallo,\n\n"
            "Er is gevraagd om een nieuw wachtwoord voor het Exit Coach-account van {email}. "
            "Was jij dat? Open dan deze link en kies een nieuw wachtwoord:\n\n"
            "{link}\n\n"
            "De link werkt één keer en blijft {minutes} minuten geldig. Met een nieuw "
            "wachtwoord word je overal uitgelogd waar je met dit account bent ingelogd.\n\n"
            "Heb je hier niet om gevraagd? Dan kun je deze mail negeren. Je wachtwoord blijft "
            "hetzelfde, en zonder deze mail kan niemand de link gebruiken.\n\n"
            "Exit Coach\n"
        ),
    ),
}


def reset_mail(lang: str, email: str, link: str) -> MailText:
    """The mail with a reset link, in `lang` (nl or en; anything else gets English)."""
    text = _MAIL.get(lang, _MAIL["en"])
    minutes = int(RESET_LIFETIME.total_seconds() // 60)
    return MailText(text.subject, text.body.format(email=email, link=link, minutes=minutes))
