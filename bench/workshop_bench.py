"""Benchmark of a workshop: thirty participants, the coach's live progress view, the projector.

    .venv/bin/python -m bench.workshop_bench            # print the results
    .venv/bin/python -m bench.workshop_bench --record   # and write them into docs/performance.md

Plain Python, no test framework, against the real server (`exitcoach serve`, a fresh SQLite
database), as in a room:

1. a coach creates a workshop; thirty participants log in, join with the code and start the
   exit case (their own exercise copy);
2. for `--minutes` the thirty walk the case at human pace: each saves a field of the step they
   are on (an htmx autosave) every 1.5 to 4.5 seconds, and moves on to the next step now and
   then; meanwhile the coach's progress view refreshes every 2 s and the projector view (with
   one participant's shared plan on it) polls every 2 s, as their pages do;
3. the coach forms the triads and starts round 1, and the thirty press the download of their
   role-play document together: the ten who play the client their role-play card, the ten
   observers their checklist, the ten who bring the message their own plan's meeting card.

It reports the autosaves' p50/p99/max, the progress view's and the projector's times, the
errors, and the time until all thirty cards are downloaded. The times are round trips measured
by the client on the same machine, so they include the loopback and the client's own work: an
upper bound of the server time. No timing is asserted in the test suite.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
from datetime import date
from pathlib import Path

from bench.pdf_bench import Browser, downloads_at_once, machine, ms, pct, record
from tests.serving import exitcoach_serve

PARTICIPANTS = 30
PASSWORD = "a long workshop password"
TARGETS = {"autosave_p99_ms": 50, "progress_max_ms": 100, "cards_total_s": 5.0}
MARKERS = ("<!-- bench-workshop:begin -->", "<!-- bench-workshop:end -->")
CODE_RE = re.compile(r'class="join-code"[^>]*>([^<]+)<')
# What a participant types, step after step, in the exit case (one field per autosave).
WALK = (
    ("pitfalls", "all_resources_counted", "y"),
    ("pitfalls", "own_part_examined", "y"),
    ("alternatives", "alternatives-0-note", "We tried a price rise in spring: refused."),
    ("decision", "rationale", "It costs us more than it brings, and the team is worn out."),
    ("decision", "choice", "exit"),
    ("script", "individual", "Thank you for making time; I want to talk about our work."),
    ("script", "framing", "I have decided to end our cooperation by the end of June."),
    ("script", "logic", "The work has grown in ways we can no longer do well."),
    ("script", "emotion", "This is not easy for me either; we have a long history."),
    ("lessons", "lessons", "Agree the scope in writing before the first project."),
)


def _users(env: dict, workdir: Path, emails: list[str]) -> None:
    """The accounts, made in one process (the CLI would start Python once per user)."""
    script = (
        "import sys\n"
        "from app import create_app\n"
        "from app.auth import accounts\n"
        "from app.schema import upgrade_schema\n"
        "app = create_app()\n"
        "upgrade_schema(app)\n"
        "with app.app_context():\n"
        "    for email in sys.argv[2:]:\n"
        "        accounts.create_user(email, sys.argv[1])\n"
    )
    subprocess.run(
        [sys.executable, "-c", script, PASSWORD, *emails],
        env=env,
        cwd=workdir,
        check=True,
        capture_output=True,
    )


def _location(response) -> str:
    return response.geturl()


def _set_up(base: str) -> tuple[Browser, int, list[tuple[Browser, int]]]:
    """The coach with a new workshop, and thirty participants who joined and started the
    exit case: (coach, workshop id, [(participant, plan id)])."""
    coach = Browser(base)
    coach.login("coach@example.com", PASSWORD)
    response = coach.post(
        "/workshops",
        {
            "title": "Ending well",
            "language": "en",
            "date": date.today().isoformat(),
            "cases": ["exit", "reprice", "keep"],
        },
    )
    workshop_id = int(_location(response).rsplit("/", 1)[1])
    code = CODE_RE.search(response.read().decode())[1].strip()
    people = []
    for n in range(PARTICIPANTS):
        person = Browser(base)
        person.login(f"p{n:02d}@example.com", PASSWORD)
        person.post(f"/join/{code}", {}).read()
        started = person.post(f"/workshops/{workshop_id}/cases/exit/start", {})
        people.append((person, int(_location(started).rsplit("/", 1)[1])))
    # One participant shares their plan and the coach puts it on the projector: the screen's
    # poll then builds that plan's summary every time, the heavier case.
    first, plan_id = people[0]
    first.post(f"/workshops/{workshop_id}/plans/{plan_id}/share", {}).read()
    coach.post(f"/workshops/{workshop_id}/projector/plan", {"plan": str(plan_id)}).read()
    return coach, workshop_id, people


def _walker(people, seconds: float, seed: int, records) -> None:
    """One laptop per thread: autosaves at human pace, a step further now and then."""
    stop = time.perf_counter() + seconds

    def walk(index: int, person: Browser, plan_id: int) -> None:
        rng = random.Random(seed * 100 + index)
        htmx = {"HX-Request": "true", "X-CSRFToken": person.token}
        position = 0
        time.sleep(rng.uniform(0, 3))
        while time.perf_counter() < stop:
            step, field, value = WALK[position % len(WALK)]
            if len(value) > 4:  # a text: typed on, so every save changes it
                value = f"{value} ({rng.random():.6f})"
            t0 = time.perf_counter()
            try:
                person.post(f"/plans/{plan_id}/steps/{step}", {field: value}, headers=htmx).read()
                records.put(("save", "ok", time.perf_counter() - t0))
            except (urllib.error.HTTPError, OSError) as exc:
                records.put(("save", "error", getattr(exc, "code", str(exc))))
            if rng.random() < 0.4:
                position += 1
            time.sleep(rng.uniform(1.5, 4.5))

    threads = [
        threading.Thread(target=walk, args=(i, person, plan_id))
        for i, (person, plan_id) in enumerate(people)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _poller(browser: Browser, path: str, kind: str, seconds: float, records) -> None:
    """A page that refreshes a fragment every 2 s (the coach's progress view, the projector)."""
    stop = time.perf_counter() + seconds
    htmx = {"HX-Request": "true"}
    with browser.get(path) as first:  # the whole page once, as opened
        first.read()
    while time.perf_counter() < stop:
        t0 = time.perf_counter()
        try:
            with browser.get(path, headers=htmx) as response:
                response.read()
            records.put((kind, "ok", time.perf_counter() - t0))
        except (urllib.error.HTTPError, OSError) as exc:
            records.put((kind, "error", getattr(exc, "code", str(exc))))
        time.sleep(2.0)


def _copy(browser: Browser) -> Browser:
    """The same logged-in browser, for another process."""
    other = Browser(browser.base)
    other.token = browser.token
    for cookie in browser.jar_cookies():
        other.jar.set_cookie(cookie)
    return other


def _session(coach, workshop_id, people, seconds: float) -> list[tuple]:
    """The walking phase: three processes of ten participants, the coach's progress view and
    the projector, each in a process of its own; every request's (kind, status, seconds)."""
    context = multiprocessing.get_context("fork")
    records = context.Queue()
    processes = [
        context.Process(target=_walker, args=(people[i::3], seconds, i, records), daemon=True)
        for i in range(3)
    ]
    processes += [
        context.Process(
            target=_poller,
            args=(_copy(coach), f"/workshops/{workshop_id}/{page}", kind, seconds, records),
            daemon=True,
        )
        for page, kind in (("progress", "progress"), ("projector", "projector"))
    ]
    for process in processes:
        process.start()
    found = []
    deadline = time.monotonic() + seconds + 60
    while any(p.is_alive() for p in processes) or not records.empty():
        with contextlib.suppress(Exception):
            found.append(records.get(timeout=0.5))
        if time.monotonic() > deadline:
            break
    for process in processes:
        process.join(timeout=5)
    return found


def _document(person: Browser, workshop_id: int, plan_id: int) -> str:
    """What this participant downloads for the role play: the one who plays the client their
    role-play card, an observer the checklist, the one bringing the message the meeting card
    of their own plan (as their role-play page offers)."""
    with person.get(f"/workshops/{workshop_id}/roleplay") as response:
        page = response.read().decode()
    for document in ("card", "checklist"):
        if f"/roleplay/{document}.pdf" in page:
            return f"/workshops/{workshop_id}/roleplay/{document}.pdf"
    return f"/plans/{plan_id}/card.pdf"


def _kind(path: str) -> str:
    if "/roleplay/" in path:
        return "role-play card" if path.endswith("card.pdf") else "observer's checklist"
    return "meeting card"


def _cards(coach: Browser, workshop_id: int, people) -> dict:
    """The coach forms the triads and starts the first round; then the thirty press the
    download of their role-play document at the same moment."""
    coach.post(f"/workshops/{workshop_id}/triads", {}).read()
    coach.post(f"/workshops/{workshop_id}/triads/next-round", {}).read()
    paths = [_document(person, workshop_id, plan_id) for person, plan_id in people]
    began, ended, answers = downloads_at_once(
        [(person, path) for (person, _plan), path in zip(people, paths, strict=True)]
    )
    total = ended - began
    results = [
        (_kind(path), status, took) for path, (status, took) in zip(paths, answers, strict=True)
    ]
    kinds: dict[str, int] = {}
    for name, _status, _took in results:
        kinds[name] = kinds.get(name, 0) + 1
    return {
        "cards": len(results),
        "card_documents": kinds,
        "cards_total_s": round(total, 2),
        "slowest_card_s": round(max(t for *_, t in results), 2),
        "card_failures": sum(1 for _, status, _t in results if status != 200),
        "card_failure_statuses": sorted({status for _, status, _t in results if status != 200}),
    }


def _summary(records: list[tuple], kind: str) -> dict:
    times = [took for k, status, took in records if k == kind and status == "ok"]
    errors = [took for k, status, took in records if k == kind and status != "ok"]
    return {
        "count": len(times),
        "errors": len(errors),
        "error_statuses": sorted({str(e) for e in errors}),
        "p50_ms": ms(statistics.median(times)) if times else None,
        "p99_ms": ms(pct(times, 99)) if times else None,
        "max_ms": ms(max(times)) if times else None,
    }


def bench_workshop(seconds: float) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="exitcoach-workshop-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir}/bench.sqlite3",
        "SECRET_KEY": "bench",
    }
    emails = [f"p{n:02d}@example.com" for n in range(PARTICIPANTS)]
    _users(env, workdir, ["coach@example.com", *emails])
    with exitcoach_serve(env, workdir, timeout=60) as served:
        coach, workshop_id, people = _set_up(served.base)
        records = _session(coach, workshop_id, people, seconds)
        cards = _cards(coach, workshop_id, people)
    return {
        "participants": PARTICIPANTS,
        "seconds": seconds,
        "autosave": _summary(records, "save"),
        "progress": _summary(records, "progress"),
        "projector": _summary(records, "projector"),
        **cards,
    }


def verdicts(results: dict) -> list[tuple[str, str, str, bool]]:
    w = results["workshop"]
    errors = w["autosave"]["errors"] + w["progress"]["errors"] + w["projector"]["errors"]
    return [
        (
            "Autosave p99, 30 participants at human pace",
            f"≤ {TARGETS['autosave_p99_ms']} ms",
            f"{w['autosave']['p99_ms']} ms",
            (w["autosave"]["p99_ms"] or 1e9) <= TARGETS["autosave_p99_ms"],
        ),
        (
            "Progress view refresh, slowest",
            f"≤ {TARGETS['progress_max_ms']} ms",
            f"{w['progress']['max_ms']} ms",
            (w["progress"]["max_ms"] or 1e9) <= TARGETS["progress_max_ms"],
        ),
        ("Errors (autosaves, progress, projector)", "0", str(errors), errors == 0),
        (
            "30 role-play documents at once, all done",
            f"≤ {TARGETS['cards_total_s']:.0f} s",
            f"{w['cards_total_s']} s, {w['card_failures']} failed",
            w["cards_total_s"] <= TARGETS["cards_total_s"] and w["card_failures"] == 0,
        ),
    ]


def markdown(results: dict) -> str:
    w = results["workshop"]
    lines = [
        f"Measured {results['when']} on {results['machine']}; {w['participants']} participants "
        f"for {w['seconds']:.0f} s.",
        "",
        "| Measure | Target | Result | Met |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {m} | {t} | {r} | {'yes' if ok else '**no**'} |" for m, t, r, ok in verdicts(results)
    ]
    lines += [
        "",
        "| Requests | Count | p50 | p99 | Slowest | Errors |",
        "|---|---|---|---|---|---|",
    ]
    for label, key in (
        ("Autosaves", "autosave"),
        ("Progress view (every 2 s)", "progress"),
        ("Projector (every 2 s)", "projector"),
    ):
        s = w[key]
        lines.append(
            f"| {label} | {s['count']} | {s['p50_ms']} ms | {s['p99_ms']} ms | "
            f"{s['max_ms']} ms | {s['errors']} |"
        )
    documents = ", ".join(f"{n} × {name}" for name, n in sorted(w["card_documents"].items()))
    lines.append(
        f"\nThe thirty documents ({documents}): the slowest took {w['slowest_card_s']} s.\n"
    )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=2.0, help="walking phase (default 2)")
    parser.add_argument("--record", action="store_true", help="write into docs/performance.md")
    args = parser.parse_args(argv)
    results = {"when": date.today().isoformat(), "machine": machine()}
    print("a workshop of thirty against exitcoach serve…", file=sys.stderr)
    results["workshop"] = bench_workshop(args.minutes * 60)
    text = markdown(results)
    print(json.dumps(results, indent=2, ensure_ascii=False), file=sys.stderr)
    print(text)
    if args.record:
        record(text, *MARKERS)
        print("recorded in docs/performance.md", file=sys.stderr)
    return 0 if all(ok for *_, ok in verdicts(results)) else 1


if __name__ == "__main__":
    sys.exit(main())
