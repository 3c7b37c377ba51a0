"""reset requests: each "forgot your password?" mail asked for, counted per address and IP

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 18:10:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "reset_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("ip", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_reset_requests_email_at", "reset_requests", ["email", "at"])
    op.create_index("ix_reset_requests_ip_at", "reset_requests", ["ip", "at"])


def downgrade():
    op.drop_table("reset_requests")
