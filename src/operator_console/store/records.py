"""Electronic records and signatures in the local store.

``create_record`` and ``add_signature`` run inside the caller's transaction and write, in
that one transaction, the row, its audit entry and its outbox entry: a record is never
committed without them, nor they without it. Reading returns plain ``RecordView`` objects
with each signature re-verified against the record's current content.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.canonical import canonical_json, content_hash
from operator_console.domain.manifestation import format_utc_iso, parse_utc_iso
from operator_console.domain.records import (
    Meaning,
    RecordDraft,
    RecordStatus,
    RecordType,
    record_content,
)
from operator_console.domain.signatures import (
    AuthMethod,
    SignatureFacts,
    record_status,
    signature_hash,
    signature_payload,
    verify_signature,
)
from operator_console.store.audit import AuditLog
from operator_console.store.models import RecordRow, SignatureRow
from operator_console.store.outbox import enqueue


@dataclass(frozen=True)
class SignatureView:
    facts: SignatureFacts
    signature_id: str
    valid: bool  # still verifies against the record's current content


@dataclass(frozen=True)
class RecordView:
    record_id: str
    seq: int
    record_type: RecordType
    batch_id: str
    content: dict[str, Any]  # the whole hashed object (see domain.records.record_content)
    content_hash: str
    content_valid: bool  # the stored JSON still hashes to the stored hash
    created_by: str
    created_at: datetime
    corrects: str | None
    corrected_by: str | None
    corrects_type: RecordType | None  # type of the root original, for corrections
    signatures: tuple[SignatureView, ...]
    status: RecordStatus

    @property
    def reason(self) -> str | None:
        value = self.content.get("reason")
        return str(value) if value is not None else None

    @property
    def body(self) -> dict[str, Any]:
        value = self.content.get("content")
        return dict(value) if isinstance(value, dict) else {}

    @property
    def all_valid(self) -> bool:
        return self.content_valid and all(s.valid for s in self.signatures)


def planned_content_hash(draft: RecordDraft, *, record_id: str, created_by: str, at: datetime,
                         station: str) -> str:
    """The content hash :func:`create_record` will give ``draft`` with these values (a
    signing proof is asked for before the record exists)."""
    return content_hash(record_content(draft, record_id=record_id, created_by=created_by,
                                       created_at=at, station=station))


def create_record(session: Session, audit: AuditLog, draft: RecordDraft, *, created_by: str,
                  at: datetime, record_id: str | None = None) -> RecordRow:
    """Add a record (unsigned yet) with its audit and outbox entries (``record_id``: chosen
    beforehand, see :func:`planned_content_hash`; default a new UUID)."""
    record_id = record_id or str(uuid.uuid4())
    obj = record_content(draft, record_id=record_id, created_by=created_by, created_at=at,
                         station=audit.station)
    digest = content_hash(obj)
    row = RecordRow(record_id=record_id, record_type=draft.record_type.value,
                    batch_id=draft.batch_id, content_json=canonical_json(obj).decode("utf-8"),
                    content_hash=digest, created_by=str(obj["created_by"]),
                    created_at=str(obj["created_at"]), corrects=draft.corrects)
    session.add(row)
    event = "record_corrected" if draft.corrects else "record_created"
    audit.append(session, actor=str(obj["created_by"]), event=event, target=record_id,
                 reason=draft.reason or "", old={"corrects": draft.corrects} if draft.corrects
                 else None, new={"type": draft.record_type.value, "batch": draft.batch_id,
                                 "content_hash": digest}, at=at)
    enqueue(session, "record", {"record": obj, "content_hash": digest})
    session.flush()
    return row


def add_signature(session: Session, audit: AuditLog, facts: SignatureFacts,
                  proof_id: str | None = None) -> SignatureRow:
    """Add a signature with its audit and outbox entries. ``proof_id``: the plant server's
    signing proof (online signatures), sent with the outbox entry, not part of the hash."""
    sig_hash = signature_hash(facts)
    row = SignatureRow(
        signature_id=str(uuid.uuid4()), record_id=facts.record_id, signer_id=facts.signer_id,
        printed_name=facts.printed_name, meaning=facts.meaning.value,
        signed_at=format_utc_iso(facts.signed_at), station=facts.station,
        auth_method=facts.auth_method.value, content_hash=facts.content_hash,
        signature_hash=sig_hash,
    )
    session.add(row)
    audit.append(session, actor=facts.signer_id, event="record_signed", target=facts.record_id,
                 new={"meaning": facts.meaning.value, "signature_hash": sig_hash,
                      "auth_method": facts.auth_method.value}, at=facts.signed_at)
    payload: dict[str, Any] = {**signature_payload(facts), "signature_id": row.signature_id,
                               "signature_hash": sig_hash}
    if proof_id is not None:
        payload["proof_id"] = proof_id
    enqueue(session, "signature", payload)
    session.flush()
    return row


def facts_of(row: SignatureRow) -> SignatureFacts:
    return SignatureFacts(
        record_id=row.record_id, content_hash=row.content_hash, signer_id=row.signer_id,
        printed_name=row.printed_name, meaning=Meaning(row.meaning),
        signed_at=parse_utc_iso(row.signed_at), station=row.station,
        auth_method=AuthMethod(row.auth_method),
    )


@dataclass(frozen=True)
class RecordFilter:
    batch_id: str | None = None
    record_type: str | None = None
    status: str | None = None
    signer_id: str | None = None
    since: str | None = None  # UTC ISO, inclusive
    until: str | None = None
    record_ids: Sequence[str] | None = None
    limit: int = 2000


def load_records(session: Session, flt: RecordFilter | None = None) -> list[RecordView]:
    """Records matching the filter, newest first, with verified signatures and status."""
    flt = flt or RecordFilter()
    stmt = select(RecordRow).order_by(RecordRow.seq.desc())
    if flt.batch_id:
        stmt = stmt.where(RecordRow.batch_id == flt.batch_id)
    if flt.record_type:
        stmt = stmt.where(RecordRow.record_type == flt.record_type)
    if flt.since:
        stmt = stmt.where(RecordRow.created_at >= flt.since)
    if flt.until:
        stmt = stmt.where(RecordRow.created_at < flt.until)
    if flt.record_ids is not None:
        stmt = stmt.where(RecordRow.record_id.in_(list(flt.record_ids)))
    if flt.signer_id:
        signed = select(SignatureRow.record_id).where(SignatureRow.signer_id == flt.signer_id)
        stmt = stmt.where(RecordRow.record_id.in_(signed))
    rows = session.scalars(stmt.limit(flt.limit)).all()
    if not rows:
        return []
    ids = [r.record_id for r in rows]
    sigs: dict[str, list[SignatureRow]] = {}
    for s in session.scalars(select(SignatureRow).where(SignatureRow.record_id.in_(ids))
                             .order_by(SignatureRow.seq)):
        sigs.setdefault(s.record_id, []).append(s)
    corrected_by: dict[str, str] = {
        str(orig): fix for orig, fix in session.execute(
            select(RecordRow.corrects, RecordRow.record_id).where(RecordRow.corrects.in_(ids)))
    }
    views = [_view(session, r, sigs.get(r.record_id, []), corrected_by.get(r.record_id))
             for r in rows]
    if flt.status:
        views = [v for v in views if v.status.value == flt.status]
    return views


def _root_type(session: Session, row: RecordRow) -> RecordType | None:
    """For a correction: the type of the original record at the root of the chain."""
    seen = 0
    current: RecordRow | None = row
    while current is not None and current.corrects and seen < 1000:
        current = session.scalar(select(RecordRow).where(RecordRow.record_id == current.corrects))
        seen += 1
        if current is not None and current.record_type != RecordType.CORRECTION.value:
            return RecordType(current.record_type)
    return None


def _view(session: Session, row: RecordRow, sig_rows: list[SignatureRow],
          corrected_by: str | None) -> RecordView:
    content: dict[str, Any] = json.loads(row.content_json)
    current_hash = content_hash(content)
    content_valid = current_hash == row.content_hash
    views = []
    for s in sig_rows:
        facts = facts_of(s)
        views.append(SignatureView(facts, s.signature_id,
                                   verify_signature(facts, s.signature_hash, current_hash)))
    rtype = RecordType(row.record_type)
    corrects_type = _root_type(session, row) if rtype is RecordType.CORRECTION else None
    body = content.get("content")
    status = record_status(rtype, [v.facts for v in views], corrected_by,
                           corrects_type=corrects_type,
                           content=body if isinstance(body, dict) else None)
    return RecordView(
        record_id=row.record_id, seq=row.seq, record_type=rtype, batch_id=row.batch_id,
        content=content, content_hash=row.content_hash, content_valid=content_valid,
        created_by=row.created_by, created_at=parse_utc_iso(row.created_at),
        corrects=row.corrects, corrected_by=corrected_by, corrects_type=corrects_type,
        signatures=tuple(views), status=status,
    )


def record_problems(session: Session) -> list[str]:
    """Every record whose content or signature no longer verifies (for ``audit verify``)."""
    problems = []
    for view in load_records(session, RecordFilter(limit=10_000_000)):
        if not view.content_valid:
            problems.append(f"record {view.record_id}: content does not match its hash")
        for sig in view.signatures:
            if not sig.valid:
                problems.append(f"record {view.record_id}: signature {sig.signature_id} "
                                f"({sig.facts.meaning.value} by {sig.facts.signer_id}) "
                                "does not verify")
    return problems


def receive_record(session: Session, audit: AuditLog, obj: dict[str, Any],
                   signatures: Sequence[SignatureFacts]) -> RecordRow:
    """Store a record made at another station, as received from the plant server.

    It is kept exactly as signed there (its hash and signatures re-verify here) and is not
    queued for pushing: this station is not its origin. Audited as ``record_received``.
    """
    digest = content_hash(obj)
    row = RecordRow(record_id=str(obj["record_id"]), record_type=str(obj["type"]),
                    batch_id=str(obj["batch"]), content_json=canonical_json(obj).decode("utf-8"),
                    content_hash=digest, created_by=str(obj["created_by"]),
                    created_at=str(obj["created_at"]), corrects=obj.get("corrects"))
    session.add(row)
    for facts in signatures:
        if facts.content_hash != digest:
            raise ValueError("a received signature does not cover the received content")
        session.add(SignatureRow(
            signature_id=str(uuid.uuid4()), record_id=facts.record_id,
            signer_id=facts.signer_id, printed_name=facts.printed_name,
            meaning=facts.meaning.value, signed_at=format_utc_iso(facts.signed_at),
            station=facts.station, auth_method=facts.auth_method.value,
            content_hash=facts.content_hash, signature_hash=signature_hash(facts)))
    audit.append(session, actor="system", event="record_received", target=row.record_id,
                 new={"station": obj.get("station"), "type": row.record_type,
                      "content_hash": digest})
    session.flush()
    return row
