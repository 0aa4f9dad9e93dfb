"""Administering stations and where users work (issue 13, points 13 and 14), and
``plant-server audit verify`` (point 9, the server's side)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text, update

from operator_console.domain.records import Meaning
from plant_server.__main__ import main
from plant_server.db import Database
from plant_server.models import Record, Signature, StationAudit
from tests.plant_server.helpers import API, StationClient, statuses


def _cli(capsys: pytest.CaptureFixture[str], database: Database, *argv: str) -> tuple[int, str]:
    """``plant-server ARGV --db URL`` on the test's database (SQLite: the PostgreSQL test
    schema is not reachable by URL; the services behind the commands are the same)."""
    if not database.url.startswith("sqlite"):
        pytest.skip("command-line test on SQLite")
    code = main([*argv, "--db", database.url])
    captured = capsys.readouterr()
    return code, (captured.out + captured.err).strip()


def test_user_stations_decide_who_gets_verifiers(station: StationClient, database: Database,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert station.pull()["offline_verifiers"] == []  # nobody has worked here yet
    code, out = _cli(capsys, database, "user", "stations", "op02", "--allow",
                     f"{station.name},DEMO-STATION-09")
    assert code == 0 and out == f"stations of op02: {station.name}, DEMO-STATION-09"
    assert [v["user_id"] for v in station.pull()["offline_verifiers"]] == ["op02"]
    assert _cli(capsys, database, "user", "stations", "op02", "--allow", "ELSEWHERE")[0] == 0
    assert station.pull()["offline_verifiers"] == []
    assert _cli(capsys, database, "user", "stations", "op02", "--any")[1] == \
        "stations of op02: any"


def test_revoked_station_cannot_sync_and_is_told_why(station: StationClient,
                                                     database: Database,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _cli(capsys, database, "station", "revoke", station.name, "--reason", "stolen")
    assert code == 0 and out == f"revoked the credential of station {station.name}"
    for response in (station.http.get(f"{API}/pull", headers=station.headers),
                     station.http.post(f"{API}/push", headers=station.headers,
                                       json={"entries": []}),
                     station.http.post(f"{API}/auth/check", headers=station.headers,
                                       json={"user_id": "op01", "password": "demo-op01"})):
        assert response.status_code == 401 and response.json()["detail"] == "station_revoked"
    assert _cli(capsys, database, "station", "revoke", station.name)[0] == 1


def test_rotate_replaces_the_credential(station: StationClient, client: TestClient,
                                        database: Database,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _cli(capsys, database, "station", "rotate", station.name)
    assert code == 0 and "credential revoked" in out
    new_code = out.split("enrollment code ")[1].split()[0]
    assert station.http.get(f"{API}/pull", headers=station.headers).status_code == 401
    enrolled = client.post(f"{API}/enroll", json={"code": new_code, "station_name": station.name})
    assert enrolled.status_code == 200
    fresh = {"Authorization": f"Bearer {enrolled.json()['credential']}"}
    assert client.get(f"{API}/pull", headers=fresh).status_code == 200
    old = station.http.get(f"{API}/pull", headers=station.headers)
    assert old.status_code == 401 and old.json()["detail"] == "unauthorized"


def test_audit_verify_finds_what_was_changed(station: StationClient, database: Database,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    record_id, record = station.record()
    created = station.audit("record_created", target=record_id)
    assert statuses(station.push(
        record, created, station.signature(record_id, "op01", Meaning.PERFORMED))) == \
        [("accepted", "")] * 3
    code, out = _cli(capsys, database, "audit", "verify")
    assert code == 0 and "plant server: audit chain of" in out
    assert f"station {station.name}: audit chain of 1 entries ok" in out
    with database.transaction() as session:  # someone with write access to the database file
        for table in ("records", "signatures", "station_audit"):
            session.execute(text(f"DROP TRIGGER {table}_no_update"))
        session.execute(update(Record).where(Record.record_id == record_id)
                        .values(content_json='{"edited":true}'))
        session.execute(update(Signature).values(printed_name="Someone Else"))
        session.execute(update(StationAudit).values(fields_json=session.scalars(
            select(StationAudit.fields_json)).one().replace('"login"', '"logout"')
            .replace('"record_created"', '"record_deleted"')))
    code, out = _cli(capsys, database, "audit", "verify")
    assert code == 1
    assert "audit chain: entry 1" in out or "content does not match its hash" in out
    assert f"record {record_id}: stored content does not match its hash" in out
    assert "stored fields do not match its hash" in out
    assert out.splitlines()[-1].startswith("plant-server: error: audit verification failed")


def test_security_events_are_listed_for_qa(station: StationClient, database: Database,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli(capsys, database, "security-events") == (0, "no security events")
    record_id, record = station.record()
    station.push(record, station.signature(record_id, "op01", Meaning.PERFORMED, proof=None))
    code, out = _cli(capsys, database, "security-events", "--station", station.name)
    assert code == 0 and "\tsigning_proof_missing\t" + station.name in out
