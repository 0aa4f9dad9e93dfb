"""The audit trail repository: append entries to the hash chain, query them, verify them.

``append`` runs inside the caller's transaction, so an audit entry commits (or not) together
with the change it describes. Each entry is also queued in the outbox for the plant server.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from operator_console.domain.audit_chain import (
    GENESIS_HASH,
    AuditFields,
    ChainReport,
    entry_hash,
)
from operator_console.domain.audit_events import AuditEvent
from operator_console.domain.canonical import canonical_json
from operator_console.domain.manifestation import format_utc_iso
from operator_console.domain.stored_chain import (
    STORED_COLUMNS,
    EntryObserver,
    StoredRow,
    verify_stored_chain,
)
from operator_console.store.audit_seal import entry_mac
from operator_console.store.db import Database
from operator_console.store.models import AuditEntry, AuditHead
from operator_console.store.outbox import enqueue


def _json_text(value: Any) -> str:
    return canonical_json(value).decode("utf-8")


def fields_of(row: AuditEntry) -> AuditFields:
    return AuditFields(
        seq=row.seq,
        entry_id=row.entry_id,
        ts=row.ts,
        station=row.station,
        actor=row.actor,
        event=row.event,
        target=row.target,
        reason=row.reason,
        old=json.loads(row.old_json),
        new=json.loads(row.new_json),
    )


class AuditLog:
    """Appends to and reads the station's audit trail."""

    def __init__(self, station: str) -> None:
        self.station = station
        #: The audit key (``store.audit_key.attach_seal``): when set, every entry is sealed.
        self.seal_key: bytes | None = None

    def append(
        self,
        session: Session,
        *,
        actor: str,
        event: AuditEvent | str,
        target: str = "",
        reason: str = "",
        old: Any = None,
        new: Any = None,
        at: datetime | None = None,
    ) -> AuditEntry:
        """Add one entry to the chain within ``session``'s transaction.

        ``event`` must be an :class:`AuditEvent` (or its code): an unknown kind raises
        ``ValueError`` before anything is written, so every entry has a display name."""
        code = AuditEvent(event).value
        head = session.get(AuditHead, 1)
        seq = (head.seq if head else 0) + 1
        prev = head.hash if head else GENESIS_HASH
        fields = AuditFields(
            seq=seq,
            entry_id=str(uuid.uuid4()),
            ts=format_utc_iso(at or datetime.now().astimezone()),
            station=self.station,
            actor=actor,
            event=code,
            target=target,
            reason=reason,
            old=old,
            new=new,
        )
        digest = entry_hash(fields, prev)
        row = AuditEntry(
            seq=seq,
            entry_id=fields.entry_id,
            ts=fields.ts,
            station=fields.station,
            actor=actor,
            event=code,
            target=target,
            reason=reason,
            old_json=_json_text(old),
            new_json=_json_text(new),
            prev_hash=prev,
            hash=digest,
            mac=entry_mac(self.seal_key, seq, digest) if self.seal_key is not None else None,
        )
        session.add(row)
        if head is None:
            session.add(AuditHead(id=1, seq=seq, hash=digest))
        else:
            head.seq, head.hash = seq, digest
        enqueue(session, "audit", {**fields.as_json(), "prev_hash": prev, "hash": digest})
        session.flush()
        return row


@dataclass(frozen=True)
class AuditFilter:
    actor: str | None = None
    event: str | None = None
    since: str | None = None  # UTC ISO text, inclusive
    until: str | None = None  # UTC ISO text, exclusive
    limit: int = 1000


def query_entries(session: Session, flt: AuditFilter) -> Sequence[AuditEntry]:
    """Entries matching ``flt``, newest first."""
    stmt = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(flt.limit)
    if flt.actor:
        stmt = stmt.where(AuditEntry.actor == flt.actor)
    if flt.event:
        stmt = stmt.where(AuditEntry.event == flt.event)
    if flt.since:
        stmt = stmt.where(AuditEntry.ts >= flt.since)
    if flt.until:
        stmt = stmt.where(AuditEntry.ts < flt.until)
    return session.scalars(stmt).all()


def distinct_values(session: Session) -> tuple[list[str], list[str]]:
    """The actors and event codes present in the trail, for filter choices."""
    actors = session.scalars(select(AuditEntry.actor).distinct().order_by(AuditEntry.actor))
    events = session.scalars(select(AuditEntry.event).distinct().order_by(AuditEntry.event))
    return list(actors), list(events)


def count_entries(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)


_STORED_SQL = (f"SELECT {', '.join(STORED_COLUMNS)} FROM {AuditEntry.__tablename__} "
               "WHERE seq > ? AND seq <= ? ORDER BY seq")


def stored_rows(cursor: Any, after: int = 0, upto: int | None = None,
                batch: int = 10_000) -> Iterator[StoredRow]:
    """The entries ``after`` < seq <= ``upto`` as their stored strings (``STORED_COLUMNS``),
    in sequence order, read in batches through a DB-API ``cursor`` of the store's file."""
    cursor.execute(_STORED_SQL, (after, 2**62 if upto is None else upto))
    while rows := cursor.fetchmany(batch):
        yield from rows


def iter_stored_entries(session: Session, after: int = 0,
                        upto: int | None = None) -> Iterator[StoredRow]:
    """:func:`stored_rows` in the session's own connection, so in its read snapshot. Plain
    tuples straight from the driver: verifying a million entries must not build a million
    objects of any richer kind."""
    cursor = session.connection().connection.cursor()
    try:
        yield from stored_rows(cursor, after, upto)
    finally:
        cursor.close()


def verify_audit_chain(session: Session, *, watch: Collection[str] = (),
                       on_entry: EntryObserver | None = None) -> ChainReport:
    """Recompute the whole chain and compare it with the recorded head. ``on_entry`` sees
    the verified entries of the events in ``watch`` (for the cross-checks, in the same pass)."""
    head = session.get(AuditHead, 1)
    expected = (head.seq, head.hash) if head else (0, GENESIS_HASH)
    return verify_stored_chain(iter_stored_entries(session), expected, watch=watch,
                               on_entry=on_entry)


@dataclass(frozen=True)
class AuditRow:
    """A plain copy of an entry for display, detached from any session."""

    seq: int
    ts: str
    actor: str
    event: str
    target: str
    reason: str
    old_json: str
    new_json: str


class AuditReader:
    """Read-only access to the trail for the UI (called from worker threads)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def query(self, flt: AuditFilter) -> list[AuditRow]:
        with self.db.read() as s:
            return [
                AuditRow(r.seq, r.ts, r.actor, r.event, r.target, r.reason, r.old_json,
                         r.new_json)
                for r in query_entries(s, flt)
            ]

    def choices(self) -> tuple[list[str], list[str]]:
        with self.db.read() as s:
            return distinct_values(s)

    def verify(self) -> ChainReport:
        with self.db.read() as s:
            return verify_audit_chain(s)
