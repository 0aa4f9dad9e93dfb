"""ORM rows and service results to response models."""

from __future__ import annotations

from plant_server.api import schemas
from plant_server.models import Conflict, User
from plant_server.services.pull import user_json


def user_out(user: User) -> schemas.UserOut:
    return schemas.UserOut.model_validate(user_json(user))


def conflict_out(row: Conflict) -> schemas.ConflictOut:
    return schemas.ConflictOut(
        id=row.id, kind=row.kind, station_name=row.station_name,
        other_station=row.other_station, record_id=row.record_id, entry_id=row.entry_id,
        summary=row.summary, details=row.details,
        status="resolved" if row.status == "resolved" else "open",
        created_at=row.created_at, resolved_by=row.resolved_by, resolved_at=row.resolved_at,
        resolution=row.resolution)
