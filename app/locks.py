"""Writes that must take their turn: a lock held until the transaction ends."""

from __future__ import annotations

import hashlib

from sqlalchemy import text

from app.extensions import db


def take_turn(key: str) -> None:
    """Make every transaction that takes a turn on `key` wait for the one before it to commit.

    PostgreSQL: an advisory lock on the key until the commit or rollback. SQLite: nothing to do,
    its single write lock already serialises writers. Used where attempts are counted before
    they are checked (logins, join codes), so attempts sent at once cannot all see "under the
    limit".
    """
    if db.session.get_bind().dialect.name == "postgresql":
        number = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)
        db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": number})
