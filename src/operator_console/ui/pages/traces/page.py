"""Traces page: every instrument channel over time with its limits, and its value in large type.

Data rate is not redraw rate: the client fills ring buffers in its own thread; a 20 Hz QTimer
here redraws a trace only when its buffer's ``version`` (or the visible range) changed and,
while following, the view has moved by at least a pixel, with min/max buckets of about one
pixel that are kept between frames (only the newest buckets are recomputed). The timer runs
only while the page is visible. Gaps (NaN, or no sample for longer than the channel's stale
time) are drawn as gaps.
"""

from __future__ import annotations

import html
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGraphicsItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from operator_console.domain.alarms import AlarmState
from operator_console.domain.channels import ChannelConfig
from operator_console.instruments.decimation import AlignedDecimation, with_gaps
from operator_console.instruments.opcua_client import ConnectionState, InstrumentClient
from operator_console.instruments.ringbuffer import Quality
from operator_console.ui.names.alarms import alarm_state_name, limit_name
from operator_console.ui.pages.traces.limit_layer import LimitLayer, LimitLine
from operator_console.ui.pages.traces.plot_items import (
    LIMIT_COLOUR,
    limit_lines,
    new_plot,
    shade_control_band,
)
from operator_console.ui.pages.traces.trace_layer import TraceLayer
from operator_console.ui.pages.traces.value_tile import PLACEHOLDER, ValueTile
from operator_console.ui.widgets.alarm_banner import (
    format_value,
    infer_limit_kind,
    language_code,
)
from operator_console.ui.widgets.basics import button, label

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
SPANS_S = (60.0, 600.0, 3600.0, 8 * 3600.0, 24 * 3600.0)
REDRAW_MS = 50
STACKED_ROW_PX = 150  # minimum height of one stacked plot; more channels scroll
STACKED_AXIS_PX = 56  # width of a stacked plot's value axis (the shared time axis matches it)
TIME_AXIS_PX = 46  # height of the stacked plots' shared time axis
OVERLAY_AXIS_PX = 80  # width of the overlay's value axis (its numbers and its rotated label)
SLOW_REDRAW_SPAN_S = 3600.0  # above this span, redraw at most once a second

_STYLE = """
QFrame#ValueTile { background: #ffffff; border: 2px solid #c9d1d9; border-radius: 8px; }
QFrame#ValueTile[state="alarm"] { border: 3px solid #a4161a; background: #fff4f4; }
QFrame#ValueTile[state="warn"] { border: 3px solid #b36b00; }
QFrame#ValueTile QLabel { background: transparent; }
QLabel[tile="value"] { font-size: 34px; font-weight: 700; }
QLabel[tile="value"][state="alarm"] { color: #a4161a; }
QLabel[tile="value"][state="dim"] { color: #7a848f; }
QLabel[tile="unit"] { font-size: 18px; color: #3d4a57; }
QLabel[tile="state"] { font-size: 17px; font-weight: 700; }
QLabel[tile="state"][state="alarm"] { color: #a4161a; }
QLabel[tile="state"][state="warn"] { color: #8a5200; }
QLabel[tile="name"] { font-size: 18px; font-weight: 600; }
QPushButton[tile="toggle"] { min-height: 48px; min-width: 96px; padding: 4px 10px;
    font-size: 16px; }
QPushButton[tile="toggle"]:checked { background: #e4effa; border-color: #0b5cad; }
QPushButton[tile="toggle"][forced="true"] { border: 3px solid #a4161a; color: #a4161a; }
QLabel#traceLegend { font-size: 16px; background: transparent; }
QPushButton#backToLive { min-height: 64px; font-size: 22px; }
QPushButton[span="true"] { min-width: 72px; padding: 6px 12px; }
QPushButton[span="true"]:checked, QPushButton#modeToggle:checked {
    background: #e4effa; border-color: #0b5cad; }
QLabel#followState { font-size: 17px; color: #3d4a57; background: transparent; }
"""


MAX_REDRAW_WAIT_S = 5.0


@dataclass
class _Trace:
    """One channel's drawn state: which buffer version and range the curve shows."""

    channel: ChannelConfig
    colour: str
    layer: TraceLayer | None = None
    series: int = -1  # this channel's curve in ``layer``
    plot: pg.PlotItem | None = None
    version: int = -1
    drawn_range: tuple[float, float] = (0.0, 0.0)
    limits: LimitLayer | None = None  # the plot's limit lines (shared in the overlay)
    decimation: AlignedDecimation = field(default_factory=AlignedDecimation)


class TracesPage(QWidget):
    """All channels of ``client`` as traces over time, with a column of value tiles."""

    def __init__(self, client: InstrumentClient, parent: QWidget | None = None,
                 *, redraw_ms: int = REDRAW_MS, clock: Callable[[], float] = time.time) -> None:
        """``clock``: the wall clock (seconds since the epoch) that live traces follow, when
        it is ahead of the newest sample."""
        super().__init__(parent)
        self._clock = clock
        self.setObjectName("TracesPage")
        self.setStyleSheet(_STYLE)
        self._client = client
        self._channels = list(client.channels.values())
        self._traces = {c.key: _Trace(c, PALETTE[i % len(PALETTE)])
                        for i, c in enumerate(self._channels)}
        self._span = SPANS_S[1]
        self._following = True
        self._overlay = False
        self._last_slow_redraw = 0.0
        self._drawn_now = -math.inf  # right edge of the view at the last redraw while following
        self._drawn_at = -math.inf  # data time of that redraw
        self._setting_range = False
        self._moved_since_refresh = False

        self.heading = label("title")
        self.mode_toggle = button()
        self.mode_toggle.setObjectName("modeToggle")
        self.mode_toggle.setCheckable(True)
        self.mode_toggle.toggled.connect(self.set_overlay)
        self.span_group = QButtonGroup(self)
        self.span_group.setExclusive(True)
        self.span_buttons: list[QPushButton] = []
        for i, _span in enumerate(SPANS_S):
            b = button()
            b.setProperty("span", "true")
            b.setCheckable(True)
            b.setChecked(i == 1)
            self.span_group.addButton(b, i)
            self.span_buttons.append(b)
        self.span_group.idClicked.connect(lambda i: self.set_span(SPANS_S[i]))
        self.follow_state = QLabel()
        self.follow_state.setObjectName("followState")
        # Its words change on leaving live data; that must not change the size of anything
        # else (a resize of the plots redraws every picture): it takes the width left over,
        # wraps in it, and no more height than the bar's buttons have.
        self.follow_state.setWordWrap(True)
        self.follow_state.setSizePolicy(QSizePolicy.Policy.Ignored,
                                        QSizePolicy.Policy.Ignored)
        self.follow_state.setMaximumHeight(64)
        self.back_to_live = button("primary")
        self.back_to_live.setObjectName("backToLive")
        self.back_to_live.clicked.connect(self.go_live)
        self.back_to_live.setVisible(False)
        # Its room is kept while it is hidden: leaving live data must not resize the plots
        # (a resize redraws every picture, in the same frame as the first pan).
        policy = self.back_to_live.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.back_to_live.setSizePolicy(policy)
        self.legend = QLabel()
        self.legend.setObjectName("traceLegend")
        self.legend.setWordWrap(True)
        self.legend.setVisible(False)
        self._forced: frozenset[str] = frozenset()  # hidden channels drawn: in alarm

        pg.setConfigOptions(antialias=False)
        self.plots = pg.GraphicsLayoutWidget()
        self.plots.setObjectName("tracePlots")
        self.plots.setBackground("w")
        self.plots.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # Every item here draws inside its bounds without antialiasing: no need for the two
        # pixels Qt adds around each changed rectangle, which made each frame repaint the
        # value axes beside the plots as well.
        self.plots.setOptimizationFlag(
            QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)

        self.tiles: dict[str, ValueTile] = {}
        tiles_box = QWidget()
        tiles_box.setObjectName("valueTiles")
        tiles_layout = QVBoxLayout(tiles_box)
        tiles_layout.setContentsMargins(0, 0, 6, 0)
        tiles_layout.setSpacing(8)
        for key, trace in self._traces.items():
            tile = ValueTile(trace.channel, trace.colour)
            tile.toggle.toggled.connect(self._rebuild)
            self.tiles[key] = tile
            tiles_layout.addWidget(tile)
        tiles_layout.addStretch(1)
        self._tiles_box = tiles_box
        self.tiles_scroll = QScrollArea()
        self.tiles_scroll.setWidget(tiles_box)
        self.tiles_scroll.setWidgetResizable(True)
        self.tiles_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.tiles_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tiles_scroll.setFixedWidth(330)
        self.tiles_scroll.verticalScrollBar().valueChanged.connect(self._update_tiles)

        bar = QHBoxLayout()
        bar.setSpacing(10)
        bar.addWidget(self.mode_toggle)
        for b in self.span_buttons:
            bar.addWidget(b)
        bar.addWidget(self.follow_state, 1)
        bar.addWidget(self.back_to_live)
        body = QHBoxLayout()
        body.setSpacing(12)
        self.plots_scroll = QScrollArea()
        self.plots_scroll.setObjectName("tracePlotsScroll")
        self.plots_scroll.setWidget(self.plots)
        self.plots_scroll.setWidgetResizable(True)
        self.plots_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.plots_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.plots_scroll.verticalScrollBar().valueChanged.connect(self._scrolled)
        # Stacked plots share one time axis, kept in sight below them in the scroll area's
        # bottom margin (like a table's header): each plot shows the grid, not the labels.
        self.time_axis = pg.GraphicsLayoutWidget(self.plots_scroll)
        self.time_axis.setObjectName("traceTimeAxis")
        self.time_axis.setBackground("w")
        self.time_axis.setFixedHeight(TIME_AXIS_PX)
        self.time_axis.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.time_axis.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.time_axis_plot = self._new_plot(bottom_axis=True)
        self.time_axis_plot.showGrid(x=False, y=False)
        self.time_axis_plot.vb.setMouseEnabled(x=False, y=False)
        hidden = self.time_axis_plot.getAxis("left")
        hidden.setWidth(STACKED_AXIS_PX)
        hidden.setStyle(showValues=False, tickLength=0)
        hidden.setPen(pg.mkPen(None))
        self.time_axis.addItem(self.time_axis_plot)
        self.plots_scroll.viewport().installEventFilter(self)
        body.addWidget(self.plots_scroll, 1)
        body.addWidget(self.tiles_scroll)
        root = QVBoxLayout(self)
        root.setContentsMargins(20, 12, 20, 12)
        root.setSpacing(8)
        root.addWidget(self.heading)
        root.addLayout(bar)
        root.addWidget(self.legend)
        root.addLayout(body, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(redraw_ms)
        self.timer.timeout.connect(self.refresh)
        self._rebuild()
        self.retranslate()

    # --- Qt events -------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.plots_scroll.viewport() and event.type() == QEvent.Type.Resize:
            g = self.plots_scroll.viewport().geometry()
            self.time_axis.setGeometry(g.x(), g.y() + g.height(), g.width(), TIME_AXIS_PX)
        return False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._rebuild()  # limit labels in the plots are translated too
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._align_values()
        self.timer.start()
        self.refresh()

    def _align_values(self) -> None:
        """One value width for every tile (each fits its channel already): the digits and
        units of all channels line up down the column."""
        labels = [tile.value_label for tile in self.tiles.values()
                  if tile.value_label.minimumWidth() == tile.value_label.maximumWidth()]
        if labels:
            width = max(label.maximumWidth() for label in labels)
            for label in labels:
                if label.maximumWidth() != width:
                    label.setFixedWidth(width)

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        super().hideEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Traces"))
        self.mode_toggle.setText(self.tr("Overlay"))
        self.mode_toggle.setToolTip(self.tr("Switch between one plot per channel and all "
                                            "channels in one plot"))
        span_names = (self.tr("1 min"), self.tr("10 min"), self.tr("1 h"), self.tr("8 h"),
                      self.tr("24 h"))
        for b, text in zip(self.span_buttons, span_names, strict=True):
            b.setText(text)
        self.back_to_live.setText(self.tr("Back to live"))
        self._show_follow_state()
        lang = language_code()
        for key, tile in self.tiles.items():
            tile.retranslate(lang)
            tile._shown = ("", "", "")  # state words are translated: redo them
            trace = self._traces[key]
            if trace.plot is not None and not self._overlay:
                self._title(trace.plot, tile.channel, trace.colour, lang,
                            forced=key in self._forced)
        if self._overlay:
            self._label_overlay_axis()
        self._show_legend()
        self._update_tiles()

    def _show_follow_state(self) -> None:
        if self._following:
            self.follow_state.setText(self.tr("Following live data"))
        else:
            self.follow_state.setText(self.tr("Viewing history: drag to pan, pinch or wheel "
                                              "to zoom"))
        self.back_to_live.setVisible(not self._following)

    # --- public controls -------------------------------------------------------------------
    @property
    def following(self) -> bool:
        return self._following

    @property
    def overlay(self) -> bool:
        return self._overlay

    def visible_keys(self) -> list[str]:
        """The channels drawn: those switched on, and those switched off but in alarm."""
        return [k for k, tile in self.tiles.items()
                if tile.toggle.isChecked() or k in self._forced]

    def _in_alarm(self) -> frozenset[str]:
        """Hidden channels that must be drawn anyway: in alarm, or back to normal but not
        yet acknowledged."""
        states = (AlarmState.ACTIVE_UNACKED, AlarmState.ACTIVE_ACKED,
                  AlarmState.RETURNED_UNACKED)
        return frozenset(k for k, tile in self.tiles.items()
                         if not tile.toggle.isChecked()
                         and self._client.alarm_state(k) in states)

    def _check_forced(self) -> None:
        forced = self._in_alarm()
        if forced != self._forced:
            self._forced = forced
            for key, tile in self.tiles.items():
                tile.set_forced(key in forced)
            self._rebuild()

    def set_channel_visible(self, key: str, visible: bool) -> None:
        self.tiles[key].toggle.setChecked(visible)

    def set_overlay(self, overlay: bool) -> None:
        if overlay == self._overlay:
            return
        self._overlay = overlay
        if self.mode_toggle.isChecked() != overlay:
            self.mode_toggle.setChecked(overlay)
        self._rebuild()
        self.retranslate()

    def set_span(self, seconds: float) -> None:
        self._span = seconds
        checked = self.span_group.checkedButton()
        if seconds in SPANS_S:
            self.span_buttons[SPANS_S.index(seconds)].setChecked(True)
        elif checked is not None:  # a span without a button: none of them is lit
            self.span_group.setExclusive(False)
            checked.setChecked(False)
            self.span_group.setExclusive(True)
        self.go_live()

    def go_live(self) -> None:
        self._following = True
        self._show_follow_state()
        self._invalidate()
        self.refresh()

    # --- plot construction -----------------------------------------------------------------
    def _x_range(self) -> tuple[float, float]:
        for trace in self._traces.values():
            if trace.plot is not None:
                x0, x1 = trace.plot.vb.viewRange()[0]
                return float(x0), float(x1)
        now = self._clock()
        return now - self._span, now

    def _new_plot(self, bottom_axis: bool) -> pg.PlotItem:
        return new_plot(self._user_moved, None if bottom_axis else self._time_ticks)

    def _rebuild(self) -> None:
        """(Re)create the plots for the visible channels in the current mode."""
        x_range = self._x_range() if any(t.plot for t in self._traces.values()) else None
        self.plots.clear()
        self._rects: dict[int, tuple[tuple[object, ...], QRect]] = {}
        for trace in self._traces.values():
            trace.layer, trace.plot, trace.version = None, None, -1
            trace.limits = None
        keys = self.visible_keys()
        lang = language_code()
        stacked_px = 0 if self._overlay else STACKED_ROW_PX * len(keys)
        self.plots.setMinimumHeight(stacked_px)
        footer = bool(keys) and not self._overlay
        self.plots_scroll.setViewportMargins(0, 0, 0, TIME_AXIS_PX if footer else 0)
        self.time_axis.setVisible(footer)
        if self._overlay and keys:
            plot = self._new_plot(bottom_axis=True)
            plot.setYRange(-5, 105, padding=0)
            # Axes of a fixed size: pyqtgraph widens an axis whose labels grow (and never
            # narrows it), which resized the plot, and redrew every picture, on a pan.
            plot.getAxis("left").setWidth(OVERLAY_AXIS_PX)
            plot.getAxis("bottom").setHeight(TIME_AXIS_PX)
            self.plots.addItem(plot, row=0, col=0)
            layer = TraceLayer()
            plot.addItem(layer)
            limits = LimitLayer()
            plot.addItem(limits)
            lines: list[LimitLine] = []
            for key in keys:
                trace = self._traces[key]
                trace.plot, trace.layer, trace.limits = plot, layer, limits
                trace.series = layer.add_series(trace.colour)
                lines += self._add_limits(trace, plot, normalised=True)
            limits.set_lines(lines)
            self._label_overlay_axis()
        else:
            first: pg.PlotItem | None = None
            ratio = self.devicePixelRatioF()
            cache_axes = ratio == int(ratio)
            for row, key in enumerate(keys):
                trace = self._traces[key]
                c = trace.channel
                plot = self._new_plot(bottom_axis=False)
                plot.setYRange(c.display_min, c.display_max, padding=0.02)
                self._title(plot, c, trace.colour, lang, forced=key in self._forced)
                plot.getAxis("left").setWidth(STACKED_AXIS_PX)
                if cache_axes:
                    # Qt repaints a pixel around each changed rectangle, so every frame that
                    # moved a trace replayed its value axis' ticks and labels too; cached,
                    # that is a copy of pixels. (At a fractional device pixel ratio a cached
                    # label lands a fraction of a pixel off: drawn each time there.)
                    plot.getAxis("left").setCacheMode(
                        QGraphicsItem.CacheMode.DeviceCoordinateCache)
                # Qt then skips the items of a plot scrolled out of sight at every paint
                # (it asked each of them, in Python, for its bounding rectangle: of 64
                # plots, the largest part of a frame's paint).
                plot.setFlag(QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape)
                self.plots.addItem(plot, row=row, col=0)
                if first is None:
                    first = plot
                    # Follows the first plot one way (not an X link: pyqtgraph lines linked
                    # views up by their screen geometry and sends corrections back, which at a
                    # fractional device pixel ratio moved the plots by a fraction of a pixel).
                    plot.vb.sigXRangeChanged.connect(self._follow_time_axis)
                else:
                    plot.setXLink(first)
                trace.plot, trace.layer = plot, TraceLayer()
                plot.addItem(trace.layer)
                trace.series = trace.layer.add_series(trace.colour)
                trace.limits = LimitLayer()
                plot.addItem(trace.limits)
                trace.limits.set_lines(self._add_limits(trace, plot, normalised=False))
        if x_range is not None:
            self._set_x_range(*x_range)
        self._show_legend()
        self.refresh()

    def _title(self, plot: pg.PlotItem, channel: ChannelConfig, colour: str, lang: str,
               *, forced: bool = False) -> None:
        marker = f"  ({self._forced_words()})" if forced else ""
        plot.setTitle(f"{channel.name(lang)}  [{channel.unit}]{marker}", size="13pt",
                      color=colour, justify="left")

    def _forced_words(self) -> str:
        return self.tr("hidden, shown: alarm")

    def _show_legend(self) -> None:
        """The overlay's legend: each drawn channel's colour, name and unit."""
        keys = self.visible_keys() if self._overlay else []
        self.legend.setVisible(bool(keys))
        if not keys:
            return
        lang = language_code()
        entries = []
        for key in keys:
            trace = self._traces[key]
            c = trace.channel
            marker = f" ({self._forced_words()})" if key in self._forced else ""
            entries.append(f'<span style="color:{trace.colour}">&#9632;&#9472;</span>&nbsp;'
                           f"{html.escape(c.name(lang))}&nbsp;[{html.escape(c.unit)}]"
                           f"{html.escape(marker)}")
        self.legend.setText("&nbsp;&nbsp;&nbsp; ".join(entries))

    def _label_overlay_axis(self) -> None:
        for trace in self._traces.values():
            if trace.plot is not None:
                trace.plot.setLabel("left", self.tr("% of display range"), units=None)
                return

    def _add_limits(self, trace: _Trace, plot: pg.PlotItem, *, normalised: bool
                    ) -> list[LimitLine]:
        """The channel's limit lines for its ``LimitLayer``; the control range shaded on a
        plot of its own."""
        if not normalised:
            shade_control_band(plot, trace.channel)
        return limit_lines(trace.channel, trace.colour if normalised else LIMIT_COLOUR,
                           normalised=normalised)

    # --- live / history --------------------------------------------------------------------
    def _user_moved(self, *_args: object) -> None:
        if self._setting_range:
            return
        if self._following:
            self._following = False
            self._show_follow_state()
        self._moved_since_refresh = True
        for trace in self._traces.values():
            if trace.layer is not None:
                trace.layer.set_interactive(True)
        self._snap_to_pixels()
        self._invalidate()

    def _snap_to_pixels(self) -> None:
        """Put the view's right edge on a whole device pixel of its span, as following does
        (``_pixel_aligned``): a drag then moves the pictures by whole pixels, which scroll
        (see ``TraceLayer``) instead of being drawn again. Moves the view by less than a
        pixel."""
        plot = next((t.plot for t in self._traces.values() if t.plot is not None), None)
        if plot is None or plot.vb.width() <= 0:
            return
        x0, x1 = (float(v) for v in plot.vb.viewRange()[0])
        pixel = (x1 - x0) / (float(plot.vb.width()) * self.devicePixelRatioF())
        if not (pixel > 0 and math.isfinite(pixel)):
            return
        snapped = round(x1 / pixel) * pixel
        if snapped != x1:
            self._set_x_range(snapped - (x1 - x0), snapped)

    def _invalidate(self) -> None:
        for trace in self._traces.values():
            trace.version = -1

    def _set_x_range(self, x0: float, x1: float) -> None:
        plots: list[pg.PlotItem] = []
        for trace in self._traces.values():
            if trace.plot is not None and (not plots or trace.plot is not plots[-1]):
                plots.append(trace.plot)
        if not plots:
            return
        self._setting_range = True
        try:
            shown = self._shown_rect()
            if shown is None or len(plots) == 1:
                plots[0].vb.setXRange(x0, x1, padding=0)  # stacked plots are X-linked to it
                self._apply_ranges(plots)
                return
            # Stacked: move only the plots in sight (and the first, whose range is the page's);
            # the others catch up when scrolled into sight (_scrolled -> refresh).
            for plot in plots:
                plot.vb.blockLink(True)
            try:
                moved = [plot for i, plot in enumerate(plots)
                         if i == 0 or shown.intersects(self._plot_rect(plot))]
                for plot in moved:
                    plot.vb.setXRange(x0, x1, padding=0)
                self._apply_ranges(moved)
            finally:
                for plot in plots:
                    plot.vb.blockLink(False)
        finally:
            self._setting_range = False

    def _time_ticks(self, x0: float, x1: float, width: int) -> list[float]:
        """Major and minor ticks of the shared time axis over ``[x0, x1]`` (for ``width``
        pixels), worked out once per range for all stacked plots."""
        key = (x0, x1, width)
        if key != self._ticks_key:
            axis = self.time_axis_plot.getAxis("bottom")
            try:
                levels = axis.tickValues(x0, x1, width)
            except AttributeError:  # before the axis' first paint (no font metrics yet)
                return []
            self._ticks_key = key
            self._ticks = [float(x) for _spacing, xs in levels[:2] for x in xs]
        return self._ticks

    _ticks_key: tuple[float, float, int] = (0.0, 0.0, 0)
    _ticks: list[float] = []  # noqa: RUF012

    def _follow_time_axis(self, _vb: object, x_range: tuple[float, float]) -> None:
        self.time_axis_plot.vb.setXRange(*x_range, padding=0)

    def _apply_ranges(self, plots: list[pg.PlotItem]) -> None:
        """Apply a new range to the view transforms now rather than at the paint: pyqtgraph
        defers it to the scene's ``prepareForPaint``, where the curves' changed geometry marks
        them dirty again after they were painted, so every frame was painted twice."""
        for plot in plots:
            plot.vb.prepareForPaint()
        if self.time_axis.isVisible():
            self.time_axis_plot.vb.prepareForPaint()

    def _plot_rect(self, plot: pg.PlotItem) -> QRect:
        """Where ``plot`` is in ``self.plots`` (kept until the plot's geometry or the
        widget's size changes: asked for every plot at every tick)."""
        key = (plot.geometry().getRect(), self.plots.width(), self.plots.height())
        cached = self._rects.get(id(plot))
        if cached is not None and cached[0] == key:
            return cached[1]
        rect: QRect = self.plots.mapFromScene(plot.sceneBoundingRect()).boundingRect()
        self._rects[id(plot)] = (key, rect)
        return rect

    def _now(self) -> float:
        latest = max((self._client.buffer(k).newest_t for k in self._traces), default=math.nan)
        now = self._clock()
        return max(now, latest) if math.isfinite(latest) else now

    # --- the redraw tick -------------------------------------------------------------------
    def refresh(self) -> None:
        """Redraw the traces whose data or range changed, and update the value tiles."""
        self._check_forced()
        self._update_tiles()
        for layer in {id(t.layer): t.layer for t in self._traces.values()
                      if t.layer is not None and t.layer.refining}.values():
            layer.update()  # the next part of its exact picture (see TraceLayer)
        if self._following:
            now = self._now()
            right = self._pixel_aligned(now)
            if not self._moved_a_pixel(now, right):
                return
            self._set_x_range(right - self._span, right)
            self._drawn_now, self._drawn_at = right, now
        if not self._moved_since_refresh:
            for trace in self._traces.values():  # the view rests: exact pictures again
                if trace.layer is not None:
                    trace.layer.set_interactive(False)
        self._moved_since_refresh = False
        x0, x1 = self._x_range()
        slow = x1 - x0 > SLOW_REDRAW_SPAN_S
        mono = time.monotonic()
        if slow and self._following and mono - self._last_slow_redraw < 1.0:
            return
        drew = False
        shown = self._shown_rect()
        for trace in self._traces.values():
            if trace.layer is None or trace.plot is None:
                continue
            if shown is not None and not shown.intersects(self._plot_rect(trace.plot)):
                # Scrolled out of sight: drawn whole when scrolled back (see _scrolled), so
                # its picture need not be kept meanwhile.
                trace.layer.release_picture()
                continue
            buf = self._client.buffer(trace.channel.key)
            version = buf.version
            if version == trace.version and trace.drawn_range == (x0, x1):
                continue
            width = max(200, int(trace.plot.vb.width()))
            margin = (x1 - x0) * 0.02
            t, y = trace.decimation.update(buf, x0 - margin, x1 + margin, width * 2)
            t, y = with_gaps(t, y, trace.channel.stale_after_s)
            if self._overlay:
                c = trace.channel
                y = (y - c.display_min) / (c.display_max - c.display_min) * 100
            trace.layer.set_data(trace.series, t, y)
            trace.version, trace.drawn_range = version, (x0, x1)
            drew = True
        if drew and slow:
            self._last_slow_redraw = mono

    def _shown_rect(self) -> QRect | None:
        """The part of the stacked plots scrolled into sight (None: everything counts)."""
        if self._overlay or not self.plots.isVisible():
            return None
        viewport = self.plots_scroll.viewport()
        return QRect(self.plots.mapFrom(viewport, QPoint(0, 0)), viewport.size())

    def _scrolled(self, _value: int) -> None:
        if self.isVisible():
            self._drawn_now = -math.inf  # draw the plots scrolled into sight now
            self.refresh()

    def _pixel_aligned(self, now: float) -> float:
        """``now`` rounded up to a whole device pixel of the view: while following, the view
        then moves by whole pixels, and each trace layer scrolls its picture instead of
        drawing it again (see ``TraceLayer``)."""
        plot = next((t.plot for t in self._traces.values() if t.plot is not None), None)
        if plot is None or plot.vb.width() <= 0:
            return now
        pixel = self._span / (float(plot.vb.width()) * self.devicePixelRatioF())
        return math.ceil(now / pixel) * pixel

    def _on_pixel_grid(self) -> bool:
        plot = next((t.plot for t in self._traces.values() if t.plot is not None), None)
        if plot is None or plot.vb.width() <= 0:
            return True
        x1 = self._x_range()[1]
        pixels = x1 / (self._span / (float(plot.vb.width()) * self.devicePixelRatioF()))
        return abs(pixels - round(pixels)) < 1e-3

    def _moved_a_pixel(self, now: float, right: float) -> bool:
        """While following: has the view moved by at least a pixel since the last draw (or
        must a trace be redrawn anyway)? A sub-pixel step changes nothing on screen, so at
        long spans the traces are redrawn less often than the timer ticks (10 min over
        1,500 px: every 0.4 s); the value tiles still update on every tick."""
        if any(t.version < 0 for t in self._traces.values() if t.layer is not None):
            return True
        if not self._on_pixel_grid():  # resized: the view's edge is between two pixels now
            return True
        # At long spans a pixel is many seconds (24 h: ~1 min); a spike in the newest pixel
        # must still show within a few seconds, so the wait is capped.
        return right > self._drawn_now or now - self._drawn_at >= MAX_REDRAW_WAIT_S

    def tile_status(self, key: str) -> tuple[str, str, str]:
        """(value text, state words, level) for channel ``key`` as shown in its tile."""
        client, channel = self._client, self._traces[key].channel
        _t, value, quality = client.buffer(key).latest()
        value_text = format_value(channel, value)
        connected = client.connection(channel.endpoint).state is ConnectionState.CONNECTED
        alarm = client.alarm_state(key)
        words: list[str] = []
        level = ""
        if alarm in (AlarmState.ACTIVE_UNACKED, AlarmState.ACTIVE_ACKED):
            kind = infer_limit_kind(channel, value)
            words.append(limit_name(kind) if kind else alarm_state_name(alarm))
            if alarm is AlarmState.ACTIVE_UNACKED:
                words.append(self.tr("not acknowledged"))
            level = "alarm"
        elif alarm is AlarmState.RETURNED_UNACKED:
            words.append(alarm_state_name(alarm))
            level = "warn"
        error = client.channel_error(key)
        if not connected:
            words.insert(0, self.tr("Disconnected"))
            level = level or "dim"
        elif error:
            words.insert(0, self.tr("Not available"))
            level = level or "dim"
        elif client.is_stale(key):
            words.insert(0, self.tr("Stale"))
            level = level or "warn"
        last_quality = client.buffer(key).last_quality
        if connected and last_quality is Quality.BAD:
            words.insert(0, self.tr("Bad quality"))
            level = level or "warn"
        elif connected and last_quality is Quality.UNCERTAIN and quality is Quality.UNCERTAIN:
            words.insert(0, self.tr("Uncertain"))
            level = level or "warn"
        if quality is None:
            value_text = PLACEHOLDER
        return value_text, " · ".join(words), level

    def _update_tiles(self, *_args: object) -> None:
        """The tiles scrolled into sight (the others when scrolled to: see __init__)."""
        box = self._tiles_box
        in_sight = QRect(QPoint(0, -box.y()), self.tiles_scroll.viewport().size())
        for key, tile in self.tiles.items():
            if not box.isVisible() or in_sight.intersects(tile.geometry()):
                tile.show_state(*self.tile_status(key))
