"""Busy is answered, never failed: beyond its requests in flight a server process says 503
with Retry-After before reading the body; an exhausted connection pool is a 503 too; the
station treats such an answer as "come back then", not as an outage."""

from __future__ import annotations

import json

import anyio
import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from operator_console.sync.http import PlantServerClient, ServerBusyError
from plant_server.api.app import create_app
from plant_server.api.load_shed import LoadShedder
from plant_server.config import Settings
from plant_server.db import Database, make_engine
from tests.pg import isolated_schema, postgres_url_or_skip


def test_requests_beyond_the_limit_are_told_to_retry_without_being_read() -> None:
    release = anyio.Event()
    read: list[bytes] = []

    async def slow_app(scope: dict, receive: object, send: object) -> None:  # type: ignore[type-arg]
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})  # type: ignore[operator]
        await send({"type": "http.response.body", "body": b"ok"})  # type: ignore[operator]

    shedder = LoadShedder(slow_app, limit=1, retry_after_s=2.0)  # type: ignore[arg-type]
    answers: list[dict] = []  # type: ignore[type-arg]

    async def receive() -> dict:  # type: ignore[type-arg]
        read.append(b"body")
        return {"type": "http.request", "body": b"{}", "more_body": False}

    async def send(message: dict) -> None:  # type: ignore[type-arg]
        answers.append(message)

    async def main() -> None:
        scope = {"type": "http", "path": "/api/v1/push", "headers": []}
        async with anyio.create_task_group() as tg:
            tg.start_soon(shedder, scope, receive, send)
            while shedder.in_flight == 0:
                await anyio.sleep(0)
            await shedder(scope, receive, send)  # the second one, while the first works
            busy = answers[:2]
            assert busy[0]["status"] == 503
            headers = dict(busy[0]["headers"])
            assert 2 <= int(headers[b"retry-after"]) <= 3
            assert json.loads(busy[1]["body"])["detail"] == "busy"
            assert read == [] and shedder.shed == 1
            release.set()
        assert shedder.in_flight == 0 and answers[-1]["body"] == b"ok"
        # health answers even when the process is full
        await shedder({"type": "http", "path": "/api/v1/health", "headers": []}, receive, send)

    anyio.run(main)


def test_an_exhausted_connection_pool_is_busy_not_an_error() -> None:
    url = postgres_url_or_skip()
    with isolated_schema(url) as options:
        engine = make_engine(url, pool_size=1, pool_timeout=0.5,
                             connect_args={"options": options})
        database = Database(url, engine=engine)
        settings = Settings(db_url=url, max_in_flight=50)
        held = engine.connect()  # the only connection of the pool
        try:
            with TestClient(create_app(settings, database)) as client:
                answer = client.get("/api/v1/pull", headers={"Authorization": "Bearer x"})
            assert answer.status_code == 503, answer.text
            assert answer.json()["detail"] == "busy" and int(answer.headers["retry-after"]) >= 1
        finally:
            held.close()
            database.dispose()


def test_postgres_statements_are_never_prepared_on_the_server() -> None:
    url = postgres_url_or_skip()
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            for _ in range(8):  # psycopg prepares after 5 runs unless told not to
                conn.execute(text("SELECT 1 WHERE 1 = :x"), {"x": 1})
            prepared = conn.execute(text("SELECT count(*) FROM pg_prepared_statements")).scalar()
        assert prepared == 0
    finally:
        engine.dispose()


@pytest.mark.parametrize("header", ["7", "7.5"])
def test_the_station_reads_retry_after(header: str) -> None:
    def busy(_request: httpx.Request) -> httpx.Response:
        return httpx.Response(503, headers={"Retry-After": header}, json={"detail": "busy"})

    client = PlantServerClient("http://plant.test", "t", transport=httpx.MockTransport(busy))
    with pytest.raises(ServerBusyError) as caught:
        client.push([])
    assert caught.value.retry_after == float(header)
