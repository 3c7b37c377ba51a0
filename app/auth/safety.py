"""Input that must be made safe before the app uses it: plain text and local redirect targets."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from wtforms.validators import StopValidation

# C0 controls except tab, line feed and carriage return (a textarea sends newlines as \r\n), DEL
# and the C1 controls. PostgreSQL refuses any text holding NUL, and none of these belongs in a
# name, an address or a password typed by a person.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# What a browser ignores or rewrites in a URL before it follows it: tabs and newlines anywhere,
# backslashes as slashes, and leading spaces or controls. A redirect target holding any of these
# is not a plain local path.
_URL_TRICKS = re.compile(r"[\x00-\x20\x7f\\]")


def has_control_characters(text: str) -> bool:
    """Whether `text` holds a control character other than tab or newline."""
    return CONTROL_CHARACTERS.search(text) is not None


def local_path(value: str | None) -> str | None:
    """`value` when it is a path on this site (`/plans/3?x=1`), else None.

    Only a single leading slash, no scheme and no host count as local; so do not `//evil.example`,
    `/<backslash>evil.example`, `/<tab>/evil.example` (a browser drops the tab and sees `//`),
    `https://…` or `javascript:…`. Anything with whitespace, controls or backslashes is refused
    outright rather than guessed at.
    """
    if not value or _URL_TRICKS.search(value):
        return None
    if not value.startswith("/") or value.startswith("//"):
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return None
    return value


class MaxLength:
    """A WTForms validator: refuse a value over `n` characters, and run no further validators.

    Stopping matters: a pattern check on a 2 MB value can take minutes, and nothing over the
    limit should be hashed or stored.
    """

    def __init__(self, n: int, message):
        self.max = n
        self.message = message

    def __call__(self, form, field) -> None:
        if isinstance(field.data, str) and len(field.data) > self.max:
            raise StopValidation(self.message)


class PlainText:
    """A WTForms validator: refuse control characters (tab and newline are fine)."""

    def __init__(self, message=None):
        self.message = message or _l(
            "This contains invisible control characters. Type it again without them."
        )

    def __call__(self, form, field) -> None:
        if isinstance(field.data, str) and has_control_characters(field.data):
            raise StopValidation(self.message)
