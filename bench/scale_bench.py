"""Speed and scale (issue 15): the targets of the scale-out set-up, measured on this machine.

1. Autosaves against `exitcoach serve --workers 2` on PostgreSQL: 30 clients saving in a closed
   loop (throughput, p99), and one client alone (median round trip).
2. Click to file: a plan's export step open ≥ 2 s before the click (the documents are made in
   the background), and a repeat download of an unchanged plan; beside it, half of a warm
   Chromium print of the same HTML (bench/pdf_bench.py).
3. The scale-out stack (gunicorn ×2, `exitcoach worker` ×2 on Redis, PostgreSQL): 30
   participants' exports at the same moment (each their own plan: nothing cached), with an
   autosaving user beside them; the largest process's RSS.
4. A cold `exitcoach pdf` against a cold hello-world render in a new Python.

`python -m bench.scale_bench --record` writes the results into docs/performance.md. It needs the
PostgreSQL and Redis of this machine (DATABASE_URL / REDIS_URL to use others).
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

from bench.pdf_bench import (
    ROOT,
    _rss_peaks,
    bench_chromium,
    documents,
    machine,
    ms,
    pct,
    record,
)
from tests.serving import Browser, downloads_at_once, exitcoach_serve

PASSWORD = "a long bench password"
PG_URL = os.environ.get("BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
EXAMPLES = sorted((ROOT / "content" / "examples").glob("*.json"))
EXAMPLE = ROOT / "content" / "examples" / "en-northwind-retail.json"  # the cold CLI's plan
TARGETS = {
    "saves_per_s": 300,
    "saves_p99_ms": 100,
    "single_median_ms": 4,
    "ready_click_ms": 50,  # and ≤ ½ of a warm Chromium print of the same HTML
    "repeat_click_ms": 30,
    "burst_s": 4.0,
    "burst_autosave_p99_ms": 50,
    "cold_ratio": 2.0,
    "rss_mib": 150,
}


# ---- set-up ------------------------------------------------------------------------------------


def _database() -> str:
    """A fresh database `exitcoach_bench` on the PostgreSQL server."""
    base = make_url(PG_URL)
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS exitcoach_bench WITH (FORCE)"))
        conn.execute(text("CREATE DATABASE exitcoach_bench"))
    admin.dispose()
    return base.set(database="exitcoach_bench").render_as_string(hide_password=False)


def _seed(env: dict, workdir: Path, accounts: dict[str, int]) -> dict[str, list[int]]:
    """Accounts with copies of the example plans (`{email: how many}`), the six cases in turn
    (exits and kept clients, Dutch and English, as the room's plans would differ), each for a
    client of its own so that no two render the same PDF; made in one process. The plan ids
    per email."""
    script = (
        "import json, sys\n"
        "from app import create_app\n"
        "from app.auth import accounts\n"
        "from app.plans import store\n"
        "from app.schema import upgrade_schema\n"
        "app = create_app()\n"
        "upgrade_schema(app)\n"
        "wanted = json.loads(sys.argv[3])\n"
        "cases = [json.loads(open(path).read()) for path in sys.argv[4:]]\n"
        "ids, n = {}, 0\n"
        "with app.app_context():\n"
        "    for email, count in wanted.items():\n"
        "        user = accounts.create_user(email, sys.argv[1])\n"
        "        ids[email] = []\n"
        "        for _ in range(count):\n"
        "            plan = cases[n % len(cases)]\n"
        "            n += 1\n"
        "            plan['client']['name'] = f'Participant {n}'\n"
        "            ids[email].append(store.import_plan(user, plan).id)\n"
        "print(json.dumps(ids))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, PASSWORD, "", json.dumps(accounts), *map(str, EXAMPLES)],
        env=env,
        cwd=workdir,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _env(database: str, **extra) -> dict:
    env = dict(os.environ)
    env.pop("REDIS_URL", None)  # only the stack's run uses Redis
    env.update({"DATABASE_URL": database, "SECRET_KEY": "bench"})
    env.update(extra)
    return env


# ---- 1. autosaves ------------------------------------------------------------------------------


class _LessonsSaver:
    """A client saving the lessons step as htmx does, on one keep-alive connection."""

    def __init__(self, base: str, cookie: str, token: str, plan_id: int):
        host, port = base.removeprefix("http://").split(":")
        self.address = (host, int(port))
        self.conn = http.client.HTTPConnection(*self.address, timeout=30)
        self.path = f"/plans/{plan_id}/steps/lessons"
        self.headers = {
            "Cookie": cookie,
            "HX-Request": "true",
            "X-CSRFToken": token,
            "Content-Type": "application/x-www-form-urlencoded",
        }

    def save(self, text: str) -> tuple[float, float, int]:
        """(started, seconds, status); status 0 when the connection failed (it is made anew)."""
        t0 = time.perf_counter()
        try:
            self.conn.request("POST", self.path, f"lessons={text}", self.headers)
            response = self.conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = http.client.HTTPConnection(*self.address, timeout=30)
            status = 0
        return t0, time.perf_counter() - t0, status


def _saver(base: str, cookie: str, token: str, plan_id: int, seconds: float, out) -> None:
    """A client saving in a closed loop: the round trips of the answered saves, and errors."""
    saver = _LessonsSaver(base, cookie, token, plan_id)
    times, errors, n = [], 0, 0
    stop = time.perf_counter() + seconds
    while time.perf_counter() < stop:
        n += 1
        _started, took, status = saver.save(f"draft+{n}+{uuid.uuid4().hex[:8]}")
        if status == 0:
            errors += 1
            continue
        if status != 200:
            errors += 1
        times.append(took)
    out.put((times, errors))


def _cookie(browser: Browser) -> str:
    return "; ".join(f"{c.name}={c.value}" for c in browser.jar_cookies())


def _closed_loop(base: str, people: list[tuple[Browser, int]], seconds: float) -> dict:
    """Every person saving as fast as their answers come, each in a process of its own
    (a laptop each, not threads that share this process's interpreter)."""
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    workers = [
        context.Process(
            target=_saver, args=(base, _cookie(b), b.token, plan_id, seconds, out), daemon=True
        )
        for b, plan_id in people
    ]
    for worker in workers:
        worker.start()
    results = [out.get(timeout=seconds + 60) for _ in workers]
    for worker in workers:
        worker.join(10)
    times = [t for some, _errors in results for t in some]
    return {
        "clients": len(people),
        "seconds": seconds,
        "saves": len(times),
        "errors": sum(errors for _times, errors in results),
        "per_s": round(len(times) / seconds, 1),
        "median_ms": ms(statistics.median(times)),
        "p99_ms": ms(pct(times, 99)),
        "max_ms": ms(max(times)),
    }


def bench_autosaves(seconds: float) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="exitcoach-scale-"))
    database = _database()
    env = _env(database, EXITCOACH_PDF_WORKERS="1")
    emails = [f"p{n}@example.com" for n in range(30)]
    plan_of = {
        email: ids[0] for email, ids in _seed(env, workdir, dict.fromkeys(emails, 1)).items()
    }
    with exitcoach_serve(env, workdir, timeout=90, args=("--workers", "2")) as served:
        people = []
        for email in emails:
            browser = Browser(served.base)
            browser.login(email, PASSWORD)
            people.append((browser, plan_of[email]))
        _closed_loop(served.base, people[:4], 2.0)  # warm every process
        single = _closed_loop(served.base, people[:1], seconds)
        crowd = _closed_loop(served.base, people, seconds)
    return {"single": single, "thirty": crowd}


# ---- 2. click to file --------------------------------------------------------------------------


def _timed_get(browser: Browser, path: str) -> tuple[float, bytes]:
    t0 = time.perf_counter()
    with browser.get(path) as response:
        body = response.read()
    return time.perf_counter() - t0, body


def bench_clicks(rounds: int) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="exitcoach-click-"))
    env = _env(f"sqlite:///{workdir}/bench.sqlite3")
    plan_ids = _seed(env, workdir, {"ann@example.com": rounds})["ann@example.com"]
    ready, repeat = [], []
    with exitcoach_serve(env, workdir, timeout=90) as served:
        ann = Browser(served.base)
        ann.login("ann@example.com", PASSWORD)
        _timed_get(ann, f"/plans/{plan_ids[0]}/card.pdf")  # a first click after the start
        for plan_id in plan_ids[1:]:
            ann.get(f"/plans/{plan_id}/steps/export").read()
            time.sleep(2.0)
            took, body = _timed_get(ann, f"/plans/{plan_id}/plan.pdf")
            assert body.startswith(b"%PDF")
            ready.append(took)
            took, body = _timed_get(ann, f"/plans/{plan_id}/plan.pdf")
            repeat.append(took)
    return {
        "ready_median_ms": ms(statistics.median(ready)),
        "ready_max_ms": ms(max(ready)),
        "repeat_median_ms": ms(statistics.median(repeat)),
        "repeat_max_ms": ms(max(repeat)),
        "rounds": len(ready),
    }


# ---- 3. the scale-out stack -------------------------------------------------------------------


def _autosaving(base: str, browser: Browser, plan_id: int, saving, out) -> None:
    """A participant typing beside the burst: a save every 50 ms while `saving` is set."""
    saver = _LessonsSaver(base, _cookie(browser), browser.token, plan_id)
    n, records = 0, []
    while saving.is_set():
        n += 1
        records.append(saver.save(f"typing+{n}"))
        time.sleep(0.05)
    out.put(records)


def bench_stack(bursts: int) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="exitcoach-stack-"))
    database = _database()
    prefix = f"exitcoach-bench-{uuid.uuid4().hex[:8]}:"
    env = _env(
        database,
        REDIS_URL=REDIS_URL,
        EXITCOACH_REDIS_PREFIX=prefix,
        EXITCOACH_PDF_WORKERS="2",
        EXITCOACH_PDF_PRERENDER="0",
    )
    seeded = _seed(env, workdir, {"coach@example.com": 30 * bursts, "typist@example.com": 1})
    plan_ids, typist_plan = seeded["coach@example.com"], seeded["typist@example.com"][0]
    exe = Path(sys.executable).with_name("exitcoach")
    worker = subprocess.Popen(
        [str(exe), "worker", "--processes", "2"], env=env, cwd=workdir, stdout=subprocess.DEVNULL
    )
    try:
        with exitcoach_serve(env, workdir, timeout=90, args=("--workers", "2")) as served:
            coach, typist = Browser(served.base), Browser(served.base)
            coach.login("coach@example.com", PASSWORD)
            typist.login("typist@example.com", PASSWORD)
            time.sleep(3.0)  # the render workers warm up
            coach.get(f"/plans/{plan_ids[0]}/card.pdf").read()
            context = multiprocessing.get_context("fork")
            saving, out = context.Event(), context.Queue()
            saving.set()
            saver = context.Process(
                target=_autosaving, args=(served.base, typist, typist_plan, saving, out)
            )
            saver.start()
            time.sleep(2.0)
            runs = []
            for burst in range(bursts):
                mine = plan_ids[burst * 30 : (burst + 1) * 30]
                paths = [
                    f"/plans/{plan_id}/{'card' if i % 3 == 2 else 'plan'}.pdf"
                    for i, plan_id in enumerate(mine)
                ]
                runs.append(downloads_at_once([(coach, path) for path in paths]))
                time.sleep(2.0)
            saving.clear()
            records = out.get(timeout=60)
            saver.join(10)
            peaks = _rss_peaks(served.pid)
            peaks.update({f"render {k}": v for k, v in _rss_peaks(worker.pid).items()})
    finally:
        worker.terminate()
        worker.wait(60)
    during = [took for started, took, _status in records for b, e, _r in runs if b <= started <= e]
    failures = [s for _b, _e, results in runs for s, _t in results if s != 200]
    return {
        "exports": 30,
        "bursts": bursts,
        "total_s": max(round(e - b, 2) for b, e, _r in runs),
        "failures": len(failures) + sum(1 for *_x, status in records if status != 200),
        "autosaves_during": len(during),
        "autosave_p99_ms": ms(pct(during, 99)) if during else None,
        "autosave_max_ms": ms(max(during)) if during else None,
        "rss_mib": peaks,
    }


# ---- 4. a cold command line -------------------------------------------------------------------


def bench_cold(rounds: int) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="exitcoach-cold-"))
    exe = Path(sys.executable).with_name("exitcoach")
    hello = "import weasyprint; weasyprint.HTML(string='<p>Hello</p>').write_pdf(sys.argv[1])"
    pdf, plain = [], []
    for _ in range(rounds):  # in turn, so both see the same machine
        t0 = time.perf_counter()
        subprocess.run(
            [str(exe), "pdf", str(EXAMPLE), "-o", str(workdir / "plan.pdf")],
            check=True,
            capture_output=True,
            cwd=workdir,
        )
        pdf.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", "import sys; " + hello, str(workdir / "hello.pdf")],
            check=True,
            capture_output=True,
            cwd=workdir,
        )
        plain.append(time.perf_counter() - t0)
    return {
        "pdf_ms": ms(statistics.median(pdf)),
        "hello_ms": ms(statistics.median(plain)),
        "ratio": round(statistics.median(pdf) / statistics.median(plain), 2),
    }


# ---- report -----------------------------------------------------------------------------------


def verdicts(r: dict) -> list[tuple[str, str, str, bool]]:
    t = TARGETS
    crowd, single, clicks = r["autosaves"]["thirty"], r["autosaves"]["single"], r["clicks"]
    stack, cold = r["stack"], r["cold"]
    half = (r.get("chromium") or {}).get("warm_plan_median_ms")
    bound = min(t["ready_click_ms"], half / 2) if half else t["ready_click_ms"]
    chromium = f" (½ × Chromium {half} ms)" if half else ""
    p99 = stack["autosave_p99_ms"] or 0
    largest = max(stack["rss_mib"].values())
    return [
        (
            "Autosaves/s, 30 clients in a closed loop",
            f"≥ {t['saves_per_s']}",
            f"{crowd['per_s']}",
            crowd["per_s"] >= t["saves_per_s"],
        ),
        (
            "… their p99",
            f"≤ {t['saves_p99_ms']} ms",
            f"{crowd['p99_ms']} ms",
            crowd["p99_ms"] <= t["saves_p99_ms"],
        ),
        (
            "Autosave, one client, median",
            f"≤ {t['single_median_ms']} ms",
            f"{single['median_ms']} ms",
            single["median_ms"] <= t["single_median_ms"],
        ),
        (
            "Click to file, export step open ≥ 2 s before (median)",
            f"≤ {bound:g} ms{chromium}",
            f"{clicks['ready_median_ms']} ms",
            clicks["ready_median_ms"] <= bound,
        ),
        (
            "Click to file, repeat download (median)",
            f"≤ {t['repeat_click_ms']} ms",
            f"{clicks['repeat_median_ms']} ms",
            clicks["repeat_median_ms"] <= t["repeat_click_ms"],
        ),
        (
            "30 simultaneous exports, scale-out stack",
            f"≤ {t['burst_s']} s, 0 failures",
            f"{stack['total_s']} s, {stack['failures']} failures",
            stack["total_s"] <= t["burst_s"] and stack["failures"] == 0,
        ),
        (
            "… autosave p99 meanwhile",
            f"≤ {t['burst_autosave_p99_ms']} ms",
            f"{p99} ms",
            p99 <= t["burst_autosave_p99_ms"],
        ),
        (
            "Cold `exitcoach pdf` / cold hello render",
            f"≤ {t['cold_ratio']}×",
            f"{cold['ratio']}× ({cold['pdf_ms']} / {cold['hello_ms']} ms)",
            cold["ratio"] <= t["cold_ratio"],
        ),
        ("Largest process RSS", f"≤ {t['rss_mib']} MiB", f"{largest} MiB", largest <= t["rss_mib"]),
    ]


def markdown(r: dict) -> str:
    lines = [
        f"Measured {r['when']} on {r['machine']}.",
        "",
        "| measure | target | result | |",
        "|---|---|---|---|",
    ]
    for name, target, result, ok in verdicts(r):
        lines.append(f"| {name} | {target} | {result} | {'met' if ok else '**not met**'} |")
    crowd, stack = r["autosaves"]["thirty"], r["stack"]
    lines += [
        "",
        f"- Autosaves: `exitcoach serve --workers 2` on PostgreSQL; {crowd['saves']} saves by 30 "
        f"clients in {crowd['seconds']:g} s (each client its own process, one keep-alive "
        f"connection), {crowd['errors']} errors, slowest {crowd['max_ms']} ms.",
        f"- Click to file: {r['clicks']['rounds']} plans, the export step opened 2 s before each "
        f"click (slowest {r['clicks']['ready_max_ms']} ms); the repeat download of the same plan "
        f"(slowest {r['clicks']['repeat_max_ms']} ms).",
        f"- Scale-out stack: gunicorn ×2, `exitcoach worker --processes 2` on Redis, "
        f"PostgreSQL; {stack['bursts']} bursts of 30 exports (full plan ×20, card ×10, each its "
        f"own participant's plan, nothing made before), an autosaving user beside them "
        f"({stack['autosaves_during']} saves during the bursts, slowest "
        f"{stack['autosave_max_ms']} ms). RSS peaks (MiB): "
        + ", ".join(f"{k} {v}" for k, v in sorted(stack["rss_mib"].items()))
        + ".",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="closed-loop seconds (20)")
    parser.add_argument("--clicks", type=int, default=8, help="plans clicked after 2 s (8)")
    parser.add_argument("--bursts", type=int, default=3, help="bursts of 30 exports (3)")
    parser.add_argument("--record", action="store_true", help="write into docs/performance.md")
    args = parser.parse_args(argv)
    results = {"when": date.today().isoformat(), "machine": machine()}
    print("cold command line…", file=sys.stderr)
    results["cold"] = bench_cold(5)
    print("Chromium, warm…", file=sys.stderr)
    docs = [d for d in documents() if d[0] == EXAMPLE.stem]
    results["chromium"] = bench_chromium(docs, 5)
    print("click to file…", file=sys.stderr)
    results["clicks"] = bench_clicks(args.clicks + 1)
    print("autosaves…", file=sys.stderr)
    results["autosaves"] = bench_autosaves(args.seconds)
    print("the scale-out stack…", file=sys.stderr)
    results["stack"] = bench_stack(args.bursts)
    text = markdown(results)
    print(json.dumps(results, indent=2, ensure_ascii=False), file=sys.stderr)
    print(text)
    if args.record:
        record(text, "<!-- scale:begin -->", "<!-- scale:end -->")
    return 0 if all(ok for *_x, ok in verdicts(results)) else 1


if __name__ == "__main__":
    sys.exit(main())
