"""The running console keeps each alarm's full-resolution window out of the ring buffer
(``AlarmWindowKeeper`` on the TaskRunner, with the process-data sender)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from operator_console.instruments.simulator import SimulatorThread
from operator_console.ui.shell.controller import AppController
from operator_console.ui.shell.instrument_runtime import InstrumentRuntime
from tests.instruments.conftest import fast, free_port, make_client


@pytest.fixture(scope="module")
def sim() -> Iterator[SimulatorThread]:
    thread = SimulatorThread(port=free_port(), rate_hz=20.0, excursions=(), seed=11)
    thread.start()
    yield thread
    thread.stop()


def test_the_running_console_keeps_an_alarms_window(
    qtbot: QtBot, make_controller: object, sim: SimulatorThread
) -> None:
    ctl: AppController = make_controller()  # type: ignore[operator]
    runtime = InstrumentRuntime(ctl.services, ctl.runner, poll_interval_ms=50)
    runtime.start_client(make_client(fast(sim.channels, alarm_delay_s=0.2)))
    # The keeper's clock 20 min ahead: the window (to 60 s past the clearing, or an active
    # alarm's first 15 min) is over at once.
    runtime.enable_historian(interval_s=0.5, flush_every_ms=100, clock=lambda: time.time() + 1200)
    ctl.attach_instruments(runtime)
    client = runtime.client
    assert client is not None
    qtbot.waitUntil(lambda: client.buffer("temperature").latest()[2] is not None, timeout=10000)
    sim.simulator.force_value("temperature", 38.4)
    qtbot.waitUntil(
        lambda: (
            client.alarm_states().get("temperature") is not None
            and client.alarm_states()["temperature"].value != "normal"
        ),
        timeout=10000,
    )
    sim.simulator.reset_overrides()
    path = ctl.services.db.path

    def kept() -> list[tuple[str, int]]:
        with sqlite3.connect(path) as conn:
            return conn.execute("SELECT channel_key, count FROM alarm_raw_windows").fetchall()

    qtbot.waitUntil(lambda: bool(kept()), timeout=20000)
    ((channel, count),) = kept()
    assert channel == "temperature" and count > 0
    runtime.stop()
