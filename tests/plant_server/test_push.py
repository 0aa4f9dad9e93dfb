"""Push: exactly-once storage, per-station order, hashes, audit chain, security events."""

from __future__ import annotations

import threading
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from operator_console.domain.canonical import content_hash
from operator_console.domain.records import Meaning
from plant_server.db import Database
from plant_server.models import PushedEntry, Record, SecurityEvent, StationAudit
from tests.plant_server.helpers import StationClient, enroll_station, statuses


def _count(database: Database, model: Any) -> int:
    with database.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _security_kinds(database: Database) -> list[str]:
    with database.transaction() as session:
        return list(session.scalars(select(SecurityEvent.kind).order_by(SecurityEvent.id)))


def test_happy_path_then_duplicate_acknowledged_again(station: StationClient,
                                                      database: Database) -> None:
    login = station.audit()
    record_id, record = station.record()
    batch = [login, record, station.audit("record_created")]
    results = station.push(*batch)
    assert statuses(results) == [("accepted", "")] * 3
    assert all(r["acknowledged"] for r in results)
    again = station.push(*batch)
    assert statuses(again) == [("duplicate", "")] * 3 and all(r["acknowledged"] for r in again)
    assert _count(database, PushedEntry) == 3 and _count(database, StationAudit) == 2
    with database.transaction() as session:
        stored = session.get(Record, record_id)
        assert stored is not None and stored.content_hash == station.records[record_id]


def test_same_entry_id_different_content_refused_and_logged(station: StationClient,
                                                            database: Database) -> None:
    entry = station.audit()
    assert statuses(station.push(entry)) == [("accepted", "")]
    forged = {**entry, "payload": {**entry["payload"], "reason": "edited"}}
    forged["payload_hash"] = content_hash(forged["payload"])
    result = station.push(forged)[0]
    assert (result["status"], result["reason"], result["acknowledged"]) == (
        "rejected", "entry_id_reused", False)
    assert _security_kinds(database) == ["entry_id_reused"]
    assert _count(database, PushedEntry) == 1
    for _ in range(3):  # a station retrying the same entry: still one event
        assert station.push(forged)[0]["reason"] == "entry_id_reused"
    assert _security_kinds(database) == ["entry_id_reused"]


def test_gap_rejects_rest_of_batch_and_nothing_is_skipped(station: StationClient) -> None:
    first, second, third = station.audit(), station.audit(), station.audit()
    results = station.push(first, third, second)
    assert statuses(results) == [("accepted", ""), ("rejected", "out_of_order"),
                                 ("rejected", "out_of_order")]
    assert [r["acknowledged"] for r in results] == [True, False, False]
    assert statuses(station.push(second, third)) == [("accepted", "")] * 2


def test_bad_payload_hash_rejected_but_stored(station: StationClient,
                                              database: Database) -> None:
    entry = station.audit()
    entry["payload_hash"] = "0" * 64
    result = station.push(entry)[0]
    assert (result["status"], result["reason"], result["acknowledged"]) == (
        "rejected", "payload_hash_mismatch", True)
    with database.transaction() as session:
        row = session.scalars(select(PushedEntry)).one()
        assert (row.status, row.reason) == ("rejected", "payload_hash_mismatch")
    assert "payload_hash_mismatch" in _security_kinds(database)


def test_record_content_hash_must_match(station: StationClient, database: Database) -> None:
    _, entry = station.record()
    entry["payload"]["record"]["content"] = {"step": "tampered"}
    entry["payload_hash"] = content_hash(entry["payload"])  # outer hash fine, inner not
    assert statuses(station.push(entry)) == [("rejected", "content_hash_mismatch")]
    assert _count(database, Record) == 0


def test_audit_chain_break_rejected(station: StationClient, database: Database) -> None:
    assert statuses(station.push(station.audit())) == [("accepted", "")]
    station.audit()  # made locally, never pushed: a removed entry
    station.seq -= 1  # the outbox seq itself is contiguous
    result = station.push(station.audit())[0]
    assert (result["status"], result["reason"]) == ("rejected", "audit_chain_break")
    assert "audit_chain_break" in _security_kinds(database)


def test_audit_entry_edited_after_hashing_rejected(station: StationClient) -> None:
    entry = station.audit()
    entry["payload"]["actor"] = "someone-else"
    entry["payload_hash"] = content_hash(entry["payload"])
    assert statuses(station.push(entry)) == [("rejected", "audit_hash_mismatch")]


def test_records_claiming_another_station_rejected(station: StationClient,
                                                   client: TestClient,
                                                   database: Database) -> None:
    other = enroll_station(client, database, "ST-OTHER")
    _, entry = station.record()
    other.seq = 0
    entry["station_seq"] = 1
    assert statuses(other.push(entry)) == [("rejected", "station_mismatch")]


def test_batch_limit(station: StationClient) -> None:
    entries = [station.audit() for _ in range(501)]
    station.push(*entries, expect=422)


def test_concurrent_duplicate_pushes_store_once(station: StationClient,
                                                database: Database) -> None:
    batch = [station.audit() for _ in range(20)]
    outcomes: list[list[tuple[str, str]]] = []

    def worker() -> None:
        outcomes.append(statuses(station.push(*batch)))

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(outcomes) == 4
    assert sorted(o[0][0] for o in outcomes) == ["accepted", "duplicate", "duplicate",
                                                 "duplicate"]
    assert _count(database, PushedEntry) == 20 and _count(database, StationAudit) == 20


def test_unknown_kind_and_unknown_record_rejected_but_stored(station: StationClient,
                                                             database: Database) -> None:
    odd = station.entry("telemetry", {"x": 1})
    station.records["missing"] = "a" * 64
    orphan = station.signature("missing", "op01", Meaning.PERFORMED)
    results = station.push(odd, orphan)
    assert statuses(results) == [("rejected", "unknown_kind"), ("rejected", "unknown_record")]
    assert all(r["acknowledged"] for r in results)
    assert statuses(station.push(odd)) == [("duplicate", "previously_rejected:unknown_kind")]
    assert _count(database, PushedEntry) == 2


def test_record_for_an_unknown_batch_refused(station: StationClient,
                                             database: Database) -> None:
    """A record must name a batch the plant server has (issue 12, item 10): a free-text
    batch such as B-9999-XXXX is refused in words the station shows, and nothing is stored."""
    known_id, known = station.record()
    unknown_id, unknown = station.record(batch="B-9999-XXXX")
    results = station.push(known, unknown)
    assert statuses(results) == [("accepted", ""), ("rejected", "unknown_batch")]
    with database.transaction() as session:
        assert session.get(Record, known_id) is not None
        assert session.get(Record, unknown_id) is None
