"""Push (a station's outbox in) and pull (master data out)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, status

from plant_server.api import schemas
from plant_server.api.convert import batch_out, conflict_out, recipe_out, user_out
from plant_server.api.deps import SessionDep, SettingsDep, StationDep
from plant_server.services.common import now_iso
from plant_server.services.pull import pull
from plant_server.services.push import EntryIn, push
from plant_server.services.stations import records_of, report_rollback

router = APIRouter()
_AUTH: dict[int | str, dict[str, Any]] = {401: {"model": schemas.ErrorBody}}


@router.post("/push", response_model=schemas.PushResponse, responses=_AUTH,
             summary="Deliver outbox entries; each is stored exactly once")
def push_entries(body: schemas.PushRequest, station: StationDep, session: SessionDep,
                 settings: SettingsDep) -> schemas.PushResponse:
    if len(body.entries) > settings.max_push_batch:
        raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, "batch_too_large")
    entries = [EntryIn(e.entry_id, e.station_seq, e.kind, e.payload, e.payload_hash)
               for e in body.entries]
    results = push(session, station.id, entries, lockout_threshold=settings.lockout_threshold,
                   outbox_head=body.outbox_head)
    return schemas.PushResponse(
        results=[schemas.PushResult(entry_id=r.entry_id, station_seq=r.station_seq,
                                    status=r.status,  # type: ignore[arg-type]
                                    reason=r.reason, acknowledged=r.acknowledged)
                 for r in results],
        last_seq=station.last_seq)


@router.get("/pull", response_model=schemas.PullResponse, responses=_AUTH,
            summary="Master data changed since the cursor, offline verifiers, conflicts")
def pull_master_data(station: StationDep, session: SessionDep, settings: SettingsDep,
                     cursor: Annotated[int, Query(ge=0, le=2**62)] = 0) -> schemas.PullResponse:
    got = pull(session, station, cursor, settings.verifier_grace_hours)
    return schemas.PullResponse(
        cursor=got.cursor, next_cursor=got.next_cursor, full=got.full,
        users=[user_out(u) for u in got.users],
        offline_verifiers=[schemas.OfflineVerifier(user_id=uid, offline_verifier=v,
                                                   verifier_expires_at=exp)
                           for uid, v, exp in got.verifiers],
        batches=[batch_out(b, got.dispositions.get(b.batch_id)) for b in got.batches],
        expected_cassettes=[schemas.ExpectedCassetteOut(
            batch_id=c.batch_id, step=c.step, gtin=c.gtin, serial=c.serial, active=c.active,
            data=c.data) for c in got.expected_cassettes],
        bays=[schemas.BayOut(station_name=b.station_name, bay_id=b.bay_id,
                             in_service=b.in_service, data=b.data) for b in got.bays],
        channels=[schemas.ChannelOut(
            endpoint=c.endpoint, node_id=c.node_id, name_en=c.name_en, name_ja=c.name_ja,
            unit=c.unit, range_low=c.range_low, range_high=c.range_high,
            limit_low=c.limit_low, limit_high=c.limit_high, active=c.active, data=c.data)
            for c in got.channels],
        conflicts=[conflict_out(c) for c in got.conflicts],
        recipes=[recipe_out(r) for r in got.recipes],
        server_time=got.server_time)


@router.get("/station", response_model=schemas.StationState, responses=_AUTH,
            summary="This station's anchor: its last stored seq and audit chain head")
def station_state(station: StationDep, session: SessionDep) -> schemas.StationState:
    return schemas.StationState(station=station.name, last_seq=station.last_seq,
                                audit_head_seq=station.audit_head_seq,
                                audit_head_hash=station.audit_head_hash,
                                records=records_of(session, station), server_time=now_iso())


@router.post("/station/rollback", response_model=schemas.RollbackAnswer, responses=_AUTH,
             summary="The station found itself behind the server (restored from an old copy)")
def station_rollback(body: schemas.RollbackReport, station: StationDep,
                     session: SessionDep) -> schemas.RollbackAnswer:
    recorded = report_rollback(session, station, local_last_seq=body.local_last_seq,
                               local_audit_seq=body.local_audit_seq,
                               local_hash=body.local_hash_at_server_head,
                               local_records=body.local_records)
    return schemas.RollbackAnswer(recorded=recorded)
