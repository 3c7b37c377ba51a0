"""A visitor who is not logged in sees what Exit Coach is, for whom, a real printed page, and
a way to try it with an example case; a logged-in user going home lands on the dashboard."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from tests.conftest import Actions
from tests.helpers import page_text, visible_text

IMAGES = Path(__file__).resolve().parents[1] / "static" / "img"


def _front(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return visible_text(page_text(response))


def test_a_visitor_sees_what_exit_coach_does_and_for_whom(client):
    text = _front(client)
    assert "Should you let this client go?" in text
    assert "Entrepreneurs and account managers" in text
    assert "Coaches and trainers" in text
    assert "Run a workshop" in text
    assert "Try it with an example case" in text
    assert "Log in" in text
    # the example cases the visitor can try, in the visitor's language
    assert "Northwind Retail — a design studio lets a retail chain go" in text
    assert "Bakkerij Mulder" not in text


def test_the_front_page_shows_a_printed_page_in_the_visitors_language(client):
    html = client.get("/").get_data(as_text=True)
    assert "/static/img/printed-plan-en.png" in html
    with client.get("/static/img/printed-plan-en.png") as image:
        assert (image.status_code, image.mimetype) == (200, "image/png")
    Actions(client).switch_language("nl", "/")
    html = client.get("/").get_data(as_text=True)
    assert "/static/img/printed-plan-nl.png" in html
    assert "printed-plan-en.png" not in html


def test_a_visitor_switches_the_front_page_to_dutch_and_back(client):
    visitor = Actions(client)
    response = visitor.switch_language("nl", "/")
    assert (response.status_code, response.headers["Location"]) == (302, "/")
    text = _front(client)
    assert "Moet je deze klant laten gaan?" in text
    assert "Ondernemers en accountmanagers" in text
    assert "Probeer het met een voorbeeldcase" in text
    assert "Van Dijk Installatietechniek" in text
    visitor.switch_language("en", "/")
    assert "Should you let this client go?" in _front(client)


def test_try_it_leads_to_registering_and_then_to_the_example_cases(client):
    html = client.get("/").get_data(as_text=True)
    assert 'href="/register?next=/plans%23example-cases"' in html
    visitor = Actions(client)
    token_page = client.get("/register?next=/plans%23example-cases")
    assert token_page.status_code == 200
    response = visitor.post(
        "/register?next=/plans%23example-cases",
        {"email": "new@example.com", "password": "correct horse battery"},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/plans#example-cases"
    dashboard = visible_text(page_text(client.get("/plans")))
    assert "Start from an example case" in dashboard
    assert "Start from this case" in dashboard


def test_a_logged_in_user_going_home_lands_on_the_dashboard(ann):
    response = ann.client.get("/")
    assert (response.status_code, response.headers["Location"]) == (302, "/plans")


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    assert head[12:16] == b"IHDR"
    return struct.unpack(">II", head[16:24])


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_printed_page_image_is_a_png_of_a_whole_a4_page(lang):
    path = IMAGES / f"printed-plan-{lang}.png"
    assert path.exists(), "regenerate it with: make front-images"
    width, height = _png_size(path)
    assert width == 840  # the width the front page's <img> declares
    assert abs(height / width - 297 / 210) < 0.01  # an A4 page, not a crop
    assert 20_000 < path.stat().st_size < 400_000  # a real page, small enough for a phone
