"""Executing steps at the station through the use cases: the order refused before any check
and again inside the commit, exceptions written where they happen (refused input too), the
step record pinned and signed per its policy, signatures made offline raising an exception
once, and the demo batches at their steps."""

from __future__ import annotations

import pytest

from operator_console.application.batch_progress import batch_snapshot
from operator_console.auth.signing_service import GuardRefusedError
from operator_console.domain.batch_execution.exceptions import ExceptionKind, ExceptionState
from operator_console.domain.batch_execution.progress import StepState
from operator_console.domain.demo_batches import BLOCKED_BATCH, FRESH_BATCH, MIDWAY_BATCH
from operator_console.domain.demo_data import GOOD_BAG, bag_label
from operator_console.domain.recipes.model import Severity
from operator_console.domain.records import Meaning, RecordDraft, RecordType
from operator_console.services import Services
from operator_console.store.records import RecordFilter, load_records
from tests.helpers.offline import go_offline, go_online

CHECKLIST = ("EMPTY", "CLEAN", "LABELS")


def exceptions_of(services: Services, batch: str) -> list[tuple[str, str]]:
    snap = batch_snapshot(services.db, batch)
    assert snap is not None
    return [(e.kind.value, e.severity.value) for e in snap.exceptions]


def done(services: Services, draft: RecordDraft | None, verify: bool = True) -> str:
    assert draft is not None
    out = services.signing.create_and_sign(draft, "op01", "demo-op01")
    assert out.ok and out.record_id
    if verify:
        assert services.signing.sign(out.record_id, "ver01", "demo-ver01",
                                     Meaning.VERIFIED).ok
    return out.record_id


def test_the_demo_batches_stand_fresh_midway_and_blocked(batch_services: Services) -> None:
    snaps = {s.batch_id: s for s in batch_services.batches.batches()}
    assert set(snaps) == {FRESH_BATCH, MIDWAY_BATCH, BLOCKED_BATCH}
    fresh = snaps[FRESH_BATCH].progress
    assert fresh is not None and fresh.executable == ("BAY-CLEARANCE",)
    midway = snaps[MIDWAY_BATCH].progress
    assert midway is not None
    receipt = midway.of("APHERESIS-RECEIPT")
    assert receipt is not None and receipt.waits_on == "verifier"
    blocked = snaps[BLOCKED_BATCH]
    assert blocked.progress is not None and blocked.progress.blocked
    assert [(e.kind, e.state) for e in blocked.exceptions] == [
        (ExceptionKind.WRONG_PATIENT, ExceptionState.OPEN)]


def test_a_step_out_of_order_is_refused_before_its_check_and_at_the_commit(
        batch_services: Services) -> None:
    steps = batch_services.batches
    early = steps.data_entry(FRESH_BATCH, "HARVEST", {"VOLUME": 100, "TVC": 2, "VIABILITY": 90},
                             "op01")
    assert early.order_refused and not early.ok and early.exception_ids == ()
    assert early.verdict.code == "out_of_order" and "BAY-CLEARANCE" in early.verdict.message
    # A draft made while the step was current is refused if the order moved on meanwhile.
    first = steps.bay_clearance(FRESH_BATCH, "BAY-CLEARANCE", CHECKLIST, "op01")
    done(batch_services, first.draft)
    with pytest.raises(GuardRefusedError) as refused:
        done(batch_services, first.draft)
    assert refused.value.check.code == "step_already_done"


def test_a_refused_scan_and_an_out_of_limit_value_are_exceptions_in_the_chain(
        batch_services: Services) -> None:
    steps = batch_services.batches
    done(batch_services, steps.bay_clearance(FRESH_BATCH, "BAY-CLEARANCE", CHECKLIST,
                                             "op01").draft)
    expired = steps.material(FRESH_BATCH, "APHERESIS-RECEIPT", bag_label(expiry="0260012359"),
                             False, "op01")
    assert not expired.ok and len(expired.exception_ids) == 1
    assert exceptions_of(batch_services, FRESH_BATCH) == [("expired_material", "major")]
    typed = steps.material(FRESH_BATCH, "APHERESIS-RECEIPT", GOOD_BAG, True, "op01")
    assert typed.ok and typed.draft is not None
    assert list(typed.draft.content["exceptions"]) == list(typed.exception_ids)
    with batch_services.db.read() as s:
        [raw] = load_records(s, RecordFilter(record_ids=list(expired.exception_ids)))
    assert raw.record_type is RecordType.EXCEPTION and raw.status.value == "complete"
    assert raw.body["evidence"]["scan"] == bag_label(expiry="0260012359")
    assert raw.body["recipe"]["hash"] == typed.draft.content["recipe"]["hash"]


def test_a_manual_exception_and_a_signature_made_offline(batch_services: Services) -> None:
    steps = batch_services.batches
    steps.exceptions.raise_manual(FRESH_BATCH, "BAY-CLEARANCE", "Glove torn during clearance",
                                  Severity.MINOR, "op01")
    go_offline(batch_services, "op01", "ver01")
    record_id = done(batch_services, steps.bay_clearance(FRESH_BATCH, "BAY-CLEARANCE",
                                                         CHECKLIST, "op01").draft)
    first = steps.exceptions.after_signature(record_id)
    assert len(first) == 2  # the performer's and the verifier's signatures, both offline
    assert steps.exceptions.after_signature(record_id) == []  # each raised once
    assert exceptions_of(batch_services, FRESH_BATCH) == [
        ("manual", "minor"), ("offline_signature", "minor"), ("offline_signature", "minor")]
    snap = batch_snapshot(batch_services.db, FRESH_BATCH)
    assert snap is not None and snap.progress is not None
    assert snap.progress.of("BAY-CLEARANCE").state is StepState.DONE  # type: ignore[union-attr]


def test_a_late_verification_and_a_correction_of_a_step_record_are_exceptions(
        batch_services: Services) -> None:
    from operator_console.store.settings import set_setting

    steps, signing = batch_services.batches, batch_services.signing
    go_online(batch_services)  # online signatures: only lateness and the correction count
    with batch_services.db.transaction() as s:
        set_setting(s, batch_services.audit, "verification_overdue_minutes", "0",
                    actor="admin", reason="test: every verification is late")
    draft = steps.bay_clearance(FRESH_BATCH, "BAY-CLEARANCE", CHECKLIST, "op01").draft
    record_id = done(batch_services, draft)
    assert [k for k, _ in exceptions_of(batch_services, FRESH_BATCH)] == []
    steps.exceptions.after_signature(record_id)
    assert exceptions_of(batch_services, FRESH_BATCH) == [("late_verification", "minor")]
    assert draft is not None
    fixed = RecordDraft(RecordType.CORRECTION, FRESH_BATCH, dict(draft.content),
                        corrects=record_id, reason="checklist ticked for the wrong bay")
    out = signing.create_and_sign(fixed, "op01", "demo-op01")
    assert out.ok and out.record_id
    assert len(steps.exceptions.after_signature(out.record_id)) == 1
    assert steps.exceptions.after_signature(out.record_id) == []  # once
    [correction] = [e for e in batch_snapshot(batch_services.db, FRESH_BATCH).exceptions
                    if e.kind is ExceptionKind.CORRECTION]  # type: ignore[union-attr]
    assert correction.step_id == "BAY-CLEARANCE"
    # A signature of a record of no batch step leaves nothing to raise.
    assert steps.exceptions.after_signature("no-such-record") == []


def test_a_bag_of_another_patient_refused_by_the_cassette_flow_blocks_the_batch(
        batch_services: Services) -> None:
    from operator_console.domain.chain_of_identity import Check

    steps = batch_services.batches
    for step, check in (("BAY-CLEARANCE", lambda: steps.bay_clearance(
            FRESH_BATCH, "BAY-CLEARANCE", CHECKLIST, "op01")),
                        ("APHERESIS-RECEIPT", lambda: steps.material(
                            FRESH_BATCH, "APHERESIS-RECEIPT", GOOD_BAG, False, "op01"))):
        done(batch_services, check().draft)
        assert step
    wrong = Check("din_not_for_patient", {"din": "A999926100143", "batch": FRESH_BATCH})
    out = steps.cassette_refusal(FRESH_BATCH, "CASSETTE-LOAD", "bag", wrong,
                                 "=A99992610014387", False, "op01")
    assert not out.ok and len(out.exception_ids) == 1
    snap = batch_snapshot(batch_services.db, FRESH_BATCH)
    assert snap is not None and snap.progress is not None and snap.progress.blocked
    assert [(e.kind, e.severity) for e in snap.progress.blocking] == [
        (ExceptionKind.WRONG_PATIENT, Severity.CRITICAL)]
    typed = steps.cassette_refusal(FRESH_BATCH, "CASSETTE-LOAD", "cassette",
                                   Check("typed_not_allowed", {"field": "cassette"}), "CS1",
                                   True, "op01")
    assert typed.order_refused  # blocked now: not even recorded
