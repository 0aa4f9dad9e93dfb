"""``audit verify`` on a station store of one million audit entries, with its records,
signatures, seals and checkpoints as a station writes them.

Each group of four entries is what a signed record leaves behind: ``record_created`` (with
the record's content hash), ``record_signed`` twice (performed, verified; each with the
signature's hash) and one other entry (a login, an alarm acknowledgement, a setting change).
So a million entries come with 250,000 records and 500,000 signatures. Every entry carries
its key seal (HMAC-SHA256 under the station's audit key) and every 100,000th entry a keyed
checkpoint. Every hash is made by the real domain functions (``entry_hash``,
``content_hash``, ``signature_hash``, ``entry_mac``), and the rows are written with
``executemany`` into a store made by the real migrations.

Measured: what ``operator-console audit verify`` runs once the key is read from the keyring,
``store.integrity.verify_store`` with the key (chain, seals, records, signatures,
cross-checks) and ``audit_key.checkpoint_problems``, at two sizes to show the cost per entry
does not grow; each also in one process (no worker processes), and at the smaller size the
exact path of before (every row parsed and canonicalised again, records loaded as ORM
objects, no seals). Baseline, in the same run: a bare chained SHA-256 loop over the entries'
canonical bytes, no database, no parsing, one core. The CPU time of this process and its
workers is printed beside the wall time: on a machine shared with other jobs the wall time
follows the load, the CPU time much less.
"""

from __future__ import annotations

import hashlib
import os
import resource
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text

from operator_console.domain.audit_chain import (
    GENESIS_HASH,
    AuditFields,
    ChainEntry,
    entry_body,
    entry_hash,
    verify_chain,
)
from operator_console.domain.canonical import canonical_json
from operator_console.domain.manifestation import format_utc_iso
from operator_console.domain.records import Meaning
from operator_console.domain.signatures import AuthMethod, SignatureFacts, signature_hash
from operator_console.domain.stored_chain import stored_fields
from operator_console.store.audit import iter_stored_entries
from operator_console.store.audit_key import checkpoint, checkpoint_problems
from operator_console.store.audit_seal import SealKey
from operator_console.store.db import DB_FILENAME, Database
from operator_console.store.integrity import verify_store
from operator_console.store.models import AuditHead
from operator_console.store.records import record_problems

STATION = "KASHIWA-CR2-ST07"
CHUNK = 20_000
QUICK = {"n": 100_000, "small": 20_000}  # run_all --quick
#: The bare SHA-256 loop's rate on this machine when idle (2026-11-27), to state what a
#: measured ratio means on the quiet machine the goal (< 5 s per million) was set on.
IDLE_BASELINE_RATE = 1_755_000
GOAL_S_PER_MILLION = 5.0

_AUDIT_SQL = ("INSERT INTO audit_entries (seq, entry_id, ts, station, actor, event, target, "
              "reason, old_json, new_json, prev_hash, hash, mac) "
              "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")
#: The station's audit key in this benchmark (a real station's lives in the OS keyring).
KEY = bytes(range(32))
CHECKPOINT_EVERY = 100_000
_RECORD_SQL = ("INSERT INTO records (record_id, record_type, batch_id, content_json, "
               "content_hash, created_by, created_at, corrects) VALUES (?,?,?,?,?,?,?,NULL)")
_SIG_SQL = ("INSERT INTO signatures (signature_id, record_id, signer_id, printed_name, meaning, "
            "signed_at, station, auth_method, content_hash, signature_hash) "
            "VALUES (?,?,?,?,?,?,?,?,?,?)")
_OTHER = [("login_succeeded", "op02", "", None, {"method": "password"}),
          ("alarm_acknowledged", "op01", "温度が上限を超えました", None,
           {"alarm": "BR-01.temperature", "value": 37.9}),
          ("setting_changed", "qa01", "shift change", {"idle_lock_s": 300},
           {"idle_lock_s": 180})]


def _uuid(n: int) -> str:
    return str(uuid.UUID(int=n, version=4))


def _groups(n: int) -> Iterator[tuple[list[AuditFields], tuple[Any, ...] | None,
                                      list[tuple[Any, ...]]]]:
    """Per group of four entries: the entries' fields, the record row, the signature rows."""
    start = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    for g in range((n + 3) // 4):
        at = start + timedelta(seconds=7 * g)
        record_id, batch = _uuid(10 * g + 1), f"B-2026-{g // 40:05d}"
        content = {"schema": 1, "record_id": record_id, "type": "step_completion",
                   "batch": batch, "content": {"step": "expansion-day-3", "bay": g % 8 + 1,
                                               "viable_cells_e6": 412 + g % 97,
                                               "note": "培地交換済み" if g % 5 == 0 else ""},
                   "corrects": None, "reason": None, "created_by": "op01",
                   "created_at": format_utc_iso(at), "station": STATION}
        content_json = canonical_json(content).decode()
        digest = hashlib.sha256(content_json.encode()).hexdigest()
        record = (record_id, "step_completion", batch, content_json, digest, "op01",
                  content["created_at"])
        fields: list[AuditFields] = []
        sigs: list[tuple[Any, ...]] = []

        def entry(event: str, actor: str, target: str, reason: str, old: Any, new: Any,
                  when: datetime, fields: list[AuditFields] = fields, g: int = g) -> None:
            seq = 4 * g + len(fields) + 1
            fields.append(AuditFields(seq, _uuid(10 * g + 2 + len(fields)),
                                      format_utc_iso(when), STATION, actor, event, target,
                                      reason, old, new))

        entry("record_created", "op01", record_id, "", None,
              {"type": "step_completion", "batch": batch, "content_hash": digest}, at)
        for k, (signer, name, meaning) in enumerate((("op01", "山田 花子", Meaning.PERFORMED),
                                                     ("vf01", "佐藤 健", Meaning.VERIFIED))):
            when = at + timedelta(seconds=2 + k)
            facts = SignatureFacts(record_id, digest, signer, name, meaning, when, STATION,
                                   AuthMethod.ONLINE)
            sig_hash = signature_hash(facts)
            sigs.append((_uuid(10 * g + 6 + k), record_id, signer, name, meaning.value,
                         format_utc_iso(when), STATION, "online", digest, sig_hash))
            entry("record_signed", signer, record_id, "", None,
                  {"meaning": meaning.value, "signature_hash": sig_hash,
                   "auth_method": "online"}, when)
        event, actor, reason, old, new = _OTHER[g % len(_OTHER)]
        entry(event, actor, actor, reason, old, new, at + timedelta(seconds=5))
        keep = n - 4 * g  # the last group may be cut short
        yield fields[:keep], record if keep >= 1 else None, sigs[:max(0, keep - 1)]


def build_store(data_dir: Path, n: int, key: bytes = KEY) -> list[bytes]:
    """Write ``n`` chained and sealed entries with their records, signatures and keyed
    checkpoints into a fresh store; returns the entries' canonical bytes (for the
    baseline)."""
    Database(data_dir).close()  # the schema, by the real migrations
    con = sqlite3.connect(data_dir / DB_FILENAME)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    sealer = SealKey(key)
    prev = GENESIS_HASH
    blobs: list[bytes] = []
    entries: list[tuple[Any, ...]] = []
    records: list[tuple[Any, ...]] = []
    sigs: list[tuple[Any, ...]] = []
    marks: list[tuple[int, str]] = []
    for fields, record, group_sigs in _groups(n):
        for f in fields:
            body = entry_body(f)
            digest = entry_hash(f, prev)
            blobs.append(body)
            entries.append((f.seq, f.entry_id, f.ts, f.station, f.actor, f.event, f.target,
                            f.reason, canonical_json(f.old).decode(),
                            canonical_json(f.new).decode(), prev, digest,
                            sealer.mac(f.seq, digest)))
            prev = digest
            if f.seq % CHECKPOINT_EVERY == 0:
                marks.append((f.seq, digest))
        if record is not None:
            records.append(record)
        sigs.extend(group_sigs)
        if len(entries) >= CHUNK:
            _flush(con, entries, records, sigs)
    _flush(con, entries, records, sigs)
    con.execute("INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)", (n, prev))
    con.commit()
    con.close()
    db = Database(data_dir, migrate=False)
    try:
        for seq, digest in marks:  # as if synced there: the keyed checkpoint of that head
            with db.transaction() as s:
                s.execute(text("UPDATE audit_head SET seq = :seq, hash = :hash"),
                          {"seq": seq, "hash": digest})
            checkpoint(db, key)
        with db.transaction() as s:
            s.execute(text("UPDATE audit_head SET seq = :seq, hash = :hash"),
                      {"seq": n, "hash": prev})
        checkpoint(db, key)
    finally:
        db.close()
    return blobs


def _flush(con: sqlite3.Connection, entries: list[tuple[Any, ...]],
           records: list[tuple[Any, ...]], sigs: list[tuple[Any, ...]]) -> None:
    con.executemany(_AUDIT_SQL, entries)
    con.executemany(_RECORD_SQL, records)
    con.executemany(_SIG_SQL, sigs)
    entries.clear()
    records.clear()
    sigs.clear()


def baseline_hash_loop(blobs: list[bytes]) -> float:
    """Seconds for plain chained SHA-256 over the same canonical bytes."""
    t0 = time.perf_counter()
    prev = GENESIS_HASH
    sha = hashlib.sha256
    for blob in blobs:
        prev = sha(prev.encode("ascii") + b"\n" + blob).hexdigest()
    return time.perf_counter() - t0


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the worker processes)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), \
        resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _verify(data_dir: Path, n: int, parallel: bool | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds of everything ``audit verify`` checks, with the key at hand."""
    db = Database(data_dir, migrate=False)
    try:
        with db.read() as s:
            c0, t0 = _cpu(), time.perf_counter()
            report = verify_store(s, seal_key=KEY, sealed_from=1, parallel=parallel)
            problems = report.problems + checkpoint_problems(s, KEY) + report.seals
            seconds, cpu = time.perf_counter() - t0, _cpu() - c0
    finally:
        db.close()
    if not report.chain.ok or report.chain.count != n or problems:
        raise RuntimeError(f"benchmark store did not verify: {report.chain} {problems[:3]}")
    return seconds, cpu


def _exact(data_dir: Path) -> float:
    """The path ``audit verify`` took before: every entry's JSON parsed and its fields
    canonicalised again, every record and signature loaded as ORM objects (no cross-check)."""
    db = Database(data_dir, migrate=False)
    try:
        with db.read() as s:
            t0 = time.perf_counter()
            head = s.get(AuditHead, 1)
            assert head is not None
            entries = (ChainEntry(stored_fields(r), r[10], r[11])
                       for r in iter_stored_entries(s))
            ok = verify_chain(entries, (head.seq, head.hash)).ok and not record_problems(s)
            seconds = time.perf_counter() - t0
    finally:
        db.close()
    if not ok:
        raise RuntimeError("benchmark store did not verify the exact way")
    return seconds


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _measure(n: int, repeat: int, exact: bool) -> dict[str, float]:
    """Medians over ``repeat`` runs for a store of ``n`` entries (built once); the baseline
    is measured between the verifications, so that it sees the same load."""
    with tempfile.TemporaryDirectory(prefix="bench-audit-") as tmp:
        t0 = time.perf_counter()
        blobs = build_store(Path(tmp), n)
        out = {"build": time.perf_counter() - t0, "load0": os.getloadavg()[0]}
        base, wall, cpu, alone, alone_cpu = [], [], [], [], []
        for _ in range(repeat):
            base.append(baseline_hash_loop(blobs))
            w, c = _verify(Path(tmp), n)
            wall.append(w)
            cpu.append(c)
            w, c = _verify(Path(tmp), n, parallel=False)
            alone.append(w)
            alone_cpu.append(c)
        del blobs
        out |= {"base": _median(base), "verify": _median(wall), "cpu": _median(cpu),
                "alone": _median(alone), "alone_cpu": _median(alone_cpu),
                "load1": os.getloadavg()[0]}
        if exact:
            out["exact"] = _exact(Path(tmp))
        return out


def run(n: int = 1_000_000, small: int | None = None,
        repeat: int = 3) -> list[tuple[str, float, str]]:
    small = small or max(1, n // 10)
    rows: list[tuple[str, float, str]] = []
    found: dict[int, dict[str, float]] = {}
    for size in (small, n):
        m = found[size] = _measure(size, repeat, exact=size == small)
        tag = f"audit {size:,}"
        rows += [
            (f"{tag}: build the store ({size // 4:,} records, {size // 2:,} signatures, "
             "every entry sealed)", m["build"], "s"),
            (f"{tag}: load average (1 min) before / after", m["load0"],
             f"/ {m['load1']:.1f} on {os.cpu_count()} cores"),
            (f"{tag}: baseline bare chained SHA-256 loop, one core, median", m["base"],
             f"s ({size / m['base']:,.0f} entries/s)"),
            (f"{tag}: audit verify (chain, seals, records, signatures, cross-checks, "
             f"checkpoints), median of {repeat}", m["verify"], "s"),
            (f"{tag}: verify rate", size / m["verify"], "entries/s"),
            (f"{tag}: verify cost per entry (wall)", m["verify"] / size * 1e6, "µs"),
            (f"{tag}: verify cost per entry (CPU, all processes)", m["cpu"] / size * 1e6,
             "µs"),
            (f"{tag}: verify vs baseline", m["verify"] / m["base"], "x baseline"),
            (f"{tag}: the same in one process (no worker processes)", m["alone"],
             f"s ({size / m['alone']:,.0f} entries/s, {m['alone'] / m['base']:.1f}x "
             f"baseline, {m['alone_cpu'] / size * 1e6:.2f} µs CPU per entry)"),
        ]
        if "exact" in m:
            rows.append((f"{tag}: the exact path of before (parse everything, ORM records, "
                         "no seals)", m["exact"],
                         f"s ({m['exact'] / m['verify']:.1f}x the fast path)"))
    big, little = found[n], found[small]
    ratio = big["verify"] / big["base"]
    rows += [
        ("audit: cost per entry against the baseline's, large vs small store",
         ratio / (little["verify"] / little["base"]), "x (1 = constant)"),
        ("audit: CPU per entry, large vs small store", (big["cpu"] / n) / (little["cpu"] / small),
         "x (1 = constant)"),
        ("audit: the same in one process, against the baseline, large vs small",
         (big["alone"] / big["base"]) / (little["alone"] / little["base"]), "x (1 = constant)"),
        ("audit: 1M entries at the idle machine's baseline rate (verify/baseline x 1M / "
         f"{IDLE_BASELINE_RATE:,}/s)", ratio * 1e6 / IDLE_BASELINE_RATE,
         f"s (goal < {GOAL_S_PER_MILLION:g})"),
    ]
    return rows


if __name__ == "__main__":
    import sys

    for name, value, unit in run(**(QUICK if "--quick" in sys.argv else {})):
        print(f"{name:78s} {value:12,.3f} {unit}")
