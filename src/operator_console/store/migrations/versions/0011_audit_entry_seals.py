"""A keyed seal (HMAC-SHA256 under the OS-keyring audit key) on every audit entry.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01

Entries
written before the station had its audit key keep no seal (NULL): the keyed checkpoints
cover them.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("audit_entries", sa.Column("mac", sa.String(64), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE audit_entries DROP COLUMN mac")
