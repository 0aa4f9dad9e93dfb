"""The lifecycle state the plant server holds for each batch, and the exceptions QA
dispositioned at the server (pulled as master data).

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-01

"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("batch_recipes") as batch:
        batch.add_column(sa.Column("state", sa.String(24), nullable=True))
        batch.add_column(sa.Column("dispositioned_json", sa.Text(), nullable=False,
                                   server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("batch_recipes") as batch:
        batch.drop_column("dispositioned_json")
        batch.drop_column("state")
