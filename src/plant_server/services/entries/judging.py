"""What the server checks about a pushed signature beyond its hashes and the two-person rules:
its time, the printed name, the station, and for an offline one the verifier behind it.

All of it is judged against the server's own records and clock (the station's claims are
what is being checked)."""

from __future__ import annotations

import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.manifestation import parse_utc_iso
from operator_console.domain.signatures import SignatureFacts
from plant_server.models import Record, Station, User, VerifierIssue
from plant_server.services.common import utcnow
from plant_server.services.entries.batch import NewRecord
from plant_server.services.entries.proofs import CLOCK_SKEW
from plant_server.services.entries.refusals import EntryRefusal


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def judge_signature(session: Session, station: Station, record: Record | NewRecord, user: User,
                    facts: SignatureFacts, *, offline: bool) -> EntryRefusal | None:
    """Why the server refuses this signature, or None."""
    if facts.signed_at > utcnow() + CLOCK_SKEW:
        return EntryRefusal.SIGNED_IN_FUTURE
    if facts.signed_at < parse_utc_iso(record.created_at):
        return EntryRefusal.SIGNED_BEFORE_RECORD
    if _nfc(facts.printed_name) != _nfc(user.printed_name):
        return EntryRefusal.PRINTED_NAME_MISMATCH
    if user.allowed_stations is not None and station.name not in user.allowed_stations:
        return EntryRefusal.SIGNER_NOT_ALLOWED_AT_STATION
    return _offline_verifier(session, station, user, facts) if offline else None


def _offline_verifier(session: Session, station: Station, user: User,
                      facts: SignatureFacts) -> EntryRefusal | None:
    """An offline signature needs a verifier this server gave the station for the user,
    valid at ``signed_at``. Before the station's first pull it cannot have had any: what it
    signed then (before enrollment, on its own store) is accepted only while it has still
    not pulled; once it has, nothing can be dated into that time any more."""
    if station.first_pull_at is None:
        return None
    issue = session.scalars(select(VerifierIssue).where(
        VerifierIssue.station_id == station.id,
        VerifierIssue.user_id == user.user_id)).first()
    if issue is None or facts.signed_at < parse_utc_iso(issue.first_issued_at) - CLOCK_SKEW:
        return EntryRefusal.OFFLINE_VERIFIER_MISSING
    if facts.signed_at > parse_utc_iso(issue.expires_at):
        return EntryRefusal.OFFLINE_VERIFIER_EXPIRED
    return None
