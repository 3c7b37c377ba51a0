"""The `exitcoach` command line."""

from __future__ import annotations

import argparse
import gc
import getpass
import os
import signal
import sys
from pathlib import Path

from app.content import ContentError
from app.domain.planfile import PlanFileError


def _fail(message: str) -> int:
    print(f"exitcoach: {message}", file=sys.stderr)
    return 2


def _app():
    from app import create_app
    from app.schema import upgrade_schema

    app = create_app()
    upgrade_schema(app)
    return app


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve with waitress, a production WSGI server, after migrating the schema; with
    `--workers N` (N > 1) with gunicorn in N processes (app/server.py)."""
    if args.workers < 1:
        return _fail("--workers must be 1 or more")
    app = _app()
    if args.workers > 1:
        from app import server

        where = f"http://{args.host}:{args.port}"
        print(f"Exit Coach is running on {where} in {args.workers} processes")
        server.run(app, args.host, args.port, args.workers, args.threads)
        return 0
    from waitress import serve

    from app import pdf

    # Start the PDF workers now: WeasyPrint imported and fonts warm before the first click.
    renderer = pdf.renderer(app)
    renderer.start()
    if app.config.get("REDIS_URL") and renderer.size:
        print("PDF rendering: on the Redis queue, by `exitcoach worker`")
    else:
        print(f"PDF rendering: {renderer.size or 'no'} worker process(es), queue {renderer.queue}")
    # Everything loaded so far (the app, its content, SQLAlchemy, Babel) lives as long as the
    # server. Freezing it keeps it out of the garbage collector's full passes, which otherwise
    # walk all of it and stall a request by ~60 ms now and then.
    gc.collect()
    gc.freeze()
    print(f"Exit Coach is running on http://{args.host}:{args.port}  (Ctrl+C stops it)")

    def _stop(_signum, _frame):
        raise KeyboardInterrupt

    # A service manager stops us with SIGTERM: stop the PDF workers too, not only the server.
    signal.signal(signal.SIGTERM, _stop)
    try:
        serve(app, host=args.host, port=args.port, threads=args.threads, ident="exitcoach")
    except KeyboardInterrupt:
        pass
    finally:
        renderer.shutdown()
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    """Render processes for the RQ queue (REDIS_URL): the PDFs of every server process."""
    from app.config import redis_settings
    from app.pdf import worker

    url, prefix = redis_settings()
    if not url:
        return _fail("exitcoach worker needs REDIS_URL (e.g. redis://127.0.0.1:6379/0)")
    if args.processes < 1 or args.max_jobs < 1:
        return _fail("--processes and --max-jobs must be 1 or more")
    worker.supervise(
        url,
        prefix,
        processes=args.processes,
        max_jobs=args.max_jobs,
        content_dir=os.environ.get("EXITCOACH_CONTENT_DIR"),
    )
    return 0


def cmd_user_create(args: argparse.Namespace) -> int:
    from app.auth import accounts

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Password again: ") != password:
            return _fail("the two passwords differ")
    if len(password) < accounts.MIN_PASSWORD_LENGTH:
        return _fail(f"the password needs at least {accounts.MIN_PASSWORD_LENGTH} characters")
    from app.extensions import db

    app = _app()
    with app.app_context():
        try:
            user = accounts.create_user(args.email, password)
        except accounts.EmailTaken:
            return _fail(f"an account for {args.email} already exists")
        else:
            print(f"created user {user.email} (id {user.id})")
        finally:
            db.session.remove()
            db.engine.dispose()
    return 0


def cmd_user_reset_password(args: argparse.Namespace) -> int:
    """A one-time link to set a new password, printed for the administrator to pass on."""
    from app.auth import accounts, resets
    from app.domain.resets import RESET_LIFETIME, reset_link
    from app.extensions import db

    app = _app()
    base_url = args.base_url or app.config["BASE_URL"]
    with app.app_context():
        try:
            user = accounts.find_user(args.email)
            if user is None:
                return _fail(f"no account for {args.email}")
            email, token = user.email, resets.create_reset(user)
        finally:
            db.session.remove()
            db.engine.dispose()
    minutes = int(RESET_LIFETIME.total_seconds() // 60)
    print(f"Link to set a new password for {email} (works once, for {minutes} minutes):")
    print(reset_link(base_url, token))
    return 0


def _read_plan(path: str) -> dict:
    """A validated plan from a file ('-' reads standard input); PlanFileError when it is not.

    At most one byte past the limit is read: a file over it is refused (parse_plan_bytes says
    so) without reading a huge file into memory."""
    from app.content import load_content
    from app.domain.planfile import MAX_FILE_BYTES, parse_plan_bytes

    if path == "-":
        raw = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    else:
        with Path(path).open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    return parse_plan_bytes(raw, load_content(os.environ.get("EXITCOACH_CONTENT_DIR")).model)


def cmd_import(args: argparse.Namespace) -> int:
    from app.auth import accounts
    from app.extensions import db
    from app.plans import store

    plan_doc = _read_plan(args.plan)
    app = _app()
    with app.app_context():
        try:
            user = accounts.find_user(args.user)
            if user is None:
                return _fail(f"no account for {args.user} (create it with: exitcoach user create)")
            plan = store.import_plan(user, plan_doc)
            print(f"{plan.id} /plans/{plan.id}")
        finally:
            db.session.remove()
            db.engine.dispose()
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from app.domain.planfile import dump_plan
    from app.extensions import db
    from app.models import Plan
    from app.plans import store

    app = _app()
    with app.app_context():
        try:
            plan = db.session.get(Plan, args.plan_id)
            if plan is None:
                return _fail(f"no plan with id {args.plan_id}")
            text = dump_plan(store.export_plan(plan))
        finally:
            db.session.remove()
            db.engine.dispose()
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 0


def cmd_analyze(args: argparse.Namespace) -> int:
    """The analysis of a plan file as JSON; needs no database."""
    import json

    from app.content import load_content
    from app.domain.analysis import SCREEN_ONLY_KEYS, analyze

    plan = _read_plan(args.plan)
    model = load_content(os.environ.get("EXITCOACH_CONTENT_DIR")).model
    result = analyze(plan, model)
    for key in SCREEN_ONLY_KEYS:
        result.pop(key, None)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


def cmd_pdf(args: argparse.Namespace) -> int:
    """The conversation plan (or, with --card, the meeting card) of a plan file as PDF."""
    from datetime import date

    from app.content import load_content
    from app.pdf import documents, render

    plan = _read_plan(args.plan)
    content = load_content(os.environ.get("EXITCOACH_CONTENT_DIR"))
    report = documents.report_for(plan, content, date.today())
    try:
        body = documents.pdf_for_report(report, "card" if args.card else "plan")
    except render.RenderTimeout as exc:
        return _fail(str(exc))
    with open(args.output, "wb") as fh:
        fh.write(body)
    kind = "meeting card" if args.card else report.title.lower()
    print(f"wrote {args.output} ({kind}, {len(body):,} bytes)")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """An account filled with the example cases: a new demo user, or the one given."""
    import re
    import secrets

    from app.auth import accounts
    from app.auth.forms import EMAIL_PATTERN
    from app.extensions import db
    from app.plans import examples

    if args.user is not None and not re.fullmatch(EMAIL_PATTERN, args.user.strip()):
        return _fail(f"not an e-mail address: {args.user!r}")
    password = None
    if args.user is None:
        if args.password_stdin:
            password = sys.stdin.readline().rstrip("\n")
            if len(password) < accounts.MIN_PASSWORD_LENGTH:
                return _fail(
                    f"the password needs at least {accounts.MIN_PASSWORD_LENGTH} characters"
                )
        else:
            password = secrets.token_urlsafe(12)
    languages = (args.language,) if args.language else ("nl", "en")
    app = _app()
    with app.app_context():
        try:
            if args.user is not None:
                user = accounts.find_user(args.user)
                if user is None:
                    return _fail(
                        f"no account for {args.user} (create it with: exitcoach user create, "
                        "or leave out --user for a new demo account)"
                    )
            else:
                email = f"demo-{secrets.token_hex(4)}@example.com"
                while accounts.find_user(email) is not None:
                    email = f"demo-{secrets.token_hex(4)}@example.com"
                user = accounts.create_user(email, password, locale=args.language)
                print(f"created demo user {user.email}")
                if not args.password_stdin:
                    print(f"password: {password}")
            made, skipped = examples.fill_with_examples(user, languages)
            for plan in made:
                print(f"added {plan.client_name}: /plans/{plan.id}")
            for name in skipped:
                print(f"already there, not added again: {name}")
        finally:
            db.session.remove()
            db.engine.dispose()
    return 0


def _database_url() -> str:
    from app import create_app

    return create_app().config["SQLALCHEMY_DATABASE_URI"]


def _shown(url: str) -> str:
    from sqlalchemy import make_url

    return make_url(url).render_as_string(hide_password=True)


def cmd_backup(args: argparse.Namespace) -> int:
    """A consistent copy of the whole database in FILE; safe while the server runs."""
    from app import backup

    url = _database_url()
    try:
        what = backup.backup(url, args.file)
    except backup.BackupError as exc:
        return _fail(str(exc))
    size = Path(args.file).stat().st_size
    print(f"wrote {args.file} ({what} of {_shown(url)}, {size:,} bytes)")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Fill an empty database from a backup, then migrate it to this version's schema."""
    from alembic.script import ScriptDirectory

    from app import backup, create_app
    from app.schema import upgrade_schema

    app = create_app()
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    scripts = ScriptDirectory(app.extensions["migrate"].directory)
    known = {script.revision for script in scripts.walk_revisions()}
    try:
        backup.restore(url, args.file, known)
    except backup.BackupError as exc:
        return _fail(str(exc))
    try:
        upgrade_schema(app)
    except Exception as exc:  # the data is in; say what the upgrade said
        return _fail(f"restored {args.file}, but bringing its schema up to date failed: {exc}")
    finally:
        from app.extensions import db

        with app.app_context():
            db.engine.dispose()
    print(f"restored {args.file} into {_shown(url)}; schema up to date")
    return 0


def _add_demo_parser(sub) -> None:
    """`exitcoach demo`: a user with the example cases, for trying the app in a minute."""
    demo = sub.add_parser(
        "demo",
        help="an account filled with the example cases, to try the app in a minute",
        description=(
            "Give an account a copy of every example case (an exit, a repricing and a client "
            "kept despite the strain), in Dutch and English unless --language says one. "
            "Without --user a new demo account is made and its e-mail address and a generated "
            "password are printed (or the password is read with --password-stdin). A case the "
            "account already has (a plan for the same client) is not added again."
        ),
    )
    demo.add_argument("--user", metavar="EMAIL", help="fill this existing account instead")
    demo.add_argument(
        "--password-stdin",
        action="store_true",
        help="the new demo account's password from standard input (not printed)",
    )
    demo.add_argument(
        "--language", choices=("nl", "en"), help="only the cases in this language (default: both)"
    )
    demo.set_defaults(func=cmd_demo)


def _add_backup_parsers(sub) -> None:
    """`exitcoach backup FILE` and `exitcoach restore FILE` (app/backup.py)."""
    bak = sub.add_parser(
        "backup",
        help="copy the whole database to a file (safe while the server runs)",
        description=(
            "Write a consistent copy of the database (DATABASE_URL) to FILE: SQLite through its "
            "online backup API, PostgreSQL through pg_dump --format=custom. The file appears "
            "only once complete; an existing FILE is replaced."
        ),
    )
    bak.add_argument("file", metavar="FILE", help="where to write the backup")
    bak.set_defaults(func=cmd_backup)

    res = sub.add_parser(
        "restore",
        help="fill an empty database from a backup file",
        description=(
            "Restore a file made by exitcoach backup into the database of DATABASE_URL, which "
            "must be empty (a new SQLite file, or a newly created PostgreSQL database), then "
            "bring its schema up to this version."
        ),
    )
    res.add_argument("file", metavar="FILE", help="the backup to restore")
    res.set_defaults(func=cmd_restore)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="exitcoach",
        description="Exit Coach: decide whether to end a client relationship and prepare it.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", help="serve the web app (production server)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=5000, help="port to listen on")
    serve.add_argument(
        "--threads",
        type=int,
        # A PDF download holds its thread while a render worker makes the file; with a workshop
        # of thirty exporting at once, autosaves still need free threads.
        default=int(os.environ.get("EXITCOACH_THREADS", "48")),
        help="request threads (default 48; per process with --workers)",
    )
    serve.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("EXITCOACH_WORKERS", "1")),
        help="server processes: more than 1 runs gunicorn, one process per core (default 1)",
    )
    serve.set_defaults(func=cmd_serve)

    work = sub.add_parser("worker", help="render PDFs from the Redis queue (with REDIS_URL)")
    work.add_argument(
        "--processes",
        type=int,
        default=int(os.environ.get("EXITCOACH_RENDER_PROCESSES", str(os.cpu_count() or 1))),
        help="render processes (default: one per core)",
    )
    work.add_argument(
        "--max-jobs",
        type=int,
        default=200,
        help="renders before a process is replaced by a fresh one (default 200)",
    )
    work.set_defaults(func=cmd_worker)

    user = sub.add_parser("user", help="manage accounts")
    user_sub = user.add_subparsers(dest="user_command", required=True, metavar="ACTION")
    create = user_sub.add_parser("create", help="create an account")
    create.add_argument("email", help="the e-mail address to log in with")
    create.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    create.set_defaults(func=cmd_user_create)
    reset = user_sub.add_parser(
        "reset-password",
        help="print a one-time link to set a new password (no mail needed)",
        description=(
            "Print a link with which the account's owner chooses a new password. It works "
            "once, for an hour; an earlier link of the account stops working. Using it logs the "
            "account out everywhere. The link starts with --base-url, else EXITCOACH_BASE_URL, "
            "else http://127.0.0.1:5000."
        ),
    )
    reset.add_argument("email", help="the account's e-mail address")
    reset.add_argument("--base-url", metavar="URL", help="the site's address as its users open it")
    reset.set_defaults(func=cmd_user_reset_password)

    imp = sub.add_parser("import", help="import a plan file (exitcoach-plan/1) for a user")
    imp.add_argument("plan", metavar="PLAN.json", help="the plan file ('-' for standard input)")
    imp.add_argument("--user", required=True, metavar="EMAIL", help="the account that owns it")
    imp.set_defaults(func=cmd_import)

    exp = sub.add_parser("export", help="export a plan as a plan file")
    exp.add_argument("plan_id", type=int, metavar="PLAN_ID")
    exp.add_argument("-o", "--output", metavar="PLAN.json", help="write here (default: stdout)")
    exp.set_defaults(func=cmd_export)

    ana = sub.add_parser("analyze", help="print the decision analysis of a plan file as JSON")
    ana.add_argument("plan", metavar="PLAN.json", help="the plan file ('-' for standard input)")
    ana.set_defaults(func=cmd_analyze)

    pdf = sub.add_parser("pdf", help="print a plan file as a PDF conversation plan or meeting card")
    pdf.add_argument("plan", metavar="PLAN.json", help="the plan file ('-' for standard input)")
    pdf.add_argument("-o", "--output", required=True, metavar="OUT.pdf", help="write the PDF here")
    pdf.add_argument("--card", action="store_true", help="the one-page meeting card instead")
    pdf.set_defaults(func=cmd_pdf)

    _add_demo_parser(sub)
    _add_backup_parsers(sub)

    from app.portfolio_cli import add_parser as add_portfolio_parser

    add_portfolio_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ContentError as exc:
        return _fail(f"content error: {exc}")
    except PlanFileError as exc:
        for line in exc.messages("en"):
            print(f"exitcoach: {line}", file=sys.stderr)
        return 2
    except ValueError as exc:  # a bad EXITCOACH_SMTP_URL (app.mail.MailConfigError)
        if type(exc).__name__ != "MailConfigError":
            raise
        return _fail(str(exc))
    except OSError as exc:
        return _fail(str(exc))


if __name__ == "__main__":
    sys.exit(main())
