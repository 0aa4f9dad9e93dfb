"""batch lifecycle, QA acts (dispositions, audit-trail reviews, decisions), stations'
reported outbox heads

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 14:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("batches") as batch:
        batch.add_column(sa.Column("state", sa.String(length=24), nullable=False,
                                   server_default="in_process"))
        batch.add_column(sa.Column("state_at", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("complete_at", sa.String(length=32), nullable=True))
    with op.batch_alter_table("stations") as station:
        station.add_column(sa.Column("reported_seq", sa.Integer(), nullable=False,
                                     server_default="0"))
        station.add_column(sa.Column("reported_at", sa.String(length=32), nullable=True))
    op.create_table(
        "batch_acts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.String(length=64), nullable=False),
        sa.Column("act", sa.String(length=24), nullable=False),
        sa.Column("target", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("state_before", sa.String(length=24), nullable=False),
        sa.Column("state_after", sa.String(length=24), nullable=False),
        sa.Column("signer_id", sa.String(length=64), nullable=False),
        sa.Column("printed_name", sa.String(length=200), nullable=False),
        sa.Column("meaning", sa.String(length=16), nullable=False),
        sa.Column("signed_at", sa.String(length=32), nullable=False),
        sa.Column("via", sa.String(length=80), nullable=False),
        sa.Column("content_json", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["batch_id"], ["batches.batch_id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_batch_acts_batch_id", "batch_acts", ["batch_id"])


def downgrade() -> None:
    op.drop_index("ix_batch_acts_batch_id", table_name="batch_acts")
    op.drop_table("batch_acts")
    with op.batch_alter_table("stations") as station:
        station.drop_column("reported_at")
        station.drop_column("reported_seq")
    with op.batch_alter_table("batches") as batch:
        batch.drop_column("complete_at")
        batch.drop_column("state_at")
        batch.drop_column("state")
