"""The historian's 1 s tier: a second written twice is one exact row, and a second is kept
while a phase that covers it has not had its process data acknowledged (and never longer than
the 10 s rows' full period)."""

from __future__ import annotations

import math

import pytest
from sqlalchemy import update

from operator_console.application.phase_data import PhaseDataSender
from operator_console.domain.demo_data import DEMO_BATCH
from operator_console.instruments.historian import aggregate
from operator_console.instruments.ringbuffer import Quality, Sample
from operator_console.services import Services
from operator_console.store.batch_phases import record_phase_start
from operator_console.store.historian_seconds import SqliteSecondsSink
from operator_console.store.instruments import SqliteHistorianSink
from operator_console.store.models import OutboxEntry
from operator_console.store.settings import set_setting
from tests.helpers.phase_data import record_phase

DAY = 86400.0
NOW = 1_800_000_000.0


def _samples(t0: float, seconds: int, key: str = "ph") -> list[Sample]:
    return [
        Sample(
            key,
            t0 + i / 10,
            math.nan if i % 13 == 0 else 7 + math.sin(i),
            Quality.BAD if i % 13 == 0 else Quality.GOOD,
        )
        for i in range(seconds * 10)
    ]


def test_a_second_written_in_two_parts_is_the_second_written_once(services: Services) -> None:
    sink = SqliteSecondsSink(services.db)
    samples = _samples(NOW, 20)
    sink.write_rows(aggregate(samples[::2], 1.0))
    sink.write_rows(aggregate(samples[1::2], 1.0))  # late samples of the same seconds
    whole = aggregate(samples, 1.0)
    stored = sink.rows_between("ph", NOW, NOW + 20)
    assert len(stored) == len(whole) == 20
    for got, want in zip(stored, whole, strict=True):
        assert (got.interval_start, got.count, got.bad_count, got.min, got.max) == (
            want.interval_start,
            want.count,
            want.bad_count,
            want.min,
            want.max,
        )
        assert got.mean == pytest.approx(want.mean, rel=1e-12)
    with pytest.raises(ValueError):
        sink.write_rows(aggregate(samples, 10.0))


def _seconds_at(sink: SqliteSecondsSink, *starts: float) -> None:
    for t0 in starts:
        sink.write_rows(aggregate(_samples(t0, 10, "temperature"), 1.0))


def _kept(sink: SqliteSecondsSink, *starts: float) -> list[bool]:
    return [bool(sink.rows_between("temperature", t0, t0 + 10)) for t0 in starts]


def test_seconds_are_kept_until_their_phase_is_acknowledged(services: Services) -> None:
    sink = SqliteSecondsSink(services.db)
    db = services.db
    before, during, recent = NOW - 9 * DAY, NOW - 6 * DAY, NOW - DAY
    _seconds_at(sink, before, during, recent)
    # A phase from 7 days ago, running: its seconds stay; what is older and not needed goes.
    with db.transaction() as s:
        record_phase_start(
            s, services.audit, DEMO_BATCH, "EXPANSION", actor="op01", t=NOW - 7 * DAY
        )
    sink.apply_retention(NOW)
    assert _kept(sink, before, during, recent) == [False, True, True]
    # Recorded (its step record) but its data not queued: still kept.
    phase = record_phase(services, seconds=600.0, t0=NOW - 7 * DAY)
    sink.apply_retention(NOW)
    assert _kept(sink, during, recent) == [True, True]
    # Queued, not yet acknowledged by the plant server: still kept.
    PhaseDataSender(
        db, phase.buffers.get, SqliteHistorianSink(db).rows_between, sink.rows_between
    ).run_once()
    sink.apply_retention(NOW)
    assert _kept(sink, during, recent) == [True, True]
    # Acknowledged: kept only its days (2 by default).
    with db.transaction() as s:
        s.execute(update(OutboxEntry).values(acked_at="2027-01-15T08:00:00Z"))
    sink.apply_retention(NOW)
    assert _kept(sink, during, recent) == [False, True]


def test_no_second_outlives_the_10s_rows_full_period(services: Services) -> None:
    sink = SqliteSecondsSink(services.db)
    old = NOW - 8 * DAY
    _seconds_at(sink, old)
    with services.db.transaction() as s:  # a phase never acknowledged, from 10 days ago
        record_phase_start(s, services.audit, "B-X", "EXPANSION", actor="op01", t=NOW - 10 * DAY)
        set_setting(
            s, services.audit, "historian_retention_days", "7", actor="admin", reason="test"
        )
    assert sink.cutoff(NOW) == NOW - 7 * DAY
    assert sink.apply_retention(NOW) == 10
    assert _kept(sink, old) == [False]
