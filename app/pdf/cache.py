"""Rendered documents kept by what they contain (issue 15, point 3), without Flask.

A document's key is a hash of everything its PDF is made from: which document, the plan as it
is stored (language and form of address included), the date it is printed on, and the version
of the app and its content (`fingerprint`). Any change to one of them is another key, so a PDF
made before a change can never be served after it; the old entry simply ages out.

Two stores with the same two calls, `get(key)` and `put(key, pdf)`, each bounded in size and
dropping the least recently used documents first: `RedisCache` when Redis is configured (one
cache for every server process and machine), `DiskCache` in the instance folder otherwise.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import threading
import time
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

ROOT = Path(__file__).resolve().parents[2]
# What a printed document is made from besides the plan: the code that builds and renders the
# report, its templates, the print stylesheet and fonts, and the coaching content.
_SOURCES = (
    ("app", "*.py"),
    ("templates/report", "*"),
    ("static/css", "print.css"),
    ("static/fonts", "*"),
    ("static/img", "*.svg"),
)
DEFAULT_CONTENT = ROOT / "content"


class Cache(Protocol):
    def get(self, key: str) -> bytes | None: ...

    def has(self, key: str) -> bool: ...

    def put(self, key: str, data: bytes) -> None: ...


def _files(directory: Path, pattern: str) -> Iterable[Path]:
    if not directory.is_dir():
        return ()
    return sorted(path for path in directory.rglob(pattern) if path.is_file())


@lru_cache(maxsize=8)
def fingerprint(content_dir: str | None = None) -> str:
    """The version of the app and its content, as a short hash of the files themselves (an
    edit of a template or a content file without a new release still counts)."""
    digest = hashlib.sha256()
    try:
        digest.update(metadata.version("exitcoach").encode())
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        digest.update(b"unreleased")
    sources = [(ROOT / folder, pattern) for folder, pattern in _SOURCES]
    sources.append((Path(content_dir) if content_dir else DEFAULT_CONTENT, "*"))
    for directory, pattern in sources:
        for path in _files(directory, pattern):
            if "__pycache__" in path.parts:
                continue
            digest.update(str(path.relative_to(directory)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def document_key(which: str, plan: dict[str, Any], today: date, version: str) -> str:
    """The key of one printed document of a plan: `which` ("plan" or "card"), the stored plan,
    the date printed on it and `fingerprint()`."""
    body = json.dumps(plan, sort_keys=True, ensure_ascii=True, separators=(",", ":"), default=str)
    digest = hashlib.sha256()
    for part in (which, today.isoformat(), version, body):
        digest.update(part.encode())
        digest.update(b"\0")
    return f"{which}-{digest.hexdigest()}"


class DiskCache:
    """A folder of PDFs named by key, at most `max_bytes` in all (oldest use dropped first).

    Safe for several processes on one machine: a document is written to a temporary file and
    renamed into place, so a reader sees the whole file or none; reading one marks it used.
    """

    def __init__(self, directory: Path | str, max_bytes: int):
        self.directory = Path(directory)
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._size: int | None = None  # this process's idea of the folder's size

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}.pdf"

    def has(self, key: str) -> bool:
        return self._path(key).is_file()

    def get(self, key: str) -> bytes | None:
        path = self._path(key)
        try:
            data = path.read_bytes()
        except (FileNotFoundError, OSError):
            return None
        with contextlib.suppress(OSError):
            os.utime(path)
        return data

    def put(self, key: str, data: bytes) -> None:
        if len(data) > self.max_bytes:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, self._path(key))
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            return
        with self._lock:
            if self._size is None:
                self._size = self._measure()
            else:
                self._size += len(data)
            if self._size > self.max_bytes:
                self._size = self._trim()

    def _entries(self) -> list[tuple[float, int, Path]]:
        entries = []
        for path in self.directory.glob("*.pdf"):
            with contextlib.suppress(OSError):
                info = path.stat()
                entries.append((info.st_mtime, info.st_size, path))
        return entries

    def _measure(self) -> int:
        return sum(size for _when, size, _path in self._entries())

    def _trim(self) -> int:
        """Drop the least recently used documents until the folder is within 90 % of its bound
        (so that not every new document starts a trim); the size that is left."""
        entries = sorted(self._entries())
        total = sum(size for _when, size, _path in entries)
        for _when, size, path in entries:
            if total <= self.max_bytes * 0.9:
                break
            with contextlib.suppress(OSError):
                path.unlink()
                total -= size
        return total


class RedisCache:
    """The documents in Redis, at most `max_bytes` in all (oldest use dropped first), shared by
    every process that uses the same Redis. `client` is a redis.Redis (bytes replies)."""

    def __init__(self, client, max_bytes: int, prefix: str = "exitcoach:pdf:"):
        self.client = client
        self.max_bytes = max_bytes
        self.prefix = prefix
        self._index = prefix + "used"  # sorted set: key → when last used
        self._total = prefix + "bytes"  # the size of what the index holds

    def has(self, key: str) -> bool:
        return bool(self.client.exists(self.prefix + key))

    def get(self, key: str) -> bytes | None:
        data = self.client.get(self.prefix + key)
        if data is not None:
            self.client.zadd(self._index, {key: time.time()}, xx=True)
        return data

    def put(self, key: str, data: bytes) -> None:
        if len(data) > self.max_bytes:
            return
        pipe = self.client.pipeline()
        pipe.set(self.prefix + key, data, nx=True)
        pipe.zadd(self._index, {key: time.time()})
        stored, _added = pipe.execute()
        if not stored:  # another process made the same document first
            return
        if self.client.incrby(self._total, len(data)) > self.max_bytes:
            self._trim()

    def _trim(self) -> None:
        """Drop the least recently used documents until within 90 % of the bound."""
        while int(self.client.get(self._total) or 0) > self.max_bytes * 0.9:
            oldest = self.client.zpopmin(self._index, 1)
            if not oldest:
                self.client.set(self._total, 0)
                return
            for member, _score in oldest:
                key = self.prefix + member.decode()
                pipe = self.client.pipeline()
                pipe.strlen(key)
                pipe.delete(key)
                size, _deleted = pipe.execute()
                if size:
                    self.client.decrby(self._total, size)

    def clear(self) -> None:
        """Forget every document (the tests use a prefix of their own)."""
        keys = list(self.client.scan_iter(match=self.prefix + "*"))
        if keys:
            self.client.delete(*keys)
