"""The batch report as a PDF, made by the plant server with reportlab from the domain's
report document (``operator_console.domain.batch_report``): A4, every page with the
document's SHA-256 and "page x/y" in its footer, trends drawn as vector graphics (min-max
band, mean line, dashed limits, shaded alarm periods), Japanese in an embedded TrueType font."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from operator_console.domain.batch_report import document as doc
from plant_server.reports.fonts import report_font

MARGIN = 16 * mm
WIDTH = A4[0] - 2 * MARGIN
FLAG = colors.HexColor("#b00020")
BAND = colors.HexColor("#9ecae1")
MEAN = colors.HexColor("#08519c")
ALARM = colors.HexColor("#fdd0a2")
GRID = colors.HexColor("#bbbbbb")


class _Styles:
    def __init__(self, font: str, lang: str) -> None:
        wrap = "CJK" if lang == "ja" else None
        base = dict(fontName=font, wordWrap=wrap)
        self.title = ParagraphStyle("title", fontSize=17, leading=22, spaceAfter=8, **base)
        self.heading = ParagraphStyle("heading", fontSize=13, leading=17, spaceBefore=6,
                                      spaceAfter=6, **base)
        self.body = ParagraphStyle("body", fontSize=9, leading=12.5, spaceAfter=3, **base)
        self.strong = ParagraphStyle("strong", parent=self.body, textColor=FLAG)
        self.step = ParagraphStyle("step", fontSize=11, leading=14, spaceBefore=8,
                                   spaceAfter=3, textColor=colors.HexColor("#1a237e"), **base)
        self.cell = ParagraphStyle("cell", fontSize=7.8, leading=10, **base)
        self.cell_flag = ParagraphStyle("cellflag", parent=self.cell, textColor=FLAG)
        self.head = ParagraphStyle("head", parent=self.cell, textColor=colors.white)


_SUPERSCRIPT = str.maketrans({c: f"<super>{d}</super>" for d, c in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")})


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    # Superscript digits (a unit such as ×10⁶ cells/mL) as markup: the Japanese TrueType
    # font has no glyphs for them.
    return Paragraph(escape(text).translate(_SUPERSCRIPT), style)


class _Chart(Flowable):  # type: ignore[misc]
    """One channel's trend, as vector graphics."""

    def __init__(self, chart: doc.Chart, font: str, height: float = 62 * mm) -> None:
        super().__init__()
        self.chart, self.font, self.height, self.width = chart, font, height, WIDTH

    def wrap(self, *_args: Any) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.chart
        d = Drawing(self.width, self.height)
        left, bottom, right, top = 16 * mm, 9 * mm, self.width - 3 * mm, self.height - 9 * mm
        values = [v for b in c.bands for v in b[1:3]] + [v for v in (c.low, c.high)
                                                        if v is not None]
        lo, hi = (min(values), max(values)) if values else (0.0, 1.0)
        pad = (hi - lo) * 0.08 or 1.0
        lo, hi = lo - pad, hi + pad
        span_t = (c.t1 - c.t0) or 1.0

        def x(t: float) -> float:
            return float(left + (t - c.t0) / span_t * (right - left))

        def y(v: float) -> float:
            return float(bottom + (v - lo) / (hi - lo) * (top - bottom))

        d.add(String(0, self.height - 6 * mm, c.title, fontName=self.font, fontSize=9))
        for a, b in c.alarms:
            d.add(Rect(x(a), bottom, max(0.8, x(b) - x(a)), top - bottom, fillColor=ALARM,
                       strokeColor=None))
        d.add(Rect(left, bottom, right - left, top - bottom, fillColor=None,
                   strokeColor=GRID, strokeWidth=0.5))
        for i in range(5):
            v = lo + (hi - lo) * i / 4
            d.add(Line(left, y(v), right, y(v), strokeColor=GRID, strokeWidth=0.2))
            d.add(String(left - 1.5 * mm, y(v) - 2.5, f"{v:.4g}", fontName=self.font,
                         fontSize=6.5, textAnchor="end"))
        for i, (t, label) in enumerate(c.x_labels):  # the ends aligned inside the frame
            anchor = "start" if i == 0 else "end" if i == len(c.x_labels) - 1 else "middle"
            d.add(String(x(t), bottom - 4 * mm, label, fontName=self.font, fontSize=6.5,
                         textAnchor=anchor))
        if c.bands:
            width = span_t / max(1, len(c.bands))
            upper = [(x(t), y(mx)) for t, _mn, mx, _m in c.bands] + \
                [(x(c.bands[-1][0] + width), y(c.bands[-1][2]))]
            lower = [(x(t), y(mn)) for t, mn, _mx, _m in c.bands] + \
                [(x(c.bands[-1][0] + width), y(c.bands[-1][1]))]
            points = [v for p in upper + lower[::-1] for v in p]
            d.add(Polygon(points, fillColor=BAND, strokeColor=BAND, strokeWidth=0.3))
            mean = [v for t, _mn, _mx, m in c.bands for v in (x(t + width / 2), y(m))]
            d.add(PolyLine(mean, strokeColor=MEAN, strokeWidth=0.8))
        for limit in (c.low, c.high):
            if limit is not None:
                d.add(Line(left, y(limit), right, y(limit), strokeColor=FLAG,
                           strokeWidth=0.7, strokeDashArray=[3, 2]))
        d.add(String(left, 1.5 * mm, c.caption, fontName=self.font, fontSize=6.5))
        d.drawOn(self.canv, 0, 0)


def _table(t: doc.Table, st: _Styles) -> Table:
    data = [[_p(h, st.head) for h in t.header]]
    for i, row in enumerate(t.rows):
        style = st.cell_flag if i in t.flagged else st.cell
        data.append([_p(cell, style) for cell in row])
    table = Table(data, colWidths=[w * WIDTH for w in t.widths], repeatRows=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#37474f")),
        ("GRID", (0, 0), (-1, -1), 0.3, GRID), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return table


def _kv(kv: doc.KeyValues, st: _Styles) -> Table:
    table = Table([[_p(k, st.cell), _p(v, st.cell)] for k, v in kv.rows],
                  colWidths=[0.3 * WIDTH, 0.7 * WIDTH])
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#eceff1")),
        ("GRID", (0, 0), (-1, -1), 0.3, GRID), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _flowables(document: doc.Document, font: str) -> list[Flowable]:
    st = _Styles(font, document.lang)
    out: list[Flowable] = []
    group: list[Flowable] = []  # a sub-heading and what follows it: kept on one page if it fits

    def flush() -> None:
        if group:
            out.append(KeepTogether(list(group)))
            group.clear()

    for n, section in enumerate(document.sections):
        flush()
        if section.new_page and n:
            out.append(PageBreak())
        out.append(_p(section.heading, st.title if n == 0 else st.heading))
        for block in section.blocks:
            item: Flowable
            if isinstance(block, doc.Paragraph) and block.heading:
                flush()
                item = _p(block.text, st.step)
            elif isinstance(block, doc.Paragraph):
                item = _p(block.text, st.strong if block.emphasis else st.body)
            elif isinstance(block, doc.Table):
                item = _table(block, st)
            elif isinstance(block, doc.KeyValues):
                item = _kv(block, st)
            else:
                item = KeepTogether([_Chart(block, font), Spacer(1, 3 * mm)])
            (group if group or (isinstance(block, doc.Paragraph) and block.heading)
             else out).extend([item, Spacer(1, 1.5 * mm)])
    flush()
    return out


def _numbered(document: doc.Document, font: str) -> type[Canvas]:
    class NumberedCanvas(Canvas):  # type: ignore[misc]
        """Holds the pages back until the end, so each footer can say "page x/y"."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFont(font, 7)
                self.setFillColor(colors.HexColor("#455a64"))
                self.drawCentredString(A4[0] / 2, 9 * mm, document.footer(number, total))
                self.line(MARGIN, 12 * mm, A4[0] - MARGIN, 12 * mm)
                super().showPage()
            super().save()

    return NumberedCanvas


def write_report_pdf(document: doc.Document, path: str) -> int:
    """Write ``document`` to ``path``; returns the number of pages."""
    font = report_font()
    pdf = SimpleDocTemplate(path, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm,
                            title=f"{document.title} {document.batch_id}",
                            author="plant server", subject=document.sha256)
    pdf.build(_flowables(document, font), canvasmaker=_numbered(document, font))
    return int(pdf.page)
