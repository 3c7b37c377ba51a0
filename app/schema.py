"""Bring the database schema up to date with the migrations in `migrations/`."""

from __future__ import annotations

from flask import Flask
from flask_migrate import upgrade


def upgrade_schema(app: Flask) -> None:
    """Apply every migration not yet applied (the tests build their schema this way too)."""
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
