"""The server's rules for pushed process data: bounded, tied to a phase record of the same
station, batch and step, each part once, and the whole hashing to the phase's data hash."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import select

from operator_console.application.phase_data import PhaseDataSender
from operator_console.domain.canonical import content_hash
from operator_console.domain.process_data import KIND
from operator_console.services import Services
from operator_console.store.models import OutboxEntry
from plant_server.db import Database
from plant_server.process_data_models import ProcessDataPhase
from tests.helpers.phase_data import record_phase
from tests.plant_server.helpers import StationClient


def _entries(svc: Services) -> list[dict[str, Any]]:
    with svc.db.read() as s:
        return [{"entry_id": r.entry_id, "station_seq": r.station_seq, "kind": r.kind,
                 "payload": json.loads(r.payload_json), "payload_hash": r.payload_hash}
                for r in s.scalars(select(OutboxEntry).order_by(OutboxEntry.station_seq))]


def _resealed(entry: dict[str, Any], **changes: Any) -> dict[str, Any]:
    payload = {**entry["payload"], **changes}
    return {**entry, "payload": payload, "payload_hash": content_hash(payload)}


def test_process_data_rules(station: StationClient, database: Database, svc: Services) -> None:
    # The template's demo records were signed offline before this station held any verifier
    # from this server (refused, see test_console_outbox); what this test queues comes after.
    template = max((e["station_seq"] for e in _entries(svc)), default=0)
    from plant_server.services.demo_batches import init_demo_batches

    with database.transaction() as session:  # the server's demo batch, pinned to its recipe
        init_demo_batches(session)
    phase = record_phase(svc, seconds=900.0)
    PhaseDataSender(svc.db, phase.buffers.get, lambda *_: [], lambda *_: []).run_once()
    entries = _entries(svc)
    chunks = [e for e in entries if e["kind"] == KIND]
    before = [e for e in entries if e["kind"] != KIND]
    assert len(chunks) >= 3
    # Process data before its step record reached the server: refused, names the reason.
    early = station.push(*entries[:1], _resealed(chunks[0], step_record="nope") |
                         {"station_seq": 2})
    assert early[1]["reason"] == "unknown_phase_record"
    rest = [{**e, "station_seq": e["station_seq"] + 1} for e in entries[1:]]
    before = [e for e in rest if e["kind"] != KIND]
    chunks = [e for e in rest if e["kind"] == KIND]
    results = station.push(*before)
    # (seqs moved up by one above; the template's refusals and their sequels aside)
    assert [r for r in results if r["status"] != "accepted" and r["station_seq"] > template + 1
            ] == []
    seq = chunks[0]["station_seq"]

    def at(entry: dict[str, Any], **changes: Any) -> dict[str, Any]:
        nonlocal seq
        out = _resealed(entry, **changes) | {"station_seq": seq, "entry_id": str(uuid.uuid4())}
        seq += 1
        return out

    wrong_step = station.push(at(chunks[0], step="ACTIVATION"))[0]
    assert wrong_step["reason"] == "unknown_phase_record"
    too_big = station.push(at(chunks[0], points=chunks[0]["payload"]["points"] * 3))[0]
    assert too_big["reason"] == "process_data_too_large"
    first = station.push(at(chunks[0]))[0]
    assert first["status"] == "accepted"
    again = station.push(at(chunks[0]))[0]
    assert again["reason"] == "process_data_part_reused"
    middle = [at(c) for c in chunks[1:-1]]
    assert all(r["status"] == "accepted" for r in station.push(*middle))
    last = chunks[-1]
    points = [list(p) for p in last["payload"]["points"]]
    points[0][-1] = (points[0][-1] or 0) + 1.0  # a value changed after it was hashed
    altered = station.push(at(last, points=points))[0]
    assert altered["reason"] == "process_data_hash_mismatch"
    with database.transaction() as s:
        row = s.get(ProcessDataPhase, phase.record_id)
        assert row is not None and row.complete_at is None
    assert station.push(at(last))[0]["status"] == "accepted"
    with database.transaction() as s:
        row = s.get(ProcessDataPhase, phase.record_id)
        assert row is not None and row.complete_at is not None and row.received == row.parts
