"""Stations: one-time enrollment codes, bearer credentials (only their SHA-256 is stored)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from operator_console.domain.audit_chain import GENESIS_HASH
from operator_console.domain.manifestation import format_utc_iso
from plant_server.models import EnrollmentCode, Record, SecurityEvent, ServerAudit, Station
from plant_server.security import new_enrollment_code, new_token, normalise_code, token_hash
from plant_server.services.audit import audit, security_event
from plant_server.services.common import (
    ConflictError,
    ForbiddenError,
    NotFoundError,
    ServiceError,
    now_iso,
    utcnow,
)


class EnrollmentRefusedError(ForbiddenError):
    """The code is unknown, used, expired or for another station."""


def _valid_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 64 or any(c.isspace() for c in name):
        raise ServiceError("bad_station_name", "a station name is 1-64 characters, no spaces")
    return name


def add_station(session: Session, name: str, *, actor: str, minutes: int) -> tuple[Station, str]:
    """Create the station if new and issue a one-time enrollment code valid ``minutes``.

    For an existing station this issues a new code (re-enrollment, e.g. a replaced PC); the
    old credential keeps working until the new code is used.
    """
    name = _valid_name(name)
    station = session.scalars(select(Station).where(Station.name == name)).first()
    if station is None:
        station = Station(name=name, created_at=now_iso(), last_seq=0, audit_head_seq=0,
                          audit_head_hash=GENESIS_HASH)
        session.add(station)
        session.flush()
    code = new_enrollment_code()
    expires = format_utc_iso(utcnow() + timedelta(minutes=minutes))
    session.add(EnrollmentCode(station_id=station.id, code_hash=token_hash(normalise_code(code)),
                               created_at=now_iso(), expires_at=expires, used_at=None))
    audit(session, actor=actor, event="enrollment_code_issued", target=name,
          new={"expires_at": expires})
    return station, code


def enroll(session: Session, code: str, station_name: str) -> tuple[Station, str]:
    """Spend a one-time code; returns the station and its new credential (shown once)."""
    row = session.scalars(
        select(EnrollmentCode)
        .where(EnrollmentCode.code_hash == token_hash(normalise_code(code)))
        .with_for_update()
    ).first()
    station = session.get(Station, row.station_id) if row else None
    if row is None or station is None or station.name != station_name.strip():
        raise EnrollmentRefusedError("enrollment_code_invalid",
                                "the enrollment code is not valid for this station")
    if row.used_at is not None:
        raise EnrollmentRefusedError("enrollment_code_used", "the enrollment code was already used")
    now = now_iso()
    if row.expires_at <= now:
        raise EnrollmentRefusedError("enrollment_code_expired", "the enrollment code has expired")
    credential = new_token()
    row.used_at = now
    station.credential_hash = token_hash(credential)
    station.enrolled_at = now
    station.revoked_at = None  # a new credential: the revoked one stays refused
    audit(session, actor=f"station:{station.name}", event="station_enrolled",
          target=station.name)
    return station, credential


def _named(session: Session, name: str) -> Station:
    station = session.scalars(select(Station).where(Station.name == name.strip())).first()
    if station is None:
        raise NotFoundError("unknown_station", f"no station {name!r}")
    return station


def revoke_station(session: Session, name: str, *, actor: str, reason: str) -> Station:
    """Revoke the station's credential now: it can no longer push or pull (it is told so),
    until it is enrolled again with a new code."""
    station = _named(session, name)
    if station.revoked_at is not None:
        raise ConflictError("already_revoked", f"station {station.name} is already revoked")
    station.revoked_at = now_iso()
    audit(session, actor=actor, event="station_revoked", target=station.name, reason=reason)
    return station


def rotate_station(session: Session, name: str, *, actor: str, reason: str,
                   minutes: int) -> tuple[Station, str]:
    """Replace the station's credential: the current one is revoked at once, and a one-time
    code is issued to enroll again (``operator-console enroll``) for a new one."""
    station = _named(session, name)
    if station.revoked_at is None:
        station.revoked_at = now_iso()
    audit(session, actor=actor, event="station_rotated", target=station.name, reason=reason)
    return add_station(session, station.name, actor=actor, minutes=minutes)


def enrollment_throttled(session: Session, per_minute: int) -> bool:
    """True when the last minute saw ``per_minute`` failed enrollments (plant-wide): codes
    are short enough to type, so guessing them must be slow."""
    since = format_utc_iso(utcnow() - timedelta(minutes=1))
    recent = session.scalar(select(func.count()).select_from(ServerAudit).where(
        ServerAudit.event == "enrollment_failed", ServerAudit.ts >= since)) or 0
    return int(recent) >= per_minute


def record_enrollment_failure(session: Session, station_name: str, code: str) -> None:
    """Audit a refused enrollment (in its own transaction: the request's is rolled back).
    The station name is kept only if it names a registered station; never the code typed."""
    name = station_name.strip()
    known = session.scalars(select(Station.name).where(Station.name == name[:64])).first()
    audit(session, actor="enrollment", event="enrollment_failed", target=known or "(unknown)",
          reason=code)


def station_for_credential(session: Session, credential: str) -> Station | None:
    """The station holding ``credential``, or ``None``. Lookup is by hash only."""
    if not credential:
        return None
    return session.scalars(
        select(Station).where(Station.credential_hash == token_hash(credential))
    ).first()


def lock_station(session: Session, station_id: int) -> Station:
    """The station row, locked for this transaction: pushes of one station serialise here."""
    station = session.scalars(
        select(Station).where(Station.id == station_id).with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    return station


def records_of(session: Session, station: Station) -> int:
    """How many records this server holds from ``station``."""
    return int(session.scalar(select(func.count()).select_from(Record).where(
        Record.station_id == station.id)) or 0)


def report_rollback(session: Session, station: Station, *, local_last_seq: int,
                    local_audit_seq: int, local_hash: str | None,
                    local_records: int | None = None) -> bool:
    """A station reports that it is behind the server: one security event per distinct
    situation (the same report on every retry is recorded once). True if recorded now."""
    details = {"server_last_seq": station.last_seq, "local_last_seq": local_last_seq,
               "server_audit_seq": station.audit_head_seq, "local_audit_seq": local_audit_seq,
               "server_audit_hash": station.audit_head_hash, "local_hash_at_head": local_hash,
               "server_records": records_of(session, station), "local_records": local_records}
    latest = session.scalars(
        select(SecurityEvent).where(SecurityEvent.station_name == station.name,
                                    SecurityEvent.kind == "station_rollback")
        .order_by(SecurityEvent.id.desc()).limit(1)).first()
    if latest is not None and latest.details == details:
        return False
    security_event(session, kind="station_rollback", station=station.name, entry_id=None,
                   details=details)
    return True
