"""Exit Coach: decide whether to end a client relationship and prepare that conversation.

The package itself imports nothing: `create_app` (app/factory.py) brings in Flask, SQLAlchemy
and the extensions when it is first asked for, so the command line's `exitcoach pdf` and
`exitcoach analyze`, which need none of them, start without them (issue 15, point 5).
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    if name in ("create_app", "ROOT"):
        from app import factory

        return getattr(factory, name)
    raise AttributeError(f"module 'app' has no attribute {name!r}")
