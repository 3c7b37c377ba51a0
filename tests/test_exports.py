"""Taking it into the room: the export step, the PDF plan, the meeting card and the preview."""

from __future__ import annotations

import copy
import re
from datetime import date

import pytest

from tests.conftest import example_plan
from tests.helpers import SEVEN_STEPS, page_text, pdf_fonts, pdf_pages, pdf_text, visible_text

TODAY = date.today().isoformat()


@pytest.fixture
def dutch_plan(ann):
    return ann.import_plan(example_plan("nl-van-dijk-installatietechniek"))


@pytest.fixture
def english_plan(ann):
    return ann.import_plan(example_plan("en-northwind-retail"))


def download(user, plan_id: int, which: str = "plan"):
    response = user.client.get(f"/plans/{plan_id}/{which}.pdf")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/pdf"
    return response


# ---- the export step ----------------------------------------------------------------------------


def test_the_export_step_offers_both_documents_as_pdf_and_preview(ann, english_plan):
    page = ann.client.get(f"/plans/{english_plan}/steps/export")
    assert page.status_code == 200
    text = visible_text(page_text(page))
    assert "Conversation plan" in text and "Meeting card" in text
    html = page_text(page)
    assert f'href="/plans/{english_plan}/plan.pdf"' in html
    assert f'href="/plans/{english_plan}/card.pdf"' in html
    assert f'href="/plans/{english_plan}/preview/plan"' in html
    assert f'href="/plans/{english_plan}/preview/card"' in html
    # the buttons say what they are doing while the PDF is made (app.js reads this)
    assert 'data-busy-label="Making the PDF…"' in html


def test_the_export_step_is_the_last_step_after_lessons(ann, english_plan):
    page = page_text(ann.client.get(f"/plans/{english_plan}/steps/lessons"))
    assert f"/plans/{english_plan}/steps/export" in page


def test_the_export_step_names_the_steps_still_open(ann):
    plan_id = ann.create_plan("Acme Logistics")
    text = visible_text(page_text(ann.client.get(f"/plans/{plan_id}/steps/export")))
    assert "These steps are not finished yet" in text
    assert "Financial check" in text


def test_the_export_step_speaks_dutch(ann, dutch_plan):
    ann.switch_language("nl")
    text = visible_text(page_text(ann.client.get(f"/plans/{dutch_plan}/steps/export")))
    assert "Gespreksplan" in text and "Gesprekskaart" in text and "PDF downloaden" in text


def test_the_export_step_has_no_form_to_post(ann, english_plan):
    response = ann.save_step(english_plan, "export", {}, htmx=False)
    assert response.status_code == 405


# ---- the full plan ------------------------------------------------------------------------------


def test_the_english_plan_has_every_section_the_users_words_and_english_figures(ann, english_plan):
    response = download(ann, english_plan)
    name = f"exitplan-northwind-retail-ltd-{TODAY}.pdf"
    assert response.headers["Content-Disposition"] == (
        f"attachment; filename=\"{name}\"; filename*=UTF-8''{name}"
    )
    assert response.headers["X-Download-Name"] == name
    text = pdf_text(response.data)
    for section in (
        "Summary",
        "Decision analysis",
        "Your style and theirs",
        "Preconditions",
        "The conversation in seven steps",
        "Reactions you may get",
        "Transition and staying in contact",
        "Lessons for future clients",
    ):
        assert section in text, section
    # the user's own words
    assert "We have decided to end our collaboration at the end of May." in text
    assert "Harbour Creative" in text
    assert "Agree the scope in writing" in text
    assert "Can you show me how you arrived at this?" in text
    # figures and dates in English
    assert "€51,865.00" in text  # gross profit
    assert "Loss" in text and "€17,375.53" in text  # a negative contribution reads as a loss
    assert "-€17,375.53" not in text
    assert "€126,500.00" in text
    assert "15 March 2027" in text and "31 May 2027" in text
    assert "End the relationship" in text
    assert "Claire Hughes" in text and "Conscientious" in text


def test_the_dutch_plan_is_dutch_throughout_with_dutch_figures(ann, dutch_plan):
    text = pdf_text(download(ann, dutch_plan).data)
    for section in (
        "Samenvatting",
        "Analyse van het besluit",
        "Jouw stijl en die van de ander",
        "Randvoorwaarden",
        "Het gesprek in zeven stappen",
        "Overdracht en contact houden",
        "Lessen voor toekomstige klanten",
    ):
        assert section in text, section
    assert "€ 26.880,00" in text  # gross profit
    assert "Verlies" in text and "€ 15.569,62" in text  # the contribution is a loss
    assert "€ -15.569,62" not in text
    assert "8 februari 2027" in text and "1 april 2027" in text
    assert "We hebben besloten onze samenwerking per 1 april te beëindigen." in text
    for english in ("Summary", "Contribution", "page 1 of", "Confidential"):
        assert english not in text, english


@pytest.mark.parametrize(
    ("fixture", "words"),
    [
        ("english_plan", ("page", "of", "Confidential")),
        ("dutch_plan", ("pagina", "van", "Vertrouwelijk")),
    ],
)
def test_every_page_has_its_number_the_client_and_confidential(ann, request, fixture, words):
    plan_id = request.getfixturevalue(fixture)
    pages = pdf_pages(download(ann, plan_id).data)
    assert 3 <= len(pages) <= 14  # a full plan: analysis, styles in depth, the room, the talk
    page_word, of_word, confidential = words
    for number, text in enumerate(pages, start=1):
        assert f"{page_word} {number} {of_word} {len(pages)}" in text
        assert confidential.upper() in text
    client = "Northwind Retail Ltd" if fixture == "english_plan" else "Van Dijk Installatietechniek"
    assert all(client in text for text in pages)


def test_the_pdf_embeds_its_fonts(ann, english_plan):
    fonts = pdf_fonts(download(ann, english_plan).data)
    assert fonts
    assert all(embedded for _name, embedded in fonts), fonts


def test_a_kept_client_gets_a_decision_memo_with_the_attention_plan(ann):
    plan_id = ann.import_plan(example_plan("en-oakfield-hardware-reprice"))
    response = download(ann, plan_id)
    assert "decision-memo-oakfield-hardware" in response.headers["Content-Disposition"]
    assert response.headers["X-Download-Name"].startswith("decision-memo-oakfield-hardware-")
    text = pdf_text(response.data)
    assert "Decision memo" in text
    assert "Renegotiate rates and terms first" in text
    assert "The chosen course" in text and "Attention plan" in text
    assert "Ambition talk with Priya" in text
    assert "1 February 2027" in text
    assert "The conversation in seven steps" not in text
    assert "Preconditions" not in text


def test_an_empty_plan_still_prints(ann):
    plan_id = ann.create_plan("Acme Logistics")
    text = pdf_text(download(ann, plan_id).data)
    assert "Acme Logistics" in text
    assert "Not filled in yet." in text
    assert "The conversation in seven steps" in text


def test_someone_elses_plan_cannot_be_downloaded_or_previewed(ann, english_plan, client):
    ann.logout()
    from tests.conftest import Actions

    bob = Actions(client)
    bob.register("bob@example.com", "another long passphrase")
    for url in (
        f"/plans/{english_plan}/plan.pdf",
        f"/plans/{english_plan}/card.pdf",
        f"/plans/{english_plan}/preview/plan",
    ):
        assert client.get(url).status_code == 404


# ---- the meeting card ---------------------------------------------------------------------------


def test_the_meeting_card_is_one_page_with_what_the_meeting_needs(ann, english_plan):
    response = download(ann, english_plan, "card")
    name = f"meeting-card-northwind-retail-ltd-{TODAY}.pdf"
    assert response.headers["Content-Disposition"] == (
        f"attachment; filename=\"{name}\"; filename*=UTF-8''{name}"
    )
    pages = pdf_pages(response.data)
    assert len(pages) == 1
    text = pages[0].replace("\u00a0", " ")
    headings = text.casefold()  # the card prints its headings in capitals
    assert "key message" in headings
    assert "We have decided to end our collaboration at the end of May." in text
    for figure in ("€17,376", "€63,779", "897"):
        assert figure in text, figure
    for step in SEVEN_STEPS:
        assert step in text, step
    assert text.count("☐") == 7  # a tick box per step
    assert "you (steady, green)" in headings
    assert "claire hughes (conscientious, blue)" in headings
    # yours: what a steady you does instead when the talk with a conscientious Claire gets hard
    assert "Regret the consequences, not the decision" in text
    assert "Fix the date and tell a colleague" not in text  # a tip for before the day
    assert "Be factual and well prepared." in text  # how to bring it to Claire
    assert "transition offer" in headings and "Harbour Creative" in text


def test_the_card_stays_one_page_with_very_long_texts(ann):
    plan = example_plan("nl-van-dijk-installatietechniek")
    long_text = ("Dit is een heel lange zin die maar doorgaat. " * 120)[:5000]
    plan["client"]["name"] = "Z" * 200
    plan["script"] = dict.fromkeys(plan["script"], long_text)
    plan["transition"]["handover"] = long_text
    plan["decision"]["rationale"] = long_text
    plan["client"]["contacts"][0]["name"] = "Marco " + "x" * 190
    plan_id = ann.import_plan(plan)
    pages = pdf_pages(download(ann, plan_id, "card").data)
    assert len(pages) == 1
    assert "…" in pages[0]
    # and the full plan simply takes more pages, with every word kept
    full = pdf_text(download(ann, plan_id).data)
    assert full.count("doorgaat") > 100


def test_the_dutch_card_is_dutch(ann, dutch_plan):
    text = pdf_pages(download(ann, dutch_plan, "card").data)[0]
    headings = text.casefold()
    assert "kernboodschap" in headings and "aanbod voor de overdracht" in headings
    assert "€ 15.570" in text and "verlies" in headings
    assert "jij (invloedrijk, geel)" in headings


# ---- the print preview --------------------------------------------------------------------------


def test_the_preview_shows_the_same_document_as_the_pdf(ann, english_plan):
    preview = ann.client.get(f"/plans/{english_plan}/preview/plan")
    assert preview.status_code == 200
    text = visible_text(page_text(preview))
    pdf = pdf_text(download(ann, english_plan).data)
    for shared in ("Decision analysis", "€51,865.00", "Harbour Creative", "15 March 2027"):
        assert shared in text and shared in pdf
    html = page_text(preview)
    assert 'href="/static/css/print.css"' in html
    assert f'href="/plans/{english_plan}/plan.pdf"' in html  # download from the preview
    assert "style=" not in html  # the strict CSP allows no inline styles


def test_the_card_preview_links_back_to_the_plan(ann, english_plan):
    html = page_text(ann.client.get(f"/plans/{english_plan}/preview/card"))
    assert "Key message" in html
    assert f'href="/plans/{english_plan}/steps/export"' in html


# ---- safe rendering -----------------------------------------------------------------------------

HOSTILE = (
    '<img src="http://127.0.0.1:{port}/img.png">',
    '<link rel="attachment" href="file:///etc/passwd">',
    '<style>body {{ background: url("http://127.0.0.1:{port}/css.png") }}</style>',
    'url("http://127.0.0.1:{port}/bare.png")',
)


@pytest.fixture
def listener():
    """A local HTTP server that counts every request it gets."""
    import http.server
    import threading

    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], hits
    server.shutdown()
    server.server_close()


def test_hostile_texts_fetch_nothing_embed_nothing_and_print_literally(ann, listener):
    import io

    from pypdf import PdfReader

    port, hits = listener
    texts = [t.format(port=port) for t in HOSTILE]
    plan = example_plan("en-northwind-retail")
    plan["client"]["name"] = texts[0]
    plan["script"]["framing"] = texts[1]
    plan["script"]["logic"] = texts[2]
    plan["lessons"] = texts[3]
    plan["decision"]["rationale"] = texts[0]
    plan_id = ann.import_plan(plan)
    for which in ("plan", "card"):
        body = download(ann, plan_id, which).data
        reader = PdfReader(io.BytesIO(body))
        assert not reader.attachments
        assert b"/EmbeddedFile" not in body
        text = " ".join(pdf_text(body).split())
        assert f'<img src="http://127.0.0.1:{port}/img.png">' in text
        if which == "plan":
            assert '<link rel="attachment" href="file:///etc/passwd">' in text
            assert f'url("http://127.0.0.1:{port}/bare.png")' in text
        assert "root:x:0:0" not in text
    assert hits == []
    preview = page_text(ann.client.get(f"/plans/{plan_id}/preview/plan"))
    assert "&lt;img src=" in preview and "<img src=" not in preview


def test_the_fetcher_serves_only_static_files():
    from app.pdf.render import STATIC_ROOT, _fetcher_class, static_base_url

    fetcher = _fetcher_class()()
    css = fetcher.fetch(static_base_url() + "css/print.css")
    assert b"@page" in css.read()
    for url in (
        "http://127.0.0.1:9/x.png",
        "https://example.com/x.css",
        "file:///etc/passwd",
        static_base_url() + "../pyproject.toml",
        static_base_url() + "css/../../app/config.py",
        (STATIC_ROOT.parent / "README.md").as_uri(),
        "data:text/css,body{}",
        "ftp://example.com/x",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 8


def test_a_render_past_its_time_limit_is_stopped_with_a_clear_error(make_app, client):
    from tests.conftest import Actions

    app = make_app(PDF_TIME_LIMIT=0.001)
    user = Actions(app.test_client())
    user.register()
    plan_id = user.import_plan(example_plan("en-northwind-retail"))
    response = user.client.get(f"/plans/{plan_id}/plan.pdf")
    assert response.status_code == 504
    assert "took too long" in visible_text(page_text(response))


# ---- the command line ---------------------------------------------------------------------------


def test_cli_prints_the_plan_and_the_card(tmp_path, capsys):
    from app.cli import main
    from tests.conftest import EXAMPLES

    out = tmp_path / "plan.pdf"
    assert (
        main(["pdf", str(EXAMPLES / "nl-van-dijk-installatietechniek.json"), "-o", str(out)]) == 0
    )
    assert "Het gesprek in zeven stappen" in pdf_text(out.read_bytes())
    card = tmp_path / "card.pdf"
    assert main(["pdf", str(EXAMPLES / "en-northwind-retail.json"), "-o", str(card), "--card"]) == 0
    assert len(pdf_pages(card.read_bytes())) == 1
    assert "wrote" in capsys.readouterr().out


def test_cli_refuses_a_bad_plan_naming_the_path(tmp_path, capsys):
    from app.cli import main

    plan = copy.deepcopy(example_plan("en-northwind-retail"))
    plan["financial"]["service_hours"][1]["hours_per_week"] = -3
    path = tmp_path / "bad.json"
    path.write_text(__import__("json").dumps(plan))
    assert main(["pdf", str(path), "-o", str(tmp_path / "x.pdf")]) == 2
    err = capsys.readouterr().err
    assert "financial.service_hours[1].hours_per_week: must be ≥ 0" in err
    assert not (tmp_path / "x.pdf").exists()


ENGLISH_NAMES = {"plan": "exitplan", "memo": "decision-memo", "card": "meeting-card"}
DUTCH_NAMES = {"plan": "gespreksplan", "memo": "besluitnotitie", "card": "gesprekskaart"}


def test_file_names_are_safe_for_any_client_name():
    from app.plans.exports import file_name

    plan = {"client": {"name": 'Bakker & Zonen / "Ölie"'}, "decision": {"choice": "exit"}}
    day = date(2027, 2, 8)
    name = file_name(plan, "plan", day, ENGLISH_NAMES)
    assert name == "exitplan-bakker-zonen-olie-2027-02-08.pdf"
    assert re.fullmatch(r"[a-z0-9.-]+", name)
    assert file_name(plan, "card", day, ENGLISH_NAMES).startswith("meeting-card-bakker-zonen-olie")
    kept = {**plan, "decision": {"choice": "reprice"}}
    assert file_name(kept, "plan", day, ENGLISH_NAMES).startswith("decision-memo-")
    assert file_name(kept, "plan", day, DUTCH_NAMES).startswith("besluitnotitie-")


def test_a_dutch_plan_downloads_under_dutch_names_with_a_utf8_name_beside_the_ascii_one(ann):
    plan = example_plan("nl-van-dijk-installatietechniek")
    plan["client"]["name"] = "Bakkerij Ölçü & Zonen"
    plan_id = ann.import_plan(plan)
    expected = {
        "plan": (
            "gespreksplan-bakkerij-olcu-zonen",
            "gespreksplan-bakkerij-%C3%B6l%C3%A7%C3%BC-zonen",
        ),
        "card": (
            "gesprekskaart-bakkerij-olcu-zonen",
            "gesprekskaart-bakkerij-%C3%B6l%C3%A7%C3%BC-zonen",
        ),
    }
    for which, (ascii_stem, utf8_stem) in expected.items():
        response = download(ann, plan_id, which)
        assert response.headers["X-Download-Name"] == f"{ascii_stem}-{TODAY}.pdf"
        assert response.headers["Content-Disposition"] == (
            f'attachment; filename="{ascii_stem}-{TODAY}.pdf"; '
            f"filename*=UTF-8''{utf8_stem}-{TODAY}.pdf"
        )
        response.headers["Content-Disposition"].encode("ascii")  # header stays ASCII-safe
    kept = example_plan("nl-van-dijk-installatietechniek")
    kept["decision"] = {"choice": "keep", "rationale": "Ze groeien flink."}
    memo = download(ann, ann.import_plan(kept))
    assert memo.headers["X-Download-Name"].startswith("besluitnotitie-van-dijk-")
    assert "Besluitnotitie" in pdf_text(memo.data)


@pytest.mark.parametrize(
    ("name", "calendar", "plan_file"),
    [
        ("nl-van-dijk-installatietechniek", "agenda-van-dijk", "gespreksplan-van-dijk"),
        ("en-northwind-retail", "calendar-northwind-retail-ltd", "exitplan-northwind-retail"),
    ],
)
def test_the_calendar_and_the_plan_file_are_named_in_the_plans_language(
    ann, name, calendar, plan_file
):
    plan_id = ann.import_plan(example_plan(name))
    ann.switch_language("en" if name.startswith("nl") else "nl")  # the interface's other one
    ics = ann.client.get(f"/plans/{plan_id}/calendar.ics").headers["Content-Disposition"]
    assert re.search(rf'filename="{calendar}[a-z-]*\.ics"', ics), ics
    exported = ann.client.get(f"/plans/{plan_id}/export.json").headers["Content-Disposition"]
    assert re.search(rf'filename="{plan_file}[a-z-]*-{TODAY}\.json"', exported), exported


def test_no_step_of_the_conversation_is_split_across_pages(ann):
    plan = example_plan("en-northwind-retail")
    words = "We will take the time to explain every part of this decision calmly. " * 13
    plan["script"] = {
        key: f"Start{n} {words}Finish{n}" for n, key in enumerate(plan["script"], start=1)
    }
    plan_id = ann.import_plan(plan)
    pages = [" ".join(p.split()) for p in pdf_pages(download(ann, plan_id).data)]

    def page_of(marker):
        return next(i for i, text in enumerate(pages) if marker in text)

    breaks_between_steps = {page_of("Start1"), page_of("Finish7")}
    assert len(breaks_between_steps) == 2  # the conversation does span pages
    for n in range(1, 8):
        assert page_of(f"Start{n}") == page_of(f"Finish{n}"), f"step {n} is split"


def test_the_preview_has_a_print_button_run_by_a_script_file(ann, english_plan):
    for which in ("plan", "card"):
        html = page_text(ann.client.get(f"/plans/{english_plan}/preview/{which}"))
        # shown by static/js/print.js, which opens the print dialog: no inline script (CSP)
        assert '<button type="button" class="btn" data-print hidden>Print</button>' in html
        assert '<script src="/static/js/print.js" defer></script>' in html
        assert "<script>" not in html and "onclick" not in html
    with ann.client.get("/static/js/print.js") as response:
        assert response.status_code == 200
        assert "window.print()" in response.get_data(as_text=True)
    ann.switch_language("nl")
    html = page_text(ann.client.get(f"/plans/{english_plan}/preview/card"))
    assert ">Afdrukken</button>" in html
