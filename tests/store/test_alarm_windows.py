"""Full-resolution windows around alarms kept out of the ring buffers: a phase longer than
its buffers still sends the samples around an alarm early in the phase; a window is kept once;
it goes only after its phase's data is acknowledged (the 1 s tier's rule); migration 0013."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import update

from operator_console.application.alarm_windows import AlarmWindowKeeper
from operator_console.application.phase_data import PhaseDataSender
from operator_console.domain.audit_events import AuditEvent
from operator_console.domain.process_data import (
    ALARM_KEEP_CAP_S,
    ALARM_MARGIN_S,
    PhaseData,
    alarm_spans,
    kept_alarm_spans,
)
from operator_console.instruments.phase_data import raw
from operator_console.services import Services
from operator_console.store.alarm_windows import SqliteAlarmWindows
from operator_console.store.db import DB_FILENAME, make_engine
from operator_console.store.historian_seconds import SqliteSecondsSink
from operator_console.store.instruments import SqliteHistorianSink
from operator_console.store.migrate import alembic_config
from operator_console.store.models import OutboxEntry
from operator_console.store.process_data import batch_phase_data, pending_phase_steps
from tests.helpers.phase_data import RecordedPhase, record_phase

DAY = 86400.0


def _audit_alarms(services: Services, alarms: tuple[tuple[str, float, float | None], ...]) -> None:
    """The alarm log as the running console writes it (``InstrumentRuntime._audit``)."""
    with services.db.transaction() as s:
        for channel, raised, cleared in alarms:
            services.audit.append(
                s,
                actor="system",
                event=AuditEvent.ALARM_RAISED,
                target=channel,
                at=datetime.fromtimestamp(raised, UTC),
            )
            if cleared is not None:
                services.audit.append(
                    s,
                    actor="system",
                    event=AuditEvent.ALARM_CLEARED,
                    target=channel,
                    at=datetime.fromtimestamp(cleared, UTC),
                )


def _sender(services: Services, phase: RecordedPhase, kept: bool = True) -> PhaseDataSender:
    db = services.db
    return PhaseDataSender(
        db,
        phase.buffers.get,
        SqliteHistorianSink(db).rows_between,
        SqliteSecondsSink(db).rows_between,
        SqliteAlarmWindows(db).points_between if kept else None,
    )


def _long_phase(services: Services) -> RecordedPhase:
    """30 min, buffers of the last 5 min, the alarm 10 min in: the buffers no longer hold it."""
    phase = record_phase(services, seconds=1800.0, buffer_s=300.0)
    _audit_alarms(services, pending_phase_steps(services.db)[0].alarms)
    return phase


def test_a_phase_longer_than_its_buffers_sends_the_window_kept_of_an_early_alarm(
    services: Services,
) -> None:
    phase = _long_phase(services)
    step = pending_phase_steps(services.db)[0]
    ((channel, lo, hi),) = alarm_spans(step.alarms, step.start, step.end)
    assert phase.buffers[channel].between(lo, hi).t.size == 0  # the buffer has moved on
    # Without kept windows the alarm's window is empty: the gap this closes.
    assert _sender(services, phase, kept=False).build(step).windows[0].points == ()
    # While the buffer held it (here: the buffer as it was), the keeper kept it.
    AlarmWindowKeeper(services.db, phase.history.get).run_once(now=phase.end)
    data = _sender(services, phase).build(step)
    (window,) = data.windows
    want = raw(phase.history[channel].between(lo, hi), lo, hi)
    assert (window.channel, window.start, window.end) == (channel, lo, hi)
    assert list(window.points) == want and len(want) == int((hi - lo) * 10) + 1
    # ...and that is what is pushed with the batch (the queued chunks reassemble to it).
    assert _sender(services, phase).run_once() == 1
    (queued,) = batch_phase_data(services.db, step.batch_id)
    assert isinstance(queued, PhaseData) and queued.windows[0].points == tuple(
        tuple(p) for p in want
    )


def test_the_keeper_keeps_a_window_once(services: Services) -> None:
    phase = _long_phase(services)
    keeper = AlarmWindowKeeper(services.db, phase.history.get)
    step = pending_phase_steps(services.db)[0]
    channel, raised, cleared = step.alarms[0]
    assert cleared is not None
    # Before the window's end (and its grace) nothing is kept; after it, once.
    assert keeper.run_once(now=cleared + ALARM_MARGIN_S) == 0
    assert keeper.run_once(now=cleared + ALARM_MARGIN_S + 10) == 1
    assert keeper.run_once(now=phase.end) == 0
    assert AlarmWindowKeeper(services.db, phase.history.get).run_once(now=phase.end) == 0
    conn = sqlite3.connect(services.db.path)
    assert conn.execute("SELECT channel_key, count FROM alarm_raw_windows").fetchall() == [
        (channel, int((cleared - raised + 2 * ALARM_MARGIN_S) * 10) + 1)
    ]
    # A buffer that no longer holds a window keeps nothing (and breaks nothing).
    assert AlarmWindowKeeper(services.db, phase.buffers.get).run_once(now=phase.end) == 0


def test_a_long_alarm_keeps_its_first_and_last_minutes() -> None:
    raised, cleared = 1000.0, 1000.0 + 3 * 3600
    lo, hi = raised - ALARM_MARGIN_S, cleared + ALARM_MARGIN_S
    assert kept_alarm_spans(raised, None, raised) == []  # active, head not complete
    head = (lo, lo + ALARM_KEEP_CAP_S)
    assert kept_alarm_spans(raised, None, lo + ALARM_KEEP_CAP_S) == [head]  # active: head
    assert kept_alarm_spans(raised, cleared, hi - 1) == [head]
    assert kept_alarm_spans(raised, cleared, hi) == [head, (hi - ALARM_KEEP_CAP_S, hi)]
    # A short alarm: its whole window, once it is over.
    assert kept_alarm_spans(raised, raised + 30, raised + 89) == []
    assert kept_alarm_spans(raised, raised + 30, raised + 90) == [(lo, raised + 90)]
    # Head and tail never overlap.
    assert kept_alarm_spans(raised, raised + 1000, raised + 2000) == [
        (lo, lo + ALARM_KEEP_CAP_S),
        (lo + ALARM_KEEP_CAP_S, raised + 1060),
    ]


def test_the_alarm_log_pairs_raises_and_clearings(services: Services) -> None:
    now = 1_800_000_000.0
    _audit_alarms(
        services,
        (
            ("ph", now - 3 * DAY, now - 100.0),  # raised before the look
            ("ph", now - 50.0, None),
            ("do", now - 80.0, now - 70.0),
        ),
    )
    assert sorted(SqliteAlarmWindows(services.db).alarms_since(now - 2 * DAY)) == [
        ("do", now - 80.0, now - 70.0),
        ("ph", now - 3 * DAY, now - 100.0),
        ("ph", now - 50.0, None),
    ]


def test_a_window_goes_only_after_its_phase_is_acknowledged(services: Services) -> None:
    phase = _long_phase(services)
    store = SqliteAlarmWindows(services.db)
    AlarmWindowKeeper(services.db, phase.history.get).run_once(now=phase.end)
    ((channel, lo, hi),) = alarm_spans(
        pending_phase_steps(services.db)[0].alarms, phase.start, phase.end
    )
    later = phase.end + 5 * DAY  # past the 1 s tier's 2 days
    assert store.apply_retention(later) == 0  # recorded, not queued
    _sender(services, phase).run_once()
    assert store.apply_retention(later) == 0  # queued, not acknowledged
    assert store.points_between(channel, lo, hi)
    with services.db.transaction() as s:
        s.execute(update(OutboxEntry).values(acked_at="2027-01-15T08:00:00Z"))
    assert store.apply_retention(phase.end + DAY) == 0  # acknowledged, within the 2 days
    assert store.apply_retention(later) == 1
    assert store.points_between(channel, lo, hi) == []


def test_the_keeper_runs_retention_at_most_hourly(services: Services) -> None:
    phase = _long_phase(services)
    keeper = AlarmWindowKeeper(services.db, phase.history.get)
    keeper.run_once(now=phase.end)
    _sender(services, phase).run_once()
    later = phase.end + 5 * DAY
    keeper.run_once(now=later)  # retention runs: not acknowledged, kept

    def count() -> int:
        return int(
            sqlite3.connect(services.db.path)
            .execute("SELECT count(*) FROM alarm_raw_windows")
            .fetchone()[0]
        )

    assert count() == 1
    with services.db.transaction() as s:
        s.execute(update(OutboxEntry).values(acked_at="2027-01-15T08:00:00Z"))
    keeper.run_once(now=later + 600)
    assert count() == 1  # retention ran 10 minutes ago
    keeper.run_once(now=later + 3600)
    assert count() == 0


def test_migration_0013_upgrades_and_downgrades(tmp_path: Path) -> None:
    from alembic import command

    engine = make_engine(tmp_path / DB_FILENAME)
    config = alembic_config(engine)
    command.upgrade(config, "0012")

    def tables() -> set[str]:
        with engine.connect() as conn:
            return {
                r[0]
                for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")
            }

    assert "alarm_raw_windows" not in tables()
    command.upgrade(config, "0013")
    assert "alarm_raw_windows" in tables()
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO alarm_raw_windows (channel_key, t0, t1, count, points)"
            " VALUES ('ph', 1.0, 2.0, 0, x'00')"
        )
    command.downgrade(config, "0012")
    assert "alarm_raw_windows" not in tables() and "historian_seconds" in tables()
    engine.dispose()
