"""The grid lines of a stacked plot, drawn without an axis.

Each stacked plot used to keep a bottom ``AxisItem`` with its labels hidden only for its
grid lines; pyqtgraph works out an axis's ticks in Python every time its range changes, so
every visible plot did, on every frame while following (the largest part of a stacked
frame's paint). ``TimeGrid`` draws the lines at the ticks of the page's one shared time axis,
which the page works out once per frame for all plots (``ticks``).

It draws the horizontal lines too, at the value axis' ticks (worked out once per vertical
range): an axis that draws its own grid covers the whole plot, so every frame that moved the
traces repainted every visible axis' ticks and labels as well (a fifth of a stacked frame).
And it shades the channel's control range beneath the lines (``set_band``): a
``LinearRegionItem`` with its two invisible lines was three more items per plot to ask for
bounding rectangles and to paint.
"""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QTransform
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

TickSource = Callable[[float, float, int], list[float]]


class TimeGrid(pg.GraphicsObject):  # type: ignore[misc]  # pyqtgraph is untyped
    """Vertical lines at ``ticks(x0, x1, width_px)`` and horizontal ones at ``value_axis``'
    ticks, over the shaded band, behind the traces."""

    def __init__(self, ticks: TickSource, colour: str,
                 value_axis: pg.AxisItem | None = None) -> None:
        super().__init__()
        self._ticks = ticks
        self._value_axis = value_axis
        self._value_key: tuple[float, float, float] | None = None
        self._values: list[float] = []
        self._band: tuple[float, float] | None = None
        self._brush = QBrush()
        self._pen = QPen(QColor(colour), 1)
        self._pen.setCosmetic(True)
        self.setZValue(-5)

    def set_band(self, low: float, high: float, colour: QColor) -> None:
        """Shade the values from ``low`` to ``high`` (a channel's control range)."""
        self._band = (min(low, high), max(low, high))
        self._brush = QBrush(colour)
        self.update()

    def boundingRect(self) -> QRectF:
        vb = self.getViewBox()
        return QRectF() if vb is None else vb.viewRect()

    def viewRangeChanged(self) -> None:
        self.prepareGeometryChange()
        self.update()

    def dataBounds(self, ax: int, frac: float = 1.0,
                   orthoRange: object = None) -> None:  # noqa: N803 (pyqtgraph's name)
        return None

    def paint(self, p: QPainter, opt: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        vb = self.getViewBox()
        if vb is None:
            return
        view = vb.viewRect()
        to_device = p.transform()
        area = to_device.mapRect(view)
        xs = self._ticks(view.left(), view.right(), max(int(vb.width()), 1))
        ys = self._value_ticks(view.top(), view.bottom())
        if not xs and not ys and self._band is None:
            return
        p.save()
        p.setTransform(QTransform())
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        if self._band is not None:
            low, high = (max(min(v, view.bottom()), view.top()) for v in self._band)
            if high > low:
                y_high = round(to_device.map(QPointF(view.left(), high)).y())
                y_low = round(to_device.map(QPointF(view.left(), low)).y())
                top, bottom = min(y_high, y_low), max(y_high, y_low)
                p.fillRect(QRectF(area.left(), top, area.width(), bottom - top), self._brush)
        p.setPen(self._pen)
        # One call for all lines: each call into Qt lets the instrument thread take the
        # GIL, and the UI thread may wait for it to come back.
        sx, dx0 = to_device.m11(), to_device.dx()
        sy, dy0 = to_device.m22(), to_device.dy()
        lines = [QLineF(round(sx * x + dx0), area.top(), round(sx * x + dx0), area.bottom())
                 for x in xs if view.left() <= x <= view.right()]
        lines += [QLineF(area.left(), round(sy * y + dy0), area.right(), round(sy * y + dy0))
                  for y in ys if view.top() <= y <= view.bottom()]
        if lines:
            p.drawLines(lines)
        p.restore()

    def _value_ticks(self, y0: float, y1: float) -> list[float]:
        """The value axis' major and minor ticks over ``[y0, y1]``: where it would draw its
        grid (for the axis' length as it reckons it: its height and a pixel either end)."""
        axis = self._value_axis
        if axis is None:
            return []
        key = (y0, y1, float(axis.geometry().height()) + 2)
        if key != self._value_key:
            if key[2] <= 2:
                return []
            self._value_key = key
            self._values = [float(v) for _spacing, vs in axis.tickValues(y0, y1, key[2])[:2]
                            for v in vs]
        return self._values
