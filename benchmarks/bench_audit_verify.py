"""Audit trail verification throughput on a chain of one million entries.

The database is built fast: entries of one fixed shape whose canonical bytes come from a
template, chained with SHA-256 exactly as ``domain.audit_chain.entry_hash`` does (checked
against ``entry_hash`` on a sample) and written with ``executemany``. Then the real
``store.audit.verify_audit_chain`` re-verifies every entry from the file. Baseline: plain
``hashlib.sha256`` over the same bytes in a loop, without the database or any parsing.
"""

from __future__ import annotations

import hashlib
import sqlite3
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from operator_console.domain.audit_chain import GENESIS_HASH, AuditFields, entry_hash
from operator_console.domain.canonical import canonical_json
from operator_console.domain.manifestation import format_utc_iso
from operator_console.store.audit import verify_audit_chain
from operator_console.store.db import DB_FILENAME, Database

STATION = "BENCH-STATION-01"
NEW = {"auth_method": "online", "meaning": "performed", "signature_hash": "ab" * 32}
NEW_JSON = canonical_json(NEW).decode("utf-8")
CHUNK = 50_000
QUICK = {"n": 100_000}  # run_all --quick


def _fields(seq: int, entry_id: str, ts: str, target: str) -> AuditFields:
    return AuditFields(seq=seq, entry_id=entry_id, ts=ts, station=STATION, actor="op01",
                       event="record_signed", target=target, reason="", old=None, new=NEW)


def _canonical(seq: int, entry_id: str, ts: str, target: str) -> bytes:
    # Same bytes as canonical_json(_fields(...).as_json()) (keys in RFC 8785 order).
    return (f'{{"actor":"op01","entry_id":"{entry_id}","event":"record_signed",'
            f'"new":{NEW_JSON},"old":null,"reason":"","seq":{seq},"station":"{STATION}",'
            f'"target":"{target}","ts":"{ts}"}}').encode()


def build_chain(data_dir: Path, n: int) -> list[bytes]:
    """Write ``n`` chained entries into a fresh store; returns their canonical bytes."""
    Database(data_dir).close()  # schema via the real migrations
    con = sqlite3.connect(data_dir / DB_FILENAME)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    start = datetime(2026, 1, 1, tzinfo=UTC)
    prev = GENESIS_HASH
    blobs: list[bytes] = []
    rows: list[tuple[object, ...]] = []
    sample = max(1, n // 100)
    for seq in range(1, n + 1):
        entry_id = str(uuid.UUID(int=seq, version=4))
        target = str(uuid.UUID(int=seq // 3 + 1, version=4))
        ts = format_utc_iso(start + timedelta(milliseconds=seq))
        blob = _canonical(seq, entry_id, ts, target)
        digest = hashlib.sha256(prev.encode("ascii") + b"\n" + blob).hexdigest()
        if seq == 1 or seq == n or seq % sample == 0:
            assert entry_hash(_fields(seq, entry_id, ts, target), prev) == digest
        blobs.append(blob)
        rows.append((seq, entry_id, ts, STATION, "op01", "record_signed", target, "", "null",
                     NEW_JSON, prev, digest))
        prev = digest
        if len(rows) >= CHUNK or seq == n:
            con.executemany("INSERT INTO audit_entries (seq, entry_id, ts, station, actor, "
                            "event, target, reason, old_json, new_json, prev_hash, hash) "
                            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
            rows = []
    con.execute("INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)", (n, prev))
    con.commit()
    con.close()
    return blobs


def baseline_hash_loop(blobs: list[bytes]) -> float:
    """Seconds for plain chained SHA-256 over the same canonical bytes."""
    t0 = time.perf_counter()
    prev = GENESIS_HASH
    sha = hashlib.sha256
    for blob in blobs:
        prev = sha(prev.encode("ascii") + b"\n" + blob).hexdigest()
    return time.perf_counter() - t0


def run(n: int = 1_000_000) -> list[tuple[str, float, str]]:
    with tempfile.TemporaryDirectory(prefix="bench-audit-") as tmp:
        data_dir = Path(tmp)
        t0 = time.perf_counter()
        blobs = build_chain(data_dir, n)
        build_s = time.perf_counter() - t0
        base_s = baseline_hash_loop(blobs)
        del blobs
        db = Database(data_dir, migrate=False)
        try:
            with db.read() as s:
                t0 = time.perf_counter()
                report = verify_audit_chain(s)
                verify_s = time.perf_counter() - t0
        finally:
            db.close()
    if not report.ok or report.count != n:
        raise RuntimeError(f"benchmark chain did not verify: {report}")
    verify_rate, base_rate = n / verify_s, n / base_s
    return [
        (f"audit: build {n:,} chained entries", build_s, "s"),
        (f"audit: verify_audit_chain, {n:,} entries", verify_s, "s"),
        ("audit: verify throughput", verify_rate, "entries/s"),
        ("audit: baseline sha256 loop (no DB)", base_rate, "entries/s"),
        ("audit: verify time vs baseline", verify_s / base_s, "x baseline"),
    ]


if __name__ == "__main__":
    import sys

    for name, value, unit in run(**(QUICK if "--quick" in sys.argv else {})):
        print(f"{name:50s} {value:14,.3f} {unit}")
