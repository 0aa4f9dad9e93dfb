"""A pushed step record checked against the batch's pinned recipe (issue 14, item 5).

What cannot come from an honest station is **refused** (the entry is kept as rejected, a
security event raised): a batch not made from a recipe, a recipe reference whose id, version
and hash do not name one stored version, a version that was never effective (a draft or an
unknown hash: stations only ever receive effective versions), a step the recipe does not
have, a step type or signature policy other than the recipe's (it would weaken the
two-person rule or the qualification).

What records work that physically happened but must be judged by people is **stored and
raises a conflict** (the release gate waits for it): a step out of order (an earlier stage not
done at the server, parallel groups respected), a step recorded twice, a step while an open
critical exception blocked the batch, a step on a released, rejected or held batch, a step
against another once-effective version than the pinned one, and a step made after the pinned
version was superseded (one conflict per batch).

Corrections of a step record are checked for recipe, step and policy only (not order).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.batch_execution.progress import StepRefusal
from operator_console.domain.records import RecordType
from plant_server.models import Batch, Conflict, Station
from plant_server.recipe_models import RecipeVersion
from plant_server.services.batch_view import batch_view
from plant_server.services.conflicts import raise_conflict
from plant_server.services.entries.batch import find_record, write_pending
from plant_server.services.entries.payloads import RecordPayload
from plant_server.services.entries.refusals import EntryRefusal
from plant_server.services.recipes import recipe_of


@dataclass(frozen=True)
class StepConflict:
    kind: str
    summary: str
    details: dict[str, Any]


@dataclass(frozen=True)
class StepJudgement:
    refusal: EntryRefusal | None = None
    conflicts: tuple[StepConflict, ...] = ()


def is_step_record(session: Session, rec: RecordPayload) -> bool:
    if rec.record_type is RecordType.STEP_RECORD:
        return True
    if rec.record_type is not RecordType.CORRECTION or rec.corrects is None:
        return False
    current, seen = find_record(session, rec.corrects), 0
    while current is not None and current.record_type == RecordType.CORRECTION.value \
            and current.corrects and seen < 1000:
        current, seen = find_record(session, current.corrects), seen + 1
    return current is not None and current.record_type == RecordType.STEP_RECORD.value


def judge_step_record(session: Session, rec: RecordPayload) -> StepJudgement:
    """Checks before the record is stored; conflicts to raise once it is."""
    write_pending(session)  # the batch's earlier records and signatures count
    batch = session.get(Batch, rec.batch)
    if batch is None or batch.recipe_hash is None:
        return StepJudgement(EntryRefusal.STEP_BATCH_UNKNOWN)
    pinned = rec.content.get("recipe")
    ref = pinned if isinstance(pinned, dict) else {}
    digest = ref.get("hash")
    row = session.scalars(select(RecipeVersion).where(
        RecipeVersion.recipe_hash == digest)).first() if isinstance(digest, str) else None
    if row is None or row.effective_at is None:
        return StepJudgement(EntryRefusal.STEP_RECIPE_NEVER_EFFECTIVE)
    if ref.get("id") != row.recipe_id or ref.get("version") != row.version:
        return StepJudgement(EntryRefusal.STEP_RECIPE_MISMATCH)
    recipe = recipe_of(row)
    step = recipe.step(str(rec.content.get("step", "")))
    if step is None:
        return StepJudgement(EntryRefusal.UNKNOWN_STEP)
    stated = rec.content.get("signature")
    signature = stated if isinstance(stated, dict) else {}
    if rec.content.get("step_type") != step.step_type.value \
            or signature.get("policy") != step.signature.policy.value \
            or signature.get("qualification") != step.signature.qualification:
        return StepJudgement(EntryRefusal.STEP_POLICY_MISMATCH)
    conflicts: list[StepConflict] = []
    details = {"batch": batch.batch_id, "step": step.step_id, "record_hash": digest,
               "pinned_hash": batch.recipe_hash, "created_at": rec.created_at}
    if digest != batch.recipe_hash:
        conflicts.append(StepConflict(
            "step_other_recipe_version", f"step {step.step_id} of {batch.batch_id} was done "
            f"against {row.recipe_id} version {row.version}, not the pinned version "
            f"{batch.recipe_version}", details))
        return StepJudgement(None, tuple(conflicts))
    if row.superseded_at is not None and rec.created_at >= row.superseded_at:
        conflicts.append(StepConflict(
            "step_on_superseded_recipe", f"step {step.step_id} of {batch.batch_id} was done "
            f"after {row.recipe_id} version {row.version} was superseded "
            f"({row.superseded_at})", {**details, "superseded_at": row.superseded_at}))
    if rec.record_type is RecordType.STEP_RECORD:
        conflicts += _order(session, batch, step.step_id, details)
    return StepJudgement(None, tuple(conflicts))


_ORDER_CONFLICTS: dict[StepRefusal, tuple[str, Callable[[str, dict[str, str]], str]]] = {
    StepRefusal.OUT_OF_ORDER: ("step_out_of_order", lambda b, p: (
        f"step {p['step']} of {b} was done before {p.get('current', '?')}")),
    StepRefusal.ALREADY_DONE: ("step_repeated", lambda b, p: (
        f"step {p['step']} of {b} was recorded again after it was done")),
    StepRefusal.AWAITING_SIGNATURE: ("step_repeated", lambda b, p: (
        f"step {p['step']} of {b} was recorded again while its record waited for a "
        "signature")),
    StepRefusal.BATCH_BLOCKED: ("step_while_blocked", lambda b, p: (
        f"step {p['step']} of {b} was done while critical exception(s) "
        f"{p.get('exceptions', '')} blocked the batch")),
    StepRefusal.BATCH_CLOSED: ("step_after_close", lambda b, p: (
        f"step {p['step']} of {b} was done on a batch that is {p.get('state', '?')}")),
}


def _order(session: Session, batch: Batch, step_id: str,
           details: dict[str, Any]) -> list[StepConflict]:
    """The server's own step state machine over what it holds: may the step be done now?"""
    view = batch_view(session, batch)
    assert view.progress is not None
    found = view.progress.refusal(step_id)
    if found is None or found[0] is StepRefusal.UNKNOWN_STEP:
        return []
    kind, summary = _ORDER_CONFLICTS[found[0]]
    return [StepConflict(kind, summary(batch.batch_id, found[1]),
                         {**details, "refusal": found[0].value, **found[1]})]


def raise_step_conflicts(session: Session, station: Station, record_id: str,
                         judgement: StepJudgement) -> None:
    if not judgement.conflicts:
        return
    write_pending(session)
    for c in judgement.conflicts:
        if c.kind == "step_on_superseded_recipe" and _open_for_batch(
                session, c.kind, str(c.details["batch"])):
            continue  # one per batch: the batch goes on on its pinned version
        raise_conflict(session, kind=c.kind, station=station.name, record_id=record_id,
                       summary=c.summary, details=c.details)


def _open_for_batch(session: Session, kind: str, batch_id: str) -> bool:
    return any(c.details.get("batch") == batch_id for c in session.scalars(
        select(Conflict).where(Conflict.kind == kind, Conflict.status == "open")))
