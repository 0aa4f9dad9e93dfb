"""The batch record as an A4 PDF, in Japanese or English (Qt, runs headless).

Layout is one ``QTextDocument`` built from escaped HTML, cut into A4 pages by hand so that
every page gets a footer with the batch and "n / N". Translations come from the console's own
``.qm`` through a private ``QTranslator`` (nothing is installed application-wide), and dates are
shown in local time with the zone, in the chosen language's style (``ui.formatting``).

Without a display the caller sets ``QT_QPA_PLATFORM=offscreen`` before Qt loads.
"""

from __future__ import annotations

import html
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLocale,
    QMarginsF,
    QRectF,
    QSizeF,
    Qt,
    QTranslator,
)
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter

from operator_console.export.batch_record import BatchRecordExport, ExportRecord
from operator_console.paths import i18n_dir
from operator_console.ui.names.recipe_names import remember_recipes
from operator_console.ui.names.record_content import readable_content
from operator_console.ui.names.records import server_check_name
from operator_console.ui.reports.fonts import report_font

CONTEXT = "BatchRecordPdf"
RESOLUTION = 300  # dots per inch of the PDF's layout grid
BAD = "#b00020"
GOOD = "#1b5e20"


def _texts(table: dict[str, object]) -> dict[str, str]:
    return {key: str(value) for key, value in table.items()}


RECORD_TYPES = _texts({
    "cassette_load": QT_TRANSLATE_NOOP("BatchRecordPdf", "Cassette load"),
    "cassette_unload": QT_TRANSLATE_NOOP("BatchRecordPdf", "Cassette unload"),
    "alarm_ack": QT_TRANSLATE_NOOP("BatchRecordPdf", "Alarm acknowledgement"),
    "comment": QT_TRANSLATE_NOOP("BatchRecordPdf", "Comment"),
    "step_completion": QT_TRANSLATE_NOOP("BatchRecordPdf", "Step completion"),
    "correction": QT_TRANSLATE_NOOP("BatchRecordPdf", "Correction"),
})
MEANINGS = _texts({
    "performed": QT_TRANSLATE_NOOP("BatchRecordPdf", "Performed"),
    "verified": QT_TRANSLATE_NOOP("BatchRecordPdf", "Verified"),
    "reviewed": QT_TRANSLATE_NOOP("BatchRecordPdf", "Reviewed"),
    "approved": QT_TRANSLATE_NOOP("BatchRecordPdf", "Approved"),
})
STATUSES = _texts({
    "awaiting_signature": QT_TRANSLATE_NOOP("BatchRecordPdf", "Awaiting signature"),
    "awaiting_verification": QT_TRANSLATE_NOOP("BatchRecordPdf", "Awaiting verification"),
    "complete": QT_TRANSLATE_NOOP("BatchRecordPdf", "Complete"),
    "corrected": QT_TRANSLATE_NOOP("BatchRecordPdf", "Corrected (superseded)"),
})
EVENTS = _texts({
    "record_created": QT_TRANSLATE_NOOP("BatchRecordPdf", "Record created"),
    "record_corrected": QT_TRANSLATE_NOOP("BatchRecordPdf", "Correction recorded"),
    "record_signed": QT_TRANSLATE_NOOP("BatchRecordPdf", "Record signed"),
    "signature_refused": QT_TRANSLATE_NOOP("BatchRecordPdf", "Signature refused"),
    "record_synced": QT_TRANSLATE_NOOP("BatchRecordPdf", "Record synchronised"),
})


TEXTS = _texts({
    "title": QT_TRANSLATE_NOOP("BatchRecordPdf", "Batch record"),
    "batch": QT_TRANSLATE_NOOP("BatchRecordPdf", "Batch"),
    "station": QT_TRANSLATE_NOOP("BatchRecordPdf", "Station"),
    "exported_at": QT_TRANSLATE_NOOP("BatchRecordPdf", "Exported at"),
    "records": QT_TRANSLATE_NOOP("BatchRecordPdf", "Records"),
    "verification": QT_TRANSLATE_NOOP("BatchRecordPdf", "Verification"),
    "sigs_q": QT_TRANSLATE_NOOP("BatchRecordPdf", "Every record and signature verified:"),
    "yes": QT_TRANSLATE_NOOP("BatchRecordPdf", "Yes"),
    "sigs_no": QT_TRANSLATE_NOOP(
        "BatchRecordPdf", "NO: at least one record's content or signature does not verify"),
    "chain_q": QT_TRANSLATE_NOOP("BatchRecordPdf", "Audit trail chain intact:"),
    "chain_yes": QT_TRANSLATE_NOOP("BatchRecordPdf", "Yes (%1 entries checked)"),
    "chain_no": QT_TRANSLATE_NOOP("BatchRecordPdf", "NO: the audit trail has been altered (%1)"),
    "warning": QT_TRANSLATE_NOOP(
        "BatchRecordPdf",
        "This batch record cannot be relied on until the problem is investigated."),
    "audit": QT_TRANSLATE_NOOP("BatchRecordPdf", "Audit trail of these records"),
    "time": QT_TRANSLATE_NOOP("BatchRecordPdf", "Time"),
    "user": QT_TRANSLATE_NOOP("BatchRecordPdf", "User"),
    "event": QT_TRANSLATE_NOOP("BatchRecordPdf", "Event"),
    "record": QT_TRANSLATE_NOOP("BatchRecordPdf", "Record"),
    "reason": QT_TRANSLATE_NOOP("BatchRecordPdf", "Reason"),
    "no": QT_TRANSLATE_NOOP("BatchRecordPdf", "No. %1"),
    "created_by": QT_TRANSLATE_NOOP("BatchRecordPdf", "Created by"),
    "created_at": QT_TRANSLATE_NOOP("BatchRecordPdf", "Created at"),
    "corrects": QT_TRANSLATE_NOOP("BatchRecordPdf", "Corrects"),
    "correction_reason": QT_TRANSLATE_NOOP("BatchRecordPdf", "Reason for correction"),
    "corrected_by": QT_TRANSLATE_NOOP("BatchRecordPdf", "Corrected by"),
    "record_id": QT_TRANSLATE_NOOP("BatchRecordPdf", "Record ID"),
    "content_hash": QT_TRANSLATE_NOOP("BatchRecordPdf", "Content hash"),
    "content": QT_TRANSLATE_NOOP("BatchRecordPdf", "Content"),
    "content_bad": QT_TRANSLATE_NOOP(
        "BatchRecordPdf", "NOT VALID: the stored content no longer matches its hash"),
    "signed_by": QT_TRANSLATE_NOOP("BatchRecordPdf", "Signed by"),
    "date_time": QT_TRANSLATE_NOOP("BatchRecordPdf", "Date and time"),
    "meaning": QT_TRANSLATE_NOOP("BatchRecordPdf", "Meaning"),
    "signature": QT_TRANSLATE_NOOP("BatchRecordPdf", "Signature"),
    "no_signatures": QT_TRANSLATE_NOOP("BatchRecordPdf", "No signatures"),
    "valid": QT_TRANSLATE_NOOP("BatchRecordPdf", "Valid"),
    "invalid": QT_TRANSLATE_NOOP("BatchRecordPdf", "INVALID"),
})


class _Translator:
    """Looks texts up in the console's translation for one language, without installing it."""

    def __init__(self, language: str) -> None:
        if language not in ("ja", "en"):
            raise ValueError(f"unsupported language {language!r}")
        self.language = language
        self._qt: QTranslator | None = None
        if language != "en":
            qm = i18n_dir() / f"operator_console_{language}.qm"
            translator = QTranslator()
            if not translator.load(str(qm)):
                raise RuntimeError(f"cannot load translation {qm}")
            self._qt = translator

    def _lookup(self, text: str) -> str:
        return (self._qt.translate(CONTEXT, text) if self._qt else "") or text

    def __call__(self, key: str, *args: object) -> str:
        """The text ``TEXTS[key]`` translated, with ``%1``, ``%2``... filled from ``args``."""
        out = self._lookup(TEXTS[key])
        for number, arg in enumerate(args, start=1):
            out = out.replace(f"%{number}", str(arg))
        return out

    def ctx(self, context: str, text: str) -> str:
        """``text`` of another translation context (record fields, names of codes)."""
        return (self._qt.translate(context, text) if self._qt else "") or text

    def code(self, table: dict[str, str], code: str) -> str:
        text = table.get(code)
        return self._lookup(text) if text else code


def ensure_gui_application() -> QCoreApplication:
    """The running Qt application, or a new ``QGuiApplication`` (fonts need one)."""
    app = QCoreApplication.instance()
    if app is None:
        app = QGuiApplication([])
    return app


@contextmanager
def _locale(language: str) -> Iterator[None]:
    from operator_console.ui.shell.language import LOCALES

    previous = QLocale()
    QLocale.setDefault(LOCALES[language])
    try:
        yield
    finally:
        QLocale.setDefault(previous)


def _font() -> QFont:
    """Latin text in a Latin font, Japanese in IPAex Gothic (``ui.reports.fonts``)."""
    return report_font(9.0)


def _e(value: object) -> str:
    return html.escape(str(value))


def _when(value: datetime | str) -> str:
    """Plant-local time with its zone, and UTC beside it (what a reviewer compares)."""
    from operator_console.domain.manifestation import parse_utc_iso
    from operator_console.ui.names.formatting import format_local

    if isinstance(value, str):
        value = parse_utc_iso(value)
    utc = value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    if QLocale().language() == QLocale.Language.Japanese:
        return f"{format_local(value)}（UTC {utc}）"
    return f"{format_local(value)} (UTC {utc})"


def _verdict(ok: bool, yes: str, no: str) -> str:
    if ok:
        return f'<span style="color:{GOOD}; font-weight:bold">{_e(yes)}</span>'
    return f'<span style="color:{BAD}; font-weight:bold">{_e(no)}</span>'


def build_html(export: BatchRecordExport, t: _Translator) -> str:
    """The whole document as HTML (dates via ``ui.formatting`` in the current locale)."""
    from operator_console.ui.names.formatting import format_local

    names: dict[str, str] = {}
    for rec in export.records:
        for sig in rec.signatures:
            names.setdefault(sig.signer_id, sig.printed_name)

    def who(user_id: str) -> str:
        name = names.get(user_id)
        return f"{_e(name)} ({_e(user_id)})" if name else _e(user_id)

    index = {r.record_id: n for n, r in enumerate(export.records, start=1)}

    def ref(record_id: str | None) -> str:
        if record_id is None:
            return ""
        number = index.get(record_id)
        label = t("no", number) + " " if number else ""
        return f"{_e(label)}<span style='font-size:7pt'>({_e(record_id)})</span>"

    parts = [
        "<html><body>",
        f"<h1 style='font-size:16pt'>{_e(t('title'))}</h1>",
        "<table cellspacing='0' cellpadding='2'>",
    ]
    for label, value in (
        (t("batch"), _e(export.batch_id)),
        (t("station"), _e(export.station)),
        (t("exported_at"), _e(_when(export.exported_at))),
        (t("records"), _e(len(export.records))),
    ):
        parts.append(f"<tr><td><b>{_e(label)}</b></td><td>&nbsp;&nbsp;{value}</td></tr>")
    parts.append("</table>")

    parts.append(f"<h2 style='font-size:12pt'>{_e(t('verification'))}</h2><p>")
    parts.append(_e(t("sigs_q")) + " " + _verdict(
        export.signatures_valid, t("yes"),
        t("sigs_no")))
    parts.append("<br/>" + _e(t("chain_q")) + " " + _verdict(
        export.audit_chain_ok, t("chain_yes", export.audit_chain_count),
        t("chain_no", export.audit_chain_problem)))
    parts.append("</p>")
    if not export.verified:
        warning = t("warning")
        parts.append(f"<p style='color:{BAD}; font-weight:bold'>{_e(warning)}</p>")

    parts.append(f"<h2 style='font-size:12pt'>{_e(t('records'))}</h2>")
    for number, rec in enumerate(export.records, start=1):
        parts.append(_record_html(number, rec, t, who, ref, format_local))

    parts.append(f"<h2 style='font-size:12pt'>{_e(t('audit'))}</h2>")
    parts.append("<table width='100%' border='1' cellspacing='0' cellpadding='3' "
                 "style='border-collapse:collapse; border-color:#888'>")
    heads = (t("time"), t("user"), t("event"), t("record"), t("reason"))
    parts.append("<tr style='background:#e8e8e8'>" + "".join(
        f"<th align='left'>{_e(h)}</th>" for h in heads) + "</tr>")
    for entry in export.audit_entries:
        entry_no = index.get(entry.target)
        parts.append(
            "<tr>"
            f"<td>{_e(_when(entry.ts))}</td>"
            f"<td>{who(entry.actor)}</td>"
            f"<td>{_e(t.code(EVENTS, entry.event))}</td>"
            f"<td>{_e(t('no', entry_no) if entry_no else entry.target)}</td>"
            f"<td>{_e(entry.reason)}</td>"
            "</tr>")
    parts.append("</table></body></html>")
    return "".join(parts)


def _offline(server_check: str | None, t: _Translator) -> str:
    if server_check is None:
        return ""
    text = t.ctx(server_check_name.context, server_check_name.source(server_check))
    colour = BAD if server_check == "refused" else "#8a5a00"
    return f"<br/><span style='color:{colour}'>{_e(text)}</span>"


def _record_html(number: int, rec: ExportRecord, t: _Translator, who: Any, ref: Any,
                 format_local: Any) -> str:
    status = t.code(STATUSES, rec.status)
    out = [f"<h3 style='font-size:10.5pt'>{_e(t('no', number))} &nbsp; "
           f"{_e(t.code(RECORD_TYPES, rec.record_type))} &nbsp; "
           f"<span style='font-weight:normal'>[{_e(status)}]</span></h3>",
           "<table cellspacing='0' cellpadding='1'>"]

    def row(label: str, value_html: str) -> None:
        out.append(f"<tr><td valign='top'><b>{_e(label)}</b></td>"
                   f"<td>&nbsp;&nbsp;{value_html}</td></tr>")

    row(t("created_by"), who(rec.created_by))
    row(t("created_at"), _e(_when(rec.created_at)))
    if rec.corrects:
        row(t("corrects"), ref(rec.corrects))
        row(t("correction_reason"), _e(rec.reason or ""))
    if rec.corrected_by:
        row(t("corrected_by"), ref(rec.corrected_by))
    shown_type = (rec.corrects_type if rec.record_type == "correction" and rec.corrects_type
                  else rec.record_type)
    for label, value in readable_content(shown_type, rec.body, t.ctx, t.language):
        row(label, _e(value))
    row(t('record_id'), f"<span style='font-size:7pt'>{_e(rec.record_id)}</span>")
    row(t('content_hash'), f"<span style='font-size:7pt'>{_e(rec.content_hash)}</span>")
    if not rec.content_valid:
        row(t("content"), _verdict(False, "", t("content_bad")))
    out.append("</table>")
    out.append("<table width='100%' border='1' cellspacing='0' cellpadding='3' "
               "style='border-collapse:collapse; border-color:#888; margin-top:4px'>")
    heads = (t("signed_by"), t("date_time"), t("meaning"), t("signature"))
    out.append("<tr style='background:#e8e8e8'>" + "".join(
        f"<th align='left'>{_e(h)}</th>" for h in heads) + "</tr>")
    if not rec.signatures:
        out.append(f"<tr><td colspan='4'>{_e(t('no_signatures'))}</td></tr>")
    for sig in rec.signatures:
        out.append(
            "<tr>"
            f"<td>{_e(sig.printed_name)} ({_e(sig.signer_id)})</td>"
            f"<td>{_e(_when(sig.signed_at))}</td>"
            f"<td>{_e(t.code(MEANINGS, sig.meaning))}{_offline(sig.server_check, t)}</td>"
            f"<td>{_verdict(sig.valid, t('valid'), t('invalid'))}</td>"
            "</tr>")
    out.append("</table>")
    return "".join(out)


def render_pdf(export: BatchRecordExport, path: Path, language: str = "en") -> int:
    """Write the PDF to ``path`` (overwritten); returns the number of pages."""
    ensure_gui_application()
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setCreator("Operator Console")
    return paint_record(export, writer, RESOLUTION, language, str(path))


def print_record(export: BatchRecordExport, printer: QPrinter, language: str = "en") -> int:
    """Print the batch record on ``printer`` (chosen in the print dialog): the very pages of
    the PDF. Blocking (the spooler): call it from a worker. Returns the number of pages."""
    ensure_gui_application()
    return paint_record(export, printer, printer.resolution(), language, printer.printerName())


def paint_record(export: BatchRecordExport, device: QPdfWriter | QPrinter, resolution: int,
                 language: str, where: str) -> int:
    """Lay out and paint every page of the batch record on ``device`` (A4 portrait)."""
    t = _Translator(language)
    remember_recipes(export.recipes)
    with _locale(language):
        body = build_html(export, t)
        title = t("title")
    if isinstance(device, QPdfWriter):
        device.setTitle(f"{title} {export.batch_id}")
    else:
        device.setDocName(f"{title} {export.batch_id}")
    device.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 12), QPageLayout.Unit.Millimeter))
    font = _font()
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultFont(font)
    doc.setHtml(body)
    page = device.pageLayout().paintRectPixels(resolution)
    footer_h = resolution * 0.3  # about 7.6 mm
    body_h = page.height() - footer_h
    doc.setPageSize(QSizeF(page.width(), body_h))
    pages = max(1, doc.pageCount())
    painter = QPainter()
    if not painter.begin(device):
        raise OSError(f"cannot write {where}")
    try:
        footer_font = QFont(font)
        footer_font.setPointSizeF(8.0)
        for n in range(pages):
            if n:
                device.newPage()
            painter.save()
            painter.translate(0, -n * body_h)
            doc.drawContents(painter, QRectF(0, n * body_h, page.width(), body_h))
            painter.restore()
            painter.setFont(footer_font)
            painter.setPen(Qt.GlobalColor.black)
            area = QRectF(0, body_h, page.width(), footer_h)
            painter.drawLine(area.topLeft(), area.topRight())
            painter.drawText(area, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             f"{title} {export.batch_id}")
            painter.drawText(area, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             f"{n + 1} / {pages}")
    finally:
        painter.end()
    return pages


def write_pdf_atomically(export: BatchRecordExport, path: Path, language: str = "en") -> int:
    """Render to a temporary file next to ``path`` and rename it into place."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        pages = render_pdf(export, tmp, language)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return pages
