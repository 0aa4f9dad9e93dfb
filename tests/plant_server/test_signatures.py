"""Signatures on sync: hashes re-checked, two-person rules enforced by the server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from operator_console.domain.canonical import content_hash
from operator_console.domain.records import Meaning
from operator_console.domain.signatures import AuthMethod
from plant_server.db import Database
from plant_server.models import Signature
from tests.plant_server.helpers import StationClient, statuses


def _signatures(database: Database) -> int:
    with database.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(Signature)) or 0)


def test_performed_then_verified_accepted(station: StationClient, database: Database) -> None:
    record_id, record = station.record(created_by="op01")
    results = station.push(record, station.signature(record_id, "op01", Meaning.PERFORMED),
                           station.signature(record_id, "ver01", Meaning.VERIFIED))
    assert statuses(results) == [("accepted", "")] * 3
    assert _signatures(database) == 2


def test_same_person_cannot_verify(station: StationClient, database: Database) -> None:
    record_id, record = station.record(created_by="ver01")
    results = station.push(record, station.signature(record_id, "ver01", Meaning.PERFORMED),
                           station.signature(record_id, "ver01", Meaning.VERIFIED))
    assert statuses(results)[2] == ("rejected", "signature_refused:same_person")
    assert _signatures(database) == 1


def test_verifier_role_and_qualification_required(station: StationClient) -> None:
    record_id, record = station.record()
    results = station.push(
        record, station.signature(record_id, "op01", Meaning.PERFORMED),
        station.signature(record_id, "op02", Meaning.VERIFIED),  # operator only
        station.signature(record_id, "ver03", Meaning.VERIFIED),  # qualification expired
        station.signature(record_id, "ver04", Meaning.VERIFIED),  # not qualified for step
    )
    assert [r for _, r in statuses(results)[1:]] == [
        "", "signature_refused:not_verifier", "signature_refused:qualification_expired",
        "signature_refused:qualification_missing"]


def test_online_signature_by_disabled_user_refused(station: StationClient) -> None:
    record_id, record = station.record(created_by="op10")
    # The server's password check refuses a disabled account: no signing proof, no signature.
    assert station.proof("op10", station.records[record_id], Meaning.PERFORMED) is None
    result = station.push(record, station.signature(record_id, "op10", Meaning.PERFORMED))
    assert statuses(result)[1] == ("rejected", "signing_proof_missing")


def test_signature_hash_and_record_link_checked(station: StationClient) -> None:
    record_id, record = station.record()
    bad_hash = station.signature(record_id, "op01", Meaning.PERFORMED)
    bad_hash["payload"]["meaning"] = "verified"  # hash no longer covers the payload
    bad_hash["payload_hash"] = content_hash(bad_hash["payload"])
    station.records[record_id] = "f" * 64  # a signature over different content
    wrong_link = station.signature(record_id, "op01", Meaning.PERFORMED)
    assert statuses(station.push(record, bad_hash, wrong_link))[1:] == [
        ("rejected", "signature_hash_mismatch"), ("rejected", "content_hash_mismatch")]


def test_roles_are_judged_at_signing_time(station: StationClient) -> None:
    long_ago = datetime.now(UTC) - timedelta(days=90)  # before the demo role grants
    record_id, record = station.record(at=long_ago)
    results = station.push(record, station.signature(record_id, "op01", Meaning.PERFORMED,
                                                     AuthMethod.OFFLINE, at=long_ago))
    assert statuses(results)[1] == ("rejected", "signature_refused:not_operator")


def test_correction_takes_the_policy_of_the_original(station: StationClient) -> None:
    from operator_console.domain.records import RecordType

    original_id, original = station.record(RecordType.COMMENT, {"text": "10 min"})
    signed = station.signature(original_id, "op01", Meaning.PERFORMED)
    fix_id, fix = station.record(RecordType.CORRECTION, {"text": "15 min"},
                                 corrects=original_id, reason="typo")
    results = station.push(
        original, signed, fix, station.signature(fix_id, "op01", Meaning.PERFORMED),
        station.signature(original_id, "ver01", Meaning.VERIFIED))
    assert statuses(results) == [("accepted", "")] * 4 + [
        ("rejected", "signature_refused:meaning_not_allowed")]
