"""Conflicts: raised on sync, never merged or dropped, resolved only by QA."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from operator_console.domain.records import Meaning, RecordType
from operator_console.domain.signatures import AuthMethod
from plant_server.db import Database
from plant_server.services.users import disable_user
from tests.plant_server.helpers import API, StationClient, enroll_station, statuses

CASSETTE = {"cassette": {"gtin": "04912345678904", "serial": "CAS-0142-001", "lot": "L1"},
            "bay": "BAY-1"}


def _open(station: StationClient) -> list[dict[str, Any]]:
    response = station.http.get(f"{API}/conflicts", headers=station.headers)
    assert response.status_code == 200
    conflicts: list[dict[str, Any]] = response.json()["conflicts"]
    return conflicts


def test_cassette_loaded_at_two_stations(station: StationClient, client: TestClient,
                                         database: Database) -> None:
    other = enroll_station(client, database, "DEMO-STATION-02")
    _, first = station.record(RecordType.CASSETTE_LOAD, CASSETTE)
    second_id, second = other.record(RecordType.CASSETTE_LOAD, CASSETTE)
    assert statuses(station.push(first)) == [("accepted", "")]
    assert statuses(other.push(second)) == [("accepted", "")]  # stored, not dropped
    conflicts = _open(station)
    assert [(c["kind"], c["station_name"], c["other_station"], c["record_id"])
            for c in conflicts] == [("cassette_loaded_twice", "DEMO-STATION-02",
                                     "DEMO-STATION-01", second_id)]
    assert conflicts[0]["details"]["serial"] == "CAS-0142-001"
    # Both stations see it on their next pull.
    assert len(station.pull()["conflicts"]) == len(other.pull()["conflicts"]) == 1


def test_cassette_fields_read_defensively(station: StationClient) -> None:
    _, odd = station.record(RecordType.CASSETTE_LOAD, {"cassette": "not an object"})
    _, none = station.record(RecordType.CASSETTE_LOAD, {"bay": "BAY-2"})
    assert statuses(station.push(odd, none)) == [("accepted", "")] * 2
    assert _open(station) == []


def test_offline_signature_by_user_disabled_meanwhile(station: StationClient,
                                                      database: Database) -> None:
    record_id, record = station.record(created_by="op02")
    signature = station.signature(record_id, "op02", Meaning.PERFORMED, AuthMethod.OFFLINE)
    with database.transaction() as session:
        disable_user(session, "op02", actor="admin", reason="left the company")
    assert statuses(station.push(record, signature)) == [("accepted", "")] * 2
    (conflict,) = _open(station)
    assert conflict["kind"] == "offline_signature_disabled_user"
    assert conflict["record_id"] == record_id and conflict["details"]["signer_id"] == "op02"


def test_resolve_requires_qa(station: StationClient) -> None:
    _, first = station.record(RecordType.CASSETTE_LOAD, CASSETTE)
    _, second = station.record(RecordType.CASSETTE_LOAD, CASSETTE)
    station.push(first, second)
    (conflict,) = _open(station)
    url = f"{API}/conflicts/{conflict['id']}/resolve"
    for who in ("op01", "ver01", "nobody"):
        refused = station.http.post(url, headers=station.headers,
                                    json={"resolved_by": who, "resolution": "ok"})
        assert refused.status_code == 403 and refused.json()["detail"] == "not_qa"
    done = station.http.post(url, headers=station.headers,
                             json={"resolved_by": "QA01", "resolution": "second load voided"})
    assert done.status_code == 200 and done.json()["status"] == "resolved"
    assert done.json()["resolved_by"] == "qa01"
    assert _open(station) == []
    again = station.http.post(url, headers=station.headers,
                              json={"resolved_by": "qa01", "resolution": "again"})
    assert again.status_code == 409
    missing = station.http.post(f"{API}/conflicts/999/resolve", headers=station.headers,
                                json={"resolved_by": "qa01", "resolution": "x"})
    assert missing.status_code == 404
