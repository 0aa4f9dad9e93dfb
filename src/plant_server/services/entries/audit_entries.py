"""Pushed audit entries: the station's hash chain continued exactly, lockouts taken over."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.audit_chain import AuditFields, entry_hash
from plant_server.models import Station, StationAudit
from plant_server.services.audit import security_event
from plant_server.services.entries.batch import (
    DEFAULT_LOCKOUT_THRESHOLD,
    BatchCache,
    audit_taken,
    find_user,
    store_row,
    write_pending,
)
from plant_server.services.entries.payloads import parse_audit
from plant_server.services.entries.refusals import ACCEPT, EntryRefusal
from plant_server.services.users import lock_user

#: How many of the station's earlier entries a lockout is checked against.
LOOK_BACK = 500


def apply_audit(session: Session, station: Station, payload: dict[str, Any]) -> str:
    """Unlike the other kinds, an entry refused for naming another station is still stored
    as a link of the chain (the station's audit trail must stay whole)."""
    entry = parse_audit(payload)
    if isinstance(entry, EntryRefusal):
        return entry
    fields = entry.fields
    if fields.seq != station.audit_head_seq + 1 or entry.prev_hash != station.audit_head_hash:
        return EntryRefusal.AUDIT_CHAIN_BREAK
    if entry_hash(fields, entry.prev_hash) != entry.hash:
        return EntryRefusal.AUDIT_HASH_MISMATCH
    if audit_taken(session, fields.entry_id):
        return EntryRefusal.AUDIT_ENTRY_ID_REUSED
    store_row(session, StationAudit, dict(
        station_id=station.id, seq=fields.seq, entry_id=fields.entry_id,
        fields_json=json.dumps(fields.as_json(), ensure_ascii=False),
        prev_hash=entry.prev_hash, hash=entry.hash))
    station.audit_head_seq, station.audit_head_hash = fields.seq, entry.hash
    cache = BatchCache.of(session)
    if cache is not None:
        cache.free_audits.discard(fields.entry_id)
    if fields.station != station.name and not _renamed_to(fields, station.name):
        # A station speaks only for itself: refused (and no effect). The entry is still a
        # link of this station's chain, so it is kept as such: otherwise every later entry
        # would break the chain at the server.
        return EntryRefusal.STATION_MISMATCH
    if fields.event == "account_locked" and fields.actor == "system":
        _lock_from_station(session, station, fields)
    return ACCEPT


def _renamed_to(fields: AuditFields, name: str) -> bool:
    """The entry that gave the station its name is written under the name it had before."""
    return (fields.event, fields.target, fields.new) == ("setting_changed", "station_name", name)


def _lock_from_station(session: Session, station: Station, fields: AuditFields) -> None:
    """A station locked an account after failed attempts it counted itself (offline, where
    the plant server could not): the plant locks the account too. Otherwise the station's
    next pull, which still says "unlocked", would undo the lockout, and the other stations
    would never learn of it. Unlocking stays a decision taken at the plant server.

    Only with the failed attempts behind it: the station's own chain must hold at least the
    plant's threshold of wrong-password entries for that user since their last success;
    a bare "account_locked" is stored (the chain stays whole) but locks nothing and raises a
    security event."""
    user = find_user(session, fields.target)
    if user is None or user.locked:
        return
    write_pending(session)  # the batch's rows first: the plant's own audit trail follows
    cache = BatchCache.of(session)
    threshold = cache.lockout_threshold if cache is not None else DEFAULT_LOCKOUT_THRESHOLD
    failures = _failures_behind(session, station, fields)
    if failures < threshold:
        security_event(session, kind="lockout_without_failed_attempts", station=station.name,
                       entry_id=fields.entry_id,
                       details={"user_id": user.user_id, "failed_attempts": failures,
                                "threshold": threshold, "seq": fields.seq})
        return
    lock_user(session, user, actor=f"station:{station.name}",
              reason=f"locked at station {station.name}: {fields.reason}")


def _failures_behind(session: Session, station: Station, fields: AuditFields) -> int:
    """Wrong-password entries for ``fields.target`` in the station's chain before ``fields``
    since that user's last success (or lock/unlock), newest first, looking back a while."""
    rows = session.scalars(
        select(StationAudit.fields_json)
        .where(StationAudit.station_id == station.id, StationAudit.seq < fields.seq)
        .order_by(StationAudit.seq.desc()).limit(LOOK_BACK))
    count = 0
    for raw in rows:
        earlier = json.loads(raw)
        if earlier.get("target") != fields.target:
            continue
        event = str(earlier.get("event", ""))
        if event.endswith("_succeeded") or event in ("account_locked", "account_unlocked"):
            break
        if event.endswith("_failed") and earlier.get("reason") == "wrong password":
            count += 1
    return count
