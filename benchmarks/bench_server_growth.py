"""The plant server's accept rate as its tables grow to millions of entries, with the
planner's statistics stale and fresh (PostgreSQL).

A real server process (``python -m plant_server serve``) over a private schema of the local
PostgreSQL. A new station drains a backlog of ``backlog`` entries (signed records as the
console writes them, batches of 500) into the empty server: the baseline. Then the tables a
push writes and reads (``pushed_entries``, ``records``, ``signatures``, ``station_audit``)
are grown in SQL to ``history`` pushed entries by copying the first station's rows under new
IDs onto a history station, with autovacuum off for them and their statistics taken while
they were small (so they are stale, as on a site whose autovacuum is behind). A second new
station drains the same backlog; then the tables are analysed and a third one drains it.
Skipped without a reachable PostgreSQL.
"""

from __future__ import annotations

import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_sync import _drain, _pg_admin_url, _prepare_server_db  # puts the tests on the path

QUICK = {"history": 100_000, "backlog": 1_000}
TABLES = ("pushed_entries", "records", "signatures", "station_audit")


def _columns(conn: Any, table: str) -> list[str]:
    from sqlalchemy import text

    return [name for (name,) in conn.execute(text(
        "SELECT column_name FROM information_schema.columns WHERE table_name = :t "
        "AND table_schema = current_schema() ORDER BY ordinal_position"), {"t": table})]


#: The columns each copy replaces (``k``: the copy's number; ``:h``: the history station).
_NEW = {
    "pushed_entries": {"id": None, "entry_id": "md5(entry_id || '/' || k)",
                       "station_id": ":h", "station_seq": "station_seq + k * :span"},
    "records": {"record_id": "md5(record_id || '/' || k)", "station_id": ":h",
                "corrects": "NULL"},
    "signatures": {"signature_id": "md5(signature_id || '/' || k)",
                   "record_id": "md5(record_id || '/' || k)", "station_id": ":h"},
    "station_audit": {"id": None, "entry_id": "md5(entry_id || '/' || k)",
                      "station_id": ":h", "seq": "seq + k * :span"},
}


def _grow(url: str, history: int) -> int:
    """Copy the one drained station's rows until ``pushed_entries`` holds about ``history``
    rows; returns the count. Autovacuum is off for the grown tables, and no ANALYZE runs."""
    from sqlalchemy import text

    from plant_server.db import make_engine

    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            for table in TABLES:
                conn.execute(text(f"ALTER TABLE {table} SET (autovacuum_enabled = false)"))
                conn.execute(text(f"ANALYZE {table}"))  # the statistics of small tables
            source = conn.execute(text(
                "SELECT station_id, count(*), max(station_seq) FROM pushed_entries "
                "GROUP BY station_id ORDER BY count(*) DESC LIMIT 1")).one()
            conn.execute(text(
                "INSERT INTO stations (name, created_at, last_seq, audit_head_seq, "
                "audit_head_hash, reported_seq) VALUES ('HISTORY', '2026-01-01T00:00:00Z', "
                "0, 0, :zero, 0)"), {"zero": "0" * 64})
            hist = conn.execute(text("SELECT id FROM stations WHERE name = 'HISTORY'")).scalar()
            audit_span = conn.execute(text(
                "SELECT coalesce(max(seq), 0) FROM station_audit WHERE station_id = :s"),
                {"s": source[0]}).scalar()
            copies = max(1, history // max(1, int(source[1])))
            for table in ("records", "signatures", "pushed_entries", "station_audit"):
                cols = [c for c in _columns(conn, table) if _NEW[table].get(c, c) is not None]
                values = [str(_NEW[table].get(c, c)) for c in cols]
                span = audit_span if table == "station_audit" else source[2]
                conn.execute(text(
                    f"INSERT INTO {table} ({', '.join(cols)}) SELECT {', '.join(values)} "
                    f"FROM {table}, generate_series(1, :copies) AS k "
                    "WHERE station_id = :src"),
                    {"copies": copies, "src": source[0], "h": hist, "span": span})
            return int(conn.execute(text("SELECT count(*) FROM pushed_entries")).scalar() or 0)
    finally:
        engine.dispose()


def _analyze(url: str) -> None:
    from sqlalchemy import text

    from plant_server.db import make_engine

    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            for table in TABLES:
                conn.execute(text(f"ANALYZE {table}"))
    finally:
        engine.dispose()


def run(history: int = 2_000_000, backlog: int = 2_000) -> list[tuple[str, float, str]]:
    from sqlalchemy import text
    from tests.sync_faults.harness import PlantServer

    from plant_server.db import make_engine

    admin_url = _pg_admin_url()
    if admin_url is None:
        return [("server growth: skipped, no PostgreSQL reachable", 0.0, "")]
    schema = f"bench_growth_{uuid.uuid4().hex[:10]}"
    admin = make_engine(admin_url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{admin_url}?options=-csearch_path%3D{schema}"
    try:
        with tempfile.TemporaryDirectory(prefix="bench-growth-") as tmp_name:
            tmp = Path(tmp_name)
            _prepare_server_db(url)
            server = PlantServer(url, tmp / "server.log")
            server.start()
            try:
                empty = _drain(tmp, server, backlog, 500, "empty")
                t0 = time.perf_counter()
                rows_now = _grow(url, history)
                grow_s = time.perf_counter() - t0
                stale = _drain(tmp, server, backlog, 500, "stale")
                _analyze(url)
                fresh = _drain(tmp, server, backlog, 500, "fresh")
            finally:
                server.stop()
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    return [
        (f"server growth: drain {backlog} entries into the empty server (baseline)", empty,
         "entries/s"),
        (f"server growth: tables grown to {rows_now:,} pushed entries (SQL copies)", grow_s,
         "s"),
        ("server growth: same drain, grown, statistics stale (autovacuum off)", stale,
         f"entries/s ({stale / empty:.2f}x the empty server)"),
        ("server growth: same drain, grown, after ANALYZE", fresh,
         f"entries/s ({fresh / empty:.2f}x the empty server)"),
    ]


if __name__ == "__main__":
    for name, value, unit in run(**(QUICK if "--quick" in sys.argv else {})):
        print(f"{name:72s} {value:12,.1f} {unit}")
