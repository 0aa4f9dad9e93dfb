"""The historian's 1 s tier: per-second min/max/mean per channel, kept until the instrument
phases that need it have reached the plant server (``store.historian_seconds``).

One row per channel and second, keyed by (channel, second) in a table without a rowid: one
B-tree and no second index, so a row costs its values and the key only.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "historian_seconds",
        sa.Column("channel_key", sa.String(64), primary_key=True),
        sa.Column("t", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("bad_count", sa.Integer(), nullable=False),
        sa.Column("uncertain_count", sa.Integer(), nullable=False),
        sa.Column("min", sa.Float(), nullable=True),
        sa.Column("max", sa.Float(), nullable=True),
        sa.Column("mean", sa.Float(), nullable=True),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("historian_seconds")
