"""Pushed signatures: hash and record link re-checked, the signature rules applied again."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.manifestation import parse_utc_iso
from operator_console.domain.records import Meaning, RecordType
from operator_console.domain.signatures import AuthMethod, SignatureFacts, check_signer
from plant_server.models import Record, Signature, SigningProof, Station
from plant_server.services.conflicts import raise_conflict
from plant_server.services.entries.batch import (
    BatchCache,
    NewRecord,
    find_record,
    find_user,
    signature_taken,
    store_row,
    write_pending,
)
from plant_server.services.entries.judging import judge_signature, offline_verifier_refusal
from plant_server.services.entries.payloads import SignaturePayload, parse_signature
from plant_server.services.entries.proofs import mark_used, spend_proof
from plant_server.services.entries.refusals import ACCEPT, EntryRefusal, signature_refused
from plant_server.services.users import person_at


def _root_type(session: Session, record: Record | NewRecord) -> RecordType | None:
    current: Record | NewRecord | None = record
    for _ in range(1000):
        if current is None or current.corrects is None:
            return None
        current = find_record(session, current.corrects)
        if current is not None and current.record_type != RecordType.CORRECTION.value:
            return RecordType(current.record_type)
    return None


def stored_facts(row: Signature) -> SignatureFacts:
    """A stored signature as the rules need it (the station and method are not stored)."""
    return SignatureFacts(
        record_id=row.record_id, content_hash=row.content_hash, signer_id=row.signer_id,
        printed_name=row.printed_name, meaning=Meaning(row.meaning),
        signed_at=parse_utc_iso(row.signed_at), station="-", auth_method=AuthMethod.ONLINE)


def _existing(session: Session, record: Record | NewRecord) -> tuple[list[SignatureFacts], bool]:
    """The record's signatures so far and whether it is corrected (stored or in this batch)."""
    cache = BatchCache.of(session)
    batch_signatures = cache.new_signatures.get(record.record_id, []) if cache else []
    if cache is not None and record.record_id in cache.new_records:
        # A record of this batch: its signatures and corrections can only be in this batch.
        return list(batch_signatures), record.record_id in cache.corrected
    existing = [stored_facts(s) for s in session.scalars(
        select(Signature).where(Signature.record_id == record.record_id))]
    existing += batch_signatures
    superseded = (cache is not None and record.record_id in cache.corrected) or \
        session.scalars(select(Record.record_id).where(
            Record.corrects == record.record_id)).first() is not None
    return existing, superseded


def _body(record: Record | NewRecord) -> dict[str, Any] | None:
    """What ``record`` says: its signature policy may depend on it (a step record's does)."""
    if isinstance(record, NewRecord):
        return record.body
    stored = json.loads(record.content_json)
    body = stored.get("content") if isinstance(stored, dict) else None
    return body if isinstance(body, dict) else None


def apply_signature(session: Session, station: Station, payload: dict[str, Any]) -> str:
    sig = parse_signature(payload)
    if isinstance(sig, EntryRefusal):
        return sig
    facts = sig.facts
    if facts.station != station.name:
        return EntryRefusal.STATION_MISMATCH
    record = find_record(session, facts.record_id)
    if record is None:
        return EntryRefusal.UNKNOWN_RECORD
    if facts.content_hash != record.content_hash:
        return EntryRefusal.CONTENT_HASH_MISMATCH
    if signature_taken(session, sig.signature_id):
        return EntryRefusal.SIGNATURE_ID_REUSED
    user = find_user(session, facts.signer_id)
    if user is None:
        return EntryRefusal.UNKNOWN_SIGNER
    offline = facts.auth_method is AuthMethod.OFFLINE
    judged = judge_signature(session, station, record, user, facts)
    if judged is not None:
        return judged
    proof: SigningProof | None = None
    at = facts.signed_at
    if not offline:
        spent = spend_proof(session, station, facts, sig.proof_id)
        if isinstance(spent, EntryRefusal):
            return spent
        # Judged at the server's time (the proof's), not at the time the station claims.
        proof, at = spent, parse_utc_iso(spent.issued_at)
    existing, superseded = _existing(session, record)
    rtype = RecordType(record.record_type)
    # Disabled or locked at the signing time: refused, online or offline. Offline, an account
    # disabled or locked only after the signature becomes a conflict for people to decide.
    signer = person_at(user, at)
    refusal = check_signer(
        rtype, facts.meaning, signer, existing, at,
        corrects_type=_root_type(session, record) if rtype is RecordType.CORRECTION else None,
        created_by=record.created_by, superseded=superseded, content=_body(record))
    if refusal is not None:
        return signature_refused(refusal.code)
    if offline:
        lacking = offline_verifier_refusal(session, station, user, facts)
        if lacking is not None:
            return lacking
    if proof is not None:
        mark_used(proof, sig.signature_id)
    _store(session, station, record.record_id, sig)
    if offline:
        _offline_account_conflict(session, station, record.record_id, sig)
    return ACCEPT


def _store(session: Session, station: Station, record_id: str, sig: SignaturePayload) -> None:
    facts = sig.facts
    store_row(session, Signature, dict(
        signature_id=sig.signature_id, record_id=record_id, station_id=station.id,
        signer_id=facts.signer_id, printed_name=facts.printed_name,
        meaning=facts.meaning.value, signed_at=sig.signed_at,
        auth_method=facts.auth_method.value, content_hash=facts.content_hash,
        signature_hash=sig.signature_hash))
    cache = BatchCache.of(session)
    if cache is not None:
        cache.free_signatures.discard(sig.signature_id)
        # As stored_facts reads the row back (the station and method are not stored).
        cache.new_signatures.setdefault(record_id, []).append(dataclasses.replace(
            facts, record_id=record_id, station="-", auth_method=AuthMethod.ONLINE))


def _offline_account_conflict(session: Session, station: Station, record_id: str,
                              sig: SignaturePayload) -> None:
    """An offline signature by an account disabled or locked at its time: QA decides."""
    facts = sig.facts
    user = find_user(session, facts.signer_id)
    assert user is not None
    account = person_at(user, facts.signed_at)
    if user.active and account.active and not account.locked:
        return
    write_pending(session)
    state = "locked" if account.locked and user.active else "disabled"
    raise_conflict(
        session, kind=f"offline_signature_{state}_user", station=station.name,
        record_id=record_id,
        summary=f"offline '{facts.meaning.value}' signature by {user.user_id}, whose "
                f"account is {state}",
        details={"signature_id": sig.signature_id, "signer_id": user.user_id,
                 "signed_at": sig.signed_at, "disabled_at": user.disabled_at,
                 "locked_at": user.locked_at, "meaning": facts.meaning.value})
