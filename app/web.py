"""Rendering helpers shared by the views: whole pages, or one fragment for htmx."""

from __future__ import annotations

import json

from flask import Flask, current_app, g, request
from flask import render_template as _render_template
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf
from jinja2_fragments.flask import render_block

from app.domain import numbers
from app.domain import steps as step_registry
from app.i18n import word_list

# htmx settings (read by htmx from <meta name="htmx-config">). Our CSP forbids inline styles and
# eval, so htmx must not inject its indicator <style> nor evaluate scripts; requests only go to
# this site; plan pages hold confidential data, so nothing is kept in htmx's history cache.
# htmx 2 does not swap 4xx/5xx responses by default: 422 carries a form with its field errors
# and is swapped into its target like a 200; other errors show the error fragment in the alert
# region of the page so a failing click never fails silently.
HTMX_CONFIG = {
    "includeIndicatorStyles": False,
    "allowEval": False,
    "allowScriptTags": False,
    "selfRequestsOnly": True,
    "historyCacheSize": 0,
    "refreshOnHistoryMiss": True,
    # Settling copies "style" with setAttribute, which our CSP blocks; we use no inline styles.
    "attributesToSettle": ["class", "width", "height"],
    # A save that hangs counts as failed after 20 s, so autosave.js can say so and retry.
    "timeout": 20000,
    "responseHandling": [
        {"code": "204", "swap": False},
        {"code": "[23]..", "swap": True},
        {"code": "422", "swap": True, "error": False},
        # 409: a save found a field changed elsewhere too; the answer shows the conflict.
        {"code": "409", "swap": True, "error": False},
        {
            "code": "[45]..",
            "swap": True,
            "error": True,
            "target": "#htmx-alerts",
            "swapOverride": "innerHTML",
        },
        {"code": "...", "swap": False},
    ],
}


def render(template: str, block: str | None = None, **context) -> str:
    """The whole page, or just `block` of the same template when htmx asks for a fragment."""
    if block and request.htmx and not request.htmx.boosted:
        return render_block(template, block, **context)
    return _render_template(template, **context)


def render_template(template: str, **context) -> str:
    return _render_template(template, **context)


def init_app(app: Flask) -> None:
    @app.context_processor
    def _globals():
        locale = str(get_locale() or "en")
        return {
            "current_locale": locale,
            "current_user": g.get("user"),
            "htmx_config": json.dumps(HTMX_CONFIG, separators=(",", ":")),
            "htmx_headers": json.dumps({"X-CSRFToken": generate_csrf()}),
        }

    def content_text(key: str, lang: str | None = None) -> str:
        content = current_app.extensions["exitcoach.content"]
        return content.text(lang or str(get_locale() or "en"), key)

    app.jinja_env.globals["content_text"] = content_text
    app.jinja_env.filters["money"] = numbers.money
    app.jinja_env.filters["percent"] = numbers.percent
    app.jinja_env.filters["number"] = numbers.number
    app.jinja_env.filters["long_date"] = numbers.long_date
    app.jinja_env.filters["word_list"] = word_list
    app.jinja_env.globals["wizard_steps"] = step_registry.steps
