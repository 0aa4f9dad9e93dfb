"""An instrument phase's process data on its way to the plant server.

``queue_phase_data`` cuts the phase's data into bounded chunks (``domain.process_data``) and
adds them to the outbox together with a ``phase_data`` row naming the step record, in one
transaction: the row's primary key makes a phase's data queued exactly once (a second attempt
changes nothing), and the chunks travel like every other entry (per-station sequence,
payload hash, idempotent push, acknowledged by the server only). The chunks stay readable in
the outbox, so the station's own batch report draws its trends from exactly what was sent.
``pending_phase_steps`` finds the instrument-phase step records whose data is not queued yet.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from operator_console.domain.audit_events import AuditEvent
from operator_console.domain.manifestation import format_utc_iso
from operator_console.domain.process_data import (
    KIND,
    MAX_POINTS_PER_CHUNK,
    PhaseData,
    assemble,
    chunk_payloads,
)
from operator_console.domain.records import RecordType
from operator_console.store.db import Database
from operator_console.store.models import AuditEntry, OutboxEntry, RecordRow
from operator_console.store.outbox import enqueue
from operator_console.store.process_data_models import PhaseDataRow


@dataclass(frozen=True)
class PhaseStep:
    """A recorded instrument phase: what its process data is built from."""

    step_record_id: str
    batch_id: str
    step_id: str
    start: float
    end: float
    channels: tuple[str, ...]
    alarms: tuple[tuple[str, float, float | None], ...]


def _phase_step(record_id: str, batch_id: str, obj: dict[str, Any]) -> PhaseStep | None:
    body = obj.get("content")
    if not isinstance(body, dict) or body.get("step_type") != "instrument_phase":
        return None
    actual = body.get("actual")
    if not isinstance(actual, dict):
        return None
    start, end = actual.get("start"), actual.get("end")
    channels = actual.get("channels")
    if not isinstance(start, (int, float)) or not isinstance(end, (int, float)) or \
            not isinstance(channels, dict):
        return None
    alarms = []
    for a in actual.get("alarms") or []:
        if isinstance(a, dict) and isinstance(a.get("raised_at"), (int, float)):
            cleared = a.get("cleared_at")
            alarms.append((str(a.get("channel")), float(a["raised_at"]),
                           float(cleared) if isinstance(cleared, (int, float)) else None))
    return PhaseStep(record_id, batch_id, str(body.get("step")), float(start), float(end),
                     tuple(sorted(channels)), tuple(alarms))


def pending_phase_steps(db: Database) -> list[PhaseStep]:
    """Instrument-phase step records (not corrections) whose process data is not queued."""
    with db.read() as s:
        queued = set(s.scalars(select(PhaseDataRow.step_record_id)))
        rows = s.execute(select(RecordRow.record_id, RecordRow.batch_id, RecordRow.content_json)
                         .where(RecordRow.record_type == RecordType.STEP_RECORD.value)
                         .order_by(RecordRow.seq)).all()
    out = []
    for record_id, batch_id, text in rows:
        if record_id in queued:
            continue
        step = _phase_step(record_id, batch_id, json.loads(text))
        if step is not None:
            out.append(step)
    return out


def _queue(session: Session, data: PhaseData, max_points: int) -> PhaseDataRow | None:
    if session.get(PhaseDataRow, data.step_record_id) is not None:
        return None
    entries = [enqueue(session, KIND, p) for p in chunk_payloads(data, max_points)]
    row = PhaseDataRow(step_record_id=data.step_record_id, batch_id=data.batch_id,
                       step_id=data.step_id, data_hash=data.data_hash(), parts=len(entries),
                       points=data.point_count(), first_seq=entries[0].station_seq,
                       last_seq=entries[-1].station_seq,
                       queued_at=format_utc_iso(datetime.now(UTC)))
    session.add(row)
    session.flush()
    return row


def queue_phase_data(db: Database, data: PhaseData,
                     max_points: int = MAX_POINTS_PER_CHUNK) -> int:
    """Queue ``data``'s chunks with their ``phase_data`` row in one transaction; returns the
    number of chunks queued (0: this phase's data was already queued)."""
    with db.transaction() as s:
        row = _queue(s, data, max_points)
        return 0 if row is None else row.parts


def batch_phase_data(db: Database, batch_id: str) -> list[PhaseData]:
    """The batch's phases as queued (reassembled from their outbox chunks, hash checked)."""
    out = []
    with db.read() as s:
        for row in s.scalars(select(PhaseDataRow).where(PhaseDataRow.batch_id == batch_id)
                             .order_by(PhaseDataRow.first_seq)):
            chunks = [json.loads(text) for text in s.scalars(
                select(OutboxEntry.payload_json).where(
                    OutboxEntry.kind == KIND, OutboxEntry.station_seq >= row.first_seq,
                    OutboxEntry.station_seq <= row.last_seq).order_by(OutboxEntry.station_seq))]
            out.append(assemble(chunks))
    return out


def earliest_unsent_phase_start(db: Database) -> float | None:
    """The earliest start of an instrument phase whose process data the plant server has not
    acknowledged yet: a phase started and not recorded, recorded and not queued, or queued
    with a chunk not acknowledged (None: there is none). The historian's 1 s tier keeps its
    rows from here on."""
    starts: list[float] = []
    with db.read() as s:
        recorded: dict[tuple[str, str], float] = {}
        rows = s.execute(select(RecordRow.record_id, RecordRow.batch_id, RecordRow.content_json)
                         .where(RecordRow.record_type == RecordType.STEP_RECORD.value)).all()
        queued = {r.step_record_id: r for r in s.scalars(select(PhaseDataRow))}
        for record_id, batch_id, text in rows:
            step = _phase_step(record_id, batch_id, json.loads(text))
            if step is None:
                continue
            key = (step.batch_id, step.step_id)
            recorded[key] = max(recorded.get(key, -math.inf), step.start)
            row = queued.get(record_id)
            if row is None or s.scalar(select(func.count()).where(
                    OutboxEntry.station_seq >= row.first_seq,
                    OutboxEntry.station_seq <= row.last_seq, OutboxEntry.acked_at.is_(None))):
                starts.append(step.start)
        for target, new_json in s.execute(select(AuditEntry.target, AuditEntry.new_json).where(
                AuditEntry.event == AuditEvent.PHASE_STARTED.value)):
            batch_id, _, step_id = (target or "").rpartition("/")
            new = json.loads(new_json or "null")
            if not isinstance(new, dict) or not isinstance(new.get("t"), (int, float)):
                continue
            if recorded.get((batch_id, step_id), -math.inf) < float(new["t"]):
                starts.append(float(new["t"]))  # started, not recorded yet: still running
    return min(starts, default=None)
