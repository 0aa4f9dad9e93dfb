"""Reading the instrument phases' process data the stations pushed (see
``services.entries.process_data``): a phase's data reassembled from its chunks and checked
against its data hash again, so a report never draws from data that changed in the database."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.process_data import PhaseData, ProcessDataError, assemble
from plant_server.process_data_models import ProcessDataChunk, ProcessDataPhase


def phase_data(session: Session, step_record_id: str) -> PhaseData | None:
    """The phase's data, or None while parts are missing; raises ``ProcessDataError`` if the
    stored chunks no longer hash to the phase's data hash."""
    phase = session.get(ProcessDataPhase, step_record_id)
    if phase is None or phase.complete_at is None:
        return None
    chunks = [json.loads(t) for t in session.scalars(
        select(ProcessDataChunk.chunk_json).where(
            ProcessDataChunk.step_record_id == step_record_id).order_by(ProcessDataChunk.part))]
    data = assemble(chunks)
    if data.data_hash() != phase.data_hash:
        raise ProcessDataError("process_data_hash_mismatch", "stored phase data changed")
    return data


def batch_phases(session: Session, batch_id: str) -> dict[str, ProcessDataPhase]:
    """The batch's phases by step record ID (complete or not)."""
    return {p.step_record_id: p for p in session.scalars(
        select(ProcessDataPhase).where(ProcessDataPhase.batch_id == batch_id))}
