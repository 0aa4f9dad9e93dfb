"""An instrument phase's process data reaches a real plant server exactly once, through a
faulty link, in bounded chunks, and the server's copy equals the station's."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from operator_console.application.phase_data import PhaseDataSender
from operator_console.domain.process_data import KIND, MAX_POINTS_PER_CHUNK
from operator_console.store.historian_seconds import SqliteSecondsSink
from operator_console.store.instruments import SqliteHistorianSink
from operator_console.store.models import OutboxEntry
from operator_console.store.process_data import batch_phase_data, pending_phase_steps
from operator_console.sync.http import BadResponseError, ServerUnreachableError
from plant_server.models import PushedEntry
from plant_server.process_data_models import ProcessDataPhase
from plant_server.services.process_data import phase_data
from tests.helpers.phase_data import record_phase
from tests.sync_faults.conftest import new_console
from tests.sync_faults.harness import Console, PlantServer, assert_synced
from tests.sync_faults.proxy import FaultProxy

FAULTS = (ServerUnreachableError, BadResponseError)


def test_phase_data_pushed_exactly_once_through_faults(console: Console, server: PlantServer,
                                                       proxy: FaultProxy) -> None:
    _exactly_once(console, server, proxy)


@pytest.mark.postgres
def test_phase_data_pushed_exactly_once_postgres(pg_server: PlantServer, tmp_path: Path
                                                 ) -> None:
    pg_server.ensure_running()
    console = new_console(tmp_path, pg_server)
    proxy = FaultProxy(pg_server.port)
    try:
        _exactly_once(console, pg_server, proxy)
    finally:
        proxy.close()
        console.close()


def _exactly_once(console: Console, server: PlantServer, proxy: FaultProxy) -> None:
    # Two hours, of which the ring buffers hold the last 5,000 s (as a day-long buffer holds
    # the end of a two-week phase): the rest comes from the historian's 1 s tier.
    phase = record_phase(console.services, seconds=7200.0, buffer_s=5000.0)
    db = console.services.db
    sender = PhaseDataSender(db, phase.buffers.get, SqliteHistorianSink(db).rows_between,
                             SqliteSecondsSink(db).rows_between)
    assert sender.run_once() == 1
    assert sender.run_once() == 0 and pending_phase_steps(console.services.db) == []
    [station_copy] = batch_phase_data(console.services.db, "B-2026-0142")
    assert len(station_copy.channels) >= 2 and station_copy.windows
    for points in station_copy.channels.values():  # per second, the whole phase
        assert [p[0] for p in points] == list(range(int(phase.start), int(phase.end)))
        assert {p[1] for p in points} == {1}
    with console.services.db.read() as s:
        sizes = [len(p) for p in s.scalars(select(OutboxEntry.payload_json)
                                           .where(OutboxEntry.kind == KIND))]
    assert len(sizes) > 8 and max(sizes) < 200_000  # 2 h at 1 s: many bounded chunks
    # Every other request fails (before or after the server committed it).
    proxy.set(*["pass", "reset_response", "pass", "http500"] * 6)
    console.point_at(proxy.url)
    failures = 0
    for _ in range(30):
        engine = console.engine(batch_size=3, timeout_s=5.0)
        try:
            engine.push_pending()
        except FAULTS:
            failures += 1
        finally:
            engine.client.close()
        if console.pending() == 0:
            break
    assert failures >= 2
    assert_synced(console, server)
    database = server.database()
    try:
        with database.transaction() as session:
            stored = phase_data(session, phase.record_id)
            row = session.get(ProcessDataPhase, phase.record_id)
            rejected = list(session.scalars(select(PushedEntry.reason).where(
                PushedEntry.kind == KIND, PushedEntry.status != "accepted")))
    finally:
        database.dispose()
    assert rejected == []
    assert stored is not None and row is not None and row.received == row.parts == len(sizes)
    assert stored.as_dict() == station_copy.as_dict()
    assert stored.data_hash() == station_copy.data_hash() == row.data_hash
    assert max(len(r) for r in station_copy.channels.values()) > MAX_POINTS_PER_CHUNK
