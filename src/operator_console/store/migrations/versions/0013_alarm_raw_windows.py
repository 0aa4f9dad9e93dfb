"""Full-resolution windows around alarms, kept from the ring buffers so that a phase longer
than the buffers still sends them (``store.alarm_windows``).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alarm_raw_windows",
        sa.Column("channel_key", sa.String(64), primary_key=True),
        sa.Column("t0", sa.Float(), primary_key=True, autoincrement=False),
        sa.Column("t1", sa.Float(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("points", sa.LargeBinary(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("alarm_raw_windows")
