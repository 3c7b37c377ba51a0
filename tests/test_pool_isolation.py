"""A render that goes wrong fails alone: the other jobs in flight and in the queue finish.

The pool used to stop every worker when one job overran, and a second overrun at the same
moment crashed in the reset itself (`'NoneType' object has no attribute 'values'`).
"""

from __future__ import annotations

import functools
import signal
import threading
import time
from contextlib import suppress
from pathlib import Path

import pytest

from app.pdf.pool import RemoteError, RenderFailed, RenderPool
from app.pdf.render import RenderTimeout, sleep_job


@pytest.fixture
def pool(pool):
    """The shared pool maker, without loading WeasyPrint: stand-in jobs need none."""
    return functools.partial(pool, warm=False)


class Jobs:
    """Jobs sent from threads of their own, as downloads of different users are."""

    def __init__(self, renderer):
        self.renderer = renderer
        self.outcomes: dict[str, object] = {}
        self.threads: list[threading.Thread] = []

    def send(self, name: str, fn, *args, **kwargs) -> None:
        def run():
            try:
                self.outcomes[name] = self.renderer.run(fn, *args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - the test looks at what each job got
                self.outcomes[name] = exc

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        self.threads.append(thread)

    def wait(self) -> dict[str, object]:
        for thread in self.threads:
            thread.join(120)
        assert not any(thread.is_alive() for thread in self.threads), "a job never answered"
        return self.outcomes


class Unpicklable(Exception):
    def __init__(self, code, detail):  # pickle calls it with one argument: this cannot load
        super().__init__(f"{code}: {detail}")


def _raise_unpicklable():
    raise Unpicklable(7, "custom")


def test_jobs_that_overrun_together_fail_alone_and_the_pool_serves_on(pool):
    """The reset path that failed with the NoneType error: two overruns at the same moment."""
    renderer = pool(size=3, queue=4, time_limit=1.0)
    first_workers = renderer.pids()
    jobs = Jobs(renderer)
    # stuck outside the worker's own time limit (like a render that swallowed the signal)
    jobs.send("stuck 1", sleep_job, 60, time_limit=0)
    jobs.send("stuck 2", sleep_job, 60, time_limit=0)
    time.sleep(0.3)
    for n in range(5):  # in flight on the third worker, and queued behind it
        jobs.send(f"normal {n}", sleep_job, 0.4, time_limit=1.0)
    outcomes = jobs.wait()
    assert isinstance(outcomes["stuck 1"], RenderTimeout)
    assert isinstance(outcomes["stuck 2"], RenderTimeout)
    assert [outcomes[f"normal {n}"] for n in range(5)] == [0.4] * 5
    # the two stuck workers were replaced; the pool is whole again and renders
    assert len(renderer.pids()) == 3 and len(set(renderer.pids()) & set(first_workers)) == 1
    assert renderer.run(sleep_job, 0.01) == 0.01


def test_time_in_the_queue_does_not_count_towards_the_time_limit(pool):
    renderer = pool(size=1, queue=6, time_limit=1.0)
    jobs = Jobs(renderer)
    for n in range(6):  # together far longer than one job's limit plus its grace period
        jobs.send(f"job {n}", sleep_job, 0.5, time_limit=1.0)
    assert list(jobs.wait().values()) == [0.5] * 6


def test_a_worker_killed_mid_render_fails_only_its_own_job(pool):
    renderer = pool(size=2, queue=2, time_limit=5.0)
    jobs = Jobs(renderer)
    jobs.send("long", sleep_job, 1.5, time_limit=5.0)
    time.sleep(0.3)
    jobs.send("killed", signal.raise_signal, signal.SIGKILL)  # as the out-of-memory killer does
    jobs.send("queued", sleep_job, 0.2, time_limit=5.0)
    outcomes = jobs.wait()
    assert isinstance(outcomes["killed"], RenderFailed)
    assert outcomes["long"] == 1.5 and outcomes["queued"] == 0.2
    assert renderer.run(sleep_job, 0.01) == 0.01
    assert len(renderer.pids()) == 2


def _wait_until_gone(pid: int, limit: float = 10.0) -> None:
    """Until the process has exited (a zombie waiting to be collected counts as gone)."""
    status = Path(f"/proc/{pid}/status")
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            state = next(
                line for line in status.read_text().splitlines() if line.startswith("State")
            )
        except (FileNotFoundError, StopIteration):
            return
        if "Z" in state.split()[1]:
            return
        time.sleep(0.02)
    raise AssertionError(f"process {pid} still runs {limit} s after SIGKILL")


def test_a_worker_that_died_while_idle_is_replaced_before_the_next_job(pool):
    import os

    renderer = pool(size=1, queue=0)
    (dead,) = renderer.pids()
    os.kill(dead, signal.SIGKILL)
    _wait_until_gone(dead)  # on a busy machine dying takes a moment
    assert renderer.run(sleep_job, 0.01) == 0.01
    assert renderer.pids() != [dead]


def test_an_exception_that_cannot_travel_back_is_named_and_breaks_nothing(pool):
    renderer = pool(size=2, queue=1, time_limit=5.0)
    jobs = Jobs(renderer)
    jobs.send("in flight", sleep_job, 1.0, time_limit=5.0)
    time.sleep(0.3)
    jobs.send("broken", _raise_unpicklable)
    outcomes = jobs.wait()
    assert isinstance(outcomes["broken"], RemoteError)
    assert "Unpicklable" in str(outcomes["broken"]) and "7: custom" in str(outcomes["broken"])
    assert outcomes["in flight"] == 1.0
    assert renderer.run(sleep_job, 0.01) == 0.01


def test_a_job_error_comes_back_as_itself_with_the_worker_traceback():
    renderer = RenderPool(1, 0, warm=False)
    try:
        with pytest.raises(ValueError, match="invalid literal") as caught:
            renderer.run(int, "not a number")
        assert "ValueError" in str(caught.value.__cause__)  # the worker's traceback, for the log
        assert renderer.run(int, "42") == 42  # the worker is fine
    finally:
        renderer.shutdown()


def test_a_worker_started_for_a_request_outlives_that_request_thread():
    """Linux stops a worker when the *thread* that started it ends (PR_SET_PDEATHSIG)."""
    renderer = RenderPool(1, 0, warm=False)  # not started: the first job starts the worker
    try:
        first = threading.Thread(target=renderer.run, args=(sleep_job, 0.01))
        first.start()
        first.join(120)
        (worker,) = renderer.pids()
        time.sleep(0.5)  # the thread has gone; so would the worker, were it its child
        assert renderer.run(sleep_job, 0.02) == 0.02
        assert renderer.pids() == [worker]
    finally:
        renderer.shutdown()


def test_the_time_limit_counts_the_work_of_a_render_not_its_wait():
    """A render waiting for the CPU (the other workers busy with heavy plans) is not stopped."""
    from app.pdf.render import _time_limit

    with _time_limit(0.2):
        time.sleep(0.4)  # waiting uses no processor time
    with pytest.raises(RenderTimeout), _time_limit(0.2):
        while True:  # working does
            pass


def test_a_render_that_swallows_the_stop_is_stopped_all_the_same():
    """WeasyPrint logs and skips any Exception while it prepares a font; the stop still holds."""
    from app.pdf.render import _time_limit

    def busy_work_that_catches_everything(cpu_seconds: float) -> str:
        start = time.process_time()
        while time.process_time() - start < cpu_seconds:
            with suppress(Exception):  # what the library does
                sum(range(10_000))
        return "finished"

    with pytest.raises(RenderTimeout), _time_limit(0.2):
        busy_work_that_catches_everything(0.6)
