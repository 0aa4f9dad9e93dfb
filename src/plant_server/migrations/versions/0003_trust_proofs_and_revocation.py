"""trust: signing proofs, offline verifiers handed out, station revocation

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 10:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signing_proofs",
        sa.Column("proof_id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("meaning", sa.String(length=16), nullable=False),
        sa.Column("issued_at", sa.String(length=32), nullable=False),
        sa.Column("expires_at", sa.String(length=32), nullable=False),
        sa.Column("used_at", sa.String(length=32), nullable=True),
        sa.Column("signature_id", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["station_id"], ["stations.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["users.user_id"]),
        sa.PrimaryKeyConstraint("proof_id"),
    )
    with op.batch_alter_table("signing_proofs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_signing_proofs_station_id"), ["station_id"],
                              unique=False)
    op.create_table(
        "verifier_issues",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("first_issued_at", sa.String(length=32), nullable=False),
        sa.Column("expires_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["station_id"], ["stations.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["users.user_id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("station_id", "user_id"),
    )
    with op.batch_alter_table("stations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revoked_at", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("first_pull_at", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("stations", schema=None) as batch_op:
        batch_op.drop_column("first_pull_at")
        batch_op.drop_column("revoked_at")
    op.drop_table("verifier_issues")
    with op.batch_alter_table("signing_proofs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signing_proofs_station_id"))
    op.drop_table("signing_proofs")
