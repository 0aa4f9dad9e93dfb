"""All curves of one plot in one cached image, redrawn only where they changed.

A strip chart mostly scrolls: while the page follows live data, every frame the picture moves
left by a pixel or two and only the newest pixels (and, with a full ring buffer, the oldest)
show anything new. Drawing every curve again each frame made the rasteriser the whole frame
budget (32 curves of ~3,000 points: ~10 ms on the plant's 2-core workstation). ``TraceLayer``
keeps the curves' pixels in an image of the plot area in device pixels; a frame scrolls it by
the whole number of pixels the view moved and redraws only the columns whose data changed
(drawn in a strip of their own and copied in, see ``_columns``). Anything else (a zoom, a
pan by a fraction of a pixel, a resize, a change of the vertical range) redraws it whole.

Which columns changed is found by comparing each curve's new points with the points last
drawn (``unchanged_span``), so the layer is correct whatever produced the data. The curves
are plain polylines with NaN breaking them (gaps), drawn without antialiasing like the
``PlotDataItem``s they replace.

A zoom changes the pixel grid, so it needs a full redraw; with many noisy curves that is
mostly rasterising (about 1 ms per curve of 1,500 columns here), more than a frame. While
the user is moving the view (``set_interactive(True)``) a frame whose grid changed shows the
last exact picture moved and stretched to the new grid (a preview, one image copy); once the
view rests the exact picture is rebuilt off screen a few curves per paint
(``REFINE_BUDGET_S``; ``refining`` says the page must ask for another paint) and shown
when complete. A pan by whole device pixels (the page snaps drags to them) is a scroll.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QImage, QPainter, QPen, QTransform
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

_EMPTY = np.empty(0, dtype=np.float64)
MARGIN_PX = 2  # columns redrawn either side of a change (per logical pixel: a line's width)
EDGE_EPS = 1e-3  # device pixels: closer than this to a pixel boundary counts as on it
SEAM_PX = 16  # drawn beyond redrawn columns, so that no line is clipped near them
REFINE_BUDGET_S = 0.006  # drawing per paint while an exact picture is rebuilt


def _same(a_x: np.ndarray, a_y: np.ndarray, b_x: np.ndarray, b_y: np.ndarray) -> np.ndarray:
    """Element-wise: the same point (NaN values count as equal: both are a gap)."""
    same: np.ndarray = (a_x == b_x) & ((a_y == b_y) | (np.isnan(a_y) & np.isnan(b_y)))
    return same


def unchanged_span(old_x: np.ndarray, old_y: np.ndarray, new_x: np.ndarray,
                   new_y: np.ndarray) -> tuple[float, float] | None:
    """The x range ``(lo, hi)`` over which the polyline through the new points is the same
    as the one through the old points, or None if no part is the same.

    Both x arrays are non-decreasing (time). Between ``lo`` and ``hi`` both polylines pass
    through the same points in the same order, so only x <= lo and x >= hi can look
    different; ``lo`` is -inf when the two start the same, ``hi`` +inf when they end the
    same. The common run is looked for around the middle of the new points (or a quarter
    either side), where a scrolling strip chart keeps its points while its head and tail
    change.
    """
    n, n_old = len(new_x), len(old_x)
    if n == 0 or n_old == 0:
        return None
    for m in (n // 2, n // 4, 3 * n // 4):  # a point both have, to line the two up
        first = int(np.searchsorted(old_x, new_x[m], side="left"))
        last = int(np.searchsorted(old_x, new_x[m], side="right"))
        same_m = _same(old_x[first:last], old_y[first:last], new_x[m], new_y[m])
        if same_m.any():
            break
    else:
        return None
    offset = first + int(np.argmax(same_m)) - m  # old index = new index + offset
    a, b = max(0, -offset), min(n, n_old - offset)
    eq = _same(old_x[a + offset:b + offset], old_y[a + offset:b + offset], new_x[a:b],
               new_y[a:b])
    differ = np.flatnonzero(~eq) + a
    left, right = differ[differ < m], differ[differ > m]
    lo_i = int(left[-1]) + 1 if len(left) else a
    hi_i = int(right[0]) - 1 if len(right) else b - 1
    lo = -math.inf if lo_i == 0 and lo_i + offset == 0 else float(new_x[lo_i])
    hi = math.inf if hi_i == n - 1 and hi_i + offset == n_old - 1 else float(new_x[hi_i])
    return lo, hi


def _same_grid(a: tuple[float, ...], b: tuple[float, ...], *, horizontal: bool = True
               ) -> bool:
    """Whether two pictures' keys (width, height, left, top, sx, sy, dy, ratio) put the
    same x at the same column (up to a whole-pixel shift) and the same y at the same row.
    Scales compare within 1e-9: a view range near 1.8e9 s rebuilt from its left edge and
    span differs in the last bits, which moves a column by less than 1e-5 of a pixel."""
    same = a[:4] == b[:4] and a[7] == b[7] and math.isclose(a[5], b[5], rel_tol=1e-9) \
        and math.isclose(a[6], b[6], rel_tol=1e-12, abs_tol=EDGE_EPS)
    return same and (not horizontal or math.isclose(a[4], b[4], rel_tol=1e-9))


@dataclass
class _Series:
    pen: QPen
    x: np.ndarray = field(default_factory=lambda: _EMPTY)
    y: np.ndarray = field(default_factory=lambda: _EMPTY)
    drawn_x: np.ndarray = field(default_factory=lambda: _EMPTY)
    drawn_y: np.ndarray = field(default_factory=lambda: _EMPTY)


@dataclass
class LayerStats:
    """What the layer's paints did (tests and benchmarks read it)."""

    full: int = 0
    partial: int = 0
    columns: int = 0  # columns redrawn by partial paints
    previews: int = 0  # paints that showed the last picture moved to a new grid
    refine_paints: int = 0  # paints that drew part of an exact picture off screen


@dataclass
class _Rebuild:
    """An exact picture being drawn off screen, a few curves per paint."""

    image: QImage
    key: tuple[float, ...]
    base: float
    done: int = 0  # curves drawn so far
    drawn: list[tuple[np.ndarray, np.ndarray]] = field(default_factory=list)


class TraceLayer(pg.GraphicsObject):  # type: ignore[misc]  # pyqtgraph is untyped
    """Curves drawn into a cached image of the plot area; add it to a ``PlotItem``."""

    def __init__(self) -> None:
        super().__init__()
        self._series: list[_Series] = []
        self._image: QImage | None = None
        self._key: tuple[float, ...] = ()
        self._base = 0.0  # image column of x = 0 in the cached image: column = sx * x + base
        self._rebuild: _Rebuild | None = None
        self._interactive = False
        self.stats = LayerStats()

    # --- data ------------------------------------------------------------------------------
    def add_series(self, colour: str) -> int:
        self._series.append(_Series(pg.mkPen(colour, width=1)))
        self.invalidate()
        return len(self._series) - 1

    def set_data(self, index: int, x: np.ndarray, y: np.ndarray) -> None:
        """Replace one curve's points (x non-decreasing; NaN in y breaks the line)."""
        s = self._series[index]
        s.x = np.asarray(x, dtype=np.float64)
        s.y = np.asarray(y, dtype=np.float64)
        self.update()

    def data(self, index: int) -> tuple[np.ndarray, np.ndarray]:
        s = self._series[index]
        return s.x, s.y

    def release_picture(self) -> None:
        """Free the cached picture (the next paint draws everything)."""
        self._image = None
        self._rebuild = None

    def invalidate(self) -> None:
        """Draw everything again at the next paint."""
        self._image = None
        self._rebuild = None
        self.update()

    def set_interactive(self, moving: bool) -> None:
        """While the user moves the view, show previews and rebuild nothing; when they stop,
        rebuild the exact picture (see the module docstring)."""
        if moving != self._interactive:
            self._interactive = moving
            if not moving and self._rebuild is None and self._image is not None:
                self.update()

    @property
    def refining(self) -> bool:
        """Whether the picture shown is a preview still to be replaced by an exact one."""
        return self._preview_key is not None

    _preview_key: tuple[float, ...] | None = None

    # --- QGraphicsItem ---------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        vb = self.getViewBox()
        return QRectF() if vb is None else vb.viewRect()

    def viewRangeChanged(self) -> None:
        self.prepareGeometryChange()
        self.update()

    def dataBounds(self, ax: int, frac: float = 1.0,
                   orthoRange: object = None) -> None:  # noqa: N803 (pyqtgraph's name)
        return None  # the page sets the ranges; auto-range ignores this layer

    def paint(self, p: QPainter, opt: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        vb = self.getViewBox()
        device = p.device()
        if vb is None or device is None or not self._series:
            return
        # Item coordinates to device pixels (it holds the device pixel ratio); not
        # deviceTransform(): that one also holds where the widget sits in its window, which
        # drawing adds again.
        dpr = float(device.devicePixelRatio())
        dev = p.combinedTransform()
        if dev.m12() != 0 or dev.m21() != 0 or dev.m11() == 0 or dev.m22() == 0:
            self._paint_direct(p)  # rotated or degenerate: no pixel cache
            return
        bounds = QRect(0, 0, math.ceil(device.width() * dpr), math.ceil(device.height() * dpr))
        view = dev.mapRect(vb.viewRect())
        # The device pixels the plot covers; an edge within a rounding error of a pixel
        # boundary counts as on it (at a ratio like 1.5 it would otherwise flip between two
        # pixels from frame to frame and force full redraws).
        # (Times near 1.8e9 s make that error about 1e-5 px.)
        left, top = math.floor(view.left() + EDGE_EPS), math.floor(view.top() + EDGE_EPS)
        shown = QRect(left, top, math.ceil(view.right() - EDGE_EPS) - left,
                      math.ceil(view.bottom() - EDGE_EPS) - top).intersected(bounds)
        if shown.isEmpty():
            return
        # The image reaches SEAM_PX beyond the plot on every side, so that no line is clipped
        # (which can move its pixels) where it leaves the plot: the edges look as
        # pyqtgraph's own curves do.
        area = shown.adjusted(-SEAM_PX, -SEAM_PX, SEAM_PX, SEAM_PX)
        sx, sy = dev.m11(), dev.m22()
        base = self._canonical_base(sx, dev.dx() - area.left())
        key = (area.width(), area.height(), area.left(), area.top(), sx, sy, dev.dy(), dpr)
        base_y = dev.dy() - area.top()
        shift = None
        if self._image is not None and _same_grid(key, self._key):
            moved = base - self._base
            if abs(moved - round(moved)) < EDGE_EPS and abs(round(moved)) < area.width():
                shift = round(moved)
        if shift is None and self._image is not None and \
                _same_grid(key, self._key, horizontal=False):
            # Same plot area and vertical scale, another horizontal grid: a zoom or a pan by
            # a fraction of a pixel.
            if self._refine(key, sx, sy, base, base_y, dpr):
                # The exact picture is complete (for the view when it was begun): bring it
                # up to date as usual.
                moved = round(base - self._base)
                shift = moved if abs(moved) < area.width() else None
            else:
                self._paint_preview(p, shown, sx, dev.dx(), dpr)
                return
        self._preview_key = None
        if shift is None:
            self._redraw_all(area, sx, sy, base, base_y, dpr, key)
        else:
            self._redraw_changed(shift, sx, sy, base, base_y, dpr)
        assert self._image is not None
        p.save()
        # In device pixels (undoing the device pixel ratio too): a plain copy of pixels, not
        # a scaled one that could move them at a fractional ratio such as 1.5.
        p.setTransform(QTransform.fromScale(1 / dpr, 1 / dpr))
        p.drawImage(QRectF(shown), self._image,
                    QRectF(SEAM_PX, SEAM_PX, shown.width(), shown.height()))
        p.restore()

    def _canonical_base(self, sx: float, base: float) -> float:
        """``base`` (the image column of x = 0) on this layer's own sub-pixel phase: the
        phase first drawn plus a whole number of pixels, when it is within ``EDGE_EPS`` of
        one.

        Times near 1.8e9 s put x = 0 some 5e10 device pixels away, where a double's last bit
        is 7.6e-6 px: from frame to frame the view's transform gives a base that is a whole
        number of pixels plus 0 or one such bit. A picture scrolled by the whole pixels was
        then drawn a bit away from where a full redraw draws it, and a vertex that lies on a
        rasteriser's rounding boundary came out one pixel apart (about one run in ten of the
        2x screen's test). On one phase, scrolls move the picture by exactly what the base
        moved, and a full redraw draws what the scrolled picture holds. The phase is kept
        across redraws (not the picture); a new scale or a move by a fraction of a pixel
        starts a new one.
        """
        anchor = self._phase
        if anchor is not None and math.isclose(sx, anchor[0], rel_tol=1e-9):
            whole = round(base - anchor[1])
            if abs(base - anchor[1] - whole) < EDGE_EPS:
                return anchor[1] + whole
        self._phase = (sx, base)
        return base

    _phase: tuple[float, float] | None = None

    def _refine(self, key: tuple[float, ...], sx: float, sy: float, base: float,
                base_y: float, dpr: float) -> bool:
        """Work on the exact picture for ``key`` (not while the user moves the view); True
        once it is complete and is the cached picture (drawn for ``base``)."""
        self._preview_key = key
        if self._interactive:
            self._rebuild = None
            return False
        job = self._rebuild
        if job is None or not _same_grid(job.key, key) or \
                abs((base - job.base) - round(base - job.base)) >= EDGE_EPS:
            assert self._image is not None
            image = QImage(self._image.width(), self._image.height(),
                           QImage.Format.Format_ARGB32_Premultiplied)
            image.setDevicePixelRatio(dpr)
            image.fill(0)
            job = self._rebuild = _Rebuild(image, key, base)
        painter = self._painter(job.image, sx, sy, job.base, base_y, dpr)
        start = time.perf_counter()
        try:
            while job.done < len(self._series):
                s = self._series[job.done]
                if len(s.x):
                    painter.setPen(s.pen)
                    painter.drawPath(pg.arrayToQPath(s.x, s.y, connect="finite"))
                job.drawn.append((s.x, s.y))
                job.done += 1
                if time.perf_counter() - start > REFINE_BUDGET_S:
                    break
        finally:
            painter.end()
        self.stats.refine_paints += 1
        if job.done < len(self._series):
            return False
        self._image, self._key, self._base = job.image, key, job.base
        for s, (x, y) in zip(self._series, job.drawn, strict=True):
            s.drawn_x, s.drawn_y = x, y
        self._rebuild = None
        self.stats.full += 1
        return True

    def _paint_preview(self, p: QPainter, shown: QRect, sx: float, dx: float,
                       dpr: float) -> None:
        """The last exact picture where its curves are on the new grid (stretched)."""
        image = self._image
        assert image is not None
        ratio = sx / self._key[4]
        # Image column c shows x = (c - base) / old sx, which is now at device column
        # sx * x + dx; rows are where they were.
        left = dx - ratio * self._base
        p.save()
        p.setTransform(QTransform.fromScale(1 / dpr, 1 / dpr))
        p.setClipRect(QRectF(shown))
        p.drawImage(QRectF(left, self._key[3], ratio * image.width(), image.height()), image,
                    QRectF(0, 0, image.width(), image.height()))
        p.restore()
        self.stats.previews += 1

    # --- drawing ---------------------------------------------------------------------------
    @staticmethod
    def _painter(image: QImage, sx: float, sy: float, base: float, base_y: float,
                 dpr: float) -> QPainter:
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setTransform(QTransform(sx / dpr, 0, 0, sy / dpr, base / dpr, base_y / dpr))
        return painter

    def _redraw_all(self, area: QRect, sx: float, sy: float, base: float, base_y: float,
                    dpr: float, key: tuple[float, ...]) -> None:
        image = QImage(area.width(), area.height(), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(dpr)
        image.fill(0)
        self._image, self._key, self._base = image, key, base
        painter = self._painter(image, sx, sy, base, base_y, dpr)
        try:
            for s in self._series:
                if len(s.x):
                    painter.setPen(s.pen)
                    painter.drawPath(pg.arrayToQPath(s.x, s.y, connect="finite"))
                s.drawn_x, s.drawn_y = s.x, s.y
        finally:
            painter.end()
        self.stats.full += 1

    def _redraw_changed(self, shift: int, sx: float, sy: float, base: float, base_y: float,
                        dpr: float) -> None:
        image = self._image
        assert image is not None
        width = image.width()
        pixels = np.ndarray((image.height(), image.bytesPerLine() // 4), dtype=np.uint32,
                            buffer=image.bits())[:, :width]
        if shift < 0:  # the view moved right (time went on): the picture moves left
            pixels[:, :width + shift] = pixels[:, -shift:].copy()
        elif shift > 0:
            pixels[:, shift:] = pixels[:, :width - shift].copy()
        self._base = base
        # Redrawn: columns [0, left) and [right, width), which include the exposed ones.
        left = max(shift, 0)
        right = width + min(shift, 0)
        margin = math.ceil(MARGIN_PX * dpr)
        for s in self._series:
            if not len(s.x) and not len(s.drawn_x):
                continue
            span = unchanged_span(s.drawn_x, s.drawn_y, s.x, s.y)
            if span is None:
                left = right = width
                break
            lo, hi = span
            if math.isfinite(lo):
                left = max(left, math.ceil(sx * lo + base) + margin)
            if math.isfinite(hi):
                right = min(right, math.floor(sx * hi + base) - margin)
        left, right = min(max(left, 0), width), max(min(right, width), 0)
        columns = [(0, left), (right, width)] if left < right else [(0, width)]
        if columns == [(0, width)]:
            self._redraw_all(QRect(0, 0, width, image.height()), sx, sy, base, base_y, dpr,
                             self._key)
            return
        for c0, c1 in columns:
            if c1 > c0:
                pixels[:, c0:c1] = self._columns(c0, c1, image.height(), sx, sy, base, base_y,
                                                 dpr)
                self.stats.columns += c1 - c0
        for s in self._series:
            s.drawn_x, s.drawn_y = s.x, s.y
        self.stats.partial += 1

    def _columns(self, c0: int, c1: int, height: int, sx: float, sy: float, base: float,
                  base_y: float, dpr: float) -> np.ndarray:
        """Columns [c0, c1) of the picture, drawn apart and returned as pixels.

        They are drawn into an image a little wider than the columns, not through a clip:
        the rasteriser moves the start of a clipped line, which could shift a pixel at the
        seam; a line merely crossing the columns is drawn exactly as in a full redraw.
        """
        left = c0 - SEAM_PX
        strip = QImage(c1 - c0 + 2 * SEAM_PX, height, QImage.Format.Format_ARGB32_Premultiplied)
        strip.setDevicePixelRatio(dpr)
        strip.fill(0)
        reach = math.ceil(MARGIN_PX * dpr)
        x_lo, x_hi = sorted(((left - reach - base) / sx, (c1 + SEAM_PX + reach - base) / sx))
        painter = self._painter(strip, sx, sy, base - left, base_y, dpr)
        try:
            for s in self._series:
                i0 = max(int(np.searchsorted(s.x, x_lo, side="left")) - 1, 0)
                i1 = int(np.searchsorted(s.x, x_hi, side="right")) + 1
                if i1 - i0 >= 2:
                    painter.setPen(s.pen)
                    painter.drawPath(pg.arrayToQPath(s.x[i0:i1], s.y[i0:i1], connect="finite"))
        finally:
            painter.end()
        pixels = np.ndarray((height, strip.bytesPerLine() // 4), dtype=np.uint32,
                            buffer=strip.bits())
        return pixels[:, SEAM_PX:SEAM_PX + c1 - c0].copy()

    def _paint_direct(self, p: QPainter) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for s in self._series:
            if len(s.x):
                p.setPen(s.pen)
                p.drawPath(pg.arrayToQPath(s.x, s.y, connect="finite"))
