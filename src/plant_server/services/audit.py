"""The server's own audit trail (hash-chained like a station's) and security events."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.audit_chain import GENESIS_HASH, AuditFields, entry_hash
from operator_console.domain.canonical import canonical_json
from plant_server.models import SecurityEvent, ServerAudit, ServerAuditHead
from plant_server.services.common import now_iso

SERVER_STATION = "plant-server"


def audit(session: Session, *, actor: str, event: str, target: str = "", reason: str = "",
          old: Any = None, new: Any = None) -> ServerAudit:
    """Append one entry within ``session``'s transaction (serialised on the head row)."""
    head = session.scalars(
        select(ServerAuditHead).where(ServerAuditHead.id == 1).with_for_update()
    ).first()
    seq = (head.seq if head else 0) + 1
    prev = head.hash if head else GENESIS_HASH
    fields = AuditFields(seq=seq, entry_id=str(uuid.uuid4()), ts=now_iso(),
                         station=SERVER_STATION, actor=actor, event=event, target=target,
                         reason=reason, old=old, new=new)
    digest = entry_hash(fields, prev)
    row = ServerAudit(seq=seq, entry_id=fields.entry_id, ts=fields.ts, actor=actor, event=event,
                      target=target, reason=reason,
                      old_json=canonical_json(old).decode("utf-8"),
                      new_json=canonical_json(new).decode("utf-8"), prev_hash=prev, hash=digest)
    session.add(row)
    if head is None:
        session.add(ServerAuditHead(id=1, seq=seq, hash=digest))
    else:
        head.seq, head.hash = seq, digest
    session.flush()
    return row


def security_event(session: Session, *, kind: str, station: str | None,
                   entry_id: str | None, details: dict[str, Any]) -> SecurityEvent:
    """Record something that looks like tampering or a forged station, and audit it."""
    row = SecurityEvent(ts=now_iso(), kind=kind, station_name=station, entry_id=entry_id,
                        details=details)
    session.add(row)
    audit(session, actor=f"station:{station}" if station else "system", event="security_event",
          target=entry_id or "", reason=kind, new=details)
    return row
