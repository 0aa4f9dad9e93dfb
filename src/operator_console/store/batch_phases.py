"""When an instrument phase of a batch was started: an audited event (``phase_started``,
target ``<batch>/<step>``, the historian clock's time in ``new``), so the phase's window
survives a restart of the station and stands in the audit trail."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.audit_events import AuditEvent
from operator_console.store.audit import AuditLog
from operator_console.store.models import AuditEntry


def _target(batch_id: str, step_id: str) -> str:
    return f"{batch_id}/{step_id}"


def phase_started_at(session: Session, batch_id: str, step_id: str) -> float | None:
    """The time (seconds since the epoch) the phase was last started, or None."""
    row = session.scalars(select(AuditEntry).where(
        AuditEntry.event == AuditEvent.PHASE_STARTED.value,
        AuditEntry.target == _target(batch_id, step_id)).order_by(
        AuditEntry.seq.desc())).first()
    if row is None or not row.new_json:
        return None
    value = json.loads(row.new_json)
    return float(value["t"]) if isinstance(value, dict) and "t" in value else None


def record_phase_start(session: Session, audit: AuditLog, batch_id: str, step_id: str, *,
                       actor: str, t: float) -> None:
    audit.append(session, actor=actor, event=AuditEvent.PHASE_STARTED.value,
                 target=_target(batch_id, step_id), new={"t": t})
