"""Conflicts raised by sync: listing and resolution by QA."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse

from plant_server.api import schemas
from plant_server.api.convert import conflict_out
from plant_server.api.deps import SessionDep, SettingsDep, StationDep
from plant_server.services.auth_check import check_credentials
from plant_server.services.conflicts import conflict_for_station, list_conflicts, resolve_conflict

router = APIRouter()


@router.get("/conflicts", response_model=schemas.ConflictList,
            responses={401: {"model": schemas.ErrorBody}}, summary="List conflicts")
def get_conflicts(
    station: StationDep, session: SessionDep,
    status: Annotated[Literal["open", "resolved", "all"], Query()] = "open",
) -> schemas.ConflictList:
    rows = list_conflicts(session, status=None if status == "all" else status,
                          station=station.name)
    return schemas.ConflictList(conflicts=[conflict_out(r) for r in rows])


@router.post("/conflicts/{conflict_id}/resolve", response_model=schemas.ConflictOut,
             responses={401: {"model": schemas.ErrorBody}, 403: {"model": schemas.ErrorBody},
                        404: {"model": schemas.ErrorBody}, 409: {"model": schemas.ErrorBody}},
             summary="Resolve a conflict: the QA person's own password, checked here")
def resolve(conflict_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
            body: schemas.ResolveRequest, station: StationDep, session: SessionDep,
            settings: SettingsDep) -> schemas.ConflictOut | JSONResponse:
    """Only conflicts that concern this station; the resolver re-authenticates (failures
    count toward their lockout and are kept: the answer is a normal response, not a
    rolled-back error)."""
    conflict_for_station(session, conflict_id, station.name)
    outcome = check_credentials(session, user_id=body.resolved_by, password=body.password,
                                purpose="resolve_conflict", station=station.name,
                                threshold=settings.lockout_threshold)
    if not outcome.ok or outcome.user is None:
        return JSONResponse({"detail": outcome.refusal or "bad_credentials",
                             "message": "the resolver's password was not accepted"},
                            status_code=403)
    row = resolve_conflict(session, conflict_id, resolved_by=outcome.user.user_id,
                           resolution=body.resolution, via=f"station:{station.name}")
    return conflict_out(row)
