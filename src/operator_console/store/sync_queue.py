"""The sync queue as people see it: what waits, what the plant server rejected, conflicts.

Reading is plain queries; resolving a rejection is a QA act: the resolution, who and when
are written together with a ``sync_rejection_resolved`` audit entry in one transaction, and
only by an active user who holds the QA role at that moment.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from operator_console.domain.manifestation import format_utc_iso
from operator_console.domain.people import Role
from operator_console.store.audit import AuditLog
from operator_console.store.db import Database
from operator_console.store.models import OutboxEntry, User
from operator_console.store.sync_models import SyncConflict, SyncRejection


@dataclass(frozen=True)
class RejectionView:
    id: int
    entry_id: str
    station_seq: int
    kind: str
    reason: str
    rejected_at: str
    resolved_by: str | None = None
    resolved_at: str | None = None
    resolution: str | None = None


@dataclass(frozen=True)
class ConflictView:
    conflict_id: str
    kind: str
    detected_at: str
    status: str
    summary: str
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SyncQueueView:
    waiting_by_kind: dict[str, int]
    rejections: list[RejectionView]  # unresolved, oldest first
    conflicts: list[ConflictView]  # open, newest first
    resolved_rejections: int = 0


class ResolveRefusedError(RuntimeError):
    """Not allowed: no QA role, no resolution text, or already resolved."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _rejection(row: SyncRejection) -> RejectionView:
    return RejectionView(row.id, row.entry_id, row.station_seq, row.kind, row.reason,
                         row.rejected_at, row.resolved_by, row.resolved_at, row.resolution)


def read_sync_queue(db: Database) -> SyncQueueView:
    with db.read() as s:
        counts = s.execute(select(OutboxEntry.kind, func.count())
                           .where(OutboxEntry.acked_at.is_(None))
                           .group_by(OutboxEntry.kind)).all()
        rejections = [_rejection(r) for r in s.scalars(
            select(SyncRejection).where(SyncRejection.resolved_at.is_(None))
            .order_by(SyncRejection.station_seq))]
        resolved = int(s.scalar(select(func.count()).select_from(SyncRejection)
                                .where(SyncRejection.resolved_at.is_not(None))) or 0)
        conflicts = []
        for c in s.scalars(select(SyncConflict).where(SyncConflict.status == "open")
                           .order_by(SyncConflict.detected_at.desc())):
            try:
                detail = json.loads(c.detail_json)
            except ValueError:
                detail = {}
            detail = detail if isinstance(detail, dict) else {}
            conflicts.append(ConflictView(c.conflict_id, c.kind, c.detected_at, c.status,
                                          str(detail.get("summary") or ""), detail))
    return SyncQueueView({str(k): int(n) for k, n in counts}, rejections, conflicts, resolved)


def resolve_rejection(db: Database, audit: AuditLog, rejection_id: int, *, user_id: str,
                      resolution: str) -> RejectionView:
    """Mark a rejected entry resolved by a QA user (who has re-entered their password)."""
    text = resolution.strip()
    if not text:
        raise ResolveRefusedError("resolution_required", "a resolution text is required")
    with db.transaction() as s:
        user = s.get(User, user_id)
        if user is None or not user.active or user.locked or \
                Role.QA.value not in {r.role for r in user.roles}:
            raise ResolveRefusedError("not_qa", "only an active QA user may resolve a rejection")
        row = s.get(SyncRejection, rejection_id)
        if row is None:
            raise ResolveRefusedError("unknown", f"no rejected entry {rejection_id}")
        if row.resolved_at is not None:
            raise ResolveRefusedError("already_resolved", "this rejection is already resolved")
        row.resolved_by = user.user_id
        row.resolved_at = format_utc_iso(datetime.now(UTC))
        row.resolution = text
        audit.append(s, actor=user.user_id, event="sync_rejection_resolved",
                     target=row.entry_id, reason=text,
                     old={"station_seq": row.station_seq, "kind": row.kind,
                          "reason": row.reason},
                     new={"resolved_by": row.resolved_by, "resolved_at": row.resolved_at})
        return _rejection(row)
