"""Where each of the station's batches stands, for the Batches page and ``operator-console
batch``: the pinned recipe, the step state machine over the batch's step records, and its
exceptions, all from the local store (works offline).

A step record's effective version is the last of its correction chain (a corrected record
is superseded by its correction, whose content is the complete corrected step record). An
exception stands as it was raised (a correction cannot downgrade it) and is dispositioned
once an ``exception_disposition`` record names it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from operator_console.domain.batch_execution.exceptions import ExceptionFacts, exception_facts
from operator_console.domain.batch_execution.progress import (
    BatchProgress,
    StepRecordFacts,
    batch_progress,
)
from operator_console.domain.batch_release.lifecycle import BatchState
from operator_console.domain.recipes import RecipeRef
from operator_console.domain.recipes.model import Step
from operator_console.domain.records import Meaning, RecordType
from operator_console.store.db import Database
from operator_console.store.recipes import PinnedBatch, pinned_batches
from operator_console.store.records import RecordFilter, RecordView, load_records

_ALL = 10_000_000


@dataclass(frozen=True)
class BatchSnapshot:
    batch_id: str
    ref: RecipeRef
    recipe_state: str | None  # effective | superseded | None (recipe not arrived)
    progress: BatchProgress | None  # None while the pinned recipe has not arrived
    exceptions: tuple[ExceptionFacts, ...]
    #: The lifecycle the plant server holds (in_process ... released); None: not known yet.
    #: A released, rejected or held batch takes no further step (``progress.refusal``).
    lifecycle: BatchState | None = None

    def step(self, step_id: str | None) -> Step | None:
        """The pinned recipe's step ``step_id`` (None: not a step, or no recipe yet)."""
        if self.progress is None or step_id is None:
            return None
        return next((p.step for p in self.progress.steps if p.step.step_id == step_id), None)


def _is(view: RecordView, record_type: RecordType) -> bool:
    return view.record_type is record_type or (
        view.record_type is RecordType.CORRECTION and view.corrects_type is record_type)


def _signer(view: RecordView, meaning: Meaning
            ) -> tuple[str | None, datetime | None, str | None]:
    sig = next((s.facts for s in view.signatures if s.facts.meaning is meaning), None)
    return (sig.signer_id, sig.signed_at, sig.printed_name) if sig else (None, None, None)


def step_record_facts(views: Sequence[RecordView]) -> list[StepRecordFacts]:
    """The batch's effective step records (corrected ones left out), oldest first."""
    out = []
    for view in sorted(views, key=lambda v: v.seq):
        if view.corrected_by is not None or not _is(view, RecordType.STEP_RECORD):
            continue
        body = view.body
        pinned = body.get("recipe")
        recipe: dict[str, object] = pinned if isinstance(pinned, dict) else {}
        performer, performed_at, performer_name = _signer(view, Meaning.PERFORMED)
        verifier, _, verifier_name = _signer(view, Meaning.VERIFIED)
        out.append(StepRecordFacts(
            view.record_id, str(body.get("step", "")), str(recipe.get("hash", "")),
            view.status, performer, performed_at, verifier, performer_name, verifier_name))
    return out


def batch_exceptions(views: Sequence[RecordView],
                     dispositioned: Sequence[str] = ()) -> list[ExceptionFacts]:
    """The batch's exceptions as raised. A correction of an exception record never changes
    its kind or severity nor closes it (so no correction can unblock a batch); only a QA
    disposition naming the exception, or any record of its correction chain, closes it:
    a disposition record here, or one QA made at the plant server (``dispositioned``)."""
    by_id = {v.record_id: v for v in views}

    def root(record_id: str) -> str:
        seen, current = 0, by_id.get(record_id)
        while current is not None and current.corrects and seen < 1000:
            record_id, current, seen = current.corrects, by_id.get(current.corrects), seen + 1
        return record_id

    raised = [(v.record_id, v.body) for v in sorted(views, key=lambda v: v.seq)
              if v.record_type is RecordType.EXCEPTION]
    closed = [{"exception": root(str(v.body.get("exception")))} for v in views
              if _is(v, RecordType.EXCEPTION_DISPOSITION)]
    closed += [{"exception": root(x)} for x in dispositioned]
    return exception_facts(raised, closed)


def _snapshot(pinned: PinnedBatch, views: Sequence[RecordView]) -> BatchSnapshot:
    exceptions = batch_exceptions(views, pinned.dispositioned)
    lifecycle = BatchState(pinned.state) if pinned.state else None
    progress = None if pinned.recipe is None else batch_progress(
        pinned.recipe, pinned.ref.recipe_hash, step_record_facts(views), exceptions,
        lifecycle=lifecycle)
    return BatchSnapshot(pinned.batch_id, pinned.ref, pinned.recipe_state, progress,
                         tuple(exceptions), lifecycle)


def snapshots_in(session: Any, station: str | None = None, *,
                 batch_id: str | None = None) -> list[BatchSnapshot]:
    """:func:`station_batches` within an open store session (e.g. the transaction that
    commits a step record, so the order is checked where it is written). Typed ``Any``: the
    use cases pass the store's session through without touching SQLAlchemy themselves."""
    out = []
    for pinned in pinned_batches(session, station):
        if batch_id is not None and pinned.batch_id != batch_id:
            continue
        views = load_records(session, RecordFilter(batch_id=pinned.batch_id, limit=_ALL))
        out.append(_snapshot(pinned, views))
    return out


def station_batches(db: Database, station: str | None = None, *,
                    batch_id: str | None = None) -> list[BatchSnapshot]:
    """Every batch made from a recipe at ``station`` (or at all stations; or only
    ``batch_id``), with where it stands."""
    with db.read() as session:
        return snapshots_in(session, station, batch_id=batch_id)


def batch_snapshot(db: Database, batch_id: str) -> BatchSnapshot | None:
    found = station_batches(db, batch_id=batch_id)
    return found[0] if found else None
