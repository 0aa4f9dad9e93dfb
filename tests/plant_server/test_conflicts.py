"""Conflicts: raised on sync, never merged or dropped, resolved only by QA."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from operator_console.domain.records import Meaning, RecordType
from operator_console.domain.signatures import AuthMethod
from plant_server.db import Database
from plant_server.models import ServerAudit, User
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
    station.hold_verifiers("op02")
    record_id, record = station.record(created_by="op02")
    signature = station.signature(record_id, "op02", Meaning.PERFORMED, AuthMethod.OFFLINE)
    with database.transaction() as session:
        disable_user(session, "op02", actor="admin", reason="left the company")
    assert statuses(station.push(record, signature)) == [("accepted", "")] * 2
    (conflict,) = _open(station)
    assert conflict["kind"] == "offline_signature_disabled_user"
    assert conflict["record_id"] == record_id and conflict["details"]["signer_id"] == "op02"


def test_resolve_requires_qa(station: StationClient, client: TestClient,
                             database: Database) -> None:
    _, first = station.record(RecordType.CASSETTE_LOAD, CASSETTE)
    _, second = station.record(RecordType.CASSETTE_LOAD, CASSETTE)
    station.push(first, second)
    (conflict,) = _open(station)
    url = f"{API}/conflicts/{conflict['id']}/resolve"

    def resolve(who: str, password: str, via: StationClient = station) -> Any:
        return via.http.post(url, headers=via.headers, json={
            "resolved_by": who, "password": password, "resolution": "second load voided"})

    for who in ("op01", "ver01"):  # right passwords, not QA
        refused = resolve(who, f"demo-{who}")
        assert refused.status_code == 403 and refused.json()["detail"] == "not_qa"
    # QA's name without QA's password: refused, and the failure counts toward a lockout.
    wrong = resolve("qa01", "guessed")
    assert wrong.status_code == 403 and wrong.json()["detail"] == "bad_credentials"
    assert resolve("nobody", "x").json()["detail"] == "bad_credentials"
    with database.transaction() as session:
        user = session.get(User, "qa01")
        assert user is not None and user.failed_attempts == 1
    # A station the conflict does not concern neither sees nor resolves it.
    other = enroll_station(client, database, "DEMO-STATION-02")
    assert _open(other) == []
    assert resolve("qa01", "demo-qa01", via=other).status_code == 404
    done = resolve("QA01", "demo-qa01")
    assert done.status_code == 200 and done.json()["status"] == "resolved"
    assert done.json()["resolved_by"] == "qa01"
    assert _open(station) == []
    again = resolve("qa01", "demo-qa01")
    assert again.status_code == 409
    missing = station.http.post(f"{API}/conflicts/999/resolve", headers=station.headers,
                                json={"resolved_by": "qa01", "password": "demo-qa01",
                                      "resolution": "x"})
    assert missing.status_code == 404
    huge = station.http.post(f"{API}/conflicts/{2**70}/resolve", headers=station.headers,
                             json={"resolved_by": "qa01", "password": "demo-qa01",
                                   "resolution": "x"})
    assert huge.status_code == 422
    with database.transaction() as session:
        events = list(session.scalars(select(ServerAudit.event).where(
            ServerAudit.event == "conflict_resolved")))
    assert events == ["conflict_resolved"]
