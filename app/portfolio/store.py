"""Reading and writing one user's portfolio. Another user's clients do not exist for you.

The rows are kept as `PortfolioClient` records; the domain works on `ClientRow`s, which this
module converts to and from. Every write is one transaction, and an inline edit names the
version it started from, as plan saves do (see plans.store.save_with_retry).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from flask import abort, current_app
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from app.domain.analysis import Thresholds
from app.domain.portfolio import FIELDS, SCALES, ClientRow, PortfolioThresholds, name_key
from app.domain.portfolio_plans import row_with_plan
from app.extensions import db
from app.models import Plan, PortfolioClient, PortfolioSettings, PortfolioSnapshot, User


class StaleEdit(Exception):
    """The client was changed (in another tab) after the form was loaded; nothing was saved."""


def figures_of(row: ClientRow) -> dict[str, Any]:
    """A row's numbers as stored: decimal strings, scales as integers, unknown ones left out."""
    stored: dict[str, Any] = {}
    for name in FIELDS[1:]:
        value = getattr(row, name)
        if value is None:
            continue
        stored[name] = int(value) if name in SCALES else str(value)
    return stored


def row_of(client: PortfolioClient) -> ClientRow:
    """The stored client as the domain's row (a stored value that is not a number is unknown)."""
    return _row(client.name, client.figures)


def _row(client_name: str, figures: Mapping[str, Any] | None) -> ClientRow:
    values: dict[str, Any] = {"client": client_name}
    for name, raw in (figures or {}).items():
        if name not in FIELDS[1:] or raw is None:
            continue
        try:
            values[name] = int(raw) if name in SCALES else Decimal(str(raw))
        except (ValueError, ArithmeticError):
            continue
    return ClientRow(**values)


def clients_of(user: User) -> list[PortfolioClient]:
    """The user's clients in the order of their last import (new ones at the end)."""
    return list(
        db.session.scalars(
            select(PortfolioClient)
            .where(PortfolioClient.user_id == user.id)
            .order_by(PortfolioClient.position, PortfolioClient.id)
        )
    )


def rows_of(user: User) -> list[ClientRow]:
    """The user's rows in portfolio order. Read as plain columns, not as records: for 5,000
    clients that is a third of the time and memory (no identity map, no change tracking)."""
    result = db.session.execute(
        select(PortfolioClient.name, PortfolioClient.figures)
        .where(PortfolioClient.user_id == user.id)
        .order_by(PortfolioClient.position, PortfolioClient.id)
    )
    return [_row(name, figures) for name, figures in result]


def rows_for_analysis(
    user: User,
    model: Thresholds | None = None,
    clients: Sequence[PortfolioClient] | None = None,
) -> list[ClientRow]:
    """The rows to analyse: the quick estimates, or a linked plan's own figures once its
    financial check is answered (portfolio_plans.row_with_plan). `model`: the plan defaults
    (working weeks, cost of capital), by default those of the app's content; `clients`: the
    user's clients when already read (clients_of), so the rows match them one for one."""
    if model is None:
        model = Thresholds.from_model(current_app.extensions["exitcoach.content"].model)
    plans = linked_plans(user)
    return [
        row_with_plan(row_of(client), plans[client.id][1], model)
        if client.id in plans
        else row_of(client)
        for client in (clients_of(user) if clients is None else clients)
    ]


def linked_plans(user: User) -> dict[int, tuple[int, dict[str, Any]]]:
    """Per client id, the plan started from it: (plan id, plan document). One query."""
    found = db.session.execute(
        select(PortfolioClient.id, Plan.id, Plan.data)
        .join(Plan, Plan.id == PortfolioClient.plan_id)
        .where(PortfolioClient.user_id == user.id, Plan.user_id == user.id)
    )
    return {client_id: (plan_id, data or {}) for client_id, plan_id, data in found}


def client_of(user: User, client_id: int) -> PortfolioClient:
    """The user's client, or 404 — also when it exists but belongs to someone else."""
    client = db.session.scalar(
        select(PortfolioClient).where(
            PortfolioClient.id == client_id, PortfolioClient.user_id == user.id
        )
    )
    if client is None:
        abort(404)
    return client


def client_named(user: User, name: str) -> PortfolioClient | None:
    return db.session.scalar(
        select(PortfolioClient).where(
            PortfolioClient.user_id == user.id, PortfolioClient.name_key == name_key(name)
        )
    )


def name_keys_of(user: User) -> set[str]:
    """The name keys of the user's clients (does a row of an import add or update?)."""
    return set(
        db.session.scalars(
            select(PortfolioClient.name_key).where(PortfolioClient.user_id == user.id)
        )
    )


def clients_by_key(user: User, keys: Iterable[str]) -> dict[str, PortfolioClient]:
    """The user's clients with these name keys (one page of the clients table), by key."""
    wanted = list(keys)
    if not wanted:
        return {}
    found = db.session.scalars(
        select(PortfolioClient).where(
            PortfolioClient.user_id == user.id, PortfolioClient.name_key.in_(wanted)
        )
    )
    return {client.name_key: client for client in found}


def import_rows(user: User, rows: Sequence[ClientRow]) -> tuple[int, int]:
    """Store the valid rows of an import in one transaction: a client already there by name is
    updated (its plan link and chosen activities stay), the others are added. The file's row
    order becomes the portfolio's order. Returns (added, updated)."""
    before = clients_of(user)
    existing = {client.name_key: client for client in before}
    added = updated = 0
    in_file: set[str] = set()
    try:
        for position, row in enumerate(rows):
            key = name_key(row.client)
            in_file.add(key)
            client = existing.get(key)
            if client is None:
                client = PortfolioClient(user_id=user.id, name_key=key)
                db.session.add(client)
                existing[key] = client
                added += 1
            else:
                updated += 1
            client.name = row.client
            client.figures = figures_of(row)
            client.position = position
        # Clients that are not in this file stay, after the file's rows, in their old order.
        rest = [client for client in before if client.name_key not in in_file]
        for position, client in enumerate(rest, start=len(rows)):
            client.position = position
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return added, updated


def add_client(user: User, row: ClientRow) -> PortfolioClient:
    """A new client at the end of the list (the caller has checked the name is not taken)."""
    last = db.session.scalar(
        select(db.func.max(PortfolioClient.position)).where(PortfolioClient.user_id == user.id)
    )
    client = PortfolioClient(
        user_id=user.id,
        name=row.client,
        name_key=name_key(row.client),
        figures=figures_of(row),
        position=(last or 0) + 1,
    )
    db.session.add(client)
    db.session.commit()
    return client


def update_client(client: PortfolioClient, row: ClientRow, version: int | None) -> None:
    """Change a client's name and figures; StaleEdit when `version` is no longer the stored one."""
    if version is not None and version != client.version:
        raise StaleEdit()
    client.name = row.client
    client.name_key = name_key(row.client)
    client.figures = figures_of(row)
    try:
        db.session.commit()
    except StaleDataError as exc:
        db.session.rollback()
        raise StaleEdit() from exc


def delete_client(client: PortfolioClient) -> None:
    db.session.delete(client)
    db.session.commit()


def thresholds_for(user: User, model: Mapping[str, Any]) -> PortfolioThresholds:
    """The model's portfolio thresholds with the user's own class limits over them."""
    defaults = PortfolioThresholds.from_model(model)
    settings = db.session.get(PortfolioSettings, user.id)
    if settings is None or not settings.thresholds:
        return defaults
    own = {k: v for k, v in settings.thresholds.items() if k in PortfolioThresholds.EDITABLE}
    try:
        return defaults.with_values(own)
    except (ValueError, ArithmeticError, TypeError):
        return defaults


def save_thresholds(user: User, values: Mapping[str, Any] | None) -> None:
    """Keep the user's class limits (None: back to the defaults)."""
    settings = db.session.get(PortfolioSettings, user.id)
    if settings is None:
        settings = PortfolioSettings(user_id=user.id, thresholds={})
        db.session.add(settings)
    settings.thresholds = {k: float(v) for k, v in (values or {}).items()}
    db.session.commit()


def snapshots_of(user: User) -> list[PortfolioSnapshot]:
    return list(
        db.session.scalars(
            select(PortfolioSnapshot)
            .where(PortfolioSnapshot.user_id == user.id)
            .order_by(PortfolioSnapshot.year)
        )
    )


def snapshot_of(user: User, year: int) -> PortfolioSnapshot:
    snapshot = db.session.scalar(
        select(PortfolioSnapshot).where(
            PortfolioSnapshot.user_id == user.id, PortfolioSnapshot.year == year
        )
    )
    if snapshot is None:
        abort(404)
    return snapshot


def keep_snapshot(user: User, year: int, data: dict[str, Any]) -> PortfolioSnapshot:
    """The portfolio of `year` as it stands now; an earlier snapshot of that year is replaced."""
    snapshot = db.session.scalar(
        select(PortfolioSnapshot).where(
            PortfolioSnapshot.user_id == user.id, PortfolioSnapshot.year == year
        )
    )
    if snapshot is None:
        snapshot = PortfolioSnapshot(user_id=user.id, year=year)
        db.session.add(snapshot)
    snapshot.data = data
    db.session.commit()
    return snapshot


def link_plan(client: PortfolioClient, plan_id: int | None) -> None:
    client.plan_id = plan_id
    db.session.commit()


def clients_with_plans(user: User, plan_ids: Iterable[int]) -> dict[int, PortfolioClient]:
    """The portfolio client each of these plans was started from, by plan id."""
    ids = list(plan_ids)
    if not ids:
        return {}
    found = db.session.scalars(
        select(PortfolioClient).where(
            PortfolioClient.user_id == user.id, PortfolioClient.plan_id.in_(ids)
        )
    )
    return {client.plan_id: client for client in found if client.plan_id is not None}


def save_activities(client: PortfolioClient, activities: Sequence[str] | None) -> None:
    """Keep the attention-plan activities chosen for a client (None: its class's own list).
    The caller has checked the keys against the client's class."""
    for _ in range(3):
        client.activities = None if activities is None else list(activities)
        try:
            db.session.commit()
            return
        except StaleDataError:  # changed in another tab: apply the choice to the fresh row
            db.session.rollback()
    raise StaleEdit()


def save_class_activities(
    clients: Iterable[PortfolioClient], activities: Sequence[str] | None
) -> int:
    """The same choice for many clients at once (a whole class), in one transaction."""
    count = 0
    for client in clients:
        client.activities = None if activities is None else list(activities)
        count += 1
    db.session.commit()
    return count


def delete_snapshot(snapshot: PortfolioSnapshot) -> None:
    db.session.delete(snapshot)
    db.session.commit()
