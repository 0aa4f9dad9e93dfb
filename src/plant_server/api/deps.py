"""Dependencies as ``Annotated`` aliases: settings, a transaction per request, the station."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from plant_server.config import Settings
from plant_server.db import Database
from plant_server.models import Station
from plant_server.services.stations import station_for_credential


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


def get_session(database: Annotated[Database, Depends(get_database)]) -> Iterator[Session]:
    """One transaction per request, committed before the response is sent (scope=function)."""
    with database.transaction() as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]
DatabaseDep = Annotated[Database, Depends(get_database)]
SessionDep = Annotated[Session, Depends(get_session, scope="function")]

_bearer = HTTPBearer(auto_error=False, description="station credential from POST /enroll")


def get_station(
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Station:
    station = station_for_credential(session, credentials.credentials) if credentials else None
    if station is not None and station.revoked_at is not None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "station_revoked",
                            headers={"WWW-Authenticate": "Bearer"})
    if station is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unauthorized",
                            headers={"WWW-Authenticate": "Bearer"})
    return station


StationDep = Annotated[Station, Depends(get_station)]
