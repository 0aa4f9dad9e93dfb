"""Alembic environment: migrations always run on the engine the application hands over."""

from __future__ import annotations

from alembic import context

from operator_console.store import (  # noqa: F401  (registers the tables)
    instrument_models,
    master_models,
    process_data_models,
    recipe_models,
    sync_models,
)
from operator_console.store.models import Base

config = context.config
engine = config.attributes["engine"]

with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
