"""Instrument runtime: owns the OPC UA client (and the demo simulator) on the Qt side.

The client runs in its own thread and is only polled from here: a QTimer (4 Hz) drains the
alarm transitions, writes each one to the audit trail through the ``TaskRunner`` (never on the
Qt thread) and tells the UI what changed. No Qt signal is emitted per sample.
"""

from __future__ import annotations

import logging
import math
import socket
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from operator_console.application.alarms import ActiveAlarm, AlarmBook
from operator_console.domain.alarms import AlarmState, AlarmTransition, LimitKind
from operator_console.domain.channels import ChannelConfig
from operator_console.instruments.opcua_client import ConnectionState, InstrumentClient
from operator_console.instruments.simulator import SimulatorThread
from operator_console.services import Services
from operator_console.ui.names.channel_names import remember_channels
from operator_console.ui.shell.tasks import TaskRunner

log = logging.getLogger(__name__)

# Event names are translated for display in ui/names/events.py (keyed by AuditEvent).
SYSTEM_ACTOR = "system"


def free_local_port() -> int:
    """A TCP port on loopback that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def event_code(transition: AlarmTransition) -> str:
    """The audit event code of one alarm transition."""
    if transition.user is not None:
        return "alarm_acknowledged"
    if transition.new is AlarmState.ACTIVE_UNACKED:
        return "alarm_raised"
    return "alarm_cleared"


def limit_of(channel: ChannelConfig | None, kind: LimitKind | None) -> float | None:
    """The limit value an alarm of ``kind`` on ``channel`` is about."""
    if channel is None or kind is None:
        return None
    return channel.high_limit if kind is LimitKind.HIGH else channel.low_limit


class InstrumentRuntime(QObject):
    """Starts/stops the instrument client, audits alarm transitions, reports state changes."""

    sig_alarms_changed = Signal(object)
    """Emitted with ``{channel_key: AlarmState}`` (every channel) when any alarm state changed."""
    sig_alarm_values = Signal()
    """Emitted on each poll while an alarm is active: live values and peaks moved (read them
    with ``active_alarms``); at the poll rate, never per sample."""
    sig_connection_changed = Signal(int, int)
    """Emitted with (connected endpoints, total endpoints) when a connection state changed."""
    sig_audit_written = Signal(str, str)
    """Emitted with (event code, channel key) after an alarm audit entry was committed."""
    sig_audit_failed = Signal(str)
    """Emitted with the error text when writing an alarm audit entry failed."""

    def __init__(self, services: Services, runner: TaskRunner, parent: QObject | None = None,
                 *, poll_interval_ms: int = 250) -> None:
        super().__init__(parent)
        self._services, self._runner = services, runner
        self._simulator: SimulatorThread | None = None
        self._client: InstrumentClient | None = None
        self._states: dict[str, AlarmState] = {}
        self._connected = (-1, -1)
        self._book = AlarmBook(())
        self._seen_until: dict[str, float] = {}
        self._ack_comments: dict[str, str] = {}
        self._timer = QTimer(self)
        self._timer.setInterval(poll_interval_ms)
        self._timer.timeout.connect(self.poll)

    # --- lifecycle -----------------------------------------------------------------------
    @property
    def client(self) -> InstrumentClient | None:
        return self._client

    @property
    def simulator(self) -> SimulatorThread | None:
        return self._simulator

    @property
    def channels(self) -> list[ChannelConfig]:
        return list(self._client.channels.values()) if self._client else []

    def start_demo(self, port: int = 0, rate_hz: float = 10.0, *,
                   simulator_options: dict[str, Any] | None = None,
                   **client_options: Any) -> InstrumentClient:
        """Start the built-in simulator on loopback (``port`` 0: a free one), then a client."""
        if self._simulator is not None or self._client is not None:
            raise RuntimeError("instrument runtime already started")
        sim = SimulatorThread(port=port or free_local_port(), rate_hz=rate_hz,
                              **(simulator_options or {}))
        sim.start()
        self._simulator = sim
        try:
            return self.start_client(InstrumentClient(sim.channels, **client_options))
        except BaseException:
            self.stop()
            raise

    def adopt_simulator(self, sim: SimulatorThread, **client_options: Any) -> InstrumentClient:
        """Take over a simulator already started elsewhere (e.g. on a worker) and connect."""
        if self._simulator is not None or self._client is not None:
            raise RuntimeError("instrument runtime already started")
        self._simulator = sim
        return self.start_client(InstrumentClient(sim.channels, **client_options))

    def start_client(self, client: InstrumentClient) -> InstrumentClient:
        """Start polling ``client`` (started here if it is not running yet)."""
        if self._client is not None:
            raise RuntimeError("instrument runtime already has a client")
        self._client = client
        if not client.running:
            client.start()
        self._states = client.alarm_states()
        self._book = AlarmBook(client.channels.values())
        remember_channels(client.channels.values())  # records name channels by key
        self._timer.start()
        return client

    def enable_historian(self, interval_s: float = 10.0, flush_every_ms: int = 5000, *,
                         clock: Callable[[], float] | None = None) -> None:
        """Keep reduced samples (min/max/mean per interval, and per second while a phase
        needs them) in the station database. The historian's writes run on the TaskRunner,
        never on the UI thread. ``clock`` (default the wall clock) says when an interval is
        over: a benchmark whose samples' clock runs faster than the wall clock passes that
        clock (see ``bench_memory``)."""
        from operator_console.instruments.historian import Historian
        from operator_console.store.historian_seconds import SqliteSecondsSink
        from operator_console.store.instruments import SqliteHistorianSink

        if self._client is None:
            raise RuntimeError("start the client before the historian")
        seconds = SqliteSecondsSink(self._services.db)
        self._historian: Historian | None = Historian(
            self._client, SqliteHistorianSink(self._services.db), interval_s=interval_s,
            seconds=seconds, clock=time.time if clock is None else clock)
        self._historian_timer = QTimer(self)
        self._historian_timer.setInterval(flush_every_ms)
        historian = self._historian
        assert historian is not None
        self._historian_timer.timeout.connect(
            lambda: self._runner.submit(historian.poll, None,
                                        lambda exc: log.error("historian: %s", exc)))
        self._historian_timer.start()
        self._enable_phase_data(SqliteHistorianSink(self._services.db).rows_between,
                                seconds.rows_between, flush_every_ms * 6,
                                time.time if clock is None else clock)

    def _enable_phase_data(self, historian_rows: Any, seconds_rows: Any, every_ms: int,
                           clock: Callable[[], float]) -> None:
        """Keep the full-resolution windows around alarms out of the ring buffers and queue
        each recorded instrument phase's process data for the plant server (built from the
        ring buffers, the kept windows and the historian on the TaskRunner, never on the UI
        thread)."""
        from operator_console.application.alarm_windows import AlarmWindowKeeper
        from operator_console.application.phase_data import PhaseDataSender

        client = self._client
        assert client is not None

        def buffer(key: str) -> Any:
            return client.buffer(key) if key in client.channels else None

        self._alarm_windows = AlarmWindowKeeper(self._services.db, buffer, clock=clock)
        keeper = self._alarm_windows
        sender = PhaseDataSender(self._services.db, buffer, historian_rows, seconds_rows,
                                 keeper.store.points_between)

        def keep_and_send() -> None:
            try:
                keeper.run_once()
            except Exception:  # the phase data is still sent (from what the buffers hold)
                log.exception("alarm windows could not be kept")
            sender.run_once()

        self._phase_data_timer = QTimer(self)
        self._phase_data_timer.setInterval(every_ms)
        self._phase_data_timer.timeout.connect(
            lambda: self._runner.submit(keep_and_send, None,
                                        lambda exc: log.error("process data: %s", exc)))
        self._phase_data_timer.start()

    def stop(self) -> None:
        """Stop polling, the client and the simulator (idempotent); pending transitions are
        audited first."""
        self._timer.stop()
        historian = getattr(self, "_historian", None)
        if historian is not None:
            self._historian_timer.stop()
            self._phase_data_timer.stop()
            self._historian = None
            self._runner.submit(historian.flush, None,
                                lambda exc: log.error("historian flush: %s", exc))
        if self._client is not None:
            self.poll()
            self._client.stop()
            self._client = None
        if self._simulator is not None:
            self._simulator.stop()
            self._simulator = None

    # --- polling -------------------------------------------------------------------------
    def poll(self) -> None:
        """Drain alarm transitions into the audit trail and emit what changed."""
        client = self._client
        if client is None:
            return
        transitions = client.drain_transitions()
        if transitions:
            self._book.apply(transitions)
            self._audit(transitions)
        had_alarms = bool(self._book.active())
        self._follow_peaks(client)
        states = client.alarm_states()
        if transitions or states != self._states:
            self._states = states
            self.sig_alarms_changed.emit(dict(states))
        elif had_alarms:
            self.sig_alarm_values.emit()
        connected = self._count_connected()
        if connected != self._connected:
            self._connected = connected
            self.sig_connection_changed.emit(*connected)

    def _follow_peaks(self, client: InstrumentClient) -> None:
        """Peaks from every sample received since the last poll (not only the latest)."""
        active = self._book.active()
        for alarm in active:
            if not alarm.condition_active:
                continue
            since = max(self._seen_until.get(alarm.channel_key, 0.0), alarm.started_at)
            snap = client.buffer(alarm.channel_key).between(since, math.inf)
            if len(snap.t):
                self._book.observe(alarm.channel_key, snap.t.tolist(), snap.values.tolist())
                self._seen_until[alarm.channel_key] = float(snap.t[-1])
        if active:
            self._book.set_live(self.latest_values())

    def _count_connected(self) -> tuple[int, int]:
        client = self._client
        if client is None:
            return 0, 0
        endpoints = client.endpoints()
        up = sum(client.connection(ep).state is ConnectionState.CONNECTED for ep in endpoints)
        return up, len(endpoints)

    def _audit(self, transitions: list[AlarmTransition]) -> None:
        assert self._client is not None
        channels = self._client.channels
        entries = []
        for tr in transitions:
            channel = channels.get(tr.channel_key)
            entries.append(dict(
                actor=tr.user or SYSTEM_ACTOR,
                event=event_code(tr),
                target=tr.channel_key,
                reason=(self._ack_comments.pop(tr.channel_key, "") if tr.user is not None
                        else "") or (tr.limit_kind.value if tr.limit_kind else ""),
                old={"state": tr.old.value},
                new={"state": tr.new.value, "value": tr.value,
                     "limit_kind": tr.limit_kind.value if tr.limit_kind else None,
                     "limit": limit_of(channel, tr.limit_kind),
                     "unit": channel.unit if channel else None},
                at=datetime.fromtimestamp(tr.t, UTC),
            ))
        services = self._services

        def write() -> list[tuple[str, str]]:
            with services.db.transaction() as s:
                for entry in entries:
                    services.audit.append(s, **entry)  # type: ignore[arg-type]
            return [(str(e["event"]), str(e["target"])) for e in entries]

        self._runner.submit(write, self._written, self._write_failed)

    def _written(self, done: list[tuple[str, str]]) -> None:
        for event, key in done:
            self.sig_audit_written.emit(event, key)

    def _write_failed(self, exc: BaseException) -> None:
        log.error("alarm audit entry could not be written: %r", exc)
        self.sig_audit_failed.emit(str(exc))

    # --- actions -------------------------------------------------------------------------
    def acknowledge(self, channel_key: str, user_id: str, comment: str = "") -> bool:
        """Acknowledge ``channel_key``'s alarm as ``user_id``; audited (who, when, the
        comment as the reason) at once. Returns False if there was nothing to acknowledge."""
        if self._client is None:
            return False
        if comment:
            self._ack_comments[channel_key] = comment
        ok = self._client.acknowledge(channel_key, user_id)
        if not ok:
            self._ack_comments.pop(channel_key, None)
        if ok:
            self.poll()
        return ok

    def active_alarms(self) -> list[ActiveAlarm]:
        """Every alarm not NORMAL, most severe first, with live value and peak."""
        return self._book.active()

    def alarm_states(self) -> dict[str, AlarmState]:
        return dict(self._states)

    def latest_values(self) -> dict[str, float | None]:
        """The newest value of every channel (None before the first), e.g. for the banner."""
        if self._client is None:
            return {}
        out: dict[str, float | None] = {}
        for key in self._client.channels:
            _t, value, quality = self._client.buffer(key).latest()
            out[key] = None if quality is None else value
        return out

    def summary(self) -> tuple[int, int, int]:
        """(connected endpoints, total endpoints, active alarms) for the home page."""
        up, total = self._count_connected()
        active = sum(s is not AlarmState.NORMAL for s in self._states.values())
        return up, total, active
