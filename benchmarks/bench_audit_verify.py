"""``audit verify`` on a station store of one million audit entries, with its records and
signatures mixed in as a station writes them.

Each group of four entries is what a signed record leaves behind: ``record_created`` (with
the record's content hash), ``record_signed`` twice (performed, verified; each with the
signature's hash) and one other entry (a login, an alarm acknowledgement, a setting change).
So a million entries come with 250,000 records and 500,000 signatures. Every hash is made by
the real domain functions (``entry_hash``, ``content_hash``, ``signature_hash``), and the rows
are written with ``executemany`` into a store made by the real migrations.

Measured: ``store.integrity.verify_store``, which is what ``operator-console audit verify``
runs (chain, records, signatures, cross-checks), at two sizes to show the cost per entry does
not grow; and, at the smaller size, the exact path it replaced (every row parsed and
canonicalised again, records loaded as ORM objects). Baseline, in the same run: a bare
chained SHA-256 loop over the entries' canonical bytes, no database, no parsing.
"""

from __future__ import annotations

import hashlib
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

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
              "reason, old_json, new_json, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
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


def build_store(data_dir: Path, n: int) -> list[bytes]:
    """Write ``n`` chained entries with their records and signatures into a fresh store;
    returns the entries' canonical bytes (for the baseline)."""
    Database(data_dir).close()  # the schema, by the real migrations
    con = sqlite3.connect(data_dir / DB_FILENAME)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    prev = GENESIS_HASH
    blobs: list[bytes] = []
    entries: list[tuple[Any, ...]] = []
    records: list[tuple[Any, ...]] = []
    sigs: list[tuple[Any, ...]] = []
    for fields, record, group_sigs in _groups(n):
        for f in fields:
            body = entry_body(f)
            digest = entry_hash(f, prev)
            blobs.append(body)
            entries.append((f.seq, f.entry_id, f.ts, f.station, f.actor, f.event, f.target,
                            f.reason, canonical_json(f.old).decode(),
                            canonical_json(f.new).decode(), prev, digest))
            prev = digest
        if record is not None:
            records.append(record)
        sigs.extend(group_sigs)
        if len(entries) >= CHUNK:
            _flush(con, entries, records, sigs)
    _flush(con, entries, records, sigs)
    con.execute("INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)", (n, prev))
    con.commit()
    con.close()
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


def _verify(data_dir: Path, n: int, parallel: bool | None = None) -> float:
    db = Database(data_dir, migrate=False)
    try:
        with db.read() as s:
            t0 = time.perf_counter()
            report = verify_store(s, parallel=parallel)
            seconds = time.perf_counter() - t0
    finally:
        db.close()
    if not report.chain.ok or report.chain.count != n or report.problems:
        raise RuntimeError(f"benchmark store did not verify: {report.chain} "
                           f"{report.problems[:3]}")
    return seconds


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
    """Medians over ``repeat`` runs for a store of ``n`` entries (built once)."""
    with tempfile.TemporaryDirectory(prefix="bench-audit-") as tmp:
        t0 = time.perf_counter()
        blobs = build_store(Path(tmp), n)
        out = {"build": time.perf_counter() - t0}
        out["base"] = _median([baseline_hash_loop(blobs) for _ in range(repeat)])
        del blobs
        out["verify"] = _median([_verify(Path(tmp), n) for _ in range(repeat)])
        if exact:
            out["exact"] = _exact(Path(tmp))
        if size_is_parallel(n):
            out["alone"] = _verify(Path(tmp), n, parallel=False)
        return out


def size_is_parallel(n: int) -> bool:
    from operator_console.store.integrity import _split_point

    return _split_point(n, None) > 0


def run(n: int = 1_000_000, small: int | None = None,
        repeat: int = 3) -> list[tuple[str, float, str]]:
    small = small or max(1, n // 10)
    rows: list[tuple[str, float, str]] = []
    ratios: list[float] = []
    for size in (small, n):
        m = _measure(size, repeat, exact=size == small)
        tag = f"audit {size:,}"
        us = m["verify"] / size * 1e6
        ratios.append(m["verify"] / m["base"])
        rows += [
            (f"{tag}: build the store ({size // 4:,} records, {size // 2:,} signatures)",
             m["build"], "s"),
            (f"{tag}: audit verify (chain, records, signatures, cross-checks), median of "
             f"{repeat}", m["verify"], "s"),
            (f"{tag}: cost per entry", us, "µs"),
            (f"{tag}: baseline bare chained SHA-256 loop, median", m["base"], "s"),
            (f"{tag}: verify vs baseline", m["verify"] / m["base"], "x baseline"),
        ]
        if "alone" in m:
            rows.append((f"{tag}: the same in one process (no second process for the chain)",
                         m["alone"],
                         f"s (the second process saves {m['alone'] / m['verify']:.2f}x)"))
        if "exact" in m:
            rows.append((f"{tag}: the exact path it replaced (parse everything, ORM records)",
                         m["exact"], f"s ({m['exact'] / m['verify']:.1f}x the fast path)"))
    ratio = ratios[-1]
    rows += [
        ("audit: cost per entry against the baseline's, large vs small store",
         ratios[1] / ratios[0], "x (1 = constant)"),
        ("audit: 1M entries at the idle machine's baseline rate (verify/baseline x 1M / "
         f"{IDLE_BASELINE_RATE:,}/s)", ratio * 1e6 / IDLE_BASELINE_RATE,
         f"s (goal < {GOAL_S_PER_MILLION:g})"),
    ]
    return rows


if __name__ == "__main__":
    import sys

    for name, value, unit in run(**(QUICK if "--quick" in sys.argv else {})):
        print(f"{name:78s} {value:12,.3f} {unit}")
