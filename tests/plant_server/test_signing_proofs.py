"""Online signatures carry the server's signing proof (issue 13, point 1).

A station holding a real credential (a raw HTTP client, as a compromised PC would use) cannot
push an online signature the server did not check the password for: without a proof, with a
proof for another user, record, meaning or station, with a spent proof, or dated outside the
proof's life, it is refused and a security event raised.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select

from operator_console.domain.manifestation import format_utc_iso
from operator_console.domain.records import Meaning
from plant_server.db import Database
from plant_server.models import SecurityEvent, SigningProof
from tests.plant_server.helpers import StationClient, enroll_station, statuses


def _events(database: Database) -> list[str]:
    with database.transaction() as session:
        return list(session.scalars(select(SecurityEvent.kind).order_by(SecurityEvent.id)))


def test_online_signature_needs_a_proof(station: StationClient, database: Database) -> None:
    record_id, record = station.record()
    forged = station.signature(record_id, "op01", Meaning.PERFORMED, proof=None)
    assert statuses(station.push(record, forged))[1] == ("rejected", "signing_proof_missing")
    assert _events(database) == ["signing_proof_missing"]
    genuine = station.signature(record_id, "op01", Meaning.PERFORMED)
    assert statuses(station.push(genuine)) == [("accepted", "")]


def test_wrong_password_gives_no_proof(station: StationClient) -> None:
    record_id, _ = station.record()
    digest = station.records[record_id]
    assert station.proof("op01", digest, Meaning.PERFORMED, password="wrong-password") is None
    assert station.proof("op01", digest, Meaning.PERFORMED) is not None


def test_proof_is_bound_to_user_content_meaning(station: StationClient,
                                                database: Database) -> None:
    record_id, record = station.record()
    other_id, other = station.record()
    station.push(record, other)
    digest = station.records[record_id]
    ver_proof = station.proof("ver01", digest, Meaning.VERIFIED)
    op_proof = station.proof("op01", digest, Meaning.PERFORMED)
    results = station.push(
        # ver01's password check used for op01's signature
        station.signature(record_id, "op01", Meaning.PERFORMED, proof=ver_proof),
        # op01's proof for this record used on another record
        station.signature(other_id, "op01", Meaning.PERFORMED, proof=op_proof),
        # a proof for "verified" used as "performed" by its own user
        station.signature(record_id, "ver01", Meaning.PERFORMED, proof=ver_proof),
        # an invented proof ID
        station.signature(record_id, "op01", Meaning.PERFORMED, proof="x" * 43))
    assert statuses(results) == [("rejected", "signing_proof_invalid")] * 4
    assert _events(database) == ["signing_proof_invalid"] * 4
    # Used as issued, the two proofs work.
    assert statuses(station.push(
        station.signature(record_id, "op01", Meaning.PERFORMED, proof=op_proof),
        station.signature(record_id, "ver01", Meaning.VERIFIED, proof=ver_proof),
    )) == [("accepted", "")] * 2


def test_proof_is_bound_to_station(station: StationClient, client: TestClient,
                                   database: Database) -> None:
    other = enroll_station(client, database, "DEMO-STATION-02")
    record_id, record = other.record()
    station.records[record_id] = other.records[record_id]
    stolen = station.proof("op01", other.records[record_id], Meaning.PERFORMED)
    results = other.push(record, other.signature(record_id, "op01", Meaning.PERFORMED,
                                                 proof=stolen))
    assert statuses(results)[1] == ("rejected", "signing_proof_invalid")


def test_proof_is_single_use(station: StationClient, database: Database) -> None:
    record_id, record = station.record(created_by="op01")
    digest = station.records[record_id]
    proof = station.proof("ver01", digest, Meaning.VERIFIED)
    results = station.push(record, station.signature(record_id, "op01", Meaning.PERFORMED),
                           station.signature(record_id, "ver01", Meaning.VERIFIED, proof=proof),
                           station.signature(record_id, "ver01", Meaning.VERIFIED, proof=proof))
    assert statuses(results)[1:] == [("accepted", ""), ("accepted", ""),
                                     ("rejected", "signing_proof_used")]
    with database.transaction() as session:
        (row,) = session.scalars(select(SigningProof).where(SigningProof.proof_id == proof))
        assert row.used_at is not None and row.signature_id is not None


def test_signed_at_must_be_the_proofs_time(station: StationClient, database: Database) -> None:
    now = datetime.now(UTC)
    record_id, record = station.record(at=now - timedelta(hours=3))
    digest = station.records[record_id]
    back_dated = station.signature(record_id, "op01", Meaning.PERFORMED,
                                   at=now - timedelta(hours=2),
                                   proof=station.proof("op01", digest, Meaning.PERFORMED))
    stale = station.proof("op01", digest, Meaning.PERFORMED)
    with database.transaction() as session:  # issued an hour ago, expired since
        row = session.get(SigningProof, stale)
        assert row is not None
        row.issued_at = format_utc_iso(now - timedelta(hours=1))
        row.expires_at = format_utc_iso(now - timedelta(minutes=55))
    late = station.signature(record_id, "op01", Meaning.PERFORMED, proof=stale)
    results = station.push(record, back_dated, late)
    assert statuses(results)[1:] == [("rejected", "signing_proof_expired")] * 2
