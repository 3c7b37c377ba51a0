"""Benchmark of the account's data download and deletion with 200 plans (issue 14).

    .venv/bin/python -m bench.account_bench            # print the results
    .venv/bin/python -m bench.account_bench --record   # and write them into docs/performance.md

Plain Python, no test framework. In a fresh process of its own (as a server process) it makes
an account on a fresh SQLite database with `--plans` full plans (the three example cases in
turn: four to seven pages each as a PDF), a portfolio of 500 clients and a workshop it coaches
with ten participants, then, through the app with its real render pool (two workers):

1. GET /account/export.zip, read as a stream: the time to the first bytes and to the last, the
   size, and the peak resident memory (RSS) of the server process during the download only
   (its peak is reset just before) and of each render worker; the ZIP is then checked (every
   entry readable, a PDF for every plan);
2. POST /account/delete with the password: the request's time, and that no row is left.

No timing is asserted in the test suite; the targets are checked here and recorded in
docs/performance.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import multiprocessing
import os
import re
import sys
import tempfile
import time
import zipfile
from datetime import date
from pathlib import Path

from bench.pdf_bench import machine, record

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- bench-account:begin -->", "<!-- bench-account:end -->"
TARGETS = {"export_s": 10.0, "delete_s": 2.0, "rss_growth_mib": 50}
PASSWORD = "correct horse battery"
EXAMPLES = (
    "en-northwind-retail",
    "en-oakfield-hardware-reprice",
    "nl-van-dijk-installatietechniek",
)


def _status_mib(pid: int | str, field: str) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return round(int(re.search(rf"{field}:\s+(\d+) kB", status)[1]) / 1024, 1)


def _reset_peak(pid: int | str) -> None:
    """Start counting the peak RSS (VmHWM) again from now (Linux: clear_refs 5)."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def _account(app, client, plans: int) -> int:
    """The account with its plans, portfolio and workshop; returns the user's id."""
    from app.domain.portfolio import ClientRow
    from app.extensions import db
    from app.models import Plan, User
    from app.portfolio import store as portfolio_store
    from tests.conftest import Actions, example_plan
    from tests.workshop_helpers import WorkshopActions

    owner = WorkshopActions(client)
    assert owner.register("bench@example.com", PASSWORD).status_code == 302
    workshop = owner.new_workshop(title="Bench session")
    code = owner.code_of(workshop)
    for n in range(10):
        participant = WorkshopActions(app.test_client())
        assert participant.register(f"p{n}@example.com", PASSWORD).status_code == 302
        assert participant.join(code).status_code == 302
        participant.own_case(workshop, "exit")
    Actions(client).switch_language("en")
    documents = [example_plan(name) for name in EXAMPLES]
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "bench@example.com"))
        for i in range(plans):
            document = dict(documents[i % len(documents)])
            name = f"{document['client']['name']} {i + 1}"
            document["client"] = {**document["client"], "name": name}
            db.session.add(Plan(user_id=user.id, client_name=name, data=document))
        db.session.commit()
        rows = [ClientRow(f"Client {i}", annual_revenue=1000 + i) for i in range(500)]
        portfolio_store.import_rows(user, rows)
        uid = user.id
        db.session.remove()
    return uid


def bench(plans: int, queue) -> None:
    """The whole measurement, in a process of its own; the results go into `queue`."""
    from app import create_app, pdf
    from app.extensions import db
    from app.schema import upgrade_schema
    from tests.conftest import Actions

    logging.disable(logging.WARNING)  # the migrations' chatter, WeasyPrint's CSS notes
    workdir = Path(tempfile.mkdtemp(prefix="exitcoach-account-bench-"))
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'bench.sqlite3'}",
            "SECRET_KEY": "bench",
            "PDF_WORKERS": 2,
        },
        instance_path=str(workdir / "instance"),
    )
    upgrade_schema(app)
    client = app.test_client()
    uid = _account(app, client, plans)
    renderer = pdf.renderer(app)
    renderer.start()  # as `exitcoach serve` does: warm workers before the first click
    gc.collect()
    before = _status_mib("self", "VmRSS")
    _reset_peak("self")
    for pid in renderer.pids():
        _reset_peak(pid)

    load_before = os.getloadavg()[0]
    t0 = time.perf_counter()
    response = client.get("/account/export.zip", buffered=False)
    assert response.status_code == 200, response.status_code
    first = None
    size = 0
    target = workdir / "export.zip"
    with target.open("wb") as out:
        for chunk in response.response:
            if first is None and chunk:
                first = time.perf_counter() - t0
            size += len(chunk)
            out.write(chunk)
    response.close()
    export_s = time.perf_counter() - t0
    load_after = os.getloadavg()[0]
    peak = _status_mib("self", "VmHWM")
    workers = {pid: _status_mib(pid, "VmHWM") for pid in renderer.pids()}

    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
    pdfs = sum(name.endswith(".pdf") for name in names)
    missing = sum(name.endswith("/README.txt") for name in names)

    t0 = time.perf_counter()
    deleted = Actions(client).post("/account/delete", {"password": PASSWORD})
    delete_s = time.perf_counter() - t0
    assert deleted.status_code == 302, deleted.status_code
    with app.app_context():
        left = db.session.execute(
            db.text("SELECT count(*) FROM plans WHERE user_id = :u"), {"u": uid}
        )
        plans_left = left.scalar()
        others = db.session.execute(db.text("SELECT count(*) FROM plans")).scalar()
    renderer.shutdown()
    queue.put(
        {
            "plans": plans,
            "load": [round(load_before, 1), round(load_after, 1)],
            "first_bytes_s": round(first or 0, 2),
            "export_s": round(export_s, 2),
            "zip_mib": round(size / 1024 / 1024, 1),
            "entries": len(names),
            "pdfs": pdfs,
            "pdfs_missing": missing,
            "rss_before_mib": before,
            "rss_peak_mib": peak,
            "rss_growth_mib": round(peak - before, 1),
            "worker_peaks_mib": list(workers.values()),
            "delete_s": round(delete_s, 3),
            "plans_left": plans_left,
            "participant_plans_kept": others,
        }
    )


def verdicts(r: dict) -> list[tuple[str, str, str, bool]]:
    return [
        (f"Download of all data, {r['plans']} plans with their PDFs, all done",
         f"≤ {TARGETS['export_s']} s", f"{r['export_s']} s",
         r["export_s"] <= TARGETS["export_s"] and r["pdfs"] == r["plans"]),
        ("Growth of the server process's memory during the download (peak RSS)",
         f"≤ {TARGETS['rss_growth_mib']} MiB", f"{r['rss_growth_mib']} MiB",
         r["rss_growth_mib"] <= TARGETS["rss_growth_mib"]),
        (f"Deleting the account ({r['plans']} plans, 500 clients, a workshop)",
         f"≤ {TARGETS['delete_s']} s", f"{r['delete_s']} s",
         r["delete_s"] <= TARGETS["delete_s"] and r["plans_left"] == 0),
    ]  # fmt: skip


def markdown(r: dict) -> str:
    lines = [
        f"Measured {r['when']} on {r['machine']}; two render workers.",
        "",
        "| Measure | Target | Result | Met |",
        "|---|---|---|---|",
    ]
    for name, target, value, ok in verdicts(r):
        lines.append(f"| {name} | {target} | {value} | {'yes' if ok else '**no**'} |")
    per_pdf = r["export_s"] / max(r["pdfs"], 1) * 2
    lines += [
        "",
        "Details:",
        "",
        f"- The ZIP: {r['entries']} files, {r['zip_mib']} MiB, {r['pdfs']} PDFs "
        f"({r['pdfs_missing']} left out); its first bytes arrived after {r['first_bytes_s']} s, "
        f"the last after {r['export_s']} s: about {per_pdf:.2f} s of a worker per full plan "
        "(four to seven pages), two at a time. The machine's load average (1 min) was "
        f"{r['load'][0]} when the download began and {r['load'][1]} when it ended (other "
        "work on the same two cores; the render workers run at the lowest priority).",
        f"- Memory: the server process held {r['rss_before_mib']} MiB before the download and "
        f"peaked at {r['rss_peak_mib']} MiB during it (+{r['rss_growth_mib']} MiB for a ZIP "
        f"of {r['zip_mib']} MiB: the PDFs are not held together); the render workers peaked at "
        + ", ".join(f"{p} MiB" for p in r["worker_peaks_mib"])
        + ".",
        f"- Deleting: POST /account/delete (password check included) took {r['delete_s']} s; "
        f"{r['plans_left']} of the account's plans left, the participants' "
        f"{r['participant_plans_kept']} case plans kept.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plans", type=int, default=200, help="plans in the account (200)")
    parser.add_argument("--record", action="store_true", help="write into docs/performance.md")
    args = parser.parse_args(argv)
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=bench, args=(args.plans, queue))
    process.start()
    results = queue.get(timeout=900)
    process.join()
    results.update(when=date.today().isoformat(), machine=machine())
    text = markdown(results)
    print(json.dumps(results, indent=2), file=sys.stderr)
    print(text)
    if args.record:
        record(text, BEGIN, END)
        print(f"recorded in {DOC.relative_to(ROOT)}", file=sys.stderr)
    return 0 if all(ok for *_, ok in verdicts(results)) else 1


if __name__ == "__main__":
    sys.exit(main())
