"""Pushing the outbox and pulling master data, one blocking step at a time.

Rules: entries go in per-station order, in batches; an entry is marked synced only by the
server's acknowledgement of that very entry ("accepted" or "duplicate"); a rejected entry is
kept visible (``sync_rejections``) until QA resolves it. Each batch's acknowledgements are
committed in one transaction, so a crash between the server's commit and ours only means the
entries are sent again and acknowledged as duplicates: nothing lost, nothing doubled.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from operator_console.domain.manifestation import format_utc_iso
from operator_console.store.db import Database
from operator_console.store.models import AuditEntry, OutboxEntry, RecordRow
from operator_console.store.sync_models import SyncRejection, SyncState
from operator_console.sync.http import BadResponseError, EntryResult, PlantServerClient

Progress = Callable[[int, int], None]  # (sent so far, total when started)


class StationBehindServerError(RuntimeError):
    """The plant server holds more of this station than the station itself: its database
    was restored from an old copy, or entries were cut from it. Pushing stops (it would only
    collide with what the server has); the operator and QA must act."""


@dataclass
class PushReport:
    accepted: int = 0
    duplicates: int = 0
    rejected: int = 0
    remaining: int = 0
    problems: list[str] = field(default_factory=list)


def now_iso() -> str:
    return format_utc_iso(datetime.now(UTC))


def get_state(db: Database, key: str, default: str = "") -> str:
    with db.read() as s:
        row = s.get(SyncState, key)
        return row.value if row is not None else default


def set_state(db: Database, key: str, value: str) -> None:
    with db.transaction() as s:
        row = s.get(SyncState, key)
        if row is None:
            s.add(SyncState(key=key, value=value))
        else:
            row.value = value


def pending(db: Database) -> int:
    with db.read() as s:
        stmt = select(func.count()).select_from(OutboxEntry).where(OutboxEntry.acked_at.is_(None))
        return int(s.scalar(stmt) or 0)


class SyncEngine:
    def __init__(self, db: Database, client: PlantServerClient, *, batch_size: int = 500) -> None:
        self.db, self.client, self.batch_size = db, client, batch_size

    def check_anchor(self) -> None:
        """Compare this station with what the server anchored at the last sync: the server's
        last seq must be one this station issued, the station's audit entry at the server's
        head must be the very one the server holds, and it must still have every record the
        server holds from it. Otherwise report it once to the server (a security event for
        QA) and raise :class:`StationBehindServerError`."""
        server_seq, head_seq, head_hash, server_records = self.client.station_state()
        with self.db.read() as s:
            local_seq = int(s.scalar(select(func.max(OutboxEntry.station_seq))) or 0)
            local_audit = int(s.scalar(select(func.max(AuditEntry.seq))) or 0)
            at_head = s.scalar(select(AuditEntry.hash).where(AuditEntry.seq == head_seq)) \
                if head_seq else None
            local_records = _own_records(s)  # made here (received ones not counted)
        chain_ok = head_seq == 0 or at_head == head_hash
        if server_seq <= local_seq and chain_ok and server_records <= local_records:
            return
        self.client.report_rollback(local_seq, local_audit, at_head, local_records)
        what = []
        if server_seq > local_seq or (at_head is None and head_seq):
            what.append(f"the server holds entry {server_seq} and audit entry {head_seq}; "
                        f"this station's last are {local_seq} and {local_audit}")
        if not chain_ok and at_head is not None:
            what.append("this station's audit entry at the server's head differs")
        if server_records > local_records:
            what.append(f"the server holds {server_records} records from this station, "
                        f"this station only {local_records}")
        message = ("this station is behind the plant server (" + "; ".join(what) + "): its "
                   "database was restored from an old copy or altered. Syncing stopped; "
                   "records signed since the copy was made are not on the server. Do not "
                   "sign further records here; call QA.")
        set_state(self.db, "behind_server", message)
        raise StationBehindServerError(message)

    def push_pending(self, progress: Progress | None = None) -> PushReport:
        """Send every unacknowledged entry; stops at the first batch the server cannot take.
        First checks this station against the server's anchor (:meth:`check_anchor`)."""
        report = PushReport()
        if pending(self.db):
            self.check_anchor()
        total = pending(self.db)
        sent = 0
        while True:
            with self.db.read() as s:
                # Plain column tuples, not ORM objects: a batch is read once and never changed.
                rows = s.execute(select(OutboxEntry.entry_id, OutboxEntry.station_seq,
                                        OutboxEntry.kind, OutboxEntry.payload_json,
                                        OutboxEntry.payload_hash)
                                 .where(OutboxEntry.acked_at.is_(None))
                                 .order_by(OutboxEntry.station_seq).limit(self.batch_size)).all()
                batch = [{"entry_id": entry_id, "station_seq": seq, "kind": kind,
                          "payload": json.loads(payload_json), "payload_hash": payload_hash}
                         for entry_id, seq, kind, payload_json, payload_hash in rows]
            if not batch:
                break
            with self.db.read() as s:
                head = int(s.scalar(select(func.max(OutboxEntry.station_seq))) or 0)
            # raises on network or garbage: nothing marked
            results = self.client.push(batch, outbox_head=head)
            progressed = self._apply(batch, results, report)
            sent += progressed
            if progress is not None:
                # Records made while the push runs are sent by it too: the total grows with
                # them, so the strip never reads "sending 19 of 12".
                total = max(total, sent + pending(self.db))
                progress(sent, total)
            if progressed == 0:
                break  # the server took nothing from this batch: try again later
        report.remaining = pending(self.db)
        return report

    def _apply(self, batch: list[dict[str, object]], results: list[EntryResult],
               report: PushReport) -> int:
        by_id = {r.entry_id: r for r in results}
        answered: list[EntryResult] = []
        for entry in batch:
            result = by_id.get(str(entry["entry_id"]))
            if result is None:
                break  # no answer for it: it and everything after it go again
            if not result.acknowledged:
                # e.g. out_of_order: the server did not store it; resend from here later.
                report.problems.append(f"entry {result.station_seq}: {result.reason}")
                break
            answered.append(result)
        if not answered:
            return 0
        stamp = now_iso()
        with self.db.transaction() as s:
            # One statement per 500 entries, not a query and an update per entry.
            ids = [r.entry_id for r in answered]
            marked = 0
            for start in range(0, len(ids), 500):
                result_of = s.execute(
                    update(OutboxEntry)
                    .where(OutboxEntry.entry_id.in_(ids[start:start + 500]),
                           OutboxEntry.acked_at.is_(None))
                    .values(acked_at=stamp)
                    .execution_options(synchronize_session=False))
                marked += int(getattr(result_of, "rowcount", 0) or 0)
            if marked != len(ids):  # rolls the whole batch's acknowledgements back
                raise BadResponseError("the plant server acknowledged entries that are not "
                                       "pending here")
            # A rejection whose first answer was lost comes back as a duplicate of a rejected
            # entry: it is a rejection all the same, and QA must see it.
            rejected = {r.entry_id: r for r in answered if _is_rejection(r)}
            rows = s.scalars(select(OutboxEntry).where(
                OutboxEntry.entry_id.in_(list(rejected)))).all() if rejected else []
            for row in rows:
                result = rejected[row.entry_id]
                reason = result.reason.removeprefix("previously_rejected:")
                s.add(SyncRejection(entry_id=row.entry_id, station_seq=row.station_seq,
                                    kind=row.kind, reason=reason, rejected_at=stamp,
                                    resolved_by=None, resolved_at=None, resolution=None))
        for result in answered:
            if result.status == "accepted":
                report.accepted += 1
            elif result.status == "duplicate" and not _is_rejection(result):
                report.duplicates += 1
            else:
                report.rejected += 1
                report.problems.append(f"entry {result.station_seq}: {result.reason}")
        return len(answered)


def _own_records(session: Session) -> int:
    """Records this station made: every record but those received from the plant server
    (announced by ``record_received``). Counted without reading the audit trail: this runs
    before every push, and going through a trail of millions of entries each time made the
    drain rate fall as the station aged (``benchmarks/bench_outbox_growth.py``). A record
    added outside the application counts here too; ``audit verify`` names it."""
    total = session.scalar(select(func.count()).select_from(RecordRow)) or 0
    received = session.scalar(select(func.count()).select_from(RecordRow).where(
        RecordRow.record_id.in_(select(AuditEntry.target).where(
            AuditEntry.event == "record_received")))) or 0
    return int(total) - int(received)


def _is_rejection(result: EntryResult) -> bool:
    return result.status == "rejected" or (
        result.status == "duplicate" and result.reason.startswith("previously_rejected:"))
