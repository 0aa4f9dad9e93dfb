"""How the Traces page's plots are made: a plot with the page's look and touch behaviour,
a channel's control-range band and its limit lines."""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg

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
    plot.showGrid(x=True, y=True)
    plot.vb.setMouseEnabled(x=True, y=False)
    plot.vb.disableAutoRange()
    plot.vb.sigRangeChangedManually.connect(on_moved)
    if grid_ticks is not None:
        plot.hideAxis("bottom")
        plot.addItem(TimeGrid(grid_ticks, GRID_COLOUR))
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


def control_band(channel: ChannelConfig) -> pg.LinearRegionItem | None:
    """The channel's control range (between its limits) shaded, if it has both limits."""
    if channel.low_limit is None or channel.high_limit is None:
        return None
    band = pg.LinearRegionItem(values=(channel.low_limit, channel.high_limit),
                               orientation="horizontal", movable=False,
                               brush=pg.mkBrush(46, 125, 50, 28), pen=pg.mkPen(None))
    band.setZValue(-10)
    return band


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
