"""The yearly balance: keep the portfolio of a year, and after next year's import see who
moved between classes and segments — the December review."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.portfolio import Move
from app.domain.portfolio_balance import direction, yearly_balance
from app.extensions import db
from app.portfolio import store
from tests.conftest import Actions
from tests.helpers import page_text, visible_text
from tests.portfolio_docs_helpers import row, seed, user_named

THIS_YEAR = date.today().year
# Last year: Alpha and Beta carry 70 % of the revenue (A), Gamma is B, Delta C.
LAST_YEAR = [
    row("Alpha", 400_000),
    row("Beta", 300_000),
    row("Gamma", 200_000),
    row("Delta", 100_000),
]
# This year: Gamma grew into the top (B → A), Beta wears the team out without value that
# makes up for it (A → E, and flourishing → tiring), Delta is gone, Epsilon is new.
THIS_YEARS = [
    row("Gamma", 450_000),
    row("Alpha", 300_000),
    row("Beta", 200_000, strain=5, value=1),
    row("Epsilon", 50_000),
]


def keep(user, year: int):
    response = user.post("/portfolio/snapshots", {"year": str(year)})
    assert response.status_code == 302, response.get_data(as_text=True)[:800]
    return response


@pytest.fixture
def two_years(app, ann):
    seed(app, LAST_YEAR)
    keep(ann, THIS_YEAR - 1)
    ids = seed(app, THIS_YEARS)
    with app.app_context():
        store.delete_client(store.client_named(user_named(), "Delta"))
    keep(ann, THIS_YEAR)
    return ids


def test_a_snapshot_keeps_every_clients_class_segment_revenue_and_contribution(app, ann):
    seed(app, LAST_YEAR)
    response = keep(ann, 2025)
    assert response.headers["Location"] == "/portfolio/balance"
    with app.app_context():
        kept = store.snapshot_of(user_named(), 2025)
        assert kept.data["clients"][0] == {
            "name": "Alpha",
            "class": "A",
            "segment": "flourishing",
            "revenue": "400000.00",
            "contribution": "155400.00",  # 40 % margin − 2 h × € 50 × 46 weeks
        }
    page = visible_text(page_text(ann.client.get("/portfolio/balance", follow_redirects=True)))
    assert "The portfolio of 2025 is kept." in page
    assert "2025" in page
    one = visible_text(page_text(ann.client.get("/portfolio/snapshots/2025")))
    for name in ("Alpha", "Beta", "Gamma", "Delta"):
        assert name in one
    assert "€155,400" in one


def test_the_balance_shows_who_moved_between_two_years(app, ann, two_years):
    response = ann.client.get("/portfolio/balance")
    assert response.status_code == 200
    text = " ".join(visible_text(page_text(response)).split())
    words = app.extensions["exitcoach.content"].texts["en"]["portfolio"]["balance"]
    assert words["title"] in text and " ".join(words["intro"].split()) in text
    assert f"From {THIS_YEAR - 1} to {THIS_YEAR}" in text
    assert "Gamma B → A ↑ up" in text
    assert "Beta A → E ↓ down" in text
    assert "Flourishing → Tiring" in text
    assert "1 moved up (↑)" in text and "1 moved down (↓)" in text
    assert "Epsilon (D – small clients)" in text
    assert f"New clients in {THIS_YEAR}" in text and "Epsilon" in text
    assert f"Clients lost since {THIS_YEAR - 1}" in text
    assert "Delta (was C – regular clients)" in text
    assert "1 new client " in text and "1 client lost" in text
    assert "1 unchanged" in text  # Alpha: A and flourishing both years


def test_the_years_compared_can_be_chosen(app, ann, two_years):
    seed(app, [row("Zeta", 10_000)])
    keep(ann, THIS_YEAR + 1)
    default = visible_text(page_text(ann.client.get("/portfolio/balance")))
    assert f"From {THIS_YEAR} to {THIS_YEAR + 1}" in default
    chosen = ann.client.get(f"/portfolio/balance?before={THIS_YEAR - 1}&now={THIS_YEAR}")
    assert f"From {THIS_YEAR - 1} to {THIS_YEAR}" in visible_text(page_text(chosen))
    assert ann.client.get("/portfolio/balance?before=1990&now=2025").status_code == 404
    assert ann.client.get("/portfolio/balance?before=x").status_code == 404


def test_one_year_kept_invites_to_keep_the_next(app, ann):
    seed(app, LAST_YEAR)
    keep(ann, THIS_YEAR)
    text = visible_text(page_text(ann.client.get("/portfolio/balance")))
    assert "With a second year kept" in text


def test_keeping_the_same_year_again_replaces_it(app, ann):
    seed(app, LAST_YEAR)
    keep(ann, THIS_YEAR)
    seed(app, [row("Omega", 5_000)])
    keep(ann, THIS_YEAR)
    with app.app_context():
        kept = store.snapshots_of(user_named())
        assert [s.year for s in kept] == [THIS_YEAR]
        assert "Omega" in [c["name"] for c in kept[0].data["clients"]]


@pytest.mark.parametrize(
    "year, message",
    [
        ("", "Enter the year this portfolio belongs to."),
        ("1850", f"Enter a year from 2000 to {THIS_YEAR + 1}."),
        (str(THIS_YEAR + 5), f"Enter a year from 2000 to {THIS_YEAR + 1}."),
        ("next", "Not a valid integer value."),
    ],
)
def test_a_wrong_year_is_refused_next_to_the_field(app, ann, year, message):
    seed(app, LAST_YEAR)
    response = ann.post("/portfolio/snapshots", {"year": year})
    assert response.status_code == 422
    assert message in visible_text(page_text(response))
    with app.app_context():
        assert store.snapshots_of(user_named()) == []


def test_an_empty_portfolio_has_nothing_to_keep(ann):
    response = ann.post("/portfolio/snapshots", {"year": str(THIS_YEAR)})
    assert response.status_code == 422
    assert "Your portfolio has no clients yet" in visible_text(page_text(response))


def test_a_snapshot_can_be_deleted(app, ann):
    seed(app, LAST_YEAR)
    keep(ann, 2024)
    response = ann.post("/portfolio/snapshots/2024/delete")
    assert response.status_code == 302
    assert ann.client.get("/portfolio/snapshots/2024").status_code == 404


def test_another_users_snapshot_is_not_there(app, client):
    ann = Actions(client)
    ann.register()
    seed(app, LAST_YEAR)
    keep(ann, 2024)
    keep(ann, 2025)
    ann.logout()
    bob = Actions(client)
    bob.register("bob@example.com")
    assert bob.client.get("/portfolio/snapshots/2024").status_code == 404
    assert bob.client.get("/portfolio/balance?before=2024&now=2025").status_code == 404
    assert bob.post("/portfolio/snapshots/2024/delete").status_code == 404
    assert "Alpha" not in page_text(bob.client.get("/portfolio/balance"))
    with app.app_context():
        assert len(store.snapshots_of(user_named("ann@example.com"))) == 2
        db.session.remove()


@pytest.mark.parametrize(
    "before, now, expected",
    [
        ("B", "A", 1),
        ("A", "E", -1),
        ("D", "E", -1),
        ("E", "D", 1),
        ("C", "C", 0),
        (None, "A", 0),
        ("A", None, 0),
    ],
)
def test_up_is_towards_a_and_down_towards_e(before, now, expected):
    assert direction(Move("x", before, now, None, None)) == expected


def test_the_balance_orders_moves_up_then_down_then_segments():
    before = {
        "clients": [
            {"name": "a", "class": "A", "segment": "steady"},
            {"name": "b", "class": "B", "segment": "steady"},
            {"name": "c", "class": "C", "segment": "steady"},
            {"name": "gone", "class": "D", "segment": "steady"},
            {"name": "", "class": "D"},  # not a client: skipped
        ]
    }
    now = {
        "clients": [
            {"name": "c", "class": "C", "segment": "tiring"},
            {"name": "A ", "class": "B", "segment": "steady"},  # the same client, another spelling
            {"name": "b", "class": "A", "segment": "steady"},
            {"name": "new", "class": "D", "segment": "steady"},
        ]
    }
    balance = yearly_balance(2025, before, 2026, now)
    assert [m.client for m in balance.changes] == ["b", "A ", "c"]
    assert (balance.up, balance.down, balance.segment_only, balance.unchanged) == (1, 1, 1, 0)
    assert [m.client for m in balance.new] == ["new"]
    assert [m.client for m in balance.lost] == ["gone"]


def test_the_portfolio_documents_in_dutch_have_no_english_left(app, ann, two_years):
    """Every page of this part, in Dutch: the balance, a kept year, the attention plan and a
    client's activities (tests/test_i18n.py's check of the interface strings)."""
    from tests.test_i18n import _assert_dutch

    ann.switch_language("nl")
    gamma = two_years["Gamma"]
    pages = {
        "/portfolio/balance": "De jaarbalans",
        f"/portfolio/snapshots/{THIS_YEAR}": "Klantenbestand van",
        "/portfolio/attention-plan": "Aandachtsplan",
        f"/portfolio/clients/{gamma}/activities": "Activiteiten voor Gamma",
    }
    for path, heading in pages.items():
        page = ann.client.get(path).get_data(as_text=True)
        assert heading in page, path
        _assert_dutch(page)
    text = " ".join(visible_text(page_text(ann.client.get("/portfolio/balance"))).split())
    assert "Gamma B → A ↑ omhoog" in text
    assert f"Van {THIS_YEAR - 1} naar {THIS_YEAR}" in text


@pytest.mark.parametrize(
    ("lang", "rows", "expected"),
    [
        ("en", LAST_YEAR[:1], "1 client."),
        ("en", LAST_YEAR[:2], "2 clients."),
        ("nl", LAST_YEAR[:1], "1 klant."),
        ("nl", LAST_YEAR[:2], "2 klanten."),
    ],
)
def test_a_snapshot_counts_its_clients_in_the_right_form(app, ann, lang, rows, expected):
    seed(app, rows)
    keep(ann, 2025)
    ann.switch_language(lang)
    page = visible_text(page_text(ann.client.get("/portfolio/snapshots/2025")))
    assert expected in page
    assert "1 clients" not in page and "1 klanten" not in page
