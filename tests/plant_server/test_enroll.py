"""Enrollment: one-time, expiring codes; bearer credentials stored only as SHA-256."""

from __future__ import annotations

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import select

from plant_server.api.routes import auth, batches, conflicts, stations, sync
from plant_server.db import Database
from plant_server.models import ServerAudit, Station
from plant_server.security import token_hash
from tests.plant_server.helpers import API, issue_code


def test_code_is_one_time_and_credential_hash_only(client: TestClient,
                                                   database: Database) -> None:
    code = issue_code(database, "ST-A")
    first = client.post(f"{API}/enroll", json={"code": code, "station_name": "ST-A"})
    assert first.status_code == 200
    credential = first.json()["credential"]
    assert first.json()["station"] == "ST-A" and len(credential) >= 40
    again = client.post(f"{API}/enroll", json={"code": code, "station_name": "ST-A"})
    assert again.status_code == 403 and again.json()["detail"] == "enrollment_code_used"
    with database.transaction() as session:
        station = session.scalars(select(Station).where(Station.name == "ST-A")).one()
        assert station.credential_hash == token_hash(credential)
    ok = client.get(f"{API}/pull", headers={"Authorization": f"Bearer {credential}"})
    assert ok.status_code == 200


def test_expired_code_refused(client: TestClient, database: Database) -> None:
    code = issue_code(database, "ST-B", minutes=0)
    response = client.post(f"{API}/enroll", json={"code": code, "station_name": "ST-B"})
    assert response.status_code == 403
    assert response.json()["detail"] == "enrollment_code_expired"


def test_code_for_another_station_or_unknown_refused(client: TestClient,
                                                     database: Database) -> None:
    code = issue_code(database, "ST-C")
    wrong = client.post(f"{API}/enroll", json={"code": code, "station_name": "ST-D"})
    assert wrong.status_code == 403 and wrong.json()["detail"] == "enrollment_code_invalid"
    unknown = client.post(f"{API}/enroll", json={"code": "AAAA-BBBB", "station_name": "ST-C"})
    assert unknown.status_code == 403
    # The refused attempt did not spend the code.
    assert client.post(f"{API}/enroll",
                       json={"code": code.lower(), "station_name": "ST-C"}).status_code == 200


def test_bad_or_missing_credential_is_401(client: TestClient) -> None:
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic eDp5"}):
        for method, path in (("get", "/pull"), ("post", "/push"), ("get", "/conflicts"),
                             ("post", "/auth/check")):
            response = client.request(method, API + path, headers=headers,
                                      json={"entries": []} if method == "post" else None)
            assert response.status_code == 401, (path, headers, response.text)
    assert client.get(f"{API}/health").json()["status"] == "ok"


def test_openapi_lists_every_route(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    operations = {(m.upper(), p) for p, item in doc["paths"].items() for m in item}
    assert operations == {
        ("POST", f"{API}/enroll"), ("GET", f"{API}/health"), ("POST", f"{API}/push"),
        ("GET", f"{API}/pull"), ("POST", f"{API}/auth/check"), ("GET", f"{API}/conflicts"),
        ("POST", f"{API}/conflicts/{{conflict_id}}/resolve"),
        ("POST", f"{API}/auth/change-password"), ("GET", f"{API}/station"),
        ("POST", f"{API}/station/rollback"), ("GET", f"{API}/batches/review"),
        ("GET", f"{API}/batches/{{batch_id}}/review"),
        ("POST", f"{API}/batches/{{batch_id}}/exceptions/{{exception_id}}/disposition"),
        ("POST", f"{API}/batches/{{batch_id}}/audit-review"),
        ("POST", f"{API}/batches/{{batch_id}}/decision"),
        ("POST", f"{API}/batches/{{batch_id}}/conflicts/{{conflict_id}}/resolve"),
    }
    for path, item in doc["paths"].items():
        for op in item.values():
            assert "200" in op["responses"], path
            assert "$ref" in str(op["responses"]["200"]), path  # a described response model
    declared = {(method, API + route.path) for module in (auth, batches, conflicts, stations, sync)
                for route in module.router.routes if isinstance(route, APIRoute)
                for method in route.methods or ()}
    assert declared == operations


def test_failed_enrollments_are_audited_and_throttled(client: TestClient,
                                                      database: Database) -> None:
    code = issue_code(database, "ST-T")
    for n in range(10):
        wrong = client.post(f"{API}/enroll",
                            json={"code": f"WRNG-{n:04d}-ABCD", "station_name": "ST-T"})
        assert wrong.status_code == 403
    # The eleventh attempt in the minute is refused before the code is even looked at.
    throttled = client.post(f"{API}/enroll", json={"code": code, "station_name": "ST-T"})
    assert throttled.status_code == 429 and throttled.json()["detail"] == "enrollment_throttled"
    with database.transaction() as session:
        rows = list(session.scalars(select(ServerAudit).where(
            ServerAudit.event == "enrollment_failed")))
        station = session.scalars(select(Station).where(Station.name == "ST-T")).one()
        assert station.credential_hash is None
    assert [(r.target, r.reason) for r in rows] == [("ST-T", "enrollment_code_invalid")] * 10
    assert not any("WRNG" in f"{r.target}{r.reason}{r.new_json}" for r in rows)
