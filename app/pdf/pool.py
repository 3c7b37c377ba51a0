"""A bounded pool of render worker processes, apart from the request threads.

PDF rendering is CPU work of a few hundred milliseconds; done in the request threads it would
stall every autosave behind it. Here it runs in `size` worker processes (at the lowest CPU
priority, below the web server), with at most `queue` jobs waiting. When the pool is full the
caller gets `Busy` at once ("try again in a moment") instead of a pile-up of waiting requests.
"""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from app.pdf import render


class Busy(Exception):
    """Every worker is busy and the queue is full; `retry_after` is a sensible wait in seconds."""

    def __init__(self, retry_after: int = 2):
        super().__init__("all PDF workers are busy")
        self.retry_after = retry_after


class RenderFailed(Exception):
    """A render could not be finished (a worker died); the caller may try again."""


class RenderPool:
    """`size` worker processes and room for `queue` waiting jobs.

    Workers are started with "spawn" (never forked from a threaded server) and each imports
    WeasyPrint and lays out a warm-up page before its first job. `start()` does that eagerly;
    otherwise the first job starts the pool.
    """

    def __init__(
        self,
        size: int,
        queue: int,
        time_limit: float = render.DEFAULT_TIME_LIMIT,
        content_dir: str | None = None,
    ):
        if size < 1:
            raise ValueError("a render pool needs at least one worker")
        self.size = size
        self.queue = max(queue, 0)
        self.time_limit = time_limit
        self.content_dir = content_dir  # the content the workers load while warming up
        self._slots = threading.BoundedSemaphore(size + self.queue)
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None

    def _pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                self._executor = ProcessPoolExecutor(
                    max_workers=self.size,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=render.worker_init,
                    initargs=(render.WORKER_NICE, self.content_dir),
                )
            return self._executor

    def start(self) -> None:
        """Start every worker now and wait until each has warmed up."""
        pool = self._pool()
        futures = [
            pool.submit(render.warm_up_documents, self.content_dir) for _ in range(self.size * 2)
        ]
        for future in futures:
            future.result()

    def run(self, fn, *args, **kwargs):
        """Run `fn(*args, **kwargs)` in a worker and return its result.

        Raises Busy when no slot is free, RenderTimeout when the job passed the time limit,
        RenderFailed when a worker died (the pool is rebuilt for the next job).
        """
        if not self._slots.acquire(blocking=False):
            raise Busy(retry_after=max(1, round(self.time_limit / 10)))
        try:
            pool = self._pool()
            future = pool.submit(fn, *args, **kwargs)
            try:
                # The worker stops itself at the time limit; this margin only covers a worker
                # that hangs outside Python (it is then replaced).
                return future.result(timeout=self.time_limit + 10)
            except TimeoutError as exc:
                self._reset(pool)
                raise render.RenderTimeout("the render did not finish") from exc
            except BrokenProcessPool as exc:
                self._reset(pool)
                raise RenderFailed("a PDF worker stopped unexpectedly") from exc
        finally:
            self._slots.release()

    def _reset(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._executor is broken:
                self._executor = None
        for process in list(getattr(broken, "_processes", {}).values()):
            process.terminate()
        broken.shutdown(wait=False, cancel_futures=True)

    def shutdown(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


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
