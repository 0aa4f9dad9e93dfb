"""A forged station: a raw HTTP client holding a real station credential, against a real
plant server process (SQLite, and PostgreSQL), tries every forgery of issue 13. Each one
is refused (or has no effect) and the refusals raise security events."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from operator_console.domain.records import Meaning, RecordType
from operator_console.domain.signatures import AuthMethod
from plant_server.models import SecurityEvent, User
from tests.plant_server.helpers import API, StationClient, statuses
from tests.sync_faults.conftest import new_console
from tests.sync_faults.harness import Console, PlantServer

CASSETTE = {"cassette": {"gtin": "04912345678904", "serial": "FORGED-001", "lot": "L1"},
            "bay": "BAY-1"}


def _forge(console: Console, server: PlantServer) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        forger = StationClient(http, console.station, console.credential)
        now = datetime.now(UTC)
        rec_id, rec = forger.record(created_by="op01")
        digest = forger.records[rec_id]
        op_proof = forger.proof("op01", digest, Meaning.PERFORMED)
        results = forger.push(
            rec,
            # 1. an online signature the server never checked a password for
            forger.signature(rec_id, "op01", Meaning.PERFORMED, proof=None),
            # 1. someone else's proof for the verifier's signature
            forger.signature(rec_id, "ver01", Meaning.VERIFIED, proof=op_proof),
            # 2. back-dated offline signature by a disabled user
            forger.signature(rec_id, "op10", Meaning.PERFORMED, AuthMethod.OFFLINE),
            # 2. dated in the future
            forger.signature(rec_id, "op01", Meaning.PERFORMED, AuthMethod.OFFLINE,
                             at=now + timedelta(hours=3)),
            # 3. the right proof, another person's printed name
            forger.signature(rec_id, "op01", Meaning.PERFORMED, proof=op_proof,
                             printed_name="Emily Clark"),
            # 7. a lockout of QA with no failed attempts behind it
            forger.audit("account_locked", actor="system", target="qa01",
                         reason="5 consecutive failed attempts"),
            # 7. an audit entry in another station's name
            forger.audit("login", actor="op01", station="SOME-OTHER-STATION"))
        assert statuses(results)[1:] == [
            ("rejected", "signing_proof_missing"), ("rejected", "signing_proof_invalid"),
            ("rejected", "signature_refused:account_disabled"),
            ("rejected", "signed_in_future"), ("rejected", "printed_name_mismatch"),
            ("accepted", ""), ("rejected", "station_mismatch")]
        # 6. closing a conflict in QA's name without QA's password
        _, load = forger.record(RecordType.CASSETTE_LOAD, CASSETTE)
        _, again = forger.record(RecordType.CASSETTE_LOAD, CASSETTE)
        forger.push(load, again)
        (conflict,) = http.get(f"{API}/conflicts", headers=forger.headers).json()["conflicts"]
        url = f"{API}/conflicts/{conflict['id']}/resolve"
        no_password = http.post(url, headers=forger.headers,
                                json={"resolved_by": "qa01", "resolution": "void"})
        guessed = http.post(url, headers=forger.headers,
                            json={"resolved_by": "qa01", "password": "qa01",
                                  "resolution": "void"})
        assert (no_password.status_code, guessed.status_code) == (422, 403)
        # 8. logins tell nothing about the ID
        answers = [http.post(f"{API}/auth/check", headers=forger.headers,
                             json={"user_id": uid, "password": "wrong"}).json()
                   for uid in ("op03", "nobody-like-this", "op10")]
        assert {(a["refusal"], a["attempts_left"], a["user"]) for a in answers} == {
            ("bad_credentials", 4, None)}
    database = server.database()
    try:
        with database.transaction() as session:
            qa = session.get(User, "qa01")
            assert qa is not None and not qa.locked
            kinds = set(session.scalars(select(SecurityEvent.kind).where(
                SecurityEvent.station_name == console.station)))
    finally:
        database.dispose()
    assert {"signing_proof_missing", "signing_proof_invalid", "signed_in_future",
            "printed_name_mismatch", "lockout_without_failed_attempts",
            "station_mismatch"} <= kinds


def test_forged_station_sqlite(console: Console, server: PlantServer) -> None:
    _forge(console, server)


@pytest.mark.postgres
def test_forged_station_postgres(pg_server: PlantServer, tmp_path: Path) -> None:
    pg_server.ensure_running()
    console = new_console(tmp_path, pg_server)
    try:
        _forge(console, pg_server)
    finally:
        console.close()
