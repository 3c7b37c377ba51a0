"""`exitcoach portfolio import | export | analyze`: the client base on the command line.

The messages are the web import's (app/portfolio/messages.py), in English like the rest of the
command line. Exit status 2 means bad input:

- `import` stores every valid row, like "Confirm" on the web, and exits 2 when rows were left
  out (each problem printed with its line) or the file could not be read at all (then nothing
  is stored). A column that is not understood is only a note: it is left out, exit 0.
- `analyze` needs no database. It prints the JSON of PRODUCT.md, or, when any row has a
  problem, only the problems (exit 2): the classes depend on the whole base, so an analysis of
  the rows that happen to be fine would put clients in the wrong class.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from app.domain import portfolio_csv as csvfile

LANG = "en"


def _fail(message: str) -> int:
    print(f"exitcoach: {message}", file=sys.stderr)
    return 2


def _read(path: str) -> bytes:
    """The file ('-': standard input), at most one byte past the limit (parse refuses it)."""
    if path == "-":
        return sys.stdin.buffer.read(csvfile.MAX_BYTES + 1)
    with Path(path).open("rb") as fh:
        return fh.read(csvfile.MAX_BYTES + 1)


def _report(parsed: csvfile.ParsedFile) -> bool:
    """Print the problems on stderr; True when any of them left a row (or the file) out."""
    from app.portfolio.messages import problem_texts

    blocking = False
    for problem in problem_texts(parsed, LANG):
        prefix = "exitcoach: " if problem.blocking else "exitcoach: note: "
        print(prefix + problem.sentence(LANG), file=sys.stderr)
        blocking = blocking or problem.blocking
    return blocking


def cmd_import(args: argparse.Namespace) -> int:
    from app.auth import accounts
    from app.cli import _app
    from app.extensions import db
    from app.portfolio import store

    parsed = csvfile.parse(_read(args.file))
    problems = _report(parsed)
    if parsed.fatal:
        return _fail("nothing was imported")
    app = _app()
    with app.app_context():
        try:
            user = accounts.find_user(args.user)
            if user is None:
                return _fail(f"no account for {args.user} (create it with: exitcoach user create)")
            added, updated = store.import_rows(user, [r.row for r in parsed.rows])
        finally:
            db.session.remove()
            db.engine.dispose()
    left = parsed.total_rows - len(parsed.rows)
    print(f"{added} clients added, {updated} updated, {left} rows left out")
    return 2 if problems else 0


def cmd_export(args: argparse.Namespace) -> int:
    from app.auth import accounts
    from app.cli import _app
    from app.extensions import db
    from app.portfolio import store

    app = _app()
    with app.app_context():
        try:
            user = accounts.find_user(args.user)
            if user is None:
                return _fail(f"no account for {args.user}")
            language = args.language or (user.locale if user.locale in ("nl", "en") else "en")
            body = csvfile.write(store.rows_of(user), language)
        finally:
            db.session.remove()
            db.engine.dispose()
    if args.output:
        Path(args.output).write_bytes(body)
    else:
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
    return 0


def cmd_analyze(args: argparse.Namespace) -> int:
    from app.content import load_content
    from app.domain.analysis import Thresholds
    from app.domain.portfolio import PortfolioThresholds, analyze_portfolio, as_json

    parsed = csvfile.parse(_read(args.file))
    if _report(parsed):
        return 2
    model = load_content(os.environ.get("EXITCOACH_CONTENT_DIR")).model
    analysis = analyze_portfolio(
        [r.row for r in parsed.rows],
        PortfolioThresholds.from_model(model),
        Thresholds.from_model(model),
    )
    print(json.dumps(as_json(analysis), indent=2, ensure_ascii=False))
    return 0


def add_parser(sub) -> None:
    """`exitcoach portfolio …` on the main parser (app/cli.py)."""
    portfolio = sub.add_parser("portfolio", help="import, export or analyze a client base (CSV)")
    actions = portfolio.add_subparsers(dest="portfolio_command", required=True, metavar="ACTION")

    imp = actions.add_parser(
        "import",
        help="store a CSV's valid rows for a user (exit 2 when rows were left out)",
        description=(
            "Store every valid row of the file for the user: a client already there by name is "
            "updated, the others are added. Each problem is printed with its line; the status "
            "is 2 when rows were left out, or when the file could not be read (then nothing is "
            "stored). Columns that are not understood are only noted."
        ),
    )
    imp.add_argument("file", metavar="FILE.csv", help="the client list ('-' for standard input)")
    imp.add_argument("--user", required=True, metavar="EMAIL", help="the account it belongs to")
    imp.set_defaults(func=cmd_import)

    exp = actions.add_parser("export", help="write a user's clients as a CSV")
    exp.add_argument("--user", required=True, metavar="EMAIL", help="whose clients")
    exp.add_argument("-o", "--output", metavar="FILE.csv", help="write here (default: stdout)")
    exp.add_argument(
        "--language",
        choices=("nl", "en"),
        help="nl: ; and decimal comma, Dutch headers; en: , and point (default: the account's)",
    )
    exp.set_defaults(func=cmd_export)

    ana = actions.add_parser(
        "analyze",
        help="print the analysis of a CSV as JSON (no database)",
        description=(
            "The analysis of PRODUCT.md as JSON. When any row has a problem only the problems "
            "are printed (status 2): the classes depend on the whole client base."
        ),
    )
    ana.add_argument("file", metavar="FILE.csv", help="the client list ('-' for standard input)")
    ana.set_defaults(func=cmd_analyze)
