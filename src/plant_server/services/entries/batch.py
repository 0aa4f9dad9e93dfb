"""What one pushed batch stores and looks up, collected per batch (:class:`BatchCache`).

Within a pushed batch (:class:`BatchCache` in ``session.info``) the accepted rows are not added
to the session one ORM object at a time: they are collected as plain rows and inserted with one
``executemany`` per table (:meth:`BatchCache.write`) before anything else touches the database
and at the end of the batch, in the same transaction. The checks never need to read them back:
what the batch stored is answered from the cache. Without a cache (a single entry applied
outside ``push``) every lookup goes to the session.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from operator_console.domain.signatures import SignatureFacts
from plant_server.models import PushedEntry, Record, Signature, StationAudit, User


@dataclass(frozen=True)
class NewRecord:
    """A record stored by the batch in progress (its row may still be waiting to be written):
    what the signature checks need to know about it."""

    record_id: str
    record_type: str
    content_hash: str
    created_by: str
    created_at: str
    corrects: str | None
    #: What the record says (a step record's signature policy is read from it).
    body: dict[str, Any] | None = None


#: Wrong passwords that lock an account, when no batch says otherwise (``Settings``).
DEFAULT_LOCKOUT_THRESHOLD = 5


class BatchCache:
    """Lookups done once per pushed batch instead of once per entry (``push`` sets it up in
    ``session.info`` for the batch's transaction).

    ``free_*``: IDs named in the batch that were not stored when the batch began (an ID leaves
    its set once this batch stores it). ``new_records``: records stored by this batch, with
    the signatures and corrections this batch added for them: nothing else can refer to a
    record that did not exist before the batch.
    """

    KEY = "plant_server.push_batch"

    def __init__(self, lockout_threshold: int = DEFAULT_LOCKOUT_THRESHOLD) -> None:
        #: The plant's threshold: a pushed lockout needs that many failures behind it.
        self.lockout_threshold = lockout_threshold
        self.free_records: set[str] = set()
        self.free_signatures: set[str] = set()
        self.free_audits: set[str] = set()
        self.new_records: dict[str, NewRecord] = {}
        #: Signatures this batch stored, per record (as ``stored_facts`` reads them back).
        self.new_signatures: dict[str, list[SignatureFacts]] = {}
        self.corrected: set[str] = set()
        #: Users looked up by this batch: held here, since the session's identity map keeps
        #: objects only weakly and reloading a user (with its grants) for every entry is slow.
        self.users: dict[str, User | None] = {}
        #: Rows accepted but not yet written, per table, in the order they were accepted.
        self.pending: dict[Any, list[dict[str, Any]]] = {
            Record.__table__: [], Signature.__table__: [], StationAudit.__table__: [],
            PushedEntry.__table__: []}

    @classmethod
    def of(cls, session: Session) -> BatchCache | None:
        cache = session.info.get(cls.KEY)
        return cache if isinstance(cache, cls) else None

    def add(self, table: Any, row: dict[str, Any]) -> None:
        self.pending[table].append(row)

    def write(self, session: Session) -> None:
        """Insert the waiting rows: one ``executemany`` per table, parents before children.
        (Measured on PostgreSQL: psycopg's pipelined executemany beat multi-row VALUES and
        ``unnest`` arrays.)"""
        for table, rows in self.pending.items():
            if rows:
                session.execute(insert(table), rows)
                rows.clear()


def _free(session: Session, column: Any, ids: set[str]) -> set[str]:
    wanted = sorted(ids)
    taken: set[str] = set()
    for start in range(0, len(wanted), 500):
        taken.update(session.scalars(select(column).where(
            column.in_(wanted[start:start + 500]))))
    return ids - taken


def prefetch(session: Session, payloads: list[tuple[str, Any]],
             lockout_threshold: int = DEFAULT_LOCKOUT_THRESHOLD) -> BatchCache:
    """Find out in three queries which of the batch's record, signature and audit entry IDs
    are already taken; malformed payloads are simply skipped (their entries are rejected)."""
    records: set[str] = set()
    signatures: set[str] = set()
    audits: set[str] = set()
    for kind, payload in payloads:
        if not isinstance(payload, dict):
            continue
        if kind == "record" and isinstance(payload.get("record"), dict):
            value = payload["record"].get("record_id")
            if isinstance(value, str):
                records.add(value)
        elif kind == "signature" and isinstance(payload.get("signature_id"), str):
            signatures.add(payload["signature_id"])
        elif kind == "audit" and isinstance(payload.get("entry_id"), str):
            audits.add(payload["entry_id"])
    cache = BatchCache(lockout_threshold)
    cache.free_records = _free(session, Record.record_id, records)
    cache.free_signatures = _free(session, Signature.signature_id, signatures)
    cache.free_audits = _free(session, StationAudit.entry_id, audits)
    return cache


def write_pending(session: Session) -> None:
    """Write the batch's waiting rows now (before other writes, queries on them, the end)."""
    cache = BatchCache.of(session)
    if cache is not None:
        cache.write(session)


def store_row(session: Session, model: Any, row: dict[str, Any]) -> None:
    """Store an accepted row: queued for the batch's bulk insert, else added to the session."""
    cache = BatchCache.of(session)
    if cache is not None:
        cache.add(model.__table__, row)
    else:
        session.add(model(**row))


def find_record(session: Session, record_id: str) -> Record | NewRecord | None:
    cache = BatchCache.of(session)
    if cache is not None:
        if record_id in cache.new_records:
            return cache.new_records[record_id]
        if record_id in cache.free_records:
            return None
    return session.get(Record, record_id)


def find_user(session: Session, user_id: str) -> User | None:
    cache = BatchCache.of(session)
    if cache is None:
        return session.get(User, user_id)
    if user_id not in cache.users:
        cache.users[user_id] = session.get(User, user_id)
    return cache.users[user_id]


def signature_taken(session: Session, signature_id: str) -> bool:
    cache = BatchCache.of(session)
    if cache is not None:
        # Every signature ID of the batch was looked up by ``prefetch``; one this batch stored
        # has left the free set (its row may not be written yet).
        return signature_id not in cache.free_signatures
    return session.get(Signature, signature_id) is not None


def audit_taken(session: Session, entry_id: str) -> bool:
    cache = BatchCache.of(session)
    if cache is not None:
        return entry_id not in cache.free_audits  # as for signatures
    return session.scalars(select(StationAudit.id).where(
        StationAudit.entry_id == entry_id)).first() is not None
