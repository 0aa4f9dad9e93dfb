"""Smoke test of the real process: ``python -m plant_server serve`` on a free port."""

from __future__ import annotations

from pathlib import Path

import httpx

from plant_server.db import Database
from plant_server.services.stations import add_station
from tests.helpers.server_process import serving
from tests.plant_server.helpers import API


def test_serve_enroll_push(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'served.sqlite3'}"
    database = Database(url)
    with database.transaction() as session:
        code = add_station(session, "SMOKE-1", actor="test", minutes=5)[1]
    database.dispose()
    with serving(url) as base, httpx.Client(base_url=base, timeout=10) as http:
        enrolled = http.post(f"{API}/enroll", json={"code": code, "station_name": "SMOKE-1"})
        assert enrolled.status_code == 200
        from tests.plant_server.helpers import StationClient

        station = StationClient(http, "SMOKE-1",
                                enrolled.json()["credential"])
        entries = [station.audit() for _ in range(3)]
        results = station.push(*entries)
        assert [r["status"] for r in results] == ["accepted"] * 3
        assert [r["status"] for r in station.push(*entries)] == ["duplicate"] * 3
        assert http.get("/openapi.json").status_code == 200
