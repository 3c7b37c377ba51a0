"""Behind a reverse proxy (issue 15, point 6): with EXITCOACH_PROXIES the visitor's scheme, host
and address come from the proxy's X-Forwarded-* headers; without it they are never trusted."""

from __future__ import annotations

import pytest

from app import create_app
from tests.workshop_helpers import WorkshopActions

FORWARDED = {
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "coach.example.org",
    "X-Forwarded-For": "203.0.113.9",
}


def _coach_page(app) -> tuple[str, str]:
    coach = WorkshopActions(app.test_client())
    assert coach.register("coach@example.com").status_code == 302
    workshop_id = coach.new_workshop()
    code = coach.code_of(workshop_id).replace("-", "")  # the link has it without the dash
    page = coach.client.get(f"/workshops/{workshop_id}", headers=FORWARDED)
    return code, page.get_data(as_text=True)


def test_behind_one_proxy_the_join_link_has_the_address_people_use(make_app):
    code, page = _coach_page(make_app(PROXIES=1))
    assert f'href="https://coach.example.org/join/{code}"' in page


def test_without_proxies_forwarded_headers_are_not_believed(make_app):
    code, page = _coach_page(make_app())
    assert f'href="http://localhost/join/{code}"' in page
    assert "coach.example.org" not in page


def test_a_wrong_number_of_proxies_stops_the_start_with_a_clear_message(monkeypatch, tmp_path):
    monkeypatch.setenv("EXITCOACH_PROXIES", "yes")
    with pytest.raises(ValueError, match="EXITCOACH_PROXIES must be a whole number"):
        create_app({"SECRET_KEY": "x"}, instance_path=str(tmp_path))
