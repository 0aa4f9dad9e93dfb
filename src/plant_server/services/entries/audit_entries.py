"""Pushed audit entries: the station's hash chain continued exactly, lockouts taken over."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from operator_console.domain.audit_chain import AuditFields, entry_hash
from plant_server.models import Station, StationAudit
from plant_server.services.entries.batch import (
    BatchCache,
    audit_taken,
    find_user,
    store_row,
    write_pending,
)
from plant_server.services.entries.payloads import parse_audit
from plant_server.services.entries.refusals import ACCEPT, EntryRefusal
from plant_server.services.users import lock_user


def apply_audit(session: Session, station: Station, payload: dict[str, Any]) -> str:
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
    if fields.event == "account_locked" and fields.actor == "system":
        _lock_from_station(session, station, fields)
    return ACCEPT


def _lock_from_station(session: Session, station: Station, fields: AuditFields) -> None:
    """A station locked an account after failed attempts it counted itself (offline, where
    the plant server could not): the plant locks the account too. Otherwise the station's
    next pull, which still says "unlocked", would undo the lockout, and the other stations
    would never learn of it. Unlocking stays a decision taken at the plant server."""
    user = find_user(session, fields.target)
    if user is None or user.locked:
        return
    write_pending(session)  # the batch's rows first: the plant's own audit trail follows
    lock_user(session, user, actor=f"station:{station.name}",
              reason=f"locked at station {station.name}: {fields.reason}")
