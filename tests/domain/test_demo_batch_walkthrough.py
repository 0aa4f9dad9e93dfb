"""The whole demo recipe executed in the domain, step by step: each step type's check, the
step record only the state machine allows, an out-of-limit entry kept with its exception,
and a wrong-patient bag blocking the batch until QA dispositions it."""

from __future__ import annotations

from datetime import date, datetime

from operator_console.domain.alarms import AlarmState, AlarmTransition, LimitKind
from operator_console.domain.batch_execution.exceptions import (
    ExceptionFacts,
    ExceptionKind,
    ExceptionState,
)
from operator_console.domain.batch_execution.phase import check_phase
from operator_console.domain.batch_execution.progress import (
    StepRecordFacts,
    batch_progress,
)
from operator_console.domain.batch_execution.step_inputs import (
    check_cassette_step,
    check_checklist,
    check_data_entry,
    check_instruction,
    check_material_receipt,
    check_reagent,
    check_sample,
)
from operator_console.domain.batch_execution.step_record import step_record_draft
from operator_console.domain.batch_execution.verdicts import Verdict
from operator_console.domain.chain_of_identity import BatchIdentity
from operator_console.domain.demo_data import BATCHES, GOOD_BAG, bag_label
from operator_console.domain.historian_rows import HistorianRow
from operator_console.domain.recipes import StepType, recipe_ref
from operator_console.domain.recipes.demo import demo_recipe
from operator_console.domain.recipes.model import Severity, Step
from operator_console.domain.records import RecordStatus

RECIPE = demo_recipe()
REF = recipe_ref(RECIPE)
BATCH_ID, PATIENT, DIN, COI = BATCHES[0]
IDENTITY = BatchIdentity(BATCH_ID, PATIENT, "", frozenset({DIN}), COI)
NOW = datetime(2026, 12, 1, 10, 0)
TODAY = date(2026, 12, 1)
T0 = 1_000.0


def rows(step: Step) -> list[HistorianRow]:
    assert step.phase is not None
    out = []
    for c in step.phase.channels:
        low, high = c.limits.low, c.limits.high
        mid = (low + high) / 2 if low is not None and high is not None else (low or high or 0)
        out.append(HistorianRow(c.channel, T0, 10, 20, 0, 0, mid, mid, mid, mid, T0 + 9))
    return out


def verdict_for(step: Step) -> Verdict:
    if step.step_type is StepType.BAY_CLEARANCE:
        return check_checklist(step, {c.item_id for c in step.checklist})
    if step.step_type is StepType.MATERIAL_RECEIPT:
        return check_material_receipt(step, GOOD_BAG, IDENTITY, NOW)
    if step.step_type in (StepType.CASSETTE_LOAD, StepType.CASSETTE_UNLOAD):
        return check_cassette_step(f"cassette-record-{step.step_id}", "CS0142A1", "B1")
    if step.step_type is StepType.REAGENT:
        assert step.reagent is not None
        return check_reagent(step, TODAY, raw_scan=f"(01){step.reagent.gtin}(17)301231(10)L1")
    if step.step_type is StepType.INSTRUMENT_PHASE:
        assert step.phase is not None
        alarms = [AlarmTransition("temperature", AlarmState.NORMAL, AlarmState.ACTIVE_UNACKED,
                                  T0 + 30, 37.8, LimitKind.HIGH)] \
            if step.step_id == "EXPANSION" else []
        return check_phase(step, rows(step), alarms, T0, T0 + step.phase.duration_minutes * 60)
    if step.step_type is StepType.SAMPLE:
        assert step.sample is not None
        return check_sample(step, f"{COI}-{step.sample.sample_code}", IDENTITY)
    if step.step_type is StepType.DATA_ENTRY:
        values = {"CELL-COUNT": {"VCD": 7.2, "VIABILITY": 92.0},  # VCD above its limit
                  "HARVEST": {"VOLUME": 100, "TVC": 2.4, "VIABILITY": 91.0},
                  "FORMULATION": {"FILL-VOLUME": 70.0}}[step.step_id]
        return check_data_entry(step, values)
    return check_instruction(True)


def test_the_demo_batch_runs_from_bay_clearance_to_hand_over() -> None:
    records: list[StepRecordFacts] = []
    exceptions: list[ExceptionFacts] = []
    kinds: list[tuple[str, ExceptionKind, Severity]] = []
    for index, step in enumerate(RECIPE.steps):
        progress = batch_progress(RECIPE, REF.recipe_hash, records, exceptions)
        assert step.step_id in progress.executable, (step.step_id, progress.executable)
        if step.step_id == "APHERESIS-RECEIPT":
            wrong = check_material_receipt(step, bag_label("A99992610014387",
                                                           coi="CHA99992600143B"),
                                           IDENTITY, NOW)
            assert not wrong.ok
            exceptions.append(ExceptionFacts("exc-wrong-bag", wrong.exceptions[0].kind,
                                             wrong.exceptions[0].severity, step.step_id,
                                             ExceptionState.OPEN))
            blocked = batch_progress(RECIPE, REF.recipe_hash, records, exceptions)
            assert blocked.blocked and blocked.executable == ()
            exceptions[-1] = ExceptionFacts("exc-wrong-bag", ExceptionKind.WRONG_PATIENT,
                                            Severity.CRITICAL, step.step_id,
                                            ExceptionState.DISPOSITIONED)
            progress = batch_progress(RECIPE, REF.recipe_hash, records, exceptions)
        verdict = verdict_for(step)
        assert verdict.ok, (step.step_id, verdict.message)
        kinds += [(step.step_id, e.kind, e.severity) for e in verdict.exceptions]
        draft = step_record_draft(progress, REF, BATCH_ID, step.step_id, verdict,
                                  [f"exc-{step.step_id}-{i}"
                                   for i in range(len(verdict.exceptions))])
        assert draft.content["recipe"] == REF.as_dict()
        records.append(StepRecordFacts(f"rec-{index}", step.step_id, REF.recipe_hash,
                                       RecordStatus.COMPLETE, "op01", None, "ver01"))
    final = batch_progress(RECIPE, REF.recipe_hash, records, exceptions)
    assert final.complete
    assert kinds == [("EXPANSION", ExceptionKind.PHASE_ALARM, Severity.MAJOR),
                     ("CELL-COUNT", ExceptionKind.OUT_OF_LIMITS, Severity.MAJOR)]
