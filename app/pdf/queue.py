"""Renders on a real job queue (issue 15, point 2): RQ on Redis, when REDIS_URL is set.

Every server process, however many there are and on whichever machine, sends its renders to
one queue; `exitcoach worker` processes take them one at a time. The web side keeps what the
in-process pool promised (app/pdf/pool.py):

- **busy**: with `queue` jobs already waiting, a new one is refused at once (503, try again);
- **too long**: a render is stopped by its own worker after its time limit of CPU time and
  the caller hears RenderTimeout (504, the clear message);
- **a lost worker never hangs a download**: while a job runs, its worker beats a heart in
  Redis every half second; a job whose heart stops (its worker was killed, even with kill -9)
  or that outlives its time limit and grace is given up, and run once more by another
  worker; a second loss is RenderFailed (503, try again). A job nobody picks up within
  `QUEUE_WAIT` seconds (no worker running) is taken off the queue: RenderFailed too.

Workers recycle: after `max_jobs` renders a worker process ends and `exitcoach worker` starts
a fresh one (app/pdf/worker.py), so whatever a render leaks cannot add up.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager, suppress

from app.pdf import pool, render
from app.pdf.pool import Busy, RenderFailed

QUEUE_WAIT = 60.0  # seconds a job may wait for a worker before the download gives up
NO_WORKER = "no render worker took the job (is `exitcoach worker` running?)"
HEARTBEAT = 0.5  # seconds between a running job's heartbeats
HEART_STOPPED = 8.0  # no heartbeat for this long: the worker is gone (a busy machine can
# starve a worker at the lowest priority for a few seconds: that is not a lost worker)


def queue_name(prefix: str) -> str:
    return f"{prefix}pdf"


def _heart_key(prefix: str, job_id: str) -> str:
    return f"{prefix}pdf-alive:{job_id}"


@contextmanager
def _heartbeat(connection, key: str):
    """Keep `key` alive in Redis while the block runs (a thread beside the render)."""
    stop = threading.Event()

    def beat() -> None:
        while not stop.is_set():
            connection.set(key, b"1", px=int(HEART_STOPPED * 1000))
            stop.wait(HEARTBEAT)

    beater = threading.Thread(target=beat, name="exitcoach-heartbeat", daemon=True)
    beater.start()
    try:
        yield
    finally:
        stop.set()
        beater.join(2)
        connection.delete(key)


def run_job(fn, args: tuple, prefix: str):
    """What an RQ worker runs: `fn(*args)` with a heartbeat; a render stopped for its time
    limit comes back as ("timeout", message), a result as ("ok", value)."""
    from rq import get_current_job

    job = get_current_job()
    with _heartbeat(job.connection, _heart_key(prefix, job.id)):
        try:
            return ("ok", fn(*args))
        except render.RenderTimeout as stopped:
            return ("timeout", str(stopped))


class QueueRenderer:
    """The renderer of an app with REDIS_URL: jobs on the RQ queue `<prefix>pdf`.

    `size` is how many workers are expected (it sizes the background renders, app/pdf/ready);
    `queue` how many jobs may wait before a new one is refused as busy."""

    def __init__(
        self,
        connection,
        prefix: str,
        size: int,
        queue: int,
        time_limit: float = render.DEFAULT_TIME_LIMIT,
    ):
        from rq import Queue

        self.connection = connection
        self.prefix = prefix
        self.size = max(size, 1)
        self.queue = max(queue, 0)
        self.time_limit = time_limit
        self.grace = pool.grace_period(time_limit)
        self._queue = Queue(queue_name(prefix), connection=connection)

    def start(self) -> None:
        self.connection.ping()  # a wrong REDIS_URL stops the start with its own error

    def shutdown(self) -> None:
        pass

    def waiting(self) -> int:
        return self._queue.count

    def run(self, fn, *args):
        """`fn(*args)` in a worker; raises Busy, RenderTimeout or RenderFailed as the pool does."""
        if self.waiting() >= self.queue:
            raise Busy(retry_after=max(1, round(self.time_limit / 10)))
        try:
            return self._attempt(fn, args)
        except _WorkerLost:
            try:
                return self._attempt(fn, args)  # one more go, on another worker
            except _WorkerLost as lost:
                raise RenderFailed(str(lost)) from None

    def _attempt(self, fn, args):
        job = self._queue.enqueue(
            run_job,
            fn,
            args,
            self.prefix,
            job_timeout=int(self.time_limit + self.grace) + 5,
            ttl=int(QUEUE_WAIT),
            result_ttl=30,
            failure_ttl=300,
        )
        return _wait(job, self._heart(job), self.time_limit + self.grace)

    def _heart(self, job) -> str:
        return _heart_key(self.prefix, job.id)


class _WorkerLost(Exception):
    """The job's worker went away (or never came): worth one more try elsewhere."""


def _wait(job, heart: str, run_limit: float):
    """The job's result; raise RenderTimeout, or _WorkerLost when nobody finishes it."""
    from rq.job import JobStatus
    from rq.results import Result

    connection = job.connection
    queued_since = time.monotonic()
    started = last_beat = None
    while True:
        result = job.latest_result(timeout=1)
        if result is not None:
            if result.type == Result.Type.SUCCESSFUL:
                kind, value = result.return_value
                if kind == "timeout":
                    raise render.RenderTimeout(value)
                return value
            raise _WorkerLost(f"the render job failed: {(result.exc_string or '')[-300:]}")
        now = time.monotonic()
        status = _status(job)
        if status is None and started is None:  # it expired on the queue: nobody took it
            raise RenderFailed(NO_WORKER)
        if status in (JobStatus.FAILED, JobStatus.STOPPED, JobStatus.CANCELED, None):
            raise _WorkerLost(f"the render job ended as {status}")
        beating = bool(connection.exists(heart))
        if status == JobStatus.STARTED or beating:
            started = started or now
            if beating:
                last_beat = now
            if now - (last_beat or started) > HEART_STOPPED or now - started > run_limit:
                _give_up(job)
                raise _WorkerLost("the render worker stopped answering")
        elif now - queued_since > QUEUE_WAIT:
            _give_up(job)
            raise RenderFailed(NO_WORKER)


def _status(job):
    """The job's status, None when Redis no longer has the job."""
    from rq.exceptions import InvalidJobOperation

    try:
        return job.get_status(refresh=True)
    except InvalidJobOperation:
        return None


def _give_up(job) -> None:
    """Take the job off the queue (or out of the hands of a worker that is gone)."""
    with suppress(Exception):  # it may have ended meanwhile: nothing left to take back
        job.cancel()
