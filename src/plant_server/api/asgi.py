"""The app of one worker process of ``plant-server serve --workers N``.

uvicorn starts each worker from this import path; the settings come from the ``PLANT_SERVER_*``
environment the parent set from its command line. The parent migrated the database before
starting the workers, so a worker never races another over the schema.
"""

from __future__ import annotations

from fastapi import FastAPI

from plant_server.api.app import create_app
from plant_server.config import Settings
from plant_server.db import Database


def create_worker_app() -> FastAPI:
    settings = Settings.from_env()
    database = Database(settings.db_url, migrate=False, pool_size=settings.db_pool_size,
                        pool_timeout_s=settings.db_pool_timeout_s)
    return create_app(settings, database)
