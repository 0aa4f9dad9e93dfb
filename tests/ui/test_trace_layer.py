"""TraceLayer: scrolled, partly redrawn pictures are the pictures a full redraw makes, and
they land where pyqtgraph's own curves would."""

from __future__ import annotations

import math
import time
from dataclasses import replace

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from operator_console.domain.channels import demo_channels
from operator_console.instruments.opcua_client import InstrumentClient
from operator_console.instruments.ringbuffer import Quality, RingBuffer
from operator_console.ui.pages.traces.page import TracesPage
from operator_console.ui.pages.traces.trace_layer import TraceLayer, unchanged_span

# --- unchanged_span ---------------------------------------------------------------------------


def _arr(*values: float) -> np.ndarray:
    return np.array(values, dtype=np.float64)


def test_identical_points_are_unchanged_everywhere() -> None:
    x, y = _arr(1, 2, 3, 4), _arr(5, 6, 7, 8)
    assert unchanged_span(x, y, x.copy(), y.copy()) == (-math.inf, math.inf)


def test_appended_and_dropped_points_bound_the_common_run() -> None:
    old_x, old_y = _arr(1, 2, 3, 4, 5), _arr(1, 2, 3, 4, 5)
    new_x, new_y = _arr(2, 3, 4, 5, 6, 7), _arr(2, 3, 4, 5.5, 6, 7)  # head gone, 5 changed
    assert unchanged_span(old_x, old_y, new_x, new_y) == (2.0, 4.0)


def test_gaps_compare_equal_and_no_common_point_means_everything() -> None:
    x, y = _arr(1, 2, 2, 3), _arr(1, 2, math.nan, 3)
    assert unchanged_span(x, y, x.copy(), y.copy()) == (-math.inf, math.inf)
    assert unchanged_span(x, y, x + 0.5, y) is None
    assert unchanged_span(x, y, x[:0], y[:0]) is None


# --- the page: incremental == full ------------------------------------------------------------


def _pixels(image: QImage) -> np.ndarray:
    return np.ndarray((image.height(), image.bytesPerLine() // 4), dtype=np.uint32,
                      buffer=image.bits())[:, :image.width()].copy()


def _fill(buf: RingBuffer, t: np.ndarray, v: np.ndarray) -> None:
    for ti, vi in zip(t.tolist(), v.tolist(), strict=True):
        buf.append(ti, vi, Quality.GOOD)


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.n = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.n += 1
        return False


@pytest.mark.parametrize(("overlay", "rate_hz", "span_s", "step_s", "start"), [
    (True, 50.0, 600.0, 0.9, None),  # dense: min/max buckets, a full ring buffer dropping its head
    (False, 20.0, 60.0, 0.05, None),  # sparse: the samples themselves, one frame per timer tick
    # A start whose frames' view transforms are a whole number of pixels apart plus, now and
    # then, a double's last bit (7.6e-6 px): at 2x a vertex on a rounding boundary of the
    # rasteriser came out a pixel apart in the scrolled and the redrawn picture.
    (False, 20.0, 60.0, 0.05, 1796140064.079691),
])
def test_following_scrolls_and_redraws_only_changed_columns(
        qtbot: QtBot, overlay: bool, rate_hz: float, span_s: float, step_s: float,
        start: float | None) -> None:
    channels = [replace(c, key=f"c{i}", stale_after_s=1.0)
                for i, c in enumerate(demo_channels("opc.tcp://127.0.0.1:4997/")[:4])]
    client = InstrumentClient(channels, history_s=span_s, sample_rate_hz=rate_hz)
    rng = np.random.default_rng(7)
    now = time.time() if start is None else start
    t = np.arange(now - span_s, now, 1 / rate_hz)
    for c in channels:
        mid, amp = (c.display_min + c.display_max) / 2, (c.display_max - c.display_min) / 5
        v = mid + amp * np.sin(t / 40) + rng.normal(0, amp / 10, len(t))
        v[len(v) // 3:len(v) // 3 + int(3 * rate_hz)] = np.nan  # a gap of 3 s
        _fill(client.buffer(c.key), t, v)
    # The samples, not the wall clock, say where "now" is (a clock far behind them): the
    # test's frames then move the view by what they add, however slow the machine is.
    page = TracesPage(client, clock=lambda: 0.0)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.set_overlay(overlay)
    page.set_span(span_s)
    page.show()
    page.timer.stop()
    qtbot.waitExposed(page)
    page.timer.stop()  # only the test's frames
    QApplication.processEvents()
    layers = {id(tr.layer): tr.layer for tr in page._traces.values() if tr.layer is not None}
    paints = _Paints()
    page.plots.viewport().installEventFilter(paints)
    end = t[-1]
    painted = []
    for frame in range(60):
        new_t = end + np.arange(1, round(step_s * rate_hz) + 1) / rate_hz
        end = new_t[-1]
        for c in channels:
            mid = (c.display_min + c.display_max) / 2
            v = mid + (c.display_max - c.display_min) / 5 * np.sin(new_t / 40)
            if 20 <= frame < 25:
                v[:] = np.nan  # the instrument says "no value" for a while
            _fill(client.buffer(c.key), new_t, v)
        before = paints.n
        page.refresh()
        QApplication.processEvents()
        painted.append(paints.n - before)
    shown = [layer for layer in layers.values() if layer._image is not None]
    assert shown
    for layer in shown:
        assert layer.stats.partial > 30, layer.stats  # frames that moved less than a pixel skip
        # A partial redraw touches a few columns, not the plot's width.
        assert layer._image is not None
        assert layer.stats.columns / layer.stats.partial < layer._image.width() / 10
        incremental = _pixels(layer._image)
        layer.invalidate()
        page.plots.viewport().repaint()
        assert layer._image is not None
        assert np.array_equal(_pixels(layer._image), incremental)
        assert incremental.any()
    # One paint per frame, not one per frame and one more after it (the first frames may
    # still carry an update from showing the page).
    assert max(painted[3:]) == 1


# --- on screen: where pyqtgraph draws ---------------------------------------------------------


def test_layer_draws_what_a_plot_curve_draws(qtbot: QtBot) -> None:
    x = np.linspace(0, 100, 400)
    y = np.sin(x / 7) * 40 + 50
    y[150:170] = np.nan
    grabs = []
    for kind in ("layer", "curve"):
        # Inside a window, as on the page: the painter there also carries where the plot
        # widget sits in the window, which must not move the picture.
        window = QWidget()
        qtbot.addWidget(window)
        widget = pg.PlotWidget()
        box = QVBoxLayout(window)
        box.setContentsMargins(37, 23, 11, 5)
        box.addWidget(widget)
        window.resize(688, 428)
        widget.setBackground("w")
        plot = widget.getPlotItem()
        plot.hideAxis("left")
        plot.hideAxis("bottom")
        plot.vb.setRange(xRange=(10, 90), yRange=(0, 100), padding=0)
        if kind == "layer":
            layer = TraceLayer()
            plot.addItem(layer)
            layer.set_data(layer.add_series("#0072B2"), x, y)
        else:
            plot.addItem(pg.PlotCurveItem(x, y, pen=pg.mkPen("#0072B2", width=1),
                                          connect="finite", antialias=False))
        window.show()
        qtbot.waitExposed(window)
        grabs.append(_pixels(window.grab().toImage().convertToFormat(
            QImage.Format.Format_ARGB32_Premultiplied)))
    # Inside the plot (pyqtgraph lets a curve spill onto the frame; the layer does not).
    vb = widget.getPlotItem().vb
    view = widget.mapFromScene(vb.mapRectToScene(vb.rect())).boundingRect()
    view.translate(widget.viewport().mapTo(window, QPoint(0, 0)))
    r = window.devicePixelRatioF()  # the grabs are in device pixels
    edge = math.ceil(r) + 1  # pyqtgraph's curve spills a line's width past the plot's edge
    inside = (slice(math.ceil(view.top() * r) + edge, math.floor(view.bottom() * r) - edge),
              slice(math.ceil(view.left() * r) + edge, math.floor(view.right() * r) - edge))
    layer_px, curve_px = grabs[0][inside], grabs[1][inside]
    assert (curve_px != curve_px[0, 0]).sum() > 500
    if r == int(r):
        assert np.array_equal(layer_px, curve_px)
    else:
        # At a fractional ratio the window's pixel grid puts the plot widget at half a
        # device pixel, which pyqtgraph's lines are drawn at and the cached picture is not:
        # the same curve, its pixels within a device pixel of each other (two at the plot's
        # edge, where the picture ends on a whole pixel).
        drawn_layer, drawn_curve = layer_px != layer_px[0, 0], curve_px != curve_px[0, 0]
        assert not (drawn_layer & ~_grown(drawn_curve)).any()
        assert not (drawn_curve[:, :-2] & ~_grown(drawn_layer)[:, :-2]).any()
        assert not (drawn_curve & ~_grown(_grown(drawn_layer))).any()


def _grown(mask: np.ndarray) -> np.ndarray:
    """``mask`` with every set pixel's eight neighbours set too."""
    padded = np.pad(mask, 1)
    h, w = mask.shape
    grown: np.ndarray = np.logical_or.reduce([padded[1 + dy:1 + dy + h, 1 + dx:1 + dx + w]
                                              for dy in (-1, 0, 1) for dx in (-1, 0, 1)])
    return grown


def test_value_tiles_have_a_fixed_size_that_never_cuts_a_value(qtbot: QtBot) -> None:
    """A value label of fixed size does not relayout the tile column at every update; a
    value far outside the display range widens it rather than being cut."""
    from operator_console.ui.pages.traces.page import PALETTE
    from operator_console.ui.pages.traces.value_tile import ValueTile

    channel = demo_channels("opc.tcp://127.0.0.1:4997/")[0]
    tile = ValueTile(channel, PALETTE[0])
    qtbot.addWidget(tile)
    tile.show()
    qtbot.waitExposed(tile)
    label = tile.value_label
    assert label.minimumSize() == label.maximumSize()
    fixed = label.maximumWidth()
    tile.show_state("37.25", "", "")
    assert label.maximumWidth() == fixed
    huge = "-123,456,789.00"
    tile.show_state(huge, "", "alarm")
    assert label.minimumSize() == label.maximumSize()
    assert label.maximumWidth() >= label.fontMetrics().horizontalAdvance(huge)


def test_tiles_out_of_sight_wait_until_scrolled_to(qtbot: QtBot) -> None:
    channels = [replace(c, key=f"c{i}") for i, c in
                enumerate(demo_channels("opc.tcp://127.0.0.1:4997/") * 3)]
    client = InstrumentClient(channels, history_s=60, sample_rate_hz=1)
    page = TracesPage(client)
    qtbot.addWidget(page)
    page.resize(1280, 700)
    page.show()
    qtbot.waitExposed(page)
    page.timer.stop()
    for i, c in enumerate(channels):
        client.buffer(c.key).append(time.time(), float(i), Quality.GOOD)
    page.refresh()
    first, last = page.tiles["c0"], page.tiles[channels[-1].key]
    assert first.value_label.text() != "—" and last.value_label.text() == "—"
    bar = page.tiles_scroll.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert last.value_label.text() != "—"


def test_stacked_plots_scrolled_away_free_their_pictures(qtbot: QtBot) -> None:
    channels = [replace(c, key=f"c{i}") for i, c in
                enumerate(demo_channels("opc.tcp://127.0.0.1:4997/") * 3)]
    client = InstrumentClient(channels, history_s=60, sample_rate_hz=1)
    now = time.time()
    for i, c in enumerate(channels):
        _fill(client.buffer(c.key), np.arange(now - 50, now), np.full(50, float(i)))
    page = TracesPage(client)
    qtbot.addWidget(page)
    page.resize(1280, 700)
    page.show()
    qtbot.waitExposed(page)
    first, last = page._traces["c0"].layer, page._traces[channels[-1].key].layer
    assert first is not None and last is not None
    qtbot.waitUntil(lambda: first._image is not None)
    assert last._image is None  # never in sight, never drawn
    bar = page.plots_scroll.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: last._image is not None)
    assert first._image is None
