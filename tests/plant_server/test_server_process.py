"""Smoke test of the real process: ``python -m plant_server serve`` on a free port."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from plant_server.db import Database
from plant_server.services.stations import add_station
from tests.plant_server.helpers import API

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_serve_enroll_push(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'served.sqlite3'}"
    database = Database(url)
    with database.transaction() as session:
        code = add_station(session, "SMOKE-1", actor="test", minutes=5)[1]
    database.dispose()
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "plant_server", "serve", "--db", url, "--port", str(port),
         "--log-level", "warning"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"{base}{API}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            assert time.monotonic() < deadline, "server did not come up"
            time.sleep(0.1)
        with httpx.Client(base_url=base, timeout=10) as http:
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
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
