"""`exitcoach backup FILE` and `exitcoach restore FILE`: the whole database in one file.

SQLite is copied with its online backup API: one consistent snapshot, taken while the server
goes on writing (WAL lets the writer continue). PostgreSQL is dumped with `pg_dump
--format=custom` (one transaction, so also consistent) and read back with `pg_restore`.
A backup is written to a temporary file next to FILE and renamed only once complete, so a
failed or interrupted backup never leaves a half file under the name a schedule keeps.

A restore goes only into an empty database: it never mixes a backup with data already there.
Migrating the restored schema to the current version is the caller's job (the CLI does it).
Every refusal is a BackupError whose message is meant for the person at the command line.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Collection
from pathlib import Path

from sqlalchemy import create_engine, inspect, make_url, text
from sqlalchemy.engine import URL

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
STDERR_LINES = 5


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


def backup(url: str, path: str | Path) -> str:
    """Write a consistent copy of the database at `url` to `path`; returns what was written."""
    target = Path(path)
    if _kind(url) == "sqlite":
        _write_atomically(target, lambda tmp: _sqlite_backup(_sqlite_file(url), tmp))
        return "SQLite database"
    pg_dump = _tool("pg_dump")
    _check_client_version(pg_dump, url)
    conninfo, env = _libpq(url)
    _write_atomically(
        target,
        lambda tmp: _run(
            [pg_dump, "--format=custom", "--no-owner", f"--file={tmp}", f"--dbname={conninfo}"],
            env,
        ),
    )
    return "PostgreSQL dump (pg_dump custom format)"


def restore(url: str, path: str | Path, revisions: Collection[str] = ()) -> None:
    """Fill the empty database at `url` from the backup at `path`.

    `revisions` are the schema versions this code knows (the migrations' ids): a backup made
    by a newer Exit Coach is refused before anything is written, as it could not be migrated."""
    source = Path(path)
    kind = _kind(url)
    found = file_kind(source)
    if found is None:
        raise BackupError(
            f"{source} is not an Exit Coach backup "
            "(neither an SQLite database nor a pg_dump custom-format file)"
        )
    if found != kind:
        made, here = _NAMES[found], _NAMES[kind]
        raise BackupError(
            f"{source} is a backup of {made}, but this database is {here}: "
            f"restore it into an empty {made} database (set DATABASE_URL to one)"
        )
    if kind == "sqlite":
        revision = _sqlite_revision(source)
    else:
        pg_restore = _tool("pg_restore")
        revision = _pgdump_revision(pg_restore, source)
    if revisions and revision is not None and revision not in revisions:
        raise BackupError(
            f"{source} comes from a newer Exit Coach (schema {revision}): "
            "upgrade Exit Coach first, then restore"
        )
    if kind == "sqlite":
        _sqlite_restore(source, _sqlite_file(url, must_exist=False))
    else:
        _require_empty_postgresql(url)
        conninfo, env = _libpq(url)
        _run(
            [
                pg_restore,
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={conninfo}",
                str(source),
            ],
            env,
        )


_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}  # as in "a backup of SQLite"


def file_kind(path: Path) -> str | None:
    """ "sqlite" or "postgresql" by the file's first bytes; None for anything else."""
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        raise BackupError(f"no such file: {path}") from None
    except OSError as exc:
        raise BackupError(f"cannot read {path}: {exc.strerror or exc}") from None
    if head == SQLITE_MAGIC:
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgresql"
    return None


def _kind(url: str) -> str:
    backend = make_url(url).get_backend_name()
    if backend not in _NAMES:
        raise BackupError(f"backups work with SQLite and PostgreSQL, not {backend}")
    return backend


def _write_atomically(target: Path, write) -> None:
    """Let `write(tmp)` fill a temporary file beside `target`, then rename it into place."""
    directory = target.parent
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".partial")
    except OSError as exc:
        raise BackupError(f"cannot write {target}: {exc.strerror or exc}") from None
    os.close(fd)  # mode 0600: a backup holds every client's plan, for the owner's eyes only
    try:
        write(tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        raise BackupError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _sqlite_file(url: str, must_exist: bool = True) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up or restored")
    path = Path(database)
    if must_exist and not path.is_file():
        raise BackupError(f"the database {path} does not exist: nothing to back up")
    return path


def _sqlite_backup(database: Path, tmp: str) -> None:
    """One step of the online backup API: all pages under one read lock, a consistent copy."""
    source = sqlite3.connect(f"file:{database}?mode=rw", uri=True, timeout=30)
    copy = sqlite3.connect(tmp)
    try:
        source.backup(copy)
        # One self-contained file, not a WAL database needing its -wal beside it.
        copy.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as exc:
        raise BackupError(f"the backup of {database} failed: {exc}") from None
    finally:
        copy.close()
        source.close()


def _sqlite_revision(source: Path) -> str | None:
    """The schema version in an SQLite backup, after checking that it is sound."""
    try:
        backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            check = backup_db.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise BackupError(f"{source} is damaged: {check}")
            tables = _sqlite_tables(backup_db)
            if "alembic_version" not in tables:
                raise BackupError(f"{source} is an SQLite database, but not one of Exit Coach")
            row = backup_db.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            backup_db.close()
    except sqlite3.Error as exc:
        raise BackupError(f"cannot read {source}: {exc}") from None
    return row[0] if row else None


def _sqlite_tables(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return [name for (name,) in rows]


def _sqlite_restore(source: Path, database: Path) -> None:
    database.parent.mkdir(parents=True, exist_ok=True)
    try:
        target = sqlite3.connect(database, timeout=30)
    except sqlite3.Error as exc:
        raise BackupError(f"cannot open {database}: {exc}") from None
    try:
        tables = _sqlite_tables(target)
        rows = any(
            target.execute(f'SELECT 1 FROM "{name}" LIMIT 1').fetchone()
            for name in tables
            if name != "alembic_version"
        )
        _require_empty(tables, rows)
        backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            backup_db.backup(target)
        finally:
            backup_db.close()
    except sqlite3.Error as exc:
        raise BackupError(f"the restore into {database} failed: {exc}") from None
    finally:
        target.close()


def _require_empty(tables: list[str], has_rows: bool) -> None:
    """Refuse a database with data; one with only the schema (its version row aside) too."""
    if has_rows:
        raise BackupError("the database already has data: restore needs an empty one")
    if tables:
        raise BackupError(
            "the database already has Exit Coach's tables (with no data in them): restore "
            "needs an empty one (SQLite: remove the file; PostgreSQL: create a new database)"
        )


def _require_empty_postgresql(url: str) -> None:
    engine = create_engine(_sqlalchemy_url(url))
    try:
        with engine.connect() as conn:
            tables = [
                f"{schema}.{name}"
                for schema in inspect(conn).get_schema_names()
                if schema != "information_schema"
                for name in inspect(conn).get_table_names(schema=schema)
            ]
            has_rows = any(
                conn.execute(text(f"SELECT 1 FROM {_quoted(name)} LIMIT 1")).first()
                for name in tables
                if not name.endswith(".alembic_version")
            )
    except Exception as exc:  # any driver error is a message, not a traceback
        raise BackupError(f"cannot connect to the database: {_first_line(exc)}") from None
    finally:
        engine.dispose()
    _require_empty(tables, has_rows)


def _quoted(qualified: str) -> str:
    schema, name = qualified.split(".", 1)
    return '"{}"."{}"'.format(schema.replace('"', '""'), name.replace('"', '""'))


def _sqlalchemy_url(url: str) -> URL:
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _libpq(url: str) -> tuple[str, dict]:
    """A libpq connection URI for pg_dump/pg_restore, with the password in the environment
    (PGPASSWORD) rather than on a command line that `ps` shows to everyone."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password is not None:
        env["PGPASSWORD"] = str(parsed.password)
    conninfo = parsed.set(drivername="postgresql", password=None)
    return conninfo.render_as_string(hide_password=False), env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} is not on the PATH: install postgresql-client "
            "(the version of your PostgreSQL server or newer)"
        )
    return found


def _major(version_text: str) -> int | None:
    match = re.search(r"(\d+)(?:\.(\d+))?", version_text)
    return int(match.group(1)) if match else None


def _check_client_version(pg_dump: str, url: str) -> None:
    """pg_dump refuses a server newer than itself; say so plainly before it tries."""
    client = _major(subprocess.run([pg_dump, "--version"], capture_output=True, text=True).stdout)
    engine = create_engine(_sqlalchemy_url(url))
    try:
        with engine.connect() as conn:
            server = int(conn.execute(text("SHOW server_version_num")).scalar()) // 10000
    except Exception as exc:  # any driver error is a message, not a traceback
        raise BackupError(f"cannot connect to the database: {_first_line(exc)}") from None
    finally:
        engine.dispose()
    message = version_mismatch(client, server)
    if message:
        raise BackupError(message)


def version_mismatch(client: int | None, server: int) -> str | None:
    """The refusal when pg_dump (major version `client`) is older than the server."""
    if client is not None and client < server:
        return (
            f"pg_dump {client} cannot dump a PostgreSQL {server} server: "
            f"install postgresql-client-{server} (or newer) and put its pg_dump on the PATH"
        )
    return None


def _pgdump_revision(pg_restore: str, source: Path) -> str | None:
    """The schema version inside a dump, read by pg_restore without touching any database."""
    listing = _run(
        [pg_restore, "--data-only", "--table=alembic_version", "--file=-", str(source)],
        dict(os.environ),
    )
    match = re.search(r"^COPY \S*alembic_version .*?;\n(\S+)\n", listing, re.M)
    return match.group(1) if match else None


def _run(command: list[str], env: dict) -> str:
    """Run pg_dump or pg_restore; a failure shows the last lines of what it said."""
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        said = [line for line in done.stderr.splitlines() if line.strip()][-STDERR_LINES:]
        name = Path(command[0]).name
        raise BackupError(f"{name} failed (exit status {done.returncode}):\n" + "\n".join(said))
    return done.stdout


def _first_line(exc: Exception) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
