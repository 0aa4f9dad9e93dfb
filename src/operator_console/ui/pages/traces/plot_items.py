"""How the Traces page's plots are made: a plot with the page's look and touch behaviour,
a channel's control-range band and its limit lines."""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtGui import QColor

from operator_console.domain.alarms import LimitKind
from operator_console.domain.channels import ChannelConfig
from operator_console.ui.names.alarms import limit_name
from operator_console.ui.pages.traces.limit_layer import LimitLine
from operator_console.ui.pages.traces.time_axis import LocaleDateAxis
from operator_console.ui.pages.traces.time_grid import TickSource, TimeGrid
from operator_console.ui.widgets.alarm_banner import format_value, language_code

LIMIT_COLOUR = "#a4161a"
GRID_COLOUR = "#dfe3e8"  # the look of the former 25 % grid, but opaque (much cheaper to paint)


def new_plot(on_moved: Callable[..., None], grid_ticks: TickSource | None) -> pg.PlotItem:
    """A plot that pans and zooms in time only (``on_moved`` hears of the user's moves).
    With ``grid_ticks`` it has no time axis of its own, only a ``TimeGrid`` at those ticks
    (a stacked plot; the labels are on the page's shared axis below all plots)."""
    plot = pg.PlotItem(axisItems={"bottom": LocaleDateAxis(orientation="bottom")})
    # No clipToView / auto-downsampling: the page already hands over about two points per
    # pixel column of the visible range, and those options re-process every curve on every
    # range change (i.e. every frame while following).
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.vb.setMouseEnabled(x=True, y=False)
    plot.vb.disableAutoRange()
    plot.vb.sigRangeChangedManually.connect(on_moved)
    if grid_ticks is not None:
        plot.hideAxis("bottom")
        # The grid in one item of its own, not the axes' (see TimeGrid). The value axis
        # then shows only labels that fit beside the plot, as it did while its grid lines
        # made it as tall as the plot (one sticking out would be cut at the plot's edge).
        plot.addItem(TimeGrid(grid_ticks, GRID_COLOUR, value_axis=plot.getAxis("left")))
        plot.getAxis("left").setStyle(hideOverlappingLabels=True)
    else:
        plot.showGrid(x=True, y=True)
    for name in ("left", "bottom"):
        axis_item = plot.getAxis(name)
        axis_item.setTextPen("#101418")
        axis_item.setPen("#5b6b7b")
        # An opaque light grid: the default translucent one (alpha-blended lines across
        # every plot) was most of the paint time of a stacked page.
        axis_item.setTickPen(GRID_COLOUR)
        # Major and minor grid lines only (sub-minor ones, opaque, made a hatch), and
        # behind the traces: pyqtgraph puts axes, and so their grid, above the data.
        axis_item.setStyle(tickAlpha=255, maxTickLevel=1)
        axis_item.setZValue(-1)
    return plot


BAND_COLOUR = QColor(46, 125, 50, 28)  # the control range, a light translucent green


def shade_control_band(plot: pg.PlotItem, channel: ChannelConfig) -> None:
    """Shade the channel's control range (between its limits) on a stacked plot, if it has
    both limits (drawn by the plot's ``TimeGrid``, beneath the grid and the trace)."""
    if channel.low_limit is None or channel.high_limit is None:
        return
    for item in plot.items:
        if isinstance(item, TimeGrid):
            item.set_band(channel.low_limit, channel.high_limit, BAND_COLOUR)


def limit_lines(channel: ChannelConfig, colour: str, *, normalised: bool) -> list[LimitLine]:
    """The channel's limits, labelled with kind, value and unit; ``normalised`` (the
    overlay, in % of the display range): also with the channel's name."""
    c = channel

    def y(v: float) -> float:
        return (v - c.display_min) / (c.display_max - c.display_min) * 100 if normalised else v

    name = f"{c.name(language_code())} " if normalised else ""
    lines = []
    for kind, limit in ((LimitKind.HIGH, c.high_limit), (LimitKind.LOW, c.low_limit)):
        if limit is not None:
            text = f"{name}{limit_name(kind)} {format_value(c, limit)} {c.unit}".rstrip()
            lines.append(LimitLine(y(limit), colour, text, above=kind is LimitKind.HIGH))
    return lines
