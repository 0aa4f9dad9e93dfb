"""Everything ``audit verify`` checks, in one streamed pass over each table.

1. The audit chain, entry by entry (:func:`~operator_console.store.audit.verify_audit_chain`),
   collecting on the way what its entries announce about records and signatures.
2. Each record's content against its hash, each signature against its hash and the record's
   content as it is now.
3. Records and signatures against the audit entries that carry their hashes
   (:mod:`~operator_console.store.crosscheck`).

Rows are read as plain tuples in batches inside one read snapshot, and checked by the fast
paths of :mod:`~operator_console.domain.stored_chain` and
:mod:`~operator_console.domain.stored_records`, which give the exact check's answer.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sqlite3
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.audit_chain import GENESIS_HASH, ChainReport
from operator_console.domain.stored_chain import Segment, join_segments, verify_segment
from operator_console.domain.stored_records import (
    SIGNATURE_COLUMNS,
    current_content_hash,
    signature_verifies,
)
from operator_console.store.audit import iter_stored_entries, stored_rows, verify_audit_chain
from operator_console.store.crosscheck import (
    ANNOUNCING_EVENTS,
    Announcements,
    cross_check_problems,
)
from operator_console.store.models import AuditEntry, AuditHead, RecordRow, SignatureRow

_RECORDS_SQL = f"SELECT seq, record_id, content_json, content_hash FROM {RecordRow.__tablename__}"
_SIGNATURES_SQL = (f"SELECT seq, signature_id, {', '.join(SIGNATURE_COLUMNS)} "
                   f"FROM {SignatureRow.__tablename__}")


@dataclass(frozen=True)
class StoreReport:
    """The chain's report and, if the chain is intact, every record problem found (records
    newest first, each record's own problems before the cross-check's)."""

    chain: ChainReport
    problems: list[str] = field(default_factory=list)


def _rows(session: Session, sql: str, batch: int = 10_000) -> Iterator[Any]:
    """The rows of ``sql`` as the driver's plain tuples, in batches, in the session's snapshot."""
    cursor = session.connection().connection.cursor()
    try:
        cursor.execute(sql)
        while rows := cursor.fetchmany(batch):
            yield from rows
    finally:
        cursor.close()


#: Below this many entries the chain is verified in this process alone (starting a second
#: process costs more than it saves).
PARALLEL_FROM = 200_000
#: The share of the chain the second process verifies while this one verifies the rest and
#: the records and signatures (about even work on a store of signed records).
_FIRST_SHARE = 0.6


@dataclass
class _Tables:
    """What the records and signatures hold, and their own problems."""

    problems: list[str]
    hashes: dict[str, str]  # record ID -> stored content hash
    signatures: dict[str, set[str]]  # record ID -> stored signature hashes


def _first_run(path: str, upto: int) -> tuple[Segment, Announcements]:
    """Entries 1..``upto`` verified in a process of its own, over its own read-only
    connection (entries are append-only: those up to the head read in the caller's snapshot
    are the same in any later one)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        announced = Announcements()
        run = verify_segment(stored_rows(con.cursor(), 0, upto), watch=ANNOUNCING_EVENTS,
                             on_entry=announced.add)
        return run, announced
    finally:
        con.close()


def _split_point(count: int, parallel: bool | None) -> int:
    """The last entry the second process verifies (0: verify in this process alone)."""
    if parallel is None:
        parallel = (count >= PARALLEL_FROM and (os.cpu_count() or 1) > 1
                    and "fork" in multiprocessing.get_all_start_methods())
    return int(count * _FIRST_SHARE) if parallel and count > 1 else 0


def verify_store(session: Session, *, parallel: bool | None = None) -> StoreReport:
    """Verify the chain, the records, the signatures and their agreement (see the module).

    ``parallel``: verify the first part of a long chain in a second process meanwhile
    (default: for chains of :data:`PARALLEL_FROM` entries or more, on more than one core).
    The report is the same either way.

    Python's cyclic garbage collector is paused meanwhile: the pass makes millions of rows and
    keeps hundreds of thousands of hashes, none of them in a cycle, and each full collection
    would walk all of them again (the cost per entry doubled from 100,000 entries to
    1,000,000 before)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return _verify_store(session, parallel)
    finally:
        if paused:
            gc.enable()


def _verify_store(session: Session, parallel: bool | None) -> StoreReport:
    head = session.get(AuditHead, 1)  # also opens the read snapshot
    expected = (head.seq, head.hash) if head else (0, GENESIS_HASH)
    split = _split_point(expected[0], parallel)
    announced = Announcements()
    if not split:
        chain = verify_audit_chain(session, watch=ANNOUNCING_EVENTS, on_entry=announced.add)
        if not chain.ok:
            return StoreReport(chain)
        tables = _check_tables(session)
    else:
        path = session.connection().engine.url.database
        assert path is not None
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
            first_part = pool.submit(_first_run, path, split)
            before = session.scalar(select(AuditEntry.hash).where(AuditEntry.seq == split))
            second = verify_segment(iter_stored_entries(session, split), split + 1,
                                    before or GENESIS_HASH, watch=ANNOUNCING_EVENTS,
                                    on_entry=announced.add)
            tables = _check_tables(session)
            first, earlier = first_part.result()
        had_rows = second.count > split or second.bad is not None
        chain = join_segments(first, second, had_rows, expected)
        if not chain.ok:
            return StoreReport(chain)
        announced = earlier.followed_by(announced)
    return StoreReport(chain, tables.problems + cross_check_problems(
        announced, tables.hashes, tables.signatures))


def _check_tables(session: Session) -> _Tables:
    """Each record's content against its hash, each signature against its hash and its
    record's content as it is now; problems listed records newest first."""
    found: list[tuple[int, int, str]] = []  # (-record seq, signature seq, problem)
    hashes: dict[str, str] = {}
    seqs: dict[str, int] = {}
    changed: dict[str, str | None] = {}  # record ID -> content hash now, where it differs
    for seq, record_id, content_json, stored_hash in _rows(session, _RECORDS_SQL):
        hashes[record_id], seqs[record_id] = stored_hash, seq
        now = current_content_hash(content_json, stored_hash)
        if now != stored_hash:
            changed[record_id] = now
            found.append((-seq, 0, f"record {record_id}: content does not match its hash"))
    signatures: dict[str, set[str]] = {}
    for row in _rows(session, _SIGNATURES_SQL):
        sig_seq, signature_id, stored = row[0], row[1], row[2:]
        record_id = stored[0]
        signatures.setdefault(record_id, set()).add(stored[8])
        if record_id not in hashes:
            continue  # no such record: the cross-check names the signature
        now = changed[record_id] if record_id in changed else hashes[record_id]
        if not signature_verifies(stored, now):
            found.append((-seqs[record_id], sig_seq,
                          f"record {record_id}: signature {signature_id} "
                          f"({stored[3]} by {stored[1]}) does not verify"))
    found.sort(key=lambda f: (f[0], f[1]))
    return _Tables([p for _, _, p in found], hashes, signatures)
