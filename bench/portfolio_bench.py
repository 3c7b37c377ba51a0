"""Benchmark of the portfolio with a large client base: reading and analysing a 5,000-client CSV,
the overview page for 5,000 clients, and the memory the process needs for it.

    .venv/bin/python -m bench.portfolio_bench            # print the results
    .venv/bin/python -m bench.portfolio_bench --record   # and write them into docs/performance.md

Plain Python, no test framework, one process. It makes a client base of its own (fixed seed,
a long tail of revenue as in a real base, some clients that lose money, some scales unknown),
writes it as a Dutch Excel CSV (semicolons, decimal commas, BOM) and measures:

1. parse + analysis of that file (`portfolio_csv.parse`, then `analyze_portfolio`), median of
   several rounds, and storing it (`store.import_rows`, one transaction, on SQLite);
2. GET /portfolio for a user with those 5,000 clients, through the app in this process (no
   network: the time is the server's), median and p95 after one warm-up request;
3. the peak resident memory (RSS) of each of the two processes: each measurement runs in a
   fresh process of its own, as an import and a page view run in a server process.

No timing is asserted in the test suite; the targets are checked here and recorded in
docs/performance.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import multiprocessing
import random
import resource
import statistics
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from bench.pdf_bench import machine, ms, pct, record

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- bench-portfolio:begin -->", "<!-- bench-portfolio:end -->"
TARGETS = {"analysis_s": 2.0, "page_median_ms": 300, "rss_mib": 150}


def client_base(n: int, seed: int = 12):
    """`n` clients like a real base: revenue with a long tail, hours roughly in line with it
    (some clients take far more than they pay for), scales sometimes unknown."""
    from app.domain.portfolio import ClientRow

    rng = random.Random(seed)
    rows = []
    for i in range(n):
        revenue = Decimal(int(min(rng.paretovariate(1.16) * 2500, 2_000_000)))
        hourly = Decimal(rng.choice((45, 55, 65)))
        weeks_share = Decimal(str(round(rng.uniform(0.02, 0.25), 3)))
        hours = (revenue * weeks_share / hourly / 46).quantize(Decimal("0.1"))
        rows.append(
            ClientRow(
                client=f"Client {i:05d} {rng.choice(('BV', 'VOF', 'NV', '& Zn.', 'Holding'))}",
                annual_revenue=revenue,
                gross_margin_pct=Decimal(rng.randint(20, 65)),
                hours_per_week=hours,
                hourly_cost=hourly,
                other_annual_costs=(revenue * rng.randint(0, 8) / 100).quantize(Decimal(1)),
                payment_days_late=Decimal(rng.choice((0, 0, 0, 3, 7, 14, 35, 60))),
                strain=rng.choice((None, 1, 2, 2, 2, 3, 3, 3, 4, 5)),
                value=rng.choice((None, 1, 2, 3, 3, 4, 5)),
                potential=rng.choice((None, 1, 2, 3, 4, 5)),
            )
        )
    return rows


def bench_analysis(data: bytes, rounds: int) -> dict:
    """Read the CSV and analyse it, as `exitcoach portfolio analyze` and the import do."""
    from app.content import load_content
    from app.domain.analysis import Thresholds
    from app.domain.portfolio import PortfolioThresholds, analyze_portfolio
    from app.domain.portfolio_csv import parse

    content = load_content()
    thresholds = PortfolioThresholds.from_model(content.model)
    model = Thresholds.from_model(content.model)
    parse_times, analysis_times = [], []
    parsed = analysis = None
    for _ in range(rounds):
        t0 = time.perf_counter()
        parsed = parse(data)
        t1 = time.perf_counter()
        analysis = analyze_portfolio([row for row in _rows(parsed)], thresholds, model)
        t2 = time.perf_counter()
        parse_times.append(t1 - t0)
        analysis_times.append(t2 - t1)
    totals = [a + b for a, b in zip(parse_times, analysis_times, strict=True)]
    return {
        "rows": len(analysis.clients),
        "problems": len(parsed.problems),
        "parse_median_ms": ms(statistics.median(parse_times)),
        "analysis_median_ms": ms(statistics.median(analysis_times)),
        "total_median_s": round(statistics.median(totals), 3),
        "total_max_s": round(max(totals), 3),
        "classes": {t.klass: t.clients for t in analysis.classes},
    }


def _rows(parsed):
    """The valid rows of a parse, whatever shape the parser gives them in."""
    for item in parsed.rows:
        yield getattr(item, "row", item)


def bench_page(rows, requests: int) -> dict:
    """GET /portfolio for a user with `rows`, on a fresh SQLite database."""
    from app import create_app
    from app.extensions import db
    from app.models import User
    from app.portfolio import store
    from app.schema import upgrade_schema
    from tests.conftest import Actions

    logging.disable(logging.INFO)  # the migrations' chatter
    workdir = Path(tempfile.mkdtemp(prefix="exitcoach-portfolio-bench-"))
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'bench.sqlite3'}",
            "SECRET_KEY": "bench",
            "PDF_WORKERS": 0,
        },
        instance_path=str(workdir / "instance"),
    )
    upgrade_schema(app)
    client = app.test_client()
    Actions(client).register("bench@example.com", "correct horse battery")
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "bench@example.com"))
        t0 = time.perf_counter()
        store.import_rows(user, rows)
        import_s = time.perf_counter() - t0
        db.session.remove()
    # As `exitcoach serve` does once it has started: what lives as long as the server is
    # frozen out of the collector's full passes (app/cli.py).
    gc.collect()
    gc.freeze()
    first = client.get("/portfolio")
    assert first.status_code == 200, first.status_code
    size = len(first.data)
    times = []
    for _ in range(requests):
        t0 = time.perf_counter()
        response = client.get("/portfolio")
        times.append(time.perf_counter() - t0)
        assert response.status_code == 200
    others = {}
    pages = (("clients", "/portfolio/clients"), ("attention", "/portfolio/attention-plan"))
    for name, url in pages:
        assert client.get(url).status_code == 200, url
        spent = []
        for _ in range(max(3, requests // 3)):
            t0 = time.perf_counter()
            assert client.get(url).status_code == 200, url
            spent.append(time.perf_counter() - t0)
        others[f"{name}_median_ms"] = ms(statistics.median(spent))
    return {
        **others,
        "import_s": round(import_s, 3),
        "requests": requests,
        "page_median_ms": ms(statistics.median(times)),
        "page_p95_ms": ms(pct(times, 95)),
        "page_kib": round(size / 1024, 1),
    }


def peak_rss_mib() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _child(job: str, clients: int, rounds: int, queue) -> None:
    """One measurement in a process of its own; its result carries the process's peak RSS."""
    if job == "analysis":
        from app.domain.portfolio_csv import write

        result = bench_analysis(write(client_base(clients), "nl"), rounds)
    else:
        result = bench_page(client_base(clients), rounds)
    result["rss_mib"] = peak_rss_mib()
    queue.put(result)


def in_process(job: str, clients: int, rounds: int) -> dict:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(job, clients, rounds, queue))
    process.start()
    result = queue.get(timeout=600)
    process.join()
    return result


def verdicts(results: dict) -> list[tuple[str, str, str, bool]]:
    a, p = results["analysis"], results["page"]
    rss = max(a["rss_mib"], p["rss_mib"])
    return [
        ("Parse + analysis of a 5,000-client CSV (slowest round)",
         f"≤ {TARGETS['analysis_s']} s", f"{a['total_max_s']} s",
         a["total_max_s"] <= TARGETS["analysis_s"]),
        ("/portfolio for 5,000 clients, server time, median",
         f"≤ {TARGETS['page_median_ms']} ms", f"{p['page_median_ms']} ms",
         p["page_median_ms"] <= TARGETS["page_median_ms"]),
        ("/portfolio/clients (first 50 of 5,000, ranked), server time, median",
         f"≤ {TARGETS['page_median_ms']} ms", f"{p['clients_median_ms']} ms",
         p["clients_median_ms"] <= TARGETS["page_median_ms"]),
        ("Peak memory of a process (RSS, the larger of the two)",
         f"≤ {TARGETS['rss_mib']} MiB", f"{rss} MiB",
         rss <= TARGETS["rss_mib"]),
    ]  # fmt: skip


def markdown(results: dict) -> str:
    a, p = results["analysis"], results["page"]
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
        f"- The file: {results['clients']:,} clients, {results['csv_kib']} KiB, Dutch Excel "
        f"dialect (semicolons, decimal commas, BOM); {a['rows']:,} rows read, "
        f"{a['problems']} problems.",
        f"- Over {results['rounds']} rounds: parse median {a['parse_median_ms']} ms, analysis "
        f"median {a['analysis_median_ms']} ms, together median {a['total_median_s']} s. "
        "Classes: " + ", ".join(f"{k} {v:,}" for k, v in a["classes"].items()) + ".",
        f"- Storing the 5,000 rows (`store.import_rows`, one transaction, SQLite): "
        f"{p['import_s']} s.",
        f"- GET /portfolio, {p['requests']} requests after a warm-up one: median "
        f"{p['page_median_ms']} ms, p95 {p['page_p95_ms']} ms; the page is "
        f"{p['page_kib']} KiB of HTML. The attention plan's preview for the same base: "
        f"median {p['attention_median_ms']} ms.",
        f"- Peak RSS: {a['rss_mib']} MiB for the process that reads and analyses the file "
        f"(five times over), {p['rss_mib']} MiB for the one that stores the base and serves "
        f"the page; about 65 MiB of each is the app itself (Flask, SQLAlchemy, Babel, the "
        f"content) before any client is read.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=5000, help="clients in the base (5000)")
    parser.add_argument("--rounds", type=int, default=5, help="parse + analysis rounds (5)")
    parser.add_argument("--requests", type=int, default=15, help="page requests (15)")
    parser.add_argument("--record", action="store_true", help="write into docs/performance.md")
    args = parser.parse_args(argv)

    from app.domain.portfolio_csv import write

    data = write(client_base(args.clients), "nl")
    results = {
        "when": date.today().isoformat(),
        "machine": machine(),
        "clients": args.clients,
        "rounds": args.rounds,
        "csv_kib": round(len(data) / 1024, 1),
    }
    print("parsing and analysing…", file=sys.stderr)
    results["analysis"] = in_process("analysis", args.clients, args.rounds)
    print("the overview page…", file=sys.stderr)
    results["page"] = in_process("page", args.clients, args.requests)
    text = markdown(results)
    print(json.dumps(results, indent=2, ensure_ascii=False), file=sys.stderr)
    print(text)
    if args.record:
        record(text, BEGIN, END)
        print(f"recorded in {DOC.relative_to(ROOT)}", file=sys.stderr)
    return 0 if all(ok for *_, ok in verdicts(results)) else 1


if __name__ == "__main__":
    sys.exit(main())
