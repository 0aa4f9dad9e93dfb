"""The station's batches from the local store: pinned recipe, step states from the signed
step records (corrections followed), exceptions blocking until dispositioned."""

from __future__ import annotations

from datetime import UTC, datetime

from operator_console.application.batch_progress import batch_snapshot, station_batches
from operator_console.domain.batch_execution.exceptions import (
    ExceptionState,
    disposition_content,
    exception_record,
)
from operator_console.domain.batch_execution.progress import StepState
from operator_console.domain.batch_execution.step_inputs import (
    check_checklist,
    check_material_receipt,
)
from operator_console.domain.batch_execution.step_record import step_record_draft
from operator_console.domain.chain_of_identity import BatchIdentity
from operator_console.domain.demo_data import BATCHES, DEMO_BATCH, GOOD_BAG, bag_label
from operator_console.domain.recipes import recipe_data, recipe_ref
from operator_console.domain.recipes.demo import demo_recipe
from operator_console.domain.records import Meaning, RecordDraft, RecordType
from operator_console.services import Services
from operator_console.store.recipes import pin_batch, put_recipe
from operator_console.store.records import create_record

RECIPE = demo_recipe()
REF = recipe_ref(RECIPE)
_, PATIENT, DIN, COI = BATCHES[0]
IDENTITY = BatchIdentity(DEMO_BATCH, PATIENT, "APHERESIS-RECEIPT", frozenset({DIN}), COI)
NOW = datetime(2026, 12, 1, 10, 0)


def pin(svc: Services) -> None:
    with svc.db.transaction() as s:
        put_recipe(s, {"recipe_id": REF.recipe_id, "version": REF.version,
                       "hash": REF.recipe_hash, "state": "effective", "effective_at": None,
                       "superseded_at": None, "content": recipe_data(RECIPE)},
                   received_at="2026-12-01T00:00:00.000000Z")
        pin_batch(s, DEMO_BATCH, REF.as_dict(), "DEMO-STATION-01")


def do_step(svc: Services, step_id: str, actual_verdict: object) -> str:
    snap = batch_snapshot(svc.db, DEMO_BATCH)
    assert snap is not None and snap.progress is not None
    draft = step_record_draft(snap.progress, REF, DEMO_BATCH, step_id,
                              actual_verdict)  # type: ignore[arg-type]
    out = svc.signing.create_and_sign(draft, "op01", "demo-op01")
    assert out.ok and out.record_id
    verified = svc.signing.sign(out.record_id, "ver01", "demo-ver01", Meaning.VERIFIED)
    assert verified.ok
    return out.record_id


def unsigned(svc: Services, draft: RecordDraft) -> str:
    with svc.db.transaction() as s:
        return create_record(s, svc.audit, draft, created_by="op01",
                             at=datetime.now(UTC)).record_id


def test_a_pinned_batch_runs_step_by_step_and_blocks_on_a_critical_exception(
        svc: Services) -> None:
    pin(svc)
    [snap] = station_batches(svc.db, "DEMO-STATION-01")
    assert snap.ref == REF and snap.recipe_state == "effective"
    assert snap.progress is not None and snap.progress.executable == ("BAY-CLEARANCE",)
    assert station_batches(svc.db, "OTHER") == []

    step = RECIPE.step("BAY-CLEARANCE")
    assert step is not None
    record_id = do_step(svc, "BAY-CLEARANCE", check_checklist(step, {"EMPTY", "CLEAN",
                                                                      "LABELS"}))
    snap = batch_snapshot(svc.db, DEMO_BATCH)
    assert snap is not None and snap.progress is not None
    done = snap.progress.of("BAY-CLEARANCE")
    assert done is not None and done.state is StepState.DONE
    assert done.record is not None and done.record.record_id == record_id
    assert (done.record.performed_by, done.record.verified_by) == ("op01", "ver01")
    assert snap.progress.executable == ("APHERESIS-RECEIPT",)

    # A wrong-patient bag: refused, a critical exception recorded, the batch blocked.
    receipt = RECIPE.step("APHERESIS-RECEIPT")
    assert receipt is not None
    refused = check_material_receipt(receipt, bag_label(coi="CHA99992600143B"), IDENTITY, NOW)
    exception_id = unsigned(svc, exception_record(refused.exceptions[0], DEMO_BATCH, REF))
    snap = batch_snapshot(svc.db, DEMO_BATCH)
    assert snap is not None and snap.progress is not None and snap.progress.blocked
    assert [(e.exception_id, e.state) for e in snap.exceptions] == [
        (exception_id, ExceptionState.OPEN)]
    assert snap.progress.of("APHERESIS-RECEIPT").state is StepState.BLOCKED  # type: ignore[union-attr]

    # QA dispositions it with a signed reason: the batch goes on.
    disposition = RecordDraft(RecordType.EXCEPTION_DISPOSITION, DEMO_BATCH,
                              disposition_content(exception_id, "wrong bag returned; "
                                                  "correct bag identified"))
    assert not svc.signing.create_and_sign(disposition, "op01", "demo-op01").ok  # not QA
    assert svc.signing.create_and_sign(disposition, "qa01", "demo-qa01").ok
    snap = batch_snapshot(svc.db, DEMO_BATCH)
    assert snap is not None and snap.progress is not None and not snap.progress.blocked
    assert snap.exceptions[0].state is ExceptionState.DISPOSITIONED
    accepted = check_material_receipt(receipt, GOOD_BAG, IDENTITY, NOW)
    do_step(svc, "APHERESIS-RECEIPT", accepted)
    snap = batch_snapshot(svc.db, DEMO_BATCH)
    assert snap is not None and snap.progress is not None
    assert snap.progress.executable == ("CASSETTE-LOAD",)


def test_a_batch_whose_recipe_has_not_arrived_has_no_progress(svc: Services) -> None:
    with svc.db.transaction() as s:
        pin_batch(s, DEMO_BATCH, REF.as_dict(), "DEMO-STATION-01")
    [snap] = station_batches(svc.db)
    assert snap.progress is None and snap.recipe_state is None


def test_a_correction_can_neither_downgrade_nor_close_a_critical_exception(
        svc: Services) -> None:
    pin(svc)
    receipt = RECIPE.step("APHERESIS-RECEIPT")
    assert receipt is not None
    refused = check_material_receipt(receipt, bag_label(coi="CHA99992600143B"), IDENTITY, NOW)
    draft = exception_record(refused.exceptions[0], DEMO_BATCH, REF)
    exception_id = unsigned(svc, draft)
    downgraded = dict(draft.content, severity="minor")
    correction = RecordDraft(RecordType.CORRECTION, DEMO_BATCH, downgraded,
                             corrects=exception_id, reason="not that bad")
    correction_id = unsigned(svc, correction)
    snap = batch_snapshot(svc.db, DEMO_BATCH)
    assert snap is not None and snap.progress is not None and snap.progress.blocked
    assert [e.exception_id for e in snap.exceptions] == [exception_id]
    # A disposition naming the correction closes the exception it corrects.
    disposition = RecordDraft(RecordType.EXCEPTION_DISPOSITION, DEMO_BATCH,
                              disposition_content(correction_id, "bag quarantined"))
    assert svc.signing.create_and_sign(disposition, "qa01", "demo-qa01").ok
    snap = batch_snapshot(svc.db, DEMO_BATCH)
    assert snap is not None and snap.progress is not None and not snap.progress.blocked
