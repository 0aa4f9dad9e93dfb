"""The step state machine of a batch: from its pinned recipe, its step records and its
exceptions, which steps are done (who, when), waiting for a signature, current, locked or
blocked, and whether a step may be executed now (Part 11 §11.10(f): the system enforces the
order).

Steps run in recipe order. A run of steps sharing a ``parallel_group`` is one stage: its
steps may be done in any order, and the next stage unlocks when all of them are done. A step
is done when its step record is complete (every signature its policy needs); a record still
waiting for its verifier keeps the following stages locked and says who it waits on. An open
critical exception blocks the batch: no step may be executed until QA dispositions it.
Records pinned to another recipe hash never count (they are reported, for the conflict).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from operator_console.domain.batch_execution.exceptions import ExceptionFacts
from operator_console.domain.batch_release.lifecycle import BatchState, accepts_steps
from operator_console.domain.recipes.model import Recipe, Step
from operator_console.domain.records import RecordStatus


class StepState(StrEnum):
    DONE = "done"
    AWAITING_SIGNATURE = "awaiting_signature"  # recorded, waits for performer or verifier
    CURRENT = "current"  # may be executed now
    BLOCKED = "blocked"  # would be current, but an open critical exception blocks the batch
    LOCKED = "locked"  # an earlier stage is not done yet


@dataclass(frozen=True)
class StepRecordFacts:
    """A step record of the batch as the store reads it (corrected records left out)."""

    record_id: str
    step_id: str
    recipe_hash: str
    status: RecordStatus
    performed_by: str | None = None
    performed_at: datetime | None = None
    verified_by: str | None = None
    performer_name: str | None = None  # printed names, as signed (the manifestation's)
    verifier_name: str | None = None


@dataclass(frozen=True)
class StepProgress:
    step: Step
    state: StepState
    record: StepRecordFacts | None = None
    out_of_order: bool = False  # recorded while an earlier stage was not done

    @property
    def waits_on(self) -> str | None:
        """``performer`` or ``verifier`` while the record awaits that signature."""
        if self.record is None or self.state is not StepState.AWAITING_SIGNATURE:
            return None
        if self.record.status is RecordStatus.AWAITING_SIGNATURE:
            return "performer"
        return "verifier"


class StepRefusal(StrEnum):
    UNKNOWN_STEP = "unknown_step"
    ALREADY_DONE = "already_done"
    AWAITING_SIGNATURE = "awaiting_signature"
    OUT_OF_ORDER = "out_of_order"
    BATCH_BLOCKED = "batch_blocked"
    BATCH_CLOSED = "batch_closed"  # released, rejected or on hold at the plant server


REFUSAL_MESSAGES: dict[StepRefusal, str] = {
    StepRefusal.UNKNOWN_STEP: "Step {step} is not a step of recipe {recipe}.",
    StepRefusal.ALREADY_DONE: "Step {step} is already done. To change its record, correct it.",
    StepRefusal.AWAITING_SIGNATURE: "Step {step} is recorded and waits for its {waits_on}'s "
    "signature. Sign it (Records) instead of doing it again.",
    StepRefusal.OUT_OF_ORDER: "Step {step} cannot be done yet: do {current} first.",
    StepRefusal.BATCH_BLOCKED: "The batch is blocked by a critical exception ({exceptions}). "
    "No step may be done until QA has dispositioned it.",
    StepRefusal.BATCH_CLOSED: "The batch is {state} at the plant server: no further step "
    "may be done.",
}


@dataclass(frozen=True)
class BatchProgress:
    recipe: Recipe
    steps: tuple[StepProgress, ...]
    blocking: tuple[ExceptionFacts, ...]
    foreign_records: tuple[StepRecordFacts, ...] = ()  # pinned to another recipe hash
    duplicate_records: tuple[StepRecordFacts, ...] = ()  # a second record of one step
    unknown_records: tuple[StepRecordFacts, ...] = field(default=())  # step not in recipe
    #: The lifecycle state the plant server holds (None: not known yet, e.g. never pulled).
    lifecycle: BatchState | None = None

    @property
    def closed(self) -> bool:
        """Released, rejected or on hold: no step may be executed."""
        return not accepts_steps(self.lifecycle)

    @property
    def blocked(self) -> bool:
        return bool(self.blocking)

    @property
    def complete(self) -> bool:
        return all(p.state is StepState.DONE for p in self.steps)

    @property
    def executable(self) -> tuple[str, ...]:
        """IDs of the steps that may be executed now."""
        if self.closed:
            return ()
        return tuple(p.step.step_id for p in self.steps if p.state is StepState.CURRENT)

    @property
    def current(self) -> tuple[StepProgress, ...]:
        """The stage being worked on: its steps that are not done yet."""
        return tuple(p for p in self.steps if p.state in (
            StepState.CURRENT, StepState.BLOCKED, StepState.AWAITING_SIGNATURE))

    def of(self, step_id: str) -> StepProgress | None:
        return next((p for p in self.steps if p.step.step_id == step_id), None)

    def refusal(self, step_id: str) -> tuple[StepRefusal, dict[str, str]] | None:
        """Why ``step_id`` may not be executed now, with message parameters; None: it may."""
        progress = self.of(step_id)
        if progress is None:
            return StepRefusal.UNKNOWN_STEP, {"step": step_id, "recipe": self.recipe.recipe_id}
        params = {"step": step_id}
        if self.closed and self.lifecycle is not None:
            return StepRefusal.BATCH_CLOSED, {**params, "state": self.lifecycle.value}
        if progress.state is StepState.DONE:
            return StepRefusal.ALREADY_DONE, params
        if progress.state is StepState.AWAITING_SIGNATURE:
            return StepRefusal.AWAITING_SIGNATURE, {**params, "waits_on": progress.waits_on
                                                    or "performer"}
        if progress.state is StepState.BLOCKED:
            return StepRefusal.BATCH_BLOCKED, {
                **params, "exceptions": ", ".join(e.exception_id for e in self.blocking)}
        if progress.state is StepState.LOCKED:
            names = [p.step.step_id for p in self.current] or ["?"]
            return StepRefusal.OUT_OF_ORDER, {**params, "current": ", ".join(names)}
        return None

    def refusal_message(self, step_id: str) -> str:
        found = self.refusal(step_id)
        return "" if found is None else REFUSAL_MESSAGES[found[0]].format(**found[1])


def stages(steps: Sequence[Step]) -> list[list[Step]]:
    """The recipe's steps cut into stages: a parallel group is one stage, others one each."""
    out: list[list[Step]] = []
    for step in steps:
        if out and step.parallel_group and out[-1][0].parallel_group == step.parallel_group:
            out[-1].append(step)
        else:
            out.append([step])
    return out


def batch_progress(recipe: Recipe, recipe_hash: str, records: Iterable[StepRecordFacts],
                   exceptions: Iterable[ExceptionFacts],
                   lifecycle: BatchState | str | None = None) -> BatchProgress:
    """Where a batch stands. ``records`` in the order they were created; ``lifecycle``: the
    state the plant server holds (a released, rejected or held batch takes no step)."""
    known = {s.step_id for s in recipe.steps}
    by_step: dict[str, StepRecordFacts] = {}
    foreign, duplicates, unknown = [], [], []
    for rec in records:
        if rec.recipe_hash != recipe_hash:
            foreign.append(rec)
        elif rec.step_id not in known:
            unknown.append(rec)
        elif rec.step_id in by_step:
            duplicates.append(rec)
        else:
            by_step[rec.step_id] = rec
    blocking = tuple(e for e in exceptions if e.blocks)
    out: list[StepProgress] = []
    open_stage_seen = False
    for stage in stages(recipe.steps):
        stage_done = True
        for step in stage:
            found = by_step.get(step.step_id)
            if found is not None and found.status is RecordStatus.COMPLETE:
                state = StepState.DONE
            elif found is not None:
                state, stage_done = StepState.AWAITING_SIGNATURE, False
            elif open_stage_seen:
                state, stage_done = StepState.LOCKED, False
            else:
                state = StepState.BLOCKED if blocking else StepState.CURRENT
                stage_done = False
            out.append(StepProgress(step, state, found, out_of_order=open_stage_seen
                                    and found is not None))
        open_stage_seen = open_stage_seen or not stage_done
    return BatchProgress(recipe, tuple(out), blocking, tuple(foreign), tuple(duplicates),
                         tuple(unknown),
                         None if lifecycle is None else BatchState(lifecycle))
