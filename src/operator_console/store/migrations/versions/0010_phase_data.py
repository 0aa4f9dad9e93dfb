"""Instrument phases whose process data is queued for the plant server (chunks in the outbox).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "phase_data",
        sa.Column("step_record_id", sa.String(64), primary_key=True),
        sa.Column("batch_id", sa.String(64), nullable=False),
        sa.Column("step_id", sa.String(64), nullable=False),
        sa.Column("data_hash", sa.String(64), nullable=False),
        sa.Column("parts", sa.Integer(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("first_seq", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("queued_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_phase_data_batch_id", "phase_data", ["batch_id"])


def downgrade() -> None:
    op.drop_index("ix_phase_data_batch_id", "phase_data")
    op.drop_table("phase_data")
