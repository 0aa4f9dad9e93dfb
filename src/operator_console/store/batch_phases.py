"""When an instrument phase of a batch was started: an audited event (``phase_started``,
target ``<batch>/<step>``, the historian clock's time in ``new``), so the phase's window
survives a restart of the station and stands in the audit trail."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.alarms import AlarmState, AlarmTransition, LimitKind
from operator_console.domain.audit_events import AuditEvent
from operator_console.domain.manifestation import format_utc_iso, parse_utc_iso
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


_ALARM_EVENTS = (AuditEvent.ALARM_RAISED.value, AuditEvent.ALARM_CLEARED.value)


def alarm_transitions(session: Session, t0: float, t1: float) -> list[AlarmTransition]:
    """The alarm transitions the instrument runtime audited in ``[t0, t1]`` (raised and
    cleared; acknowledgements do not change a phase's alarms), oldest first."""
    since = format_utc_iso(datetime.fromtimestamp(t0 - 1, UTC))
    rows = session.scalars(select(AuditEntry).where(
        AuditEntry.event.in_(_ALARM_EVENTS), AuditEntry.ts >= since).order_by(AuditEntry.seq))
    out = []
    for row in rows:
        old, new = json.loads(row.old_json or "null"), json.loads(row.new_json or "null")
        if not isinstance(old, dict) or not isinstance(new, dict):
            continue
        t = parse_utc_iso(row.ts).timestamp()
        if not t0 <= t <= t1:
            continue
        try:
            kind = LimitKind(new["limit_kind"]) if new.get("limit_kind") else None
            out.append(AlarmTransition(row.target, AlarmState(old["state"]),
                                       AlarmState(new["state"]), t, new.get("value"), kind))
        except (KeyError, ValueError):
            continue  # an entry of another shape: not an instrument alarm transition
    return out
