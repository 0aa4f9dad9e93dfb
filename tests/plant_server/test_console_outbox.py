"""Interoperability: the real console's outbox (demo seed with signed records) syncs clean,
except for what the station cannot prove: its demo records were signed offline before it ever
held a verifier from this server, so those signatures are refused (issue 13, point 2)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from operator_console.store.db import DB_FILENAME
from operator_console.store.db import Database as ConsoleDatabase
from operator_console.store.models import OutboxEntry
from plant_server.db import Database
from plant_server.models import Record, Signature, StationAudit
from tests.plant_server.helpers import enroll_station


def test_console_outbox_is_accepted(client: TestClient, database: Database, demo: None,
                                    seeded_template: Path, tmp_path: Path) -> None:
    copy = tmp_path / "console"
    copy.mkdir()
    shutil.copy(seeded_template / DB_FILENAME, copy / DB_FILENAME)
    console = ConsoleDatabase(copy)
    with console.read() as session:
        rows = list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.station_seq)))
        entries = [{"entry_id": r.entry_id, "station_seq": r.station_seq, "kind": r.kind,
                    "payload": json.loads(r.payload_json), "payload_hash": r.payload_hash}
                   for r in rows]
    console.close()
    station = enroll_station(client, database, "DEMO-STATION-01")
    results = []
    for start in range(0, len(entries), 100):
        results += station.push(*entries[start:start + 100])
    kind_of = {e["station_seq"]: e["kind"] for e in entries}
    bad = [(kind_of[r["station_seq"]], r["reason"]) for r in results
           if r["status"] != "accepted"]
    signatures = sum(e["kind"] == "signature" for e in entries)
    # Each performed signature lacks a verifier; each verification then lacks its performer.
    assert signatures > 0 and len(bad) == signatures and {k for k, _ in bad} == {"signature"}
    assert {r for _, r in bad} == {"offline_verifier_missing",
                                   "signature_refused:performer_required_first"}
    kinds = {e["kind"] for e in entries}
    assert kinds == {"audit", "record", "signature"}
    with database.transaction() as session:
        def count(model: type) -> int:
            return int(session.scalar(select(func.count()).select_from(model)) or 0)
        assert count(Record) == sum(e["kind"] == "record" for e in entries)
        assert count(Signature) == 0
        assert count(StationAudit) == sum(e["kind"] == "audit" for e in entries)
