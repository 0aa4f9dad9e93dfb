"""Opening the station's SQLite store: pragmas, migrations, sessions.

Every connection runs in WAL mode with ``synchronous=FULL`` (a commit is on disk before the
caller hears about it) and foreign keys on. Transactions start with ``BEGIN IMMEDIATE`` so
that the writer lock is taken up front and the audit chain's sequence cannot race.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from operator_console.paths import DB_FILENAME as DB_FILENAME  # re-exported
from operator_console.store.migrate import upgrade_to_head


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" hook issue BEGIN IMMEDIATE instead of pysqlite's implicit BEGIN.
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def _on_begin(conn: Any) -> None:
    # Writers take the lock up front; readers use a deferred BEGIN (a WAL snapshot) so a long
    # read (audit verify, an export) never blocks signatures, acknowledgements or alarms.
    if conn.get_execution_options().get("opcon_read_only"):
        conn.exec_driver_sql("BEGIN")
    else:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(path: Path) -> Engine:
    """An engine over the SQLite file at ``path`` with the store's pragmas."""
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": 10},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


class Database:
    """The station's store: one SQLite file in the data folder, migrated on open."""

    def __init__(self, data_dir: Path, *, migrate: bool = True) -> None:
        self.data_dir = data_dir
        data_dir.mkdir(parents=True, exist_ok=True)
        self.path = data_dir / DB_FILENAME
        self.engine = make_engine(self.path)
        if migrate:
            upgrade_to_head(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(
            self.engine.execution_options(opcon_read_only=True), expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed durably on success and rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; nothing it does is committed, and it takes no write lock."""
        with self._read_sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    def integrity_check(self) -> str:
        """SQLite's own ``PRAGMA integrity_check`` result ("ok" when healthy)."""
        con = sqlite3.connect(self.path)
        try:
            row = con.execute("PRAGMA integrity_check").fetchone()
            return str(row[0])
        finally:
            con.close()

    def close(self) -> None:
        self.engine.dispose()
