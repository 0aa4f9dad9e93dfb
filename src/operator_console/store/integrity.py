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

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from operator_console.domain.audit_chain import ChainReport
from operator_console.domain.stored_records import (
    SIGNATURE_COLUMNS,
    current_content_hash,
    signature_verifies,
)
from operator_console.store.audit import verify_audit_chain
from operator_console.store.crosscheck import (
    ANNOUNCING_EVENTS,
    Announcements,
    cross_check_problems,
)
from operator_console.store.models import RecordRow, SignatureRow

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


def verify_store(session: Session) -> StoreReport:
    """Verify the chain, the records, the signatures and their agreement (see the module)."""
    announced = Announcements()
    chain = verify_audit_chain(session, watch=ANNOUNCING_EVENTS, on_entry=announced.add)
    if not chain.ok:
        return StoreReport(chain)
    found: list[tuple[int, int, str]] = []  # (-record seq, signature seq, problem)
    hashes: dict[str, str] = {}  # record ID -> stored content hash
    seqs: dict[str, int] = {}  # record ID -> seq (records are listed newest first)
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
    problems = [p for _, _, p in found]
    return StoreReport(chain, problems + cross_check_problems(announced, hashes, signatures))
