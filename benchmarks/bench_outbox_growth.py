"""The station's drain rate as its store grows to millions of entries.

A station that has run for months holds millions of acknowledged outbox entries, with the
records, signatures and audit entries they carried. Whatever the push path reads per batch
(the next unacknowledged entries, the count still waiting, the anchor check's record count)
must not get slower as that history grows.

One store is grown in steps (0, then ``sizes`` acknowledged entries). The first
``REAL_HISTORY`` entries are written by the fault tests' bulk writer (real hashes, real
chain, the same rows ``create_record`` and ``add_signature`` write), then acknowledged; beyond
that the history is grown by copying those rows under new IDs and sequence numbers in SQL
(same sizes and shapes, in seconds instead of minutes; the copies' audit chain is not a valid
chain, and the push path reads none of it). At each step a fresh backlog of ``backlog``
entries is queued and drained by the real ``SyncEngine`` in batches of 500. The plant server
is stood in by an in-process acknowledger, so that only the station's side is timed (the
server's side at scale is ``bench_load``'s and ``bench_sync``'s). Each drain is run
``repeat`` times; medians. Baseline: the drain rate of the empty store in the same run.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

QUICK = {"sizes": (20_000, 100_000), "backlog": 2_000, "repeat": 2}  # run_all --quick
ENTRIES_PER_RECORD = 4  # bulk_queue: record_created, record, record_signed, signature
REAL_HISTORY = 100_000


class Acknowledger:
    """Stands in for the plant server: acknowledges every entry it is sent, in order, and
    reports the last one as the station's anchor (no audit head, so no chain comparison)."""

    def __init__(self) -> None:
        self.last_seq = 0
        self.pushed = 0

    def station_state(self) -> tuple[int, int, str, int]:
        return self.last_seq, 0, "", 0

    def push(self, entries: list[dict[str, Any]], *,
             outbox_head: int | None = None) -> list[Any]:
        from operator_console.sync.http import EntryResult

        self.pushed += len(entries)
        self.last_seq = max([self.last_seq, *(int(e["station_seq"]) for e in entries)])
        return [EntryResult(str(e["entry_id"]), int(e["station_seq"]), "accepted", "", True)
                for e in entries]

    def report_rollback(self, *args: object) -> None:
        raise AssertionError("the benchmark store is never behind its stand-in server")


def _acknowledge_all(services: Any) -> None:
    from sqlalchemy import update

    from operator_console.store.models import OutboxEntry

    with services.db.transaction() as s:
        s.execute(update(OutboxEntry).where(OutboxEntry.acked_at.is_(None))
                  .values(acked_at="2026-01-01T00:00:00.000000Z"))


def _drain_once(services: Any, server: Acknowledger, backlog: int) -> float:
    """Queue ``backlog`` entries and drain them; returns entries per second."""
    from tests.sync_faults.harness import bulk_queue

    from operator_console.sync.engine import SyncEngine, pending

    bulk_queue(services, backlog // ENTRIES_PER_RECORD)
    queued = pending(services.db)
    engine = SyncEngine(services.db, server, batch_size=500)  # type: ignore[arg-type]
    t0 = time.perf_counter()
    report = engine.push_pending()
    seconds = time.perf_counter() - t0
    if report.remaining or report.accepted != queued:
        raise RuntimeError(f"drain incomplete: {report}")
    return queued / seconds


def _copy_history(services: Any, n: int, tag: str) -> None:
    """Append copies of the first ``n`` outbox entries (acknowledged) and of the audit
    entries, records and signatures among them, under new IDs and sequence numbers."""
    import sqlite3

    from operator_console.store.db import DB_FILENAME

    con = sqlite3.connect(services.db.data_dir / DB_FILENAME)
    try:
        out_max, audit_max = con.execute(
            "SELECT (SELECT max(station_seq) FROM outbox), (SELECT max(seq) FROM audit_entries)"
        ).fetchone()
        share = n / out_max
        con.execute("INSERT INTO outbox SELECT station_seq + :o, entry_id || :tag, kind, "
                    "payload_json, payload_hash, created_at, '2026-01-01T00:00:00.000000Z' "
                    "FROM outbox WHERE station_seq <= :n", {"o": out_max, "tag": tag, "n": n})
        audit_n = int(audit_max * share)
        con.execute("INSERT INTO audit_entries SELECT seq + :o, entry_id || :tag, ts, station, "
                    "actor, event, target || :tag, reason, old_json, new_json, prev_hash, hash "
                    "FROM audit_entries WHERE seq <= :n", {"o": audit_max, "tag": tag,
                                                           "n": audit_n})
        records = int(con.execute("SELECT count(*) FROM records").fetchone()[0] * share)
        con.execute("INSERT INTO records (record_id, record_type, batch_id, content_json, "
                    "content_hash, created_by, created_at, corrects) SELECT record_id || :tag, "
                    "record_type, batch_id, content_json, content_hash, created_by, "
                    "created_at, NULL FROM records ORDER BY seq LIMIT :n",
                    {"tag": tag, "n": records})
        con.execute("INSERT INTO signatures (signature_id, record_id, signer_id, printed_name, "
                    "meaning, signed_at, station, auth_method, content_hash, signature_hash) "
                    "SELECT signature_id || :tag, record_id || :tag, signer_id, printed_name, "
                    "meaning, signed_at, station, auth_method, content_hash, signature_hash "
                    "FROM signatures WHERE record_id || :tag IN (SELECT record_id FROM records)",
                    {"tag": tag})
        con.execute("UPDATE audit_head SET seq = (SELECT max(seq) FROM audit_entries), "
                    "hash = (SELECT hash FROM audit_entries ORDER BY seq DESC LIMIT 1)")
        con.commit()
    finally:
        con.close()


def _grow(services: Any, target: int) -> None:
    from tests.sync_faults.harness import bulk_queue

    copies = 0
    while (have := _history(services)) < target:
        if have < REAL_HISTORY:
            step = min(REAL_HISTORY, target) - have
            bulk_queue(services, max(1, step // ENTRIES_PER_RECORD), per_tx=10_000)
            _acknowledge_all(services)
        else:
            copies += 1
            _copy_history(services, min(have, target - have), f".c{target}.{copies}")


def _history(services: Any) -> int:
    from sqlalchemy import func, select

    from operator_console.store.models import OutboxEntry

    with services.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(OutboxEntry)) or 0)


def run(sizes: tuple[int, ...] = (1_000_000, 2_000_000), backlog: int = 8_000,
        repeat: int = 3) -> list[tuple[str, float, str]]:

    from operator_console.demo import seed_demo
    from operator_console.services import open_services

    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory(prefix="bench-outbox-") as tmp:
        services = open_services(Path(tmp))
        try:
            seed_demo(services.db, services.audit)
            server = Acknowledger()
            _drain_once(services, server, 500)  # warm: first use of every statement
            base = 0.0
            for target in (0, *sizes):
                t0 = time.perf_counter()
                _grow(services, target)
                grow_s = time.perf_counter() - t0
                history = _history(services)
                rate = statistics.median(_drain_once(services, server, backlog)
                                         for _ in range(repeat))
                base = base or rate
                tag = f"outbox {target:,}"
                if target:
                    rows.append((f"{tag}: grow the store to {history:,} acknowledged entries",
                                 grow_s, "s"))
                rows += [
                    (f"{tag}: drain {backlog:,} entries (station side), median of {repeat}",
                     rate, "entries/s"),
                    (f"{tag}: drain rate vs the empty store", rate / base,
                     "x baseline (1 = no slower)"),
                ]
        finally:
            services.close()
    return rows


if __name__ == "__main__":
    for name, value, unit in run(**(QUICK if "--quick" in sys.argv else {})):  # type: ignore[arg-type]
        print(f"{name:66s} {value:12,.3f} {unit}")
