"""Master data for cassette loading: batches, their DINs, expected cassettes, station bays.

These tables are replaced by the plant server's master data (sync upserts them by natural
key), so they carry no append-only triggers; what happened to a cassette is only ever written
as append-only ``records`` (cassette_load / cassette_unload), protected since 0002. An index on
the cassette serial inside record content keeps the state look-ups fast.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "batches",
        sa.Column("batch_id", sa.String(length=64), nullable=False),
        sa.Column("patient_id", sa.String(length=64), nullable=False),
        sa.Column("coi", sa.String(length=32), nullable=True),
        sa.Column("current_step", sa.String(length=64), nullable=False),
        sa.Column("product", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("batch_id"),
    )
    op.create_table(
        "batch_dins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.String(length=64), nullable=False),
        sa.Column("din", sa.String(length=13), nullable=False),
        sa.ForeignKeyConstraint(["batch_id"], ["batches.batch_id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("batch_id", "din"),
    )
    op.create_index("ix_batch_dins_batch_id", "batch_dins", ["batch_id"])
    op.create_index("ix_batch_dins_din", "batch_dins", ["din"])
    op.create_table(
        "expected_cassettes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.String(length=64), nullable=False),
        sa.Column("step", sa.String(length=64), nullable=False),
        sa.Column("gtin", sa.String(length=14), nullable=False),
        sa.Column("serial", sa.String(length=20), nullable=False),
        sa.Column("lot", sa.String(length=20), nullable=True),
        sa.Column("disposition", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["batch_id"], ["batches.batch_id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("gtin", "serial", "batch_id", "step"),
    )
    op.create_index("ix_expected_cassettes_batch_id", "expected_cassettes", ["batch_id"])
    op.create_index("ix_expected_cassettes_serial", "expected_cassettes", ["serial"])
    op.create_table(
        "station_bays",
        sa.Column("bay_id", sa.String(length=32), nullable=False),
        sa.Column("instrument", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("in_service", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("bay_id"),
    )
    op.execute(
        "CREATE INDEX ix_records_cassette_serial ON records "
        "(json_extract(content_json, '$.content.cassette.serial')) "
        "WHERE record_type IN ('cassette_load', 'cassette_unload')"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_records_cassette_serial")
    op.drop_table("station_bays")
    op.drop_table("expected_cassettes")
    op.drop_table("batch_dins")
    op.drop_table("batches")
