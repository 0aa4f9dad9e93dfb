"""Plant-server fixtures: every API test runs on SQLite (a fresh file) and on PostgreSQL (a
schema private to this test session, emptied between tests and dropped at the end).

PostgreSQL unreachable: its variants are skipped with the reason, unless ``CI=true``, where
that is a failure. ``PLANT_SERVER_TEST_PG`` overrides the server URL.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import text

from plant_server.api.app import create_app
from plant_server.config import Settings
from plant_server.db import Database, make_engine
from plant_server.models import Base
from plant_server.security import set_password_hasher
from plant_server.services.demo import init_demo
from tests.pg import postgres_url_or_skip
from tests.plant_server.helpers import StationClient, enroll_station


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing() -> Iterator[None]:
    """argon2id with tiny cost: the rules are the same, the tests are 50x faster."""
    previous = set_password_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    yield
    set_password_hasher(previous)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plant-template") / "plant.sqlite3"
    Database(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture(scope="session")
def pg_database() -> Iterator[Database]:
    url = postgres_url_or_skip()
    schema = f"plant_test_{uuid.uuid4().hex[:12]}"
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    database = Database(url, engine=engine)
    try:
        yield database
    finally:
        database.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _empty(database: Database) -> None:
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with database.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, tmp_path: Path,
             sqlite_template: Path) -> Iterator[Database]:
    """An empty, migrated server database on each backend."""
    if request.param == "sqlite":
        target = tmp_path / "plant.sqlite3"
        shutil.copy(sqlite_template, target)
        database = Database(f"sqlite:///{target}")
        yield database
        database.dispose()
    else:
        database = request.getfixturevalue("pg_database")
        _empty(database)
        yield database


@pytest.fixture
def settings(database: Database) -> Settings:
    return Settings(db_url=database.url, lockout_threshold=5, verifier_grace_hours=72)


@pytest.fixture
def client(settings: Settings, database: Database) -> Iterator[TestClient]:
    with TestClient(create_app(settings, database)) as test_client:
        yield test_client


@pytest.fixture
def demo(database: Database) -> None:
    """The demo users and master data (without the demo batches: tests make their own recipe
    and batches, or ask for the completed one: ``completed_demo_batch``)."""
    with database.transaction() as session:
        init_demo(session, batches=False)


@pytest.fixture
def station(client: TestClient, database: Database, demo: None) -> StationClient:
    """An enrolled DEMO-STATION-01 with a console-like outbox builder."""
    return enroll_station(client, database, "DEMO-STATION-01")
