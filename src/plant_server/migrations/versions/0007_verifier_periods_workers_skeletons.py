"""verifier validity periods, who works at a station, ID skeletons (indexed lookups)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 14:00:00



- ``verifier_periods`` replaces ``verifier_issues`` (one row per station and user holding only
  the first hand-out and the latest expiry): every stretch of validity is kept, so a lapse
  between two pulls is judged. Existing rows become one period each.
- ``station_workers``: the users whose password the server checked at a station, filled from
  the server audit trail's ``auth_ok`` entries (the pull no longer searches that trail).
- ``users.id_skeleton``: unique; the look-alike check is one indexed lookup. Should existing
  data hold two IDs with one skeleton (possible only before 0003), the older keeps it.
"""

import sqlalchemy as sa
from alembic import op

from operator_console.domain.identity import skeleton

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "verifier_periods",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("valid_from", sa.String(length=32), nullable=False),
        sa.Column("valid_until", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["station_id"], ["stations.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["users.user_id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_verifier_periods_station_user", "verifier_periods",
                    ["station_id", "user_id", "valid_until"])
    op.execute("INSERT INTO verifier_periods (station_id, user_id, valid_from, valid_until) "
               "SELECT station_id, user_id, first_issued_at, expires_at FROM verifier_issues")
    op.drop_table("verifier_issues")

    op.create_table(
        "station_workers",
        sa.Column("station_name", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("first_seen_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.user_id"]),
        sa.PrimaryKeyConstraint("station_name", "user_id"),
    )
    op.execute(
        "INSERT INTO station_workers (station_name, user_id, first_seen_at) "
        "SELECT substr(a.actor, 9), a.target, min(a.ts) FROM server_audit a "
        "JOIN users u ON u.user_id = a.target "
        "WHERE a.event = 'auth_ok' AND a.actor LIKE 'station:%' "
        "GROUP BY substr(a.actor, 9), a.target")

    # Plain ADD COLUMN and a unique index: no table rebuild of ``users`` (which SQLite would
    # refuse while other tables reference it).
    op.add_column("users", sa.Column("id_skeleton", sa.String(length=128), nullable=True))
    conn = op.get_bind()
    seen: set[str] = set()
    for (user_id,) in conn.execute(sa.text("SELECT user_id FROM users "
                                           "ORDER BY created_at, user_id")).all():
        shape = skeleton(user_id)
        if shape in seen:
            continue
        seen.add(shape)
        conn.execute(sa.text("UPDATE users SET id_skeleton = :s WHERE user_id = :u"),
                     {"s": shape, "u": user_id})
    op.create_index("ix_users_id_skeleton", "users", ["id_skeleton"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_users_id_skeleton", table_name="users")
    op.execute("ALTER TABLE users DROP COLUMN id_skeleton")
    op.drop_table("station_workers")
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
    op.execute("INSERT INTO verifier_issues (station_id, user_id, first_issued_at, expires_at) "
               "SELECT station_id, user_id, min(valid_from), max(valid_until) "
               "FROM verifier_periods GROUP BY station_id, user_id")
    op.drop_index("ix_verifier_periods_station_user", table_name="verifier_periods")
    op.drop_table("verifier_periods")
