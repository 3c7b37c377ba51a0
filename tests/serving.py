"""The real server and the system browser, as the tests and the benchmark (bench/) start them."""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path

# Headless Chromium without the background chatter a test machine has no use for.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass
class Served:
    """A running `exitcoach serve`: where it answers, and what it printed once stopped."""

    base: str
    pid: int
    status: int
    headers: Message
    output: str = field(default="")


def children(pid: int) -> list[int]:
    """The process ids whose parent is `pid` (Linux: read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def exitcoach_serve(
    env: dict, cwd: Path, timeout: float = 90.0, args: tuple[str, ...] = ()
) -> Iterator[Served]:
    """`exitcoach serve [args]` on a free port, yielded once /healthz answers; stopped after."""
    port = free_port()
    exe = Path(sys.executable).with_name("exitcoach")
    process = subprocess.Popen(
        [str(exe), "serve", "--port", str(port), *args],
        env=env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    served = None
    try:
        deadline = time.monotonic() + timeout
        while served is None:
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                    served = Served(base, process.pid, response.status, response.headers)
            except OSError as exc:
                if time.monotonic() > deadline or process.poll() is not None:
                    process.kill()
                    printed = process.communicate()[0].decode(errors="replace")
                    raise RuntimeError(
                        f"exitcoach serve did not answer within {timeout:.0f} s "
                        f"(exit status {process.returncode}); it printed:\n{printed[-3000:]}"
                    ) from exc
                time.sleep(0.2)
        yield served
    finally:
        if process.returncode is None:  # not already collected above
            process.terminate()
            try:
                output = process.communicate(timeout=20)[0]
            except subprocess.TimeoutExpired:
                process.kill()
                output = process.communicate()[0]
            if served is not None:
                served.output = output.decode(errors="replace")


class Browser:
    """A logged-in user talking to the server over HTTP (cookies and the CSRF token kept)."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.token = ""

    def get(self, path: str, headers=None):
        request = urllib.request.Request(self.base + path, headers=headers or {})
        return self.opener.open(request, timeout=60)

    def post(self, path: str, fields: dict, headers=None):
        data = urllib.parse.urlencode({"csrf_token": self.token, **fields}, doseq=True).encode()
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        return self.opener.open(request, timeout=60)

    def jar_cookies(self) -> list:
        return list(self.jar)

    def login(self, email: str, password: str) -> None:
        page = self.get("/login").read().decode()
        self.token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page)[1]
        self.post("/login", {"email": email, "password": password}).read()
        page = self.get("/plans").read().decode()
        self.token = re.search(r'"X-CSRFToken": ?"([^"]+)"', page.replace("&#34;", '"'))[1]


def downloads_at_once(requests: list[tuple[Browser, str]]):
    """Every (browser, path) download started at the same moment, one thread each:
    (start, end, [(status, seconds)] in the order of `requests`). A body that is no PDF
    counts as status 599."""
    start = threading.Barrier(len(requests) + 1)
    results: list[tuple[int, float]] = [(0, 0.0)] * len(requests)

    def download(i: int, browser: Browser, path: str):
        # Thirty participants click on thirty laptops, not on the server: the client
        # threads of this process yield the CPU to the server and the autosaving user.
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, 0, 10)  # Linux: this thread only
        start.wait()
        t0 = time.perf_counter()
        try:
            with browser.get(path) as response:
                body = response.read()
                status = response.status if body.startswith(b"%PDF") else 599
        except urllib.error.HTTPError as exc:
            status = exc.code
        results[i] = (status, time.perf_counter() - t0)

    threads = [
        threading.Thread(target=download, args=(i, browser, path))
        for i, (browser, path) in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return began, time.perf_counter(), results
