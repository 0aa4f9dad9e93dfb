"""Executing a batch's steps at the station: check what the operator entered or scanned for
the current step, write the exceptions the check raised (refused input too), and hand back
the step record to sign, pinned to the batch's recipe.

The order is the domain state machine's (``BatchProgress.refusal``): a step that may not be
executed now is refused before its input is even checked, and checked again inside the
transaction that commits the step record (:class:`StepRecordSigning`). Everything reads and
writes the local store only, so a batch runs offline. Every method blocks (store, argon2
elsewhere): call from a worker.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from operator_console.application.batch_exceptions import BatchExceptions
from operator_console.application.batch_progress import (
    BatchSnapshot,
    batch_snapshot,
    snapshots_in,
    station_batches,
)
from operator_console.auth.signing_service import GuardRefusedError, SigningService
from operator_console.domain.batch_execution.exceptions import ExceptionKind, raise_exception
from operator_console.domain.batch_execution.phase import check_phase
from operator_console.domain.batch_execution.progress import REFUSAL_MESSAGES
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
from operator_console.domain.batch_execution.verdicts import Verdict, refuse
from operator_console.domain.chain_of_identity import BatchIdentity, Check
from operator_console.domain.recipes import Step, StepType
from operator_console.domain.records import Meaning, RecordDraft, RecordType
from operator_console.store.audit import AuditLog
from operator_console.store.batch_phases import (
    alarm_transitions,
    phase_started_at,
    record_phase_start,
)
from operator_console.store.cassettes import get_batch
from operator_console.store.db import Database
from operator_console.store.instruments import SqliteHistorianSink
from operator_console.store.records import RecordFilter, load_records

_WRONG_PATIENT = frozenset({"din_not_for_patient", "coi_not_for_patient"})
_CASSETTE_TYPES = {StepType.CASSETTE_LOAD: RecordType.CASSETTE_LOAD,
                   StepType.CASSETTE_UNLOAD: RecordType.CASSETTE_UNLOAD}


@dataclass(frozen=True)
class StepCheck:
    """The answer to one attempt at a step: the verdict (refused by the order, ``code`` a
    ``StepRefusal``, or by the input check), the IDs of the exceptions written, and the
    step record to sign when accepted."""

    verdict: Verdict
    exception_ids: tuple[str, ...] = ()
    draft: RecordDraft | None = None
    order_refused: bool = False
    started_at: float | None = None  # a phase start's answer: when it started

    @property
    def ok(self) -> bool:
        return self.draft is not None


class BatchSteps:
    """``BatchSteps(db, audit, station)``; ``clock`` is the historian's (seconds since the
    epoch), ``now`` the station's local naive time (label expiry is local)."""

    def __init__(self, db: Database, audit: AuditLog, station: str, *,
                 clock: Callable[[], float] = time.time,
                 now: Callable[[], datetime] = datetime.now) -> None:
        self.db, self.audit, self.station = db, audit, station
        self.exceptions = BatchExceptions(db, audit)
        self.clock, self.now = clock, now

    # -- reading ------------------------------------------------------------------------------
    def batches(self) -> list[BatchSnapshot]:
        return station_batches(self.db, self.audit.station)

    def snapshot(self, batch_id: str) -> BatchSnapshot | None:
        return batch_snapshot(self.db, batch_id)

    def identity(self, batch_id: str) -> BatchIdentity | None:
        with self.db.read() as s:
            return get_batch(s, batch_id)

    def phase_started(self, batch_id: str, step_id: str) -> float | None:
        with self.db.read() as s:
            return phase_started_at(s, batch_id, step_id)

    # -- the checks, one per step type --------------------------------------------------------
    def bay_clearance(self, batch_id: str, step_id: str, confirmed: Collection[str],
                      actor: str) -> StepCheck:
        return self._attempt(batch_id, step_id, actor, lambda st, _b: check_checklist(
            st, confirmed))

    def instruction(self, batch_id: str, step_id: str, confirmed: bool,
                    actor: str) -> StepCheck:
        return self._attempt(batch_id, step_id, actor, lambda _s, _b: check_instruction(
            confirmed))

    def data_entry(self, batch_id: str, step_id: str, values: Mapping[str, float],
                   actor: str) -> StepCheck:
        return self._attempt(batch_id, step_id, actor, lambda st, _b: check_data_entry(
            st, values))

    def material(self, batch_id: str, step_id: str, raw_scan: str, typed: bool,
                 actor: str) -> StepCheck:
        return self._attempt(batch_id, step_id, actor, lambda st, b: check_material_receipt(
            st, raw_scan, _known(b), self.now(), typed=typed), needs_identity=True)

    def sample(self, batch_id: str, step_id: str, sample_id: str, typed: bool,
               actor: str) -> StepCheck:
        return self._attempt(batch_id, step_id, actor, lambda st, b: check_sample(
            st, sample_id, _known(b), typed=typed), needs_identity=True)

    def reagent(self, batch_id: str, step_id: str, actor: str, *, raw_scan: str | None = None,
                typed_lot: str | None = None, typed_expiry: date | None = None) -> StepCheck:
        return self._attempt(batch_id, step_id, actor, lambda st, _b: check_reagent(
            st, self.now().date(), raw_scan=raw_scan, typed_lot=typed_lot,
            typed_expiry=typed_expiry))

    def cassette(self, batch_id: str, step_id: str, record_id: str | None,
                 actor: str) -> StepCheck:
        """The cassette flow's record (made for this batch, of the step's kind)."""
        def check(st: Step, _b: BatchIdentity | None) -> Verdict:
            if not record_id:
                return check_cassette_step(None)
            with self.db.read() as s:
                found = load_records(s, RecordFilter(record_ids=[record_id]))
            if not found or found[0].batch_id != batch_id \
                    or found[0].record_type is not _CASSETTE_TYPES.get(st.step_type):
                return check_cassette_step(None)
            body = found[0].body
            cassette = body.get("cassette")
            serial = cassette.get("serial") if isinstance(cassette, dict) else None
            return check_cassette_step(record_id, serial, body.get("bay"))
        return self._attempt(batch_id, step_id, actor, check)

    def cassette_refusal(self, batch_id: str, step_id: str, field: str, check: Check,
                         raw: str, typed: bool, actor: str) -> StepCheck:
        """A scan the cassette flow refused during a batch's cassette step: an exception
        (another patient's bag is critical; expired material; a label typed where policy
        wants a scan), with the raw scan as its evidence. Nothing else changes."""
        snap, refused = self._executable(batch_id, step_id)
        if refused is not None:
            return refused
        assert snap is not None
        kind = (ExceptionKind.WRONG_PATIENT if check.code in _WRONG_PATIENT
                else ExceptionKind.EXPIRED_MATERIAL if check.code.endswith("_expired")
                else ExceptionKind.TYPED_ENTRY if check.code == "typed_not_allowed"
                else ExceptionKind.REFUSED_SCAN)
        draft = raise_exception(kind, step_id=step_id, code=check.code, field=field, scan=raw,
                                typed=typed, params={k: str(v) for k, v in check.params.items()})
        ids = self.exceptions.record(batch_id, snap.ref, [draft], actor)
        return StepCheck(Verdict(check.code, dict(check.params), {}, (), check.message),
                         tuple(ids))

    def start_phase(self, batch_id: str, step_id: str, actor: str) -> StepCheck:
        """Start an instrument phase (audited): ``started_at`` set, or the order's refusal."""
        snap, refused = self._executable(batch_id, step_id)
        if refused is not None:
            return refused
        assert snap is not None
        t = self.clock()
        with self.db.transaction() as s:
            record_phase_start(s, self.audit, batch_id, step_id, actor=actor, t=t)
        return StepCheck(Verdict(), started_at=t)

    def complete_phase(self, batch_id: str, step_id: str, actor: str) -> StepCheck:
        """The phase's summary per channel from the historian, and its alarms (the
        transitions the instrument runtime audited during the phase)."""
        start = self.phase_started(batch_id, step_id)
        if start is None:
            return StepCheck(refuse("phase_not_started"))
        end = self.clock()
        sink = SqliteHistorianSink(self.db)
        with self.db.read() as s:
            transitions = alarm_transitions(s, start, end)

        def check(st: Step, _b: BatchIdentity | None) -> Verdict:
            assert st.phase is not None
            rows = [r for c in st.phase.channels for r in sink.rows_between(c.channel, start,
                                                                            end)]
            return check_phase(st, rows, transitions, start, end)
        return self._attempt(batch_id, step_id, actor, check)

    # -- the common path ----------------------------------------------------------------------
    def _executable(self, batch_id: str, step_id: str
                    ) -> tuple[BatchSnapshot | None, StepCheck | None]:
        snap = self.snapshot(batch_id)
        if snap is None or snap.progress is None:
            return None, StepCheck(refuse("batch_not_ready", batch=batch_id),
                                   order_refused=True)
        found = snap.progress.refusal(step_id)
        if found is not None:
            code, params = found
            return snap, StepCheck(Verdict(code.value, params, {}, (),
                                           REFUSAL_MESSAGES[code].format(**params)),
                                   order_refused=True)
        return snap, None

    def _attempt(self, batch_id: str, step_id: str, actor: str,
                 check: Callable[[Step, BatchIdentity | None], Verdict], *,
                 needs_identity: bool = False) -> StepCheck:
        snap, refused = self._executable(batch_id, step_id)
        if refused is not None:
            return refused
        assert snap is not None and snap.progress is not None
        step = snap.progress.recipe.step(step_id)
        assert step is not None
        identity = self.identity(batch_id) if needs_identity else None
        if needs_identity and identity is None:
            return StepCheck(refuse("batch_not_ready", batch=batch_id), order_refused=True)
        verdict = check(step, identity)
        ids = tuple(self.exceptions.record(batch_id, snap.ref, verdict.exceptions, actor))
        if not verdict.ok:
            return StepCheck(verdict, ids)
        draft = step_record_draft(snap.progress, snap.ref, batch_id, step_id, verdict, ids)
        return StepCheck(verdict, ids, draft)


def _known(identity: BatchIdentity | None) -> BatchIdentity:
    assert identity is not None  # _attempt refuses a batch without one first
    return identity


class StepRecordSigning(SigningService):
    """The station's signing service: the cassette guards of ``base``, and a step record
    re-checked against the step state machine inside the transaction that commits it (a
    second window or a record that arrived meanwhile cannot let a step be done out of
    order)."""

    def __init__(self, base: SigningService) -> None:
        super().__init__(base.db, base.audit, base.auth, base._clock)
        self._base = base

    def guard_sign(self, session: Any, record_id: str, meaning: Meaning) -> Check:
        return self._base.guard_sign(session, record_id, meaning)

    def guard_create(self, session: Any, draft: RecordDraft) -> Check:
        if draft.record_type is not RecordType.STEP_RECORD or draft.corrects:
            return self._base.guard_create(session, draft)
        found = snapshots_in(session, batch_id=draft.batch_id)
        if not found or found[0].progress is None:
            return Check("step_batch_unknown", {"batch": draft.batch_id})
        snap = found[0]
        pinned = draft.content.get("recipe")
        if not isinstance(pinned, Mapping) or pinned.get("hash") != snap.ref.recipe_hash:
            return Check("step_recipe_mismatch", {"batch": draft.batch_id})
        refusal = found[0].progress.refusal(str(draft.content.get("step")))
        if refusal is not None:
            return Check("step_" + refusal[0].value, refusal[1])
        return Check()

    def guard_refused(self, actor: str, target: str, check: Check) -> GuardRefusedError:
        if not check.code.startswith("step_"):
            return self._base.guard_refused(actor, target, check)
        with self.db.transaction() as s:
            self.audit.append(s, actor=actor, event="signature_refused", target=target,
                              reason=check.code, new=dict(check.params))
        return GuardRefusedError(check)
