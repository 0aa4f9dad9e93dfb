"""Pushed process data: one chunk of an instrument phase's data (``domain.process_data``).

A chunk is accepted when it is well formed and within the size bound, names an
instrument-phase step record of the same batch and step that the server already holds from
the same station, agrees with the phase's other chunks (same data hash, number of parts and
window) and brings a part not stored yet. The chunk completing a phase is accepted only if
all parts together hash to the phase's data hash (else a security event: the station's data
was altered or mixed); the phase is then marked complete.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.canonical import canonical_json
from operator_console.domain.process_data import ProcessDataError, assemble, check_chunk
from operator_console.domain.records import RecordType
from plant_server.models import Record, Station
from plant_server.process_data_models import ProcessDataChunk, ProcessDataPhase
from plant_server.services.common import now_iso
from plant_server.services.entries.batch import NewRecord, find_record, write_pending
from plant_server.services.entries.refusals import ACCEPT, EntryRefusal

_CODES = {e.value: e for e in EntryRefusal}


def _body(record: Record | NewRecord) -> dict[str, Any]:
    if isinstance(record, NewRecord):
        return record.body or {}
    obj = json.loads(record.content_json)
    body = obj.get("content") if isinstance(obj, dict) else None
    return body if isinstance(body, dict) else {}


def _phase_record_ok(session: Session, station: Station, payload: dict[str, Any]) -> bool:
    record = find_record(session, str(payload["step_record"]))
    if record is None or record.record_type != RecordType.STEP_RECORD.value:
        return False
    if isinstance(record, Record) and (record.station_id != station.id
                                       or record.batch_id != payload["batch"]):
        return False
    body = _body(record)
    return body.get("step_type") == "instrument_phase" and body.get("step") == payload["step"]


def apply_process_data(session: Session, station: Station, payload: dict[str, Any]) -> str:
    try:
        check_chunk(payload)
    except ProcessDataError as exc:
        return _CODES.get(exc.code, EntryRefusal.MALFORMED_PROCESS_DATA)
    if not _phase_record_ok(session, station, payload):
        return EntryRefusal.UNKNOWN_PHASE_RECORD
    write_pending(session)  # the batch's records and entries first: the queries below see them
    record_id = str(payload["step_record"])
    phase = session.get(ProcessDataPhase, record_id)
    if phase is not None and (
            phase.station_id != station.id or phase.data_hash != payload["data_hash"]
            or phase.parts != payload["parts"] or phase.start != payload["start"]
            or phase.end != payload["end"]):
        return EntryRefusal.PROCESS_DATA_HASH_MISMATCH
    stored = [] if phase is None else [json.loads(t) for t in session.scalars(
        select(ProcessDataChunk.chunk_json).where(ProcessDataChunk.step_record_id == record_id))]
    if any(c["part"] == payload["part"] for c in stored):
        return EntryRefusal.PROCESS_DATA_PART_REUSED
    complete = len(stored) + 1 == payload["parts"]
    if complete:
        try:
            assemble([*stored, payload])
        except ProcessDataError:
            return EntryRefusal.PROCESS_DATA_HASH_MISMATCH
    now = now_iso()
    if phase is None:
        phase = ProcessDataPhase(
            step_record_id=record_id, station_id=station.id, batch_id=str(payload["batch"]),
            step_id=str(payload["step"]), start=payload["start"], end=payload["end"],
            data_hash=payload["data_hash"], parts=payload["parts"], received=0, points=0)
        session.add(phase)
        session.flush()  # before its chunk (the chunk's foreign key)
    phase.received += 1
    phase.points += len(payload["points"])
    if complete:
        phase.complete_at = now
    session.add(ProcessDataChunk(
        step_record_id=record_id, part=payload["part"], series=str(payload["series"]),
        channel=str(payload["channel"]), points=len(payload["points"]),
        chunk_json=canonical_json(payload).decode("utf-8"), received_at=now))
    session.flush()
    return ACCEPT
