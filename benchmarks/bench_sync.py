"""Draining a console's offline backlog to a real plant server process on loopback.

The backlog is ``n`` queued outbox entries made of signed records as the console writes them
(each record brings 4 entries: its ``record_created`` audit entry, the record, the
``record_signed`` audit entry and the signature). It is pushed with the engine's batch size
(500) and, in the same run, a smaller backlog of ``n_single`` entries is pushed one entry per
request (batch size 1); the ratio compares the rates. Backends: SQLite (a file), and the local
PostgreSQL (a private schema) when it is reachable.

Uses the fault tests' harness (``tests/sync_faults/harness.py``) to start the server, seed and
enroll the console, and check afterwards that every entry arrived exactly once.
"""

from __future__ import annotations

import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

QUICK = {"n": 400, "n_single": 40}  # run_all --quick
PG_URLS = ("postgresql+psycopg://postgres@127.0.0.1:5432/test",
           "postgresql+psycopg://root@127.0.0.1:5432/test")
ENTRIES_PER_RECORD = 4


def _pg_admin_url() -> str | None:
    from sqlalchemy import text

    from plant_server.db import make_engine

    for url in PG_URLS:
        engine = make_engine(url, connect_args={"connect_timeout": 3})
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return url
        except Exception:
            continue
        finally:
            engine.dispose()
    return None


def _prepare_server_db(url: str) -> None:
    from argon2 import PasswordHasher

    from plant_server.db import Database
    from plant_server.security import set_password_hasher
    from plant_server.services.demo import init_demo

    previous = set_password_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    try:
        database = Database(url)
        with database.transaction() as session:
            init_demo(session)
        database.dispose()
    finally:
        set_password_hasher(previous)


def _drain(tmp: Path, server: object, n: int, batch_size: int, name: str) -> float:
    """Queue ``n`` entries on a new console, drain them; returns the drain time in s."""
    from tests.sync_faults.harness import (
        PlantServer,
        assert_synced,
        bulk_queue,
        make_console,
    )

    assert isinstance(server, PlantServer)
    console = make_console(tmp / name, f"BENCH-{uuid.uuid4().hex[:8].upper()}", server)
    try:
        base = console.pending()  # the seeding's own audit entries
        bulk_queue(console.services, max(1, (n - base) // ENTRIES_PER_RECORD))
        waiting = console.pending()
        engine = console.engine(batch_size=batch_size, timeout_s=120)
        t0 = time.perf_counter()
        report = engine.push_pending()
        seconds = time.perf_counter() - t0
        engine.client.close()
        if report.remaining or report.rejected:
            raise RuntimeError(f"benchmark drain incomplete: {report}")
        if assert_synced(console, server) != waiting:
            raise RuntimeError("benchmark drain: entry count mismatch")
        return waiting / seconds
    finally:
        console.close()


def _backend(label: str, url: str, tmp: Path, n: int, n_single: int) -> list[tuple[str, float,
                                                                                    str]]:
    from tests.sync_faults.harness import PlantServer

    _prepare_server_db(url)
    server = PlantServer(url, tmp / f"server-{label}.log")
    server.start()
    try:
        batched = _drain(tmp, server, n, 500, f"{label}-batched")
        single = _drain(tmp, server, n_single, 1, f"{label}-single")
    finally:
        server.stop()
    return [
        (f"sync {label}: drain {n} entries, batches of 500", batched, "entries/s"),
        (f"sync {label}: same, as signed records", batched / ENTRIES_PER_RECORD, "records/s"),
        (f"sync {label}: time for {n} entries", n / batched, "s"),
        (f"sync {label}: one entry per request ({n_single} entries)", single, "entries/s"),
        (f"sync {label}: batched vs one per request", batched / single, "x faster"),
    ]


def run(n: int = 20_000, n_single: int = 1_000,
        postgres: bool = True) -> list[tuple[str, float, str]]:
    from sqlalchemy import text

    from plant_server.db import make_engine

    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp_name:
        tmp = Path(tmp_name)
        rows += _backend("sqlite", f"sqlite:///{tmp / 'plant.sqlite3'}", tmp, n, n_single)
        admin_url = _pg_admin_url() if postgres else None
        if admin_url is not None:
            schema = f"bench_sync_{uuid.uuid4().hex[:10]}"
            admin = make_engine(admin_url)
            with admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
            try:
                rows += _backend("postgres", f"{admin_url}?options=-csearch_path%3D{schema}",
                                 tmp, n, n_single)
            finally:
                with admin.begin() as conn:
                    conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
                admin.dispose()
    return rows


if __name__ == "__main__":
    for name, value, unit in run(**(QUICK if "--quick" in sys.argv else {})):
        print(f"{name:55s} {value:12,.3f} {unit}")
