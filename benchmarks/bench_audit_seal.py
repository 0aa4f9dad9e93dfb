"""What the keyed seal on every audit entry costs (issue 13, point 9).

(a) Appending: ``AuditLog.append`` of the same entries in one transaction, with and without
the audit key attached (the seal is one HMAC-SHA256 per entry). Baseline: without.
(b) Verifying: ``audit_key.seal_problems`` over a chain of ``n`` sealed entries, against
``verify_audit_chain`` over the same file (the existing check it runs beside).
"""

from __future__ import annotations

import secrets
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_audit_verify import build_store

from operator_console.domain.audit_events import AuditEvent
from operator_console.store.audit import AuditLog, verify_audit_chain
from operator_console.store.audit_key import seal_problems
from operator_console.store.audit_seal import entry_mac
from operator_console.store.db import DB_FILENAME, Database

QUICK = {"n": 100_000, "appends": 2_000}


def _append_s(data_dir: Path, appends: int, key: bytes | None) -> float:
    db = Database(data_dir)
    audit = AuditLog("BENCH-STATION-01")
    audit.seal_key = key
    try:
        t0 = time.perf_counter()
        with db.transaction() as s:
            for i in range(appends):
                audit.append(s, actor="op01", event=AuditEvent.LOGIN_SUCCEEDED, reason=str(i))
        return time.perf_counter() - t0
    finally:
        db.close()


def run(n: int = 1_000_000, appends: int = 5_000) -> list[tuple[str, float, str]]:
    key = secrets.token_bytes(32)
    with tempfile.TemporaryDirectory(prefix="bench-seal-") as tmp:
        plain = _append_s(Path(tmp) / "plain", appends, None)
        sealed = _append_s(Path(tmp) / "sealed", appends, key)
        data_dir = Path(tmp) / "chain"
        data_dir.mkdir()
        build_store(data_dir, n)
        con = sqlite3.connect(data_dir / DB_FILENAME)
        rows = con.execute("SELECT seq, hash FROM audit_entries").fetchall()
        con.execute("DROP TRIGGER IF EXISTS audit_entries_no_update")  # bench file only
        con.executemany("UPDATE audit_entries SET mac = ? WHERE seq = ?",
                        [(entry_mac(key, seq, digest), seq) for seq, digest in rows])
        con.commit()
        con.close()
        del rows
        db = Database(data_dir, migrate=False)
        try:
            with db.read() as s:
                t0 = time.perf_counter()
                chain = verify_audit_chain(s)
                chain_s = time.perf_counter() - t0
                t0 = time.perf_counter()
                problems = seal_problems(s, key, 1)
                seal_s = time.perf_counter() - t0
        finally:
            db.close()
    if not chain.ok or problems:
        raise RuntimeError(f"benchmark chain did not verify: {chain} {problems[:1]}")
    return [
        (f"audit seal: append {appends:,} entries, unsealed", plain / appends * 1e6, "us/entry"),
        (f"audit seal: append {appends:,} entries, sealed", sealed / appends * 1e6, "us/entry"),
        ("audit seal: append time vs unsealed", sealed / plain, "x baseline"),
        (f"audit seal: seal_problems, {n:,} entries", seal_s, "s"),
        ("audit seal: seal check per entry", seal_s / n * 1e6, "us/entry"),
        ("audit seal: seal check vs verify_audit_chain", seal_s / chain_s, "x baseline"),
    ]


if __name__ == "__main__":
    for name, value, unit in run(**(QUICK if "--quick" in sys.argv else {})):
        print(f"{name:50s} {value:14,.3f} {unit}")
