"""The real server and the system browser, as the tests and the benchmark (bench/) start them."""

from __future__ import annotations

import http.cookiejar
import re
import socket
import subprocess
import sys
import time
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
