"""role grants for a later date: announced once they start

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 08:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("role_grants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("announced", sa.Boolean(), nullable=False,
                                      server_default=sa.true()))
    # Grants for a later date that have not started: announced by the first pull after.
    op.execute(sa.text("UPDATE role_grants SET announced = :no WHERE valid_from > :now")
               .bindparams(no=False, now=_now()))


def downgrade() -> None:
    with op.batch_alter_table("role_grants", schema=None) as batch_op:
        batch_op.drop_column("announced")


def _now() -> str:
    from datetime import UTC, datetime

    from operator_console.domain.manifestation import format_utc_iso

    return format_utc_iso(datetime.now(UTC))
