"""Saving you can trust: a save changes only what the user changed, on both databases.

Two tabs on one plan, two steps saved at the same moment, the same field changed in two
windows: nothing acknowledged is ever lost, and a real conflict is shown, not overwritten.
"""

from __future__ import annotations

import html
import re
import threading

import pytest

from tests.conftest import Actions, csrf_token
from tests.helpers import page_text, plan_data, visible_text

BASE_RE = re.compile(r'name="_base" id="save-base" value="([^"]*)"')


class Tab:
    """One open browser tab on a step: it posts every field of the form as it was loaded,
    with the base the page carries, and takes the new base from each answer."""

    def __init__(self, user: Actions, plan_id: int, step: str):
        self.user, self.url = user, f"/plans/{plan_id}/steps/{step}"
        page = user.client.get(self.url)
        assert page.status_code == 200
        self.values = _form_values(page_text(page))
        self.base = html.unescape(BASE_RE.search(page_text(page)).group(1))

    def type(self, **changes):
        self.values.update(changes)
        return self

    def save(self, htmx: bool = True, **extra):
        response = self.user.post(self.url, {**self.values, "_base": self.base, **extra}, htmx=htmx)
        found = BASE_RE.search(page_text(response))
        if found:
            self.base = html.unescape(found.group(1))
        return response


def _form_values(page: str) -> dict[str, str]:
    """The values of the step form's text inputs and text areas as the page shows them."""
    form = page[page.index('id="step-form"') :]
    values = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form):
        if not re.search(rf'name="{re.escape(name)}"[^>]*type="(?:radio|checkbox|hidden)"', form):
            values[name] = html.unescape(value)
    areas = re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S)
    for name, value in areas:
        values[name] = html.unescape(value).lstrip("\n")
    values.pop("csrf_token", None)
    values.pop("_base", None)
    return values


@pytest.fixture
def plan_id(ann):
    return ann.create_plan("Acme Logistics")


def second_window(app) -> Actions:
    """The same user in another browser window (its own cookie jar, logged in)."""
    other = Actions(app.test_client())
    other.login()
    return other


def test_a_stale_tab_never_overwrites_what_another_tab_saved(app, ann, plan_id):
    b_user = second_window(app)
    for round_ in range(50):
        tab_a = Tab(ann, plan_id, "client")
        tab_b = Tab(b_user, plan_id, "client")
        assert tab_a.type(sector=f"Logistics {round_}").save().status_code == 200
        # Tab B still shows the old sector and saves another field.
        assert tab_b.type(owner_name=f"Ann {round_}").save().status_code == 200
        client = plan_data(app, plan_id)["client"]
        owner = plan_data(app, plan_id)["owner"]
        assert client["sector"] == f"Logistics {round_}"
        assert owner["name"] == f"Ann {round_}"


def test_a_tab_keeps_saving_after_its_first_save_without_undoing_others(app, ann, plan_id):
    """The base moves on with every save: a second and third save of tab A still leave the
    field tab B changed alone, and tab A's own later edits of its field land."""
    tab_a = Tab(ann, plan_id, "financial")
    tab_b = Tab(second_window(app), plan_id, "financial")
    tab_a.type(annual_revenue="100000").save()
    tab_b.type(gross_margin_pct="30").save()
    tab_a.type(annual_revenue="110000").save()
    tab_a.type(annual_revenue="120000").save()
    financial = plan_data(app, plan_id)["financial"]
    assert financial["annual_revenue"] == 120000
    assert financial["gross_margin_pct"] == 30


def test_the_same_field_changed_in_two_windows_is_a_conflict_the_second_one_sees(app, ann, plan_id):
    tab_a = Tab(ann, plan_id, "client")
    tab_b = Tab(second_window(app), plan_id, "client")
    tab_a.type(sector="Wholesale").save()
    answer = tab_b.type(sector="Retail").save()
    assert answer.status_code == 409
    text = visible_text(page_text(answer))
    assert "Not saved: changed in another window too" in text
    assert "Sector" in text
    assert "Yours, on this page" in text and "Retail" in text
    assert "Saved from another window" in text and "Wholesale" in text
    assert "Keep mine" in text and "Take theirs" in text
    assert "Saved at" not in text
    assert plan_data(app, plan_id)["client"]["sector"] == "Wholesale"
    # Another keystroke elsewhere in tab B does not sneak "Retail" in either.
    again = tab_b.type(owner_company="Ann & Co").save()
    assert again.status_code == 409
    assert plan_data(app, plan_id)["client"]["sector"] == "Wholesale"
    assert plan_data(app, plan_id)["owner"]["company"] == "Ann & Co"


def test_keep_mine_stores_this_windows_value(app, ann, plan_id):
    tab_a = Tab(ann, plan_id, "client")
    tab_b = Tab(second_window(app), plan_id, "client")
    tab_a.type(sector="Wholesale").save()
    tab_b.type(sector="Retail").save()
    answer = tab_b.save(resolve="mine:sector")
    assert answer.status_code == 200
    assert "Saved at" in visible_text(page_text(answer))
    assert plan_data(app, plan_id)["client"]["sector"] == "Retail"
    # Settled: the next save of tab B is an ordinary one.
    assert tab_b.type(owner_name="Ann").save().status_code == 200


def test_take_theirs_keeps_the_other_windows_value(app, ann, plan_id):
    tab_a = Tab(ann, plan_id, "client")
    tab_b = Tab(second_window(app), plan_id, "client")
    tab_a.type(sector="Wholesale").save()
    tab_b.type(sector="Retail").save()
    answer = tab_b.type(sector="Wholesale").save(resolve="theirs:sector")
    assert answer.status_code == 200
    assert plan_data(app, plan_id)["client"]["sector"] == "Wholesale"
    assert tab_b.type(owner_name="Ann").save().status_code == 200
    assert plan_data(app, plan_id)["client"]["sector"] == "Wholesale"


def test_a_conflict_without_javascript_shows_the_page_with_both_values(app, ann, plan_id):
    tab_a = Tab(ann, plan_id, "client")
    tab_b = Tab(second_window(app), plan_id, "client")
    tab_a.type(sector="Wholesale").save(htmx=False)
    answer = tab_b.type(sector="Retail").save(htmx=False)
    assert answer.status_code == 409
    text = visible_text(page_text(answer))
    assert "Wholesale" in text and "Retail" in text
    assert 'value="Retail"' in page_text(answer)  # the field still shows what was typed here
    assert plan_data(app, plan_id)["client"]["sector"] == "Wholesale"
    kept = tab_b.save(htmx=False, resolve="mine:sector")
    assert kept.status_code == 302
    assert plan_data(app, plan_id)["client"]["sector"] == "Retail"


def test_a_box_ticked_in_one_tab_is_not_unticked_by_a_stale_tab(app, ann, plan_id):
    tab_a = Tab(ann, plan_id, "pitfalls")
    tab_b = Tab(second_window(app), plan_id, "pitfalls")
    tab_a.type(all_resources_counted="y").save()
    tab_b.type(own_part_examined="y").save()  # this page still shows the first box unticked
    pitfalls = plan_data(app, plan_id)["pitfalls"]
    assert pitfalls["all_resources_counted"] is True
    assert pitfalls["own_part_examined"] is True


def test_removing_a_row_in_one_tab_keeps_a_field_saved_in_another(app, ann, plan_id):
    ann.save_step(
        plan_id,
        "client",
        {"client_name": "Acme", "contacts-0-name": "Jan", "contacts-1-name": "Piet"},
    )
    tab_a = Tab(ann, plan_id, "client")
    tab_b = Tab(second_window(app), plan_id, "client")
    tab_b.type(sector="Retail").save()
    assert tab_a.save(row_action="remove:0").status_code == 200
    data = plan_data(app, plan_id)
    assert [c["name"] for c in data["client"]["contacts"]] == ["Piet"]
    assert data["client"]["sector"] == "Retail"


def test_a_step_page_carries_its_base_and_promises_autosave_only_with_javascript(ann, plan_id):
    page = page_text(ann.client.get(f"/plans/{plan_id}/steps/client"))
    assert BASE_RE.search(page)
    idle = re.search(r'<span class="save-status__idle js-only">([^<]*)</span>', page)
    assert idle and "save automatically" in idle.group(1)
    assert 'data-saving="Saving…"' in page
    assert 'data-offline="Offline – your changes are kept' in page


def test_the_save_states_read_in_dutch(ann, plan_id):
    ann.switch_language("nl")
    page = page_text(ann.client.get(f"/plans/{plan_id}/steps/client"))
    assert 'data-saving="Opslaan…"' in page
    assert "Offline – je wijzigingen blijven bewaard" in page


# ---- at the same moment: threads with their own connections, on SQLite and PostgreSQL ------


def _concurrently(*jobs):
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(i, job):
        barrier.wait()
        results[i] = job()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def _post_as_the_page_does(tab: Tab, token: str) -> int:
    return tab.user.client.post(
        tab.url,
        data={**tab.values, "_base": tab.base, "csrf_token": token},
        headers={"HX-Request": "true", "X-CSRFToken": token},
    ).status_code


def _race(first: tuple[Tab, str], second: tuple[Tab, str]) -> list[int]:
    return _concurrently(
        lambda: _post_as_the_page_does(*first), lambda: _post_as_the_page_does(*second)
    )


ROUNDS = 200


def test_saves_of_two_steps_at_the_same_moment_both_land(app, ann, plan_id):
    other = second_window(app)
    token_a, token_b = csrf_token(ann.client), csrf_token(other.client)
    lost = 0
    for n in range(ROUNDS):
        tab_a = Tab(ann, plan_id, "client").type(sector=f"Sector {n}")
        tab_b = Tab(other, plan_id, "financial").type(annual_revenue=str(1000 + n))
        assert _race((tab_a, token_a), (tab_b, token_b)) == [200, 200]
        data = plan_data(app, plan_id)
        lost += data["client"].get("sector") != f"Sector {n}"
        lost += data["financial"].get("annual_revenue") != 1000 + n
    assert lost == 0


def test_saves_of_two_fields_of_one_step_at_the_same_moment_both_land(app, ann, plan_id):
    other = second_window(app)
    token_a, token_b = csrf_token(ann.client), csrf_token(other.client)
    lost = 0
    for n in range(ROUNDS):
        tab_a = Tab(ann, plan_id, "client").type(sector=f"Sector {n}")
        tab_b = Tab(other, plan_id, "client").type(owner_name=f"Owner {n}")
        assert _race((tab_a, token_a), (tab_b, token_b)) == [200, 200]
        data = plan_data(app, plan_id)
        lost += data["client"].get("sector") != f"Sector {n}"
        lost += data["owner"].get("name") != f"Owner {n}"
    assert lost == 0


def test_an_autosave_reads_the_login_and_the_plan_once_and_writes_the_plan_once(app, ann):
    """Cheaper saves (issue 15, point 4): an autosave costs three statements, whatever the
    plan holds: the login, the plan, the write. (It used to read the plan twice, read it back
    after the commit, and look up the portfolio for a link only the whole page shows.)"""
    from sqlalchemy import event

    from app.extensions import db

    plan_id = ann.create_plan("Acme Logistics")
    ann.save_step(plan_id, "lessons", {"lessons": "first"})  # a login notes its use now and then
    statements = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    token = csrf_token(ann.client, f"/plans/{plan_id}/steps/lessons")
    del statements[:]
    saved = ann.client.post(
        f"/plans/{plan_id}/steps/lessons",
        data={"csrf_token": token, "lessons": "second"},
        headers={"HX-Request": "true", "X-CSRFToken": token},
    )
    assert saved.status_code == 200
    kinds = [" ".join(s.split()[:4]) for s in statements]
    assert len(statements) == 3, kinds
    assert statements[0].lstrip().startswith("SELECT") and "login_sessions" in statements[0]
    assert statements[1].lstrip().startswith("SELECT") and "FROM plans" in statements[1]
    assert statements[2].lstrip().startswith("UPDATE plans")
    assert plan_data(app, plan_id)["lessons"] == "second"
