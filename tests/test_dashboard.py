"""The dashboard is worth opening: per plan the client, the decision (or the advice while
undecided), the contribution, the step reached and when it was last edited; searched by client
name, sorted four ways, a plan duplicated in one click; never another user's plan."""

from __future__ import annotations

import html as html_module
import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event

from app.extensions import db
from app.models import Plan
from tests.conftest import Actions
from tests.helpers import page_text, plan_data, visible_text

ROW = re.compile(r'<tr id="plan-(\d+)">(.*?)</tr>', re.S)


def _rows(response) -> list[str]:
    """Each plan row of the dashboard as the text a reader sees, top to bottom."""
    assert response.status_code == 200
    html = page_text(response)
    return [" · ".join(visible_text(body).split("\n")) for _, body in ROW.findall(html)]


def _clients(response) -> list[str]:
    html = page_text(response)
    found = re.findall(r'class="plan-table__client">([^<]+)</a>', html)
    return [html_module.unescape(name) for name in found]


def _set(app, plan_id: int, **changes):
    """Change a stored plan directly (its step, or its document)."""
    with app.app_context():
        plan = db.session.get(Plan, plan_id)
        for name, value in changes.items():
            setattr(plan, name, value)
        db.session.commit()


def _start(user: Actions, key: str, lang: str = "en") -> int:
    response = user.post(f"/plans/examples/{lang}/{key}")
    assert response.status_code == 302
    return int(response.headers["Location"].rsplit("/", 1)[1])


@pytest.fixture
def three(ann):
    """Ann's three example plans and an empty one, made in this order."""
    ids = {key: _start(ann, key) for key in ("exit", "reprice", "keep")}
    ids["empty"] = ann.create_plan("Acme Logistics")
    return ids


def test_each_plan_shows_its_decision_contribution_and_step(app, ann, three):
    _set(app, three["exit"], current_step="pitfalls")
    rows = _rows(ann.client.get("/plans?sort=client"))
    assert rows[0].startswith("Client · Acme Logistics")
    assert "No advice yet" in rows[0]
    assert "Step 1 of 13: Client & contacts" in rows[0]
    northwind = next(r for r in rows if "Northwind Retail Ltd" in r)
    assert "Decision · End the relationship" in northwind
    assert "Contribution · Loss €17,376" in northwind
    assert "Step 5 of 13: Pitfalls" in northwind
    oakfield = next(r for r in rows if "Oakfield Hardware" in r)
    assert "Renegotiate rates and terms first" in oakfield
    assert "Contribution · Loss €605" in oakfield
    # a decision other than an exit adds the attention plan: one step more
    assert "Step 1 of 14: Client & contacts" in oakfield
    fernhill = next(r for r in rows if "Fernhill Labs" in r)
    assert "Reset expectations" in fernhill
    assert "Contribution · €23,194" in fernhill


def test_while_undecided_the_row_shows_the_advice(app, ann, three):
    data = dict(plan_data(app, three["exit"]))
    data["decision"] = {}
    _set(app, three["exit"], data=data)
    northwind = next(r for r in _rows(ann.client.get("/plans")) if "Northwind" in r)
    assert "Advice: End the relationship" in northwind


def test_the_last_edited_time_is_shown_in_the_users_language(app, ann, three):
    english = _rows(ann.client.get("/plans"))[0]
    assert re.search(r"Last edited · [A-Z][a-z]{2} \d{1,2}, 20\d\d, \d{1,2}:\d\d", english)
    ann.switch_language("nl")
    dutch = _rows(ann.client.get("/plans"))[0]
    assert re.search(r"Laatst bewerkt · \d{1,2} [a-z]{3}\.? 20\d\d, \d\d:\d\d", dutch)


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        (
            "edited",
            ["Acme Logistics", "Fernhill Labs", "Oakfield Hardware", "Northwind Retail Ltd"],
        ),
        (
            "client",
            ["Acme Logistics", "Fernhill Labs", "Northwind Retail Ltd", "Oakfield Hardware"],
        ),
        # the losses first, the plan without figures last
        (
            "contribution",
            ["Northwind Retail Ltd", "Oakfield Hardware", "Fernhill Labs", "Acme Logistics"],
        ),
        ("step", ["Oakfield Hardware", "Northwind Retail Ltd", "Acme Logistics", "Fernhill Labs"]),
    ],
)
def test_the_plans_can_be_sorted(app, ann, three, sort, order):
    _set(app, three["reprice"], current_step="decision")
    _set(app, three["exit"], current_step="value")
    _set(app, three["empty"], current_step="financial")
    # edited in the order they were made, an hour apart
    for hours, name in enumerate(("exit", "reprice", "keep", "empty")):
        _set(
            app,
            three[name],
            updated_at=datetime(2027, 2, 1, 9, tzinfo=UTC) + timedelta(hours=hours),
        )
    assert _clients(ann.client.get(f"/plans?sort={sort}")) == order


def test_the_sort_in_use_is_the_one_selected(ann, three):
    html = ann.client.get("/plans?sort=step").get_data(as_text=True)
    assert '<option value="step" selected>' in html


def test_searching_by_client_name(ann, three):
    assert _clients(ann.client.get("/plans?q=north")) == ["Northwind Retail Ltd"]
    assert _clients(ann.client.get("/plans?q=  LABS ")) == ["Fernhill Labs"]
    text = visible_text(page_text(ann.client.get("/plans?q=north")))
    assert "1 plan matches “north”." in text
    assert "Show all plans" in text
    nothing = ann.client.get("/plans?q=zebra")
    assert _clients(nothing) == []
    assert "No plan matches “zebra”." in visible_text(page_text(nothing))
    # the search is kept in the form
    assert 'value="north"' in ann.client.get("/plans?q=north").get_data(as_text=True)


def test_searching_with_htmx_answers_with_only_the_list(ann, three):
    response = ann.client.get("/plans?q=oak", headers={"HX-Request": "true"})
    fragment = response.get_data(as_text=True)
    assert fragment.lstrip().startswith('<div id="plan-list"')
    assert "Oakfield Hardware" in fragment and "Fernhill" not in fragment
    assert "HX-Request" in response.headers["Vary"]


@pytest.mark.parametrize(
    "query",
    [
        "sort=sideways",
        "sort=",
        "sort=client&sort=step",
        "sort[]=client",
        "q=" + "x" * 5000,
        "q=%00%01",
        "q=%FF%FE",
        "q=%25&sort=contribution",
        "q=<script>alert(1)</script>",
    ],
)
def test_odd_search_and_sort_values_still_show_the_dashboard(ann, three, query):
    response = ann.client.get(f"/plans?{query}")
    assert response.status_code == 200
    assert "My plans" in response.get_data(as_text=True)
    assert "<script>alert(1)" not in response.get_data(as_text=True)


def test_an_unknown_sort_falls_back_to_last_edited(ann, three):
    assert _clients(ann.client.get("/plans?sort=sideways")) == _clients(ann.client.get("/plans"))


def test_duplicating_a_plan_makes_an_identical_copy_for_the_user(app, ann, three):
    original = plan_data(app, three["exit"])
    response = ann.post(f"/plans/{three['exit']}/duplicate")
    assert response.status_code == 302
    copy_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert copy_id not in three.values()
    page = visible_text(page_text(ann.client.get(f"/plans/{copy_id}")))
    assert "Copy of Northwind Retail Ltd" in page
    assert "This is a copy of “Northwind Retail Ltd”: the original is unchanged." in page
    copied = plan_data(app, copy_id)
    assert copied["client"]["name"] == "Copy of Northwind Retail Ltd"
    assert {**copied, "client": original["client"]} == original
    assert plan_data(app, three["exit"]) == original
    with app.app_context():
        assert db.session.get(Plan, copy_id).user_id == db.session.get(Plan, three["exit"]).user_id
    row = next(r for r in _rows(ann.client.get("/plans")) if "Copy of Northwind" in r)
    assert "End the relationship" in row and "Loss €17,376" in row


def test_duplicating_in_dutch_names_the_copy_in_dutch(app, ann, three):
    ann.switch_language("nl")
    response = ann.post(f"/plans/{three['reprice']}/duplicate")
    copy_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert plan_data(app, copy_id)["client"]["name"] == "Kopie van Oakfield Hardware"


def test_duplicating_needs_the_csrf_token(app, make_app, database_url):
    strict = make_app(WTF_CSRF_ENABLED=True)
    client = strict.test_client()
    user = Actions(client)
    user.register()
    plan_id = user.create_plan("Acme")
    assert client.post(f"/plans/{plan_id}/duplicate").status_code == 400
    assert _clients(client.get("/plans")) == ["Acme"]


def test_another_users_plans_never_appear_nor_can_be_duplicated(client, app, three, ann):
    bob = Actions(app.test_client())
    bob.register("bob@example.com")
    secret = bob.create_plan("Bob's Secret Client")
    assert "Secret" not in ann.client.get("/plans").get_data(as_text=True)
    assert _clients(ann.client.get("/plans?q=secret")) == []
    assert ann.post(f"/plans/{secret}/duplicate").status_code == 404
    assert _clients(bob.client.get("/plans")) == ["Bob's Secret Client"]


def test_the_dashboard_links_to_the_portfolio_and_workshops(ann):
    html = ann.client.get("/plans").get_data(as_text=True)
    text = visible_text(page_text(ann.client.get("/plans")))
    assert 'href="/portfolio"' in html and 'href="/workshops"' in html
    assert "Your whole client base at a glance" in text
    assert "Work on a case together" in text
    # the existing features stay: new plan, example cases, import
    assert "Create plan" in text and "Start from this case" in text and "Import plan" in text


def test_the_dashboard_in_dutch(app, ann, three):
    ann.switch_language("nl")
    _set(app, three["exit"], current_step="pitfalls")
    rows = _rows(ann.client.get("/plans?sort=contribution"))
    assert "Klant · Northwind Retail Ltd" in rows[0]
    assert "Besluit · De samenwerking beëindigen" in rows[0]
    assert "Bijdrage · Verlies € 17.376" in rows[0]
    assert "Stap 5 van 13: Valkuilen" in rows[0]
    assert "Nog geen advies" in rows[-1]
    text = visible_text(page_text(ann.client.get("/plans?q=zebra")))
    assert "Geen plan gevonden voor “zebra”." in text
    assert "Zoek op klant" in text and "Sorteer op" in text


def test_the_list_is_read_in_one_query_however_many_plans(app, ann):
    def queries_for_dashboard() -> int:
        seen: list[str] = []
        with app.app_context():
            engine = db.engine
        listener = lambda *args: seen.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            assert ann.client.get("/plans?sort=contribution").status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return len(seen)

    _start(ann, "exit")
    one = queries_for_dashboard()
    for _ in range(8):
        _start(ann, "keep")
    assert queries_for_dashboard() == one
