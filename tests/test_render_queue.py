"""Renders on a real job queue (issue 15, point 2): RQ on the real Redis, served by
`exitcoach worker` processes, with the promises of the in-process pool kept."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from functools import partial
from pathlib import Path

import pytest
import redis as redis_py
from rq import Queue, Worker

from app.pdf import Busy, RenderTimeout, render
from app.pdf.queue import QueueRenderer, queue_name
from tests.conftest import REDIS_URL, Actions, example_plan
from tests.helpers import pdf_text
from tests.serving import children

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def connection():
    client = redis_py.Redis.from_url(REDIS_URL)
    client.ping()  # the real Redis: none is a failure, never a skip
    return client


@pytest.fixture
def prefix(connection):
    made = f"exitcoach-test:{uuid.uuid4().hex[:12]}:"
    yield made
    keys = list(connection.scan_iter(match=f"*{made}*"))
    if keys:
        connection.delete(*keys)


def _registered(connection, prefix: str) -> list[Worker]:
    queue = Queue(queue_name(prefix), connection=connection)
    return [w for w in Worker.all(queue=queue) if w.pid and Path(f"/proc/{w.pid}").exists()]


@pytest.fixture
def workers(connection, prefix):
    """`workers(n, max_jobs)`: `exitcoach worker` running n render processes on the queue."""
    started = []

    def start(processes: int = 1, max_jobs: int = 200) -> subprocess.Popen:
        exe = Path(sys.executable).with_name("exitcoach")
        env = {**os.environ, "REDIS_URL": REDIS_URL, "EXITCOACH_REDIS_PREFIX": prefix}
        process = subprocess.Popen(
            [str(exe), "worker", "--processes", str(processes), "--max-jobs", str(max_jobs)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        started.append(process)
        deadline = time.monotonic() + 120
        while len(_registered(connection, prefix)) < processes:
            assert process.poll() is None, "exitcoach worker stopped"
            assert time.monotonic() < deadline, "the render workers did not start"
            time.sleep(0.1)
        return process

    yield start
    for process in started:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()


def test_a_download_is_made_by_a_queue_worker(make_app, workers, prefix):
    workers(1)
    app = make_app(REDIS_URL=REDIS_URL, REDIS_PREFIX=prefix, PDF_WORKERS=1, PDF_CACHE_MB=0)
    ann = Actions(app.test_client())
    ann.register()
    plan_id = ann.import_plan(example_plan("nl-van-dijk-installatietechniek"))
    response = ann.client.get(f"/plans/{plan_id}/plan.pdf")
    assert response.status_code == 200
    assert "Van Dijk" in pdf_text(response.data)
    from app import pdf

    assert isinstance(pdf.renderer(app), QueueRenderer)


def test_a_full_queue_answers_busy_at_once(connection, prefix):
    renderer = QueueRenderer(connection, prefix, size=1, queue=1)
    Queue(queue_name(prefix), connection=connection).enqueue(os.getpid)  # nobody serves it
    started = time.monotonic()
    with pytest.raises(Busy):
        renderer.run(os.getpid)
    assert time.monotonic() - started < 2


def test_a_render_past_its_time_limit_is_stopped_with_the_clear_error(connection, prefix, workers):
    workers(1)
    renderer = QueueRenderer(connection, prefix, size=1, queue=5, time_limit=1.0)
    with pytest.raises(RenderTimeout):
        renderer.run(partial(render.sleep_job, time_limit=1.0), 5.0)
    assert renderer.run(os.getpid) > 0  # the worker goes on with the next job


def test_a_worker_killed_mid_render_gets_its_job_retried_and_is_replaced(
    connection, prefix, workers
):
    supervisor = workers(2)
    renderer = QueueRenderer(connection, prefix, size=2, queue=5, time_limit=30.0)
    outcome = {}

    def download():
        started = time.monotonic()
        try:
            outcome["value"] = renderer.run(partial(render.sleep_job, time_limit=30.0), 2.0)
        except Exception as exc:  # noqa: BLE001 - the test looks at what came back
            outcome["error"] = exc
        outcome["seconds"] = time.monotonic() - started

    waiter = threading.Thread(target=download)
    waiter.start()
    deadline = time.monotonic() + 30
    busy = []
    while not busy:
        assert time.monotonic() < deadline, "no worker took the job"
        busy = [w for w in _registered(connection, prefix) if w.get_current_job_id()]
        time.sleep(0.05)
    os.kill(busy[0].pid, signal.SIGKILL)
    waiter.join(60)
    assert not waiter.is_alive(), "the download hangs"
    assert outcome.get("value") == 2.0, outcome  # run once more, on the other worker
    # the supervisor replaced the killed worker, and the queue goes on
    deadline = time.monotonic() + 60
    while len(children(supervisor.pid)) < 2:
        assert time.monotonic() < deadline, "the killed worker was not replaced"
        time.sleep(0.1)
    assert renderer.run(os.getpid) > 0


def test_workers_recycle_after_their_number_of_renders(connection, prefix, workers):
    workers(1, max_jobs=2)
    renderer = QueueRenderer(connection, prefix, size=1, queue=5)
    pids = [renderer.run(os.getpid) for _ in range(5)]
    # two jobs per process: the fifth job ran in the third process
    assert pids[0] == pids[1] and pids[2] == pids[3] and len(set(pids)) == 3


def test_without_a_worker_a_download_fails_clearly_and_never_hangs(make_app, prefix, monkeypatch):
    from app.pdf import queue

    monkeypatch.setattr(queue, "QUEUE_WAIT", 1.5)
    app = make_app(REDIS_URL=REDIS_URL, REDIS_PREFIX=prefix, PDF_WORKERS=1, PDF_CACHE_MB=0)
    ann = Actions(app.test_client())
    ann.register()
    plan_id = ann.create_plan("Acme Logistics")
    response = ann.client.get(f"/plans/{plan_id}/plan.pdf")
    assert response.status_code == 503
    assert "could not be made just now" in response.get_data(as_text=True)
