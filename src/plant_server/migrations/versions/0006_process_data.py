"""instrument phases' process data pushed by the stations (phases and their chunks)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 14:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "process_data_phases",
        sa.Column("step_record_id", sa.String(length=64), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.String(length=64), nullable=False),
        sa.Column("step_id", sa.String(length=64), nullable=False),
        sa.Column("start", sa.Float(), nullable=False),
        sa.Column("end", sa.Float(), nullable=False),
        sa.Column("data_hash", sa.String(length=64), nullable=False),
        sa.Column("parts", sa.Integer(), nullable=False),
        sa.Column("received", sa.Integer(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("complete_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["station_id"], ["stations.id"]),
        sa.PrimaryKeyConstraint("step_record_id"),
    )
    op.create_index("ix_process_data_phases_batch_id", "process_data_phases", ["batch_id"])
    op.create_table(
        "process_data_chunks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("step_record_id", sa.String(length=64), nullable=False),
        sa.Column("part", sa.Integer(), nullable=False),
        sa.Column("series", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=64), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("chunk_json", sa.Text(), nullable=False),
        sa.Column("received_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["step_record_id"], ["process_data_phases.step_record_id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("step_record_id", "part"),
    )
    op.create_index("ix_process_data_chunks_step_record_id", "process_data_chunks",
                    ["step_record_id"])


def downgrade() -> None:
    op.drop_index("ix_process_data_chunks_step_record_id", table_name="process_data_chunks")
    op.drop_table("process_data_chunks")
    op.drop_index("ix_process_data_phases_batch_id", table_name="process_data_phases")
    op.drop_table("process_data_phases")
