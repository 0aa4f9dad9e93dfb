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
from plant_server.models import Record, Station, User, VerifierPeriod
from plant_server.services.common import utcnow
from plant_server.services.entries.batch import NewRecord
from plant_server.services.entries.proofs import CLOCK_SKEW
from plant_server.services.entries.refusals import EntryRefusal


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def judge_signature(session: Session, station: Station, record: Record | NewRecord, user: User,
                    facts: SignatureFacts) -> EntryRefusal | None:
    """Why the server refuses this signature (time, name, station), or None. An offline
    one is then judged on its verifier (:func:`offline_verifier_refusal`), after the
    account and role rules, whose refusal says more."""
    if facts.signed_at > utcnow() + CLOCK_SKEW:
        return EntryRefusal.SIGNED_IN_FUTURE
    if facts.signed_at < parse_utc_iso(record.created_at):
        return EntryRefusal.SIGNED_BEFORE_RECORD
    if _nfc(facts.printed_name) != _nfc(user.printed_name):
        return EntryRefusal.PRINTED_NAME_MISMATCH
    if user.allowed_stations is not None and station.name not in user.allowed_stations:
        return EntryRefusal.SIGNER_NOT_ALLOWED_AT_STATION
    return None


def offline_verifier_refusal(session: Session, station: Station, user: User,
                      facts: SignatureFacts) -> EntryRefusal | None:
    """An offline signature needs a verifier this server gave the station for the user,
    valid at ``signed_at``: it must lie within one of the periods the station held it. A user
    never given a verifier there (for instance one a station created itself, or signed for
    before its first pull) is refused, as is a signature dated into a lapse between two
    periods or after the last one ended."""
    at = facts.signed_at
    periods = session.execute(select(VerifierPeriod.valid_from, VerifierPeriod.valid_until)
                              .where(VerifierPeriod.station_id == station.id,
                                     VerifierPeriod.user_id == user.user_id)).all()
    if not periods:
        return EntryRefusal.OFFLINE_VERIFIER_MISSING
    inside = [p for p in periods if parse_utc_iso(p[0]) - CLOCK_SKEW <= at
              <= parse_utc_iso(p[1])]
    if inside:
        return None
    if any(at > parse_utc_iso(until) for _, until in periods):
        return EntryRefusal.OFFLINE_VERIFIER_EXPIRED  # after (a) validity ended: a lapse
    return EntryRefusal.OFFLINE_VERIFIER_MISSING  # before it was ever given
