"""The app factory: configuration, content, extensions, blueprints (wiring only)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import event

from app.config import build_config
from app.extensions import babel, csrf, db, htmx, migrate

ROOT = Path(__file__).resolve().parent.parent


def create_app(overrides: dict[str, Any] | None = None, instance_path: str | None = None) -> Flask:
    """Build an app: configuration, content, extensions, blueprints. Wiring only."""
    app = Flask(
        "app",  # the package's name: its root, instance folder and logger as before
        instance_path=instance_path,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.update(build_config(Path(app.instance_path)))
    app.config.update(overrides or {})

    from app.content import load_content
    from app.i18n import compile_catalogues

    compile_catalogues(ROOT / "app" / "translations")

    app.extensions["exitcoach.content"] = load_content(app.config["CONTENT_DIR"])

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    htmx.init_app(app)

    from app import i18n, mail, pdf, security, views_errors, web

    # Wraps the WSGI app: a PDF download waits for its turn before Flask does anything for it.
    pdf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    security.init_app(app)
    web.init_app(app)
    views_errors.init_app(app)
    mail.init_app(app)

    from app.account import bp as account_bp
    from app.account import views as account_views  # noqa: F401 - adds the routes
    from app.auth import reset_views  # noqa: F401 - adds the forgotten-password routes
    from app.auth.views import bp as auth_bp
    from app.main.views import bp as main_bp
    from app.plans import exports, wizard  # noqa: F401 - add their routes to the plans blueprint
    from app.plans.files import bp as plan_files_bp
    from app.plans.views import bp as plans_bp
    from app.portfolio import (  # noqa: F401 - they add their routes to the portfolio blueprint
        balance,
        documents,
        importing,
        rows,
        views,
    )
    from app.portfolio import bp as portfolio_bp
    from app.workshops import bp as workshops_bp
    from app.workshops import (  # noqa: F401 - they add their routes to the workshops blueprint
        debrief,
        progress,
        projector,
        triads,
    )
    from app.workshops import views as workshop_views  # noqa: F401 - adds the routes

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(account_bp)
    app.register_blueprint(plans_bp)
    app.register_blueprint(plan_files_bp)
    app.register_blueprint(portfolio_bp)
    app.register_blueprint(workshops_bp)
    # After the blueprints: the login is loaded before the CSRF check, so an error page raised
    # by that check (e.g. 413 for a huge upload) still knows who is asking.
    csrf.init_app(app)

    with app.app_context():
        _tune_sqlite(db.engine)
    if app.config["PROXIES"]:
        # Outermost: everything inside (the rate limits, url_for(_external=True), the secure
        # cookie check) sees the visitor's address and scheme, not the proxy's.
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_prefix=hops)
    return app


def _tune_sqlite(engine) -> None:
    """SQLite: WAL lets readers work while one writer saves; wait for locks instead of failing."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        if isinstance(dbapi_conn, sqlite3.Connection):
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=5000")
            # WAL with synchronous=NORMAL: a commit no longer waits for the disk; the database
            # stays consistent, and only a power cut could lose the last second of saves.
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()
