"""The batch report (certified copy) as an A4 PDF made at the station with Qt, from the same
report document the plant server lays out with reportlab (``domain.batch_report``): the
words are the document's, in its language; every page's footer carries the document's SHA-256
and "page x/y". Trends are drawn with QPainter (min-max band, mean, dashed limits, shaded
alarm periods) into images placed in the flowing text. Runs headless (``offscreen``)."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QPolygonF,
    QTextDocument,
)

from operator_console.domain.batch_report import document as doc
from operator_console.ui.reports.batch_record_pdf import RESOLUTION, _font, ensure_gui_application

FLAG, BAND, MEAN, ALARM, GRID = "#b00020", "#9ecae1", "#08519c", "#fdd0a2", "#bbbbbb"


def _e(text: str) -> str:
    return html.escape(text)


def _table(t: doc.Table) -> str:
    widths = [f' width="{round(w * 100)}%"' for w in t.widths]
    head = "".join(f'<th{w} bgcolor="#37474f"><font color="white">{_e(h)}</font></th>'
                   for h, w in zip(t.header, widths, strict=True))
    rows = []
    for i, row in enumerate(t.rows):
        color = f' style="color:{FLAG}"' if i in t.flagged else ""
        rows.append("<tr>" + "".join(f"<td{color}>{_e(c)}</td>" for c in row) + "</tr>")
    return ('<table width="100%" border="0.5" cellspacing="0" cellpadding="3" '
            f'style="border-color:{GRID}"><tr>{head}</tr>{"".join(rows)}</table>')


def _kv(kv: doc.KeyValues) -> str:
    rows = "".join(f'<tr><td width="30%" bgcolor="#eceff1">{_e(k)}</td><td>{_e(v)}</td></tr>'
                   for k, v in kv.rows)
    return (f'<table width="100%" border="0.5" cellspacing="0" cellpadding="3" '
            f'style="border-color:{GRID}">{rows}</table>')


def draw_chart(chart: doc.Chart, width: int, font: QFont) -> QImage:
    """One channel's trend as an image ``width`` pixels wide (at the PDF's resolution)."""
    height = int(width * 0.34)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    small = QFont(font)
    small.setPixelSize(max(10, width // 95))
    p.setFont(small)
    left, right, top, bottom = width * 0.09, width * 0.99, height * 0.1, height * 0.82
    values = [v for b in chart.bands for v in b[1:3]] + \
        [v for v in (chart.low, chart.high) if v is not None]
    lo, hi = (min(values), max(values)) if values else (0.0, 1.0)
    pad = (hi - lo) * 0.08 or 1.0
    lo, hi = lo - pad, hi + pad
    span = (chart.t1 - chart.t0) or 1.0

    def x(t: float) -> float:
        return left + (t - chart.t0) / span * (right - left)

    def y(v: float) -> float:
        return bottom - (v - lo) / (hi - lo) * (bottom - top)

    for a, b in chart.alarms:
        p.fillRect(QRectF(x(a), top, max(2.0, x(b) - x(a)), bottom - top), QColor(ALARM))
    p.setPen(QPen(QColor(GRID), 1))
    p.drawRect(QRectF(left, top, right - left, bottom - top))
    for i in range(5):
        v = lo + (hi - lo) * i / 4
        p.drawLine(QPointF(left, y(v)), QPointF(right, y(v)))
        p.drawText(QRectF(0, y(v) - 20, left - 8, 40),
                   int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), f"{v:.4g}")
    for t, label in chart.x_labels:  # kept inside the image at both ends
        box = QRectF(min(max(x(t) - 150, 0.0), width - 300.0), bottom + 4, 300, 40)
        p.drawText(box, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), label)
    if chart.bands:
        step = span / max(1, len(chart.bands))
        upper = [QPointF(x(t), y(mx)) for t, _mn, mx, _m in chart.bands]
        lower = [QPointF(x(t), y(mn)) for t, mn, _mx, _m in chart.bands]
        upper.append(QPointF(x(chart.bands[-1][0] + step), y(chart.bands[-1][2])))
        lower.append(QPointF(x(chart.bands[-1][0] + step), y(chart.bands[-1][1])))
        p.setPen(QPen(QColor(BAND), 1))
        p.setBrush(QColor(BAND))
        p.drawPolygon(QPolygonF(upper + lower[::-1]))
        p.setPen(QPen(QColor(MEAN), 2.5))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPolyline(QPolygonF([QPointF(x(t + step / 2), y(m))
                                  for t, _mn, _mx, m in chart.bands]))
    dashed = QPen(QColor(FLAG), 2, Qt.PenStyle.DashLine)
    p.setPen(dashed)
    for limit in (chart.low, chart.high):
        if limit is not None:
            p.drawLine(QPointF(left, y(limit)), QPointF(right, y(limit)))
    p.setPen(QColor("#333333"))
    p.drawText(QRectF(left, height * 0.9, right - left, height * 0.1),
               int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), chart.caption)
    p.end()
    return image


def build_html(document: doc.Document, qdoc: QTextDocument, width: int, font: QFont) -> str:
    """The report as HTML; chart images are added to ``qdoc``'s resources."""
    out: list[str] = []
    charts = 0
    for n, section in enumerate(document.sections):
        brk = ' style="page-break-before: always"' if section.new_page and n else ""
        tag = "h1" if n == 0 else "h2"
        out.append(f"<{tag}{brk}>{_e(section.heading)}</{tag}>")
        for block in section.blocks:
            if isinstance(block, doc.Paragraph) and block.heading:
                out.append(f'<h3 style="color:#1a237e">{_e(block.text)}</h3>')
            elif isinstance(block, doc.Paragraph):
                style = f' style="color:{FLAG}"' if block.emphasis else ""
                out.append(f"<p{style}>{_e(block.text)}</p>")
            elif isinstance(block, doc.Table):
                out.append(_table(block))
            elif isinstance(block, doc.KeyValues):
                out.append(_kv(block))
            else:
                charts += 1
                name = f"chart://{charts}"
                qdoc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name),
                                 draw_chart(block, width, font))
                # An <img> width is in CSS pixels (96 per inch), whatever the paint device.
                shown = round(width * 96 / RESOLUTION)
                out.append(f'<p><b>{_e(block.title)}</b><br/><img src="{name}" '
                           f'width="{shown}"/></p>')
    return "".join(out)


def render_report_pdf(document: doc.Document, path: Path) -> int:
    """Write the report to ``path`` (overwritten); returns the number of pages."""
    ensure_gui_application()
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setTitle(f"{document.title} {document.batch_id}")
    writer.setCreator("Operator Console")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 12), QPageLayout.Unit.Millimeter))
    font = _font()
    font.setPointSizeF(8.5)
    qdoc = QTextDocument()
    qdoc.documentLayout().setPaintDevice(writer)
    qdoc.setDefaultFont(font)
    page = writer.pageLayout().paintRectPixels(RESOLUTION)
    qdoc.setHtml(build_html(document, qdoc, int(page.width()) - 20, font))
    footer_h = RESOLUTION * 0.3
    body_h = page.height() - footer_h
    qdoc.setPageSize(QSizeF(page.width(), body_h))
    pages = max(1, qdoc.pageCount())
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write {path}")
    try:
        footer_font = QFont(font)
        footer_font.setPointSizeF(7.0)
        for n in range(pages):
            if n:
                writer.newPage()
            painter.save()
            painter.translate(0, -n * body_h)
            qdoc.drawContents(painter, QRectF(0, n * body_h, page.width(), body_h))
            painter.restore()
            painter.setFont(footer_font)
            painter.setPen(QColor("#455a64"))
            area = QRectF(0, body_h, page.width(), footer_h)
            painter.drawLine(area.topLeft(), area.topRight())
            painter.drawText(area, int(Qt.AlignmentFlag.AlignHCenter
                                       | Qt.AlignmentFlag.AlignVCenter),
                             document.footer(n + 1, pages))
    finally:
        painter.end()
    return pages
