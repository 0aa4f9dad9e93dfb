"""Receiving a station's outbox: each entry stored exactly once, in the station's order.

Rules (per entry, in batch order):

* ``entry_id`` already stored with the same ``payload_hash`` and seq -> ``duplicate`` (the
  acknowledgement is simply repeated); with anything different -> ``rejected`` and a
  security event, nothing stored.
* ``station_seq`` must be the station's next one. A seq already used by another entry is
  refused as above; a gap -> ``out_of_order`` for that entry and every later one in the batch
  (nothing is skipped; the station resends from the gap).
* Otherwise the payload is checked (hash, then per-kind rules in :mod:`entries`) and stored as
  ``accepted`` or ``rejected`` with its reason; either way the seq is consumed and the entry
  acknowledged, so QA sees rejections and the station's queue is never stuck.

The whole batch is one transaction; the station row is locked first, so concurrent pushes of
one station run one after the other and retries are idempotent.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.canonical import CanonicalisationError, canonical_json
from operator_console.domain.sync_refusals import OUT_OF_ORDER, PREVIOUSLY_REJECTED
from plant_server.models import PushedEntry, SecurityEvent, Station
from plant_server.services.audit import audit, security_event
from plant_server.services.common import now_iso
from plant_server.services.entries import (
    APPLY,
    SECURITY_REASONS,
    BatchCache,
    EntryRefusal,
    apply_record,
    prefetch,
    write_pending,
)
from plant_server.services.release import batches_of_records, note_execution
from plant_server.services.stations import lock_station

ACCEPTED, DUPLICATE, REJECTED = "accepted", "duplicate", "rejected"


@dataclass(frozen=True)
class EntryIn:
    entry_id: str
    station_seq: int
    kind: str
    payload: dict[str, Any]
    payload_hash: str


@dataclass(frozen=True)
class StoredEntry:
    """What the duplicate check needs of an entry already stored (or stored by this batch)."""

    station_id: int
    station_seq: int
    payload_hash: str
    status: str
    reason: str


@dataclass(frozen=True)
class EntryResult:
    entry_id: str
    station_seq: int
    status: str
    reason: str = ""
    #: True when the server holds the entry durably: the station may mark it synced.
    acknowledged: bool = True


def _check_and_apply(session: Session, station: Station, entry: EntryIn,
                     canonical: bytes | None) -> str:
    reason = _apply(session, station, entry, canonical)
    if reason in SECURITY_REASONS:
        write_pending(session)
        security_event(session, kind=reason, station=station.name, entry_id=entry.entry_id,
                       details={"station_seq": entry.station_seq, "kind": entry.kind,
                                "audit_head_seq": station.audit_head_seq,
                                "audit_head_hash": station.audit_head_hash})
    return reason


def _apply(session: Session, station: Station, entry: EntryIn, canonical: bytes | None) -> str:
    """``canonical``: the payload's canonical JSON (None: it has none)."""
    if canonical is None:
        return EntryRefusal.PAYLOAD_NOT_CANONICAL
    if hashlib.sha256(canonical).hexdigest() != entry.payload_hash:
        return EntryRefusal.PAYLOAD_HASH_MISMATCH
    if entry.kind == "record":  # it can reuse the payload's canonical JSON
        return apply_record(session, station, entry.payload, canonical=canonical)
    apply = APPLY.get(entry.kind)
    if apply is None:
        return EntryRefusal.UNKNOWN_KIND
    # Each ``apply_*`` checks everything before it writes anything, so a rejected entry leaves
    # no partial rows behind (no savepoint per entry: it cost a flush and two statements per
    # entry); an exception aborts the whole batch's transaction.
    return apply(session, station, entry.payload)


def _known(session: Session, station: Station, entry: EntryIn,
           existing: StoredEntry | None) -> EntryResult | None:
    """The answer for an entry ID or seq that is already taken, else ``None``.

    ``existing``: the stored entry with this entry ID, if any (looked up for the whole batch).
    """
    if existing is None and entry.station_seq > station.last_seq:
        return None
    if (existing is not None and existing.station_id == station.id
            and existing.payload_hash == entry.payload_hash
            and existing.station_seq == entry.station_seq):
        reason = "" if existing.status == ACCEPTED else f"{PREVIOUSLY_REJECTED}:{existing.reason}"
        return EntryResult(entry.entry_id, entry.station_seq, DUPLICATE, reason)
    kind = "entry_id_reused" if existing is not None else "station_seq_reused"
    write_pending(session)
    details = {"station_seq": entry.station_seq, "payload_hash": entry.payload_hash,
               "stored_hash": existing.payload_hash if existing else None,
               "stored_seq": existing.station_seq if existing else None}
    if not _reported(session, station, kind, entry.entry_id, details):
        security_event(session, kind=kind, station=station.name, entry_id=entry.entry_id,
                       details=details)
    return EntryResult(entry.entry_id, entry.station_seq, REJECTED, kind, acknowledged=False)


def _reported(session: Session, station: Station, kind: str, entry_id: str,
              details: dict[str, Any]) -> bool:
    """The very same refusal was already recorded (the station is retrying): one event per
    offending entry, not one per retry."""
    return any(e.details == details for e in session.scalars(select(SecurityEvent).where(
        SecurityEvent.station_name == station.name, SecurityEvent.kind == kind,
        SecurityEvent.entry_id == entry_id)))


def _stored(session: Session, entries: Sequence[EntryIn]) -> dict[str, StoredEntry]:
    """The already stored entries among ``entries``' IDs: one query per batch, not per entry."""
    ids = list({e.entry_id for e in entries})
    found: dict[str, StoredEntry] = {}
    for start in range(0, len(ids), 500):
        for row in session.execute(select(
                PushedEntry.entry_id, PushedEntry.station_id, PushedEntry.station_seq,
                PushedEntry.payload_hash, PushedEntry.status, PushedEntry.reason).where(
                PushedEntry.entry_id.in_(ids[start:start + 500]))):
            found[row.entry_id] = StoredEntry(row.station_id, row.station_seq,
                                              row.payload_hash, row.status, row.reason)
    return found


def push(session: Session, station_id: int, entries: Sequence[EntryIn], *,
         lockout_threshold: int = 5, outbox_head: int | None = None) -> list[EntryResult]:
    """Store a batch from one station; returns one result per entry, in order.
    ``outbox_head``: the highest seq the station holds (it may hold more than it sends in
    one batch): the release gate waits for every entry up to it."""
    station = lock_station(session, station_id)
    stored = _stored(session, entries)
    cache = prefetch(session, [(e.kind, e.payload) for e in entries], lockout_threshold)
    session.info[BatchCache.KEY] = cache
    try:
        results = _push(session, station, entries, stored, cache)
        cache.write(session)  # the batch's accepted rows, one executemany per table
    finally:
        session.info.pop(BatchCache.KEY, None)
    station.last_seen_at = now_iso()
    if outbox_head is not None and outbox_head > station.reported_seq:
        station.reported_seq, station.reported_at = outbox_head, station.last_seen_at
    touched = {r.record_id for r in cache.new_records.values()} | set(cache.new_signatures)
    if touched:
        note_execution(session, batches_of_records(session, touched))
    counts = {s: sum(r.status == s for r in results) for s in (ACCEPTED, DUPLICATE, REJECTED)}
    audit(session, actor=f"station:{station.name}", event="sync_push", target=station.name,
          new={**counts, "last_seq": station.last_seq})
    session.flush()
    return results


def _push(session: Session, station: Station, entries: Sequence[EntryIn],
          stored: dict[str, StoredEntry], cache: BatchCache) -> list[EntryResult]:
    results: list[EntryResult] = []
    gap = False
    received_at = now_iso()  # the batch is one transaction: one receipt time
    pushed = PushedEntry.__table__
    for entry in entries:
        if gap:
            results.append(EntryResult(entry.entry_id, entry.station_seq, REJECTED,
                                       OUT_OF_ORDER, acknowledged=False))
            continue
        known = _known(session, station, entry, stored.get(entry.entry_id))
        if known is not None:
            results.append(known)
            continue
        if entry.station_seq != station.last_seq + 1:
            gap = True
            results.append(EntryResult(entry.entry_id, entry.station_seq, REJECTED,
                                       OUT_OF_ORDER, acknowledged=False))
            continue
        try:
            canonical: bytes | None = canonical_json(entry.payload)  # once: it is not cheap
        except CanonicalisationError:
            canonical = None
        reason = _check_and_apply(session, station, entry, canonical)
        payload_text = canonical.decode("utf-8") if canonical is not None \
            else repr(entry.payload)
        status = REJECTED if reason else ACCEPTED
        cache.add(pushed, dict(
            entry_id=entry.entry_id, station_id=station.id, station_seq=entry.station_seq,
            kind=entry.kind, payload_json=payload_text, payload_hash=entry.payload_hash,
            status=status, reason=reason, received_at=received_at))
        # The same ID again later in this batch: answered from here (the row is not written
        # before the end of the batch).
        stored.setdefault(entry.entry_id, StoredEntry(station.id, entry.station_seq,
                                                      entry.payload_hash, status, reason))
        station.last_seq = entry.station_seq
        results.append(EntryResult(entry.entry_id, entry.station_seq,
                                   REJECTED if reason else ACCEPTED, reason))
    return results
