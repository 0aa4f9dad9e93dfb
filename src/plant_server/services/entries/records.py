"""Pushed records: checked, stored append-only, and single-use cassettes claimed plant-wide."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from operator_console.domain.manifestation import parse_utc_iso
from operator_console.domain.records import RecordType
from plant_server.models import Batch, CassetteClaim, Record, Station
from plant_server.services.common import now_iso, utcnow
from plant_server.services.conflicts import raise_conflict
from plant_server.services.entries.batch import (
    BatchCache,
    NewRecord,
    find_record,
    find_user,
    store_row,
    write_pending,
)
from plant_server.services.entries.payloads import parse_record
from plant_server.services.entries.proofs import CLOCK_SKEW
from plant_server.services.entries.refusals import ACCEPT, EntryRefusal
from plant_server.services.entries.step_checks import (
    is_step_record,
    judge_step_record,
    raise_step_conflicts,
)


def apply_record(session: Session, station: Station, payload: dict[str, Any], *,
                 canonical: bytes | None = None) -> str:
    """``canonical``: the payload's canonical JSON, if the caller has it (saves work)."""
    rec = parse_record(payload, canonical)
    if isinstance(rec, EntryRefusal):
        return rec
    if rec.station != station.name:
        return EntryRefusal.STATION_MISMATCH
    if parse_utc_iso(rec.created_at) > utcnow() + CLOCK_SKEW:
        return EntryRefusal.CREATED_IN_FUTURE
    if find_user(session, rec.created_by) is None:
        return EntryRefusal.UNKNOWN_USER
    if session.get(Batch, rec.batch) is None:
        return EntryRefusal.UNKNOWN_BATCH
    if rec.corrects is not None and find_record(session, rec.corrects) is None:
        return EntryRefusal.UNKNOWN_CORRECTED_RECORD
    if find_record(session, rec.record_id) is not None:
        return EntryRefusal.RECORD_ID_REUSED
    step = judge_step_record(session, rec) if is_step_record(session, rec) else None
    if step is not None and step.refusal is not None:
        return step.refusal
    store_row(session, Record, dict(
        record_id=rec.record_id, station_id=station.id, record_type=rec.record_type.value,
        batch_id=rec.batch, content_json=rec.canonical.decode("utf-8"),
        content_hash=rec.content_hash, created_by=rec.created_by, created_at=rec.created_at,
        corrects=rec.corrects))
    cache = BatchCache.of(session)
    if cache is not None:
        cache.free_records.discard(rec.record_id)
        cache.new_records[rec.record_id] = NewRecord(
            rec.record_id, rec.record_type.value, rec.content_hash, rec.created_by,
            rec.created_at, rec.corrects, rec.content)
        if rec.corrects is not None:
            cache.corrected.add(rec.corrects)
    if rec.record_type is RecordType.CASSETTE_LOAD:
        write_pending(session)  # the claim and a conflict are written (and audited) now
        _claim_cassette(session, station, rec.record_id, rec.content)
    if step is not None:
        raise_step_conflicts(session, station, rec.record_id, step)
    return ACCEPT


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
