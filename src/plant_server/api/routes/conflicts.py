"""Conflicts raised by sync: listing and resolution by QA."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from plant_server.api import schemas
from plant_server.api.convert import conflict_out
from plant_server.api.deps import SessionDep, StationDep
from plant_server.services.conflicts import list_conflicts, resolve_conflict

router = APIRouter()


@router.get("/conflicts", response_model=schemas.ConflictList,
            responses={401: {"model": schemas.ErrorBody}}, summary="List conflicts")
def get_conflicts(
    station: StationDep, session: SessionDep,
    status: Annotated[Literal["open", "resolved", "all"], Query()] = "open",
) -> schemas.ConflictList:
    rows = list_conflicts(session, status=None if status == "all" else status)
    return schemas.ConflictList(conflicts=[conflict_out(r) for r in rows])


@router.post("/conflicts/{conflict_id}/resolve", response_model=schemas.ConflictOut,
             responses={401: {"model": schemas.ErrorBody}, 403: {"model": schemas.ErrorBody},
                        404: {"model": schemas.ErrorBody}, 409: {"model": schemas.ErrorBody}},
             summary="Resolve a conflict (resolved_by must hold the QA role)")
def resolve(conflict_id: int, body: schemas.ResolveRequest, station: StationDep,
            session: SessionDep) -> schemas.ConflictOut:
    row = resolve_conflict(session, conflict_id, resolved_by=body.resolved_by,
                           resolution=body.resolution, via=f"station:{station.name}")
    return conflict_out(row)
