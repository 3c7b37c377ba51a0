"""workshop session: sharing a plan, the projector's timer and plan, triads, observations

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 17:10:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("workshop_plans") as batch:
        batch.add_column(sa.Column("shared_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("workshops") as batch:
        batch.add_column(sa.Column("timer_label", sa.String(length=80), nullable=True))
        batch.add_column(sa.Column("timer_minutes", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("timer_ends_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("projected_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("round", sa.Integer(), nullable=False, server_default="0"))
        batch.create_foreign_key(
            "fk_workshops_projected_id",
            "workshop_plans",
            ["projected_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_table(
        "workshop_triads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("member_ids", sa.JSON(), nullable=False),
        sa.Column("first_round", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("workshop_id", "number", name="uq_workshop_triads"),
    )
    op.create_index("ix_workshop_triads_workshop_id", "workshop_triads", ["workshop_id"])
    op.create_table(
        "workshop_observations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("observer_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("ticks", sa.JSON(), nullable=False),
        sa.Column("notes", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["observer_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("workshop_id", "observer_id", "round", name="uq_workshop_observations"),
    )
    op.create_index(
        "ix_workshop_observations_workshop_id", "workshop_observations", ["workshop_id"]
    )
    op.create_index(
        "ix_workshop_observations_observer_id", "workshop_observations", ["observer_id"]
    )


def downgrade():
    op.drop_table("workshop_observations")
    op.drop_table("workshop_triads")
    with op.batch_alter_table("workshops") as batch:
        batch.drop_constraint("fk_workshops_projected_id", type_="foreignkey")
        batch.drop_column("round")
        batch.drop_column("projected_id")
        batch.drop_column("timer_ends_at")
        batch.drop_column("timer_minutes")
        batch.drop_column("timer_label")
    with op.batch_alter_table("workshop_plans") as batch:
        batch.drop_column("shared_at")
