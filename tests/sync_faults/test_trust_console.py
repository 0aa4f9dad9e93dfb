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


def _swap_file(console: Console, source: Path, target: Path) -> None:
    """Close the console, copy its database file, open it again."""
    import shutil

    from operator_console.services import open_services

    console.services.close()
    for suffix in ("", "-wal", "-shm"):
        src = source.with_name(source.name + suffix)
        dst = target.with_name(target.name + suffix)
        if src.exists():
            shutil.copy(src, dst)
        elif dst.exists():
            dst.unlink()
    console.services = open_services(console.data_dir)


def test_station_restored_from_an_old_copy_stops_and_says_so(
        console: Console, server: PlantServer, tmp_path: Path) -> None:
    from operator_console.store.db import DB_FILENAME
    from operator_console.sync.engine import StationBehindServerError
    from operator_console.sync.station import sync_once
    from plant_server.models import SecurityEvent
    from tests.sync_faults.harness import queue_records

    live = console.data_dir / DB_FILENAME
    copy = tmp_path / "old-copy.sqlite3"
    queue_records(console.services, 2)
    drain(console, server.url)
    _swap_file(console, live, copy)  # the backup
    queue_records(console.services, 3)  # signed after the backup: on the server
    drain(console, server.url)
    _swap_file(console, copy, live)  # restored from the old copy
    queue_records(console.services, 1)  # new work reuses seqs the server already holds
    waiting = console.pending()
    for _ in range(3):  # retries do not help, and do not pile up events
        with pytest.raises(StationBehindServerError, match="restored from an old copy"):
            sync_once(console.services, console.store)
    assert console.pending() == waiting  # nothing was pushed or marked synced
    database = server.database()
    try:
        with database.transaction() as session:
            kinds = list(session.scalars(select(SecurityEvent.kind).where(
                SecurityEvent.station_name == console.station)))
    finally:
        database.dispose()
    assert kinds == ["station_rollback"]


def test_rechained_station_file_is_noticed_at_the_next_sync(console: Console,
                                                           server: PlantServer) -> None:
    """Someone edits an early audit entry and recomputes the whole chain and its head (so the
    station's own ``audit verify`` passes): the head anchored at the server no longer
    matches, and syncing stops."""
    from sqlalchemy import text

    from operator_console.domain.audit_chain import GENESIS_HASH, entry_hash
    from operator_console.store.audit import fields_of
    from operator_console.store.models import AuditEntry, AuditHead
    from operator_console.sync.engine import StationBehindServerError
    from tests.sync_faults.harness import queue_records

    queue_records(console.services, 2)
    drain(console, server.url)
    with console.services.db.transaction() as s:
        s.execute(text("DROP TRIGGER audit_entries_no_update"))
        prev = GENESIS_HASH
        for row in s.scalars(select(AuditEntry).order_by(AuditEntry.seq)):
            if row.seq == 2:
                row.reason = "rewritten"
            row.prev_hash = prev
            row.hash = prev = entry_hash(fields_of(row), prev)
        head = s.scalars(select(AuditHead)).one()
        head.hash = prev
    queue_records(console.services, 1)
    engine = console.engine()
    try:
        with pytest.raises(StationBehindServerError,
                           match="audit entry at the server's head differs"):
            engine.push_pending()
    finally:
        engine.client.close()


def test_each_sync_records_a_keyed_checkpoint(console: Console, server: PlantServer) -> None:
    from operator_console.store.audit_key import audit_key, checkpoint_problems
    from operator_console.store.models import AuditHead
    from operator_console.store.sync_models import AuditCheckpoint
    from operator_console.sync.station import sync_once
    from tests.sync_faults.harness import queue_records

    queue_records(console.services, 2)
    sync_once(console.services, console.store, checkpoints=True)
    with console.services.db.read() as s:
        head = s.scalar(select(AuditHead.seq))
        marks = list(s.scalars(select(AuditCheckpoint.seq)))
    assert head is not None and marks and marks[-1] <= head
    key = audit_key(console.services.db, console.store, create=False)
    with console.services.db.read() as s:
        assert checkpoint_problems(s, key) == []


def test_synced_record_deleted_at_the_station_is_noticed(console: Console,
                                                        server: PlantServer) -> None:
    from sqlalchemy import text

    from operator_console.sync.engine import StationBehindServerError
    from plant_server.models import SecurityEvent
    from tests.sync_faults.harness import queue_records

    queue_records(console.services, 3)
    drain(console, server.url)
    with console.services.db.transaction() as s:
        for table in ("signatures", "records"):
            for (name,) in s.execute(text("SELECT name FROM sqlite_master WHERE type = "
                                          "'trigger' AND tbl_name = :t"), {"t": table}):
                s.execute(text(f"DROP TRIGGER {name}"))
        record_id = s.scalar(text("SELECT record_id FROM records ORDER BY seq DESC LIMIT 1"))
        s.execute(text("DELETE FROM signatures WHERE record_id = :r"), {"r": record_id})
        s.execute(text("DELETE FROM records WHERE record_id = :r"), {"r": record_id})
    queue_records(console.services, 1, signed=False)
    with console.services.db.transaction() as s:  # the new one: deleted as well
        newest = s.scalar(text("SELECT record_id FROM records ORDER BY seq DESC LIMIT 1"))
        s.execute(text("DELETE FROM records WHERE record_id = :r"), {"r": newest})
    engine = console.engine()
    try:
        with pytest.raises(StationBehindServerError, match="records from this station"):
            engine.push_pending()
    finally:
        engine.client.close()
    database = server.database()
    try:
        with database.transaction() as session:
            (event,) = session.scalars(select(SecurityEvent).where(
                SecurityEvent.station_name == console.station,
                SecurityEvent.kind == "station_rollback"))
            assert event.details["server_records"] > event.details["local_records"]
    finally:
        database.dispose()
