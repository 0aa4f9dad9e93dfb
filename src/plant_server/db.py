"""Engines and sessions for SQLite (embedded default) and PostgreSQL (production).

SQLite: WAL, ``synchronous=FULL``, foreign keys on, and ``BEGIN IMMEDIATE`` so that writers
serialise up front (pushes and the audit chain cannot interleave). PostgreSQL: READ COMMITTED
with row locks (``SELECT ... FOR UPDATE``) taken by the services where order matters; a pool
of a fixed size per process (the load shedder keeps requests within it), and no server-side
prepared statements: psycopg would otherwise switch a statement to a generic plan after five
runs, and a generic plan made while a table's statistics were stale (a fresh or fast-growing
table, autovacuum behind) stays a full scan as the table grows to millions of rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from plant_server.migrate import upgrade_to_head


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let the "begin" hook issue BEGIN IMMEDIATE instead of pysqlite's implicit BEGIN.
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=15000")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url``; a SQLite file's folder is created if missing."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        connect_args = {"check_same_thread": False, "timeout": 15}
        connect_args.update(kwargs.pop("connect_args", {}))
        engine = create_engine(url, connect_args=connect_args, **kwargs)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    pool_size = int(kwargs.pop("pool_size", 10))
    pg_args: dict[str, Any] = {"prepare_threshold": None}
    pg_args.update(kwargs.pop("connect_args", {}))
    return create_engine(url, pool_pre_ping=True, pool_size=pool_size, max_overflow=0,
                         pool_timeout=float(kwargs.pop("pool_timeout", 10.0)),
                         connect_args=pg_args, **kwargs)


class Database:
    """The server's database: engine, migrations on open, sessions."""

    def __init__(self, url: str, *, migrate: bool = True, engine: Engine | None = None,
                 pool_size: int = 10, pool_timeout_s: float = 10.0) -> None:
        self.url = url
        if engine is None:
            sqlite = make_url(url).get_backend_name() == "sqlite"
            engine = make_engine(url) if sqlite else make_engine(
                url, pool_size=pool_size, pool_timeout=pool_timeout_s)
        self.engine = engine
        if migrate:
            upgrade_to_head(self.engine)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session committed on success and rolled back on any error."""
        with self.sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
