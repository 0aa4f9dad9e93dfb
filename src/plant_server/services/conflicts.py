"""Conflicts: raised by sync, listed for the people who must resolve them, resolved by QA."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from operator_console.domain.people import Role
from plant_server.models import Conflict
from plant_server.services.audit import audit
from plant_server.services.common import (
    ConflictError,
    ForbiddenError,
    NotFoundError,
    ServiceError,
    now_iso,
    utcnow,
)
from plant_server.services.users import get_user, person_at


def raise_conflict(session: Session, *, kind: str, station: str, summary: str,
                   details: dict[str, Any], other_station: str | None = None,
                   record_id: str | None = None, entry_id: str | None = None) -> Conflict:
    row = Conflict(kind=kind, station_name=station, other_station=other_station,
                   record_id=record_id, entry_id=entry_id, summary=summary, details=details,
                   status="open", created_at=now_iso())
    session.add(row)
    session.flush()
    audit(session, actor=f"station:{station}", event="conflict_raised", target=str(row.id),
          reason=kind, new={"summary": summary, **details})
    return row


def list_conflicts(session: Session, *, status: str | None = "open",
                   station: str | None = None) -> list[Conflict]:
    stmt = select(Conflict).order_by(Conflict.id)
    if status:
        stmt = stmt.where(Conflict.status == status)
    if station:
        stmt = stmt.where(or_(Conflict.station_name == station,
                              Conflict.other_station == station))
    return list(session.scalars(stmt))


def conflict_for_station(session: Session, conflict_id: int, station: str) -> Conflict:
    """The conflict, if it concerns ``station``; otherwise it does not exist for it."""
    row = session.get(Conflict, conflict_id)
    if row is None or station not in (row.station_name, row.other_station):
        raise NotFoundError("unknown_conflict", f"no conflict {conflict_id}")
    return row


def resolve_conflict(session: Session, conflict_id: int, *, resolved_by: str,
                     resolution: str, via: str) -> Conflict:
    """Close a conflict. ``resolved_by`` must be an active, unlocked QA person (whose
    password the caller has checked: the HTTP route does, the CLI is the administrator)."""
    row = session.scalars(
        select(Conflict).where(Conflict.id == conflict_id).with_for_update()
    ).first()
    if row is None:
        raise NotFoundError("unknown_conflict", f"no conflict {conflict_id}")
    if row.status != "open":
        raise ConflictError("already_resolved", f"conflict {conflict_id} is already resolved")
    if not resolution.strip():
        raise ServiceError("resolution_required", "say how the conflict was resolved")
    try:
        user = get_user(session, resolved_by)
    except (NotFoundError, ValueError) as exc:
        raise ForbiddenError("not_qa", "only an active QA person may resolve a conflict") from exc
    person = person_at(user, utcnow())
    if not person.active or person.locked or not person.has_role(Role.QA):
        raise ForbiddenError("not_qa", "only an active QA person may resolve a conflict")
    row.status, row.resolved_by, row.resolved_at = "resolved", user.user_id, now_iso()
    row.resolution = resolution
    audit(session, actor=user.user_id, event="conflict_resolved", target=str(row.id),
          reason=resolution, old={"status": "open"}, new={"status": "resolved", "via": via})
    return row
