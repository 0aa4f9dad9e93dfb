"""The real console against a real plant server process: its online signatures carry the
server's signing proof and are accepted; the same signatures without it are refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from operator_console.domain.records import Meaning, RecordDraft, RecordType
from operator_console.store.models import OutboxEntry
from operator_console.sync.station import RemoteAuthClient, client_for
from plant_server.models import PushedEntry, Signature, Station
from tests.sync_faults.conftest import new_console
from tests.sync_faults.harness import Console, PlantServer, drain


def _sign_online(console: Console) -> str:
    services = console.services
    services.auth.remote = RemoteAuthClient(client_for(services, console.store, timeout_s=10))
    draft = RecordDraft(RecordType.STEP_COMPLETION, "B-2026-0142", {"step": "Harvest"})
    done = services.signing.create_and_sign(draft, "op01", "demo-op01")
    assert done.ok and done.record_id is not None, done
    verified = services.signing.sign(done.record_id, "ver01", "demo-ver01", Meaning.VERIFIED)
    assert verified.ok, verified
    return done.record_id


def _server_signatures(server: PlantServer, station: str) -> list[tuple[str, str]]:
    database = server.database()
    try:
        with database.transaction() as session:
            sid = session.scalars(select(Station.id).where(Station.name == station)).one()
            return [(r.meaning, r.auth_method) for r in session.scalars(
                select(Signature).where(Signature.station_id == sid)
                .order_by(Signature.signed_at))]
    finally:
        database.dispose()


def _check(console: Console, server: PlantServer) -> None:
    record_id = _sign_online(console)
    with console.services.db.read() as s:
        payloads = [json.loads(p) for p in s.scalars(
            select(OutboxEntry.payload_json).where(OutboxEntry.kind == "signature"))]
    mine = [p for p in payloads if p["record_id"] == record_id]
    assert [p["auth_method"] for p in mine] == ["online", "online"]
    assert all(isinstance(p.get("proof_id"), str) and p["proof_id"] for p in mine)
    drain(console, server.url)
    assert ("performed", "online") in _server_signatures(server, console.station)
    assert ("verified", "online") in _server_signatures(server, console.station)
    database = server.database()
    try:
        with database.transaction() as session:
            bad = list(session.scalars(select(PushedEntry.reason).where(
                PushedEntry.status != "accepted")))
    finally:
        database.dispose()
    assert "signing_proof_missing" not in bad


def test_console_online_signatures_carry_proofs(console: Console, server: PlantServer) -> None:
    _check(console, server)


@pytest.mark.postgres
def test_console_online_signatures_carry_proofs_postgres(pg_server: PlantServer,
                                                          tmp_path: Path) -> None:
    pg_server.ensure_running()
    console = new_console(tmp_path, pg_server)
    try:
        _check(console, pg_server)
    finally:
        console.close()


def test_revoked_station_stops_syncing_and_says_why(console: Console,
                                                    server: PlantServer) -> None:
    from operator_console.sync.http import UnauthorizedError
    from plant_server.services.stations import revoke_station
    from tests.sync_faults.harness import queue_records

    queue_records(console.services, 2)
    database = server.database()
    try:
        with database.transaction() as session:
            revoke_station(session, console.station, actor="admin", reason="PC stolen")
    finally:
        database.dispose()
    engine = console.engine()
    try:
        with pytest.raises(UnauthorizedError, match="revoked this station's credential"):
            engine.push_pending()
    finally:
        engine.client.close()
    assert console.pending() > 0  # nothing was marked synced
