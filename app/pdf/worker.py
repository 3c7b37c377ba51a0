"""`exitcoach worker`: render processes serving the RQ queue (issue 15, point 2).

A supervisor keeps `processes` workers alive. Each worker warms up (WeasyPrint, fonts, the
content and templates), then renders jobs one at a time in its own main thread (RQ's
SimpleWorker: no fork per job, so the warm state is used; the render's time limit is its own
signal, app/pdf/render.py). After `max_jobs` renders a worker ends and a fresh one takes its
place, so memory a render leaks cannot add up; a worker that dies (killed, out of memory) is
replaced the same way. SIGTERM or Ctrl+C stops the supervisor and its workers, each after
the job in hand.
"""

from __future__ import annotations

import multiprocessing
import signal
import time

from app.pdf import render
from app.pdf.queue import queue_name

RESTART_PAUSE = 1.0  # a worker that dies at once is not restarted in a tight loop


def work(redis_url: str, prefix: str, max_jobs: int, content_dir: str | None) -> None:
    """One worker's life: warm up, serve the queue for `max_jobs` renders, end."""
    from redis import Redis
    from rq import Queue, SimpleWorker

    render.worker_init(render.WORKER_NICE, content_dir)
    connection = Redis.from_url(redis_url)
    queue = Queue(queue_name(prefix), connection=connection)
    worker = SimpleWorker([queue], connection=connection)
    worker.work(max_jobs=max_jobs, logging_level="WARNING", with_scheduler=False)


def supervise(
    redis_url: str,
    prefix: str,
    *,
    processes: int = 1,
    max_jobs: int = 200,
    content_dir: str | None = None,
) -> None:
    """Keep `processes` workers running until SIGTERM or Ctrl+C."""
    context = multiprocessing.get_context("spawn")
    stopping = []

    def stop(_signum, _frame) -> None:
        stopping.append(True)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    def start():
        process = context.Process(
            target=work,
            args=(redis_url, prefix, max_jobs, content_dir),
            name="exitcoach-render",
            daemon=False,
        )
        process.start()
        return process

    workers = [start() for _ in range(processes)]
    print(f"exitcoach worker: {processes} render process(es) on queue {queue_name(prefix)}")
    while not stopping:
        time.sleep(0.2)
        for index, process in enumerate(workers):
            if not process.is_alive() and not stopping:
                process.join()
                if process.exitcode not in (0, None):
                    time.sleep(RESTART_PAUSE)
                workers[index] = start()
    for process in workers:
        if process.is_alive():
            process.terminate()  # RQ's warm shutdown: the job in hand is finished first
    for process in workers:
        process.join(30)
        if process.is_alive():
            process.kill()
