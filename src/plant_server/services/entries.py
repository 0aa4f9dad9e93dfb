"""Checking and storing one pushed outbox entry of each kind (record, signature, audit).

Each ``apply_*`` returns ``""`` when the entry was accepted and stored, or a stable reason
code when it is rejected (the caller rolls the entry's savepoint back and logs a security
event for reasons that suggest tampering).
Conflicts (things people must decide) never reject: the entry is stored and a conflict raised.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from operator_console.domain.audit_chain import AuditFields, entry_hash
from operator_console.domain.canonical import canonical_json, content_hash
from operator_console.domain.identity import InvalidUserId, normalise_user_id
from operator_console.domain.manifestation import parse_utc_iso
from operator_console.domain.records import Meaning, RecordType
from operator_console.domain.signing import (
    AuthMethod,
    SignatureFacts,
    check_signer,
    signature_hash,
    signature_payload,
)
from plant_server.models import CassetteClaim, Record, Signature, Station, StationAudit, User
from plant_server.services.common import now_iso
from plant_server.services.conflicts import raise_conflict
from plant_server.services.users import person_at

_RECORD_KEYS = {"schema", "record_id", "type", "batch", "content", "corrects", "reason",
                "created_by", "created_at", "station"}
_SIGNATURE_KEYS = {"schema", "record_id", "content_hash", "signer_id", "printed_name",
                   "meaning", "signed_at", "station", "auth_method", "signature_id",
                   "signature_hash"}
_AUDIT_KEYS = {"seq", "entry_id", "ts", "station", "actor", "event", "target", "reason", "old",
               "new", "prev_hash", "hash"}


def _text(value: Any) -> str:
    return canonical_json(value).decode("utf-8")


def apply_record(session: Session, station: Station, payload: dict[str, Any]) -> str:
    rec, claimed = payload.get("record"), payload.get("content_hash")
    if set(payload) != {"record", "content_hash"} or not isinstance(rec, dict):
        return "malformed_record"
    if not isinstance(claimed, str) or content_hash(rec) != claimed:
        return "content_hash_mismatch"
    if set(rec) != _RECORD_KEYS or not isinstance(rec["content"], dict):
        return "malformed_record"
    try:
        rtype = RecordType(rec["type"])
        created_by = normalise_user_id(rec["created_by"])
        parse_utc_iso(rec["created_at"])
    except (ValueError, TypeError, InvalidUserId):
        return "malformed_record"
    if not all(isinstance(rec[k], str) and rec[k] for k in ("record_id", "batch")):
        return "malformed_record"
    if rec["station"] != station.name:
        return "station_mismatch"
    if session.get(User, created_by) is None:
        return "unknown_user"
    if rec["corrects"] is not None and session.get(Record, rec["corrects"]) is None:
        return "unknown_corrected_record"
    if session.get(Record, rec["record_id"]) is not None:
        return "record_id_reused"
    session.add(Record(record_id=rec["record_id"], station_id=station.id,
                       record_type=rtype.value, batch_id=rec["batch"], content_json=_text(rec),
                       content_hash=claimed, created_by=created_by,
                       created_at=rec["created_at"], corrects=rec["corrects"]))
    session.flush()
    if rtype is RecordType.CASSETTE_LOAD:
        _claim_cassette(session, station, rec["record_id"], rec["content"])
    return ""


def _claim_cassette(session: Session, station: Station, record_id: str,
                    content: dict[str, Any]) -> None:
    """Single-use cassettes: a second load anywhere in the plant raises a conflict."""
    cassette = content.get("cassette")
    if not isinstance(cassette, dict):
        return
    gtin, serial = cassette.get("gtin"), cassette.get("serial")
    if not isinstance(gtin, (str, int)) or not isinstance(serial, (str, int)):
        return
    gtin, serial = str(gtin), str(serial)
    stmt = select(CassetteClaim).where(CassetteClaim.gtin == gtin, CassetteClaim.serial == serial)
    claim = session.scalars(stmt).first()
    if claim is None:
        try:
            with session.begin_nested():
                session.add(CassetteClaim(gtin=gtin, serial=serial, record_id=record_id,
                                          station_name=station.name, claimed_at=now_iso()))
            return
        except IntegrityError:  # another station claimed it concurrently
            claim = session.scalars(stmt).one()
    raise_conflict(
        session, kind="cassette_loaded_twice", station=station.name,
        other_station=claim.station_name, record_id=record_id,
        summary=f"cassette {gtin}/{serial} was loaded at {claim.station_name} and again at "
                f"{station.name}",
        details={"gtin": gtin, "serial": serial, "first_record": claim.record_id,
                 "first_station": claim.station_name, "second_record": record_id,
                 "second_station": station.name})


def _root_type(session: Session, record: Record) -> RecordType | None:
    current: Record | None = record
    for _ in range(1000):
        if current is None or current.corrects is None:
            return None
        current = session.get(Record, current.corrects)
        if current is not None and current.record_type != RecordType.CORRECTION.value:
            return RecordType(current.record_type)
    return None


def _facts(payload: dict[str, Any]) -> SignatureFacts:
    return SignatureFacts(
        record_id=payload["record_id"], content_hash=payload["content_hash"],
        signer_id=payload["signer_id"], printed_name=payload["printed_name"],
        meaning=Meaning(payload["meaning"]), signed_at=parse_utc_iso(payload["signed_at"]),
        station=payload["station"], auth_method=AuthMethod(payload["auth_method"]))


def _stored_facts(row: Signature) -> SignatureFacts:
    return SignatureFacts(
        record_id=row.record_id, content_hash=row.content_hash, signer_id=row.signer_id,
        printed_name=row.printed_name, meaning=Meaning(row.meaning),
        signed_at=parse_utc_iso(row.signed_at), station="-", auth_method=AuthMethod.ONLINE)


def apply_signature(session: Session, station: Station, payload: dict[str, Any]) -> str:
    if set(payload) != _SIGNATURE_KEYS:
        return "malformed_signature"
    try:
        facts = _facts(payload)
    except (ValueError, TypeError, KeyError, AttributeError):
        return "malformed_signature"
    if signature_hash(facts) != payload["signature_hash"]:
        return "signature_hash_mismatch"
    if {k: payload[k] for k in payload if k not in ("signature_id", "signature_hash")} \
            != signature_payload(facts):
        return "signature_hash_mismatch"  # hashes the normalised form, not what was sent
    if facts.station != station.name:
        return "station_mismatch"
    record = session.get(Record, facts.record_id)
    if record is None:
        return "unknown_record"
    if facts.content_hash != record.content_hash:
        return "content_hash_mismatch"
    sig_id = payload["signature_id"]
    if not isinstance(sig_id, str) or not sig_id or session.get(Signature, sig_id) is not None:
        return "malformed_signature" if not isinstance(sig_id, str) or not sig_id \
            else "signature_id_reused"
    user = session.get(User, facts.signer_id)
    if user is None:
        return "unknown_signer"
    offline = facts.auth_method is AuthMethod.OFFLINE
    existing = [_stored_facts(s) for s in session.scalars(
        select(Signature).where(Signature.record_id == record.record_id))]
    superseded = session.scalars(
        select(Record.record_id).where(Record.corrects == record.record_id)).first() is not None
    rtype = RecordType(record.record_type)
    # Offline the station could not know the account state: the other rules still apply, and
    # an account disabled or locked meanwhile becomes a conflict for people to decide.
    signer = person_at(user, facts.signed_at, ignore_account_state=offline)
    refusal = check_signer(
        rtype, facts.meaning, signer, existing, facts.signed_at,
        corrects_type=_root_type(session, record) if rtype is RecordType.CORRECTION else None,
        created_by=record.created_by, superseded=superseded)
    if refusal is not None:
        return f"signature_refused:{refusal.code.value}"
    session.add(Signature(
        signature_id=sig_id, record_id=record.record_id, station_id=station.id,
        signer_id=facts.signer_id, printed_name=facts.printed_name,
        meaning=facts.meaning.value, signed_at=payload["signed_at"],
        auth_method=facts.auth_method.value, content_hash=facts.content_hash,
        signature_hash=payload["signature_hash"]))
    session.flush()
    account = person_at(user, facts.signed_at)
    if offline and (not user.active or not account.active or account.locked):
        state = "locked" if account.locked and user.active else "disabled"
        raise_conflict(
            session, kind=f"offline_signature_{state}_user", station=station.name,
            record_id=record.record_id,
            summary=f"offline '{facts.meaning.value}' signature by {user.user_id}, whose "
                    f"account is {state}",
            details={"signature_id": sig_id, "signer_id": user.user_id,
                     "signed_at": payload["signed_at"], "disabled_at": user.disabled_at,
                     "locked_at": user.locked_at, "meaning": facts.meaning.value})
    return ""


def apply_audit(session: Session, station: Station, payload: dict[str, Any]) -> str:
    if set(payload) != _AUDIT_KEYS:
        return "malformed_audit"
    try:
        fields = AuditFields(**{k: payload[k] for k in _AUDIT_KEYS - {"prev_hash", "hash"}})
        parse_utc_iso(fields.ts)
        if not isinstance(fields.seq, int) or not all(isinstance(payload[k], str) for k in (
                "entry_id", "station", "actor", "event", "target", "reason", "prev_hash",
                "hash")):
            raise TypeError
    except (TypeError, ValueError):
        return "malformed_audit"
    if fields.seq != station.audit_head_seq + 1 or payload["prev_hash"] != \
            station.audit_head_hash:
        return "audit_chain_break"
    if entry_hash(fields, payload["prev_hash"]) != payload["hash"]:
        return "audit_hash_mismatch"
    if session.scalars(select(StationAudit.id).where(
            StationAudit.entry_id == fields.entry_id)).first() is not None:
        return "audit_entry_id_reused"
    session.add(StationAudit(station_id=station.id, seq=fields.seq, entry_id=fields.entry_id,
                             fields_json=json.dumps(fields.as_json(), ensure_ascii=False),
                             prev_hash=payload["prev_hash"], hash=payload["hash"]))
    station.audit_head_seq, station.audit_head_hash = fields.seq, payload["hash"]
    return ""


APPLY = {"record": apply_record, "signature": apply_signature, "audit": apply_audit}
