"""The step state machine: order, parallel stages, signatures awaited, blocking by an open
critical exception, and the step record that only an executable step can produce."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from operator_console.domain.batch_execution.exceptions import (
    ExceptionFacts,
    ExceptionKind,
    ExceptionState,
)
from operator_console.domain.batch_execution.progress import (
    StepRecordFacts,
    StepRefusal,
    StepState,
    batch_progress,
    stages,
)
from operator_console.domain.batch_execution.step_record import (
    StepNotExecutableError,
    step_record_draft,
)
from operator_console.domain.batch_execution.verdicts import accept, refuse
from operator_console.domain.recipes import recipe_ref
from operator_console.domain.recipes.demo import demo_recipe
from operator_console.domain.recipes.model import Severity
from operator_console.domain.records import RecordStatus, RecordType, policy_for

RECIPE = demo_recipe()
REF = recipe_ref(RECIPE)
HASH = REF.recipe_hash
IDS = [s.step_id for s in RECIPE.steps]
T = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def done(step_id: str, status: RecordStatus = RecordStatus.COMPLETE, *,
         recipe_hash: str = HASH, record_id: str | None = None) -> StepRecordFacts:
    return StepRecordFacts(record_id or f"rec-{step_id}", step_id, recipe_hash, status,
                           performed_by="op01", performed_at=T, verified_by="ver01")


def upto(step_id: str) -> list[StepRecordFacts]:
    """Complete records of every step before ``step_id``."""
    return [done(s) for s in IDS[:IDS.index(step_id)]]


def critical(state: ExceptionState = ExceptionState.OPEN,
             severity: Severity = Severity.CRITICAL) -> ExceptionFacts:
    return ExceptionFacts("exc-1", ExceptionKind.WRONG_PATIENT, severity, "APHERESIS-RECEIPT",
                          state)


def states(progress: object) -> dict[str, StepState]:
    return {p.step.step_id: p.state for p in progress.steps}  # type: ignore[attr-defined]


def test_a_new_batch_starts_at_the_first_step_and_locks_the_rest() -> None:
    progress = batch_progress(RECIPE, HASH, [], [])
    assert progress.executable == ("BAY-CLEARANCE",)
    assert all(s is StepState.LOCKED for k, s in states(progress).items()
               if k != "BAY-CLEARANCE")
    assert not progress.complete and not progress.blocked
    code, params = progress.refusal("CASSETTE-LOAD") or (None, {})
    assert code is StepRefusal.OUT_OF_ORDER and params["current"] == "BAY-CLEARANCE"
    assert progress.refusal_message("CASSETTE-LOAD") == (
        "Step CASSETTE-LOAD cannot be done yet: do BAY-CLEARANCE first.")
    assert progress.refusal("BAY-CLEARANCE") is None


def test_done_steps_say_who_and_when_and_the_next_becomes_current() -> None:
    progress = batch_progress(RECIPE, HASH, [done("BAY-CLEARANCE")], [])
    first = progress.of("BAY-CLEARANCE")
    assert first is not None and first.state is StepState.DONE
    assert first.record is not None and first.record.performed_by == "op01"
    assert first.record.performed_at == T
    assert progress.executable == ("APHERESIS-RECEIPT",)
    assert progress.refusal("BAY-CLEARANCE") == (StepRefusal.ALREADY_DONE,
                                                 {"step": "BAY-CLEARANCE"})


def test_a_record_awaiting_its_verifier_keeps_the_next_step_locked() -> None:
    progress = batch_progress(RECIPE, HASH, [done("BAY-CLEARANCE",
                                                  RecordStatus.AWAITING_VERIFICATION)], [])
    first = progress.of("BAY-CLEARANCE")
    assert first is not None and first.state is StepState.AWAITING_SIGNATURE
    assert first.waits_on == "verifier"
    assert progress.executable == ()
    assert progress.refusal("BAY-CLEARANCE")[0] is StepRefusal.AWAITING_SIGNATURE  # type: ignore[index]
    assert "verifier's signature" in progress.refusal_message("BAY-CLEARANCE")
    assert progress.refusal("APHERESIS-RECEIPT")[0] is StepRefusal.OUT_OF_ORDER  # type: ignore[index]
    unsigned = batch_progress(RECIPE, HASH, [done("BAY-CLEARANCE",
                                                  RecordStatus.AWAITING_SIGNATURE)], [])
    assert unsigned.steps[0].waits_on == "performer"


def test_a_parallel_group_opens_together_and_closes_when_all_are_done() -> None:
    assert [len(s) for s in stages(RECIPE.steps)].count(3) == 1
    progress = batch_progress(RECIPE, HASH, upto("EXPANSION"), [])
    assert progress.executable == ("EXPANSION", "IPC-SAMPLE", "CELL-COUNT")
    # Done in any order; the next stage waits for all three.
    progress = batch_progress(RECIPE, HASH, [*upto("EXPANSION"), done("CELL-COUNT"),
                                             done("IPC-SAMPLE")], [])
    assert progress.executable == ("EXPANSION",)
    assert progress.of("HARVEST").state is StepState.LOCKED  # type: ignore[union-attr]
    assert progress.refusal_message("HARVEST") == (
        "Step HARVEST cannot be done yet: do EXPANSION first.")
    progress = batch_progress(RECIPE, HASH, [*upto("EXPANSION"), done("CELL-COUNT"),
                                             done("IPC-SAMPLE"), done("EXPANSION")], [])
    assert progress.executable == ("HARVEST",)


def test_an_open_critical_exception_blocks_the_batch_until_dispositioned() -> None:
    records = upto("CASSETTE-LOAD")
    blocked = batch_progress(RECIPE, HASH, records, [critical()])
    assert blocked.blocked and blocked.executable == ()
    assert blocked.of("CASSETTE-LOAD").state is StepState.BLOCKED  # type: ignore[union-attr]
    assert blocked.refusal("CASSETTE-LOAD") == (StepRefusal.BATCH_BLOCKED, {
        "step": "CASSETTE-LOAD", "exceptions": "exc-1"})
    assert "blocked by a critical exception (exc-1)" in blocked.refusal_message("CASSETTE-LOAD")
    assert [p.step.step_id for p in blocked.current] == ["CASSETTE-LOAD"]
    released = batch_progress(RECIPE, HASH, records, [critical(ExceptionState.DISPOSITIONED)])
    assert released.executable == ("CASSETTE-LOAD",)
    major = batch_progress(RECIPE, HASH, records, [critical(severity=Severity.MAJOR)])
    assert major.executable == ("CASSETTE-LOAD",)


def test_records_pinned_to_another_recipe_never_count() -> None:
    other = done("BAY-CLEARANCE", recipe_hash="f" * 64)
    progress = batch_progress(RECIPE, HASH, [other], [])
    assert progress.executable == ("BAY-CLEARANCE",) and progress.foreign_records == (other,)


def test_duplicates_unknown_steps_and_out_of_order_records_are_reported() -> None:
    second = done("BAY-CLEARANCE", record_id="rec-again")
    stray = done("NOT-A-STEP")
    early = done("HARVEST")
    progress = batch_progress(RECIPE, HASH, [done("BAY-CLEARANCE"), second, stray, early], [])
    assert progress.duplicate_records == (second,)
    assert progress.unknown_records == (stray,)
    harvest = progress.of("HARVEST")
    assert harvest is not None and harvest.state is StepState.DONE and harvest.out_of_order
    assert progress.executable == ("APHERESIS-RECEIPT",)
    assert progress.refusal("NOPE")[0] is StepRefusal.UNKNOWN_STEP  # type: ignore[index]


def test_a_batch_with_every_step_done_is_complete() -> None:
    progress = batch_progress(RECIPE, HASH, [done(s) for s in IDS], [])
    assert progress.complete and progress.executable == () and progress.current == ()


@given(st.sets(st.sampled_from(IDS)), st.booleans())
def test_only_the_first_unfinished_stage_is_ever_executable(completed: set[str],
                                                            blocked: bool) -> None:
    progress = batch_progress(RECIPE, HASH, [done(s) for s in IDS if s in completed],
                              [critical()] if blocked else [])
    cut = stages(RECIPE.steps)
    first_open = next((i for i, stage in enumerate(cut)
                       if any(s.step_id not in completed for s in stage)), None)
    allowed = set() if first_open is None else {
        s.step_id for s in cut[first_open] if s.step_id not in completed}
    assert set(progress.executable) == (set() if blocked else allowed)
    for step_id in IDS:
        if progress.refusal(step_id) is None:
            assert step_id in allowed and not blocked
    assert progress.complete is (first_open is None)


# ---------------------------------------------------------------- the step record


def test_the_step_record_pins_the_recipe_and_states_expected_and_actual() -> None:
    progress = batch_progress(RECIPE, HASH, upto("CELL-COUNT"), [])
    verdict = accept({"values": {"VCD": 2.5, "VIABILITY": 91.0}})
    draft = step_record_draft(progress, REF, "B-1", "CELL-COUNT", verdict, ["exc-9"])
    assert draft.record_type is RecordType.STEP_RECORD
    content = draft.content
    assert content["recipe"] == {"id": "CART-CD19-AUTO", "version": 1, "hash": HASH}
    assert content["step"] == "CELL-COUNT" and content["step_type"] == "data_entry"
    assert content["actual"] == {"values": {"VCD": 2.5, "VIABILITY": 91.0}}
    assert content["expected"]["fields"]["VCD"] == {
        "unit": "×10⁶ cells/mL", "limits": {"low": 0.5, "high": 6.0}}
    assert list(content["exceptions"]) == ["exc-9"]
    policy = policy_for(RecordType.STEP_RECORD, content=content)
    assert policy.requires_verification and policy.procedure == "STEP-COMPLETE"


def test_a_performer_only_step_needs_no_verifier() -> None:
    progress = batch_progress(RECIPE, HASH, upto("IPC-SAMPLE"), [])
    draft = step_record_draft(progress, REF, "B-1", "IPC-SAMPLE",
                              accept({"sample_id": "CHA99992600142A-IPC-D7"}))
    assert not policy_for(RecordType.STEP_RECORD, content=draft.content).requires_verification


def test_no_step_record_out_of_order_while_blocked_or_for_refused_input() -> None:
    progress = batch_progress(RECIPE, HASH, [], [])
    with pytest.raises(StepNotExecutableError) as info:
        step_record_draft(progress, REF, "B-1", "HARVEST", accept({}))
    assert info.value.code == "out_of_order"
    with pytest.raises(StepNotExecutableError) as info:
        step_record_draft(batch_progress(RECIPE, HASH, [], [critical()]), REF, "B-1",
                          "BAY-CLEARANCE", accept({}))
    assert info.value.code == "batch_blocked"
    with pytest.raises(StepNotExecutableError) as info:
        step_record_draft(progress, REF, "B-1", "BAY-CLEARANCE",
                          refuse("checklist_incomplete", items="CLEAN"))
    assert info.value.code == "checklist_incomplete" and "CLEAN" in str(info.value)
    other = type(REF)("OTHER", 1, HASH)
    with pytest.raises(ValueError, match="not the batch's recipe"):
        step_record_draft(progress, other, "B-1", "BAY-CLEARANCE", accept({}))
