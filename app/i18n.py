"""Which language a request is answered in."""

from __future__ import annotations

import os

from flask import current_app, g, request, session


def select_locale() -> str:
    """The account's saved choice, else this browser's choice, else Accept-Language, else en."""
    languages = current_app.config["LANGUAGES"]
    user = g.get("user")
    if user is not None and user.locale in languages:
        return user.locale
    if session.get("locale") in languages:
        return session["locale"]
    return request.accept_languages.best_match(languages) or "en"


def word_list(items, lang: str | None = None):
    """Jinja filter: items joined as a list in `lang` (the interface language by default),
    "A, B en C" / "A, B and C". Items that are markup (links) stay markup."""
    from flask_babel import get_locale
    from markupsafe import Markup, escape

    from app.domain.words import join_words

    items = list(items)
    lang = lang or str(get_locale() or "en")
    if any(isinstance(item, Markup) for item in items):
        return Markup(join_words([escape(item) for item in items], lang))
    return join_words(items, lang)


def compile_catalogues(translations_dir) -> list[str]:
    """Compile each messages.po whose messages.mo is missing or older; return what was built.

    The .mo files are build output (not committed). `make` compiles them, and so does app
    start-up when they are stale, so a fresh `pip install -e .` never serves half-translated pages.
    """
    from pathlib import Path

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    built = []
    for po in sorted(Path(translations_dir).glob("*/LC_MESSAGES/messages.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as fh:
            catalog = read_po(fh)
        tmp = mo.with_suffix(f".mo.{os.getpid()}.tmp")  # processes compiling at once
        with tmp.open("wb") as fh:
            write_mo(fh, catalog)
        tmp.replace(mo)
        built.append(str(mo))
    return built


def fill_source_language(po_path) -> int:
    """In the English catalogue every msgstr is its msgid; fill the empty ones. Returns count.

    The interface is written in English, so the English catalogue mirrors the source; keeping it
    complete lets the test 'every msgid is translated in both catalogues' stay simple and strict.
    """
    from pathlib import Path

    from babel.messages.pofile import read_po, write_po

    path = Path(po_path)
    with path.open("rb") as fh:
        catalog = read_po(fh)
    filled = 0
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            if not all(message.string):
                message.string = tuple(message.id)
                filled += 1
        elif not message.string:
            message.string = message.id
            filled += 1
    with path.open("wb") as fh:
        write_po(fh, catalog, width=100, omit_header=False)
    return filled
