"""Benchmark of the printed documents: render speed, memory, and exports under workshop load.

    .venv/bin/python -m bench.pdf_bench            # print the results
    .venv/bin/python -m bench.pdf_bench --record   # and write them into docs/performance.md

Plain Python, no test framework. It measures, on the example plans in content/examples:

1. warm render time of the full plan and of the meeting card (median, p95) and peak memory,
   in one process that has already imported WeasyPrint and rendered once;
2. the same HTML printed by headless Chromium, warm (one browser, a page per document, via
   Playwright) and cold (`chromium --print-to-pdf`, a new browser per document);
3. workshop bursts against the real server (`exitcoach serve`, fresh SQLite database): three
   times thirty simultaneous PDF exports while a second client keeps autosaving a step,
   reporting each burst's total time, the failures, the autosaves' p50/p99 over the three
   bursts (one burst has only ~60 autosaves, whose p99 would be its slowest one), and the
   peak memory (RSS) of every server process (the web server and each render worker).

No timing is asserted anywhere in the test suite; targets are checked here and recorded in
docs/performance.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import date
from pathlib import Path

from tests.serving import CHROMIUM_ARGS, Browser, children, downloads_at_once, exitcoach_serve

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "content" / "examples").glob("*.json"))
DOC = ROOT / "docs" / "performance.md"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
TARGETS = {
    "plan_median_ms": 350,
    "card_median_ms": 150,
    "burst_total_s": 8.0,
    "autosave_p99_ms": 50,
    "rss_mib": 150,
}


def pct(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of `values`."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


# ---- 1. warm renders ----------------------------------------------------------------------------


def documents() -> list[tuple[str, str, object, str]]:
    """(example, which, report, html) for every example plan and both documents.

    The HTML links the print stylesheet as a file, so Chromium can print exactly what
    WeasyPrint prints.
    """
    from app.content import load_content
    from app.pdf.documents import document_html, report_for
    from app.pdf.render import static_base_url

    content = load_content()
    css = static_base_url() + "css/print.css"
    out = []
    for path in EXAMPLES:
        plan = json.loads(path.read_text(encoding="utf-8"))
        report = report_for(plan, content, date(2026, 11, 26))
        for which in ("plan", "card"):
            out.append((path.stem, which, report, document_html(report, which, stylesheet=css)))
    return out


def bench_weasyprint(docs, rounds: int) -> dict:
    """Warm renders in a render worker, exactly as the server makes them, one at a time."""
    import io

    from pypdf import PdfReader

    from app.pdf import documents
    from app.pdf.pool import RenderPool

    pool = RenderPool(1, 0)
    started = time.perf_counter()
    pool.start()
    warm_up_s = time.perf_counter() - started
    times: dict[str, list[float]] = {"plan": [], "card": []}
    pages = {}
    try:
        for _ in range(rounds):
            for name, which, report, _html in docs:
                t0 = time.perf_counter()
                body = pool.run(documents.pdf_for_report, report, which)
                times[which].append(time.perf_counter() - t0)
                if (name, which) not in pages:
                    pages[(name, which)] = len(PdfReader(io.BytesIO(body)).pages)
                time.sleep(0.05)  # a moment between clicks, as between two users
        (worker,) = pool.pids()
        peak = _rss_peaks(worker).get("server", 0.0)
    finally:
        pool.shutdown()
    return {
        "warm_up_s": round(warm_up_s, 2),
        "plan_median_ms": ms(statistics.median(times["plan"])),
        "plan_p95_ms": ms(pct(times["plan"], 95)),
        "card_median_ms": ms(statistics.median(times["card"])),
        "card_p95_ms": ms(pct(times["card"], 95)),
        "renders": sum(len(v) for v in times.values()),
        "peak_rss_mib": peak,
        "pages": {f"{n} {w}": p for (n, w), p in sorted(pages.items())},
    }


# ---- 2. Chromium on the same HTML ---------------------------------------------------------------


def bench_chromium(docs, rounds: int) -> dict:
    if not Path(CHROMIUM).exists():
        return {"error": f"no Chromium at {CHROMIUM}"}
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {"plan": [], "card": []}
    workdir = Path(tempfile.mkdtemp(prefix="exitcoach-chromium-"))
    files = []
    for i, (_name, which, _report, html) in enumerate(docs):
        path = workdir / f"{i}-{which}.html"
        path.write_text(html, encoding="utf-8")
        files.append((which, path))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page()
        page.goto(files[0][1].as_uri())
        page.pdf(format="A4")  # warm
        for _ in range(rounds):
            for which, path in files:
                t0 = time.perf_counter()
                page.goto(path.as_uri())
                page.pdf(format="A4", prefer_css_page_size=True)
                times[which].append(time.perf_counter() - t0)
        browser.close()
    cold = []
    for which, path in files[:2]:
        out = workdir / "cold.pdf"
        t0 = time.perf_counter()
        subprocess.run(
            [CHROMIUM, "--headless", *CHROMIUM_ARGS, f"--print-to-pdf={out}", path.as_uri()],
            check=True,
            capture_output=True,
            timeout=120,
        )
        cold.append((which, time.perf_counter() - t0))
    return {
        "warm_plan_median_ms": ms(statistics.median(times["plan"])),
        "warm_card_median_ms": ms(statistics.median(times["card"])),
        "cold_plan_ms": ms(next(t for w, t in cold if w == "plan")),
        "cold_card_ms": ms(next(t for w, t in cold if w == "card")),
    }


# ---- 3. the workshop burst against the real server ----------------------------------------------


def _rss_peaks(pid: int) -> dict[str, float]:
    """Peak RSS (VmHWM, MiB) of the server process and its children (the render workers)."""
    peaks = {}
    for child in sorted({pid, *children(pid)}):
        try:
            status = Path(f"/proc/{child}/status").read_text()
        except OSError:
            continue
        hwm = re.search(r"VmHWM:\s+(\d+) kB", status)
        name = "server" if child == pid else f"worker {child}"
        # resource_tracker and other helpers of multiprocessing are tiny; they count too
        peaks[name] = round(int(hwm[1]) / 1024, 1) if hwm else 0.0
    return peaks


def _autosave_loop(base, cookies, token, plan_id, saving, saves) -> None:
    """A user typing in the lessons step: an htmx autosave every 50 ms while `saving` is set."""
    user = Browser(base)
    user.token = token
    for cookie in cookies:
        user.jar.set_cookie(cookie)
    htmx = {"HX-Request": "true", "X-CSRFToken": token}
    n = 0
    while saving.is_set():
        n += 1
        t0 = time.perf_counter()  # CLOCK_MONOTONIC: comparable across processes
        try:
            user.post(
                f"/plans/{plan_id}/steps/lessons",
                {"lessons": f"Lesson draft {n} {uuid.uuid4().hex}"},
                headers=htmx,
            ).read()
            saves.put(("ok", t0, time.perf_counter() - t0))
        except urllib.error.HTTPError as exc:
            saves.put(("error", t0, exc.code))
        time.sleep(0.05)


def bench_burst(exports: int, rounds: int) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="exitcoach-serve-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir}/bench.sqlite3",
        "SECRET_KEY": "bench",
    }
    exe = Path(sys.executable).with_name("exitcoach")
    email, password = "coach@example.com", "a long bench password"
    subprocess.run(
        [str(exe), "user", "create", email, "--password-stdin"],
        input=password + "\n",
        text=True,
        env=env,
        check=True,
        capture_output=True,
        cwd=workdir,
    )
    plan_ids = []
    for path in EXAMPLES:
        out = subprocess.run(
            [str(exe), "import", str(path), "--user", email],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            cwd=workdir,
        ).stdout.split()
        plan_ids.append(int(out[0]))
    with exitcoach_serve(env, workdir, timeout=60) as served:
        base = served.base
        exporter, saver = Browser(base), Browser(base)
        exporter.login(email, password)
        saver.login(email, password)
        # one export before the burst, as a first click after start would be
        exporter.get(f"/plans/{plan_ids[0]}/card.pdf").read()

        # The autosaving user is another browser: its own process, so the thirty export
        # threads of this process do not slow down its requests on the client side.
        context = multiprocessing.get_context("fork")
        saving = context.Event()
        saving.set()
        saves = context.Queue()
        saver_process = context.Process(
            target=_autosave_loop,
            args=(base, saver.jar_cookies(), saver.token, plan_ids[1], saving, saves),
            daemon=True,
        )
        saver_process.start()
        time.sleep(3.0)  # autosaves before the burst, for comparison

        bursts = []  # (start, end, [(status, seconds)]) per burst
        for burst in range(rounds):
            if burst:
                time.sleep(2.0)  # the room catches its breath; autosaving goes on
            bursts.append(_one_burst(exporter, plan_ids, exports))
        saving.clear()
        saver_process.join(timeout=30)
        records = []
        while not saves.empty():
            records.append(saves.get())
        save_errors = [r for r in records if r[0] == "error"]
        timed = [(started, took) for kind, started, took in records if kind == "ok"]
        baseline = [took for started, took in timed if started < bursts[0][0]]
        during, slow = [], []
        for n, (began, ended, _results) in enumerate(bursts, 1):
            for started, took in timed:
                if began <= started <= ended:
                    during.append(took)
                    if took > 0.05:
                        slow.append((n, round(started - began, 2), ms(took)))
        peaks = _rss_peaks(served.pid)
    results = [result for _began, _ended, some in bursts for result in some]
    failures = [s for s, _ in results if s != 200]
    totals = [round(ended - began, 2) for began, ended, _ in bursts]
    return {
        "exports": exports,
        "bursts": rounds,
        "plans": "full plan ×20, meeting card ×10, over the three example plans",
        "total_s": max(totals),
        "totals_s": totals,
        "slowest_export_s": round(max(t for _, t in results), 2),
        "failures": len(failures),
        "failure_statuses": sorted(set(failures)),
        "autosaves_during_burst": len(during),
        "autosave_p50_ms": ms(statistics.median(during)) if during else None,
        "autosave_p99_ms": ms(pct(during, 99)) if during else None,
        "autosave_max_ms": ms(max(during)) if during else None,
        "autosave_baseline_p50_ms": ms(statistics.median(baseline)) if baseline else None,
        "autosave_baseline_p99_ms": ms(pct(baseline, 99)) if baseline else None,
        "autosaves_before_burst": len(baseline),
        "autosave_errors": len(save_errors),
        "slow_autosaves": slow,
        "rss_peak_mib": peaks,
    }


def _one_burst(exporter: Browser, plan_ids: list[int], exports: int):
    """`exports` downloads at the same moment (full plan ×2, meeting card ×1, in turn, over the
    plans): (start, end, [(status, seconds)])."""
    paths = [
        f"/plans/{plan_ids[i % len(plan_ids)]}/{'card' if i % 3 == 2 else 'plan'}.pdf"
        for i in range(exports)
    ]
    return downloads_at_once([(exporter, path) for path in paths])


# ---- report -------------------------------------------------------------------------------------


def machine(extra: str = "") -> str:
    """The machine, Python and the commit, as every benchmark records them; `extra` adds a
    library version (the portfolio bench leaves WeasyPrint out: importing it would count in
    its memory figures)."""
    cpu = "unknown CPU"
    with contextlib.suppress(OSError, TypeError):
        cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())[1]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    return (
        f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
        + (f", {extra}" if extra else "")
        + (f", commit {commit}" if commit else "")
    )


def verdicts(results: dict) -> list[tuple[str, str, str, bool]]:
    """(measure, target, result, met) for every target."""
    w, c, b = results["weasyprint"], results.get("chromium", {}), results["burst"]
    plan, card = w["plan_median_ms"], w["card_median_ms"]
    rows = [
        ("Full plan, warm, median", f"≤ {TARGETS['plan_median_ms']} ms", f"{plan} ms",
         plan <= TARGETS["plan_median_ms"]),
        ("Meeting card, warm, median", f"≤ {TARGETS['card_median_ms']} ms", f"{card} ms",
         card <= TARGETS["card_median_ms"]),
    ]  # fmt: skip
    if "warm_plan_median_ms" in c:
        warm, cold = c["warm_plan_median_ms"], c["cold_plan_ms"]
        rows.append(("Full plan vs Chromium, warm browser", f"≤ ½ × {warm} ms", f"{plan} ms",
                     plan <= warm / 2))  # fmt: skip
        rows.append(("Full plan vs Chromium, browser per document", f"≤ ½ × {cold} ms",
                     f"{plan} ms", plan <= cold / 2))  # fmt: skip
    biggest = max(b["rss_peak_mib"].values())
    p99 = b["autosave_p99_ms"]
    rows += [
        ("30 simultaneous exports, all done (slowest burst)",
         f"≤ {TARGETS['burst_total_s']} s", f"{b['total_s']} s",
         b["total_s"] <= TARGETS["burst_total_s"]),
        ("Export failures", "0", str(b["failures"]), b["failures"] == 0),
        ("Autosave p99 during the bursts", f"≤ {TARGETS['autosave_p99_ms']} ms", f"{p99} ms",
         p99 is not None and p99 <= TARGETS["autosave_p99_ms"]),
        ("Largest server process (peak RSS)", f"≤ {TARGETS['rss_mib']} MiB", f"{biggest} MiB",
         biggest <= TARGETS["rss_mib"]),
    ]  # fmt: skip
    return rows


def markdown(results: dict) -> str:
    w, c, b = results["weasyprint"], results.get("chromium", {}), results["burst"]
    lines = [
        f"Measured {results['when']} on {results['machine']}.",
        "",
        "| Measure | Target | Result | Met |",
        "|---|---|---|---|",
    ]
    for name, target, value, ok in verdicts(results):
        lines.append(f"| {name} | {target} | {value} | {'yes' if ok else '**no**'} |")
    lines += [
        "",
        "Details:",
        "",
        f"- WeasyPrint in a warm render worker, {w['renders']} renders one after another (the "
        f"time includes handing the report to the worker and the PDF back): full plan median "
        f"{w['plan_median_ms']} ms (p95 {w['plan_p95_ms']} ms); meeting card median "
        f"{w['card_median_ms']} ms (p95 {w['card_p95_ms']} ms); starting and warming the "
        f"worker {w['warm_up_s']} s; the worker's peak RSS {w['peak_rss_mib']} MiB.",
        "- Pages: " + ", ".join(f"{k}: {v}" for k, v in w["pages"].items()) + ".",
    ]
    if "warm_plan_median_ms" in c:
        lines.append(
            f"- Chromium on the same HTML: warm (one browser, Playwright) full plan "
            f"{c['warm_plan_median_ms']} ms, card {c['warm_card_median_ms']} ms; cold "
            f"(`chromium --print-to-pdf`, a browser per document) full plan "
            f"{c['cold_plan_ms']} ms, card {c['cold_card_ms']} ms."
        )
    elif c:
        lines.append(f"- Chromium: {c.get('error')}.")
    lines += [
        f"- Bursts: {b['bursts']} times {b['exports']} simultaneous exports ({b['plans']}), two "
        f"seconds apart; each burst all done in {', '.join(f'{t} s' for t in b['totals_s'])}; "
        f"slowest single export {b['slowest_export_s']} s; {b['failures']} failures.",
        f"- Autosaves: {b['autosaves_during_burst']} during the bursts, p50 "
        f"{b['autosave_p50_ms']} ms, p99 {b['autosave_p99_ms']} ms, slowest "
        f"{b['autosave_max_ms']} ms; {b['autosaves_before_burst']} before the first burst with "
        f"nothing else going on: p50 {b['autosave_baseline_p50_ms']} ms, p99 "
        f"{b['autosave_baseline_p99_ms']} ms; {b['autosave_errors']} errors. Autosaves over "
        f"50 ms (burst, seconds into it, ms): {b['slow_autosaves'] or 'none'}.",
        "- Peak RSS per server process: "
        + ", ".join(f"{k} {v} MiB" for k, v in b["rss_peak_mib"].items())
        + ".",
    ]
    return "\n".join(lines) + "\n"


def record(text: str, begin: str = "<!-- bench:begin -->", end: str = "<!-- bench:end -->"):
    """Put `text` between the markers `begin` and `end` of docs/performance.md."""
    doc = DOC.read_text(encoding="utf-8")
    head, _, rest = doc.partition(begin)
    _, _, tail = rest.partition(end)
    DOC.write_text(f"{head}{begin}\n{text}{end}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15, help="renders per document (default 15)")
    parser.add_argument("--exports", type=int, default=30, help="simultaneous exports (30)")
    parser.add_argument("--bursts", type=int, default=3, help="bursts of exports (default 3)")
    parser.add_argument("--no-chromium", action="store_true", help="skip the Chromium comparison")
    parser.add_argument("--record", action="store_true", help="write into docs/performance.md")
    args = parser.parse_args(argv)

    docs = documents()
    import weasyprint

    results = {
        "when": date.today().isoformat(),
        "machine": machine(f"WeasyPrint {weasyprint.__version__}"),
    }
    print("rendering with WeasyPrint…", file=sys.stderr)
    results["weasyprint"] = bench_weasyprint(docs, args.rounds)
    if not args.no_chromium:
        print("rendering with Chromium…", file=sys.stderr)
        results["chromium"] = bench_chromium(docs, max(3, args.rounds // 3))
    print("workshop burst against exitcoach serve…", file=sys.stderr)
    results["burst"] = bench_burst(args.exports, args.bursts)
    text = markdown(results)
    print(json.dumps(results, indent=2, ensure_ascii=False), file=sys.stderr)
    print(text)
    if args.record:
        record(text)
        print(f"recorded in {DOC.relative_to(ROOT)}", file=sys.stderr)
    return 0 if all(ok for *_, ok in verdicts(results)) else 1


if __name__ == "__main__":
    sys.exit(main())
