"""The FastAPI application: routers under ``/api/v1``, service errors as JSON."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError

from plant_server.api.guard import RequestGuard
from plant_server.api.load_shed import BUSY_RETRY_AFTER_S, LoadShedder, retry_after
from plant_server.api.routes import auth, batches, conflicts, stations, sync
from plant_server.config import Settings
from plant_server.db import Database
from plant_server.services.common import ServiceError

API_PREFIX = "/api/v1"


async def _service_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ServiceError)
    body: dict[str, object] = {"detail": exc.code, "message": exc.message}
    items = getattr(exc, "items", None)  # a refused release lists every reason
    if isinstance(items, list):
        body["open_items"] = [i.as_dict() for i in items]
    return JSONResponse(body, status_code=exc.status)


async def _write_race(_request: Request, _exc: Exception) -> JSONResponse:
    # A concurrent request stored the same thing first; the transaction was rolled back and
    # retrying is safe (every write is idempotent).
    return JSONResponse({"detail": "retry", "message": "concurrent update; retry"},
                        status_code=409)


async def _invalid_request(_request: Request, exc: Exception) -> JSONResponse:
    """A brief 422: where the request is wrong (at most a few places, names cut short),
    never the input itself."""
    assert isinstance(exc, RequestValidationError)
    places = [".".join(str(part)[:40] for part in error.get("loc", ()))[:120]
              for error in exc.errors()[:5]]
    return JSONResponse({"detail": "invalid_request", "message": "the request does not match "
                         "the API", "where": places}, status_code=422)


async def _database_down(_request: Request, _exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": "database_unavailable", "message": "retry later"},
                        status_code=503)


async def _pool_exhausted(_request: Request, _exc: Exception) -> JSONResponse:
    """No connection within the pool timeout: busy, not broken (the station retries)."""
    wait = retry_after(BUSY_RETRY_AFTER_S)
    return JSONResponse({"detail": "busy", "message": "the plant server is busy; retry later",
                         "retry_after": wait}, status_code=503,
                        headers={"Retry-After": str(wait)})


def create_app(settings: Settings, database: Database | None = None) -> FastAPI:
    """Build the app; opens (and migrates) ``settings.db_url`` unless a database is given."""
    app = FastAPI(title="Plant Server", version="1.0.0",
                  description="Master data, station enrollment and outbox sync for the "
                              "Operator Console stations.")
    app.state.settings = settings
    app.state.database = database if database is not None else Database(
        settings.db_url, pool_size=settings.db_pool_size,
        pool_timeout_s=settings.db_pool_timeout_s)
    app.add_exception_handler(ServiceError, _service_error)
    app.add_exception_handler(IntegrityError, _write_race)
    app.add_exception_handler(OperationalError, _database_down)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_middleware(RequestGuard, database=app.state.database,
                       max_body_bytes=settings.max_body_bytes)
    # Outermost: a busy process answers before reading a body or taking a connection.
    app.add_middleware(LoadShedder, limit=settings.max_in_flight,
                       retry_after_s=settings.busy_retry_after_s)
    app.add_exception_handler(SQLAlchemyTimeoutError, _pool_exhausted)
    for module in (stations, sync, auth, conflicts, batches):
        app.include_router(module.router, prefix=API_PREFIX)
    return app
