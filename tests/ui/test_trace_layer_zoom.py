"""Pan and zoom: drags scroll, zooms preview and then settle on the exact picture; the
pyramid's buckets draw what the samples draw."""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from operator_console.domain.channels import demo_channels
from operator_console.instruments.decimation import AlignedDecimation
from operator_console.instruments.opcua_client import InstrumentClient
from operator_console.instruments.ringbuffer import RingBuffer
from operator_console.ui.pages.traces.page import TracesPage
from operator_console.ui.pages.traces.trace_layer import SEAM_PX, TraceLayer

RATE_HZ = 50.0
SPAN_S = 1200.0


def _pixels(image: QImage) -> np.ndarray:
    return np.ndarray((image.height(), image.bytesPerLine() // 4), dtype=np.uint32,
                      buffer=image.bits())[:, :image.width()].copy()


def _history(n: int, seed: int = 5, end: float | None = None
             ) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    t = (time.time() if end is None else end) - n / RATE_HZ + np.arange(n) / RATE_HZ
    v = 37 + 2 * np.sin(t / 90) + rng.normal(0, 0.2, n)
    v[n // 3:n // 3 + 400] = np.nan
    return t, v


def _page(qtbot: QtBot, overlay: bool) -> TracesPage:
    channels = [replace(c, key=f"c{i}", stale_after_s=1.0)
                for i, c in enumerate(demo_channels("opc.tcp://127.0.0.1:4996/")[:3])]
    client = InstrumentClient(channels, history_s=SPAN_S, sample_rate_hz=RATE_HZ)
    for i, c in enumerate(channels):
        t, v = _history(int(SPAN_S * RATE_HZ), seed=i)
        mid, amp = (c.display_min + c.display_max) / 2, (c.display_max - c.display_min) / 8
        client.buffer(c.key).extend(t, mid + amp * (v - 37) / 2)
    # The samples, not the wall clock, say where "now" is (a clock far behind them): on a
    # loaded machine the wall clock moves the view between two frames of the test.
    page = TracesPage(client, clock=lambda: 0.0)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.set_overlay(overlay)
    page.set_span(SPAN_S)
    page.show()
    page.timer.stop()
    qtbot.waitExposed(page)
    page.timer.stop()  # only the test's frames: no tick between a move and its refresh
    page.refresh()
    QApplication.processEvents()
    return page


def _move(page: TracesPage, kind: str, amount: float) -> None:
    """What a drag or a pinch on the plot does."""
    vb = next(t.plot for t in page._traces.values() if t.plot is not None).vb
    x0, x1 = vb.viewRange()[0]
    if kind == "pan":
        vb.translateBy(x=(x1 - x0) * amount)
    else:
        vb.scaleBy(x=amount, center=((x0 + x1) / 2, 0.0))
    vb.sigRangeChangedManually.emit(vb.state["mouseEnabled"])
    page.refresh()
    QApplication.processEvents()


def test_pans_scroll_zooms_preview_and_the_view_settles_on_the_exact_picture(
        qtbot: QtBot) -> None:
    page = _page(qtbot, overlay=True)
    layer = next(t.layer for t in page._traces.values() if t.layer is not None)
    before = replace(layer.stats)
    for _ in range(3):
        _move(page, "pan", -0.011)
    assert layer.stats.partial - before.partial == 3  # scrolled, not drawn again
    assert layer.stats.full == before.full
    for _ in range(2):
        _move(page, "zoom", 0.9)
    _move(page, "pan", 0.017)
    assert layer.stats.previews - before.previews == 3
    assert layer.refining
    for _ in range(50):  # the finger lifts: a few curves per frame until exact
        if not layer.refining:
            break
        page.refresh()
        QApplication.processEvents()
    assert not layer.refining
    assert layer.stats.refine_paints > before.refine_paints
    assert layer._image is not None
    settled = _pixels(layer._image)
    layer.invalidate()
    page.plots.viewport().repaint()
    assert layer._image is not None
    assert np.array_equal(_pixels(layer._image), settled)
    assert settled.any()


def test_pyramid_buckets_are_the_buckets_of_the_samples() -> None:
    t, v = _history(int(3600 * RATE_HZ), end=1.8e9)
    with_pyramid = RingBuffer.for_duration(3600.0, RATE_HZ)
    plain = RingBuffer(len(t))  # no pyramid: reduced from the samples
    with_pyramid.extend(t, v)
    plain.extend(t, v)
    t0, t1 = float(t[0] + 600), float(t[0] + 2400)
    a_x, a_y = AlignedDecimation().update(with_pyramid, t0, t1, 3000)
    b_x, b_y = AlignedDecimation().update(plain, t0, t1, 3000)
    assert 1000 < len(a_x) < 3100
    # The pyramid gives whole buckets: the last one reaches past t1 (off screen: the page
    # asks for 2 % beyond the view). Everything before it is the same, point for point.
    n = len(b_x) - 2
    np.testing.assert_array_equal(a_x[:n], b_x[:n])
    np.testing.assert_array_equal(a_y[:n], b_y[:n])


def test_pyramid_decimated_picture_is_within_a_bucket_of_every_sample_drawn(
        qtbot: QtBot) -> None:
    """Drawn from the pyramid's min/max buckets or from every sample, the picture is the
    same to within one bucket: buckets are at most 2 device pixels wide (the page asks for
    two points per pixel column), so every pixel of either picture has a pixel of the other
    in its row within 2 columns, or in the next row (where a line's end meets the next)."""
    t, v = _history(int(1800 * RATE_HZ), seed=9, end=1.8e9)
    buf = RingBuffer.for_duration(1800.0, RATE_HZ)
    buf.extend(t, v)
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    plot = widget.getPlotItem()
    plot.hideAxis("left")
    plot.hideAxis("bottom")
    t0, t1 = float(t[0] + 100), float(t[-1] - 100)
    plot.vb.setRange(xRange=(t0, t1), yRange=(33, 41), padding=0)
    layer = TraceLayer()
    plot.addItem(layer)
    series = layer.add_series("#0072B2")
    widget.show()
    qtbot.waitExposed(widget)
    width = int(plot.vb.width())
    pictures = []
    for x, y in (AlignedDecimation().update(buf, t0, t1, 2 * width), (t, v)):
        layer.set_data(series, x, y)
        layer.invalidate()
        widget.grab()  # paints the scene
        assert layer._image is not None
        pictures.append(_pixels(layer._image) != 0)
    decimated, exact = pictures
    assert decimated.sum() > 2000 and exact.sum() > 2000
    # What is shown: the picture without its seam beyond the plot, where the decimation
    # (asked for the view only, here) stops and the samples go on.
    inside = (slice(SEAM_PX, -SEAM_PX), slice(SEAM_PX, -SEAM_PX))
    for a, b in ((decimated, exact), (exact, decimated)):
        assert not (a & ~_near(b))[inside].any()


def _near(mask: np.ndarray) -> np.ndarray:
    """Pixels within 2 columns in the same row, or 1 column in the rows above and below."""
    padded = np.pad(mask, 2)
    h, w = mask.shape
    shifts = [(0, dx) for dx in range(-2, 3)] + [(dy, dx) for dy in (-1, 1) for dx in (-1, 0, 1)]
    near: np.ndarray = np.logical_or.reduce(
        [padded[2 + dy:2 + dy + h, 2 + dx:2 + dx + w] for dy, dx in shifts])
    return near
