"""Typed forms of the three pushed payloads, parsed from the JSON a station sent.

Each ``parse_*`` returns the typed payload, or the :class:`EntryRefusal` of the first thing
wrong with it (the order of the checks is part of the answer stations and tests see).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from operator_console.domain.audit_chain import AuditFields
from operator_console.domain.canonical import canonical_json
from operator_console.domain.identity import InvalidUserId, normalise_user_id
from operator_console.domain.manifestation import parse_utc_iso
from operator_console.domain.records import Meaning, RecordType
from operator_console.domain.signatures import (
    AuthMethod,
    SignatureFacts,
    signature_hash,
    signature_payload,
)
from plant_server.services.entries.refusals import EntryRefusal

RECORD_KEYS = frozenset({"schema", "record_id", "type", "batch", "content", "corrects",
                         "reason", "created_by", "created_at", "station"})
SIGNATURE_KEYS = frozenset({"schema", "record_id", "content_hash", "signer_id", "printed_name",
                            "meaning", "signed_at", "station", "auth_method", "signature_id",
                            "signature_hash"})
AUDIT_KEYS = frozenset({"seq", "entry_id", "ts", "station", "actor", "event", "target",
                        "reason", "old", "new", "prev_hash", "hash"})


@dataclass(frozen=True)
class RecordPayload:
    record_id: str
    record_type: RecordType
    batch: str
    content: dict[str, Any]
    corrects: str | None
    created_by: str  # normalised
    created_at: str
    station: object  # as sent: compared with the pushing station's name
    content_hash: str
    #: The record's canonical JSON: what was hashed, and what is stored.
    canonical: bytes


@dataclass(frozen=True)
class SignaturePayload:
    facts: SignatureFacts
    signature_id: str
    signature_hash: str
    signed_at: str  # as sent (the hashed form)
    #: The server's signing proof (online signatures); not covered by the signature hash.
    proof_id: str | None = None


@dataclass(frozen=True)
class AuditPayload:
    fields: AuditFields
    prev_hash: str
    hash: str


def _record_json(rec: dict[str, Any], claimed: str, canonical: bytes | None) -> bytes:
    """The canonical JSON of ``rec``, cut out of ``canonical`` (the whole payload's, when
    known) instead of serialised again: RFC 8785 is compositional, so the payload
    ``{"content_hash": c, "record": r}`` is ``{"content_hash":`` + canonical(c) + ``,"record":``
    + canonical(r) + ``}``. Anything else: computed afresh."""
    if canonical is not None:
        prefix = b'{"content_hash":' + canonical_json(claimed) + b',"record":'
        if canonical.startswith(prefix) and canonical.endswith(b"}"):
            return canonical[len(prefix):-1]
    return canonical_json(rec)


def parse_record(payload: dict[str, Any], canonical: bytes | None) -> RecordPayload | EntryRefusal:
    """``canonical``: the payload's canonical JSON, if the caller has it (saves work)."""
    rec, claimed = payload.get("record"), payload.get("content_hash")
    if set(payload) != {"record", "content_hash"} or not isinstance(rec, dict):
        return EntryRefusal.MALFORMED_RECORD
    if not isinstance(claimed, str):
        return EntryRefusal.CONTENT_HASH_MISMATCH
    rec_json = _record_json(rec, claimed, canonical)  # once: it is hashed and stored
    if hashlib.sha256(rec_json).hexdigest() != claimed:
        return EntryRefusal.CONTENT_HASH_MISMATCH
    if set(rec) != RECORD_KEYS or not isinstance(rec["content"], dict):
        return EntryRefusal.MALFORMED_RECORD
    try:
        rtype = RecordType(rec["type"])
        created_by = normalise_user_id(rec["created_by"])
        parse_utc_iso(rec["created_at"])
    except (ValueError, TypeError, InvalidUserId):
        return EntryRefusal.MALFORMED_RECORD
    if not all(isinstance(rec[k], str) and rec[k] for k in ("record_id", "batch")):
        return EntryRefusal.MALFORMED_RECORD
    if rec["corrects"] is not None and not isinstance(rec["corrects"], str):
        return EntryRefusal.MALFORMED_RECORD
    return RecordPayload(
        record_id=rec["record_id"], record_type=rtype, batch=rec["batch"],
        content=rec["content"], corrects=rec["corrects"], created_by=created_by,
        created_at=rec["created_at"], station=rec["station"], content_hash=claimed,
        canonical=rec_json)


def parse_signature(payload: dict[str, Any]) -> SignaturePayload | EntryRefusal:
    if set(payload) - {"proof_id"} != SIGNATURE_KEYS:
        return EntryRefusal.MALFORMED_SIGNATURE
    proof_id = payload.get("proof_id")
    if proof_id is not None and (not isinstance(proof_id, str) or len(proof_id) > 64):
        return EntryRefusal.MALFORMED_SIGNATURE
    try:
        facts = SignatureFacts(
            record_id=payload["record_id"], content_hash=payload["content_hash"],
            signer_id=payload["signer_id"], printed_name=payload["printed_name"],
            meaning=Meaning(payload["meaning"]), signed_at=parse_utc_iso(payload["signed_at"]),
            station=payload["station"], auth_method=AuthMethod(payload["auth_method"]))
    except (ValueError, TypeError, KeyError, AttributeError):
        return EntryRefusal.MALFORMED_SIGNATURE
    if signature_hash(facts) != payload["signature_hash"]:
        return EntryRefusal.SIGNATURE_HASH_MISMATCH
    hashed = {k: payload[k] for k in payload
              if k not in ("signature_id", "signature_hash", "proof_id")}
    if hashed != signature_payload(facts):
        return EntryRefusal.SIGNATURE_HASH_MISMATCH  # hashes the normalised form, not the sent
    if not isinstance(payload["signature_id"], str) or not payload["signature_id"]:
        return EntryRefusal.MALFORMED_SIGNATURE
    return SignaturePayload(facts=facts, signature_id=payload["signature_id"],
                            signature_hash=payload["signature_hash"],
                            signed_at=payload["signed_at"], proof_id=proof_id)


def parse_audit(payload: dict[str, Any]) -> AuditPayload | EntryRefusal:
    if set(payload) != AUDIT_KEYS:
        return EntryRefusal.MALFORMED_AUDIT
    try:
        fields = AuditFields(**{k: payload[k] for k in AUDIT_KEYS - {"prev_hash", "hash"}})
        parse_utc_iso(fields.ts)
        if not isinstance(fields.seq, int) or not all(isinstance(payload[k], str) for k in (
                "entry_id", "station", "actor", "event", "target", "reason", "prev_hash",
                "hash")):
            raise TypeError
    except (TypeError, ValueError):
        return EntryRefusal.MALFORMED_AUDIT
    return AuditPayload(fields=fields, prev_hash=payload["prev_hash"], hash=payload["hash"])
