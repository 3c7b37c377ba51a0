"""The portfolio's pages lead into each other: from the overview to the filtered table, from a
client to its plan and back, from an import to the year's snapshot."""

from __future__ import annotations

import pytest

from tests.helpers import visible_text
from tests.portfolio_docs_helpers import row, seed
from tests.portfolio_helpers import EXCEL_NL, import_file, words

ROWS = [
    row("Big Account", 400_000, 40, 10, 60),
    row("Steady Partner", 120_000, 35, 4, 60, strain=2, value=3),
    row("Drain Co", 60_000, 12, 12, 60, late=45, strain=5, value=2),
    row("Little Gem", 9_000, 45, 0.5, 60, potential=5),
]


@pytest.fixture
def ids(app, ann):
    return seed(app, ROWS)


def test_the_overview_links_to_every_portfolio_page(ann, ids):
    page = ann.client.get("/portfolio").get_data(as_text=True)
    for href in (
        "/portfolio/import",
        "/portfolio/clients",
        "/portfolio/export.csv",
        "/portfolio/attention-plan",
        "/portfolio/balance",
    ):
        assert f'href="{href}"' in page, href


def test_a_segment_link_shows_only_that_segments_clients(ann, ids):
    page = visible_text(ann.client.get("/portfolio/clients?segment=tiring").get_data(as_text=True))
    assert "Only the segment “Tiring”." in page
    assert "Drain Co" in page
    assert "Big Account" not in page and "Little Gem" not in page
    assert "Show all clients" in page


def test_the_class_e_link_shows_only_the_clients_to_reconsider(ann, ids):
    overview = ann.client.get("/portfolio").get_data(as_text=True)
    table = visible_text(ann.client.get("/portfolio/clients?class=E").get_data(as_text=True))
    assert "Only class “E – reconsider”." in table
    assert "Drain Co" in table and "Big Account" not in table
    assert "Drain Co" in visible_text(overview)


def test_an_unknown_filter_is_ignored_not_an_error(ann, ids):
    response = ann.client.get("/portfolio/clients?segment=<script>&class=Z")
    assert response.status_code == 200
    assert "Big Account" in visible_text(response.get_data(as_text=True))


def test_a_client_page_starts_a_plan_and_then_shows_where_it_stands(ann, ids):
    client_page = f"/portfolio/clients/{ids['Drain Co']}"
    page = visible_text(ann.client.get(client_page).get_data(as_text=True))
    assert "A plan for this client" in page
    assert "Start an exit plan" in page and "Start a repricing plan" in page

    started = ann.post(f"/portfolio/clients/{ids['Drain Co']}/plan", {"kind": "exit"})
    plan_url = started.headers["Location"]
    plan_page = ann.client.get(plan_url, follow_redirects=True).get_data(as_text=True)
    assert "From your portfolio:" in visible_text(plan_page)
    assert 'href="/portfolio/clients?q=Drain+Co">Drain Co</a>' in plan_page

    page = visible_text(ann.client.get(client_page).get_data(as_text=True))
    assert "Open its plan" in page and "Start an exit plan" not in page
    assert "Plan started" in page or "Plan advice:" in page
    table = visible_text(ann.client.get("/portfolio/clients?q=Drain").get_data(as_text=True))
    assert "Plan started" in table or "Plan advice:" in table


def test_after_an_import_the_overview_offers_to_keep_the_years_snapshot(app, ann):
    confirmed = import_file(ann, EXCEL_NL.read_bytes())
    page = words(ann.client.get(confirmed.headers["Location"]))
    assert "The yearly balance" in page
    assert "Keep this year's portfolio" in page
    # Not on every visit: only right after the import.
    assert "Keep this year's portfolio" not in words(ann.client.get("/portfolio"))


def test_the_segments_carry_the_one_reported_result_as_an_illustration_only(ann, ids):
    page = visible_text(ann.client.get("/portfolio").get_data(as_text=True))
    assert "roughly 30 %" in page
    assert "an illustration, not as a promise" in page


def test_the_whale_curve_says_what_is_usual_beside_what_this_base_shows(ann, ids):
    page = visible_text(ann.client.get("/portfolio").get_data(as_text=True))
    assert "150 to 300 % of the profit" in page
    ann.switch_language("nl", "/portfolio")
    page = visible_text(ann.client.get("/portfolio").get_data(as_text=True))
    assert "150 tot 300 % van de winst" in page
