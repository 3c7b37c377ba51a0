"""Downloads cannot take each other down: a heavy plan fails alone, with a clear message.

Four heavy plans at once used to make the pool reset crash, and the downloads of other users
in flight at that moment answered 500.
"""

from __future__ import annotations

import copy
import os
import signal
import threading
import time
from datetime import date

import pytest

from app import pdf
from app.content import load_content
from app.domain import planfile
from app.pdf import documents, render
from app.pdf.pool import RenderPool
from app.pdf.render import RenderTimeout
from tests.conftest import Actions, example_plan
from tests.helpers import page_text, pdf_text, visible_text

TOO_LONG = "Making this PDF took too long and was stopped. Shorten long texts, or try again."
WORKER_STOPPED = "The PDF could not be made just now. Try again in a moment."
WORDS = "Every field of this plan holds a long text, far longer than anyone would type. " * 300


def heavy_plan(name: str = "en-northwind-retail") -> dict:
    """An example plan with every text it has as long as the plan file allows."""
    schema = planfile.plan_schema(load_content(None).model)

    def fill(node, value):
        if isinstance(node, planfile.Text) and isinstance(value, str):
            return WORDS[: node.maximum]
        if isinstance(node, planfile.Obj) and isinstance(value, dict):
            return {
                key: item if key == "format" else fill(node.fields[key], item)
                for key, item in value.items()
            }
        if isinstance(node, planfile.List) and isinstance(value, list):
            return [fill(node.item, item) for item in value]
        return value

    plan = fill(schema, copy.deepcopy(example_plan(name)))
    plan["client"]["name"] = "Heavy Texts Ltd"
    return plan


@pytest.fixture
def pooled_app(make_app, monkeypatch):
    """An app with two real render workers and a short time limit, as a small server has."""
    # The workers run at the lowest priority, below the web server; on a test machine busy
    # with other work that would make them crawl. This test is about isolation, not priority.
    monkeypatch.setattr(render, "WORKER_NICE", 0)
    app = make_app(PDF_WORKERS=2, PDF_QUEUE=30, PDF_TIME_LIMIT=2)
    renderer = pdf.renderer(app)
    renderer.start()
    yield app
    renderer.shutdown()


def resident_mib(pid: int) -> float:
    """A process's resident memory (Linux), as docs/performance.md budgets it."""
    with open(f"/proc/{pid}/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def logged_in(app) -> Actions:
    user = Actions(app.test_client())
    assert user.login().status_code == 302
    return user


def downloads_at_once(app, urls: list[str]) -> list:
    """Each URL fetched by its own browser at the same moment; the responses in that order."""
    users = [logged_in(app) for _ in urls]
    answers: list = [None] * len(urls)

    def fetch(index: int) -> None:
        answers[index] = users[index].client.get(urls[index], headers={"HX-Request": "true"})

    threads = [threading.Thread(target=fetch, args=(i,), daemon=True) for i in range(len(urls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    assert all(answer is not None for answer in answers), "a download never answered"
    return answers


def test_ten_heavy_downloads_fail_alone_while_the_others_get_their_pdf(pooled_app):
    ann = Actions(pooled_app.test_client())
    ann.register()
    heavy = ann.import_plan(heavy_plan())
    normal = ann.import_plan(example_plan("en-northwind-retail"))
    other = ann.import_plan(example_plan("nl-van-dijk-installatietechniek"))
    urls = [f"/plans/{heavy}/plan.pdf"] * 10
    urls += [f"/plans/{normal}/plan.pdf", f"/plans/{normal}/card.pdf"] * 2
    urls += [f"/plans/{other}/card.pdf", f"/plans/{other}/plan.pdf"]

    answers = downloads_at_once(pooled_app, urls)

    assert [a.status_code for a in answers if a.status_code >= 500 and a.status_code != 504] == []
    for answer in answers[:10]:
        assert answer.status_code == 504
        assert TOO_LONG in visible_text(page_text(answer))  # shown in place, beside the buttons
        assert 'role="alert"' in page_text(answer)
    for answer in answers[10:]:
        assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    assert "Northwind Retail Ltd" in pdf_text(answers[10].data)
    assert "Van Dijk Installatietechniek" in pdf_text(answers[15].data)
    # and the server goes on as before
    after = ann.client.get(f"/plans/{normal}/plan.pdf")
    assert after.status_code == 200 and "Northwind Retail Ltd" in pdf_text(after.data)
    assert len(pdf.renderer(pooled_app).pids()) == 2


def test_a_worker_does_not_grow_with_every_render_it_had_to_stop(monkeypatch):
    """Each stopped render used to keep ~7 MiB: five of them took a worker past 150 MiB."""
    monkeypatch.setattr(render, "WORKER_NICE", 0)
    renderer = RenderPool(1, 0, time_limit=2)
    renderer.grace = 120  # the worker itself stops these renders; never replace it here
    try:
        renderer.start()
        (worker,) = renderer.pids()
        plan, sizes = heavy_plan(), []
        for _ in range(6):
            with pytest.raises(RenderTimeout):
                renderer.run(documents.pdf_for_plan, plan, "plan", date(2026, 3, 1), None, 2)
            sizes.append(resident_mib(worker))
        assert renderer.pids() == [worker]
        # The first stopped renders also fill caches that stay, the more the later they stop
        # (on a busy machine that varies). Without the release every render kept ~7 MiB, so
        # the last three of the six would add ~21 MiB; with it they add next to nothing.
        assert sizes[-1] - sizes[-4] < 10, f"resident memory after each stopped render: {sizes}"
    finally:
        renderer.shutdown()


def test_a_worker_killed_mid_render_gives_that_download_a_clear_message(make_app, monkeypatch):
    monkeypatch.setattr(render, "WORKER_NICE", 0)  # as above: about isolation, not priority
    app = make_app(PDF_WORKERS=1, PDF_QUEUE=2)
    renderer = pdf.renderer(app)
    try:
        renderer.start()
        ann = Actions(app.test_client())
        ann.register()
        heavy = ann.import_plan(heavy_plan())
        normal = ann.import_plan(example_plan("en-northwind-retail"))
        (worker,) = renderer.pids()
        answers = []
        download = threading.Thread(
            target=lambda: answers.append(ann.client.get(f"/plans/{heavy}/plan.pdf")), daemon=True
        )
        download.start()
        while renderer.idle() and download.is_alive():  # wait until the worker has the job
            time.sleep(0.05)
        time.sleep(0.5)  # well inside a render of several seconds
        os.kill(worker, signal.SIGKILL)  # as the out-of-memory killer would
        download.join(120)
        assert answers and answers[0].status_code == 503
        assert answers[0].headers["Retry-After"].isdigit()
        assert WORKER_STOPPED in visible_text(page_text(answers[0]))
        after = ann.client.get(f"/plans/{normal}/card.pdf")
        assert after.status_code == 200 and "Northwind Retail Ltd" in pdf_text(after.data)
    finally:
        renderer.shutdown()
