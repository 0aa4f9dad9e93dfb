"""Historian retention: an index on the interval start, so that compacting and pruning old
rows (by age, across channels) does not scan the whole table.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_historian_time", "historian", ["interval_start"])


def downgrade() -> None:
    op.drop_index("ix_historian_time", table_name="historian")
