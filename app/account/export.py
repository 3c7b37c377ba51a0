"""Download all my data: one ZIP, written as it is sent.

Python's own zipfile writes to a stream it cannot seek in (each entry's sizes then follow its
data, as the ZIP format allows), so nothing larger than one entry is ever held: the ZIP goes
out entry by entry. The plans' PDFs are made by the render workers, as many at once as there
are workers, a few ahead of the one being sent, and sent in order; each PDF is let go once it is
written. Everything is read from the database before the first byte goes out, so no database
connection is held while the PDFs are made.
"""

from __future__ import annotations

import time
import zipfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from app import pdf
from app.domain.account import ExportEntry
from app.domain.planfile import dump_plan

BUSY_WAIT = 0.25  # seconds to wait before asking again when the render queue is full
BUSY_TRIES = 240  # a minute of asking, then the PDF is left out (and the ZIP says so)
AHEAD = 2  # PDFs made ahead of the one being sent, per worker: the bound on memory


@dataclass(frozen=True)
class Part:
    """One file of the ZIP: its path, its bytes, and whether to compress it (a PDF is
    compressed already)."""

    name: str
    data: bytes
    compress: bool = True


class _Sink:
    """A write-only stream that zipfile writes into and the response drains."""

    def __init__(self):
        self.chunks: list[bytes] = []

    def write(self, data) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data, self.chunks = b"".join(self.chunks), []
        return data


def zip_stream(parts: Iterable[Part], when: datetime) -> Iterator[bytes]:
    """The ZIP of `parts`, as chunks of bytes, one entry at a time."""
    sink = _Sink()
    stamp = when.timetuple()[:6]
    with zipfile.ZipFile(sink, "w") as archive:
        for part in parts:
            info = zipfile.ZipInfo(part.name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED if part.compress else zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            archive.writestr(info, part.data)
            del part
            yield sink.take()
    yield sink.take()  # the central directory


def in_order(jobs: Iterable, run: Callable, workers: int, ahead: int) -> Iterator:
    """`run(job)` for every job, `workers` at a time and at most `ahead` finished or running
    beyond the one handed out, yielded in the jobs' order."""
    if workers < 1:  # rendering in this process (tests, the command line): one by one
        yield from (run(job) for job in jobs)
        return
    pool = ThreadPoolExecutor(workers, thread_name_prefix="exitcoach-export")
    pending: deque[Future] = deque()
    try:
        for job in jobs:
            pending.append(pool.submit(run, job))
            if len(pending) > ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:  # also when the download is broken off: no more renders for it
        for future in pending:
            future.cancel()
        pool.shutdown(wait=True)


def plan_pdf(make: Callable[[dict], bytes]) -> Callable[[ExportEntry], bytes | None]:
    """The job for one plan: its conversation plan (or decision memo) as a PDF, `make(document)`
    (from the document cache, or the render pool); None when it could not be made (the ZIP
    then says so in its place): stopped for taking too long, its worker lost twice, or the
    render queue full for a minute."""

    def run(entry: ExportEntry) -> bytes | None:
        failed = False
        for _ in range(BUSY_TRIES):
            try:
                return make(entry.plan.document)
            except pdf.Busy:
                time.sleep(BUSY_WAIT)
            except pdf.RenderFailed:  # its worker died: a new one gets one more go at it
                if failed:
                    return None
                failed = True
            except pdf.RenderTimeout:  # it would overrun again
                return None
        return None

    return run


def parts(
    head: Iterable[Part],
    entries: list[ExportEntry],
    pdfs: Iterator[bytes | None],
    missing: Callable[[ExportEntry], Part],
) -> Iterator[Part]:
    """The ZIP's files in order: README and portfolio first, then each plan's file and PDF."""
    yield from head
    for entry, body in zip(entries, pdfs, strict=True):
        yield Part(entry.plan_file, dump_plan(entry.plan.document).encode("utf-8"))
        yield Part(entry.pdf_file, body, compress=False) if body else missing(entry)
