"""Next year's attention plan: per class the clients, their contact rhythm and the activities
chosen, as a preview, an A4 PDF in both languages and a calendar file of recurring events."""

from __future__ import annotations

import re
from datetime import date

import pytest
from babel.dates import format_date

from app import pdf
from app.domain.attention_plan import chosen_activities, invalid_activities
from app.domain.portfolio import CLASS_ACTIVITIES
from tests.conftest import Actions
from tests.helpers import page_text, pdf_pages, pdf_text, visible_text
from tests.portfolio_docs_helpers import client_record, many_rows, row, seed

YEAR = date.today().year + 1
# A small base whose classes and segments are known (model.yaml thresholds):
ROWS = [
    row("Aurora Foods", 500_000, margin=40, hours=10, potential=3),  # A, flourishing
    row("Baltic Trading", 250_000, margin=30, hours=5, late=40),  # B, tiring (late)
    row("Cobalt, Smith & Co", 120_000, margin=30, hours=2, late=10, value=5),  # B, interesting
    row("Delta Bouw", 60_000, margin=20, hours=3),  # C, steady
    row("Ember Studio", 40_000, margin=45, hours=1, potential=5),  # C, pearl: visit
    row("Fjord Labs", 20_000, margin=45, hours=1, late=3, potential=4),  # D, pearl: call
    row("Garnet Supplies", 10_000, margin=40, hours=10),  # E (loses money), steady
]
CLASS_OF = {
    "Aurora Foods": "A",
    "Baltic Trading": "B",
    "Cobalt, Smith & Co": "B",
    "Delta Bouw": "C",
    "Ember Studio": "C",
    "Fjord Labs": "D",
    "Garnet Supplies": "E",
}
ENGLISH_CLASSES = (
    "A – key clients",
    "B – growth clients",
    "C – regular clients",
    "D – small clients",
    "E – reconsider",
)


@pytest.fixture
def ids(app, ann):
    return seed(app, ROWS)


def texts(app, lang: str) -> dict:
    return app.extensions["exitcoach.content"].texts[lang]["portfolio"]


def download(user, url: str = "/portfolio/attention-plan.pdf") -> bytes:
    response = user.client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/pdf"
    return response.data


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_preview_shows_every_client_with_its_class_rhythm_and_activities(app, ann, ids):
    response = ann.client.get("/portfolio/attention-plan")
    assert response.status_code == 200
    text = flat(visible_text(page_text(response)))
    words = texts(app, "en")
    assert f"Attention plan {YEAR}" in text
    for name in CLASS_OF:
        assert name in text
    for title in ENGLISH_CLASSES:
        assert title in text
    for segment in ("flourishing", "interesting", "steady", "tiring"):
        assert words["segments"][segment]["visits"] in text
        assert words["segments"][segment]["calls"] in text
    # every class's default activities, by their text and code
    for klass in "ABCDE":
        for key in CLASS_ACTIVITIES[klass][:2]:
            assert flat(words["activities"][key]) in text
    # the year adds up to: Aurora, Ember, Fjord monthly/weekly (12 + 52 each), Cobalt every
    # two months / three weeks (6 + 18), Delta and Garnet twice a year / every eight weeks
    # (2 + 7 each), Baltic (tiring) none
    assert "46 Visits a year" in text and "188 Calls a year" in text
    assert "Tiring clients get no fixed rhythm" in text
    assert "not in the calendar file (1 in all)" in text
    # the pearls with their first step
    assert flat(words["pearls"]["steps"]["visit_plan"]) in text
    assert flat(words["pearls"]["steps"]["call_update"]) in text
    # the preview's own bar: print, PDF, calendar file, the year
    html = page_text(response)
    assert f'href="/portfolio/attention-plan.pdf?year={YEAR}"' in html
    assert f'href="/portfolio/attention-plan.ics?year={YEAR}"' in html
    assert f'href="/portfolio/clients/{ids["Aurora Foods"]}/activities?year={YEAR}"' in html
    # the client to reconsider can go straight into a plan
    assert f'action="/portfolio/clients/{ids["Garnet Supplies"]}/plan"' in html
    assert "Start an exit plan" in text and "Start a repricing plan" in text


def test_the_preview_in_dutch_uses_dutch_texts_numbers_and_dates(app, ann, ids):
    ann.switch_language("nl")
    text = flat(visible_text(page_text(ann.client.get("/portfolio/attention-plan"))))
    words = texts(app, "nl")
    assert f"Aandachtsplan {YEAR}" in text
    for klass in "ABCDE":
        assert words["classes"][klass]["short"] in text
    assert words["segments"]["flourishing"]["visits"] in text
    assert flat(words["activities"]["a_management"]) in text
    assert "€ 500.000" in text and "€ 370.000" in text  # class A and class B
    assert format_date(date.today(), "long", locale="nl_NL") in text
    assert "Bezoeken per jaar" in text


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_pdf_holds_every_client_class_rhythm_and_activity(app, ann, ids, lang):
    if lang == "nl":
        ann.switch_language("nl")
    body = download(ann)
    text = flat(pdf_text(body))
    words = texts(app, lang)
    for name in CLASS_OF:
        assert name in text
    for klass in "ABCDE":
        assert words["classes"][klass]["short"] in text
        for key in CLASS_ACTIVITIES[klass][:2]:
            assert flat(words["activities"][key]) in text
    for segment in ("flourishing", "interesting", "steady", "tiring"):
        assert flat(words["segments"][segment]["visits"]) in text
    pages = pdf_pages(body)
    assert 2 <= len(pages) <= 4
    # page numbers in the document's language; nothing of the preview's forms
    assert ("page 1 of" if lang == "en" else "pagina 1 van") in flat(pages[0])
    assert "Start an exit plan" not in text and "Choose" not in text
    assert ("€500,000" if lang == "en" else "€ 500.000") in text


def test_two_hundred_clients_make_a_short_complete_pdf(app, ann):
    rows = many_rows(200)
    seed(app, rows)
    body = download(ann)
    text = flat(pdf_text(body))
    for estimate in rows:
        assert estimate.client in text
    assert "Too many clients to list" not in text
    assert len(pdf_pages(body)) <= 10


def test_a_big_base_is_summarised_and_says_so(app, ann):
    rows = many_rows(700)
    seed(app, rows)
    text = flat(visible_text(page_text(ann.client.get("/portfolio/attention-plan"))))
    # class C has more clients than a printed list holds (150): summed up, and said so
    assert re.search(r"Class C has [\d,]+ clients, more than the 150 a printed list holds", text)
    assert "Too many clients to list one by one in class C" in text
    body = download(ann)
    printed = flat(pdf_text(body))
    assert "Class C has" in printed
    assert "Client 0000" in printed  # the largest client is listed (class A)
    assert len(pdf_pages(body)) <= 25


def events(calendar: str) -> list[dict[str, str]]:
    unfolded = calendar.replace("\r\n ", "")
    found = []
    for block in unfolded.split("BEGIN:VEVENT\r\n")[1:]:
        lines = block.split("\r\nEND:VEVENT")[0].split("\r\n")
        found.append(dict(line.split(":", 1) for line in lines))
    return found


def test_the_calendar_has_the_contact_rhythm_as_recurring_events(app, ann, ids):
    response = ann.client.get("/portfolio/attention-plan.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    assert f'filename="attention-plan-{YEAR}.ics"' in response.headers["Content-Disposition"]
    body = response.get_data(as_text=True)
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    found = events(body)
    summaries = sorted(e["SUMMARY"] for e in found)
    # six clients with a rhythm: a series of visits and one of calls each; Baltic (tiring) none
    assert len(found) == 12
    assert "Visit: Aurora Foods" in summaries and "Call: Aurora Foods" in summaries
    assert "Visit: Cobalt\\, Smith & Co" in summaries  # escaped as RFC 5545 wants
    assert not any("Baltic" in s for s in summaries)
    by_summary = {e["SUMMARY"]: e for e in found}
    aurora = by_summary["Visit: Aurora Foods"]
    assert aurora["RRULE"].startswith("FREQ=MONTHLY;INTERVAL=1;BYDAY=")
    assert aurora["DTSTART;VALUE=DATE"].startswith(f"{YEAR}01")
    cobalt_visit = by_summary["Visit: Cobalt\\, Smith & Co"]["RRULE"]
    assert "FREQ=MONTHLY;INTERVAL=2" in cobalt_visit and cobalt_visit.endswith("COUNT=6")
    cobalt_call = by_summary["Call: Cobalt\\, Smith & Co"]["RRULE"]
    assert "FREQ=WEEKLY;INTERVAL=3" in cobalt_call and cobalt_call.endswith("COUNT=18")
    delta_call = by_summary["Call: Delta Bouw"]["RRULE"]
    assert "FREQ=WEEKLY;INTERVAL=8" in delta_call
    # every series starts in January of the plan's year; the counts add up to the printed plan
    assert all(e["DTSTART;VALUE=DATE"].startswith(f"{YEAR}01") for e in found)
    counts = {"Visit": 0, "Call": 0}
    for e in found:
        counts[e["SUMMARY"].split(":")[0]] += int(e["RRULE"].rsplit("COUNT=", 1)[1])
    assert counts == {"Visit": 46, "Call": 188}
    # the chosen activities travel along in the description
    assert "Hold a yearly meeting between" in aurora["DESCRIPTION"]
    assert len({e["UID"] for e in found}) == 12


def test_the_calendar_speaks_the_users_language_and_follows_the_year(app, ann, ids):
    ann.switch_language("nl")
    body = ann.client.get(f"/portfolio/attention-plan.ics?year={YEAR + 1}").get_data(as_text=True)
    found = events(body)
    assert any(e["SUMMARY"] == "Bezoek: Aurora Foods" for e in found)
    assert any(e["SUMMARY"] == "Bellen: Aurora Foods" for e in found)
    assert all(e["DTSTART;VALUE=DATE"].startswith(f"{YEAR + 1}01") for e in found)


def test_a_year_outside_the_plan_range_does_not_exist(ann, ids):
    assert ann.client.get("/portfolio/attention-plan?year=1999").status_code == 404
    assert ann.client.get("/portfolio/attention-plan.pdf?year=abc").status_code == 404
    page = visible_text(page_text(ann.client.get(f"/portfolio/attention-plan?year={YEAR + 1}")))
    assert f"Attention plan {YEAR + 1}" in page


def test_choosing_activities_for_a_client_changes_the_plan(app, ann, ids):
    client_id = ids["Aurora Foods"]
    form = ann.client.get(f"/portfolio/clients/{client_id}/activities")
    assert form.status_code == 200
    text = visible_text(page_text(form))
    words = texts(app, "en")
    for key in CLASS_ACTIVITIES["A"]:
        assert words["activities"][key] in text
    assert page_text(form).count('type="checkbox"') == len(CLASS_ACTIVITIES["A"])
    response = ann.post(
        f"/portfolio/clients/{client_id}/activities",
        {"activities": ["a_review", "a_first_access"]},
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#client-{client_id}")
    assert client_record(app, client_id).activities == ["a_review", "a_first_access"]
    preview = page_text(ann.client.get("/portfolio/attention-plan"))
    row_html = re.search(rf'<tr id="client-{client_id}">.*?</tr>', preview, re.S).group(0)
    assert "A4, A5" in row_html
    assert "(chosen for 1 of 1)" in flat(visible_text(preview))
    printed = flat(pdf_text(download(ann)))
    assert "A4, A5" in printed
    # back to the class's own list
    ann.post(f"/portfolio/clients/{client_id}/activities", {"reset": "1"})
    assert client_record(app, client_id).activities is None


def test_choosing_activities_with_htmx_swaps_the_row(app, ann, ids):
    client_id = ids["Garnet Supplies"]
    form = ann.client.get(
        f"/portfolio/clients/{client_id}/activities?year={YEAR}", headers={"HX-Request": "true"}
    )
    html = page_text(form)
    assert html.startswith(f'<tr id="client-{client_id}" class="choose-row">')
    assert f'hx-post="/portfolio/clients/{client_id}/activities?year={YEAR}"' in html
    response = ann.post(
        f"/portfolio/clients/{client_id}/activities?year={YEAR}",
        {"activities": ["e_exit"]},
        htmx=True,
    )
    assert response.status_code == 200
    row_html = page_text(response)
    assert row_html.strip().startswith(f'<tr id="client-{client_id}">')
    assert "Garnet Supplies" in row_html and ">E3" in row_html
    assert client_record(app, client_id).activities == ["e_exit"]


@pytest.mark.parametrize(
    "posted, message",
    [
        (["a_management", "b_ambition"], "Only the activities of class A can be chosen"),
        (["no_such_activity"], "Only the activities of class A can be chosen"),
    ],
)
def test_activities_of_another_class_are_refused(app, ann, ids, posted, message):
    client_id = ids["Aurora Foods"]
    response = ann.post(f"/portfolio/clients/{client_id}/activities", {"activities": posted})
    assert response.status_code == 422
    text = visible_text(page_text(response))
    assert message in text
    assert client_record(app, client_id).activities is None
    htmx = ann.post(f"/portfolio/clients/{client_id}/activities", {"activities": posted}, htmx=True)
    assert htmx.status_code == 422 and message in page_text(htmx)


def test_a_whole_class_gets_the_same_activities(app, ann, ids):
    response = ann.post(
        "/portfolio/attention-plan/classes/C/activities", {"activities": ["c_account_check"]}
    )
    assert response.status_code == 302
    for name in ("Delta Bouw", "Ember Studio"):
        assert client_record(app, ids[name]).activities == ["c_account_check"]
    assert client_record(app, ids["Aurora Foods"]).activities is None
    refused = ann.post(
        "/portfolio/attention-plan/classes/C/activities", {"activities": ["a_events"]}
    )
    assert refused.status_code == 422


def test_another_users_clients_are_not_there(app, client, ids):
    ann = Actions(client)
    ann.logout()
    bob = Actions(client)
    bob.register("bob@example.com")
    client_id = ids["Aurora Foods"]
    assert bob.client.get(f"/portfolio/clients/{client_id}/activities").status_code == 404
    response = bob.post(f"/portfolio/clients/{client_id}/activities", {"activities": []})
    assert response.status_code == 404
    assert client_record(app, client_id).activities is None
    # bob's own attention plan is empty of ann's clients
    text = visible_text(page_text(bob.client.get("/portfolio/attention-plan")))
    assert "Aurora Foods" not in text
    assert "Aurora Foods" not in bob.client.get("/portfolio/attention-plan.ics").get_data(
        as_text=True
    )


def test_a_busy_renderer_asks_to_try_again(app, ann, ids, monkeypatch):
    def busy(*_args, **_kwargs):
        raise pdf.Busy(retry_after=3)

    monkeypatch.setattr(pdf.renderer(app), "run", busy)
    response = ann.client.get("/portfolio/attention-plan.pdf")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "3"
    assert "Try again in a few seconds" in visible_text(page_text(response))


@pytest.mark.parametrize(
    "klass, stored, expected",
    [
        ("A", None, ["a_management", "a_events", "a_connect"]),
        ("A", [], []),
        ("A", ["a_review", "a_management"], ["a_management", "a_review"]),  # the class's order
        ("B", ["a_review"], ["b_ambition", "b_specialist", "b_improvement"]),  # another class
        ("E", ["e_exit", "a_review"], ["e_exit"]),
    ],
)
def test_the_activities_a_client_gets(klass, stored, expected):
    assert chosen_activities(klass, stored) == expected


def test_only_a_classs_own_activities_may_be_ticked():
    assert invalid_activities("D", ["d_yearly_call", "a_events", "x"]) == ["a_events", "x"]


def test_the_attention_plan_pdf_takes_its_turn_like_the_plans_pdfs(app):
    """A burst of downloads waits before Flask does anything for them (app/pdf/__init__.py):
    the attention plan's PDF is one of those downloads, its preview and calendar are not."""
    from werkzeug.test import EnvironBuilder

    gate = pdf._DownloadsTakeTurns(app)

    def is_download(path: str) -> bool:
        return gate._is_download(EnvironBuilder(path=path).get_environ())

    assert is_download("/portfolio/attention-plan.pdf")
    assert is_download("/plans/1/plan.pdf")
    assert not is_download("/portfolio/attention-plan")
    assert not is_download("/portfolio/attention-plan.ics")
