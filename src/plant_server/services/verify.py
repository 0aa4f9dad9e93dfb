"""``plant-server audit verify``: the server's own chain, every station's chain as it was
pushed, and the stored records and signatures against the hashes those chains carry.

A record whose stored content no longer hashes to its content hash, or whose hash differs
from the one its station's ``record_created`` entry carries, is reported; so is a signature
whose hash no longer matches its stored fields or its ``record_signed`` entry."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.audit_chain import AuditFields, ChainEntry, verify_chain
from operator_console.domain.manifestation import parse_utc_iso
from operator_console.domain.records import Meaning
from operator_console.domain.signatures import AuthMethod, SignatureFacts, signature_hash
from plant_server.models import (
    Record,
    ServerAudit,
    ServerAuditHead,
    Signature,
    Station,
    StationAudit,
)
from plant_server.services.audit import SERVER_STATION


@dataclass
class VerifyReport:
    lines: list[str] = field(default_factory=list)
    problems: int = 0

    @property
    def ok(self) -> bool:
        return self.problems == 0

    def bad(self, line: str) -> None:
        self.problems += 1
        self.lines.append(f"PROBLEM: {line}")


def _server_entries(session: Session) -> Iterator[ChainEntry]:
    for row in session.scalars(select(ServerAudit).order_by(ServerAudit.seq)):
        yield ChainEntry(AuditFields(
            seq=row.seq, entry_id=row.entry_id, ts=row.ts, station=SERVER_STATION,
            actor=row.actor, event=row.event, target=row.target, reason=row.reason,
            old=json.loads(row.old_json), new=json.loads(row.new_json)), row.prev_hash, row.hash)


def _station_entries(session: Session, station: Station) -> list[ChainEntry]:
    rows = session.scalars(select(StationAudit).where(StationAudit.station_id == station.id)
                           .order_by(StationAudit.seq))
    return [ChainEntry(AuditFields(**json.loads(r.fields_json)), r.prev_hash, r.hash)
            for r in rows]


def _carried(entries: list[ChainEntry]) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Record ID -> content hash (record_created/corrected), record ID -> signature hashes."""
    records: dict[str, str] = {}
    signatures: dict[str, set[str]] = {}
    for entry in entries:
        new = entry.fields.new if isinstance(entry.fields.new, dict) else {}
        if entry.fields.event in ("record_created", "record_corrected") and \
                isinstance(new.get("content_hash"), str):
            records[entry.fields.target] = new["content_hash"]
        elif entry.fields.event == "record_signed" and isinstance(new.get("signature_hash"),
                                                                  str):
            signatures.setdefault(entry.fields.target, set()).add(new["signature_hash"])
    return records, signatures


def _check_station(session: Session, station: Station, report: VerifyReport) -> None:
    entries = _station_entries(session, station)
    chain = verify_chain(entries, (station.audit_head_seq, station.audit_head_hash))
    if not chain.ok:
        report.bad(f"station {station.name}: audit chain: {chain.problem}")
    else:
        report.lines.append(f"station {station.name}: audit chain of {chain.count} entries ok")
    records, signatures = _carried(entries)
    for rec in session.scalars(select(Record).where(Record.station_id == station.id)):
        digest = hashlib.sha256(rec.content_json.encode("utf-8")).hexdigest()
        if digest != rec.content_hash:
            report.bad(f"record {rec.record_id}: stored content does not match its hash")
        elif rec.record_id in records and records[rec.record_id] != rec.content_hash:
            report.bad(f"record {rec.record_id}: hash differs from its audit entry's")
    for sig in session.scalars(select(Signature).where(Signature.station_id == station.id)):
        facts = SignatureFacts(
            record_id=sig.record_id, content_hash=sig.content_hash, signer_id=sig.signer_id,
            printed_name=sig.printed_name, meaning=Meaning(sig.meaning),
            signed_at=parse_utc_iso(sig.signed_at), station=station.name,
            auth_method=AuthMethod(sig.auth_method))
        if signature_hash(facts) != sig.signature_hash:
            report.bad(f"signature {sig.signature_id}: stored fields do not match its hash")
        elif sig.record_id in signatures and sig.signature_hash not in signatures[sig.record_id]:
            report.bad(f"signature {sig.signature_id}: hash differs from its audit entry's")


def verify_all(session: Session) -> VerifyReport:
    report = VerifyReport()
    head = session.get(ServerAuditHead, 1)
    chain = verify_chain(_server_entries(session), (head.seq, head.hash) if head else (0, ""))
    if chain.ok:
        report.lines.append(f"plant server: audit chain of {chain.count} entries ok")
    else:
        report.bad(f"plant server: audit chain: {chain.problem}")
    for station in session.scalars(select(Station).order_by(Station.name)):
        _check_station(session, station, report)
    return report
