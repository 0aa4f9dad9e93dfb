"""A batch of the demo recipe executed at a console, step by step, as the step screens would
record it (the state machine's step records, signed per policy; exceptions raised; instrument
phases with 10 Hz samples in real ring buffers and an alarm), for the report tests and the
station report's screenshots. ``pin_demo_batch`` stands in for the pull that brings the batch
and its recipe (no server needed)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
from tests.domain.test_demo_batch_walkthrough import verdict_for

from operator_console.domain.alarms import AlarmState, AlarmTransition, LimitKind
from operator_console.domain.batch_execution.exceptions import exception_record
from operator_console.domain.batch_execution.phase import check_phase
from operator_console.domain.batch_execution.progress import StepRecordFacts, batch_progress
from operator_console.domain.batch_execution.step_record import step_record_draft
from operator_console.domain.channels import demo_channels
from operator_console.domain.demo_data import BATCHES
from operator_console.domain.recipes import recipe_data, recipe_ref
from operator_console.domain.recipes.demo import demo_recipe
from operator_console.domain.recipes.model import SignaturePolicy, StepType
from operator_console.domain.records import Meaning, RecordStatus
from operator_console.instruments.historian import aggregate
from operator_console.instruments.ringbuffer import RingBuffer, Sample
from operator_console.services import Services
from operator_console.store.instruments import save_channels
from operator_console.store.master_models import BatchDinRow, BatchRow
from operator_console.store.recipes import pin_batch, put_recipe
from operator_console.store.records import create_record

RECIPE = demo_recipe()
REF = recipe_ref(RECIPE)


def pin_demo_batch(svc: Services, batch_id: str, station: str) -> None:
    patient, din, coi = next(b[1:] for b in BATCHES if b[0] == batch_id)
    save_channels(svc.db, svc.audit, demo_channels("opc.tcp://127.0.0.1:4840/"),
                  actor="admin", reason="channels as the plant server's pull brings them")
    with svc.db.transaction() as s:
        if s.get(BatchRow, batch_id) is None:  # the batch's master data, as a pull brings it
            s.add(BatchRow(batch_id=batch_id, patient_id=patient, coi=coi, current_step="",
                           product=RECIPE.product, updated_at="2026-12-01T00:00:00Z"))
            s.flush()
            s.add(BatchDinRow(batch_id=batch_id, din=din))
            s.flush()
        put_recipe(s, {"recipe_id": REF.recipe_id, "version": REF.version,
                       "hash": REF.recipe_hash, "state": "effective",
                       "content": recipe_data(RECIPE)}, received_at="2026-12-01T00:00:00Z")
        pin_batch(s, batch_id, REF.as_dict(), station)


def _phase(step: Any, start: float, buffers: dict[str, RingBuffer]) -> Any:
    seconds = int(step.phase.duration_minutes * 60) + 30
    t = start + np.arange(seconds * 10) / 10
    samples = []
    rng = np.random.default_rng(7)
    for i, spec in enumerate(step.phase.channels):
        mid = (spec.limits.low + spec.limits.high) / 2
        span = spec.limits.high - spec.limits.low
        v = mid + span / 10 * np.sin(t / 20 + i) + rng.normal(0, span / 60, len(t))
        if i == 0:
            v = np.where((t > start + 60) & (t < start + 80), spec.limits.high + 0.3, v)
        buf = buffers.setdefault(spec.channel, RingBuffer(200_000))
        buf.extend(t, v)
        samples += [Sample(spec.channel, float(a), float(b), 0)
                    for a, b in zip(t, v, strict=True)]
    first = step.phase.channels[0]
    transitions = [AlarmTransition(first.channel, AlarmState.NORMAL, AlarmState.ACTIVE_UNACKED,
                                   start + 61, first.limits.high + 0.3, LimitKind.HIGH),
                   AlarmTransition(first.channel, AlarmState.ACTIVE_UNACKED, AlarmState.NORMAL,
                                   start + 80, None, None)]
    return check_phase(step, aggregate(samples, 10.0), transitions, start, float(t[-1]) + 0.1)


def execute_demo_batch(svc: Services, batch_id: str, buffers: dict[str, RingBuffer],
                       steps: int | None = None) -> None:
    """Record the first ``steps`` steps (all by default), op01 performing, ver01 verifying."""
    records: list[StepRecordFacts] = []
    start = (datetime.now(UTC) - timedelta(hours=2)).timestamp()
    for index, step in enumerate(RECIPE.steps[:steps]):
        progress = batch_progress(RECIPE, REF.recipe_hash, records, [])
        verdict = _phase(step, start + 600 * index, buffers) \
            if step.step_type is StepType.INSTRUMENT_PHASE else verdict_for(step)
        assert verdict.ok, (step.step_id, verdict.message)
        ids = []
        for draft in verdict.exceptions:
            with svc.db.transaction() as s:
                ids.append(create_record(s, svc.audit, exception_record(draft, batch_id, REF),
                                         created_by="op01", at=datetime.now(UTC)).record_id)
        out = svc.signing.create_and_sign(step_record_draft(progress, REF, batch_id,
                                                            step.step_id, verdict, ids),
                                          "op01", "demo-op01")
        assert out.ok and out.record_id, out
        if step.signature.policy is SignaturePolicy.TWO_PERSON:
            assert svc.signing.sign(out.record_id, "ver01", "demo-ver01",
                                    Meaning.VERIFIED).ok
        records.append(StepRecordFacts(out.record_id, step.step_id, REF.recipe_hash,
                                       RecordStatus.COMPLETE, "op01", None, "ver01"))
