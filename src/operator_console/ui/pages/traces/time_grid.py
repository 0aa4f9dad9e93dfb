"""The vertical (time) grid lines of a stacked plot, drawn without an axis.

Each stacked plot used to keep a bottom ``AxisItem`` with its labels hidden only for its
grid lines; pyqtgraph works out an axis's ticks in Python every time its range changes, so
every visible plot did, on every frame while following (the largest part of a stacked
frame's paint). ``TimeGrid`` draws the lines at the ticks of the page's one shared time axis,
which the page works out once per frame for all plots (``ticks``).
"""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPen, QTransform
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

TickSource = Callable[[float, float, int], list[float]]


class TimeGrid(pg.GraphicsObject):  # type: ignore[misc]  # pyqtgraph is untyped
    """Vertical lines at ``ticks(x0, x1, width_px)``, behind the traces."""

    def __init__(self, ticks: TickSource, colour: str) -> None:
        super().__init__()
        self._ticks = ticks
        self._pen = QPen(QColor(colour), 1)
        self._pen.setCosmetic(True)
        self.setZValue(-5)

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
        if not xs:
            return
        p.save()
        p.setTransform(QTransform())
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.setPen(self._pen)
        for x in xs:
            if view.left() <= x <= view.right():
                dx = round(to_device.map(QPointF(x, view.top())).x())
                p.drawLine(QPointF(dx, area.top()), QPointF(dx, area.bottom()))
        p.restore()
