"""ORM rows and service results to response models."""

from __future__ import annotations

from plant_server.api import schemas
from plant_server.models import Batch, Conflict, User
from plant_server.recipe_models import RecipeVersion
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


def batch_out(b: Batch, dispositioned: list[str] | None = None) -> schemas.BatchOut:
    recipe = None
    if b.recipe_id is not None and b.recipe_version is not None and b.recipe_hash is not None:
        recipe = schemas.RecipeRefOut(id=b.recipe_id, version=b.recipe_version,
                                      hash=b.recipe_hash)
    return schemas.BatchOut(batch_id=b.batch_id, patient_id=b.patient_id, din=b.din,
                            coi_id=b.coi_id, status=b.status, data=b.data, recipe=recipe,
                            station_name=b.station_name, state=b.state or "in_process",
                            dispositioned=dispositioned or [])


def recipe_out(r: RecipeVersion) -> schemas.RecipeOut:
    return schemas.RecipeOut(recipe_id=r.recipe_id, version=r.version, hash=r.recipe_hash,
                             state="superseded" if r.state == "superseded" else "effective",
                             effective_at=r.effective_at, superseded_at=r.superseded_at,
                             content=r.content)
