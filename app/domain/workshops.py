"""Workshops: join codes, the fields of a new workshop, and who may do what. Pure: no Flask,
no database; the blueprint in `app/workshops/` asks these functions and does what they say.

Roles: the coach who created the workshop, co-coaches the coach adds, and participants who
joined with the code. Anyone else (also a participant the coach removed) is a non-member and
gets a 404 for every workshop page, so nothing tells them the workshop exists.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

# Digits and capitals without the ones that look or sound alike: no 0/O, no 1/I/L.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
GROUP = 4
# Every possible code: 31**8 = 852,891,037,441.
CODE_SPACE = len(ALPHABET) ** CODE_LENGTH

COACH = "coach"
CO_COACH = "co_coach"
PARTICIPANT = "participant"
ROLES = (COACH, CO_COACH, PARTICIPANT)

OPEN = "open"
CLOSED = "closed"
LANGUAGES = ("nl", "en")

MAX_TITLE_LENGTH = 200
# How many wrong codes a user (or an address) may try within the window before waiting.
MAX_WRONG_CODES = 10
WRONG_CODE_WINDOW_MINUTES = 10

_SEPARATORS = re.compile(r"[\s\-‐-―_.]+")


def new_code(choice: Callable[[str], str] = secrets.choice) -> str:
    """A fresh join code: 8 characters drawn with `secrets` from ALPHABET (stored normalised,
    shown as "KQ7M-4TXR").

    31 characters at 8 places give CODE_SPACE = 31**8 ≈ 8.5 × 10**11 codes. Guessing is slowed
    to MAX_WRONG_CODES wrong codes per WRONG_CODE_WINDOW_MINUTES per user and per address, so
    one guesser gets at most 1,440 tries a day; even with 1,000 workshops open at once each try
    hits one with a chance of about 1 in 850 million, about 1 in 600,000 per day of trying.
    Short enough to read off a projector and type on a phone, long enough not to be found.
    """
    return "".join(choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str | None) -> str | None:
    """The code as stored, from what a person typed: case, spaces and dashes do not matter
    ("kq7m 4txr", "KQ7M-4TXR"). None when it cannot be a code (wrong length or a character
    outside ALPHABET), so the database is not even asked."""
    if not typed:
        return None
    code = _SEPARATORS.sub("", typed).upper()
    if len(code) != CODE_LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code


def display_code(code: str) -> str:
    """The code in two groups of four, for reading aloud and on the projector: "KQ7M-4TXR"."""
    return f"{code[:GROUP]}-{code[GROUP:]}"


@dataclass(frozen=True)
class NewWorkshop:
    """The fields of a workshop to create, as the coach filled them in."""

    title: str
    language: str
    date: date | None
    cases: tuple[str, ...]


def problems(fields: NewWorkshop, case_keys: Iterable[str]) -> dict[str, str]:
    """What is wrong with a new workshop, by field: `{field: problem id}` (empty when fine).

    Ids: `required` (no title, no date), `too_long` (title), `language` (not nl or en),
    `no_cases` (offer at least one case) and `unknown_case` (a case that does not exist).
    The view turns each id into a message next to its field."""
    found: dict[str, str] = {}
    title = fields.title.strip()
    if not title:
        found["title"] = "required"
    elif len(title) > MAX_TITLE_LENGTH:
        found["title"] = "too_long"
    if fields.language not in LANGUAGES:
        found["language"] = "language"
    if fields.date is None:
        found["date"] = "required"
    known = set(case_keys)
    if not fields.cases:
        found["cases"] = "no_cases"
    elif any(key not in known for key in fields.cases):
        found["cases"] = "unknown_case"
    return found


def runs(role: str | None) -> bool:
    """Whether this role runs the workshop (coach or co-coach): sees the join code, the
    members and can close it. They get the coach's page."""
    return role in (COACH, CO_COACH)


def may_see(role: str | None) -> bool:
    """Whether the workshop page exists for this person at all: any member. A non-member or a
    removed participant (role None) gets a 404."""
    return role in ROLES


def may_add_co_coach(role: str | None) -> bool:
    """Only the coach who created the workshop chooses who coaches with them."""
    return role == COACH


def may_remove(role: str | None, target_role: str | None) -> bool:
    """Coach and co-coach may remove a participant; nobody removes a coach or co-coach here."""
    return runs(role) and target_role == PARTICIPANT


def may_start_case(role: str | None, status: str) -> bool:
    """A participant starts the workshop's cases while it is open; after closing they keep
    the copies they have."""
    return role == PARTICIPANT and status == OPEN


def join_outcome(status: str, role: str | None, removed: bool) -> str:
    """What a join (by code or link) does: `member` (already in: just open the workshop — a
    reload or another device loses nothing), `removed` (the coach took them out: refuse),
    `closed` (refuse: no new joins after the end) or `join` (becomes a participant)."""
    if removed:
        return "removed"
    if role in ROLES:
        return "member"
    if status != OPEN:
        return "closed"
    return "join"
