"""Seeding a portfolio for the tests of plans, the attention plan and the balance."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from app.domain.portfolio import ClientRow
from app.extensions import db
from app.models import Plan, PortfolioClient, User
from app.portfolio import store


def D(value) -> Decimal:
    return Decimal(str(value))


def row(
    name: str,
    revenue,
    margin=40,
    hours=2,
    cost=50,
    other=0,
    late=0,
    strain=None,
    value=None,
    potential=None,
) -> ClientRow:
    return ClientRow(
        client=name,
        annual_revenue=D(revenue),
        gross_margin_pct=D(margin),
        hours_per_week=D(hours),
        hourly_cost=D(cost),
        other_annual_costs=D(other),
        payment_days_late=D(late),
        strain=strain,
        value=value,
        potential=potential,
    )


def user_named(email: str = "ann@example.com") -> User:
    return db.session.scalar(select(User).where(User.email == email))


def seed(app, rows, email: str = "ann@example.com") -> dict[str, int]:
    """Import `rows` for the user, as a confirmed CSV import would; client ids by name."""
    with app.app_context():
        user = user_named(email)
        store.import_rows(user, rows)
        return {client.name: client.id for client in store.clients_of(user)}


def client_record(app, client_id: int) -> PortfolioClient:
    with app.app_context():
        client = db.session.get(PortfolioClient, client_id)
        db.session.expunge(client)
        return client


def edit_plan(app, plan_id: int, **sections) -> None:
    """Change sections of a stored plan, as the wizard's steps would."""
    with app.app_context():
        plan = db.session.get(Plan, plan_id)
        plan.data = {**plan.data, **sections}
        db.session.commit()


def many_rows(count: int, prefix: str = "Client") -> list[ClientRow]:
    """A varied base like a real one: a few large clients and a long tail, every segment,
    about one in ten a loss-maker or a strain, a few pearls among the small ones."""
    rows = []
    for i in range(count):
        trouble = i % 10 == 7
        rows.append(
            row(
                f"{prefix} {i:04d}",
                revenue=int(3_000 + 900_000 / (i + 1) ** 0.9),
                margin=30 + (i * 7) % 25,
                hours=0.5 + (i % 3) * 0.5 + (6 if trouble and i % 20 == 7 else 0),
                cost=45,
                late=(i * 11) % 12 + (30 if i % 13 == 5 else 0),
                strain=5 if trouble else 1 + i % 3,
                value=1 + (i * 2) % 5 if not trouble else 2,
                potential=1 + (i * 3) % 5,
            )
        )
    return rows
