"""The lifecycle and QA's dispositions reach the station on pull: a critical exception closed
at the server unblocks the batch there, and a released batch takes no further step."""

from __future__ import annotations

from operator_console.application.batch_progress import batch_snapshot
from operator_console.domain.batch_execution.exceptions import ExceptionKind
from operator_console.domain.batch_execution.progress import StepRefusal
from operator_console.domain.batch_release.lifecycle import BatchState
from operator_console.services import Services
from operator_console.store.records import create_record
from operator_console.sync.apply import apply_pull
from plant_server.db import Database
from tests.plant_server.helpers import StationClient
from tests.plant_server.release_helpers import (
    BATCH,
    REF,
    act,
    effective_recipe_and_batch,
    push_all,
    run_batch,
)


def test_disposition_and_release_reach_the_station(station: StationClient, database: Database,
                                                   services: Services) -> None:
    from datetime import UTC, datetime

    from operator_console.domain.batch_execution.exceptions import exception_record, raise_exception

    effective_recipe_and_batch(database)
    apply_pull(services.db, services.audit, station.pull(0))
    # A critical exception raised at this station blocks the batch here...
    with services.db.transaction() as s:
        raised = create_record(s, services.audit, exception_record(raise_exception(
            ExceptionKind.WRONG_PATIENT, step_id="BAY-CLEARANCE", code="din_not_for_patient"),
            BATCH, REF), created_by="op01", at=datetime.now(UTC))
        exc_id, obj_hash = raised.record_id, raised.content_hash
    snap = batch_snapshot(services.db, BATCH)
    assert snap is not None and snap.progress is not None and snap.progress.blocked
    assert snap.lifecycle is BatchState.IN_PROCESS
    # ...the server receives it (as the station pushes it), QA dispositions it there.
    with services.db.read() as s:
        import json

        from operator_console.store.models import OutboxEntry
        [payload] = [p for p in (json.loads(e.payload_json) for e in s.query(OutboxEntry)
                                 if e.kind == "record")
                     if p["record"]["record_id"] == exc_id]
    station.records[exc_id] = obj_hash
    push_all(station, [station.entry("record", payload)])
    assert act(station, f"{BATCH}/exceptions/{exc_id}/disposition",
               reason="label misprint; identity confirmed").status_code == 200
    apply_pull(services.db, services.audit, station.pull(0))
    snap = batch_snapshot(services.db, BATCH)
    assert snap is not None and snap.progress is not None and not snap.progress.blocked
    assert snap.progress.executable == ("BAY-CLEARANCE",)
    # The batch runs (here pushed as another station would), is reviewed and released.
    run_batch(station)
    assert act(station, f"{BATCH}/audit-review", reason="read").status_code == 200
    assert act(station, f"{BATCH}/decision", decision="release",
               reason="complete").status_code == 200
    apply_pull(services.db, services.audit, station.pull(0))
    snap = batch_snapshot(services.db, BATCH)
    assert snap is not None and snap.progress is not None
    assert snap.lifecycle is BatchState.RELEASED and snap.progress.executable == ()
    found = snap.progress.refusal("BAY-CLEARANCE")
    assert found is not None and found[0] is StepRefusal.BATCH_CLOSED
    assert "released" in snap.progress.refusal_message("HANDOVER")

