"""Sync bookkeeping, offline-login columns, instrument channels and the historian.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.create_table(
        "sync_rejections",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entry_id", sa.String(36), nullable=False, unique=True),
        sa.Column("station_seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("rejected_at", sa.String(32), nullable=False),
        sa.Column("resolved_by", sa.String(64), nullable=True),
        sa.Column("resolved_at", sa.String(32), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
    )
    op.create_table(
        "sync_conflicts",
        sa.Column("conflict_id", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("detail_json", sa.Text(), nullable=False),
        sa.Column("detected_at", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
    )
    with op.batch_alter_table("users") as batch:
        # Offline login: the plant server's argon2id verifier expires; a user never seen
        # online at this station cannot log in offline.
        batch.add_column(sa.Column("verifier_expires_at", sa.String(32), nullable=True))
        batch.add_column(sa.Column("seen_online_at", sa.String(32), nullable=True))
    op.create_table(
        "instrument_channels",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("endpoint", sa.String(256), nullable=False),
        sa.Column("node_id", sa.String(256), nullable=False),
        sa.Column("name_en", sa.String(128), nullable=False),
        sa.Column("name_ja", sa.String(128), nullable=False),
        sa.Column("unit", sa.String(32), nullable=False),
        sa.Column("display_min", sa.Float(), nullable=False),
        sa.Column("display_max", sa.Float(), nullable=False),
        sa.Column("low_limit", sa.Float(), nullable=True),
        sa.Column("high_limit", sa.Float(), nullable=True),
        sa.Column("hysteresis", sa.Float(), nullable=False),
        sa.Column("alarm_delay_s", sa.Float(), nullable=False),
        sa.Column("stale_after_s", sa.Float(), nullable=False),
        sa.Column("decimals", sa.Integer(), nullable=False),
        sa.Column("security", sa.String(512), nullable=True),
        sa.Column("server_certificate", sa.String(512), nullable=True),
    )
    op.create_table(
        "historian",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("channel_key", sa.String(64), nullable=False),
        sa.Column("interval_start", sa.Float(), nullable=False),
        sa.Column("interval_s", sa.Float(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("bad_count", sa.Integer(), nullable=False),
        sa.Column("uncertain_count", sa.Integer(), nullable=False),
        sa.Column("min", sa.Float(), nullable=True),
        sa.Column("max", sa.Float(), nullable=True),
        sa.Column("mean", sa.Float(), nullable=True),
        sa.Column("last", sa.Float(), nullable=True),
        sa.Column("last_t", sa.Float(), nullable=True),
    )
    op.create_index("ix_historian_channel_time", "historian", ["channel_key", "interval_start"])


def downgrade() -> None:
    op.drop_table("historian")
    op.drop_table("instrument_channels")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("seen_online_at")
        batch.drop_column("verifier_expires_at")
    op.drop_table("sync_conflicts")
    op.drop_table("sync_rejections")
    op.drop_table("sync_state")
