"""The whole interface speaks Dutch and English; the language follows the user."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from app.domain.steps import ALL_STEPS, AVAILABLE
from tests.helpers import visible_text

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = ROOT / "app" / "translations"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


def _catalogue(lang: str):
    with (CATALOGUES / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh)


def _source_msgids() -> set[str]:
    ids = set()
    for folder, method in (("app", "python"), ("templates", "jinja2")):
        pattern = "**.py" if method == "python" else "**.html"
        for _file, _line, message, _comments, _ctx in extract_from_dir(
            ROOT / folder, [(pattern, method)], keywords=KEYWORDS
        ):
            ids.add(message if isinstance(message, str) else message[0])
    return ids


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_interface_string_is_translated_in_both_catalogues(lang):
    catalogue = _catalogue(lang)
    missing = []
    for msgid in sorted(_source_msgids()):
        message = catalogue.get(msgid)
        forms = message.string if message is not None else ()
        if isinstance(forms, str):
            forms = (forms,)
        if message is None or not forms or not all(forms) or message.fuzzy:
            missing.append(msgid)  # a plural entry needs every one of its forms
    assert not missing, f"untranslated in {lang}: {missing}"


def _pairs(message):
    """(English, Dutch) for each form of a message: one pair, or one per plural form."""
    if isinstance(message.id, tuple):
        ids = (message.id[0], *[message.id[1]] * (len(message.string) - 1))
        return list(zip(ids, message.string, strict=True))
    return [(message.id, message.string)]


def test_translations_keep_their_placeholders():
    for message in _catalogue("nl"):
        if message.id and message.string:
            for english, dutch in _pairs(message):
                wanted = sorted(re.findall(r"%\(\w+\)\w", english))
                assert sorted(re.findall(r"%\(\w+\)\w", dutch)) == wanted, english


def _english_phrases():
    """English interface strings whose Dutch translation differs (placeholders cut out)."""
    phrases = []
    for message in _catalogue("nl"):
        if not message.id or not message.string:
            continue
        for english, dutch in _pairs(message):
            if dutch == english:
                continue
            for piece in re.split(r"%\(\w+\)\w", english):
                piece = piece.strip(" .“”?:;")
                if len(piece) >= 4:
                    phrases.append(piece)
    return phrases


def _assert_dutch(page: str):
    text = visible_text(page)
    leaks = [p for p in _english_phrases() if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text)]
    assert not leaks, f"English on a Dutch page: {leaks}"


def test_the_dashboard_in_dutch_has_no_english_left(ann):
    ann.create_plan("Bakker")
    ann.switch_language("nl")
    page = ann.client.get("/plans").get_data(as_text=True)
    assert '<html lang="nl">' in page
    assert "Mijn plannen" in page
    _assert_dutch(page)


STEP_PAGES = [f"/plans/{{id}}/steps/{sid}" for sid, _ in ALL_STEPS if sid in AVAILABLE]


@pytest.mark.parametrize(
    "path",
    [
        "/plans",
        "/plans/{id}",
        "/plans/{id}/rename",
        "/plans/{id}/delete",
        "/plans/999",
        *STEP_PAGES,
    ],
)
def test_every_page_in_dutch_has_no_english_left(ann, path):
    plan_id = ann.create_plan("Bakker")
    ann.switch_language("nl")
    # a step the plan does not have (the attention plan while undecided) leads to the plan
    page = ann.client.get(path.format(id=plan_id), follow_redirects=True).get_data(as_text=True)
    assert '<html lang="nl">' in page
    _assert_dutch(page)


@pytest.mark.parametrize("path", ["/login", "/register"])
def test_the_login_pages_in_dutch_have_no_english_left(client, path):
    page = client.get(path, headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert '<html lang="nl">' in page
    _assert_dutch(page)


def test_the_dashboard_in_english(ann):
    page = ann.client.get("/plans").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "My plans" in page


def test_without_any_choice_the_language_is_english(client):
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="en">' in page


def test_the_browser_language_is_used_when_nothing_was_chosen(client):
    page = client.get("/login", headers={"Accept-Language": "nl-NL,nl;q=0.9,en;q=0.8"})
    assert '<html lang="nl">' in page.get_data(as_text=True)
    assert "Inloggen" in page.get_data(as_text=True)
    other = client.get("/login", headers={"Accept-Language": "de-DE,de;q=0.9"})
    assert '<html lang="en">' in other.get_data(as_text=True)


def test_the_choice_is_saved_on_the_account_and_beats_the_browser(app, ann):
    ann.switch_language("nl")
    ann.logout()
    fresh = type(ann)(app.test_client())
    fresh.login()
    page = fresh.client.get("/plans", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="nl">' in page
    assert "Mijn plannen" in page


def test_switching_language_returns_to_the_same_page(ann):
    plan_id = ann.create_plan()
    response = ann.switch_language("nl", f"/plans/{plan_id}")
    assert response.headers["Location"] == f"/plans/{plan_id}"
    assert "Klant &amp; contactpersonen" in ann.client.get(f"/plans/{plan_id}").get_data(
        as_text=True
    )


def test_an_anonymous_choice_is_kept_and_saved_on_a_new_account(user):
    user.switch_language("nl", "/register")
    assert "Account aanmaken" in user.client.get("/register").get_data(as_text=True)
    user.register()
    assert '<html lang="nl">' in user.client.get("/plans").get_data(as_text=True)


def test_an_unknown_language_is_ignored(user):
    response = user.switch_language("fr", "/login")
    assert response.status_code == 302
    assert '<html lang="en">' in user.client.get("/login").get_data(as_text=True)


def test_the_language_switch_never_redirects_off_site(user):
    response = user.switch_language("nl", "https://evil.example/")
    assert response.headers["Location"] == "/"


def test_the_header_offers_both_languages(client):
    page = client.get("/login").get_data(as_text=True)
    assert 'name="locale" value="nl"' in page
    assert 'name="locale" value="en"' in page
    assert 'aria-current="true">EN' in page


def test_form_errors_speak_dutch(user):
    user.switch_language("nl", "/register")
    response = user.register("ann@example.com", "kort")
    assert response.status_code == 422
    assert "Gebruik minstens 10 tekens" in response.get_data(as_text=True)


def test_dates_follow_the_locale(ann):
    ann.create_plan()
    ann.switch_language("nl")
    page = ann.client.get("/plans").get_data(as_text=True)
    months = "jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec"
    assert re.search(rf"\d{{1,2}} ({months})\w* \d{{4}}", page)
