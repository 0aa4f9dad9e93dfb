"""A station's outbox, built in the server process for the demo's batches (the finished ones
QA reviews, ``demo_release``, and the completed one with its process data, ``demo_batch``):
records, their signatures, the station's audit entries hash-chained exactly as a console
makes them, and instrument phases' process data in bounded chunks, then delivered through
:func:`services.push.push` (the same checks as any push). Online signatures carry the signing
proof this server would have issued for the signer at the time (seeding: no password typed;
backdated for history); offline ones none, as after a network outage."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.audit_chain import GENESIS_HASH, AuditFields, entry_hash
from operator_console.domain.canonical import JsonValue, content_hash
from operator_console.domain.manifestation import format_utc_iso
from operator_console.domain.process_data import KIND, PhaseData, chunk_payloads
from operator_console.domain.records import Meaning, RecordDraft, record_content
from operator_console.domain.signatures import (
    AuthMethod,
    SignatureFacts,
    signature_hash,
    signature_payload,
)
from plant_server.models import SigningProof, Station, User
from plant_server.security import new_token
from plant_server.services.common import now_iso
from plant_server.services.push import EntryIn, push


class DemoOutbox:
    """What a station's outbox would hold, built entry by entry in the station's order
    (``at``: when it happened; now if not given)."""

    def __init__(self, session: Session, station: Station | str) -> None:
        self.session = session
        if isinstance(station, str):
            found = session.scalars(select(Station).where(Station.name == station)).first()
            if found is None:
                found = Station(name=station, created_at=now_iso(), last_seq=0,
                                audit_head_seq=0, audit_head_hash=GENESIS_HASH)
                session.add(found)
                session.flush()
            station = found
        self.station = station
        self.seq, self.audit_seq = station.last_seq, station.audit_head_seq
        self.head = station.audit_head_hash
        self.entries: list[EntryIn] = []
        self.hashes: dict[str, str] = {}

    def _entry(self, kind: str, payload: dict[str, Any]) -> None:
        self.seq += 1
        self.entries.append(EntryIn(str(uuid.uuid4()), self.seq, kind, payload,
                                    content_hash(payload)))

    def audit(self, actor: str, event: str, target: str, new: Any,
              at: datetime | None = None) -> None:
        self.audit_seq += 1
        fields = AuditFields(seq=self.audit_seq, entry_id=str(uuid.uuid4()),
                             ts=format_utc_iso(at) if at else now_iso(),
                             station=self.station.name, actor=actor, event=event,
                             target=target, reason="", old=None, new=new)
        digest = entry_hash(fields, self.head)
        self._entry("audit", {**fields.as_json(), "prev_hash": self.head, "hash": digest})
        self.head = digest

    def record(self, draft: RecordDraft, created_by: str, at: datetime | None = None) -> str:
        """The record's ID (its content hash is kept for its signatures)."""
        record_id = str(uuid.uuid4())
        obj = record_content(draft, record_id=record_id, created_by=created_by,
                             created_at=at or datetime.now(UTC), station=self.station.name)
        digest = content_hash(obj)
        self.hashes[record_id] = digest
        self._entry("record", {"record": obj, "content_hash": digest})
        content: JsonValue = {"type": draft.record_type.value, "batch": draft.batch_id,
                              "content_hash": digest}
        self.audit(created_by, "record_corrected" if draft.corrects else "record_created",
                   record_id, content, at)
        return record_id

    def sign(self, record_id: str, signer: str, meaning: Meaning, at: datetime | None = None,
             *, online: bool = True) -> None:
        user = self.session.get(User, signer)
        assert user is not None
        at = at or datetime.now(UTC)
        facts = SignatureFacts(record_id=record_id, content_hash=self.hashes[record_id],
                               signer_id=signer, printed_name=user.printed_name,
                               meaning=meaning, signed_at=at, station=self.station.name,
                               auth_method=AuthMethod.ONLINE if online else AuthMethod.OFFLINE)
        digest = signature_hash(facts)
        payload: dict[str, Any] = {**signature_payload(facts), "signature_id": str(uuid.uuid4()),
                                   "signature_hash": digest}
        if online:  # the proof the server issued when it checked the password then
            proof = SigningProof(
                proof_id=new_token(), user_id=signer, station_id=self.station.id,
                content_hash=facts.content_hash, meaning=meaning.value,
                issued_at=format_utc_iso(at - timedelta(seconds=20)),
                expires_at=format_utc_iso(at + timedelta(seconds=280)), used_at=None,
                signature_id=None)
            self.session.add(proof)
            self.session.flush()
            payload["proof_id"] = proof.proof_id
        self._entry("signature", payload)
        self.audit(signer, "record_signed", record_id, {
            "meaning": meaning.value, "signature_hash": digest,
            "auth_method": facts.auth_method.value, "at": format_utc_iso(at)}, at)

    def process_data(self, data: PhaseData) -> None:
        for chunk in chunk_payloads(data):
            self._entry(KIND, chunk)

    def deliver(self) -> list[str]:
        """Push everything built so far; returns ``seq:kind:reason`` of any refused entry."""
        refused: list[str] = []
        for start in range(0, len(self.entries), 500):
            chunk = self.entries[start:start + 500]
            results = push(self.session, self.station.id, chunk, outbox_head=self.seq)
            refused += [f"{e.station_seq}:{e.kind}:{r.reason}"
                        for e, r in zip(chunk, results, strict=True) if r.status != "accepted"]
        self.entries = []
        return refused
