"""Enrollment and health (the only routes without a station credential)."""

from __future__ import annotations

from fastapi import APIRouter

from plant_server.api.deps import SessionDep
from plant_server.api.schemas import EnrollRequest, EnrollResponse, ErrorBody, HealthResponse
from plant_server.services.common import now_iso
from plant_server.services.stations import enroll

router = APIRouter()
VERSION = "1"


@router.post("/enroll", response_model=EnrollResponse, responses={403: {"model": ErrorBody}},
             summary="Spend a one-time enrollment code for a station credential")
def enroll_station(body: EnrollRequest, session: SessionDep) -> EnrollResponse:
    station, credential = enroll(session, body.code, body.station_name)
    return EnrollResponse(station=station.name, credential=credential)


@router.get("/health", response_model=HealthResponse, summary="Liveness and server time")
def health() -> HealthResponse:
    return HealthResponse(status="ok", version=VERSION, server_time=now_iso())
