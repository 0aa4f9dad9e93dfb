"""master recipes (versions, approvals) and batches made from them

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 11:45:00

NOTE: down_revision is "0002" on the batch branch, where 0003 (the trust work) does not
exist yet; it becomes "0003" when both are merged.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recipe_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recipe_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("recipe_hash", sa.String(length=64), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("imported_by", sa.String(length=64), nullable=False),
        sa.Column("imported_at", sa.String(length=32), nullable=False),
        sa.Column("effective_at", sa.String(length=32), nullable=True),
        sa.Column("superseded_at", sa.String(length=32), nullable=True),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("recipe_id", "version"),
        sa.UniqueConstraint("recipe_hash"),
    )
    op.create_index("ix_recipe_versions_recipe_id", "recipe_versions", ["recipe_id"])
    op.create_index("ix_recipe_versions_change_seq", "recipe_versions", ["change_seq"])
    op.create_table(
        "recipe_approvals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recipe_version_id", sa.Integer(), nullable=False),
        sa.Column("signer_id", sa.String(length=64), nullable=False),
        sa.Column("printed_name", sa.String(length=200), nullable=False),
        sa.Column("meaning", sa.String(length=16), nullable=False),
        sa.Column("signed_at", sa.String(length=32), nullable=False),
        sa.Column("signature_hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["recipe_version_id"], ["recipe_versions.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("recipe_version_id", "signer_id"),
    )
    op.create_index("ix_recipe_approvals_recipe_version_id", "recipe_approvals",
                    ["recipe_version_id"])
    with op.batch_alter_table("batches", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recipe_id", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("recipe_version", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("recipe_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("station_name", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("created_at", sa.String(length=32), nullable=True))
        batch_op.create_index("ix_batches_station_name", ["station_name"])


def downgrade() -> None:
    with op.batch_alter_table("batches", schema=None) as batch_op:
        batch_op.drop_index("ix_batches_station_name")
        for column in ("created_at", "station_name", "recipe_hash", "recipe_version",
                       "recipe_id"):
            batch_op.drop_column(column)
    op.drop_index("ix_recipe_approvals_recipe_version_id", table_name="recipe_approvals")
    op.drop_table("recipe_approvals")
    op.drop_index("ix_recipe_versions_change_seq", table_name="recipe_versions")
    op.drop_index("ix_recipe_versions_recipe_id", table_name="recipe_versions")
    op.drop_table("recipe_versions")
