"""Time from pressing Sign to a durable commit: ``SigningService.create_and_sign``.

Each run re-checks the password (argon2id), applies the signature rules and commits record,
signature, audit entries and outbox entries in one ``synchronous=FULL`` transaction. Baseline,
measured in the same run: one bare argon2 verify of the same verifier plus one single-row
SQLite insert committed with ``synchronous=FULL`` (WAL) — the irreducible work.
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from operator_console.auth.passwords import check_password
from operator_console.demo import seed_demo
from operator_console.domain.records import RecordDraft, RecordType
from operator_console.services import open_services
from operator_console.store.models import User

QUICK = {"n": 10}  # run_all --quick


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def run(n: int = 30) -> list[tuple[str, float, str]]:
    with tempfile.TemporaryDirectory(prefix="bench-sign-") as tmp:
        data_dir = Path(tmp)
        services = open_services(data_dir)
        seed_demo(services.db, services.audit)
        services.close()
        services = open_services(data_dir)
        try:
            with services.db.read() as s:
                verifier = s.scalar(select(User.password_hash).where(User.user_id == "op01"))
            assert verifier is not None
            sign_times = []
            for i in range(n):
                draft = RecordDraft(RecordType.COMMENT, "B-BENCH", {"text": f"bench {i}"})
                t0 = time.perf_counter()
                outcome = services.signing.create_and_sign(draft, "op01", "demo-op01")
                sign_times.append(time.perf_counter() - t0)
                if not outcome.ok:
                    raise RuntimeError(f"benchmark signing refused: {outcome}")
        finally:
            services.close()

        con = sqlite3.connect(data_dir / "baseline.sqlite3", isolation_level=None)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
        con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)")
        base_times = []
        for i in range(n):
            t0 = time.perf_counter()
            if not check_password(verifier, "demo-op01"):
                raise RuntimeError("baseline password check failed")
            con.execute("BEGIN IMMEDIATE")
            con.execute("INSERT INTO t (body) VALUES (?)", (f"bench {i}",))
            con.execute("COMMIT")
            base_times.append(time.perf_counter() - t0)
        con.close()
    med, p95 = statistics.median(sign_times), _p95(sign_times)
    base_med, base_p95 = statistics.median(base_times), _p95(base_times)
    return [
        (f"sign: create_and_sign median (n={n})", med * 1000, "ms"),
        ("sign: create_and_sign p95", p95 * 1000, "ms"),
        ("sign: baseline argon2 verify + FULL insert median", base_med * 1000, "ms"),
        ("sign: baseline p95", base_p95 * 1000, "ms"),
        ("sign: median vs baseline", med / base_med, "x baseline"),
    ]


if __name__ == "__main__":
    import sys

    for name, value, unit in run(**(QUICK if "--quick" in sys.argv else {})):
        print(f"{name:50s} {value:12,.3f} {unit}")
