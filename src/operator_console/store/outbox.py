"""The outbox: everything the plant server must receive, in per-station order.

An entry is added in the same transaction as the thing it carries, so a record can never be
committed without being queued, nor queued without being committed.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from operator_console.domain.canonical import canonical_json, content_hash
from operator_console.domain.manifestation import format_utc_iso
from operator_console.store.models import OutboxEntry


def enqueue(session: Session, kind: str, payload: dict[str, Any]) -> OutboxEntry:
    """Queue ``payload`` for the plant server with the next per-station sequence number."""
    last = session.scalar(select(func.max(OutboxEntry.station_seq))) or 0
    entry = OutboxEntry(
        station_seq=last + 1,
        entry_id=str(uuid.uuid4()),
        kind=kind,
        payload_json=canonical_json(payload).decode("utf-8"),
        payload_hash=content_hash(payload),
        created_at=format_utc_iso(datetime.now(UTC)),
        acked_at=None,
    )
    session.add(entry)
    return entry


def pending_count(session: Session) -> int:
    """How many entries wait for the plant server's acknowledgement."""
    stmt = select(func.count()).select_from(OutboxEntry).where(OutboxEntry.acked_at.is_(None))
    return int(session.scalar(stmt) or 0)
