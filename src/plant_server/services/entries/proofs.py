"""Signing proofs: the server's evidence that it checked a password for one signature.

When ``POST /auth/check`` succeeds for a signature (the request names the record's content
hash and the meaning), the server issues a proof: a random ID, single use, valid for a short
time, bound to the signer, the station, the content hash and the meaning. A pushed ``online``
signature must carry an unused proof that matches it in every binding, and its ``signed_at``
must lie within the proof's lifetime (the server's clock, give or take :data:`CLOCK_SKEW`);
the signature is then judged at the proof's issue time, not at the time the station claims.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from operator_console.domain.manifestation import format_utc_iso, parse_utc_iso
from operator_console.domain.records import Meaning
from operator_console.domain.signatures import SignatureFacts
from plant_server.models import SigningProof, Station, User
from plant_server.security import new_token
from plant_server.services.common import now_iso, utcnow
from plant_server.services.entries.refusals import EntryRefusal

#: How far a station's clock may be from the server's.
CLOCK_SKEW = timedelta(minutes=2)


def issue_proof(session: Session, *, user: User, station: Station, content_hash: str,
                meaning: Meaning, lifetime_s: int) -> SigningProof:
    now = utcnow()
    proof = SigningProof(proof_id=new_token(), user_id=user.user_id, station_id=station.id,
                         content_hash=content_hash, meaning=Meaning(meaning).value,
                         issued_at=format_utc_iso(now),
                         expires_at=format_utc_iso(now + timedelta(seconds=lifetime_s)),
                         used_at=None, signature_id=None)
    session.add(proof)
    return proof


def spend_proof(session: Session, station: Station, facts: SignatureFacts,
                proof_id: str | None) -> SigningProof | EntryRefusal:
    """The unused proof behind an online signature, or why there is none. Writes nothing:
    the caller marks it used (:func:`mark_used`) when it stores the signature."""
    if proof_id is None:
        return EntryRefusal.SIGNING_PROOF_MISSING
    proof = session.get(SigningProof, proof_id)
    if proof is None or (proof.user_id, proof.station_id, proof.content_hash, proof.meaning) != (
            facts.signer_id, station.id, facts.content_hash, facts.meaning.value):
        return EntryRefusal.SIGNING_PROOF_INVALID
    if proof.used_at is not None:
        return EntryRefusal.SIGNING_PROOF_USED
    issued, expires = parse_utc_iso(proof.issued_at), parse_utc_iso(proof.expires_at)
    if not issued - CLOCK_SKEW <= facts.signed_at <= expires + CLOCK_SKEW:
        return EntryRefusal.SIGNING_PROOF_EXPIRED
    return proof


def mark_used(proof: SigningProof, signature_id: str) -> None:
    proof.used_at, proof.signature_id = now_iso(), signature_id
