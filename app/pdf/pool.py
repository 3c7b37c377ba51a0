"""A bounded pool of render worker processes, apart from the request threads.

PDF rendering is CPU work of a few hundred milliseconds; done in the request threads it would
stall every autosave behind it. Here it runs in `size` worker processes (at the lowest CPU
priority, below the web server), with at most `queue` jobs waiting. When the pool is full the
caller gets `Busy` at once ("try again in a moment") instead of a pile-up of waiting requests.

Each worker has a pipe of its own and runs one job at a time, so a job that goes wrong can only
take its own worker with it. (concurrent.futures' ProcessPoolExecutor cannot promise that: when
one of its workers dies or is stopped, the whole executor is broken and every job in flight or
queued fails with it; an earlier version of this pool stopped it whenever one job overran, and
four heavy plans at once then failed everybody else's downloads.) A job's time limit counts the
processor time it uses in its worker (render.py), never time waiting in the queue or for the CPU.
"""

from __future__ import annotations

import multiprocessing
import queue as queues
import signal
import threading
import traceback
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from multiprocessing.connection import Connection
from multiprocessing.reduction import ForkingPickler

from app.pdf import render

# A new worker imports WeasyPrint and warms up (~1.5 s); on a crowded machine much more.
STARTUP_LIMIT = 120.0
_READY = "ready"


class Busy(Exception):
    """Every worker is busy and the queue is full; `retry_after` is a sensible wait in seconds."""

    def __init__(self, retry_after: int = 2):
        super().__init__("all PDF workers are busy")
        self.retry_after = retry_after


class RenderFailed(Exception):
    """A render could not be finished (its worker died); the caller may try again."""


class RemoteError(Exception):
    """A job raised an exception that could not be sent back as itself: its type and traceback."""


def grace_period(time_limit: float) -> float:
    """How long past the time limit a job may run before its worker is killed.

    The worker stops a render itself once it has used `time_limit` seconds of CPU time; this
    only covers a worker that does not (stuck outside Python, or the render swallowed the
    signal). It is counted by the clock from the moment the worker has the job, so it allows
    for a render that waits for the processor as long again as it works: 1 to 10 s beyond that.
    """
    return time_limit + min(10.0, max(1.0, time_limit))


def _reply(ok: bool, value, trace: str = "") -> bytes:
    """A job's result, or its exception with the traceback as text, pickled for the pipe.

    An exception that does not survive pickling (a custom class whose arguments do not match
    its constructor, say) is replaced by a RemoteError that names it, so the caller still hears
    what went wrong instead of losing the answer.
    """
    try:
        payload = bytes(ForkingPickler.dumps((ok, value, trace)))
        if not ok:
            ForkingPickler.loads(payload)
        return payload
    except Exception:  # noqa: BLE001 - whatever fails to pickle, the job's caller hears of it
        if ok:
            what = f"the job's result ({type(value).__name__}) could not be sent back"
        else:
            what = f"{type(value).__name__} in the render worker: {value!r:.500}"
        return bytes(ForkingPickler.dumps((False, RemoteError(what), trace)))


def serve(conn: Connection, nice: int, content_dir: str | None, warm: bool = True) -> None:
    """A worker's life: warm up, then run the jobs that arrive on `conn`, one at a time."""
    # Ctrl+C reaches the whole process group: the server stops its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    render.worker_init(nice, content_dir, warm)
    conn.send(_READY)
    while True:
        try:
            job = conn.recv()
        except EOFError:  # the server went away
            return
        if job is None:  # asked to stop
            return
        fn, args, kwargs = job
        del job
        failed = False
        try:
            payload = _reply(True, fn(*args, **kwargs))
        except Exception as exc:  # noqa: BLE001 - the job's own error, raised again by its caller
            failed = True
            payload = _reply(False, exc, "".join(traceback.format_exception(exc)))
        del fn, args, kwargs
        conn.send_bytes(payload)
        if failed:
            # A render stopped half-way was still held by its traceback when the render's own
            # quick collection ran, so its objects went to the older generations: a full pass
            # now, or each stopped render would keep some 7 MiB of the worker's memory.
            render.release_memory()


class _Lost(Exception):
    """The worker has to go: `error` is what the job's caller gets."""

    def __init__(self, error: Exception):
        super().__init__(str(error))
        self.error = error


class _Worker:
    """One render process and the pipe to it; only ever used by one request thread at a time."""

    def __init__(self, context, nice: int, content_dir: str | None, warm: bool):
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=serve, args=(child, nice, content_dir, warm), name="exitcoach-pdf", daemon=True
        )
        self.process.start()
        child.close()
        self.ready = False

    def alive(self) -> bool:
        return self.process.is_alive()

    def wait_ready(self, timeout: float) -> None:
        """Wait until the worker has warmed up (at once if it has)."""
        if self.ready:
            return
        try:
            arrived = self.conn.poll(timeout)
            if arrived and self.conn.recv() == _READY:
                self.ready = True
                return
        except (EOFError, OSError):
            pass
        raise _Lost(RenderFailed("a PDF worker did not start"))

    def run(self, job: tuple, deadline: float):
        """Send `job`, wait at most `deadline` seconds for its answer, return or raise it."""
        try:
            self.conn.send(job)
            if not self.conn.poll(deadline):
                raise _Lost(render.RenderTimeout("the render did not finish and was stopped"))
            answer = self.conn.recv_bytes()
        except (EOFError, OSError) as exc:  # the worker died (killed, out of memory, crashed)
            raise _Lost(RenderFailed("a PDF worker stopped unexpectedly")) from exc
        ok, value, trace = ForkingPickler.loads(answer)
        if ok:
            return value
        raise value from RemoteError(trace)

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the worker to finish, and make sure it has."""
        with suppress(OSError):
            self.conn.send(None)
        self.process.join(timeout)
        self.kill()

    def kill(self) -> None:
        """Stop the process now (SIGKILL: a stuck worker may not listen to anything else)."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class RenderPool:
    """`size` worker processes and room for `queue` waiting jobs.

    Workers are started with "spawn" (never forked from a threaded server) and each imports
    WeasyPrint and lays out a warm-up page before its first job. `start()` does that eagerly;
    otherwise a worker starts with the first job that needs it. A worker that dies or overruns
    is killed and replaced; only its own job fails.
    """

    def __init__(
        self,
        size: int,
        queue: int,
        time_limit: float = render.DEFAULT_TIME_LIMIT,
        content_dir: str | None = None,
        *,
        warm: bool = True,
    ):
        if size < 1:
            raise ValueError("a render pool needs at least one worker")
        self.size = size
        self.queue = max(queue, 0)
        self.time_limit = time_limit
        self.grace = grace_period(time_limit)
        self.content_dir = content_dir  # the content the workers load while warming up
        self.warm = warm  # False: workers skip the warm-up (tests of the pool with stand-in jobs)
        self._slots = threading.BoundedSemaphore(size + self.queue)
        self._context = multiprocessing.get_context("spawn")
        # Idle workers; None is a place for a worker not started yet (or not replaced yet).
        self._idle: queues.Queue[_Worker | None] = queues.Queue()
        for _ in range(size):
            self._idle.put(None)
        self._lock = threading.Lock()
        self._workers: set[_Worker] = set()  # every started worker, idle or busy
        self._spawner: ThreadPoolExecutor | None = None

    def _start_worker(self) -> _Worker:
        """A new worker process, started by one long-lived thread of the pool.

        A worker asks the kernel to stop it when its parent goes (render.worker_init), and to
        Linux the parent is the *thread* that started it: a worker started by a request thread
        would be stopped, mid-job perhaps, as soon as that thread ended.
        """
        with self._lock:  # shutdown() takes the spawner under the same lock
            if self._spawner is None:
                self._spawner = ThreadPoolExecutor(1, thread_name_prefix="exitcoach-pdf-spawn")
            started = self._spawner.submit(
                _Worker, self._context, render.WORKER_NICE, self.content_dir, self.warm
            )
        worker = started.result()
        with self._lock:
            self._workers.add(worker)
        return worker

    def _replacement(self) -> _Worker | None:
        """A new worker to warm up while nobody waits for it (None: the next job tries again)."""
        try:
            return self._start_worker()
        except OSError:
            return None

    def _forget(self, worker: _Worker) -> None:
        """Kill `worker` and let it go."""
        worker.kill()
        with self._lock:
            self._workers.discard(worker)

    def _ready(self, worker: _Worker | None) -> _Worker:
        """`worker` if it is alive, otherwise a new one; warmed up."""
        if worker is None or not worker.alive():
            if worker is not None:
                self._forget(worker)
            try:
                worker = self._start_worker()
            except OSError as exc:  # no process could be started (out of memory, process limit)
                raise _Lost(RenderFailed("no PDF worker could be started")) from exc
        try:
            worker.wait_ready(STARTUP_LIMIT)
        except _Lost:
            self._forget(worker)
            raise
        return worker

    def start(self) -> None:
        """Start every worker now and wait until each has warmed up."""
        workers = [self._idle.get() or self._replacement() for _ in range(self.size)]
        try:  # all of them warm up at the same time
            for index, worker in enumerate(workers):
                workers[index] = self._ready(worker)
        except _Lost as lost:
            raise lost.error from None
        finally:
            for worker in workers:
                self._idle.put(worker)

    def run(self, fn, *args, **kwargs):
        """Run `fn(*args, **kwargs)` in a worker and return its result.

        Raises Busy when no slot is free, RenderTimeout when the job passed the time limit,
        RenderFailed when its worker died (a new worker takes its place for the next job).
        An exception raised by `fn` itself is raised here.
        """
        if not self._slots.acquire(blocking=False):
            raise Busy(retry_after=max(1, round(self.time_limit / 10)))
        try:
            worker = self._idle.get()  # the slot guarantees a worker within the queue's wait
            try:
                worker = self._ready(worker)
                return worker.run((fn, args, kwargs), self.time_limit + self.grace)
            except _Lost as lost:
                if worker is not None:
                    self._forget(worker)
                worker = self._replacement()
                raise lost.error from lost.__cause__
            finally:
                self._idle.put(worker)
        finally:
            self._slots.release()

    def idle(self) -> int:
        """How many workers are free for a job at this moment."""
        return self._idle.qsize()

    def pids(self) -> list[int]:
        """The process ids of the running workers (for the benchmark and the tests)."""
        with self._lock:
            workers = list(self._workers)
        return sorted(worker.process.pid for worker in workers if worker.alive())

    def shutdown(self) -> None:
        """Stop every worker, after the jobs in flight have finished (a later job starts anew)."""
        workers = []
        try:
            for _ in range(self.size):
                workers.append(self._idle.get(timeout=self.time_limit + self.grace + 5))
        except queues.Empty:
            pass
        for worker in workers:
            if worker is not None:
                worker.stop()
                self._forget(worker)
            self._idle.put(None)
        with self._lock:
            spawner, self._spawner = self._spawner, None
        if spawner is not None:
            spawner.shutdown(wait=True)


class InlineRenderer:
    """Renders in the calling process: for the command line and the tests (size 0)."""

    size = 0
    queue = 0

    def __init__(
        self, time_limit: float = render.DEFAULT_TIME_LIMIT, content_dir: str | None = None
    ):
        self.time_limit = time_limit
        self.content_dir = content_dir
        self._lock = threading.Lock()

    def start(self) -> None:
        render.warm_up_documents(self.content_dir)

    def run(self, fn, *args, **kwargs):
        with self._lock:  # WeasyPrint in one process: one render at a time
            return fn(*args, **kwargs)

    def shutdown(self) -> None:
        pass
