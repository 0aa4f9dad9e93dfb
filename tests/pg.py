"""The local PostgreSQL the server tests use (127.0.0.1:5432, trust auth, database ``test``).

Unreachable: the test is skipped with the reason, except under ``CI=true``, where the
PostgreSQL tests must run and the test fails instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import text

from plant_server.db import make_engine

PG_URLS = ("postgresql+psycopg://postgres@127.0.0.1:5432/test",
           "postgresql+psycopg://root@127.0.0.1:5432/test")


def reachable_postgres() -> tuple[str | None, str]:
    """(URL, "") of the first reachable server, or (None, why not)."""
    urls = [os.environ["PLANT_SERVER_TEST_PG"]] if os.environ.get("PLANT_SERVER_TEST_PG") \
        else list(PG_URLS)
    reason = ""
    for url in urls:
        engine = make_engine(url, connect_args={"connect_timeout": 3})
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return url, ""
        except Exception as exc:
            reason = f"PostgreSQL not reachable at {url}: {str(exc).splitlines()[0]}"
        finally:
            engine.dispose()
    return None, reason


def postgres_url_or_skip() -> str:
    url, reason = reachable_postgres()
    if url is None:
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " (CI=true: PostgreSQL tests must run)")
        pytest.skip(reason)
    return url


@contextmanager
def isolated_schema(url: str, prefix: str = "plant_test") -> Iterator[str]:
    """A schema of its own in the test database, dropped afterwards; yields the libpq
    ``options`` that put it first on the search path (tests never share ``public``)."""
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = make_engine(url)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            yield f"-csearch_path={schema}"
        finally:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()
