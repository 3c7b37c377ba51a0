"""The `exitcoach` command line."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from app.content import ContentError


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
    """Serve with waitress, a production WSGI server, after migrating the schema."""
    from waitress import serve

    app = _app()
    print(f"Exit Coach is running on http://{args.host}:{args.port}  (Ctrl+C stops it)")
    serve(app, host=args.host, port=args.port, threads=args.threads, ident="exitcoach")
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
        default=int(os.environ.get("EXITCOACH_THREADS", "8")),
        help="request threads (default 8)",
    )
    serve.set_defaults(func=cmd_serve)

    user = sub.add_parser("user", help="manage accounts")
    user_sub = user.add_subparsers(dest="user_command", required=True, metavar="ACTION")
    create = user_sub.add_parser("create", help="create an account")
    create.add_argument("email", help="the e-mail address to log in with")
    create.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    create.set_defaults(func=cmd_user_create)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ContentError as exc:
        return _fail(f"content error: {exc}")


if __name__ == "__main__":
    sys.exit(main())
