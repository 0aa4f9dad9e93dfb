"""A batch as the plant server knows it from what stations pushed and what QA did here: its
records with their signatures, its step records against the pinned recipe (the domain's step
state machine, run on the server's own copy), its exceptions and which are dispositioned.

Everything is read from the server's tables; nothing a station says about the batch's state
is taken on trust. Used by the push checks (``services.step_checks``), the release gate and
the QA review (``services.release``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.batch_execution.exceptions import ExceptionFacts, exception_facts
from operator_console.domain.batch_execution.progress import (
    BatchProgress,
    StepRecordFacts,
    batch_progress,
)
from operator_console.domain.manifestation import parse_utc_iso
from operator_console.domain.recipes import Recipe
from operator_console.domain.records import InvalidRecordError, Meaning, RecordStatus, RecordType
from operator_console.domain.signatures import AuthMethod, SignatureFacts, record_status
from plant_server.models import Batch, Record, Signature
from plant_server.recipe_models import RecipeVersion
from plant_server.release_models import BatchAct
from plant_server.services.recipes import recipe_of


@dataclass
class RecordFacts:
    record_id: str
    record_type: RecordType
    body: dict[str, Any]
    created_by: str
    created_at: str
    corrects: str | None
    station_id: int
    content_hash: str
    signatures: list[Signature] = field(default_factory=list)
    corrected_by: str | None = None
    root_type: RecordType | None = None  # a correction's original type

    @property
    def effective_type(self) -> RecordType:
        return self.root_type if self.record_type is RecordType.CORRECTION and \
            self.root_type is not None else self.record_type

    def status(self) -> RecordStatus:
        facts = [SignatureFacts(
            record_id=s.record_id, content_hash=s.content_hash, signer_id=s.signer_id,
            printed_name=s.printed_name, meaning=Meaning(s.meaning),
            signed_at=parse_utc_iso(s.signed_at), station="-",
            auth_method=AuthMethod(s.auth_method)) for s in self.signatures]
        try:
            return record_status(self.record_type, facts, self.corrected_by,
                                 corrects_type=self.root_type
                                 if self.record_type is RecordType.CORRECTION else None,
                                 content=self.body)
        except (InvalidRecordError, ValueError):
            return RecordStatus.AWAITING_SIGNATURE  # unreadable policy: never "complete"


@dataclass
class BatchView:
    batch: Batch
    recipe: Recipe | None
    recipe_row: RecipeVersion | None
    records: dict[str, RecordFacts]
    acts: list[BatchAct]
    exceptions: list[ExceptionFacts]
    progress: BatchProgress | None
    #: The stations' audit entries of the batch, read once per view (``release_facts``).
    station_lines: list[Any] | None = None

    def of_type(self, record_type: RecordType) -> list[RecordFacts]:
        return [r for r in self.records.values() if r.effective_type is record_type]

    def signers(self) -> set[str]:
        """Everyone who created or signed a record of the batch (performed, verified...)."""
        out = {r.created_by for r in self.records.values()}
        out |= {s.signer_id for r in self.records.values() for s in r.signatures}
        return out

    def performers(self) -> set[str]:
        """Who performed or verified a step of the batch, or made any of its records."""
        return self.signers()


def _body(record: Record) -> dict[str, Any]:
    stored = json.loads(record.content_json)
    body = stored.get("content") if isinstance(stored, dict) else None
    return body if isinstance(body, dict) else {}


def load_records(session: Session, batch_id: str) -> dict[str, RecordFacts]:
    rows = list(session.scalars(select(Record).where(Record.batch_id == batch_id)
                                .order_by(Record.created_at, Record.record_id)))
    records = {r.record_id: RecordFacts(r.record_id, RecordType(r.record_type), _body(r),
                                        r.created_by, r.created_at, r.corrects, r.station_id,
                                        r.content_hash) for r in rows}
    ids = list(records)
    for start in range(0, len(ids), 500):
        for sig in session.scalars(select(Signature).where(
                Signature.record_id.in_(ids[start:start + 500])).order_by(Signature.signed_at)):
            records[sig.record_id].signatures.append(sig)
    for rec in records.values():
        if rec.corrects in records:
            records[rec.corrects].corrected_by = rec.record_id
    for rec in records.values():
        if rec.record_type is RecordType.CORRECTION:
            current, seen = records.get(rec.corrects or ""), 0
            while current is not None and current.record_type is RecordType.CORRECTION \
                    and seen < 1000:
                current, seen = records.get(current.corrects or ""), seen + 1
            rec.root_type = current.record_type if current is not None else None
    return records


def _root(records: dict[str, RecordFacts], record_id: str) -> str:
    current, seen = records.get(record_id), 0
    while current is not None and current.corrects and seen < 1000:
        record_id, current, seen = current.corrects, records.get(current.corrects), seen + 1
    return record_id


def step_facts(records: dict[str, RecordFacts]) -> list[StepRecordFacts]:
    out = []
    for rec in records.values():
        if rec.corrected_by is not None or rec.effective_type is not RecordType.STEP_RECORD:
            continue
        pinned = rec.body.get("recipe")
        ref = pinned if isinstance(pinned, dict) else {}
        performed = next((s for s in rec.signatures if s.meaning == "performed"), None)
        verified = next((s for s in rec.signatures if s.meaning == "verified"), None)
        out.append(StepRecordFacts(
            rec.record_id, str(rec.body.get("step", "")), str(ref.get("hash", "")),
            rec.status(), performed.signer_id if performed else None,
            parse_utc_iso(performed.signed_at) if performed else None,
            verified.signer_id if verified else None))
    return out


def exceptions_of(records: dict[str, RecordFacts], acts: list[BatchAct]) -> list[ExceptionFacts]:
    """The batch's exceptions as raised; closed by a signed ``exception_disposition`` record
    from a station or by a disposition QA made at this server."""
    raised = [(r.record_id, r.body) for r in records.values()
              if r.record_type is RecordType.EXCEPTION]
    closed = [{"exception": _root(records, str(r.body.get("exception")))}
              for r in records.values()
              if r.effective_type is RecordType.EXCEPTION_DISPOSITION
              and r.corrected_by is None and r.status() is RecordStatus.COMPLETE]
    closed += [{"exception": a.target} for a in acts if a.act == "disposition"]
    try:
        return exception_facts(raised, closed)
    except (KeyError, ValueError):  # a malformed exception record: read what can be read
        out = []
        for rid, body in raised:
            try:
                out += exception_facts([(rid, body)], closed)
            except (KeyError, ValueError):
                continue
        return out


def batch_view(session: Session, batch: Batch) -> BatchView:
    records = load_records(session, batch.batch_id)
    acts = list(session.scalars(select(BatchAct).where(BatchAct.batch_id == batch.batch_id)
                                .order_by(BatchAct.id)))
    exceptions = exceptions_of(records, acts)
    row = session.scalars(select(RecipeVersion).where(
        RecipeVersion.recipe_hash == batch.recipe_hash)).first() if batch.recipe_hash else None
    recipe = recipe_of(row) if row is not None else None
    progress = None if recipe is None or batch.recipe_hash is None else batch_progress(
        recipe, batch.recipe_hash, step_facts(records), exceptions, lifecycle=batch.state)
    return BatchView(batch, recipe, row, records, acts, exceptions, progress)
