"""Memory: trace history per channel-day, and a console's RSS over a long run of traffic.

Part 1, per channel-day: a channel's ``RingBuffer`` as the client makes it (24 h of history
sized for 10 Hz; raw samples for the last hour, ``full_resolution_s``, and min/max/mean
buckets of the day in its ``MinMaxPyramid``) filled with a day of 10 Hz samples; its bytes
(``nbytes``: every array allocated, raw and pyramid) beside the bytes of a buffer keeping
the whole day raw (as before: 17 bytes per sample), and the process's RSS growth for 16 such
channels (what the OS really gives). Goal: bounded, here under 5 MB per channel-day.

Part 2, RSS over time: the demo's 7 channels fed through the client's ingest path
(``_ingest``: ring buffer, alarms, historian queue) from a thread, with the historian writing
to a station store through the ``TaskRunner`` and the Traces page visible (stacked, redrawn
by its own timer) — what a console shows. Time is compressed: the samples' clock runs
``SPEEDUP`` times faster than the wall clock (10 Hz of data time per channel, so ``SPEEDUP``
x 70 values/s), so a few minutes of wall time are hours of traffic; the raw hour fills in
``3600 / SPEEDUP`` s. The historian closes its intervals by the samples' clock too (its
``clock``), as a console's historian closes real-time data's. Before the run every
channel's buffer is given more history than it keeps (``prefill_h``, 25 h: raw arrays full,
every pyramid level at its retention), so what the history is designed to hold (part 1) is
held from the start, and RSS that still grows would be a leak. RSS is sampled every
``seconds / 8``; goal: after the first quarter of the run (allocator and caches warm) it no
longer grows.
"""

from __future__ import annotations

import math
import os
import tempfile
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

QUICK = {"seconds": 12.0, "rss_channels": 4}  # run_all --quick
RATE_HZ = 10.0
DAY = 86400.0
SPEEDUP = 60.0
GOAL_MB_PER_CHANNEL_DAY = 5.0


def _rss() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def _fill_day(buf: Any, seed: int) -> None:
    rng = np.random.default_rng(seed)
    start = 1_800_000_000.0
    step = 3600 * int(RATE_HZ)
    for i in range(0, int(DAY * RATE_HZ), step):
        t = start + (i + np.arange(step)) / RATE_HZ
        buf.extend(t, 37 + np.sin(t / 600) + rng.normal(0, 0.05, step))


def _per_channel_day(channels: int) -> tuple[float, float, float]:
    """(pyramid buffer bytes, all-raw bytes, RSS growth per channel) for a day at 10 Hz."""
    from operator_console.instruments.ringbuffer import RingBuffer

    one = RingBuffer.for_duration(DAY, RATE_HZ, full_resolution_s=3600.0)
    _fill_day(one, 0)
    raw = int(DAY * RATE_HZ) * (8 + 8 + 1)
    before = _rss()
    kept = []
    for c in range(channels):
        buf = RingBuffer.for_duration(DAY, RATE_HZ, full_resolution_s=3600.0)
        _fill_day(buf, c)
        kept.append(buf)
    grown = (_rss() - before) / channels
    return float(one.nbytes()), float(raw), float(grown)


class _Feeder(threading.Thread):
    """10 Hz of data time per channel, its clock ``SPEEDUP`` x the wall clock."""

    def __init__(self, client: Any, channels: list[Any]) -> None:
        super().__init__(name="bench-memory-feeder", daemon=True)
        self.client, self.channels = client, channels
        self.stop_event = threading.Event()
        self.sent = 0
        self.wall0, self.data0 = time.monotonic(), time.time()

    def clock(self) -> float:
        """The samples' clock (epoch seconds), ``SPEEDUP`` x the wall clock from the start:
        the historian's, so that it closes the intervals of the compressed data as a
        console closes those of real-time data. (With the wall clock every interval the
        fast data opened stayed open: an aggregator growing by about 0.5 MB per minute,
        which was this benchmark's own growth, not the console's.)"""
        return self.data0 + (time.monotonic() - self.wall0) * SPEEDUP

    def run(self) -> None:
        from asyncua import ua

        wall0, data0 = self.wall0, self.data0
        i = 0
        while not self.stop_event.is_set():
            due = (time.monotonic() - wall0) * SPEEDUP * RATE_HZ
            while i < due:
                stamp = datetime.fromtimestamp(data0 + i / RATE_HZ, UTC)
                for j, channel in enumerate(self.channels):
                    mid = (channel.display_min + channel.display_max) / 2
                    amp = (channel.display_max - channel.display_min) / 6
                    dv = ua.DataValue(ua.Variant(mid + amp * math.sin(i / 3000 + j),
                                                 ua.VariantType.Double),
                                      SourceTimestamp=stamp)
                    self.client._ingest(channel, dv)
                self.sent += len(self.channels)
                i += 1
            time.sleep(0.01)


def _prefill(client: Any, channels: list[Any], hours: float) -> None:
    """``hours`` of 10 Hz history up to now in every channel's buffer, written straight in
    (``extend``): with more than the buffers keep (24 h), every array is at its bound before
    the run, so RSS that grows during it is not history filling up as designed."""
    end = time.time()
    step = 3600 * int(RATE_HZ)
    total = int(hours * 3600 * RATE_HZ)
    for j, channel in enumerate(channels):
        buf = client.buffer(channel.key)
        mid = (channel.display_min + channel.display_max) / 2
        amp = (channel.display_max - channel.display_min) / 6
        for i in range(0, total, step):
            t = end - (total - i - np.arange(step)) / RATE_HZ
            buf.extend(t, mid + amp * np.sin(t / 300 + j))


def _rss_over_time(seconds: float, prefill_h: float) -> list[tuple[float, float, float]]:
    """(wall s, data h, RSS MB) samples of a console under compressed demo traffic."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from operator_console.domain.channels import demo_channels
    from operator_console.gc_pauses import settle
    from operator_console.instruments.opcua_client import ConnectionState, InstrumentClient
    from operator_console.services import open_services
    from operator_console.ui.pages.traces.page import TracesPage
    from operator_console.ui.shell.instrument_runtime import InstrumentRuntime
    from operator_console.ui.shell.tasks import TaskRunner

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([])
    endpoint = "opc.tcp://127.0.0.1:4995/"
    chans = [replace(c, endpoint=endpoint) for c in demo_channels(endpoint)]
    samples: list[tuple[float, float, float]] = []
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        services = open_services(Path(tmp))
        runner = TaskRunner()
        runtime = InstrumentRuntime(services, runner)
        client = InstrumentClient(chans)  # the defaults: 24 h sized for 10 Hz, raw 1 h
        client.start = lambda: None  # type: ignore[method-assign]  # fed by _Feeder
        client._set_status(endpoint, ConnectionState.CONNECTED)
        _prefill(client, chans, prefill_h)
        feeder = _Feeder(client, chans)
        page = None
        try:
            runtime.start_client(client)
            runtime.enable_historian(interval_s=10.0, flush_every_ms=1000, clock=feeder.clock)
            page = TracesPage(client)
            page.resize(1920, 1080)
            page.show()
            settle()
            feeder.wall0, feeder.data0 = time.monotonic(), time.time()
            feeder.start()
            start = time.monotonic()
            loop = QEventLoop()

            def sample() -> None:
                wall = time.monotonic() - start
                hours = feeder.sent / len(chans) / RATE_HZ / 3600
                samples.append((wall, hours, _rss() / 1e6))
                if wall >= seconds:
                    loop.quit()

            timer = QTimer()
            timer.timeout.connect(sample)
            timer.start(int(seconds * 1000 / 8))
            sample()
            loop.exec()
            timer.stop()
        finally:
            feeder.stop_event.set()
            feeder.join(5)
            if page is not None:
                page.close()
                page.deleteLater()
            runtime.stop()
            runner.wait()
            app.processEvents()
        services.close()
    return samples


def run(seconds: float = 240.0, rss_channels: int = 16,
        prefill_h: float = 25.0) -> list[tuple[str, float, str]]:
    nbytes, raw, grown = _per_channel_day(rss_channels)
    rows: list[tuple[str, float, str]] = [
        ("memory: trace history per channel-day, 10 Hz (raw 1 h + pyramid)", nbytes / 1e6,
         f"MB (goal < {GOAL_MB_PER_CHANNEL_DAY:g})"),
        ("memory: the same day kept raw (before)", raw / 1e6, "MB"),
        ("memory: raw / pyramid", raw / nbytes, "x less"),
        (f"memory: RSS growth per channel-day ({rss_channels} channels filled)", grown / 1e6,
         "MB"),
        ("memory: 64 channels x 24 h at 10 Hz", 64 * nbytes / 1e6,
         f"MB (was {64 * raw / 1e6:,.0f})"),
    ]
    samples = _rss_over_time(seconds, prefill_h)
    for wall, hours, rss in samples:
        rows.append((f"memory: console RSS at {wall:5.0f} s wall = {hours:4.1f} h of demo "
                     f"traffic (x{SPEEDUP:g})", rss, "MB"))
    later = [rss for wall, _h, rss in samples if wall >= seconds / 4]
    rows.append((f"memory: RSS growth after the first quarter of the run ({prefill_h:g} h "
                 "of history written first: every buffer at its bound)",
                 max(later) - min(later) + 1e-6,
                 f"MB over {samples[-1][1] - samples[0][1]:.1f} h of traffic in total"))
    rows.append(("memory: RSS at the end vs after the first quarter",
                 later[-1] / later[0], "x (1 = flat)"))
    return rows


if __name__ == "__main__":
    import sys

    for name, value, unit in run(**(QUICK if "--quick" in sys.argv else {})):
        print(f"{name:72s} {value:10,.3f} {unit}")
