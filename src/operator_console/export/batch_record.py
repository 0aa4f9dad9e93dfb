"""Gathering one batch's electronic records for export (no Qt).

The export holds each record of the batch in creation order with its signatures (manifestation
and whether each still verifies), the audit entries about those records, the station, the
export time (UTC) and two plain verdicts: does every record and signature verify, and is the
audit chain intact. ``to_json`` gives the machine-readable form; ``export.pdf`` prints it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.manifestation import format_utc_iso
from operator_console.domain.recipes.model import Recipe
from operator_console.store.audit import verify_audit_chain
from operator_console.store.models import AuditEntry
from operator_console.store.recipes import stored_recipes
from operator_console.store.records import RecordFilter, RecordView, load_records
from operator_console.store.records_reader import ServerCheck, server_checks

EXPORT_SCHEMA = 1


class UnknownBatchError(LookupError):
    """The batch has no records in this station's store."""


@dataclass(frozen=True)
class ExportSignature:
    signature_id: str
    signer_id: str
    printed_name: str  # as entered, never transliterated
    meaning: str  # code: performed, verified, reviewed, approved
    signed_at: datetime  # UTC
    station: str
    auth_method: str
    content_hash: str
    valid: bool
    server_check: str | None = None  # offline only: pending / confirmed / refused

    def as_json(self) -> dict[str, Any]:
        return {
            "signature_id": self.signature_id, "signer": self.signer_id,
            "printed_name": self.printed_name, "meaning": self.meaning,
            "signed_at": format_utc_iso(self.signed_at), "station": self.station,
            "auth_method": self.auth_method, "content_hash": self.content_hash,
            "valid": self.valid,
        }


@dataclass(frozen=True)
class ExportRecord:
    record_id: str
    seq: int
    record_type: str
    batch_id: str
    status: str
    content: dict[str, Any]  # the whole hashed object
    content_hash: str
    content_valid: bool
    created_by: str
    created_at: datetime  # UTC
    corrects: str | None
    corrected_by: str | None
    signatures: tuple[ExportSignature, ...]
    corrects_type: str | None = None  # a correction's original type (its fields are shown)

    @property
    def body(self) -> dict[str, Any]:
        value = self.content.get("content")
        return dict(value) if isinstance(value, dict) else {}

    @property
    def reason(self) -> str | None:
        value = self.content.get("reason")
        return str(value) if value is not None else None

    @property
    def all_valid(self) -> bool:
        return self.content_valid and all(s.valid for s in self.signatures)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.record_id, "seq": self.seq, "batch": self.batch_id,
            "type": self.record_type, "status": self.status, "content": self.content,
            "content_hash": self.content_hash, "content_valid": self.content_valid,
            "created_by": self.created_by, "created_at": format_utc_iso(self.created_at),
            "corrects": self.corrects, "corrected_by": self.corrected_by,
            "reason": self.reason, "signatures": [s.as_json() for s in self.signatures],
        }


@dataclass(frozen=True)
class ExportAuditEntry:
    seq: int
    ts: str  # UTC ISO text as stored
    actor: str
    event: str  # code
    target: str
    reason: str
    old: Any
    new: Any

    def as_json(self) -> dict[str, Any]:
        return {"seq": self.seq, "ts": self.ts, "actor": self.actor, "event": self.event,
                "target": self.target, "reason": self.reason, "old": self.old,
                "new": self.new}


@dataclass(frozen=True)
class BatchRecordExport:
    batch_id: str
    station: str
    exported_at: datetime  # UTC
    records: tuple[ExportRecord, ...]  # creation order
    audit_entries: tuple[ExportAuditEntry, ...]  # sequence order
    audit_chain_ok: bool
    audit_chain_count: int
    audit_chain_problem: str
    #: The recipe versions the records pin (their names for the recipe's codes).
    recipes: tuple[Recipe, ...] = ()

    @property
    def signatures_valid(self) -> bool:
        """Every record's content matches its hash and every signature verifies."""
        return all(r.all_valid for r in self.records)

    @property
    def verified(self) -> bool:
        return self.signatures_valid and self.audit_chain_ok

    def as_json(self) -> dict[str, Any]:
        return {
            "schema": EXPORT_SCHEMA,
            "batch": self.batch_id,
            "station": self.station,
            "exported_at": format_utc_iso(self.exported_at),
            "verification": {
                "signatures_valid": self.signatures_valid,
                "audit_chain_ok": self.audit_chain_ok,
                "audit_chain_entries": self.audit_chain_count,
                "audit_chain_problem": self.audit_chain_problem,
            },
            "records": [r.as_json() for r in self.records],
            "audit_entries": [e.as_json() for e in self.audit_entries],
        }

    def to_json(self) -> str:
        return json.dumps(self.as_json(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def export_record(view: RecordView,
                  checks: Mapping[str, ServerCheck] | None = None) -> ExportRecord:
    checks = checks or {}
    sigs = tuple(
        ExportSignature(
            signature_id=s.signature_id, signer_id=s.facts.signer_id,
            printed_name=s.facts.printed_name, meaning=s.facts.meaning.value,
            signed_at=s.facts.signed_at, station=s.facts.station,
            auth_method=s.facts.auth_method.value, content_hash=s.facts.content_hash,
            valid=s.valid,
            server_check=(checks.get(s.signature_id, ServerCheck.PENDING).value
                          if s.facts.auth_method.value == "offline" else None))
        for s in view.signatures)
    return ExportRecord(
        record_id=view.record_id, seq=view.seq, record_type=view.record_type.value,
        batch_id=view.batch_id, status=view.status.value, content=view.content,
        content_hash=view.content_hash, content_valid=view.content_valid,
        created_by=view.created_by, created_at=view.created_at, corrects=view.corrects,
        corrected_by=view.corrected_by, signatures=sigs,
        corrects_type=view.corrects_type.value if view.corrects_type else None)


def related_audit_entries(session: Session, record_ids: list[str]) -> list[ExportAuditEntry]:
    """Audit entries whose target is one of ``record_ids``, in sequence order."""
    found: list[ExportAuditEntry] = []
    for start in range(0, len(record_ids), 500):  # stay under SQLite's parameter limit
        chunk = record_ids[start:start + 500]
        rows = session.scalars(select(AuditEntry).where(AuditEntry.target.in_(chunk)))
        found.extend(
            ExportAuditEntry(seq=r.seq, ts=r.ts, actor=r.actor, event=r.event, target=r.target,
                             reason=r.reason, old=json.loads(r.old_json),
                             new=json.loads(r.new_json))
            for r in rows)
    return sorted(found, key=lambda e: e.seq)


def gather_batch_record(session: Session, batch_id: str, station: str,
                        now: datetime | None = None) -> BatchRecordExport:
    """Everything about ``batch_id`` for export; ``UnknownBatchError`` if it has no records."""
    views = load_records(session, RecordFilter(batch_id=batch_id, limit=10_000_000))
    if not views:
        raise UnknownBatchError(f"no records for batch {batch_id!r}")
    checks = server_checks(session, [s.signature_id for v in views for s in v.signatures
                                     if s.facts.auth_method.value == "offline"])
    records = tuple(export_record(v, checks) for v in sorted(views, key=lambda v: v.seq))
    entries = related_audit_entries(session, [r.record_id for r in records])
    chain = verify_audit_chain(session)
    problem = chain.problem
    if not chain.ok and chain.first_bad_seq is not None:
        problem = f"entry {chain.first_bad_seq}: {chain.problem}"
    return BatchRecordExport(
        batch_id=batch_id, station=station,
        exported_at=(now or datetime.now(UTC)).astimezone(UTC), records=records,
        audit_entries=tuple(entries), audit_chain_ok=chain.ok,
        audit_chain_count=chain.count, audit_chain_problem=problem,
        recipes=_pinned(session, views))


def _pinned(session: Session, views: list[RecordView]) -> tuple[Recipe, ...]:
    wanted = {(str(p.get("id")), p.get("version")) for v in views
              if isinstance(p := v.body.get("recipe"), dict)}
    return tuple(r for r in stored_recipes(session) if (r.recipe_id, r.version) in wanted)
