"""Schema creation and upgrade by Alembic, and the store's pragmas."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from operator_console.store.db import DB_FILENAME, Database
from operator_console.store.migrate import current_revision, head_revision
from operator_console.store.models import Setting


def test_migrations_create_an_empty_database(tmp_path: Path) -> None:
    db = Database(tmp_path)
    try:
        assert current_revision(db.engine) == head_revision()
        names = {r[0] for r in sqlite3.connect(db.path).execute(
            "SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"users", "audit_entries", "audit_head", "outbox", "settings"} <= names
    finally:
        db.close()


def test_migrations_on_existing_database_keep_data(tmp_path: Path) -> None:
    # A database created by the first release (revision 0001), with data in it...
    from alembic import command

    from operator_console.store.db import make_engine
    from operator_console.store.migrate import alembic_config

    engine = make_engine(tmp_path / DB_FILENAME)
    command.upgrade(alembic_config(engine), "0001")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO settings (key, value) VALUES ('station_name', 'KEEP')")
    engine.dispose()
    # ...is upgraded to head when the console opens it, keeping its rows.
    db = Database(tmp_path)
    try:
        assert current_revision(db.engine) == head_revision() != "0001"
        with db.read() as s:
            row = s.get(Setting, "station_name")
            assert row is not None and row.value == "KEEP"
        names = {r[0] for r in sqlite3.connect(db.path).execute(
            "SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"records", "signatures"} <= names
    finally:
        db.close()


def test_pragmas(tmp_path: Path) -> None:
    db = Database(tmp_path)
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.close()


def test_audit_rows_are_append_only_in_sql(services: object, data_dir: Path) -> None:
    con = sqlite3.connect(data_dir / DB_FILENAME)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("UPDATE audit_entries SET actor = 'x' WHERE seq = 1")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("DELETE FROM audit_entries WHERE seq = 1")
    con.close()
