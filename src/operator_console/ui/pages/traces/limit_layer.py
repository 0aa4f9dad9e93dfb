"""A plot's limit lines and their labels, drawn in one item.

Two ``InfiniteLine``s with an ``InfLineLabel`` per channel made the overlay of 32 channels
recompute 64 bounding rectangles in Python on every range change (every frame while
following). ``LimitLayer`` draws every horizontal limit of a plot in one paint, in device
pixels: a dashed 1 px line across the plot and its label at the left end, above the line for
a high limit and below it for a low one; labels that would overlap move right, so each
stays readable in the overlay where several channels' limits meet (one with no room left is
not drawn). The layout is kept until the plot's size or vertical range changes.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QStaticText, QTransform
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

LABEL_PAD_PX = 6.0


@dataclass(frozen=True, slots=True)
class LimitLine:
    """One horizontal limit: where (in the plot's y units), its colour and its label."""

    y: float
    colour: str
    label: str
    above: bool  # label above the line (a high limit) or below it (a low one)


class LimitLayer(pg.GraphicsObject):  # type: ignore[misc]  # pyqtgraph is untyped
    """All limit lines of one plot; add it to a ``PlotItem`` and give it ``set_lines``."""

    def __init__(self) -> None:
        super().__init__()
        self._lines: list[LimitLine] = []
        self._font = QFont()
        self._font.setPixelSize(13)
        self.setZValue(5)  # above the traces: a limit is read against the curve

    def set_lines(self, lines: list[LimitLine]) -> None:
        self._lines = list(lines)
        self._layout_key = None
        self.update()

    def lines(self) -> list[LimitLine]:
        return list(self._lines)

    # --- QGraphicsItem ---------------------------------------------------------------------
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
        if vb is None or not self._lines:
            return
        view = vb.viewRect()
        to_device = p.transform()
        area = to_device.mapRect(view)
        # Rows depend on the vertical mapping only; a move in time changes nothing here.
        key = (round(area.left()), round(area.right()), to_device.m22(), to_device.dy(),
               view.top(), view.bottom())
        if key != self._layout_key:  # only when the plot's size or vertical range changes
            ys = tuple(round(to_device.map(QPointF(view.left(), line.y)).y())
                       if view.top() <= line.y <= view.bottom() else None
                       for line in self._lines)
            self._layout_key, self._layout = key, self._place(ys, area)
        p.save()
        p.setTransform(QTransform())  # device pixels: labels and 1 px lines stay sharp
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.setFont(self._font)
        for y, pen, colour, rect, text in self._layout:
            p.setPen(pen)
            p.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            if rect is not None:
                p.setPen(colour)
                p.drawStaticText(rect.topLeft(), text)  # laid out once, not every frame
        p.restore()

    _layout_key: object = None
    _layout: list[tuple[int, QPen, QColor, QRectF | None, QStaticText]] = []  # noqa: RUF012

    def _place(self, ys: tuple[int | None, ...], area: QRectF
               ) -> list[tuple[int, QPen, QColor, QRectF | None, QStaticText]]:
        """Each visible line with its label's place: at the left, moved right past labels
        it would overlap; left out if there is no room for it at all."""
        metrics = QFontMetricsF(self._font)
        placed: list[QRectF] = []
        out = []
        for line, y in zip(self._lines, ys, strict=True):
            if y is None:
                continue
            pen = QPen(QColor(line.colour), 1, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            rect: QRectF | None = None
            if line.label:
                width, height = metrics.horizontalAdvance(line.label), metrics.height()
                top = y - height - 1 if line.above else y + 2
                rect = QRectF(area.left() + LABEL_PAD_PX, top, width, height)
                for other in sorted((r for r in placed if r.top() < rect.bottom()
                                     and rect.top() < r.bottom()), key=QRectF.left):
                    if rect.intersects(other):
                        rect.moveLeft(other.right() + 2 * LABEL_PAD_PX)
                if rect.right() > area.right() - LABEL_PAD_PX:
                    rect = None
                else:
                    placed.append(rect)
            text = QStaticText(line.label)
            text.prepare(QTransform(), self._font)
            out.append((y, pen, QColor(line.colour), rect, text))
        return out
