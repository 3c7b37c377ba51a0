"""PDF rendering runs in a bounded pool of worker processes: busy means 503, never a pile-up."""

from __future__ import annotations

import threading
import time

import pytest

from app import pdf
from app.pdf.pool import Busy
from app.pdf.render import RenderTimeout, html_to_pdf, sleep_job
from tests.conftest import Actions, example_plan
from tests.helpers import page_text, pdf_text, visible_text


def _occupy(pool_or_renderer, seconds: float) -> threading.Thread:
    """Keep a worker busy for `seconds` from another thread, as another user's export would."""
    thread = threading.Thread(target=pool_or_renderer.run, args=(sleep_job, seconds), daemon=True)
    thread.start()
    time.sleep(0.3)  # the job has reached the worker
    return thread


def test_a_worker_renders_a_real_pdf(pool):
    body = pool().run(html_to_pdf, "<h1>Exit Coach</h1><p>€ 8.842,27</p>")
    assert body.startswith(b"%PDF")
    assert "€ 8.842,27" in pdf_text(body)


def test_a_full_pool_says_busy_at_once_instead_of_queueing(pool):
    renderer = pool(size=1, queue=0)
    busy_thread = _occupy(renderer, 2)
    started = time.monotonic()
    with pytest.raises(Busy) as caught:
        renderer.run(sleep_job, 0)
    assert time.monotonic() - started < 0.5
    assert caught.value.retry_after >= 1
    busy_thread.join()
    assert renderer.run(sleep_job, 0) == 0  # free again


def test_jobs_wait_in_the_queue_up_to_its_limit(pool):
    renderer = pool(size=1, queue=1)
    first = _occupy(renderer, 1.5)
    results = []
    second = threading.Thread(target=lambda: results.append(renderer.run(sleep_job, 0.1)))
    second.start()
    time.sleep(0.2)
    with pytest.raises(Busy):
        renderer.run(sleep_job, 0)
    first.join()
    second.join()
    assert results == [0.1]


def test_a_job_past_the_time_limit_is_stopped_and_the_worker_carries_on(pool):
    renderer = pool(size=1, queue=0, time_limit=0.5)
    started = time.monotonic()
    with pytest.raises(RenderTimeout):
        renderer.run(sleep_job, 10, time_limit=0.5)
    assert time.monotonic() - started < 5
    assert renderer.run(sleep_job, 0.01, time_limit=0.5) == 0.01


def test_a_busy_server_answers_503_with_retry_after_and_a_kind_message(make_app):
    app = make_app(PDF_WORKERS=1, PDF_QUEUE=0)
    user = Actions(app.test_client())
    user.register()
    plan_id = user.import_plan(example_plan("en-northwind-retail"))
    renderer = pdf.renderer(app)
    try:
        renderer.start()
        busy = _occupy(renderer, 3)
        response = user.client.get(f"/plans/{plan_id}/plan.pdf")
        assert response.status_code == 503
        assert response.headers["Retry-After"].isdigit()
        assert "Try again in a few seconds" in visible_text(page_text(response))
        # the download button asks like htmx does and gets a small message to show in place
        fragment = user.client.get(f"/plans/{plan_id}/card.pdf", headers={"HX-Request": "true"})
        assert fragment.status_code == 503
        assert 'role="alert"' in page_text(fragment)
        assert "<html" not in page_text(fragment)
        busy.join()
        done = user.client.get(f"/plans/{plan_id}/plan.pdf")
        assert done.status_code == 200
        assert "Northwind Retail Ltd" in pdf_text(done.data)
    finally:
        renderer.shutdown()


def test_the_pool_size_and_queue_come_from_the_configuration(make_app):
    app = make_app(PDF_WORKERS=3, PDF_QUEUE=7)
    renderer = pdf.renderer(app)
    assert (renderer.size, renderer.queue) == (3, 7)
    assert pdf.renderer(app) is renderer  # one pool per app
    renderer.shutdown()


def test_harfbuzz_subsetting_is_installed():
    """WeasyPrint subsets fonts with HarfBuzz when it can; without it a plan takes ~1.6× as long."""
    from weasyprint.pdf import fonts

    assert fonts.harfbuzz_subset is not None, (
        "install HarfBuzz's subsetter: apt-get install libharfbuzz-subset0 (see README)"
    )


def test_the_lean_user_agent_sheet_drops_only_rules_for_pseudo_elements_never_printed():
    """Every element got six footnote/note pseudo-element styles: a fifth of each render."""
    from weasyprint.html import UA

    from app.pdf.render import lean_user_agent_css

    lean = lean_user_agent_css(UA)
    assert "::footnote-call" in UA and "\n::marker {" in UA  # what the trim expects to find
    assert "::footnote" not in lean and "::note-" not in lean
    assert "\nli::marker, summary::marker {" in lean
    assert len(UA) - len(lean) < 400  # nothing else went


def test_lists_still_print_their_bullets_and_numbers():
    text = pdf_text(
        html_to_pdf("<ul><li>Bellen</li></ul><ol><li>Mailen</li><li>Langsgaan</li></ol>")
    )
    for words in ("Bellen", "Mailen", "Langsgaan", "•", "1.", "2."):
        assert words in text


def test_downloads_take_turns_while_every_other_request_goes_straight_through(app, ann):
    """Thirty downloads at once read their plans one by one; an autosave does not queue."""
    plan_id = ann.import_plan(example_plan("en-oakfield-hardware-reprice"))
    assert ann.client.get(f"/plans/{plan_id}/card.pdf").status_code == 200
    gate = pdf.preparing(app)
    gate.acquire()  # another participant's download is reading its plan
    answers = []
    waiting = threading.Thread(
        target=lambda: answers.append(ann.client.get(f"/plans/{plan_id}/card.pdf"))
    )
    waiting.start()
    time.sleep(0.5)
    assert waiting.is_alive() and not answers  # its turn has not come
    assert app.test_client().get("/login").status_code == 200  # others do not wait
    gate.release()
    waiting.join(30)
    assert answers[0].status_code == 200 and answers[0].data.startswith(b"%PDF")
    assert gate.acquire(blocking=False)  # and it handed the turn on
    gate.release()


def test_a_download_that_fails_hands_its_turn_on(app, ann):
    assert ann.client.get("/plans/999999/plan.pdf").status_code == 404
    gate = pdf.preparing(app)
    assert gate.acquire(blocking=False)
    gate.release()


def _content_was_loaded(directory: str) -> bool:
    """Runs in a worker: was this content folder loaded before the job asked for it?"""
    from app.pdf import documents

    hits = documents._content.cache_info().hits
    documents._content(directory)
    return documents._content.cache_info().hits > hits


def test_workers_warm_up_with_the_content_the_app_is_configured_with(make_app, content_copy):
    app = make_app(PDF_WORKERS=1, CONTENT_DIR=str(content_copy))
    renderer = pdf.renderer(app)
    try:
        renderer.start()
        assert renderer.run(_content_was_loaded, str(content_copy))
    finally:
        renderer.shutdown()


def test_garbage_collection_is_back_on_after_a_render_even_one_that_fails():
    """Renders pause the garbage collector; a worker must never be left without it."""
    import gc

    assert html_to_pdf("<p>Exit Coach</p>").startswith(b"%PDF") and gc.isenabled()
    with pytest.raises(RenderTimeout):
        html_to_pdf("<p>x</p>" * 20000, time_limit=0.05)
    assert gc.isenabled()
