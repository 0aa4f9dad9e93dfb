"""Frame time of the Traces page: 32 channels at 50 Hz with one hour of history in view.

The real ``TracesPage`` redraw path: an (unstarted) ``InstrumentClient`` whose 32 ring buffers
hold one hour at 50 Hz (180,000 points per channel), all channels overlaid in one plot, the
1 h span following live data. Per frame the synthetic data advances by the data time between
two redraws of the page: while following it redraws once the view has moved by a pixel (1 h
over ~1,470 px: ~2.5 s, ~120 new samples per channel, appended outside the timed part, as the
instrument thread would; the baseline gets the same). The timed part is ``page.refresh()``
plus ``processEvents()``, which paints what changed (plot and value tiles) through the
window's backing store as the event loop does; an event filter checks that the plot was
painted in every frame. The page's own timer is stopped; the benchmark drives the frames.
Offscreen Qt (software raster), 1920x1080. While following, the page's ``TraceLayer`` scrolls
its cached picture by the whole pixels the view moved and draws again only the columns whose
points changed; the counts of scrolled and full redraws are printed with the figures.

Baseline, measured in the same run at the same window size: one ``PlotWidget`` with 32
``PlotDataItem``s with default options; per frame each channel's whole history is shifted with
``np.roll``, the new samples written at the end and the whole array passed to ``setData``, then
the event loop paints it. Goal: p99 under 16.7 ms and at least 5x faster than the baseline.
"""

from __future__ import annotations

import os
import statistics
import time
from dataclasses import replace
from typing import Any

import numpy as np

QUICK = {"frames": 30, "base_frames": 3, "channels": 8}  # run_all --quick
GOAL_P99_MS = 16.7
GOAL_RATIO = 5.0
RATE_HZ = 50.0
HISTORY_S = 3600.0
FRAME_S = 0.05  # the page's redraw interval (REDRAW_MS)
SIZE = (1920, 1080)


def _app() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _channels(n: int) -> list[Any]:
    from operator_console.domain.channels import demo_channels

    base = demo_channels("opc.tcp://127.0.0.1:4999/")
    out = []
    for i in range(n):
        c = base[i % len(base)]
        out.append(replace(c, key=f"ch{i:02d}", node_id=f"ns=2;s=Bench.Ch{i:02d}",
                           name_en=f"{c.name_en} {i}", name_ja=f"{c.name_ja} {i}",
                           stale_after_s=5.0))
    return out


def _signal(c: Any, t: np.ndarray, phase: float, rng: np.random.Generator) -> np.ndarray:
    mid = (c.display_min + c.display_max) / 2
    amp = (c.display_max - c.display_min) / 4
    noise = rng.normal(0.0, amp / 20, len(t))
    return np.asarray(mid + amp * np.sin(2 * np.pi * t / 600.0 + phase) + noise)


def _prefill(buf: Any, t: np.ndarray, v: np.ndarray) -> None:
    """Fill a fresh RingBuffer with a full history at once (append() per sample is slow)."""
    n = len(t)
    assert n <= buf.capacity
    with buf._lock:
        buf._t[:n], buf._v[:n], buf._q[:n] = t, v, 0
        buf._version = n
        buf._last_t, buf._last_value = float(t[-1]), float(v[-1])
        buf._last_update_monotonic = time.monotonic()
        from operator_console.instruments.ringbuffer import Quality

        buf._last_quality = Quality.GOOD


def _paint_counter() -> Any:
    from PySide6.QtCore import QEvent, QObject

    class PaintCounter(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.n = 0

        def eventFilter(self, watched: Any, event: Any) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.n += 1
            return False

    return PaintCounter()


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class _Feed:
    """Synthetic 50 Hz data, advanced one frame interval at a time."""

    def __init__(self, channels: list[Any], points: int, seed: int = 1) -> None:
        self.rng = np.random.default_rng(seed)
        self.channels = channels
        self.phases = self.rng.uniform(0, 2 * np.pi, len(channels))
        # Start so the newest sample is "now": the page follows the data's clock.
        self.next_index = 0
        self.t_end = time.time()
        self.t0 = self.t_end - points / RATE_HZ
        self.points = points

    def history(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        t = self.t0 + np.arange(self.points) / RATE_HZ
        return t, _signal(self.channels[i], t, self.phases[i], self.rng)

    def step(self, dt: float) -> tuple[np.ndarray, list[np.ndarray]]:
        """The sample times (and per-channel values) of the next ``dt`` seconds."""
        self.t_end += dt
        start = self.t0 + self.points / RATE_HZ + self.next_index / RATE_HZ
        n = int((self.t_end - start) * RATE_HZ) + 1
        t = start + np.arange(n) / RATE_HZ
        t = t[t <= self.t_end]
        self.next_index += len(t)
        return t, [_signal(c, t, p, self.rng) for c, p in zip(self.channels, self.phases,
                                                                strict=True)]


def _frame_step(page: Any) -> float:
    """Data time between two redraws: the page redraws (while following) once the view has
    moved by a pixel, and its timer ticks every 50 ms."""
    plot = next(t.plot for t in page._traces.values() if t.plot is not None)
    return max(FRAME_S, page._span / max(200.0, plot.vb.width()) * 1.02 + 1 / RATE_HZ)


def _bench_page(channels: list[Any], points: int, frames: int
                ) -> tuple[list[float], int, float, Any]:
    from operator_console.gc_pauses import settle
    from operator_console.instruments.opcua_client import InstrumentClient
    from operator_console.ui.pages.traces.page import TracesPage

    app = _app()
    client = InstrumentClient(channels, history_s=points / RATE_HZ, sample_rate_hz=RATE_HZ)
    feed = _Feed(channels, points)
    for i, c in enumerate(channels):
        _prefill(client.buffer(c.key), *feed.history(i))
    page = TracesPage(client)
    page.resize(*SIZE)
    page.set_overlay(True)
    page.set_span(HISTORY_S)
    page.show()
    page.timer.stop()  # the benchmark drives the frames
    for _ in range(5):
        app.processEvents()
    step_s = _frame_step(page)
    page.refresh()
    app.processEvents()
    counter = _paint_counter()
    page.plots.viewport().installEventFilter(counter)
    settle()  # as the application does once the page is built (see gc_pauses)
    times: list[float] = []
    full_redraws = painted_frames = 0
    try:
        for _ in range(frames):
            t, values = feed.step(step_s)
            for c, v in zip(channels, values, strict=True):
                buf = client.buffer(c.key)
                for ti, vi in zip(t.tolist(), v.tolist(), strict=True):
                    buf.append(ti, vi)
            app.processEvents()
            painted = counter.n
            t0 = time.perf_counter()
            page.refresh()
            app.processEvents()  # the real paint: pending updates through the backing store
            times.append(time.perf_counter() - t0)
            painted_frames += counter.n > painted
            if all(page._traces[c.key].version == client.buffer(c.key).version
                   for c in channels):
                full_redraws += 1
    finally:
        page.close()
        page.deleteLater()
        app.processEvents()
    layer = next(t.layer for t in page._traces.values() if t.layer is not None)
    return times, min(full_redraws, painted_frames), step_s, layer.stats


def _bench_baseline(channels: list[Any], points: int, frames: int, step_s: float
                    ) -> list[float]:
    import pyqtgraph as pg

    from operator_console.ui.pages.traces.page import PALETTE

    app = _app()
    feed = _Feed(channels, points)
    widget = pg.PlotWidget()
    widget.resize(*SIZE)
    items, xs, ys = [], [], []
    for i in range(len(channels)):
        x, y = feed.history(i)
        xs.append(x)
        ys.append(y)
        item = pg.PlotDataItem(x, y, pen=PALETTE[i % len(PALETTE)])
        widget.addItem(item)
        items.append(item)
    widget.show()
    for _ in range(5):
        app.processEvents()
    counter = _paint_counter()
    widget.viewport().installEventFilter(counter)
    times: list[float] = []
    try:
        for _ in range(frames):
            t, values = feed.step(step_s)
            n = len(t)
            app.processEvents()
            painted = counter.n
            t0 = time.perf_counter()
            for i, item in enumerate(items):
                if n:
                    xs[i] = np.roll(xs[i], -n)
                    ys[i] = np.roll(ys[i], -n)
                    xs[i][-n:], ys[i][-n:] = t, values[i]
                item.setData(xs[i], ys[i])
            app.processEvents()
            times.append(time.perf_counter() - t0)
            if counter.n == painted:
                raise RuntimeError("baseline frame was not painted")
    finally:
        widget.close()
        widget.deleteLater()
        app.processEvents()
    return times


def run(frames: int = 300, base_frames: int = 10, channels: int = 32,
        history_s: float = HISTORY_S) -> list[tuple[str, float, str]]:
    chans = _channels(channels)
    points = int(history_s * RATE_HZ)
    page_times, full, step_s, stats = _bench_page(chans, points, frames)
    base_times = _bench_baseline(chans, points, base_frames, step_s)
    med, p99 = statistics.median(page_times) * 1000, _percentile(page_times, 0.99) * 1000
    b_med, b_p99 = statistics.median(base_times) * 1000, _percentile(base_times, 0.99) * 1000
    tag = f"{channels} ch x {points:,} pts"
    return [
        (f"traces: TracesPage frame median ({tag}, n={frames})", med, "ms"),
        ("traces: TracesPage frame p99", p99,
         f"ms (goal < {GOAL_P99_MS}; {full}/{frames} frames redrew every curve and painted)"),
        (f"traces: baseline roll+setData frame median (n={base_frames})", b_med, "ms"),
        ("traces: baseline frame p99", b_p99, "ms"),
        ("traces: baseline median / page median", b_med / med,
         f"x faster (goal >= {GOAL_RATIO:g})"),
        ("traces: baseline p99 / page p99", b_p99 / p99, "x faster"),
        ("traces: data time between redraws (one pixel of the 1 h view)", step_s * 1000,
         f"ms ({step_s * RATE_HZ:.0f} new samples per channel per frame)"),
        ("traces: frames drawn by scrolling the cached picture", float(stats.partial),
         f"of {stats.partial + stats.full} paints ({stats.full} full redraws); "
         f"{stats.columns / max(stats.partial, 1):.0f} columns redrawn per scroll"),
    ]


if __name__ == "__main__":
    import sys

    for name, value, unit in run(**(QUICK if "--quick" in sys.argv else {})):
        print(f"{name:58s} {value:12,.3f} {unit}")
