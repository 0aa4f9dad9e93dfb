"""Frame time of the Traces page over 8/32/64/128 channels at 50 Hz, one hour in view, while
following live data and while panning/zooming, beside pyqtgraph used well.

The real ``TracesPage`` at 1920x1080 (the size of the maximised main window; the page gets
less in it, so this is the harder case): an (unstarted) ``InstrumentClient`` whose ring
buffers hold one hour at 50 Hz (180,000 samples per channel), all channels overlaid in one
plot (every curve in sight: the worst case; stacked plots draw only those scrolled into
sight), the 1 h span. The timed part is what the page does in one turn of its timer,
``page.refresh()``, plus ``processEvents()``, which paints what changed (plot, axes, value
tiles) through the window's backing store as the event loop does.

Following: per frame the synthetic data advances by the data time between two redraws (the
page redraws once the view has moved by a pixel: 1 h over ~1,470 px, ~2.5 s, ~120 samples
per channel, appended outside the timed part as the instrument thread would); the
``TraceLayer`` scrolls its cached picture and draws only the new columns.
Panning/zooming: per frame the view is dragged by 1.3 % of the span or zoomed by 8 % (a
fixed cycle of both, as a finger does), through the view box as a drag does (``translateBy``
/ ``scaleBy`` and ``sigRangeChangedManually``), with new data coming in; then the finger
lifts and the frames until the exact picture is complete are timed too. The page snaps a
drag to whole device pixels, so a pan scrolls the cached picture; a frame whose pixel grid
changed (a zoom, and pans after it) shows a preview (the last exact picture stretched to the
new grid) and, once the view rests, the exact picture is drawn off screen a few curves per
frame from the buffers' min/max pyramids at the new grid, and replaces it. The cost of one
full redraw of every curve (what each pan/zoom frame used to cost) is printed too.

Peer, measured in the same run at the same size and channel count: pyqtgraph used well —
one ``PlotWidget``, a ``PlotDataItem`` per channel with peak downsampling (auto),
``clipToView``, ``skipFiniteCheck``, 1 px pens, no antialiasing, float64 arrays that grow in
place (no ``np.roll``), one redraw per frame, the same data and the same moves. Goal: p99
under 16.7 ms at 32 channels and under 33 ms at 64, following and panning/zooming.
Offscreen Qt (software raster). Each frame's UI-thread CPU time (``time.thread_time``) is
printed beside its wall time: on a loaded machine the wall time's tail is mostly waiting for
a CPU.
"""

from __future__ import annotations

import os
import statistics
import time
from dataclasses import replace
from typing import Any

import numpy as np

QUICK = {"frames": 12, "channel_counts": (8, 32)}  # run_all --quick
GOALS_P99_MS = {32: 16.7, 64: 33.0}
RATE_HZ = 50.0
HISTORY_S = 3600.0
FRAME_S = 0.05  # the page's redraw interval (REDRAW_MS)
SIZE = (1920, 1080)
# The pan/zoom cycle: (kind, amount) per frame; each cycle ends zoomed in a little more, so
# the last frames leave a picture to be made exact after the gesture.
MOVES = (("pan", -0.013),) * 3 + (("zoom", 0.92),) * 2 + (("pan", 0.013),) * 3 + \
    (("zoom", 1 / 0.92),)


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


def _move(vb: Any, kind: str, amount: float) -> None:
    """What a drag or a pinch does to a view box."""
    x0, x1 = vb.viewRange()[0]
    if kind == "pan":
        vb.translateBy(x=(x1 - x0) * amount)
    else:
        vb.scaleBy(x=amount, center=((x0 + x1) / 2, 0.0))
    vb.sigRangeChangedManually.emit(vb.state["mouseEnabled"])


def _append(client: Any, channels: list[Any], t: np.ndarray, values: list[np.ndarray]
            ) -> None:
    for c, v in zip(channels, values, strict=True):
        buf = client.buffer(c.key)
        for ti, vi in zip(t.tolist(), v.tolist(), strict=True):
            buf.append(ti, vi)


def _bench_page(channels: list[Any], points: int, frames: int
                ) -> tuple[list[float], list[float], float,
           tuple[Any, dict[str, float], dict[str, list[float]]]]:
    from operator_console.gc_pauses import settle
    from operator_console.instruments.opcua_client import InstrumentClient
    from operator_console.ui.pages.traces.page import TracesPage

    app = _app()
    client = InstrumentClient(channels, history_s=points / RATE_HZ, sample_rate_hz=RATE_HZ)
    feed = _Feed(channels, points)
    for i, c in enumerate(channels):
        client.buffer(c.key).extend(*feed.history(i))
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
    layer = next(t.layer for t in page._traces.values() if t.layer is not None)
    follow: list[float] = []
    panning: list[float] = []
    cpu: dict[str, list[float]] = {"follow": [], "panning": []}
    unpainted = 0
    try:
        for _ in range(frames):
            t, values = feed.step(step_s)
            _append(client, channels, t, values)
            app.processEvents()
            painted = counter.n
            t0, c0 = time.perf_counter(), time.thread_time()
            page.refresh()
            app.processEvents()  # the real paint: pending updates through the backing store
            follow.append(time.perf_counter() - t0)
            cpu['follow'].append(time.thread_time() - c0)
            unpainted += counter.n == painted
        full_before = layer.stats.full
        vb = page._traces[channels[0].key].plot.vb
        for i in range(frames):
            t, values = feed.step(FRAME_S)  # data keeps coming in while the view is moved
            _append(client, channels, t, values)
            app.processEvents()
            painted = counter.n
            t0, c0 = time.perf_counter(), time.thread_time()
            _move(vb, *MOVES[i % len(MOVES)])
            page.refresh()
            app.processEvents()
            panning.append(time.perf_counter() - t0)
            cpu['panning'].append(time.thread_time() - c0)
            if counter.n == painted:
                raise RuntimeError("page frame (panning) was not painted")
        # The finger lifts: the frames until the exact picture is complete count too.
        settle_frames = 0
        refine_before = layer.stats.refine_paints
        while layer.refining or settle_frames == 0:
            t, values = feed.step(FRAME_S)
            _append(client, channels, t, values)
            app.processEvents()
            t0, c0 = time.perf_counter(), time.thread_time()
            page.refresh()
            app.processEvents()
            panning.append(time.perf_counter() - t0)
            cpu['panning'].append(time.thread_time() - c0)
            settle_frames += 1
            if settle_frames > 200:
                raise RuntimeError("the exact picture was never completed")
        exact_full = layer.stats.full - full_before
        settle_parts = layer.stats.refine_paints - refine_before
        # What every pan/zoom frame cost before previews: a full redraw of every curve.
        full_times = []
        for _ in range(5):
            layer.invalidate()
            t0 = time.perf_counter()
            page.plots.viewport().repaint()
            full_times.append(time.perf_counter() - t0)
    finally:
        page.close()
        page.deleteLater()
        app.processEvents()
    extra = {"unpainted": unpainted, "settle": settle_frames, "exact_full": exact_full,
             "settle_parts": settle_parts,
             "full_redraw_ms": statistics.median(full_times) * 1000}
    return follow, panning, step_s, (layer.stats, extra, cpu)


def _bench_peer(channels: list[Any], points: int, frames: int, step_s: float
                ) -> tuple[list[float], list[float], dict[str, list[float]]]:
    """pyqtgraph used well (see the module docstring), the same data and moves."""
    import pyqtgraph as pg

    from operator_console.ui.pages.traces.page import PALETTE

    app = _app()
    pg.setConfigOptions(antialias=False)
    feed = _Feed(channels, points)
    widget = pg.PlotWidget()
    widget.resize(*SIZE)
    widget.setBackground("w")
    vb = widget.getPlotItem().vb
    vb.disableAutoRange()
    widget.setYRange(-5, 105, padding=0)
    room = points + int(frames * (step_s + FRAME_S) * RATE_HZ) + 10 * frames
    xs, ys, items, scale = [], [], [], []
    for i, c in enumerate(channels):
        x, y = feed.history(i)
        bx, by = np.empty(room), np.empty(room)
        k = (c.display_max - c.display_min) / 100
        bx[:points], by[:points] = x, (y - c.display_min) / k
        xs.append(bx)
        ys.append(by)
        scale.append((c.display_min, k))
        item = pg.PlotDataItem(pen=pg.mkPen(PALETTE[i % len(PALETTE)], width=1),
                               skipFiniteCheck=True)
        widget.getPlotItem().addItem(item)
        item.setDownsampling(auto=True, method="peak")
        item.setClipToView(True)
        item.setData(bx[:points], by[:points], skipFiniteCheck=True)
        items.append(item)
    n = points
    widget.setXRange(feed.t_end - HISTORY_S, feed.t_end, padding=0)
    widget.show()
    for _ in range(5):
        app.processEvents()
    counter = _paint_counter()
    widget.viewport().installEventFilter(counter)
    follow: list[float] = []
    panning: list[float] = []
    cpu: dict[str, list[float]] = {"follow": [], "panning": []}

    def add(t: np.ndarray, values: list[np.ndarray]) -> int:
        m = len(t)
        for i, v in enumerate(values):
            lo, k = scale[i]
            xs[i][n:n + m], ys[i][n:n + m] = t, (v - lo) / k
        return n + m

    try:
        for _ in range(frames):
            t, values = feed.step(step_s)
            app.processEvents()
            painted = counter.n
            t0, c0 = time.perf_counter(), time.thread_time()
            n = add(t, values)
            for i, item in enumerate(items):
                item.setData(xs[i][:n], ys[i][:n], skipFiniteCheck=True)
            widget.setXRange(feed.t_end - HISTORY_S, feed.t_end, padding=0)
            app.processEvents()
            follow.append(time.perf_counter() - t0)
            cpu['follow'].append(time.thread_time() - c0)
            if counter.n == painted:
                raise RuntimeError("peer frame was not painted")
        for i in range(frames):
            t, values = feed.step(FRAME_S)
            app.processEvents()
            painted = counter.n
            t0, c0 = time.perf_counter(), time.thread_time()
            n = add(t, values)
            for j, item in enumerate(items):
                item.setData(xs[j][:n], ys[j][:n], skipFiniteCheck=True)
            _move(vb, *MOVES[i % len(MOVES)])
            app.processEvents()
            panning.append(time.perf_counter() - t0)
            cpu['panning'].append(time.thread_time() - c0)
            if counter.n == painted:
                raise RuntimeError("peer frame was not painted")
    finally:
        widget.close()
        widget.deleteLater()
        app.processEvents()
    return follow, panning, cpu


def _ms(times: list[float]) -> tuple[float, float]:
    return statistics.median(times) * 1000, _percentile(times, 0.99) * 1000


def run(frames: int = 60, channel_counts: tuple[int, ...] = (8, 32, 64, 128),
        history_s: float = HISTORY_S) -> list[tuple[str, float, str]]:
    points = int(history_s * RATE_HZ)
    rows: list[tuple[str, float, str]] = []
    for n in channel_counts:
        chans = _channels(n)
        follow, panning, step_s, (stats, extra, cpu) = _bench_page(chans, points, frames)
        peer_follow, peer_panning, peer_cpu = _bench_peer(chans, points, frames, step_s)
        goal = GOALS_P99_MS.get(n)
        goal_text = f" (goal < {goal:g})" if goal else ""
        for mode, page_t, peer_t, key in (("following", follow, peer_follow, "follow"),
                                          ("pan/zoom", panning, peer_panning, "panning")):
            med, p99 = _ms(page_t)
            p_med, p_p99 = _ms(peer_t)
            c_med, c_p99 = _ms(cpu[key])
            pc_med, pc_p99 = _ms(peer_cpu[key])
            rows += [
                (f"traces {n} ch {mode}: page frame median (n={frames})", med, "ms"),
                (f"traces {n} ch {mode}: page frame p99", p99, f"ms{goal_text}"),
                (f"traces {n} ch {mode}: pyqtgraph-used-well peer median", p_med, "ms"),
                (f"traces {n} ch {mode}: peer p99", p_p99, "ms"),
                (f"traces {n} ch {mode}: peer median / page median", p_med / med,
                 "x faster"),
                (f"traces {n} ch {mode}: page frame UI-thread CPU median / p99", c_p99,
                 f"ms p99 (median {c_med:.1f}; the peer's {pc_med:.1f} / {pc_p99:.1f}): "
                 "the frame's own work, machine load aside"),
            ]
        rows += [
            (f"traces {n} ch: paints that scrolled the cached picture", stats.partial + 1e-6,
             f"of {stats.partial + stats.full + stats.previews} ({stats.full} full redraws, "
             f"{stats.previews} previews while zooming; {extra['unpainted']:.0f} following "
             f"frames painted nothing); {step_s * RATE_HZ:.0f} new samples per channel per "
             "following frame"),
            (f"traces {n} ch: frames after the gesture until the exact picture",
             float(extra["settle"]), f"frames (in the pan/zoom figures; the exact picture "
             f"drawn in {extra['settle_parts']:.0f} parts of about 6 ms of drawing)"),
            (f"traces {n} ch: one full redraw of every curve (median of 5)",
             extra["full_redraw_ms"], "ms (what each zoom frame cost before previews)"),
        ]
    return rows


if __name__ == "__main__":
    import sys

    for name, value, unit in run(**(QUICK if "--quick" in sys.argv else {})):
        print(f"{name:58s} {value:12,.3f} {unit}")
