"""Interoperability: step records, exceptions and their disposition made at a console are
accepted by the plant server as they are, the step records checked against the batch's pinned
recipe (``test_step_checks`` covers what is refused)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import func, select

from operator_console.domain.batch_execution.exceptions import (
    disposition_content,
    exception_record,
    manual_exception,
)
from operator_console.domain.batch_execution.progress import batch_progress
from operator_console.domain.batch_execution.step_record import step_record_draft
from operator_console.domain.batch_execution.verdicts import accept
from operator_console.domain.demo_data import DEMO_BATCH
from operator_console.domain.recipes import recipe_ref
from operator_console.domain.recipes.demo import demo_recipe
from operator_console.domain.recipes.model import Severity
from operator_console.domain.records import Meaning, RecordDraft, RecordType
from operator_console.services import Services
from operator_console.store.models import OutboxEntry
from operator_console.store.records import create_record
from plant_server.db import Database
from plant_server.models import Record
from tests.plant_server.helpers import StationClient

RECIPE = demo_recipe()
REF = recipe_ref(RECIPE)


def _pin_demo_batch(database: Database) -> None:
    """The server's demo batch pinned to the effective demo recipe, as the console's is."""
    from plant_server.models import Batch
    from tests.plant_server.release_helpers import effective_recipe_and_batch

    effective_recipe_and_batch(database, batch_id="B-2026-0990")
    with database.transaction() as session:
        batch = session.get(Batch, DEMO_BATCH)
        assert batch is not None
        batch.recipe_id, batch.recipe_version = REF.recipe_id, REF.version
        batch.recipe_hash, batch.station_name = REF.recipe_hash, "DEMO-STATION-01"


def test_step_and_exception_records_are_accepted(station: StationClient, database: Database,
                                                 svc: Services) -> None:
    from operator_console.demo_batches import pin_demo_batches

    _pin_demo_batch(database)
    pin_demo_batches(svc)  # the station holds the batch pinned, as after a pull
    # The template's demo records were signed before this station held any verifier from
    # this server (refused, see test_console_outbox); the step records here come after.
    with svc.db.read() as s:
        template = int(s.scalar(select(func.max(OutboxEntry.station_seq))) or 0)
    station.hold_verifiers("op01", "ver01", "qa01")
    progress = batch_progress(RECIPE, REF.recipe_hash, [], [])
    clearance = step_record_draft(progress, REF, DEMO_BATCH, "BAY-CLEARANCE",
                                  accept({"confirmed": ["EMPTY", "CLEAN", "LABELS"]}))
    out = svc.signing.create_and_sign(clearance, "op01", "demo-op01")
    assert out.ok and out.record_id
    assert svc.signing.sign(out.record_id, "ver01", "demo-ver01", Meaning.VERIFIED).ok
    with svc.db.transaction() as s:
        raised = create_record(s, svc.audit, exception_record(
            manual_exception("glove torn", Severity.CRITICAL, "APHERESIS-RECEIPT"),
            DEMO_BATCH, REF), created_by="op01", at=datetime.now(UTC)).record_id
    closing = RecordDraft(RecordType.EXCEPTION_DISPOSITION, DEMO_BATCH,
                          disposition_content(raised, "gloves changed, area cleaned"))
    assert svc.signing.create_and_sign(closing, "qa01", "demo-qa01").ok
    # Everything this console queued, in its order (the server wants it unbroken).
    with svc.db.read() as s:
        entries = [{"entry_id": r.entry_id, "station_seq": r.station_seq, "kind": r.kind,
                    "payload": json.loads(r.payload_json), "payload_hash": r.payload_hash}
                   for r in s.scalars(select(OutboxEntry).order_by(OutboxEntry.station_seq))]
    results = []
    for chunk in range(0, len(entries), 100):
        results += station.push(*entries[chunk:chunk + 100])
    bad = [(r["station_seq"], r["reason"]) for r in results
           if r["status"] != "accepted" and r["station_seq"] > template]
    assert bad == []
    with database.transaction() as session:
        types = {r.record_type for r in session.scalars(select(Record))}
    assert {"step_record", "exception", "exception_disposition"} <= types
