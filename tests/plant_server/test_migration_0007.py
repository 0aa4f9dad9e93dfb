"""Server migration 0007 on both backends: the verifier hand-outs become validity periods, who
works at a station is taken from the audit trail's online logins, and every ID gets its
look-alike skeleton (an existing look-alike pair keeps the older one's)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, text

from plant_server.db import make_engine
from plant_server.migrate import alembic_config
from tests.pg import postgres_url_or_skip


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
        yield eng
        eng.dispose()
        return
    url = postgres_url_or_skip()
    schema = f"plant_mig_{uuid.uuid4().hex[:12]}"
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    eng = make_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    try:
        yield eng
    finally:
        eng.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _user(conn: object, user_id: str, created: str) -> None:
    conn.execute(text(  # type: ignore[attr-defined]
        "INSERT INTO users (user_id, printed_name, language, password_hash, offline_verifier, "
        "must_change_password, active, locked, failed_attempts, created_at, change_seq) "
        "VALUES (:u, 'X', 'ja', 'h', 'v', false, true, false, 0, :c, 1)"),
        {"u": user_id, "c": created})


def test_upgrade_from_0004_carries_the_data_and_back(engine: Engine) -> None:
    config = alembic_config(engine)
    command.upgrade(config, "0006")
    with engine.begin() as conn:
        _user(conn, "op01", "2026-01-01T00:00:00.000000Z")
        _user(conn, "opo1", "2026-02-01T00:00:00.000000Z")  # a look-alike from before 0003
        _user(conn, "ver01", "2026-01-01T00:00:00.000000Z")
        conn.execute(text(
            "INSERT INTO stations (id, name, created_at, last_seq, audit_head_seq, "
            "audit_head_hash) VALUES (1, 'ST-1', '2026-01-01T00:00:00.000000Z', 0, 0, 'g')"))
        conn.execute(text(
            "INSERT INTO verifier_issues (station_id, user_id, first_issued_at, expires_at) "
            "VALUES (1, 'op01', '2026-03-01T00:00:00.000000Z', '2026-03-04T00:00:00.000000Z')"))
        for seq, (actor, event, target) in enumerate((
                ("station:ST-1", "auth_ok", "op01"), ("station:ST-1", "auth_ok", "op01"),
                ("station:ST-1", "auth_failed", "ver01"), ("admin", "auth_ok", "ver01"),
                ("station:ST-1", "auth_ok", "someone-gone")), start=1):
            conn.execute(text(
                "INSERT INTO server_audit (seq, entry_id, ts, actor, event, target, reason, "
                "old_json, new_json, prev_hash, hash) VALUES (:s, :e, :t, :a, :ev, :tg, '', "
                "'null', 'null', 'p', 'h')"),
                {"s": seq, "e": f"e{seq}", "t": f"2026-03-0{seq}T00:00:00.000000Z", "a": actor,
                 "ev": event, "tg": target})
    command.upgrade(config, "0007")
    with engine.begin() as conn:
        assert conn.execute(text("SELECT station_id, user_id, valid_from, valid_until FROM "
                                 "verifier_periods")).all() == [
            (1, "op01", "2026-03-01T00:00:00.000000Z", "2026-03-04T00:00:00.000000Z")]
        assert conn.execute(text("SELECT station_name, user_id, first_seen_at FROM "
                                 "station_workers")).all() == [
            ("ST-1", "op01", "2026-03-01T00:00:00.000000Z")]
        assert dict(conn.execute(text("SELECT user_id, id_skeleton FROM users")).all()) == {
            "op01": "opol", "opo1": None, "ver01": "verol"}
    command.downgrade(config, "0006")
    with engine.begin() as conn:
        assert conn.execute(text("SELECT user_id, first_issued_at, expires_at FROM "
                                 "verifier_issues")).all() == [
            ("op01", "2026-03-01T00:00:00.000000Z", "2026-03-04T00:00:00.000000Z")]
