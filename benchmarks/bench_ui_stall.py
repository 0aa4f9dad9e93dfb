"""The UI thread's longest stall while 64 channels stream at 100 Hz and the historian writes.

Setup: an ``InstrumentClient`` with 64 channels (the demo channel kinds repeated) whose
samples come through the client's real ingest path (``_ingest``: ring buffer + alarm
evaluation + historian sample queue) from a background thread at 100 Hz per channel, 6,400
values/s. The built-in simulator serves only its 7 demo channels and cannot be given more,
so OPC UA itself is not in this loop (``bench_opcua`` measures that part; the feeder thread's
DataValue construction stands in for asyncua's work on the GIL). The ``TracesPage`` is visible
(1920x1080, stacked, default 10 min span, its own 20 Hz redraw timer), an
``InstrumentRuntime`` polls the client (alarm audit) and its historian drains the sample queue
and writes to SQLite through the ``TaskRunner`` (1 s intervals, polled every second).

Measured: a 10 ms ``QTimer`` (PreciseTimer) probe on the UI thread; a stall is the gap between
two probe ticks minus 10 ms. Baseline in the same run: the same probe on an idle event loop.
Goal: longest stall under 50 ms. The UI thread's own CPU time between two probe
ticks is printed too: on a loaded machine a stall is mostly waiting for a CPU, and the
thread's own work is what the page decides. Both loops start after ``gc_pauses.settle()``,
as the application's screens do (it takes the one long collection at login, lock and
log-out).
"""

from __future__ import annotations

import itertools
import math
import os
import statistics
import tempfile
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

QUICK = {"seconds": 2.0, "idle_seconds": 1.0, "channels": 16}  # run_all --quick
GOAL_MS = 50.0
PROBE_MS = 10
RATE_HZ = 100.0


def _app() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _probe(app: Any, seconds: float, cpu: list[float] | None = None) -> list[float]:
    """Run the event loop for ``seconds`` with a 10 ms probe; the gaps between ticks (s).
    ``cpu`` receives the UI thread's own CPU time in each gap (s): what it worked, as
    against what it waited for (a CPU of the loaded machine, or the GIL)."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    ticks: list[tuple[float, float]] = []

    def tick() -> None:
        ticks.append((time.perf_counter(), time.thread_time()))

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(PROBE_MS)
    timer.timeout.connect(tick)
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    timer.start()
    tick()
    loop.exec()
    timer.stop()
    if cpu is not None:
        cpu[:] = [b[1] - a[1] for a, b in itertools.pairwise(ticks)]
    return [b[0] - a[0] for a, b in itertools.pairwise(ticks)]


def _channels(endpoint: str, n: int) -> list[Any]:
    from operator_console.domain.channels import demo_channels

    base = demo_channels(endpoint)
    return [replace(base[i % len(base)], key=f"ch{i:02d}", node_id=f"ns=2;s=Bench.Ch{i:02d}",
                    name_en=f"{base[i % len(base)].name_en} {i}",
                    name_ja=f"{base[i % len(base)].name_ja} {i}")
            for i in range(n)]


class _Feeder(threading.Thread):
    """Pushes one DataValue per channel every 10 ms through the client's ingest path."""

    def __init__(self, client: Any, channels: list[Any]) -> None:
        super().__init__(name="bench-feeder", daemon=True)
        self.client, self.channels = client, channels
        self.stop_event = threading.Event()
        self.sent = 0
        self.late_ticks = 0

    def run(self) -> None:
        from asyncua import ua

        period = 1.0 / RATE_HZ
        mids = [(c.display_min + c.display_max) / 2 for c in self.channels]
        amps = [(c.display_max - c.display_min) / 5 for c in self.channels]
        next_tick = time.monotonic()
        i = 0
        while not self.stop_event.is_set():
            stamp = datetime.now(UTC)
            for j, channel in enumerate(self.channels):
                value = mids[j] + amps[j] * math.sin(i / 300 + j)
                dv = ua.DataValue(ua.Variant(value, ua.VariantType.Double),
                                  SourceTimestamp=stamp + timedelta(microseconds=j))
                self.client._ingest(channel, dv)
            self.sent += len(self.channels)
            i += 1
            next_tick += period
            delay = next_tick - time.monotonic()
            if delay < -period:
                self.late_ticks += 1
                next_tick = time.monotonic()
            elif delay > 0:
                time.sleep(delay)


def run(seconds: float = 20.0, idle_seconds: float = 5.0, channels: int = 64
        ) -> list[tuple[str, float, str]]:
    from sqlalchemy import func, select

    from operator_console.gc_pauses import settle
    from operator_console.instruments.opcua_client import ConnectionState, InstrumentClient
    from operator_console.services import open_services
    from operator_console.store.instruments import HistorianRowModel
    from operator_console.ui.pages.traces.page import TracesPage
    from operator_console.ui.shell.instrument_runtime import InstrumentRuntime
    from operator_console.ui.shell.tasks import TaskRunner

    app = _app()
    settle()  # a clean start for the idle baseline too (run_all runs other benchmarks first)
    idle = _probe(app, idle_seconds)
    endpoint = "opc.tcp://127.0.0.1:4998/"
    chans = _channels(endpoint, channels)
    with tempfile.TemporaryDirectory(prefix="bench-stall-") as tmp:
        services = open_services(Path(tmp))
        runner = TaskRunner()
        runtime = InstrumentRuntime(services, runner)
        client = InstrumentClient(chans, history_s=3600.0, sample_rate_hz=RATE_HZ)
        client.start = lambda: None  # type: ignore[method-assign]  # fed by _Feeder, no OPC UA
        client._set_status(endpoint, ConnectionState.CONNECTED)
        feeder = _Feeder(client, chans)
        page = None
        try:
            runtime.start_client(client)
            runtime.enable_historian(interval_s=1.0, flush_every_ms=1000)
            page = TracesPage(client)
            page.resize(1920, 1080)
            page.show()
            settle()  # as the application does once it is built (see gc_pauses)
            feeder.start()
            _probe(app, 1.0)  # warm-up: first buffers, first historian rows
            sent0 = feeder.sent
            cpu: list[float] = []
            gaps = _probe(app, seconds, cpu)
            sent = feeder.sent - sent0
        finally:
            feeder.stop_event.set()
            feeder.join(5)
            if page is not None:
                page.close()
                page.deleteLater()
            runtime.stop()
            runner.wait()
            app.processEvents()
        with services.db.read() as s:
            rows = s.scalar(select(func.count()).select_from(HistorianRowModel)) or 0
        services.close()
    stall = max(max(gaps) - PROBE_MS / 1000, 1e-6)
    idle_stall = max(max(idle) - PROBE_MS / 1000, 1e-6)
    p99 = sorted(gaps)[min(len(gaps) - 1, round(0.99 * (len(gaps) - 1)))] - PROBE_MS / 1000
    tag = f"{channels} ch x {RATE_HZ:g} Hz, {seconds:g} s"
    longest = max(range(len(gaps)), key=gaps.__getitem__)
    return [
        (f"ui stall: longest, streaming + historian ({tag})", stall * 1000,
         f"ms (goal < {GOAL_MS:g})"),
        ("ui stall: the UI thread's own work in the longest stall", cpu[longest] * 1000 + 1e-6,
         "ms CPU (the rest it waited for a CPU or the GIL)"),
        ("ui stall: the UI thread's most work between two probe ticks", max(cpu) * 1000,
         "ms CPU (the longest turn of the event loop, machine load aside)"),
        ("ui stall: p99 probe lateness, streaming", max(p99, 0.0) * 1000 + 1e-6, "ms"),
        ("ui stall: median probe gap, streaming", statistics.median(gaps) * 1000, "ms"),
        (f"ui stall: baseline longest, idle loop ({idle_seconds:g} s)", idle_stall * 1000, "ms"),
        ("ui stall: streaming / idle longest stall", stall / max(idle_stall, 1e-4),
         "x baseline"),
        ("ui stall: values fed through the client", sent / seconds,
         f"values/s (feeder late ticks: {feeder.late_ticks})"),
        ("ui stall: historian rows written", float(rows) + 1e-6, "rows"),
    ]


if __name__ == "__main__":
    import sys

    for name, value, unit in run(**(QUICK if "--quick" in sys.argv else {})):
        print(f"{name:58s} {value:12,.3f} {unit}")
