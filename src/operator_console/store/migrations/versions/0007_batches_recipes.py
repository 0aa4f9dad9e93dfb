"""Master recipes pulled from the plant server and the recipe each batch is pinned to.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recipes",
        sa.Column("recipe_hash", sa.String(64), primary_key=True),
        sa.Column("recipe_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("effective_at", sa.String(32), nullable=True),
        sa.Column("superseded_at", sa.String(32), nullable=True),
        sa.Column("content_json", sa.Text(), nullable=False),
        sa.Column("received_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_recipes_recipe_id", "recipes", ["recipe_id"])
    op.create_table(
        "batch_recipes",
        sa.Column("batch_id", sa.String(64), sa.ForeignKey("batches.batch_id"),
                  primary_key=True),
        sa.Column("recipe_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("recipe_hash", sa.String(64), nullable=False),
        sa.Column("station", sa.String(64), nullable=True),
    )
    op.create_index("ix_batch_recipes_recipe_hash", "batch_recipes", ["recipe_hash"])


def downgrade() -> None:
    op.drop_index("ix_batch_recipes_recipe_hash", table_name="batch_recipes")
    op.drop_table("batch_recipes")
    op.drop_index("ix_recipes_recipe_id", table_name="recipes")
    op.drop_table("recipes")
