"""A station's outbox, built in the server process for the demo's finished batches: records,
their signatures and the station's audit entries, hash-chained exactly as a console makes
them, then delivered through :func:`services.push.push` (the same checks as any push). Online
signatures carry signing proofs this server issues for the demo signer (seeding, no password
typed)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.audit_chain import GENESIS_HASH, AuditFields, entry_hash
from operator_console.domain.canonical import JsonValue, content_hash
from operator_console.domain.manifestation import format_utc_iso
from operator_console.domain.records import Meaning, RecordDraft, RecordType, record_content
from operator_console.domain.signatures import (
    AuthMethod,
    SignatureFacts,
    signature_hash,
    signature_payload,
)
from plant_server.models import Station, User
from plant_server.services.common import now_iso
from plant_server.services.entries.proofs import issue_proof
from plant_server.services.push import EntryIn, push


class DemoOutbox:
    def __init__(self, session: Session, station_name: str) -> None:
        self.session = session
        station = session.scalars(select(Station).where(Station.name == station_name)).first()
        if station is None:
            station = Station(name=station_name, created_at=now_iso(), last_seq=0,
                              audit_head_seq=0, audit_head_hash=GENESIS_HASH)
            session.add(station)
            session.flush()
        self.station = station
        self.seq, self.audit_seq = station.last_seq, station.audit_head_seq
        self.head = station.audit_head_hash
        self.entries: list[EntryIn] = []
        self.hashes: dict[str, str] = {}

    def _entry(self, kind: str, payload: dict[str, Any]) -> None:
        self.seq += 1
        self.entries.append(EntryIn(str(uuid.uuid4()), self.seq, kind, payload,
                                    content_hash(payload)))

    def audit(self, actor: str, event: str, target: str, new: Any) -> None:
        self.audit_seq += 1
        fields = AuditFields(seq=self.audit_seq, entry_id=str(uuid.uuid4()), ts=now_iso(),
                             station=self.station.name, actor=actor, event=event,
                             target=target, reason="", old=None, new=new)
        digest = entry_hash(fields, self.head)
        self._entry("audit", {**fields.as_json(), "prev_hash": self.head, "hash": digest})
        self.head = digest

    def record(self, record_type: RecordType, batch: str, content: dict[str, JsonValue],
               created_by: str, *, corrects: str | None = None,
               reason: str | None = None) -> str:
        record_id = str(uuid.uuid4())
        draft = RecordDraft(record_type, batch, content, corrects, reason)
        obj = record_content(draft, record_id=record_id, created_by=created_by,
                             created_at=datetime.now(UTC), station=self.station.name)
        digest = content_hash(obj)
        self.hashes[record_id] = digest
        self._entry("record", {"record": obj, "content_hash": digest})
        self.audit(created_by, "record_corrected" if corrects else "record_created",
                   record_id, {"type": record_type.value, "batch": batch,
                               "content_hash": digest})
        return record_id

    def sign(self, record_id: str, signer: str, meaning: Meaning) -> None:
        user = self.session.get(User, signer)
        assert user is not None
        facts = SignatureFacts(record_id=record_id, content_hash=self.hashes[record_id],
                               signer_id=signer, printed_name=user.printed_name,
                               meaning=meaning, signed_at=datetime.now(UTC),
                               station=self.station.name, auth_method=AuthMethod.ONLINE)
        proof = issue_proof(self.session, user=user, station=self.station,
                            content_hash=facts.content_hash, meaning=meaning, lifetime_s=300)
        self.session.flush()
        digest = signature_hash(facts)
        self._entry("signature", {**signature_payload(facts), "signature_id": str(uuid.uuid4()),
                                  "signature_hash": digest, "proof_id": proof.proof_id})
        self.audit(signer, "record_signed", record_id, {
            "meaning": meaning.value, "signature_hash": digest, "auth_method": "online",
            "at": format_utc_iso(facts.signed_at)})

    def deliver(self) -> list[str]:
        """Push everything built so far; returns the reasons of any refused entry."""
        refused: list[str] = []
        for start in range(0, len(self.entries), 500):
            chunk = self.entries[start:start + 500]
            results = push(self.session, self.station.id, chunk, outbox_head=self.seq)
            refused += [f"{r.station_seq}:{r.reason}" for r in results if r.status != "accepted"]
        self.entries = []
        return refused
