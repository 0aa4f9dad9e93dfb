"""Enrollment and health (the only routes without a station credential)."""

from __future__ import annotations

from fastapi import APIRouter

from plant_server.api.deps import DatabaseDep, SettingsDep
from plant_server.api.schemas import EnrollRequest, EnrollResponse, ErrorBody, HealthResponse
from plant_server.services.common import ThrottledError, now_iso
from plant_server.services.stations import (
    EnrollmentRefusedError,
    enroll,
    enrollment_throttled,
    record_enrollment_failure,
)

router = APIRouter()
VERSION = "1"


@router.post("/enroll", response_model=EnrollResponse,
             responses={403: {"model": ErrorBody}, 429: {"model": ErrorBody}},
             summary="Spend a one-time enrollment code for a station credential")
def enroll_station(body: EnrollRequest, database: DatabaseDep,
                   settings: SettingsDep) -> EnrollResponse:
    """Failures are audited (in their own transaction) and throttled plant-wide."""
    with database.transaction() as session:
        if enrollment_throttled(session, settings.enrollment_failures_per_minute):
            raise ThrottledError("enrollment_throttled", "too many failed enrollments; wait a "
                                                       "minute")
    try:
        with database.transaction() as session:
            station, credential = enroll(session, body.code, body.station_name)
            return EnrollResponse(station=station.name, credential=credential)
    except EnrollmentRefusedError as refused:
        with database.transaction() as session:
            record_enrollment_failure(session, body.station_name, refused.code)
        raise


@router.get("/health", response_model=HealthResponse, summary="Liveness and server time")
def health() -> HealthResponse:
    return HealthResponse(status="ok", version=VERSION, server_time=now_iso())
