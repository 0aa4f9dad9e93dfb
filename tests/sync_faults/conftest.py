"""Fixtures for the sync fault tests: a real plant server process per test module (an SQLite
file, or a private PostgreSQL schema), its demo data from ``plant-server init-demo``, and per
test a new console data folder seeded with the demo users as a station of its own (so its
entry IDs are its own), registered as by ``plant-server add-station`` and enrolled with an
in-memory credential, talking to the server through a fault-injecting proxy.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from plant_server.db import make_engine
from tests.pg import postgres_url_or_skip
from tests.sync_faults.harness import Console, PlantServer, make_console, plant_cli
from tests.sync_faults.proxy import FaultProxy


@pytest.fixture(scope="session")
def server_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite server database holding ``plant-server init-demo``'s data."""
    path = tmp_path_factory.mktemp("server-template") / "plant.sqlite3"
    plant_cli("init-demo", db_url=f"sqlite:///{path}")
    return path


@pytest.fixture(scope="module")
def pg_server_url() -> Iterator[str]:
    """A database URL whose connections see only a private schema (dropped at the end)."""
    url = postgres_url_or_skip()
    schema = f"sync_faults_{uuid.uuid4().hex[:12]}"
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{url}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _serve(db_url: str, log: Path) -> Iterator[PlantServer]:
    server = PlantServer(db_url, log)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def sqlite_server(tmp_path_factory: pytest.TempPathFactory,
                  server_template: Path) -> Iterator[PlantServer]:
    folder = tmp_path_factory.mktemp("plant-server")
    shutil.copy(server_template, folder / "plant.sqlite3")
    yield from _serve(f"sqlite:///{folder / 'plant.sqlite3'}", folder / "server.log")


@pytest.fixture(scope="module")
def pg_server(tmp_path_factory: pytest.TempPathFactory,
              pg_server_url: str) -> Iterator[PlantServer]:
    folder = tmp_path_factory.mktemp("plant-server-pg")
    plant_cli("init-demo", db_url=pg_server_url)
    yield from _serve(pg_server_url, folder / "server.log")


@pytest.fixture
def server(sqlite_server: PlantServer) -> PlantServer:
    """The module's SQLite-backed server, up (a previous test may have killed it)."""
    sqlite_server.ensure_running()
    return sqlite_server


def new_console(tmp_path: Path, server: PlantServer, name: str = "data") -> Console:
    return make_console(tmp_path / name, f"FT-{uuid.uuid4().hex[:10].upper()}", server)


@pytest.fixture
def console(tmp_path: Path, server: PlantServer) -> Iterator[Console]:
    made = new_console(tmp_path, server)
    yield made
    made.close()


@pytest.fixture
def proxy(server: PlantServer) -> Iterator[FaultProxy]:
    made = FaultProxy(server.port)
    yield made
    made.close()
