"""Bad input (issue 15): large bodies refused by their declared length before they are read,
the credential checked before the body is parsed, refusals brief and never echoing input."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from plant_server.db import Database
from plant_server.services.stations import add_station
from tests.helpers.server_process import serving
from tests.plant_server.helpers import API, StationClient


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """A real ``plant-server serve`` process with a 1 MiB body limit."""
    url = f"sqlite:///{tmp_path / 'served.sqlite3'}"
    database = Database(url)
    with database.transaction() as session:
        add_station(session, "BIG-1", actor="test", minutes=5)
    database.dispose()
    with serving(url, env={**_env(), "PLANT_SERVER_MAX_BODY_BYTES": "1048576"}) as base:
        yield base.removeprefix("http://")


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)


def _raw(address: str, head: bytes) -> bytes:
    """Send only the request head (no body) and read the answer."""
    host, port = address.split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(head)
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
        return answer


def test_huge_body_refused_by_length_before_reading(served: str) -> None:
    """50 MB announced, none sent: the server answers 413 at once (it did not wait for the
    body), anonymous or not, and briefly."""
    for path in ("/push", "/enroll", "/auth/check"):
        answer = _raw(served, (f"POST {API}{path} HTTP/1.1\r\nHost: x\r\n"
                               "Content-Type: application/json\r\n"
                               "Content-Length: 52428800\r\n\r\n").encode())
        assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
        assert b'"body_too_large"' in answer and len(answer) < 1024


def test_body_without_length_is_cut_at_the_limit(served: str) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(40):
            yield b"x" * 65536  # 2.5 MiB in all, over the 1 MiB limit

    response = httpx.post(f"http://{served}{API}/enroll", content=chunks(), timeout=30)
    assert response.status_code == 413 and response.json()["detail"] == "body_too_large"


def test_credential_checked_before_the_body_is_parsed(client: TestClient,
                                                      station: StationClient) -> None:
    for headers in ({}, {"Authorization": "Bearer not-a-credential"}):
        response = client.post(f"{API}/push", content=b"{ not json", headers={
            **headers, "content-type": "application/json"})
        assert response.status_code == 401 and response.json()["detail"] == "unauthorized"
    parsed = client.post(f"{API}/push", content=b"{ not json", headers={
        **station.headers, "content-type": "application/json"})
    assert parsed.status_code == 422


def test_422_is_brief_and_does_not_echo(station: StationClient) -> None:
    junk = "J" * 200_000
    response = station.http.post(f"{API}/auth/check", headers=station.headers,
                                 json={"user_id": junk, "password": junk, junk[:50]: 1})
    assert response.status_code == 422
    assert len(response.content) < 1024 and "JJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJ" \
        not in response.text
    assert response.json()["detail"] == "invalid_request"


def test_lone_surrogates_and_out_of_range_numbers_are_4xx(station: StationClient) -> None:
    bodies = {
        "/auth/check": {"user_id": "op01\ud800", "password": "x\udfff"},
        "/auth/change-password": {"user_id": "\ud800", "old_password": "\ud800",
                                  "new_password": "\udfff" * 9},
        "/enroll": {"code": "\ud800", "station_name": "\ud800"},
        "/push": {"entries": [{"entry_id": "e1", "station_seq": 2**70, "kind": "audit",
                               "payload": {"x": "\ud800"}, "payload_hash": "0" * 64}]},
        "/conflicts/1/resolve": {"resolved_by": "\ud800", "password": "\ud800",
                                 "resolution": "\ud800"},
        f"/conflicts/{2**70}/resolve": {"resolved_by": "qa01", "password": "x",
                                        "resolution": "x"},
    }
    for path, body in bodies.items():
        response = station.http.post(API + path, content=json.dumps(body).encode(), headers={
            **station.headers, "content-type": "application/json"})
        assert 400 <= response.status_code < 500, (path, response.status_code)
        assert len(response.content) < 1024
    assert station.http.get(f"{API}/pull", params={"cursor": 2**70},
                            headers=station.headers).status_code == 422
