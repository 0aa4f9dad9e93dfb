"""Writing a batch's exceptions (例外事象) into the hash chain where they happen: the ones a
step's check raised (also for refused input: a refused scan leaves a trace), one raised by
hand with a description, and those a signature raises afterwards (made offline, a late
verification). Exception records need no signature; their creator is the person at the
station. Each write is one durable transaction with its audit and outbox entries, so it works
offline and syncs like every record.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from operator_console.domain.batch_execution.exceptions import (
    ExceptionDraft,
    exception_record,
    manual_exception,
)
from operator_console.domain.batch_execution.signature_exceptions import (
    correction_exception,
    signature_exceptions,
)
from operator_console.domain.recipes import RecipeRef
from operator_console.domain.recipes.model import Severity
from operator_console.domain.records import RecordType
from operator_console.store.audit import AuditLog
from operator_console.store.db import Database
from operator_console.store.recipes import pinned_batches
from operator_console.store.records import RecordFilter, create_record, load_records
from operator_console.store.settings import get_setting

_ALL = 10_000_000


class BatchExceptions:
    """``BatchExceptions(db, audit)``: blocking (a durable commit each); call from a worker."""

    def __init__(self, db: Database, audit: AuditLog) -> None:
        self.db, self.audit = db, audit

    def record(self, batch_id: str, ref: RecipeRef | None, drafts: Iterable[ExceptionDraft],
               actor: str) -> list[str]:
        """Record ``drafts`` as exception records of ``batch_id``; their record IDs."""
        drafts = list(drafts)
        if not drafts:
            return []
        at = datetime.now(UTC)
        with self.db.transaction() as s:
            return [create_record(s, self.audit, exception_record(d, batch_id, ref),
                                  created_by=actor, at=at).record_id for d in drafts]

    def raise_manual(self, batch_id: str, step_id: str | None, description: str,
                     severity: Severity, actor: str) -> str:
        """An exception raised by hand; the description is the person's own words."""
        draft = manual_exception(description.strip(), severity, step_id)
        return self.record(batch_id, self._ref(batch_id), [draft], actor)[0]

    def after_signature(self, record_id: str) -> list[str]:
        """The exceptions a step record's signatures raise (offline, late verification) and,
        for a correction of a step record, the correction itself; each recorded once. Call
        after any signature (other records are left alone)."""
        with self.db.read() as s:
            found = load_records(s, RecordFilter(record_ids=[record_id]))
            if not found or RecordType.STEP_RECORD not in (found[0].record_type,
                                                           found[0].corrects_type):
                return []
            view = found[0]
            minutes = int(get_setting(s, "verification_overdue_minutes"))
            existing = load_records(s, RecordFilter(batch_id=view.batch_id,
                                                    record_type=RecordType.EXCEPTION.value,
                                                    limit=_ALL))
        seen = {_key(e.body.get("kind"), e.body.get("evidence")) for e in existing}
        step_id = str(view.body.get("step")) if view.body.get("step") else None
        new: list[ExceptionDraft] = []
        if view.record_type is RecordType.CORRECTION and view.corrects and view.signatures:
            new.append(correction_exception(view.record_id, view.corrects, view.reason or "",
                                            step_id))
        for sig in view.signatures:
            for draft in signature_exceptions(sig.facts, record_created_at=view.created_at,
                                              max_verification_wait=timedelta(minutes=minutes),
                                              step_id=step_id):
                new.append(draft)
        fresh = []
        for draft in new:
            key = _key(draft.kind.value, dict(draft.evidence))
            if key not in seen:
                seen.add(key)
                fresh.append(draft)
        signer = view.signatures[-1].facts.signer_id if view.signatures else view.created_by
        return self.record(view.batch_id, self._ref(view.batch_id), fresh, signer)

    def _ref(self, batch_id: str) -> RecipeRef | None:
        with self.db.read() as s:
            return next((p.ref for p in pinned_batches(s) if p.batch_id == batch_id), None)


def _key(kind: object, evidence: object) -> tuple[str, ...]:
    """What makes an automatic exception the same one: the kind and what it is about."""
    ev = evidence if isinstance(evidence, dict) else {}
    return (str(kind), *(str(ev.get(k)) for k in ("record", "signer", "meaning",
                                                   "correction")))
